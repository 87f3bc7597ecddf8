"""The coverage LP relaxation by column generation (``solve._relaxation``): started on a few
candidates, it ends at the value of the whole LP, its duals bound every solution, and a
solve through it is the brute-force optimum. ``LP_START`` is set so small here that every
instance runs the column generation (nationally it starts on 1,000 candidates)."""

from __future__ import annotations

import importlib

import numpy as np
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st
from test_optimize_coverage_levels import brute_coverage, clustered, scattered  # tests/ on sys.path

from planning.optimize import solve
from planning.optimize.constraints import side_constraints
from planning.optimize.heuristics import lagrangian_fix
from planning.optimize.models import cover_milp
from planning.optimize.reduce import reduce_cover

solve_mod = importlib.import_module("planning.optimize.solve")


@pytest.fixture
def small_start(monkeypatch):
    monkeypatch.setattr(solve_mod, "LP_START", 3)
    monkeypatch.setattr(solve_mod, "LP_ADD", 2)
    monkeypatch.setattr(solve_mod, "LP_MIN_SHARE", 1.0)


def _instance(kind, seed, n_sites, n_dem, total, threshold):
    p = (clustered if kind == "clustered" else scattered)(seed, n_sites, n_dem, n_fixed=1)
    side = side_constraints(p, total, None, None)
    return p, side, reduce_cover(p.cover(threshold), p.weights, side)


@settings(max_examples=40, deadline=None)
@given(
    kind=st.sampled_from(["clustered", "scattered"]),
    seed=st.integers(0, 10_000),
    n_sites=st.integers(8, 30),
    total=st.integers(2, 6),
    threshold=st.sampled_from([15.0, 25.0, 40.0]),
)
def test_column_generation_ends_at_the_whole_lp(kind, seed, n_sites, total, threshold) -> None:
    """Same LP value as the LP over every candidate, and the Lagrangian bound of its duals
    (what the solve uses as its bound) is that value: no candidate left out prices in."""
    old = (solve_mod.LP_START, solve_mod.LP_ADD, solve_mod.LP_MIN_SHARE)
    solve_mod.LP_START, solve_mod.LP_ADD, solve_mod.LP_MIN_SHARE = 3, 2, 1.0
    try:
        p, side, inst = _instance(kind, seed, n_sites, 40, total, threshold)
        n, m = inst.a.shape
        if n <= 3 or side.slots <= 0:
            return
        lp, x, idx = solve_mod._relaxation(inst, side)
        full, _ = cover_milp(inst, side, relax=True, options=solve_mod.LP_OPTIONS)
    finally:
        solve_mod.LP_START, solve_mod.LP_ADD, solve_mod.LP_MIN_SHARE = old
    assert idx is not None  # the column generation ran
    scale = max(float(inst.w.sum()), 1.0)
    assert lp.objective == pytest.approx(full.objective, abs=1e-7 * scale)
    lam = np.abs(lp.row_dual[:m])
    lag = lagrangian_fix(inst, lam, min(side.slots, n), -np.inf)
    assert lag.bound + inst.const >= full.objective - 1e-7 * scale  # never below the LP
    assert lag.bound + inst.const == pytest.approx(full.objective, abs=1e-6 * scale)
    assert x.shape == (n,) and np.all(x[np.setdiff1d(np.arange(n), idx)] == 0)


@pytest.mark.parametrize("seed", range(12))
@pytest.mark.parametrize("kind", ["clustered", "scattered"])
def test_solve_through_the_column_generation_is_the_optimum(small_start, kind, seed) -> None:
    p = (clustered if kind == "clustered" else scattered)(seed, 14, 40, n_fixed=1)
    for total, threshold in ((4, 25.0), (5, 40.0)):
        exact = solve(p, total=total, threshold=threshold)
        assert exact.optimal and exact.bound >= exact.objective - 1e-9
        best = brute_coverage(p, total, threshold)
        assert exact.objective == pytest.approx(best, rel=1e-9, abs=1e-9)
        quick = solve(p, total=total, threshold=threshold, exact=False)
        assert quick.bound >= best - 1e-7 * max(best, 1.0)  # a bound, even from the quick path
