"""``python -m planning bench --model center`` runs on the bundled national instance and says
what it measured (the speed figures themselves live in the README, not in a timed test)."""

from __future__ import annotations

import json

from planning.cli import main


def test_bench_center_reports_a_proven_optimum_and_a_valid_fast_bound(capsys):
    assert (
        main(["bench", "--model", "center", "--total", "75", "--no-peers", "--warm", "--json"]) == 0
    )
    res = json.loads(capsys.readouterr().out)
    exact, fast, warm = res["exact"], res["fast"], res["warm"]
    assert res["instance"]["model"] == "center" and res["instance"]["total"] == 75
    assert exact["optimal"] and exact["bound"] == exact["objective"]
    assert fast["bound"] <= exact["objective"] + 1e-9 <= fast["objective"] + 1e-9
    # every weight > 0 stays > 0 after the 5% change, so the optimum is the same, and the
    # warm start (the fast answer) can only be improved on
    lo = exact["objective"] - 1e-9
    assert lo <= warm["warm_objective"] <= fast["objective"] + 1e-9
    assert lo <= warm["cold_objective"]
