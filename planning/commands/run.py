"""``python -m planning run``: run a scenario saved by the app and write the app's export files.

Reads a scenario file (.toml or .json, as saved from the app's 시나리오 box), the bundled data plus
the files you give (the same importers as the app's 자료 올리기 page), solves the scenario with
the same pipeline as the app and writes into ``--out`` the files the app's export buttons give:
the site list (CSV and Excel), GeoJSON of the sites, their reach (도달 범위) and service areas
(담당 구역), the meeting summary, and ``summary.json`` (objective, bound, gap, optimality, time,
every setting, the KPIs and the data vintages).

Example::

    python -m planning run my-scenario.toml --unemployment kosis.csv --out result/
"""

from __future__ import annotations

import argparse
import sys
from pathlib import Path

from planning.errors import DataError
from planning.i18n import msg, t


def add_arguments(parser: argparse.ArgumentParser) -> None:
    parser.add_argument("scenario", type=Path, help="scenario file saved by the app (.toml/.json)")
    parser.add_argument(
        "--unemployment",
        type=Path,
        metavar="FILE",
        help="KOSIS 지역별고용조사 시군구 export (replaces the bundled)",
    )
    parser.add_argument(
        "--mois", type=Path, metavar="FILE", help="MOIS 주민등록 인구 file (CSV/XLSX)"
    )
    parser.add_argument(
        "--centers", type=Path, metavar="FILE", help="your own center list (replaces the bundled)"
    )
    parser.add_argument(
        "--indicator",
        type=Path,
        metavar="FILE",
        action="append",
        default=[],
        help="a 시군구 indicator table (repeat for several)",
    )
    parser.add_argument(
        "--matrix",
        type=Path,
        metavar="FILE",
        help="your own travel-time table (origin_id,destination_id,minutes)",
    )
    parser.add_argument("--exact", action="store_true", help="prove the optimum (slower)")
    parser.add_argument(
        "--time-limit", type=float, default=None, metavar="SECONDS", help="solver time limit"
    )
    parser.add_argument("--lang", choices=["ko", "en"], default="ko", help="language of the files")
    parser.add_argument("--out", type=Path, required=True, metavar="DIR", help="output folder")


def _read(path: Path) -> bytes:
    if not path.is_file():
        raise DataError.of("run.no_file", path=path)
    return path.read_bytes()


def run(args: argparse.Namespace) -> int:
    from planning.plan import build_network, load_base, run_scenario
    from planning.plan.matrix import matrix_network, matrix_notices, read_matrix_upload
    from planning.plan.outputs import write_outputs
    from planning.plan.uploads import apply_upload
    from planning.scenario import load_scenario

    scenario = load_scenario(args.scenario.name, _read(args.scenario))
    base = load_base(vintage=scenario.vintage)  # the scenario's demand figures
    uploads = [("kosis", args.unemployment), ("mois", args.mois), ("centers", args.centers)]
    uploads += [("table", p) for p in args.indicator]
    for kind, path in uploads:
        if path is None:
            continue
        base, report = apply_upload(base, kind, path.name, _read(path))
        for w in report.warnings:
            print(f"{path.name}: {w.text(args.lang)}", file=sys.stderr)
    if args.matrix is not None:
        matrix = read_matrix_upload(args.matrix.name, _read(args.matrix))
        net = matrix_network(base, matrix)
        for w in matrix_notices(base, net):
            print(f"{args.matrix.name}: {w.text(args.lang)}", file=sys.stderr)
    else:
        if scenario.engine == "matrix":
            raise DataError.of("run.no_matrix")
        net = build_network(base)
    result = run_scenario(
        base, net, scenario, exact=args.exact or None, time_limit=args.time_limit, lang=args.lang
    )
    written = write_outputs(base, net, result, args.out, lang=args.lang)
    sol = result.solution
    print(
        t(
            "run.done",
            args.lang,
            name=scenario.name,
            n=len(result.new_ids),
            objective=sol.objective,
            bound=sol.bound,
            gap=100 * sol.gap,
            status=msg("run.optimal" if sol.optimal else "run.not_optimal"),
        )
    )
    for path in written.values():
        print(path)
    return 0
