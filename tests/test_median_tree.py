"""The median's Lagrangian branch-and-bound (median.tree_search) against brute force: on small
instances with a clear LP gap (small p, shortest paths on sparse graphs, fractional minutes and
weights, and integral ones) the proven value is the brute-force optimum, the bound never
exceeds it, and a search stopped early still returns a valid bound."""

from __future__ import annotations

import itertools
import time

import numpy as np
import pytest
import scipy.sparse as sp
from scipy.sparse.csgraph import shortest_path

from planning.optimize import LocationProblem, solve
from planning.optimize import median as med
from planning.optimize.constraints import side_constraints


def graph(seed: int, n: int, integral: bool) -> tuple[np.ndarray, np.ndarray]:
    """Shortest paths on a ring plus random chords (like OR-Library's graphs) and weights."""
    rng = np.random.default_rng(seed)
    ring = np.arange(n)
    i = np.concatenate([rng.integers(0, n, n), ring])
    j = np.concatenate([rng.integers(0, n, n), (ring + 1) % n])
    c = rng.integers(1, 100, len(i)).astype(float) if integral else rng.uniform(1, 100, len(i))
    d = shortest_path(sp.csr_matrix((c, (i, j)), shape=(n, n)), directed=False)
    w = rng.integers(1, 5, n).astype(float) if integral else rng.uniform(0.3, 3.0, n)
    return d, w


def brute(d: np.ndarray, w: np.ndarray, cap: np.ndarray, p: int) -> float:
    return min(
        float(w @ np.minimum(d[list(s)].min(axis=0), cap))
        for s in itertools.combinations(range(d.shape[0]), p)
    )


def plain_side(p: LocationProblem, total: int):
    return side_constraints(p, total, None, None)


@pytest.mark.parametrize("seed", range(24))
def test_tree_search_proves_the_brute_force_optimum(seed):
    integral = seed % 2 == 0
    n = 24
    d, w = graph(seed, n, integral)
    k = 2 + seed % 3
    cap = np.full(n, np.inf)
    pairs = med.build_pairs(d, w, cap)
    opt = brute(d, w, cap, k)
    problem = LocationProblem(weights=w, minutes=d)
    side = plain_side(problem, k)
    start = med.greedy(pairs, side, side.region, side.cost)  # a poor start: the tree improves
    res = med.tree_search(pairs, side, side.region, side.cost, start, deadline=None,
                          mip_gap=1e-9, integral=integral)  # fmt: skip
    assert res.optimal
    assert res.objective == pytest.approx(opt, rel=1e-9, abs=1e-9)
    assert res.bound <= opt + 1e-9 * max(1.0, opt)
    assert len(res.chosen) <= k
    is_open = np.zeros(n, dtype=bool)
    is_open[res.chosen] = True
    assert med.value(pairs, is_open) == pytest.approx(res.objective, rel=1e-12)


def test_tree_search_branches():
    """Not vacuous: on these instances the root bound leaves a gap and the search branches."""
    nodes = []
    for seed in range(24):
        integral = seed % 2 == 0
        d, w = graph(seed, 24, integral)
        k = 2 + seed % 3
        pairs = med.build_pairs(d, w, np.full(24, np.inf))
        side = plain_side(LocationProblem(weights=w, minutes=d), k)
        start = med.greedy(pairs, side, side.region, side.cost)
        res = med.tree_search(pairs, side, side.region, side.cost, start, deadline=None,
                              mip_gap=1e-9, integral=integral)  # fmt: skip
        nodes.append(res.stats["tree_nodes"])
    assert sum(k > 1 for k in nodes) >= 8 and max(nodes) >= 7  # some go two levels deep


@pytest.mark.parametrize("seed", range(6))
def test_tree_search_with_an_open_network_and_a_stop(seed):
    """Areas capped by an existing center; a search stopped at once keeps a valid bound."""
    n = 18
    d, w = graph(100 + seed, n, integral=seed % 2 == 0)
    fixed = np.zeros(n, dtype=bool)
    fixed[0] = True
    k = 3
    cap = d[0]
    free = np.arange(1, n)
    pairs = med.build_pairs(d[free], w, cap)
    opt = brute(d[free], w, cap, k)
    problem = LocationProblem(weights=w, minutes=d, fixed=fixed)
    side = side_constraints(problem, 1 + k, None, None)
    region, cost = side.region[free], side.cost[free]
    start = med.greedy(pairs, side, region, cost)
    full = med.tree_search(pairs, side, region, cost, start, deadline=None, mip_gap=1e-9)
    assert full.optimal and full.objective == pytest.approx(opt, rel=1e-9)
    cut = med.tree_search(pairs, side, region, cost, start, deadline=time.perf_counter(),
                          mip_gap=1e-9)  # fmt: skip
    assert cut.bound <= opt + 1e-9 * max(1.0, opt) <= cut.objective + 1e-9 * max(1.0, opt)
    sol = solve(problem, model="median", total=1 + k, mip_gap=1e-9, fill=False)
    assert sol.optimal and sol.objective == pytest.approx(opt, rel=1e-9)
    assert sol.bound <= opt + 1e-9 * max(1.0, opt)


def test_tree_search_refuses_side_constraints():
    d, w = graph(1, 10, integral=True)
    problem = LocationProblem(weights=w, minutes=d, site_cost=np.ones(10))
    side = side_constraints(problem, 3, None, 2.0)
    pairs = med.build_pairs(d, w, np.full(10, np.inf))
    with pytest.raises(ValueError, match="network size only"):
        med.tree_search(pairs, side, side.region, side.cost, np.arange(2), deadline=None,
                        mip_gap=1e-9)  # fmt: skip


@pytest.mark.parametrize("seed", range(8))
def test_solve_with_the_tree_equals_brute_force(seed):
    """The whole exact path (phases, fixing, tree) on graphs of 40 nodes with p = 2..5."""
    integral = seed % 2 == 1
    n = 40 if seed < 4 else 24
    d, w = graph(200 + seed, n, integral)
    k = 2 + seed % 4 if n == 24 else 2 + seed % 2
    opt = brute(d, w, np.full(n, np.inf), k)
    sol = solve(LocationProblem(weights=w, minutes=d), model="median", total=k, mip_gap=1e-9,
                fill=False)  # fmt: skip
    assert sol.optimal
    assert sol.objective == pytest.approx(opt, rel=1e-9, abs=1e-9)
    assert sol.bound <= opt + 1e-9 * max(1.0, opt)


@pytest.mark.parametrize("seed", range(6))
def test_solve_with_the_tree_under_locks_equals_brute_force(seed):
    """Existing, forced and excluded sites (a network size only, so the tree search runs): the
    proven value is the brute-force optimum over the sites left free."""
    n = 24
    d, w = graph(300 + seed, n, integral=seed % 2 == 0)
    fixed = np.zeros(n, dtype=bool)
    forced = np.zeros(n, dtype=bool)
    excluded = np.zeros(n, dtype=bool)
    fixed[0] = True
    forced[1] = True
    excluded[2:4] = True
    k = 2 + seed % 3
    free = np.arange(4, n)
    cap = d[:2].min(axis=0)
    opt = brute(d[free], w, cap, k)
    problem = LocationProblem(weights=w, minutes=d, fixed=fixed, forced=forced, excluded=excluded)
    sol = solve(problem, model="median", total=2 + k, mip_gap=1e-9, fill=False)
    assert sol.optimal
    assert sol.objective == pytest.approx(opt, rel=1e-9, abs=1e-9)
    assert sol.bound <= opt + 1e-9 * max(1.0, opt)
    assert sol.open_mask[:2].all() and not sol.open_mask[2:4].any()
    assert int(sol.open_mask.sum()) <= 2 + k
    assert float(w @ d[sol.open_mask].min(axis=0)) == pytest.approx(sol.objective, rel=1e-12)


def test_solve_with_the_tree_under_locks_matches_the_textbook_milp():
    """Larger graphs (80 nodes, fractional minutes and weights) with an existing, a forced and
    two excluded sites, where the Lagrangian phases leave a gap and the tree search branches:
    the proven value equals the textbook MILP's (forced sites given to it as existing ones,
    excluded sites removed)."""
    from test_median_fixing import graph_instance

    from planning.optimize.textbook import textbook_median

    ran = 0
    for seed in range(12):
        p = graph_instance(seed, n=80)
        forced = np.zeros(p.n_sites, dtype=bool)
        excluded = np.zeros(p.n_sites, dtype=bool)
        forced[5] = True
        excluded[6:8] = True
        total = p.n_fixed + 1 + 3 + seed % 3
        sol = solve(p.with_(forced=forced, excluded=excluded), model="median", total=total,
                    mip_gap=1e-9, fill=False)  # fmt: skip
        keep = ~excluded
        ref = textbook_median(
            LocationProblem(weights=p.weights, minutes=p.minutes[keep],
                            fixed=(p.fixed | forced)[keep]),
            total=total, mip_gap=1e-9,
        )  # fmt: skip
        assert ref.optimal and sol.optimal
        assert sol.objective == pytest.approx(ref.objective, rel=1e-8)
        assert sol.bound <= ref.objective * (1 + 1e-8)
        assert sol.open_mask[5] and not sol.open_mask[6:8].any()
        ran += sol.stats.get("tree_nodes", 0) > 1
    assert ran >= 4
