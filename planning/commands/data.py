"""``python -m planning data ...``: what the bundled data layers hold, and how fast they load.

``data summary [--unemployment KOSIS_CSV] [--mois MOIS_CSV] [--as-of YYYY-MM] [--json]``
    units (행정동, 시군구), totals and vintages of every bundled indicator, existing centers,
    and — given a KOSIS 지역별고용조사 or MOIS 주민등록 export — how many 시군구 rows joined
    and which did not.
``data timing [--cold]``
    load every bundled layer and report seconds and peak memory (``--cold`` rebuilds the
    cache first).
``data build-centers FACTS_CSV [--out data/centers.csv]``
    rebuild the project's centre table from the cited facts table (centers-facts/centers.csv):
    every fact and citation kept, each centre located offline, ``center_id`` kept per name.
``data build-unemployment KOSIS_CSV [--out data/unemployment_sigungu.csv]``
    rebuild the bundled 시군구 unemployment table (시군구 code, 경제활동인구, 실업자, 실업률)
    from a KOSIS 지역별고용조사 "경제활동인구 총괄" export.
"""

from __future__ import annotations

import argparse
import json
import resource
import sys
import time
from pathlib import Path
from typing import Any

from planning import settings


def add_arguments(parser: argparse.ArgumentParser) -> None:
    sub = parser.add_subparsers(dest="data_command", required=True)
    summary = sub.add_parser("summary", help="units, totals, vintages and joins of the data")
    summary.add_argument(
        "--unemployment", type=Path, metavar="KOSIS_CSV", help="KOSIS 지역별고용조사 시군구 export"
    )
    summary.add_argument(
        "--mois", type=Path, metavar="MOIS_CSV", help="MOIS 주민등록 인구 (or 연령별 인구) export"
    )
    summary.add_argument(
        "--as-of", default=settings.DEFAULT_AS_OF, help="month of the center network (YYYY-MM)"
    )
    summary.add_argument("--json", action="store_true", help="print one JSON object")
    summary.add_argument("--refresh", action="store_true", help="rebuild the cached layers")
    timing = sub.add_parser("timing", help="load time and peak memory of the bundled layers")
    timing.add_argument("--cold", action="store_true", help="rebuild the cache first")
    timing.add_argument("--json", action="store_true", help="print one JSON object")
    build = sub.add_parser("build-centers", help="rebuild data/centers.csv from the facts table")
    build.add_argument("facts", type=Path, metavar="FACTS_CSV", help="centers-facts/centers.csv")
    build.add_argument("--out", type=Path, default=None, help="output CSV (data/centers.csv)")
    unemp = sub.add_parser(
        "build-unemployment", help="rebuild data/unemployment_sigungu.csv from a KOSIS export"
    )
    unemp.add_argument("kosis", type=Path, metavar="KOSIS_CSV", help="경제활동인구 총괄 export")
    unemp.add_argument(
        "--out", type=Path, default=None, help="output CSV (data/unemployment_sigungu.csv)"
    )


def run(args: argparse.Namespace) -> int:
    if args.data_command == "timing":
        return _run_timing(args)
    if args.data_command == "build-centers":
        return _run_build_centers(args)
    if args.data_command == "build-unemployment":
        return _run_build_unemployment(args)
    summary = build_summary(
        unemployment=args.unemployment, mois=args.mois, as_of=args.as_of, refresh=args.refresh
    )
    if args.json:
        print(json.dumps(summary, ensure_ascii=False, indent=2))
    else:
        print(format_summary(summary))
    return 0


def _indicator_block(key: str, total: float) -> dict[str, Any]:
    from planning.demand import INDICATORS

    ind = INDICATORS[key]
    return {
        "total": round(float(total), 3),
        "unit": ind.unit,
        "vintage": ind.vintage,
        "source": ind.source,
        "license": ind.license,
        "allocated_from_sigungu": ind.allocated_from_sigungu,
    }


def build_summary(
    *,
    unemployment: Path | None = None,
    mois: Path | None = None,
    as_of: str = settings.DEFAULT_AS_OF,
    refresh: bool = False,
) -> dict[str, Any]:
    """The summary as a plain dict (what ``--json`` prints)."""
    from planning import crosswalk, demand, regions

    areas = regions.load_areas(refresh=refresh)
    indicators = demand.load_indicators(refresh=refresh)
    table = crosswalk.sigungu_table()
    mapping = demand.population_mapping_report(refresh=refresh)
    summary: dict[str, Any] = {
        "units": {
            "areas": int(len(areas)),
            "sigungu": int((table["kind"] == "unit").sum()),
            "cities_with_gu": int((table["kind"] == "city").sum()),
            "sido": int(areas["sido_code"].nunique()),
            "boundary_vintage": regions.BOUNDARY_VINTAGE,
            "boundary_source": regions.BOUNDARY_SOURCE,
        }
    }
    for key in demand.BUNDLED:
        summary[key] = _indicator_block(key, indicators[key].sum())
    summary["population"]["mapping_2025_to_2020"] = {
        str(k): int(v) for k, v in mapping["method"].value_counts().items()
    }
    summary["recipients"]["reported_units"] = int(len(demand.sigungu_reported()))
    summary["elderly"] = {
        "available": False,
        "note": demand.INDICATORS["elderly"].note,
    }
    summary["centers"] = _centers_block(as_of)
    if unemployment is not None:
        summary["unemployment"] = _import_block(unemployment, "kosis", indicators)
    if mois is not None:
        summary["mois"] = _import_block(mois, "mois", indicators)
        if "elderly_total" in summary["mois"]:
            summary["elderly"] = {
                "available": True,
                "total": summary["mois"]["elderly_total"],
                "vintage": summary["mois"]["vintage"],
                "source": summary["mois"]["source"],
            }
    summary["attributions"] = list(demand.ATTRIBUTIONS)
    return summary


def _centers_block(as_of: str) -> dict[str, Any]:
    try:
        from planning.centers import load_centers
    except ImportError as exc:  # the centers module is built separately
        return {"total": None, as_of: None, "error": f"planning.centers unavailable: {exc}"}
    return {
        "total": int(len(load_centers())),
        as_of: int(len(load_centers(as_of=as_of))),
        "as_of": as_of,
    }


def _import_block(path: Path, kind: str, indicators) -> dict[str, Any]:
    from planning import demand

    if kind == "kosis":
        from planning.sources.kosis import read_kosis_employment

        result = read_kosis_employment(path)
        column = "unemployed"
    else:
        from planning.sources.mois import read_mois_population

        result = read_mois_population(path)
        column = "residents"
    block: dict[str, Any] = {
        "file": str(path),
        "matched": int(result.matched),
        "unmatched": list(result.unmatched),
        "warnings": [str(w) for w in result.warnings],  # English, as the rest of the summary
        "source": result.source,
        "vintage": result.vintage,
    }
    if column in result.table:
        values = result.table[column]
        block["total"] = float(values.sum())
        allocated = demand.add_sigungu_indicator(indicators, column, values.dropna())
        block["areas_covered"] = int(allocated[column].notna().sum())
    if kind == "mois" and "age_65_plus" in result.table:
        block["elderly_total"] = float(result.table["age_65_plus"].sum())
    return block


def _fmt(value: Any) -> str:
    if isinstance(value, float):
        return f"{value:,.0f}" if abs(value) >= 100 else f"{value:,.2f}"
    if isinstance(value, int):
        return f"{value:,}"
    return "—" if value is None else str(value)


def format_summary(summary: dict[str, Any]) -> str:
    """A readable table of :func:`build_summary`."""
    units = summary["units"]
    lines = [
        f"Boundaries: {units['boundary_source']}",
        f"  행정동 areas: {_fmt(units['areas'])}   시군구: {_fmt(units['sigungu'])}   "
        f"시 with 일반구: {units['cities_with_gu']}   시도: {units['sido']}",
        "",
        f"{'indicator':<20} {'total':>14} {'unit':<11} {'vintage':<8} allocated from 시군구",
    ]
    from planning.demand import BUNDLED

    for key in BUNDLED:
        b = summary[key]
        lines.append(
            f"{key:<20} {_fmt(b['total']):>14} {b['unit']:<11} {b['vintage']:<8} "
            f"{'yes' if b['allocated_from_sigungu'] else 'no'}"
        )
    elderly = summary["elderly"]
    lines.append(
        f"{'elderly':<20} {_fmt(elderly.get('total')):>14} {'persons':<11} "
        f"{elderly.get('vintage', '—'):<8} {'yes' if elderly['available'] else elderly['note']}"
    )
    mapping = summary["population"].get("mapping_2025_to_2020", {})
    lines.append(
        "  population 2025 -> 2020 행정동: "
        + ", ".join(f"{k} {_fmt(v)}" for k, v in sorted(mapping.items()))
    )
    centers = summary["centers"]
    as_of = centers.get("as_of", "")
    lines += [
        "",
        f"Centers: {_fmt(centers['total'])} in total, {_fmt(centers.get(as_of))} by {as_of}",
    ]
    for key, title in (("unemployment", "KOSIS 지역별고용조사"), ("mois", "MOIS 주민등록")):
        if key in summary:
            b = summary[key]
            lines.append(
                f"{title} ({b['vintage']}): {b['matched']} 시군구 rows joined, "
                f"{len(b['unmatched'])} not joined"
                + (f": {', '.join(b['unmatched'])}" if b["unmatched"] else "")
            )
            if "total" in b:
                lines.append(
                    f"  total {_fmt(b['total'])}; 행정동 covered: {_fmt(b.get('areas_covered'))}"
                )
            lines += [f"  warning: {w}" for w in b["warnings"]]
    lines += ["", "Sources:"] + [f"  {a}" for a in summary["attributions"]]
    return "\n".join(lines)


def _peak_rss_mb() -> float:
    peak = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss
    return peak / (1024 * 1024) if sys.platform == "darwin" else peak / 1024


def _run_timing(args: argparse.Namespace) -> int:
    from planning import demand, regions

    steps = {
        "areas": lambda: regions.load_areas(refresh=args.cold),
        "areas_simplified": lambda: regions.load_areas(simplified=True, refresh=args.cold),
        "sigungu": lambda: regions.load_sigungu(refresh=args.cold),
        "sido": lambda: regions.load_sido(refresh=args.cold),
        "land": lambda: regions.load_land(),
        "indicators": lambda: demand.load_indicators(refresh=args.cold),
    }
    seconds: dict[str, float] = {}
    start = time.perf_counter()
    for name, step in steps.items():
        t = time.perf_counter()
        step()
        seconds[name] = round(time.perf_counter() - t, 3)
    result = {
        "cold": bool(args.cold),
        "seconds": seconds,
        "total_seconds": round(time.perf_counter() - start, 3),
        "peak_rss_mb": round(_peak_rss_mb(), 1),
        "cache_dir": str(settings.cache_dir("layers")),
    }
    if args.json:
        print(json.dumps(result, indent=2))
    else:
        for name, sec in seconds.items():
            print(f"{name:<18} {sec:>7.3f} s")
        print(
            f"{'total':<18} {result['total_seconds']:>7.3f} s   peak RSS {result['peak_rss_mb']} MB"
        )
    return 0


def _run_build_centers(args: argparse.Namespace) -> int:
    from planning.centers import CENTERS_CSV, write_centers_table

    out = args.out or CENTERS_CSV
    table = write_centers_table(args.facts, out)
    precision = table["location_precision"].value_counts()
    known = table["open_by"].fillna("").astype(str) != ""
    print(f"{len(table)} centres -> {out}")
    print("  location: " + ", ".join(f"{k} {v}" for k, v in precision.items()))
    print(f"  with an opening month: {int(known.sum())}, unknown opening: {int((~known).sum())}")
    return 0


def _run_build_unemployment(args: argparse.Namespace) -> int:
    from planning.demand import UNEMPLOYMENT_CSV
    from planning.sources.kosis import bundled_table_from_export

    out = args.out or UNEMPLOYMENT_CSV
    table = bundled_table_from_export(args.kosis)
    table.to_csv(out, index=False, encoding="utf-8", lineterminator="\n")
    zero = int((table["unemployed_thousands"] == 0).sum())
    print(f"{len(table)} 시군구 ({table.attrs.get('vintage', '')}) -> {out}")
    print(f"  실업자 reads 0 (rounded to thousands) in {zero}: rate × 경제활동인구 is used there")
    return 0
