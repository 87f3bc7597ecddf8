"""Command line: ``python -m planning <command> ...``.

Each command lives in ``planning/commands/<name>.py`` and exposes
``add_arguments(parser)`` and ``run(args) -> int``.
"""

from __future__ import annotations

import argparse
import importlib
import sys

from planning.errors import PlanningError

COMMANDS: dict[str, str] = {
    "run": "Run a scenario file saved by the app; write the app's export files",
    "data": "Data layer: summary of the bundled layers and importers",
    "catchments": "Travel-time catchments of sites, as GeoJSON",
    "optimize": "Propose new centre sites (coverage / median / center / min-sites)",
    "bench": "Benchmark the national optimization instance",
    "sweep": "Robustness: how often each site is picked when weights and the standard vary (Dask)",
}


def build_parser() -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(prog="python -m planning", description=__doc__)
    sub = parser.add_subparsers(dest="command", required=True)
    for name, help_text in COMMANDS.items():
        try:
            module = importlib.import_module(f"planning.commands.{name}")
        except ModuleNotFoundError as exc:  # command not built yet
            if exc.name != f"planning.commands.{name}":
                raise
            continue
        p = sub.add_parser(name, help=help_text, description=help_text)
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
