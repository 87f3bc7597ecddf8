"""``python -m planning retrospective``: the real expansion of a window beside the optimum.

``retrospective --from 2016-01 --to 2017-12 [--threshold 30] [--vintage 2015] --out DIR``
compares the cited centres that opened after the start month and by the end month with the
coverage optimum of the same count from the same start network, on the bundled national data of
the chosen demand vintage (:mod:`planning.plan.retrospective`). Writes

* ``DIR/summary.json``: settings and vintages, ``real`` and ``optimal`` (each with
  ``new_centers``, ``covered_share`` and the KPIs), ``same_sigungu``, ``share_of_optimal_gain``,
  the real centres with their own gain and rank, and ``gaps`` (what the table lacks);
* ``DIR/sites.csv`` and ``DIR/retrospective.xlsx``: both site sets, KPIs side by side, the real
  centres, the centres the table is missing, settings and sources (Korean headers and sheets;
  ``--lang en`` for English ones).
"""

from __future__ import annotations

import argparse
import json
from pathlib import Path

from planning.i18n import msg, t
from planning.settings import DEFAULT_THRESHOLD_MIN
from planning.vintage import VINTAGES


def add_arguments(parser: argparse.ArgumentParser) -> None:
    parser.add_argument("--from", dest="after", default="2016-01", help="start month (YYYY-MM)")
    parser.add_argument("--to", dest="until", default="2017-12", help="end month (YYYY-MM)")
    parser.add_argument(
        "--threshold", type=float, default=DEFAULT_THRESHOLD_MIN, help="coverage standard (min)"
    )
    parser.add_argument(
        "--vintage", choices=list(VINTAGES), default=None, help="demand vintage (default 2025)"
    )
    parser.add_argument("--time-limit", type=float, default=None, help="MILP time limit (s)")
    parser.add_argument("--out", type=Path, required=True, help="output folder")
    parser.add_argument("--lang", choices=["ko", "en"], default="ko", help="language of the files")


def run(args: argparse.Namespace) -> int:
    from planning.errors import DataError
    from planning.plan.retrospective import national_retrospective, sites_csv, workbook

    if not 0 < args.threshold <= 90:
        raise DataError.of("retro.threshold", threshold=args.threshold)
    report = national_retrospective(
        args.after,
        args.until,
        threshold=args.threshold,
        vintage=args.vintage,
        time_limit=args.time_limit,
    )
    out: Path = args.out
    out.mkdir(parents=True, exist_ok=True)
    summary = report.summary()
    (out / "summary.json").write_text(
        json.dumps(summary, ensure_ascii=False, indent=2), encoding="utf-8"
    )
    (out / "sites.csv").write_bytes(sites_csv(report, args.lang))
    (out / "retrospective.xlsx").write_bytes(workbook(report, args.lang))
    r, o = summary["real"], summary["optimal"]
    share = summary["share_of_optimal_gain"]
    gaps = summary["gaps"]
    print(
        t(
            "retro.cli.header",
            "en",
            after=report.after,
            until=report.until,
            threshold=report.threshold,
            vintage=report.vintage,
            start=summary["start_centers"],
            opened=r["new_centers"],
        )
    )
    proof = "retro.cli.proven" if o["proven_optimal"] else "retro.cli.not_proven"
    print(
        t(
            "retro.cli.shares",
            "en",
            start=100 * summary["start"]["covered_share"],
            real=100 * r["covered_share"],
            optimal=100 * o["covered_share"],
            proof=msg(proof),
            gap=o["gap"],
        )
    )
    if share is not None:
        print(t("retro.cli.share", "en", share=100 * share))
    if summary["same_sigungu"] is not None:
        print(
            t("retro.cli.same_sigungu", "en", share=100 * summary["same_sigungu"]["covered_share"])
        )
    count = gaps["programme_count"]
    print(
        t(
            "retro.cli.gaps",
            "en",
            open=gaps["cited_open"],
            month=gaps["month"],
            programme=msg("retro.cli.programme", n=count) if count else "",
            unknown=len(gaps["unknown_opening"]),
        )
    )
    print(f"  -> {out / 'summary.json'}, {out / 'sites.csv'}, {out / 'retrospective.xlsx'}")
    return 0
