"""Run a :class:`~planning.scenario.Scenario` on a network into one :class:`PlanResult`: the
solution, the ranked site table with explanations, the before/after KPIs and the curve.

Every number of a result comes from one :class:`~planning.optimize.evaluate.Evaluation` of the
network before and after (nearest open site, minutes, covered at T); nothing is recomputed beside
it. The app, ``python -m planning run``, ``bench`` and sweeps all call :func:`run_scenario`.
"""

from __future__ import annotations

import time
from collections.abc import Mapping
from dataclasses import dataclass, field

import numpy as np
import pandas as pd

from planning.errors import DataError, InfeasibleScenario
from planning.i18n import LANGS, Joined, first, msg, t
from planning.optimize.evaluate import Evaluation, evaluate, reach
from planning.plan.model import MAX_THRESHOLD, BaseData, Network
from planning.plan.network import road_options
from planning.scenario import Scenario
from planning.travel.matrix import CENTER_PREFIX

#: the optimizer's demand weights sum to this: the composite index in % of the nation (so a
#: coverage objective is the % of demand covered, a median objective / DEMAND_TOTAL is minutes)
DEMAND_TOTAL = 100.0
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
    "people_beyond_60",
    "people_beyond_90",
)


# -- demand --------------------------------------------------------------------------------------


def demand_weights(base: BaseData, scenario: Scenario) -> pd.Series:
    """Composite index per area (sums to 1) for the scenario's weights."""
    from planning.demand import composite_index

    weights = {k: w for k, w in scenario.weights if k in base.indicators.columns}
    if not weights or sum(weights.values()) <= 0:
        names = ", ".join(base.indicators.columns)
        raise DataError.of("plan.no_weighted", names=names)
    index = composite_index(base.indicators, weights)
    return index.reindex(base.indicators.index).fillna(0.0)


def formula(base: BaseData, scenario: Scenario, lang: str = "ko") -> str:
    from planning.demand import index_formula

    weights = {k: w for k, w in scenario.weights if k in base.indicators.columns}
    return index_formula(weights, lang)


# -- KPIs ----------------------------------------------------------------------------------------


def kpis(base: BaseData, index: pd.Series, ev: Evaluation) -> dict[str, float]:
    """KPIs of one evaluation: shares within its threshold (%), the population-weighted mean and
    the worst minutes (areas the table links to no open site count at the table's cap,
    :data:`MAX_THRESHOLD`, in the mean), and the people farther than 60 and 90 minutes."""
    out: dict[str, float] = {"n_centers": float(ev.n_open)}
    columns = {
        "population": "share_population",
        "recipients": "share_recipients",
        "unemployed": "share_unemployed",
    }
    for col, key in columns.items():
        if col in base.indicators.columns:
            share = ev.covered_share(base.indicators[col].fillna(0.0).to_numpy(float))
            out[key] = 100.0 * share
    out["share_index"] = 100.0 * ev.covered_share(index.to_numpy(float))
    pop = (
        base.indicators["population"].fillna(0.0).to_numpy(float)
        if "population" in base.indicators.columns
        else np.ones(len(ev.minutes))
    )
    out["avg_minutes"] = ev.mean_minutes(pop, unreached=MAX_THRESHOLD)
    out["worst_minutes"] = ev.worst()[0]
    for limit in (60, 90):
        out[f"people_beyond_{limit}"] = float(pop[ev.beyond(limit)].sum())
    return out


# -- solving -------------------------------------------------------------------------------------


@dataclass(frozen=True, eq=False)
class PlanResult:
    scenario: Scenario
    solution: object  # planning.optimize.Solution
    sites: pd.DataFrame  # ranked proposed sites with explanations
    kpis: pd.DataFrame  # key, before, after
    curve: pd.DataFrame  # centers, covered (% of composite demand within threshold)
    before: Evaluation  # the network at the scenario's month (existing centers only)
    after: Evaluation  # the proposed network
    open_ids: list[str]
    formula: str
    seconds: float
    area_ids: np.ndarray = field(default_factory=lambda: np.array([], dtype=object))
    #: a phased result: the network after each phase but the last (``after`` is the last)
    stages: tuple[Evaluation, ...] = ()
    #: each site's reason and the demand formula in every language (``sites`` and ``formula``
    #: hold the run's language): one result serves a Korean and an English page alike
    explanations: Mapping[str, tuple[str, ...]] = field(default_factory=dict)
    formulas: Mapping[str, str] = field(default_factory=dict)

    def sites_in(self, lang: str) -> pd.DataFrame:
        """``sites`` with each reason in ``lang``."""
        texts = self.explanations.get(lang)
        if texts is None or len(texts) != len(self.sites):
            return self.sites
        return self.sites.assign(explanation=list(texts))

    def formula_in(self, lang: str) -> str:
        """The demand formula in ``lang``."""
        return self.formulas.get(lang, self.formula)

    @property
    def new_ids(self) -> list[str]:
        return self.sites["site_id"].tolist()

    @property
    def near_after(self) -> np.ndarray:
        """Minutes from each area to its nearest open site after the expansion."""
        return self.after.minutes

    @property
    def uncovered(self) -> list[str]:
        """Area codes outside every open site's reach at the threshold."""
        return [str(a) for a in self.area_ids[~self.after.covered]]


def make_problem(base: BaseData, net: Network, scenario: Scenario, index: pd.Series):
    """The optimizer input for this scenario (demand = composite index in % of the nation)."""
    from planning.optimize import LocationProblem

    fixed = net.fixed_mask(scenario.as_of)
    later = np.zeros(len(net.site_ids), dtype=bool)
    later[: net.n_centers] = ~fixed[: net.n_centers]  # centers not yet open at as_of
    known = set(net.candidate_ids.tolist())
    lists = (("plan.list.locked", scenario.locked), ("plan.list.excluded", scenario.excluded))
    for what, ids in lists:
        unknown = [i for i in ids if i not in known]
        if unknown:
            codes = first(unknown, 5, sep=", ")
            raise DataError.of("plan.unknown_sites", what=msg(what), codes=codes)
    excluded = later.copy()
    excluded |= np.isin(net.site_ids, list(scenario.excluded))
    forced = np.isin(net.site_ids, list(scenario.locked))
    n_fixed = int(fixed.sum())
    if scenario.total < n_fixed + len(scenario.locked):
        n_locked = len(scenario.locked)
        raise InfeasibleScenario.of(
            "plan.total_below_fixed",
            total=scenario.total,
            fixed=n_fixed,
            locked=n_locked,
            need=n_fixed + n_locked,
        )
    return LocationProblem(
        weights=DEMAND_TOTAL * index.to_numpy(float),
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
    warm_start: PlanResult | None = None,
) -> PlanResult:
    """Solve the scenario (heuristic first unless ``exact``) and compute everything the UI shows.

    ``warm_start``: a previous result on the same network (e.g. before a small change of
    weights, as in a sweep): its new sites start the solver's local search."""
    from planning.optimize import phased, solve, stage_table
    from planning.plan import matrix as matrix_engine

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
        # 평균 이동시간: an area beyond the table's cap counts at the cap, as in the avg_minutes
        # KPI; without it the solver's bound is lost in unreachable pairs (objective 1,727 vs
        # bound 0.41 in the app, where the CLI's uncapped table gave 15.40 vs 15.30)
        **({"penalty": float(MAX_THRESHOLD)} if scenario.model == "average" else {}),
        **matrix_engine.matrix_options(net, scenario, index, lang),
        **road_options(base, net, scenario, index),
    }
    stage_of: dict[str, int] = {}
    stages: list = []
    if scenario.phases:
        # Nested rollout: each phase total is the whole network after it (existing centers
        # included); each phase is optimised with the earlier phases' sites kept open.
        totals = phase_totals(problem, scenario)
        stages = phased(problem, totals, **options)
        solution = stages[-1]
        table = stage_table(problem, stages)
        stage_of = dict(zip(table["site_id"].astype(str), table["stage"].astype(int), strict=True))
    elif scenario.model == "worst" and not options["exact"]:
        solution = quick_worst(problem, scenario.total, quotas, net)
    else:
        warm = None
        if warm_start is not None and len(warm_start.solution.open_mask) == len(net.site_ids):
            warm = warm_start.solution
        solution = solve(problem, total=scenario.total, warm_start=warm, **options)
    before_ev = _real_minutes(base, net, evaluate(net.csr, problem.fixed, scenario.threshold))
    after_ev = _real_minutes(base, net, evaluate(net.csr, solution.open_mask, scenario.threshold))
    before = kpis(base, index, before_ev)
    after = kpis(base, index, after_ev)
    kpi = pd.DataFrame(
        {
            "key": list(KPI_KEYS),
            "before": [before.get(k, np.nan) for k in KPI_KEYS],
            "after": [after.get(k, np.nan) for k in KPI_KEYS],
        }
    )
    stage_evs = tuple(
        _real_minutes(base, net, evaluate(net.csr, st.open_mask, scenario.threshold))
        for st in stages[:-1]
    )
    for k, ev in enumerate(stage_evs, start=1):  # one column per phase before the last
        values = kpis(base, index, ev)
        kpi[f"phase_{k}"] = [values.get(key, np.nan) for key in KPI_KEYS]
    kpi = kpi[kpi["before"].notna() | kpi["after"].notna()].reset_index(drop=True)
    sites, curve = rank_table(base, net, scenario, index, solution, before_ev, stage_of)
    sites, explanations = _add_explanations(
        problem, solution, base, sites, lang, quotas, scenario.threshold
    )
    return PlanResult(
        scenario=scenario,
        solution=solution,
        sites=sites,
        kpis=kpi,
        curve=curve,
        before=before_ev,
        after=after_ev,
        open_ids=[str(s) for s in np.asarray(solution.open_sites).tolist()],
        formula=formula(base, scenario, lang),
        seconds=time.perf_counter() - t0,
        area_ids=base.areas["area_code"].astype(str).to_numpy(dtype=object),
        stages=stage_evs,
        explanations=explanations,
        formulas={other: formula(base, scenario, other) for other in LANGS},
    )


#: the quick worst-time answer stops when its search interval is this narrow (minutes)
WORST_SEARCH_TOL = 0.5


def quick_worst(problem, total: int, quotas, net: Network):
    """The quick answer of 최장 이동시간 최소화: the smallest radius R whose coverage answer
    (the fast coverage heuristic at R minutes) reaches every area with demand, found by
    bisection on R. It does not depend on the threshold slider (the old quick answer, a
    time-budgeted swap search, gave 80.9 minutes where coverage at 60 minutes reaches every
    area, and changed from run to run). The bound is the all-sites-open one (each area's
    nearest allowed site), a true lower bound; optimality is claimed only when they meet."""
    import dataclasses

    from planning.optimize import solve
    from planning.optimize.problem import relative_gap
    from planning.optimize.solve import rank_new_sites

    t0 = time.perf_counter()
    w = np.asarray(problem.weights, dtype=float)
    live = w > 0
    allowed = ~np.asarray(problem.excluded, dtype=bool) | np.asarray(problem.fixed, dtype=bool)
    lower = float(evaluate(net.csr, allowed, MAX_THRESHOLD).minutes[live].max(initial=0.0))
    if not np.isfinite(lower):  # an area no allowed site reaches: the solver says which
        return solve(problem, model="center", total=total, quotas=quotas, exact=False)
    lo, hi = lower, float(MAX_THRESHOLD)
    best, best_worst, tries = None, np.inf, 0
    while tries < 12 and (best is None or hi - lo > WORST_SEARCH_TOL):
        # the bound first (often reached: an island's ferry sets it), then the cap, then halves
        radius = (lower, hi)[tries] if tries < 2 and best is None else 0.5 * (lo + hi)
        tries += 1
        sol = solve(
            problem, model="coverage", total=total, threshold=radius, quotas=quotas, exact=False
        )
        minutes = evaluate(net.csr, sol.open_mask, MAX_THRESHOLD).minutes
        worst = float(minutes[live].max(initial=0.0))
        if np.isfinite(worst) and worst <= radius + 1e-9:
            if worst < best_worst:
                best, best_worst = sol, worst
            hi = worst
            if worst <= lower + 1e-9:
                break  # meets the bound: optimal
        else:
            lo = max(lo, radius)
    if best is None:  # not even 90 minutes everywhere: the solver's own heuristic
        return solve(problem, model="center", total=total, quotas=quotas, exact=False)
    order = rank_new_sites(problem, best.new_index, model="center", threshold=None)
    open_mask = best.open_mask
    fixed_idx = np.flatnonzero(problem.fixed)
    return dataclasses.replace(
        best,
        model="center",
        sense="min",  # ``best`` is a coverage solution (a maximisation)
        new_sites=problem.site_ids[order],
        open_sites=problem.site_ids[np.concatenate([fixed_idx, order])],
        new_index=order,
        open_mask=open_mask,
        objective=best_worst,
        bound=min(lower, best_worst),
        gap=relative_gap(best_worst, min(lower, best_worst)),
        optimal=bool(best_worst <= lower + 1e-9),
        seconds=time.perf_counter() - t0,
        method="heuristic",
        threshold=None,
        stats={"radius_search": tries, "all_open_bound": lower},
    )


def phase_totals(problem, scenario: Scenario) -> list[int]:
    """The network total after each phase: the scenario's cumulative totals, then the target
    when they stop short of it. Each phase opens at least one new site: a first total at or
    below the existing centers (and locked sites) is refused, naming both numbers."""
    n_fixed = int(np.asarray(problem.fixed, dtype=bool).sum())
    n_locked = int(np.asarray(problem.forced, dtype=bool).sum())
    totals = [int(p) for p in scenario.phases]
    if totals[-1] < scenario.total:
        totals.append(int(scenario.total))
    floor = n_fixed + n_locked
    if totals[0] <= n_fixed or totals[0] < floor:
        fmt = {"first": totals[0], "fixed": n_fixed, "as_of": scenario.as_of}
        need = max(n_fixed + 1, floor)
        if n_locked:
            raise InfeasibleScenario.of(
                "plan.first_phase_locked",
                fix_key="plan.first_phase.fix",
                locked=n_locked,
                need=need,
                **fmt,
            )
        raise InfeasibleScenario.of("plan.first_phase", need=need, **fmt)
    return totals


def _real_minutes(base: BaseData, net: Network, ev: Evaluation) -> Evaluation:
    """``ev`` with real minutes for the areas beyond the table's cap (straight-line network:
    :func:`planning.plan.network.beyond_cap`), so the average and worst time are not capped at
    90 minutes; other engines keep inf there (counted at the cap in the mean, '> 90' shown)."""
    from dataclasses import replace

    from planning.plan.network import beyond_cap

    lost = ~np.isfinite(ev.minutes)
    if not lost.any():
        return ev
    real = beyond_cap(base, net, ev.open_mask, lost)
    if real is None:
        return ev
    site, minutes = ev.site.copy(), ev.minutes.copy()
    site[lost], minutes[lost] = real
    return replace(ev, site=site, minutes=minutes)


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
    before: Evaluation,
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
    w = index.to_numpy(float)
    total_w = w.sum() or 1.0
    cols = {c: base.indicators[c].fillna(0.0).to_numpy(float) for c in base.indicators.columns}
    covered = before.covered.copy()
    curve = [(before.n_open, 100.0 * w[covered].sum() / total_w)]
    rows = []
    areas = base.areas
    area_pos = {a: i for i, a in enumerate(areas["area_code"].tolist())}
    for rank, sid in enumerate(new_ids, start=1):
        reached = reach(net.csr, pos[sid], before.threshold)
        gained = reached[~covered[reached]]
        row = {"rank": rank, "site_id": sid}
        a = area_pos.get(sid)
        if a is not None:
            for c in ("area_code", "name_ko", "sigungu_ko", "sido_ko", "lat", "lon"):
                row[c] = areas[c].iloc[a]
            row["nearest_before_min"] = round(float(before.minutes[a]), 1)
        row["gain"] = round(100.0 * w[gained].sum() / total_w, 3)
        for c in ("population", "recipients", "unemployed"):
            if c in cols:
                row[f"{c}_gain"] = round(float(cols[c][gained].sum()))
        row["locked"] = sid in scenario.locked
        rows.append(row)
        covered[gained] = True
        curve.append((curve[0][0] + rank, 100.0 * w[covered].sum() / total_w))
    sites = pd.DataFrame(rows)
    if len(sites):
        if stage_of or scenario.phases:
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

    from planning.i18n import particles

    # an 8-digit code may touch a Korean particle ("25030650이"): no word boundary there
    out = re.sub(
        r"C:[A-Za-z0-9]+|(?<!\d)\d{8}(?!\d)", lambda m: names.get(m.group(0), m.group(0)), text
    )
    return particles(out)


def _add_explanations(
    problem,
    solution,
    base: BaseData,
    sites: pd.DataFrame,
    lang: str = "ko",
    quotas=None,
    threshold: float | None = None,
) -> tuple[pd.DataFrame, dict[str, tuple[str, ...]]]:
    """Join planning.optimize.explain's sentence (ids made readable); fall back to the gains.
    Also returns the sentences in every language (:attr:`PlanResult.explanations`)."""
    if sites.empty:
        sites["explanation"] = []
        return sites, {other: () for other in LANGS}
    texts: dict[str, Mapping[str, str]] = {}
    try:
        from planning.optimize import explain

        order = sites["site_id"].tolist()  # rank_table's order (phase by phase)
        earlier = []
        if "phase" in sites.columns and sites["phase"].nunique() > 1:
            earlier = sites.loc[sites["phase"] < sites["phase"].max(), "site_id"].tolist()
        table = explain(
            problem,
            solution,
            base.indicators,
            lang=lang,
            quotas=quotas,
            threshold=threshold,
            order=order,
            langs=LANGS,
            earlier=earlier,
        )
        if "site_id" in table.columns:
            names = site_names(base)
            texts = {
                other: {
                    str(i): readable(str(x), names)
                    for i, x in zip(table["site_id"], table[f"explanation_{other}"], strict=True)
                }
                for other in LANGS
            }
    except Exception:  # explanations are a nice-to-have; the ranked gains are shown regardless
        texts = {}
    by_lang = {
        other: tuple(
            texts.get(other, {}).get(row["site_id"]) or _sentence(row, other)
            for _, row in sites.iterrows()
        )
        for other in LANGS
    }
    out = sites.copy()
    out["explanation"] = list(by_lang.get(lang, by_lang["ko"]))
    return out, by_lang


def _sentence(row: pd.Series, lang: str = "ko") -> str:
    """The fallback explanation of a site: the demand it newly covers, the nearest center before."""
    parts = [
        msg(f"explain.part.{what}", n=float(row[f"{what}_gain"]))
        for what in ("population", "recipients", "unemployed")
        if f"{what}_gain" in row and row[f"{what}_gain"] > 0
    ]
    if parts:
        text = t("explain.new", lang, parts=Joined(parts, sep=", "))
    else:
        text = t("plan.gain.none", lang)
    near = row.get("nearest_before_min", np.nan)
    if pd.notna(near):
        before = (
            msg("plan.gain.beyond") if not np.isfinite(near) else msg("plan.gain.minutes", n=near)
        )
        text += t("plan.gain.nearest", lang, minutes=before)
    return text


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
