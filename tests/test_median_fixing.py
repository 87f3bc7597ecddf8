"""Lagrangian variable fixing for the median (median.Dual.fixings, median.reduce) against brute
force: no solution at or below the level is cut off, under quotas, forced / excluded sites and
budgets, and the reduced instance values every kept solution as the original does. The pairs
these start from (median.build_pairs) are checked against the literal list."""

from __future__ import annotations

import itertools

import numpy as np
import pytest

from planning.optimize import LocationProblem, solve
from planning.optimize import median as med
from planning.optimize.constraints import side_constraints

N_SITES, N_DEM = 10, 16


def instance(seed: int):
    rng = np.random.default_rng(seed)
    sites = rng.uniform(0, 100, (N_SITES, 2))
    dem = rng.uniform(0, 100, (N_DEM, 2))
    d = np.round(np.linalg.norm(sites[:, None] - dem[None], axis=2))  # ties: shared levels
    w = np.round(rng.pareto(1.5, N_DEM) * 10) * (rng.random(N_DEM) > 0.15)
    w[0] = max(w[0], 1.0)
    n_fixed = int(rng.integers(0, 2))
    fixed = np.zeros(N_SITES, dtype=bool)
    fixed[:n_fixed] = True
    region = np.array(["A", "B"])[rng.integers(0, 2, N_SITES)]
    cost = rng.integers(1, 5, N_SITES).astype(float)
    forced = np.zeros(N_SITES, dtype=bool)
    excluded = np.zeros(N_SITES, dtype=bool)
    if rng.random() < 0.5:
        forced[n_fixed] = True
    if rng.random() < 0.5:
        excluded[N_SITES - 1] = True
    p = LocationProblem(
        weights=w, minutes=d, fixed=fixed, forced=forced, excluded=excluded,
        site_region=region, site_cost=cost,
    )  # fmt: skip
    quotas = {"A": (1, 3)} if rng.random() < 0.5 else None
    budget = float(rng.integers(6, 12)) if rng.random() < 0.5 else None
    total = n_fixed + int(forced.sum()) + int(rng.integers(1, 4))
    return p, total, quotas, budget


def setup(p, total, quotas, budget):
    side = side_constraints(p, total, quotas, budget)
    d = p.dense_minutes(None)
    open0 = np.flatnonzero(side.open0)
    cap = d[open0].min(axis=0) if len(open0) else np.full(p.n_demand, np.inf)
    free = np.flatnonzero(side.free)
    pairs = med.build_pairs(d[free], p.weights, cap)
    return side, pairs, side.region[free], side.cost[free]


def feasible_sets(side, region, cost):
    """Every choice of free-site positions that keeps the network size, quotas and budget."""
    n = len(region)
    for k in range(side.slots + 1):
        for s in itertools.combinations(range(n), k):
            s = np.asarray(s, dtype=np.int64)
            if len(side.qmin):
                cnt = np.bincount(region[s][region[s] >= 0], minlength=len(side.qmin))
                if np.any(cnt < side.qmin) or np.any(cnt > side.qmax):
                    continue
            if side.has_budget and float(cost[s].sum()) > side.budget + 1e-9:
                continue
            yield s


def val(pairs, s):
    is_open = np.zeros(pairs.n_sites, dtype=bool)
    is_open[s] = True
    return med.value(pairs, is_open)


@pytest.mark.parametrize("seed", range(40))
def test_fixing_never_cuts_a_solution_at_or_below_the_level(seed):
    p, total, quotas, budget = instance(seed)
    side, pairs, region, cost = setup(p, total, quotas, budget)
    sets = list(feasible_sets(side, region, cost))
    assert sets
    values = np.array([val(pairs, s) for s in sets])
    opt = float(values.min())
    dual = med.lagrangian_dual(pairs, side.slots, opt, iterations=300)
    assert dual.bound <= opt + 1e-9 * max(1.0, opt)  # the bound is valid
    for level in (opt, float(np.quantile(values, 0.3))):  # the tightest level and a looser one
        red = med.reduce(pairs, side, region, cost, dual, level)
        for s, v in zip(sets, values, strict=True):
            if v > level:
                continue
            assert np.isin(red.opened, s).all(), "a site fixed open is closed in a solution"
            assert np.isin(s, np.concatenate([red.keep, red.opened])).all()
            # the same choice on the reduced instance: same value, feasible there
            pos = np.full(pairs.n_sites, -1)
            pos[red.keep] = np.arange(len(red.keep))
            sr = pos[s][pos[s] >= 0]
            assert val(red.pairs, sr) == pytest.approx(v, rel=1e-12, abs=1e-9)
            assert len(sr) <= red.side.slots
            assert any(np.array_equal(sr, t) for t in feasible_sets(red.side, red.region, red.cost))
            assert np.array_equal(red.lift(sr), np.sort(s))


def test_fixing_decides_sites_on_tight_levels():
    """Not vacuous: at the optimum as level the dual decides sites on most instances."""
    decided = 0
    for seed in range(40):
        p, total, quotas, budget = instance(seed)
        side, pairs, region, cost = setup(p, total, quotas, budget)
        opt = min(val(pairs, s) for s in feasible_sets(side, region, cost))
        dual = med.lagrangian_dual(pairs, side.slots, opt, iterations=300)
        close, opened = dual.fixings(opt)
        decided += int(close.sum() + opened.sum() > 0)
    assert decided >= 30


@pytest.mark.parametrize("seed", range(40))
def test_solve_median_with_side_constraints_matches_brute_force(seed):
    p, total, quotas, budget = instance(seed)
    side, pairs, region, cost = setup(p, total, quotas, budget)
    opt = min(val(pairs, s) for s in feasible_sets(side, region, cost))
    sol = solve(p, model="median", total=total, quotas=quotas, budget=budget, mip_gap=1e-9,
                fill=False)  # fmt: skip
    assert sol.optimal
    assert sol.objective == pytest.approx(opt, rel=1e-9, abs=1e-9)
    assert sol.bound <= opt + 1e-9 * max(1.0, opt)
    fast = solve(p, model="median", total=total, quotas=quotas, budget=budget, exact=False,
                 fill=False)  # fmt: skip
    assert fast.bound <= opt + 1e-9 * max(1.0, opt) <= fast.objective + 2e-9 * max(1.0, opt)


def graph_instance(seed: int, n: int = 60) -> LocationProblem:
    """Shortest paths on a random sparse graph with fractional costs (like OR-Library, but not
    integral): such instances have a real LP gap."""
    import scipy.sparse as sp
    from scipy.sparse.csgraph import shortest_path

    rng = np.random.default_rng(seed)
    ring = np.arange(n)
    i = np.concatenate([rng.integers(0, n, 3 * n), ring])
    j = np.concatenate([rng.integers(0, n, 3 * n), (ring + 1) % n])
    g = sp.csr_matrix((rng.uniform(1, 100, len(i)), (i, j)), shape=(n, n))
    fixed = np.zeros(n, dtype=bool)
    fixed[: seed % 2] = True
    return LocationProblem(
        weights=rng.uniform(0.5, 2.0, n), minutes=shortest_path(g, directed=False), fixed=fixed
    )


@pytest.mark.parametrize("tree", [True, False])
def test_phases_and_reduced_radius_model_match_the_textbook_milp(tree, monkeypatch):
    """Fractional minutes and weights (no integral rounding), small p: the exact median (with
    the Lagrangian tree search, or the reduced radius MILP, where the Lagrangian phases leave a
    gap) equals the textbook MILP."""
    import sys

    from planning.optimize.textbook import textbook_median

    monkeypatch.setattr(
        sys.modules["planning.optimize.solve"], "MEDIAN_TREE_SLOTS", 15 if tree else 0
    )
    ran_radius = 0
    for seed in range(10):
        p = graph_instance(seed)
        total = p.n_fixed + 3 + seed % 3
        sol = solve(p, model="median", total=total, mip_gap=1e-9, fill=False)
        ref = textbook_median(p, total=total, mip_gap=1e-9)
        assert ref.optimal and sol.optimal
        assert sol.objective == pytest.approx(ref.objective, rel=1e-8)
        assert sol.bound <= ref.objective * (1 + 1e-8)
        ran_radius += ("tree_nodes" if tree else "radius_lp_rounds") in sol.stats
    assert ran_radius >= 2  # not all closed by the Lagrangian alone


@pytest.mark.parametrize("seed", range(30))
def test_pairs_are_every_live_area_and_site_closer_than_the_cap(seed: int) -> None:
    """build_pairs against the literal list: every (live area, site) with minutes below the
    area's cap, by area, then minutes, then site; areas without weight hold none and live areas
    keep their order (the matrix is read in place, its live columns are not copied)."""
    rng = np.random.default_rng(seed)
    n_sites, n_dem = int(rng.integers(1, 9)), int(rng.integers(1, 12))
    d = np.round(rng.uniform(0, 30, (n_sites, n_dem)))  # ties
    d[rng.random(d.shape) < 0.2] = np.inf
    w = np.round(rng.uniform(0, 5, n_dem)) * (rng.random(n_dem) > 0.3)
    cap = np.where(rng.random(n_dem) < 0.3, np.inf, np.round(rng.uniform(0, 30, n_dem)))
    pairs = med.build_pairs(d, w, cap)
    live = np.flatnonzero(w > 0)
    expected = sorted(
        (a, float(d[j, i]), j)
        for a, i in enumerate(live)
        for j in range(n_sites)
        if d[j, i] < cap[i]
    )
    got = list(zip(pairs.area.tolist(), pairs.d.tolist(), pairs.site.tolist(), strict=True))
    assert got == expected
    assert pairs.w.tolist() == w[live].tolist()
