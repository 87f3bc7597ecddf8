"""The decomposition bound and local search of ``planning.optimize.decompose``, and the solve
path that uses them (a degenerate LP in the plain case).

Checked against brute force over all subsets: the bound is never below the optimum for any
partition and any multipliers in range (with and without a target, so the parts solved at a
level are covered too), merging parts never weakens it, the local search never gets worse and
keeps the count; ``solve`` through this path matches brute force and the textbook MILP, with
locks and exclusions, and leaves it alone under quotas or a budget.
"""

from __future__ import annotations

import importlib
import itertools
from dataclasses import replace

import numpy as np
import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from test_optimize_coverage_levels import clustered as levels_clustered
from test_optimize_coverage_levels import (  # tests/ is on sys.path
    scattered,
    solve_against_textbook,
)

from planning.optimize import LocationProblem, solve
from planning.optimize import decompose as dec
from planning.optimize.constraints import side_constraints
from planning.optimize.heuristics import covered_weight
from planning.optimize.models import cover_milp
from planning.optimize.reduce import reduce_cover

solve_mod = importlib.import_module("planning.optimize.solve")


def clustered(seed: int, n_sites: int, n_dem: int, n_fixed: int = 0) -> LocationProblem:
    """The levels tests' clustered instances, with quota groups and site costs."""
    return levels_clustered(seed, n_sites, n_dem, n_fixed, groups=True)


def best_subset(inst, slots: int) -> float:
    """Brute force: the most weight (beyond the constant) any <= ``slots`` candidates cover."""
    n = inst.a.shape[0]
    k = min(slots, n)
    return max(covered_weight(inst, np.asarray(s, dtype=np.int64))
               for s in itertools.combinations(range(n), k))  # fmt: skip


def instance(seed: int, n_sites: int = 11, n_dem: int = 30, threshold: float = 16.0):
    p = clustered(seed, n_sites, n_dem)
    side = side_constraints(p, 4)
    return reduce_cover(p.cover(threshold), p.weights, side), side


@settings(max_examples=60, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(
    seed=st.integers(0, 10_000),
    parts=st.integers(1, 4),
    slots=st.integers(1, 5),
    mode=st.sampled_from(["lp", "random", "zero", "full"]),
    mu_scale=st.floats(0.0, 2.0),
    target=st.one_of(st.none(), st.floats(-0.5, 1.5)),
)
def test_bound_never_below_the_optimum(seed, parts, slots, mode, mu_scale, target):
    inst, side = instance(seed)
    n, m = inst.a.shape
    if n == 0 or m == 0:
        return
    rng = np.random.default_rng(seed)
    labels = rng.integers(0, parts, n)
    labels = np.unique(labels, return_inverse=True)[1]
    if mode == "lp":
        lp, _ = cover_milp(inst, replace(side, slots=slots), relax=True)
        lam = np.abs(lp.row_dual[:m])
        mu = abs(lp.row_dual[m]) * mu_scale
    else:
        lam = {"random": rng.uniform(0, 1, m) * inst.w, "zero": np.zeros(m), "full": inst.w}[mode]
        mu = float(inst.w.max()) * mu_scale
    best = best_subset(inst, slots)
    goal = None if target is None else best * target
    bound = dec.decomposition_bound(inst, labels, lam, mu, slots, target=goal, level_min=0)
    assert bound.bound >= best - 1e-7 * max(1.0, best)


@pytest.mark.parametrize("seed", range(10))
def test_lp_duals_bound_between_optimum_and_lp(seed):
    """With the LP duals the decomposition keeps what the LP gives: optimum <= bound <= LP."""
    inst, side = instance(seed, n_sites=12, n_dem=40)
    n, m = inst.a.shape
    if n <= side.slots:
        pytest.skip("reductions left no choice")
    lp, _ = cover_milp(inst, side, relax=True)
    lam, mu = np.abs(lp.row_dual[:m]), abs(lp.row_dual[m])
    best = best_subset(inst, side.slots)
    for parts in (1, 2, 3):
        labels = np.arange(n) % parts
        got = dec.decomposition_bound(inst, labels, lam, mu, side.slots).bound
        assert best - 1e-7 * best <= got <= lp.objective - inst.const + 1e-7 * best


@pytest.mark.parametrize("seed", range(10))
def test_merging_parts_never_weakens_the_bound(seed):
    inst, side = instance(seed, n_sites=12, n_dem=40)
    n, m = inst.a.shape
    if n < 4:
        pytest.skip("too small")
    lp, _ = cover_milp(inst, side, relax=True)
    lam, mu = np.abs(lp.row_dual[:m]), abs(lp.row_dual[m])
    fine = np.arange(n) % 4
    coarse = fine // 2
    b_fine = dec.decomposition_bound(inst, fine, lam, mu, side.slots).bound
    b_coarse = dec.decomposition_bound(inst, coarse, lam, mu, side.slots).bound
    b_one = dec.decomposition_bound(inst, np.zeros(n, dtype=int), lam, mu, side.slots).bound
    tol = 1e-7 * max(1.0, b_fine)
    assert b_one <= b_coarse + tol <= b_fine + 2 * tol


@pytest.mark.parametrize("seed", range(8))
def test_tree_and_parts(seed):
    """Every candidate sits in exactly one part; parts respect the size; the tree is the same
    twice (no randomness)."""
    p = clustered(seed, 80, 200)
    side = side_constraints(p, 8)
    inst = reduce_cover(p.cover(12.0), p.weights, side)
    n = inst.a.shape[0]
    tree = dec.bisection_tree(inst, leaf=10)
    again = dec.bisection_tree(inst, leaf=10)
    assert all(np.array_equal(a, b) for a, b in zip(tree.nodes, again.nodes, strict=True))
    for t, kids in enumerate(tree.children):
        if kids:
            merged = np.sort(np.concatenate([tree.nodes[k] for k in kids]))
            assert np.array_equal(merged, np.sort(tree.nodes[t]))
        else:
            assert len(tree.nodes[t]) <= 10 or len(tree.nodes[t]) == 1
    for size in (10, 25, 60):
        labels = dec.parts_at(tree, size)
        assert labels.shape == (n,)
        counts = np.bincount(labels)
        assert (counts > 0).all() and counts.max() <= max(size, 10)
        for a, b in dec.neighbour_pairs(inst, labels):
            rows_a = set(inst.a[labels == a].indices.tolist())
            rows_b = set(inst.a[labels == b].indices.tolist())
            assert a < b and rows_a & rows_b


@pytest.mark.parametrize("seed", range(8))
def test_local_search_never_worse_and_keeps_the_count(seed):
    p = clustered(seed, 40, 120)
    side = side_constraints(p, 6)
    inst = reduce_cover(p.cover(12.0), p.weights, side)
    n = inst.a.shape[0]
    if n <= side.slots:
        pytest.skip("reductions left no choice")
    start = np.arange(side.slots)
    labels = dec.parts_at(dec.bisection_tree(inst, leaf=8), 12)
    hoods = [labels == k for k in range(labels.max() + 1)]
    best, solved = dec.local_search(inst, side, start, hoods)
    assert solved >= 1
    assert len(np.unique(best)) == len(best) <= side.slots
    assert covered_weight(inst, best) >= covered_weight(inst, start) - 1e-12
    # every neighbourhood is now locally optimal: a second pass finds nothing better
    again, _ = dec.local_search(inst, side, best, hoods)
    assert covered_weight(inst, again) == pytest.approx(covered_weight(inst, best), abs=1e-9)


@pytest.fixture
def decompose_small(monkeypatch):
    """The decomposition path on tiny models: every LP counts as degenerate, small parts."""
    monkeypatch.setattr(solve_mod, "CORE_SIZE", 2)
    monkeypatch.setattr(solve_mod, "CORE_DEGENERATE", 0.5)
    monkeypatch.setattr(solve_mod, "DECOMP_LEAF", 3)
    monkeypatch.setattr(solve_mod, "DECOMP_LOCAL", (("parts", 5), ("pairs", 4)))
    monkeypatch.setattr(solve_mod, "DECOMP_LOCAL_MORE", (("pairs", 5),))
    monkeypatch.setattr(solve_mod, "DECOMP_PARTS", 6)
    monkeypatch.setattr(dec, "LEVEL_PART_MIN", 2)


def brute(p: LocationProblem, total: int, threshold: float, *, forced=(), excluded=(),
          quotas=None, budget=None) -> float:  # fmt: skip
    cov = p.cover(threshold).toarray().astype(bool)
    fixed = np.flatnonzero(p.fixed)
    free = [j for j in np.flatnonzero(~p.fixed) if j not in forced and j not in excluded]
    best = -1.0
    k = total - len(fixed) - len(forced)
    for extra in itertools.combinations(free, k):
        new = list(forced) + list(extra)
        if quotas is not None:
            regions = p.site_region[new]
            if any(not lo <= int((regions == r).sum()) <= hi for r, (lo, hi) in quotas.items()):
                continue
        if budget is not None and float(p.site_cost[new].sum()) > budget + 1e-9:
            continue
        hit = cov[np.concatenate([fixed, new]).astype(int)].any(axis=0)
        best = max(best, float(p.weights[hit].sum()))
    return best


def _case(seed: int):
    p = scattered(seed, 13, 40, seed % 3)
    forced = (p.n_fixed + 1,) if seed % 4 == 1 else ()
    excluded = (p.n_fixed + 2, p.n_fixed + 5) if seed % 4 == 2 else ()
    p = p.with_(forced=np.asarray(forced, dtype=int), excluded=np.asarray(excluded, dtype=int))
    return p, p.n_fixed + 4 + len(forced), forced, excluded


@pytest.mark.parametrize("seed", range(24))
def test_solve_through_the_decomposition_matches_brute_force(seed, decompose_small):
    p, total, forced, excluded = _case(seed)
    gap = 1e-9 if seed % 2 else 1e-3
    sol = solve(p, total=total, threshold=20.0, mip_gap=gap)
    best = brute(p, total, 20.0, forced=forced, excluded=excluded)
    assert sol.bound >= best - 1e-9 * best
    assert sol.optimal
    assert sol.objective >= best * (1 - gap) - 1e-9
    assert sol.gap <= gap + 1e-12
    if "bound" in sol.stats.get("decomposition", {}):
        assert sol.stats["decomposition"]["bound"] >= best - 1e-9 * best


def test_the_decomposition_path_runs(decompose_small):
    """Those small models do go through the path (locks and exclusions included)."""
    ran = []
    for seed in range(24):
        p, total, _, _ = _case(seed)
        sol = solve(p, total=total, threshold=20.0, mip_gap=1e-3)
        ran.append("bound" in sol.stats.get("decomposition", {}))
    assert sum(ran) >= 4
    assert any(ran[s] for s in range(24) if s % 4 in (1, 2))


@pytest.mark.parametrize("seed", range(6))
def test_decomposition_matches_textbook_milp(seed, decompose_small):
    p = scattered(500 + seed, 40, 120, n_fixed=2)
    total = p.n_fixed + 5
    solve_against_textbook(p, total, 8.0)


@pytest.mark.parametrize("seed", range(8))
def test_quotas_and_budget_do_not_use_the_decomposition(seed, decompose_small):
    """The bound is for the plain cardinality constraint only: with quotas or a budget the
    path is skipped and the answer still equals brute force."""
    p = clustered(seed, 12, 40)
    total = 4
    kw = {"quotas": {"R0": (1, 2), "R1": (0, 1)}} if seed % 2 else {"budget": 7.0}
    sol = solve(p, total=total, threshold=14.0, mip_gap=1e-9, **kw)
    best = brute(p, total, 14.0, **kw)
    assert "decomposition" not in sol.stats
    assert sol.objective == pytest.approx(best, rel=1e-9)
    assert sol.optimal and sol.bound >= best - 1e-9


@pytest.mark.parametrize("seed", range(8))
def test_time_limited_decomposition_stays_valid(seed, decompose_small):
    """Parts stopped by the time limit still give a valid bound; the answer is feasible."""
    p, total, forced, excluded = _case(seed)
    sol = solve(p, total=total, threshold=20.0, mip_gap=1e-9, time_limit=0.01)
    best = brute(p, total, 20.0, forced=forced, excluded=excluded)
    assert sol.objective <= best + 1e-9 <= sol.bound + 2e-9
    assert sol.n_open <= total
    if sol.optimal:
        assert sol.objective == pytest.approx(best, rel=1e-9)


@pytest.mark.parametrize("seed", range(6))
def test_stop_at_gives_a_good_enough_solution_and_no_bound(seed):
    """``cover_milp(stop_at=...)``: HiGHS stops with a solution covering at least that much
    and reports no bound then (it may use the target as a cutoff); a target above the optimum
    changes nothing."""
    p = scattered(600 + seed, 30, 90, 1)
    side = side_constraints(p, 5)
    inst = reduce_cover(p.cover(10.0), p.weights, side)
    full, _ = cover_milp(inst, side, mip_gap=1e-9)
    assert full.optimal
    low, picked = cover_milp(inst, side, mip_gap=1e-9, stop_at=0.9 * full.objective)
    assert inst.const + covered_weight(inst, picked) >= 0.9 * full.objective - 1e-9
    if not low.optimal:
        assert not np.isfinite(low.bound)
    high, _ = cover_milp(inst, side, mip_gap=1e-9, stop_at=full.objective * 1.01 + 1.0)
    assert high.optimal and high.bound >= full.objective - 1e-7 * full.objective
