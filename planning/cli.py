"""고용복지+센터 확충 입지 계획 — command line for batch runs.

Where should the next Employment-Welfare Plus Centers go so that the people who need them can
reach one? Run a scenario saved in the app, propose sites from your own files, compute travel-time
catchments, check the data, or measure the optimizer.
"""

from __future__ import annotations

import argparse
import importlib
import sys

from planning.errors import PlanningError

#: command -> (one line for the list, description with an example)
COMMANDS: dict[str, tuple[str, str] | str] = {
    "run": (
        "run a scenario saved in the app and write its export files (시나리오 실행)",
        "Runs a scenario file saved in the app (시나리오 → TOML 파일 / JSON 파일) on the\n"
        "bundled data and the files you add, and writes the same files as the app's export\n"
        "buttons: the site list (CSV, Excel), GeoJSON of sites, reach (도달 범위) and service\n"
        "areas (담당 구역), the meeting summary, and summary.json.\n\n"
        "example:\n  python -m planning run 부산안.toml --unemployment kosis.csv --out 결과/",
    ),
    "optimize": (
        "propose new sites from your own CSV files or the national data (입지 최적화)",
        "Proposes where new centers go. With --demand/--candidates/--existing (id,lat,lon[,weight])\n"
        "it uses your files; without them the bundled national data (January-2016 network).\n\n"
        "examples:\n"
        "  python -m planning optimize --total 100 --threshold 30 --out 결과/\n"
        "  python -m planning optimize --demand d.csv --candidates c.csv --existing e.csv \\\n"
        "      --travel matrix --matrix od.csv --total 12 --out 결과/",
    ),
    "catchments": (
        "travel-time catchments of sites, as GeoJSON (도달 범위)",
        "Which 행정동 can reach each site within the threshold, by straight lines, an OpenStreetMap\n"
        "road network or your own travel-time table.\n\n"
        "example:\n  python -m planning catchments --site 37.5665,126.978 --threshold 30 --out 결과/",
    ),
    "data": (
        "check the bundled data and your files (자료 점검)",
        "Units, totals, vintages and joins of the bundled data, and of KOSIS / MOIS files you give.\n\n"
        "example:\n  python -m planning data summary --unemployment kosis.csv",
    ),
    "bench": (
        "measure the optimizer against reference solvers (성능 측정)",
        "Times the national instance with our solver, the plain textbook model in HiGHS and (with\n"
        "the bench extra) PySAL spopt, in one run.\n\n"
        "example:\n  python -m planning bench --no-spopt",
    ),
    "retrospective": (
        "the real 2016–2017 expansion beside the optimum of the same size (회고 분석)",
        "Compares the centers that really opened in a window with the optimizer's best choice of\n"
        "the same number of sites from the same start, on the same data and standard.\n\n"
        "example:\n  python -m planning retrospective --from 2016-01 --to 2017-12 --out 결과/",
    ),
    "sweep": (
        "how robust the proposed sites are when weights and the standard vary (견고성 분석)",
        "Perturbs the scenario's weights (each times a factor in [1-spread, 1+spread]) and picks\n"
        "standards from --thresholds, solves every sample on a Dask cluster (a local one, or an\n"
        "existing one with --scheduler) and writes how often each site is picked: stable (안정,\n"
        ">= 90 %), swing (경합, 20-90 %) or rare (드묾, < 20 %).\n\n"
        "examples:\n"
        "  python -m planning sweep 부산안.toml --samples 200 --thresholds 20,30,45 --out 결과/\n"
        "  python -m planning sweep 부산안.toml --samples 500 --scheduler tcp://10.0.0.5:8786 \\\n"
        "      --out 결과/",
    ),
}


def build_parser() -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(
        prog="python -m planning",
        description=__doc__,
        formatter_class=argparse.RawDescriptionHelpFormatter,
        epilog="Help on one command: python -m planning COMMAND --help",
    )
    sub = parser.add_subparsers(dest="command", required=True, metavar="COMMAND")
    for name, texts in COMMANDS.items():
        summary, description = (texts, texts) if isinstance(texts, str) else texts
        try:
            module = importlib.import_module(f"planning.commands.{name}")
        except ModuleNotFoundError as exc:  # command not built yet
            if exc.name != f"planning.commands.{name}":
                raise
            continue
        p = sub.add_parser(
            name,
            help=summary,
            description=description,
            formatter_class=argparse.RawDescriptionHelpFormatter,
        )
        module.add_arguments(p)
        p.set_defaults(_run=module.run)
    return parser


def main(argv: list[str] | None = None) -> int:
    args = build_parser().parse_args(argv)
    try:
        return int(args._run(args) or 0)
    except PlanningError as exc:
        print(f"error: {exc}", file=sys.stderr)
        return 2
