from planning.cli import main

raise SystemExit(main())
