"""The app's pipeline, without Streamlit: data -> sites + travel table -> problem -> result + KPIs.

Pages call these functions through :mod:`planning.ui.cache`; tests call them directly.

* :func:`load_base` reads the bundled data once (areas, indicators, all centers, vintages).
* :func:`build_network` makes the sites (every existing center, then one candidate per 행정동
  at its representative point) and ONE travel table at :data:`MAX_THRESHOLD` minutes. A threshold
  change thresholds that table in numpy; nothing is recomputed.
* :func:`run_scenario` turns a :class:`~planning.scenario.Scenario` into a :class:`PlanResult`:
  the solution, the ranked site table with explanations, the before/after KPIs and the curve.
"""

from __future__ import annotations

import os
import time
from collections.abc import Mapping
from dataclasses import dataclass, field

import geopandas as gpd
import numpy as np
import pandas as pd
import scipy.sparse as sp

from planning.errors import DataError, InfeasibleScenario
from planning.scenario import MAX_THRESHOLD_MIN, Scenario
from planning.travel.matrix import CENTER_PREFIX
from planning.travel.straight import DEFAULT_DETOUR

MAX_THRESHOLD = MAX_THRESHOLD_MIN
#: Scenario.model -> planning.optimize model name
MODEL_NAMES = {"coverage": "coverage", "average": "median", "worst": "center"}
KPI_KEYS = (
    "n_centers",
    "share_population",
    "share_recipients",
    "share_unemployed",
    "share_index",
    "avg_minutes",
    "worst_minutes",
)


@dataclass(frozen=True, eq=False)
class BaseData:
    """Everything read from disk once: areas (ordered by area_code), indicators aligned to them."""

    areas: gpd.GeoDataFrame
    indicators: pd.DataFrame
    centers: gpd.GeoDataFrame
    vintages: dict[str, str] = field(default_factory=dict)

    def with_indicator(self, key: str, values: pd.Series, vintage: str) -> BaseData:
        """A copy with one more (or a replaced) indicator column, aligned to the areas."""
        aligned = values.reindex(self.indicators.index)
        if aligned.notna().sum() == 0:
            raise DataError(
                f"The uploaded values ‘{key}’ joined no 행정동.",
                "Check the region codes (5-digit 시군구 or 8-digit 행정동) or the region names.",
                problem_ko=f"올린 자료 ‘{key}’가 어느 행정동과도 연결되지 않았습니다.",
                fix_ko="지역 코드(시군구 5자리 또는 행정동 8자리)나 지역 이름을 확인해 주세요.",
            )
        indicators = self.indicators.copy()
        indicators[key] = aligned.astype(float)
        vintages = {**self.vintages, key: vintage}
        return BaseData(self.areas, indicators, self.centers, vintages)

    def with_centers(self, centers: gpd.GeoDataFrame, vintage: str) -> BaseData:
        return BaseData(self.areas, self.indicators, centers, {**self.vintages, "centers": vintage})


def load_base() -> BaseData:
    """Read areas, indicators and centers from the installed/bundled data (no network)."""
    from planning.centers import load_centers
    from planning.demand import INDICATORS, load_indicators
    from planning.regions import load_areas

    areas = load_areas().reset_index(drop=True)
    indicators = load_indicators()
    indicators = indicators.reindex(pd.Index(areas["area_code"], name="area_code"))
    centers = load_centers()
    vintages: dict[str, str] = {}
    for key in indicators.columns:
        ind = INDICATORS.get(key)
        if ind is not None:
            vintages[key] = f"{ind.vintage} · {ind.source}"
    vintages["centers"] = "data/centers.csv"
    return BaseData(areas, indicators, centers, vintages)


# -- sites and travel ----------------------------------------------------------------------------


@dataclass(frozen=True, eq=False)
class Network:
    """Sites (centers first, then candidates) and the travel table at the max threshold."""

    site_ids: np.ndarray
    n_centers: int
    opened: np.ndarray  # 'YYYY-MM' for centers, '' for candidates
    site_sido: np.ndarray  # 2-digit sido code per site
    lat: np.ndarray
    lon: np.ndarray
    table: object  # planning.travel.TravelTable
    csr: sp.csr_matrix  # sites x areas minutes (stored pairs only)
    seconds: float = 0.0

    @property
    def candidate_ids(self) -> np.ndarray:
        return self.site_ids[self.n_centers :]

    def fixed_mask(self, as_of: str) -> np.ndarray:
        mask = np.zeros(len(self.site_ids), dtype=bool)
        mask[: self.n_centers] = self.opened[: self.n_centers] <= as_of
        return mask


NEVER = "9999-12"
ALWAYS = "1900-01"  # uploaded centers without opening months


def open_by(centers: pd.DataFrame) -> np.ndarray:
    """'YYYY-MM' by which each center is open (``open_by``); unknown openings never count."""
    col = "open_by" if "open_by" in centers.columns else "opened"
    month = centers[col].astype("string").str.slice(0, 7)
    return month.where(month.str.fullmatch(r"\d{4}-\d{2}").fillna(False), NEVER).to_numpy(str)


def centers_as_of(centers: pd.DataFrame, as_of: str) -> pd.DataFrame:
    return centers[open_by(centers) <= as_of]


def _center_sido(base: BaseData) -> np.ndarray:
    """2-digit sido code of each center, from the 행정동 polygon that holds it."""
    centers = base.centers
    if "sido_code" in centers.columns:
        return centers["sido_code"].astype(str).to_numpy()
    if "sigungu_code" in centers.columns and centers["sigungu_code"].notna().all():
        return centers["sigungu_code"].astype(str).str.slice(0, 2).to_numpy()
    pts = gpd.GeoDataFrame(
        geometry=gpd.points_from_xy(centers["lon"], centers["lat"]), crs=4326
    ).to_crs(base.areas.crs or 4326)
    joined = gpd.sjoin_nearest(pts, base.areas[["sido_code", "geometry"]], how="left")
    joined = joined[~joined.index.duplicated()]
    return joined["sido_code"].astype(str).to_numpy()


TRAVEL_CODE_VERSION = "2"  # bump when the sites or the travel engine's call below change
#: the national default's detour factor, shared with planning.optimize.national.national_instance
DETOUR = DEFAULT_DETOUR


def _travel_cache_file(site_ids, lat, lon, areas: gpd.GeoDataFrame, cutoff: float):
    """Disk-cache path keyed by every input of the table: site ids and coordinates, the areas'
    codes, names (speeds by 동/읍/면), points and polygon fingerprint (landmasses), the cutoff,
    the engine's speeds, detour and ferry penalty, and the package/code versions."""
    import hashlib

    import shapely

    from planning import cache as layer_cache
    from planning.settings import cache_dir
    from planning.travel.islands import DEFAULT_BRIDGE_GAP_M
    from planning.travel.straight import DEFAULT_FERRY_MINUTES, MODEL_FINGERPRINT

    h = hashlib.sha1()
    for arr in (site_ids, areas["area_code"], areas["name_ko"]):
        h.update("\x1f".join(map(str, arr)).encode("utf-8"))
    geoms = areas.geometry.to_numpy()
    for arr in (lat, lon, areas["lat"], areas["lon"], shapely.bounds(geoms)):
        h.update(np.ascontiguousarray(arr, dtype=np.float64).tobytes())
    h.update(np.ascontiguousarray(shapely.get_num_coordinates(geoms), dtype=np.int64).tobytes())
    engine = (MODEL_FINGERPRINT, DETOUR, DEFAULT_FERRY_MINUTES)
    h.update(f"{cutoff}|{engine}|{DEFAULT_BRIDGE_GAP_M}|{TRAVEL_CODE_VERSION}".encode())
    h.update(layer_cache.cache_key(("planning",), TRAVEL_CODE_VERSION).encode())
    return cache_dir("travel") / f"straight-areas-{h.hexdigest()[:16]}.npz"


def national_table(areas: gpd.GeoDataFrame, site_ids, lat, lon, cutoff: float):
    """The national default travel table, with the same function and parameters as
    :func:`planning.optimize.national.national_instance` (``python -m planning bench`` and the
    optimize CLI): :func:`planning.travel.straight_table_from_areas` with speeds by area type
    (동 25, 읍 40, 면 50 km/h), a detour of :data:`DETOUR` and a ferry penalty between
    landmasses."""
    from planning.travel import straight_table_from_areas

    return straight_table_from_areas(
        areas, lat, lon, cutoff=cutoff, site_ids=site_ids, detour=DETOUR
    )


def _cached_travel_table(site_ids, lat, lon, areas: gpd.GeoDataFrame, cutoff: float):
    from planning.travel import TravelTable

    area_ids = areas["area_code"].to_numpy(dtype=object)
    path = _travel_cache_file(site_ids, lat, lon, areas, cutoff)
    if path.is_file():
        try:
            with np.load(path) as z:
                return TravelTable(
                    site_ids=site_ids,
                    area_ids=area_ids,
                    cutoff=float(z["cutoff"]),
                    site_idx=z["site_idx"],
                    area_idx=z["area_idx"],
                    minutes=z["minutes"],
                    engine="straight",
                )
        except Exception:  # noqa: BLE001 - a bad cache file is rebuilt, never trusted
            path.unlink(missing_ok=True)
    table = national_table(areas, site_ids, lat, lon, cutoff)
    tmp = path.with_suffix(f".{os.getpid()}.tmp.npz")
    np.savez(
        tmp,
        cutoff=table.cutoff,
        site_idx=table.site_idx,
        area_idx=table.area_idx,
        minutes=table.minutes,
    )
    os.replace(tmp, path)
    return table


@dataclass(frozen=True, eq=False)
class Sites:
    """The network's sites: every center (``CENTER_PREFIX`` + ``center_id``), then one candidate
    per 행정동 (its ``area_code``) at its representative point."""

    ids: np.ndarray
    n_centers: int
    opened: np.ndarray
    sido: np.ndarray
    lat: np.ndarray
    lon: np.ndarray


def network_sites(base: BaseData) -> Sites:
    """The sites every travel engine of the app uses, in the same order."""
    centers = base.centers
    areas = base.areas
    site_ids = np.concatenate(
        [
            (CENTER_PREFIX + centers["center_id"].astype(str)).to_numpy(dtype=object),
            areas["area_code"].astype(str).to_numpy(dtype=object),
        ]
    )
    lat = np.concatenate([centers["lat"].to_numpy(float), areas["lat"].to_numpy(float)])
    lon = np.concatenate([centers["lon"].to_numpy(float), areas["lon"].to_numpy(float)])
    sido = np.concatenate([_center_sido(base), areas["sido_code"].astype(str).to_numpy()])
    opened = np.concatenate([open_by(centers), np.full(len(areas), "", dtype=object)]).astype(str)
    return Sites(site_ids, len(centers), opened, sido.astype(object), lat, lon)


def assemble_network(sites: Sites, table, t0: float) -> Network:
    csr = table.to_csr().tocsr()
    csr.sort_indices()
    return Network(
        site_ids=sites.ids,
        n_centers=sites.n_centers,
        opened=sites.opened,
        site_sido=sites.sido,
        lat=sites.lat,
        lon=sites.lon,
        table=table,
        csr=csr,
        seconds=time.perf_counter() - t0,
    )


def build_network(base: BaseData, *, cutoff: float = MAX_THRESHOLD) -> Network:
    """Sites and the national default travel table up to ``cutoff`` minutes (disk-cached)."""

    t0 = time.perf_counter()
    sites = network_sites(base)
    table = _cached_travel_table(sites.ids, sites.lat, sites.lon, base.areas, cutoff)
    return assemble_network(sites, table, t0)


# -- demand --------------------------------------------------------------------------------------


def demand_weights(base: BaseData, scenario: Scenario) -> pd.Series:
    """Composite index per area (sums to 1) for the scenario's weights."""
    from planning.demand import composite_index

    weights = {k: w for k, w in scenario.weights if k in base.indicators.columns}
    if not weights or sum(weights.values()) <= 0:
        names = ", ".join(base.indicators.columns)
        raise DataError(
            "None of the weighted indicators is in the loaded data.",
            f"Give a weight above 0 to at least one of these indicators: {names}.",
            problem_ko="가중치를 준 지표가 불러온 자료에 없습니다.",
            fix_ko=f"다음 지표 중 하나 이상에 0보다 큰 가중치를 주세요: {names}.",
        )
    index = composite_index(base.indicators, weights)
    return index.reindex(base.indicators.index).fillna(0.0)


def formula(base: BaseData, scenario: Scenario, lang: str = "ko") -> str:
    from planning.demand import index_formula

    weights = {k: w for k, w in scenario.weights if k in base.indicators.columns}
    return index_formula(weights, lang)


# -- KPIs ----------------------------------------------------------------------------------------


def nearest_minutes(csr: sp.csr_matrix, open_mask: np.ndarray) -> np.ndarray:
    """Minutes from each area to its nearest open site (inf when none within the table cutoff)."""
    sub = csr[np.flatnonzero(open_mask)].tocsc()
    out = np.full(csr.shape[1], np.inf)
    nonempty = np.flatnonzero(np.diff(sub.indptr))
    if len(nonempty):
        mins = np.minimum.reduceat(sub.data, sub.indptr[nonempty])
        out[nonempty] = mins
    return out


def kpis(
    base: BaseData, index: pd.Series, near: np.ndarray, threshold: float, n_centers: int
) -> dict[str, float]:
    """Shares within the threshold (%), population-weighted mean and worst minutes."""
    within = near <= threshold + 1e-9
    out: dict[str, float] = {"n_centers": float(n_centers)}
    columns = {"population": "share_population", "recipients": "share_recipients"}
    columns["unemployed"] = "share_unemployed"
    for col, key in columns.items():
        if col in base.indicators.columns:
            x = base.indicators[col].fillna(0.0).to_numpy(float)
            out[key] = 100.0 * x[within].sum() / x.sum() if x.sum() > 0 else np.nan
    w = index.to_numpy(float)
    out["share_index"] = 100.0 * w[within].sum() / w.sum() if w.sum() > 0 else np.nan
    pop = (
        base.indicators["population"].fillna(0.0).to_numpy(float)
        if "population" in base.indicators.columns
        else np.ones(len(near))
    )
    capped = np.minimum(near, MAX_THRESHOLD)
    out["avg_minutes"] = float((capped * pop).sum() / pop.sum()) if pop.sum() > 0 else np.nan
    out["worst_minutes"] = float(near.max()) if len(near) else np.nan
    return out


# -- solving -------------------------------------------------------------------------------------


@dataclass(frozen=True, eq=False)
class PlanResult:
    scenario: Scenario
    solution: object  # planning.optimize.Solution
    sites: pd.DataFrame  # ranked proposed sites with explanations
    kpis: pd.DataFrame  # key, before, after
    curve: pd.DataFrame  # centers, covered (% of composite demand within threshold)
    near_after: np.ndarray
    uncovered: list[str]  # area codes outside every catchment
    open_ids: list[str]
    formula: str
    seconds: float

    @property
    def new_ids(self) -> list[str]:
        return self.sites["site_id"].tolist()


def make_problem(base: BaseData, net: Network, scenario: Scenario, index: pd.Series):
    """The optimizer input for this scenario (demand = composite index in % of the nation)."""
    from planning.optimize import LocationProblem

    fixed = net.fixed_mask(scenario.as_of)
    later = np.zeros(len(net.site_ids), dtype=bool)
    later[: net.n_centers] = ~fixed[: net.n_centers]  # centers not yet open at as_of
    known = set(net.candidate_ids.tolist())
    for what, ids in (("locked", scenario.locked), ("excluded", scenario.excluded)):
        unknown = [i for i in ids if i not in known]
        if unknown:
            codes = ", ".join(unknown[:5])
            raise DataError(
                f"Codes in the {what} list are not candidate 행정동: {codes}.",
                "Pick 8-digit 행정동 codes from the candidate table.",
                problem_ko=f"{'포함' if what == 'locked' else '제외'} 목록의 행정동 코드를 찾을 수 "
                f"없습니다: {codes}.",
                fix_ko="8자리 행정동 코드를 후보지 표에서 골라 넣어 주세요.",
            )
    excluded = later.copy()
    excluded |= np.isin(net.site_ids, list(scenario.excluded))
    forced = np.isin(net.site_ids, list(scenario.locked))
    n_fixed = int(fixed.sum())
    if scenario.total < n_fixed + len(scenario.locked):
        n_locked = len(scenario.locked)
        raise InfeasibleScenario(
            f"The target number of centers ({scenario.total}) is below the {n_fixed} existing "
            f"centers plus the {n_locked} locked sites.",
            f"Raise the target to at least {n_fixed + n_locked}.",
            problem_ko=f"목표 센터 수({scenario.total})가 기존 센터 {n_fixed}곳과 지정 후보지 "
            f"{n_locked}곳의 합보다 작습니다.",
            fix_ko=f"목표 센터 수를 {n_fixed + n_locked} 이상으로 올려 주세요.",
        )
    return LocationProblem(
        weights=100.0 * index.to_numpy(float),
        minutes=net.table,
        fixed=fixed,
        site_ids=net.site_ids,
        site_region=net.site_sido,
        forced=forced,
        excluded=excluded,
        demand_ids=base.areas["area_code"].to_numpy(dtype=object),
    )


def run_scenario(
    base: BaseData,
    net: Network,
    scenario: Scenario,
    *,
    exact: bool | None = None,
    time_limit: float | None = None,
    lang: str = "ko",
) -> PlanResult:
    """Solve the scenario (heuristic first unless ``exact``) and compute everything the UI shows."""
    from planning.optimize import phased, solve, stage_table
    from planning.ui import matrix_engine

    t0 = time.perf_counter()
    index = demand_weights(base, scenario)
    problem = make_problem(base, net, scenario, index)
    quotas = {code: (n, scenario.total) for code, n in scenario.sido_min if n > 0} or None
    options = {
        "model": MODEL_NAMES[scenario.model],
        "threshold": scenario.threshold,
        "quotas": quotas,
        "exact": scenario.exact if exact is None else exact,
        "time_limit": time_limit,
        **matrix_engine.matrix_options(net, scenario, index, lang),
    }
    stage_of: dict[str, int] = {}
    if scenario.phases:
        # Nested rollout: each phase is optimised with the earlier phases' sites kept open.
        n_fixed = int(np.asarray(problem.fixed, dtype=bool).sum())
        totals = [n_fixed + int(c) for c in np.cumsum(scenario.phases)]
        if totals[-1] < scenario.total:
            totals.append(scenario.total)
        stages = phased(problem, totals, **options)
        solution = stages[-1]
        table = stage_table(problem, stages)
        stage_of = dict(zip(table["site_id"].astype(str), table["stage"].astype(int), strict=True))
    else:
        solution = solve(problem, total=scenario.total, **options)
    fixed = problem.fixed
    near_before = nearest_minutes(net.csr, fixed)
    open_mask = np.asarray(solution.open_mask, dtype=bool)
    near_after = nearest_minutes(net.csr, open_mask)
    before = kpis(base, index, near_before, scenario.threshold, int(fixed.sum()))
    after = kpis(base, index, near_after, scenario.threshold, int(open_mask.sum()))
    kpi = pd.DataFrame(
        {
            "key": list(KPI_KEYS),
            "before": [before.get(k, np.nan) for k in KPI_KEYS],
            "after": [after.get(k, np.nan) for k in KPI_KEYS],
        }
    )
    kpi = kpi[kpi["before"].notna() | kpi["after"].notna()].reset_index(drop=True)
    sites, curve = rank_table(base, net, scenario, index, solution, near_before, stage_of)
    sites = _add_explanations(problem, solution, base, sites, lang)
    uncovered = base.areas["area_code"].to_numpy()[near_after > scenario.threshold + 1e-9]
    return PlanResult(
        scenario=scenario,
        solution=solution,
        sites=sites,
        kpis=kpi,
        curve=curve,
        near_after=near_after,
        uncovered=[str(a) for a in uncovered],
        open_ids=[str(s) for s in np.asarray(solution.open_sites).tolist()],
        formula=formula(base, scenario, lang),
        seconds=time.perf_counter() - t0,
    )


def _phase_of(rank: np.ndarray, phases: tuple[int, ...]) -> np.ndarray:
    if not phases:
        return np.ones(len(rank), dtype=int)
    edges = np.cumsum(phases)
    return np.searchsorted(edges, rank, side="left") + 1  # rank beyond all phases -> last+1


def rank_table(
    base: BaseData,
    net: Network,
    scenario: Scenario,
    index: pd.Series,
    solution,
    near_before: np.ndarray,
    stage_of: dict[str, int] | None = None,
) -> tuple[pd.DataFrame, pd.DataFrame]:
    """Ranked new sites with marginal gains (in rank order), and the coverage curve.

    With ``stage_of`` (site id -> phase of a nested rollout), sites are ranked phase by phase and
    the ``phase`` column is the phase that opened them; otherwise phases are cut by rank.
    """
    pos = {sid: i for i, sid in enumerate(net.site_ids.tolist())}
    new_ids = [str(s) for s in np.asarray(solution.new_sites).tolist()]
    if stage_of:
        new_ids.sort(key=lambda sid: stage_of.get(sid, len(stage_of) + 1))
    t = scenario.threshold
    w = index.to_numpy(float)
    total_w = w.sum() or 1.0
    cols = {c: base.indicators[c].fillna(0.0).to_numpy(float) for c in base.indicators.columns}
    current = near_before.copy()
    covered = current <= t + 1e-9
    curve = [(int(net.fixed_mask(scenario.as_of).sum()), 100.0 * w[covered].sum() / total_w)]
    rows = []
    areas = base.areas
    area_pos = {a: i for i, a in enumerate(areas["area_code"].tolist())}
    for rank, sid in enumerate(new_ids, start=1):
        i = pos[sid]
        start, end = net.csr.indptr[i], net.csr.indptr[i + 1]
        idx, mins = net.csr.indices[start:end], net.csr.data[start:end]
        gain_mask = (mins <= t + 1e-9) & ~covered[idx]
        gained = idx[gain_mask]
        row = {"rank": rank, "site_id": sid}
        a = area_pos.get(sid)
        if a is not None:
            for c in ("area_code", "name_ko", "sigungu_ko", "sido_ko", "lat", "lon"):
                row[c] = areas[c].iloc[a]
            row["nearest_before_min"] = round(float(near_before[a]), 1)
        row["gain"] = round(100.0 * w[gained].sum() / total_w, 3)
        for c in ("population", "recipients", "unemployed"):
            if c in cols:
                row[f"{c}_gain"] = round(float(cols[c][gained].sum()))
        row["locked"] = sid in scenario.locked
        rows.append(row)
        covered[gained] = True
        current[idx] = np.minimum(current[idx], mins)
        curve.append((curve[0][0] + rank, 100.0 * w[covered].sum() / total_w))
    sites = pd.DataFrame(rows)
    if len(sites):
        if stage_of:
            phase = sites["site_id"].map(stage_of).fillna(len(scenario.phases) + 1).astype(int)
        else:
            phase = _phase_of(sites["rank"].to_numpy(), scenario.phases)
        sites.insert(1, "phase", phase)
    curve_df = pd.DataFrame(curve, columns=["centers", "covered"])
    return sites, curve_df


def site_names(base: BaseData) -> dict[str, str]:
    """Readable names for site ids: centers by name, candidates as '시군구 행정동'."""
    names = dict(
        zip(
            base.areas["area_code"].astype(str),
            base.areas["sigungu_ko"].astype(str) + " " + base.areas["name_ko"].astype(str),
            strict=True,
        )
    )
    names.update(
        zip(
            CENTER_PREFIX + base.centers["center_id"].astype(str),
            base.centers["name_ko"].astype(str),
            strict=True,
        )
    )
    return names


def readable(text: str, names: Mapping[str, str]) -> str:
    """Replace site ids (``C:C016``, 8-digit area codes) in a sentence by their names."""
    import re

    return re.sub(r"C:[A-Za-z0-9]+|\b\d{8}\b", lambda m: names.get(m.group(0), m.group(0)), text)


def _add_explanations(
    problem, solution, base: BaseData, sites: pd.DataFrame, lang: str = "ko"
) -> pd.DataFrame:
    """Join planning.optimize.explain's sentence (ids made readable); fall back to the gains."""
    if sites.empty:
        sites["explanation"] = []
        return sites
    text: Mapping[str, str] = {}
    try:
        from planning.optimize import explain

        table = explain(problem, solution, base.indicators, lang=lang)
        col = next((c for c in ("explanation", "reason", "why") if c in table.columns), None)
        id_col = next((c for c in ("site_id", "site") if c in table.columns), None)
        if col and id_col:
            names = site_names(base)
            text = {
                str(i): readable(str(x), names)
                for i, x in zip(table[id_col], table[col], strict=True)
            }
    except Exception:  # explanations are a nice-to-have; the ranked gains are shown regardless
        text = {}
    out = sites.copy()
    out["explanation"] = [text.get(row["site_id"]) or _sentence(row) for _, row in out.iterrows()]
    return out


def _sentence(row: pd.Series) -> str:
    parts = []
    if "population_gain" in row and row["population_gain"] > 0:
        parts.append(f"인구 {int(row['population_gain']):,}명")
    if "recipients_gain" in row and row["recipients_gain"] > 0:
        parts.append(f"수급자 {int(row['recipients_gain']):,}명")
    if "unemployed_gain" in row and row["unemployed_gain"] > 0:
        parts.append(f"실업자 {int(row['unemployed_gain']):,}명")
    msg = "새로 포괄: " + ", ".join(parts) if parts else "추가 포괄 수요 없음(지정 또는 분산 목적)"
    near = row.get("nearest_before_min", np.nan)
    if pd.notna(near):
        msg += f" · 기존 최근접 센터 {'90분 초과' if not np.isfinite(near) else f'{near:.0f}분'}"
    return msg


def nearest_candidate(base: BaseData, lat: float, lon: float) -> str:
    """The candidate 행정동 under a map click (the polygon holding it, else the nearest point)."""
    from shapely.geometry import Point

    areas = base.areas
    pt = Point(lon, lat)
    hits = areas.sindex.query(pt, predicate="intersects")
    if len(hits):
        return str(areas["area_code"].iloc[int(hits[0])])
    d = (areas["lat"].to_numpy() - lat) ** 2 + (
        (areas["lon"].to_numpy() - lon) * np.cos(np.radians(lat))
    ) ** 2
    return str(areas["area_code"].iloc[int(np.argmin(d))])


# -- catchments ----------------------------------------------------------------------------------


def nearest_site(csr: sp.csr_matrix, open_mask: np.ndarray) -> tuple[np.ndarray, np.ndarray]:
    """(site index, minutes) of the nearest open site per area; (-1, inf) when none."""
    rows = np.flatnonzero(open_mask)
    sub = csr[rows].tocoo()
    n = csr.shape[1]
    best_site = np.full(n, -1)
    best_min = np.full(n, np.inf)
    if sub.nnz:
        order = np.lexsort((sub.data, sub.col))  # by area, then minutes
        col, data, row = sub.col[order], sub.data[order], sub.row[order]
        first = np.r_[True, col[1:] != col[:-1]]
        best_site[col[first]] = rows[row[first]]
        best_min[col[first]] = data[first]
    return best_site, best_min


#: catchments are unions of the 행정동 simplified at this display tolerance (m)
CATCHMENT_DISPLAY_M = 100.0
_CATCHMENT_CACHE_MAX = 5000


def area_display(base: BaseData, tolerance_m: float) -> gpd.GeoDataFrame:
    """``base``'s 행정동 simplified for display at ``tolerance_m``: the regions layer's cleaned
    coverage (neighbours share their borders exactly), cached on disk, when it holds every area
    of ``base``; otherwise ``base.areas`` simplified here."""
    from planning.regions import load_display

    shown = load_display("areas", tolerance_m)
    if set(base.areas["area_code"].astype(str)) <= set(shown["area_code"].astype(str)):
        return shown
    from planning.maps import simplify_for_display

    return simplify_for_display(base.areas, tolerance_m=tolerance_m)


def display_areas(base: BaseData) -> np.ndarray:
    """Area polygons for drawing catchments (:func:`area_display` at
    :data:`CATCHMENT_DISPLAY_M`), EPSG:4326, one per ``base.areas`` row (None when too small to
    draw)."""
    cache = base.__dict__.setdefault("_display", {})
    if "areas" not in cache:
        shown = area_display(base, CATCHMENT_DISPLAY_M)
        by_code = dict(zip(shown["area_code"].astype(str), shown.geometry.to_numpy(), strict=True))
        codes = base.areas["area_code"].astype(str)
        cache["areas"] = np.array([by_code.get(c) for c in codes], dtype=object)
    return cache["areas"]


def _union(geoms: np.ndarray):
    """Union of neighbouring areas: the fast coverage union (exact for a clean coverage), or a
    general union when the polygons are not one (e.g. uploaded areas)."""
    import shapely

    geoms = geoms[geoms != None]  # noqa: E711 - areas too small to draw
    try:
        return shapely.coverage_union_all(geoms)
    except shapely.errors.GEOSException:
        return shapely.union_all(geoms)


def catchment_polygons(base: BaseData, net: Network, result: PlanResult) -> gpd.GeoDataFrame:
    """One polygon per open site: the 행정동 whose nearest open site it is, within the threshold.

    A coverage union of the display areas (:func:`display_areas`): ~0.03 s for 100 sites, so a
    threshold change redraws every catchment at once. Each polygon is also kept by (site,
    member areas) for the next result.
    """
    open_mask = np.isin(net.site_ids, result.open_ids)
    site, minutes = nearest_site(net.csr, open_mask)
    inside = np.flatnonzero((site >= 0) & (minutes <= result.scenario.threshold + 1e-9))
    owner = site[inside]
    order = np.argsort(owner, kind="stable")
    owner, members = owner[order], inside[order]
    starts = np.r_[0, np.flatnonzero(owner[1:] != owner[:-1]) + 1, len(owner)]
    spans = list(zip(starts[:-1], starts[1:], strict=True))
    ids = [str(net.site_ids[owner[a]]) for a, _ in spans]
    keys = [(sid, members[a:b].tobytes()) for sid, (a, b) in zip(ids, spans, strict=True)]
    cache = base.__dict__.setdefault("_display", {}).setdefault("catchments", {})
    if len(cache) > _CATCHMENT_CACHE_MAX:
        cache.clear()
    geoms = display_areas(base)
    for k, (a, b) in zip(keys, spans, strict=True):
        if k not in cache:
            cache[k] = _union(geoms[members[a:b]])
    polys = [cache[k] for k in keys]
    new = set(result.new_ids)
    names = dict(zip(base.areas["area_code"].astype(str), base.areas["name_ko"], strict=True))
    center_names = dict(
        zip(
            CENTER_PREFIX + base.centers["center_id"].astype(str),
            base.centers["name_ko"],
            strict=True,
        )
    )
    return gpd.GeoDataFrame(
        {
            "site_id": ids,
            "kind": ["new" if s in new else "existing" for s in ids],
            "label": [center_names.get(s) or names.get(s, s) for s in ids],
            "threshold_min": result.scenario.threshold,
        },
        geometry=polys,
        crs=4326,
    )
