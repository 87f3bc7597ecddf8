"""``python -m planning run``: run a scenario saved by the app and write the app's export files.

Reads a scenario file (.toml or .json, as saved from the app's 시나리오 box), the bundled data plus
the files you give (the same importers as the app's 자료 올리기 page), solves the scenario with
the same pipeline as the app and writes into ``--out`` the files the app's export buttons give:
the site list (CSV and Excel), GeoJSON of the sites, their reach (도달 범위) and service areas
(담당 구역), the meeting summary, and ``summary.json`` (objective, bound, gap, optimality, time,
every setting, the KPIs and the data vintages).

Example::

    python -m planning run my-scenario.toml --unemployment kosis.csv --out result/

A scenario with ``engine = "osm"`` routes on real roads: the road file from ``--osm`` (an
OpenStreetMap ``.osm.pbf`` or an OSMnx GraphML file), else ``PLANNING_ROAD_FILE`` or ``[roads]
file`` in ``planning.toml``; ``--sido 11,23`` (or the configured ``sido``) clips it to those 시도.
The table is built once (a progress bar on stderr) and cached by file hash.
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
    parser.add_argument(
        "--osm",
        type=Path,
        metavar="FILE",
        help='road file for a scenario with engine = "osm" (.osm.pbf or OSMnx GraphML; '
        "default: PLANNING_ROAD_FILE or [roads] file in planning.toml)",
    )
    parser.add_argument(
        "--sido",
        metavar="CODES",
        help="clip the road network to these 시도 (2-digit KOSTAT codes, e.g. 11,23)",
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


class _Bar:
    """A text progress bar on stderr for the road table: ``[#####     ]  50 % 이동시간 계산 중``."""

    def __init__(self, lang: str, width: int = 30) -> None:
        self.lang, self.width, self.last = lang, width, None

    def __call__(self, fraction: float, stage: str) -> None:
        from planning.travel.roads import STAGES

        label = STAGES.get(stage, (stage, stage))[0 if self.lang == "ko" else 1]
        shown = (int(100 * fraction), label)
        if shown == self.last:
            return
        self.last = shown
        done = int(round(self.width * fraction))
        bar = "#" * done + " " * (self.width - done)
        end = "\n" if stage == "done" else ""
        print(f"\r[{bar}] {shown[0]:3d} % {label}\x1b[K", end=end, file=sys.stderr, flush=True)


def _road_network(base, scenario, args: argparse.Namespace):
    """The osm engine's network from ``--osm``, else the configured road file."""
    from planning.plan.network import road_network, road_notices
    from planning.settings import parse_sido, road_settings

    configured = road_settings()
    path = args.osm or (configured.file if configured else None)
    if path is None:
        raise DataError.of("run.no_road_file")
    if args.sido is not None:
        sido = parse_sido(args.sido)
    else:
        sido = configured.sido if configured and not args.osm else ()
    net = road_network(base, path, sido=sido or None, progress=_Bar(args.lang))
    for w in road_notices(base, net):
        print(f"{Path(path).name}: {w.text(args.lang)}", file=sys.stderr)
    return net


def run(args: argparse.Namespace) -> int:
    from planning.plan import build_network, load_base, run_scenario
    from planning.plan.matrix import matrix_network, matrix_notices, read_matrix_upload
    from planning.plan.outputs import write_outputs
    from planning.plan.uploads import apply_upload
    from planning.scenario import parse_scenario_file, read_dict

    data = parse_scenario_file(args.scenario.name, _read(args.scenario))
    scenario, _ = read_dict(data)  # its vintage and engine choose the data and the network
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
        if scenario.engine == "osm":
            net = _road_network(base, scenario, args)
        else:
            net = build_network(base)
    # a version-1 file's phase sizes count from the centers of THIS run (--centers included);
    # what was converted on the way is said, as the app says it
    scenario, notes = read_dict(data, existing=lambda as_of: int(net.fixed_mask(as_of).sum()))
    for note in notes:
        print(f"{args.scenario.name}: {note.text(args.lang)}", file=sys.stderr)
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
