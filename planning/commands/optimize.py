"""``python -m planning optimize``: propose new centre sites from CSV files or the national data.

With ``--demand/--candidates/--existing`` (id,lat,lon[,weight]) it runs on those files; without
them, on the bundled national data (all 행정동 as demand and candidates, the January-2016 network
as existing centers, the default demand index as weights). Writes ``DIR/sites.csv`` (every open
site: id, name when known, lat, lon, status, rank), ``DIR/summary.json`` (objective, bound, gap, optimal,
seconds, settings) and ``DIR/explain.csv`` (why each new site, with the names of the site, its
nearest existing center and its best alternative). The CSVs are UTF-8 with a BOM, so Excel opens
the Korean names correctly. Names: the national data's center names and "시도 시군구 행정동";
from files, an optional ``name`` column (also ``name_ko``, ``이름``, ``명칭``).
"""

from __future__ import annotations

import argparse
import json
from pathlib import Path

import numpy as np
import pandas as pd

from planning.errors import DataError, InfeasibleScenario
from planning.i18n import msg
from planning.optimize import MODELS, LocationProblem, explain, solve
from planning.settings import DEFAULT_TARGET_TOTAL, DEFAULT_THRESHOLD_MIN

UNCAPPED_MINUTES = 1e7  # a cutoff no trip within Korea reaches: the table keeps every pair
NAME_COLUMNS = ("name", "name_ko", "이름", "명칭")


def add_arguments(parser: argparse.ArgumentParser) -> None:
    parser.add_argument("--demand", type=Path, help="CSV with id,lat,lon,weight")
    parser.add_argument("--candidates", type=Path, help="CSV with id,lat,lon")
    parser.add_argument("--existing", type=Path, help="CSV with id,lat,lon (always open)")
    parser.add_argument(
        "--travel",
        choices=["straight", "matrix"],
        default=None,
        help="straight lines (default) or your own table (--matrix)",
    )
    parser.add_argument(
        "--matrix",
        type=Path,
        default=None,
        help="your own travel-time table (origin_id = demand id / 행정동 code, destination_id = "
        "candidate or existing id, minutes); pairs absent from it are unreachable",
    )
    parser.add_argument(
        "--speed-kmh",
        type=float,
        default=None,
        help="uniform speed: minutes = great-circle km x detour / speed x 60",
    )
    parser.add_argument("--detour", type=float, default=1.3)
    parser.add_argument(
        "--threshold",
        type=float,
        default=DEFAULT_THRESHOLD_MIN,
        help="coverage standard in minutes (coverage and min-sites models)",
    )
    parser.add_argument(
        "--total",
        type=int,
        default=DEFAULT_TARGET_TOTAL,
        help="network size: existing + new centers",
    )
    parser.add_argument("--model", choices=list(MODELS), default="coverage")
    parser.add_argument(
        "--target-share",
        type=float,
        default=None,
        help="min-sites: share of the weight to bring within the threshold (0-1)",
    )
    parser.add_argument(
        "--penalty",
        type=float,
        default=None,
        help="median/center: cut travel at this many minutes, beyond it a trip "
        "costs this penalty (default: uncapped minutes)",
    )
    parser.add_argument(
        "--mip-gap",
        type=float,
        default=1e-6,
        help="relative gap at which the exact solve stops (default 1e-6; 0.001 = 0.1%%)",
    )
    parser.add_argument("--time-limit", type=float, default=None, help="MILP time limit (s)")
    parser.add_argument(
        "--heuristic",
        action="store_true",
        help="stop after the heuristic (still reports the bound and gap)",
    )
    parser.add_argument("--out", type=Path, required=True, help="output folder")


def _read_points(path: Path, what: str, *, weight: bool = False) -> pd.DataFrame:
    from planning.sources.readers import read_table

    label = msg(f"optimize.what.{what}")
    if not path.exists():
        raise DataError.of("optimize.no_file", what=label, path=str(path))
    table = read_table(path)
    table.columns = [str(c).strip().lower() for c in table.columns]
    need = ["id", "lat", "lon"] + (["weight"] if weight else [])
    missing = [c for c in need if c not in table.columns]
    if missing:
        raise DataError.of(
            "optimize.missing_columns",
            what=label,
            name=path.name,
            missing=", ".join(missing),
            found=", ".join(table.columns),
            need=",".join(need),
        )
    out = pd.DataFrame({"id": table["id"].astype("string").str.strip()})
    name_col = next((c for c in NAME_COLUMNS if c in table.columns), None)
    if name_col is not None:
        out["name"] = table[name_col].astype("string").str.strip().fillna("").to_numpy()
    if out["id"].isna().any():
        raise DataError.of("optimize.no_id", what=label, name=path.name)
    dup = out["id"][out["id"].duplicated()].unique().tolist()
    if dup:
        raise DataError.of(
            "optimize.duplicate_ids", what=label, name=path.name, ids=", ".join(map(str, dup[:5]))
        )
    for col in need[1:]:
        vals = pd.to_numeric(table[col], errors="coerce")
        bad = vals.isna() | ~np.isfinite(vals.astype(float))
        if bad.any():
            raise DataError.of(
                "optimize.not_numeric",
                what=label,
                name=path.name,
                col=col,
                ids=", ".join(out["id"][bad].head(5).tolist()),
            )
        out[col] = vals.astype(float).to_numpy()
    if weight and (out["weight"] < 0).any():
        raise DataError.of("optimize.negative_weights", what=label, name=path.name)
    return out


def problem_from_files(
    demand: Path,
    candidates: Path,
    existing: Path,
    *,
    model: str,
    threshold: float,
    speed_kmh: float | None,
    detour: float,
    penalty: float | None,
    matrix: Path | None = None,
) -> tuple[LocationProblem, pd.DataFrame, dict]:
    """LocationProblem from the three CSV files, with straight-line minutes or, with
    ``matrix``, the minutes of that OD table."""
    from planning.travel import straight_table

    dem = _read_points(demand, "demand", weight=True)
    cand = _read_points(candidates, "candidates")
    ex = _read_points(existing, "existing")
    clash = sorted(set(ex["id"]) & set(cand["id"]))
    if clash:
        raise DataError.of("optimize.existing_in_candidates", ids=", ".join(clash[:5]))
    sites = pd.concat(
        [ex.assign(status="existing"), cand.assign(status="candidate")], ignore_index=True
    )
    if model in ("coverage", "min-sites"):
        cutoff = threshold
    else:
        cutoff = penalty if penalty is not None else UNCAPPED_MINUTES
    if matrix is not None:
        from planning.travel.matrix import matrix_table

        table = matrix_table(
            matrix, sites["id"].to_numpy(), dem["id"].to_numpy(), cutoff=min(cutoff, 1e6)
        )
        travel = {"engine": "matrix", "file": matrix.name, "cutoff": cutoff}
    else:
        table = straight_table(
            sites["lat"].to_numpy(),
            sites["lon"].to_numpy(),
            dem["lat"].to_numpy(),
            dem["lon"].to_numpy(),
            cutoff=cutoff,
            speed_kmh=speed_kmh,
            detour=detour,
            site_ids=sites["id"].to_numpy(),
            area_ids=dem["id"].to_numpy(),
        )
        travel = {"engine": "straight", "speed_kmh": speed_kmh, "detour": detour, "cutoff": cutoff}
    problem = LocationProblem(
        weights=dem["weight"].to_numpy(),
        minutes=table,
        fixed=(sites["status"] == "existing").to_numpy(),
        site_ids=sites["id"].to_numpy(),
        demand_ids=dem["id"].to_numpy(),
    )
    return problem, sites, travel


def straight_site_minutes(sites: pd.DataFrame, speed_kmh: float | None, detour: float):
    """site_minutes(from_idx, to_idx) for explanations: uncapped straight-line minutes."""
    from planning.travel import straight_table

    def minutes(from_idx: np.ndarray, to_idx: np.ndarray) -> np.ndarray:
        a, b = sites.iloc[np.asarray(from_idx)], sites.iloc[np.asarray(to_idx)]
        return straight_table(
            a["lat"].to_numpy(),
            a["lon"].to_numpy(),
            b["lat"].to_numpy(),
            b["lon"].to_numpy(),
            cutoff=UNCAPPED_MINUTES,
            speed_kmh=speed_kmh,
            detour=detour,
        ).dense()

    return minutes


def write_outputs(
    out: Path,
    problem: LocationProblem,
    sites: pd.DataFrame,
    sol,
    summary: dict,
    indicators: pd.DataFrame | None = None,
    site_minutes=None,
) -> None:
    out.mkdir(parents=True, exist_ok=True)
    rank = {sid: r for r, sid in enumerate(np.asarray(sol.new_sites).tolist(), start=1)}
    open_sites = sites[sol.open_mask].copy()
    open_sites["status"] = np.where(problem.fixed[sol.open_mask], "existing", "new")
    open_sites["rank"] = [rank.get(s) for s in open_sites["id"].tolist()]
    open_sites["rank"] = open_sites["rank"].astype("Int64")
    order = open_sites["rank"].fillna(0).to_numpy()
    open_sites = open_sites.iloc[np.lexsort((order, open_sites["status"] == "new"))]
    names = site_names(sites)
    cols = ["id", "lat", "lon", "status", "rank"]
    if any(names.values()):  # files without a name column: ids only, as before
        open_sites["name"] = [names.get(str(i), "") for i in open_sites["id"]]
        cols.insert(1, "name")
    open_sites[["lat", "lon"]] = open_sites[["lat", "lon"]].round(6)
    _csv(open_sites[cols], out / "sites.csv")
    (out / "summary.json").write_text(
        json.dumps(summary, indent=2, ensure_ascii=False, default=str)
    )
    table = explain(problem, sol, indicators, site_minutes=site_minutes)
    _csv(with_names(table, names), out / "explain.csv")


def _csv(frame: pd.DataFrame, path: Path) -> None:
    """UTF-8 with BOM (Excel on Windows reads the Korean), CRLF line ends."""
    frame.to_csv(path, index=False, encoding="utf-8-sig", lineterminator="\r\n")


def site_names(sites: pd.DataFrame) -> dict[str, str]:
    """Site id -> a readable name: "시도 시군구 행정동" for the national candidates (from the
    bundled areas), else the ``name_ko`` / ``name`` column; empty when there is none."""
    col = "name_ko" if "name_ko" in sites.columns else "name" if "name" in sites.columns else None
    if col is None:
        return {}
    names = dict(zip(sites["id"].astype(str), sites[col].fillna("").astype(str), strict=True))
    if "status" in sites.columns and col == "name_ko":  # the national instance
        from planning.regions import load_areas

        areas = load_areas()
        full = areas["sido_ko"] + " " + areas["sigungu_ko"] + " " + areas["name_ko"]
        cand = sites.loc[sites["status"] == "candidate", "id"].astype(str)
        lookup = dict(zip(areas["area_code"].astype(str), full, strict=True))
        names.update({i: lookup[i] for i in cand if i in lookup})
    return names


def with_names(table: pd.DataFrame, names: dict[str, str]) -> pd.DataFrame:
    """explain()'s table with a name column after each id column, and names in the sentence."""
    import re

    out = table.copy()
    for col in ("site_id", "nearest_existing", "best_alternative"):
        if col in out.columns and any(names.values()):
            named = out[col].map(lambda i: names.get(str(i), "") if pd.notna(i) else "")
            out.insert(out.columns.get_loc(col) + 1, col.removesuffix("_id") + "_name", named)
    if names and "explanation" in out.columns:
        ids = sorted((i for i in names if names[i]), key=len, reverse=True)
        if ids:
            pattern = re.compile(
                "|".join(rf"(?<![0-9A-Za-z:]){re.escape(i)}(?![0-9A-Za-z])" for i in ids)
            )
            out["explanation"] = [
                pattern.sub(lambda m: names[m.group(0)], str(x)) for x in out["explanation"]
            ]
    return out


def run(args: argparse.Namespace) -> int:
    files = [args.demand, args.candidates, args.existing]
    if any(f is not None for f in files) and not all(f is not None for f in files):
        raise DataError.of("optimize.three_files")
    if (args.travel == "matrix") != (args.matrix is not None) and args.travel is not None:
        raise DataError.of("optimize.matrix_flag")
    if args.matrix is not None and not all(f is not None for f in files):
        raise DataError.of("optimize.matrix_needs_files")
    indicators = None
    if all(f is not None for f in files):
        problem, sites, travel = problem_from_files(
            args.demand,
            args.candidates,
            args.existing,
            model=args.model,
            threshold=args.threshold,
            speed_kmh=args.speed_kmh,
            detour=args.detour,
            penalty=args.penalty,
            matrix=args.matrix,
        )
        source = "files"
        site_minutes = straight_site_minutes(sites, args.speed_kmh, args.detour)
    else:
        from planning.plan.national import national_instance

        inst = national_instance(
            threshold=args.threshold if args.model in ("coverage", "min-sites") else None,
            speed_kmh=args.speed_kmh,
            detour=args.detour,
            penalty=args.penalty,
        )
        problem, sites, travel, indicators = inst.problem, inst.sites, inst.travel, inst.indicators
        site_minutes = inst.site_minutes
        source = "national"
    if args.total < problem.n_fixed and args.model != "min-sites":
        raise InfeasibleScenario.of("optimize.total_low", total=args.total, n=problem.n_fixed)
    sol = solve(
        problem,
        model=args.model,
        total=None if args.model == "min-sites" else args.total,
        threshold=args.threshold,
        exact=not args.heuristic,
        time_limit=args.time_limit,
        target_share=args.target_share,
        penalty=args.penalty,
        mip_gap=args.mip_gap,
    )
    summary = sol.summary()
    summary.update(
        {
            "source": source,
            "travel": travel,
            "existing": problem.n_fixed,
            "total_weight": float(problem.weights.sum()),
        }
    )
    if args.model in ("median", "center"):
        summary["threshold"] = None
        summary["minutes"] = (
            "uncapped straight-line minutes"
            if args.penalty is None
            else f"minutes cut at {args.penalty:g}; unreachable pairs cost {args.penalty:g} min"
        )
    write_outputs(args.out, problem, sites, sol, summary, indicators, site_minutes)
    print(
        f"{sol.model}: objective {sol.objective:.6g}, bound {sol.bound:.6g}, gap {sol.gap:.3%}, "
        f"{'optimal' if sol.optimal else 'not proven optimal'}, {len(sol.new_sites)} new sites, "
        f"{sol.seconds:.2f} s -> {args.out}"
    )
    return 0
