"""Exact median and center against independent formulations (the textbook x_ij / y_j MILPs),
brute force and the published OR-Library optima; bound labels, notes and warm starts."""

from __future__ import annotations

import os
from pathlib import Path

import numpy as np
import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from planning.errors import DataError
from planning.optimize import LocationProblem, solve
from planning.optimize import median as med
from planning.optimize.constraints import side_constraints
from planning.optimize.highs import solve_milp
from planning.optimize.pmed import PMED_OPTIMA, pmed_problem, read_pmed
from planning.optimize.textbook import textbook_center, textbook_median


def grid_instance(seed: int, n_sites: int = 40, n_dem: int = 60, n_fixed: int = 3):
    """Integer (Manhattan) minutes on a grid: many ties between distances."""
    rng = np.random.default_rng(seed)
    sites = rng.integers(0, 30, (n_sites, 2))
    dem = rng.integers(0, 30, (n_dem, 2))
    d = np.abs(sites[:, None] - dem[None]).sum(axis=2).astype(float)
    w = rng.integers(0, 20, n_dem).astype(float)
    fixed = np.zeros(n_sites, dtype=bool)
    fixed[:n_fixed] = True
    return d, w, fixed


@pytest.mark.parametrize("seed", range(4))
@pytest.mark.parametrize("n_fixed", [0, 3])
def test_median_matches_textbook_milp(seed, n_fixed):
    d, w, fixed = grid_instance(seed, n_fixed=n_fixed)
    p = LocationProblem(weights=w, minutes=d, fixed=fixed)
    total = n_fixed + 6
    sol = solve(p, model="median", total=total, mip_gap=1e-9, fill=False)
    ref = textbook_median(p, total=total, mip_gap=1e-9)
    assert ref.optimal
    assert sol.optimal
    assert sol.objective == pytest.approx(ref.objective, rel=1e-9, abs=1e-9)
    assert sol.bound <= sol.objective + 1e-9
    # the reported objective is the true value of the reported sites
    best = d[sol.open_mask].min(axis=0)
    assert sol.objective == pytest.approx(float(w @ best), rel=1e-12, abs=1e-9)


@pytest.mark.parametrize("seed", range(4))
def test_center_matches_textbook_milp(seed):
    d, w, fixed = grid_instance(seed)
    p = LocationProblem(weights=w, minutes=d, fixed=fixed)
    sol = solve(p, model="center", total=9, fill=False)
    ref = textbook_center(p, total=9, mip_gap=1e-9)
    assert ref.optimal and sol.optimal
    assert sol.objective == pytest.approx(ref.objective, abs=1e-6)
    assert sol.bound == pytest.approx(sol.objective)
    assert sol.objective == pytest.approx(float(d[sol.open_mask].min(axis=0)[w > 0].max()))


@pytest.mark.parametrize("model", ["median", "center"])
def test_fast_answer_bound_is_valid(model):
    d, w, fixed = grid_instance(7, n_sites=60, n_dem=90)
    p = LocationProblem(weights=w, minutes=d, fixed=fixed)
    fast = solve(p, model=model, total=12, exact=False)
    exact = solve(p, model=model, total=12)
    assert exact.optimal
    assert fast.bound <= exact.objective + 1e-9 <= fast.objective + 2e-9
    assert fast.optimal == (fast.gap <= 1e-6)


@settings(max_examples=25, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(seed=st.integers(0, 10_000), share=st.floats(0.0, 1.0))
def test_truncated_radius_model_never_overstates(seed, share):
    """Any subset of distance levels gives a relaxation: its MILP optimum is at most the true
    optimum, and with every level kept it equals it."""
    d, w, fixed = grid_instance(seed, n_sites=12, n_dem=15, n_fixed=1)
    p = LocationProblem(weights=w, minutes=d, fixed=fixed)
    side = side_constraints(p, 4)
    free = np.flatnonzero(side.free)
    cap = d[fixed].min(axis=0)
    pairs = med.build_pairs(d[free], w, cap)
    rng = np.random.default_rng(seed)
    opt = textbook_median(p, total=4, mip_gap=1e-9).objective

    def truncated(kept):
        c, a, lo, hi, ub, off = med.radius_model(
            pairs, kept, side, side.region[free], side.cost[free]
        )
        integer = np.zeros(len(c), dtype=bool)
        integer[: pairs.n_sites] = True
        # integrality to 1e-9: with HiGHS's default 1e-6 an x of 0.999999 leaves z at 1e-6
        return solve_milp(c, a, lo, hi, np.zeros(len(c)), ub, integer, offset=off, mip_gap=1e-9,
                          options={"mip_feasibility_tolerance": 1e-9})  # fmt: skip

    some = rng.random(len(pairs.lvl_d)) < share
    assert truncated(some).objective <= opt + 1e-7
    every = np.ones(len(pairs.lvl_d), dtype=bool)
    assert truncated(every).objective == pytest.approx(opt, rel=1e-9, abs=1e-7)


def test_result_says_what_it_is():
    d, w, fixed = grid_instance(1)
    p = LocationProblem(weights=w, minutes=d, fixed=fixed)
    cov = solve(p, model="coverage", total=8, threshold=10)
    med_sol = solve(p, model="median", total=8, threshold=30)
    cen = solve(p, model="center", total=8, threshold=30)
    assert cov.sense == "max" and cov.bound_label() == "상한" and cov.threshold == 10
    assert cov.bound_label("en") == "upper bound"
    for sol in (med_sol, cen):
        assert sol.sense == "min" and sol.bound_label() == "하한"
        assert sol.bound_label("en") == "lower bound"
        assert sol.threshold is None
        assert sol.summary()["sense"] == "min"


def test_stopped_proof_is_stated_and_not_optimal(monkeypatch):
    import sys

    solve_module = sys.modules["planning.optimize.solve"]
    d, w, fixed = grid_instance(2, n_sites=80, n_dem=120, n_fixed=0)
    p = LocationProblem(weights=w, minutes=d)  # fixed is optional
    assert p.n_fixed == 0
    monkeypatch.setattr(solve_module, "MEDIAN_MAX_NONZEROS", 0)
    sol = solve(p, model="median", total=10)
    assert sol.method == "heuristic"
    if not sol.optimal:
        assert any("not attempted" in n for n in sol.notes)
        assert any("정확해" in n for n in sol.notes_ko)
    assert sol.bound <= sol.objective


def test_warm_start_after_a_weight_change():
    d, w, fixed = grid_instance(3, n_sites=60, n_dem=90)
    p = LocationProblem(weights=w, minutes=d, fixed=fixed)
    first = solve(p, model="median", total=12, exact=False)
    w2 = w * np.random.default_rng(0).uniform(0.95, 1.05, len(w))
    p2 = p.with_(weights=w2)
    cold = solve(p2, model="median", total=12)
    warm = solve(p2, model="median", total=12, warm_start=first)
    assert warm.stats.get("warm_start") is True
    assert warm.optimal and cold.optimal
    assert warm.objective == pytest.approx(cold.objective, rel=1e-9)
    for model in ("coverage", "center"):
        base = solve(p, model=model, total=12, threshold=12, exact=False)
        again = solve(p2, model=model, total=12, threshold=12, warm_start=base)
        ref = solve(p2, model=model, total=12, threshold=12)
        assert again.objective == pytest.approx(ref.objective, rel=1e-9)
    other = LocationProblem(weights=w, minutes=d[:-1], fixed=fixed[:-1])
    with pytest.raises(DataError, match="warm start"):
        solve(other, model="median", total=12, warm_start=first)


def test_read_pmed_uses_the_last_cost_of_a_repeated_edge(tmp_path):
    f = tmp_path / "pmed_tiny.txt"
    f.write_text(" 4 4 2 \n 1 2 5 \n 2 3 7 \n 1 2 3 \n 3 4 1 \n")
    d, p = read_pmed(f)
    assert p == 2
    assert d[0, 1] == 3 and d[0, 2] == 10 and d[0, 3] == 11
    problem, k = pmed_problem(f)
    sol = solve(problem, model="median", total=k, fill=False)
    assert sol.optimal and sol.objective == 4.0  # open 2 and 3 (or 4): 3 + 0 + 0 + 1


PMED_DIR = os.environ.get("PLANNING_PMED_DIR", "")


@pytest.mark.skipif(
    not (PMED_DIR and (Path(PMED_DIR) / "pmed1.txt").exists()),
    reason="OR-Library pmed files not available (set PLANNING_PMED_DIR; see README)",
)
@pytest.mark.parametrize("i", [1, 2, 3, 4, 5, 6, 16, 36])
def test_pmed_published_optimum_proven(i):
    """pmed6, 16 (p = 5) and 36 (n = 800, p = 10, the hardest: LP gap 1 %, ~1,400 nodes) are
    proven by the Lagrangian tree search; pmed4, 5 (p = 20, 33) by the radius MILP."""
    problem, p = pmed_problem(Path(PMED_DIR) / f"pmed{i}.txt")
    sol = solve(problem, model="median", total=p, mip_gap=1e-9, fill=False)
    assert sol.optimal
    assert sol.objective == PMED_OPTIMA[i]
    assert sol.bound == PMED_OPTIMA[i]
    assert ("tree_nodes" in sol.stats) == (p <= 15) or "median_nonzeros" not in sol.stats


def test_a_center_proof_stopped_by_its_time_limit_says_so():
    """An exact worst-time solve cut by its time limit is not optimal and says why, in both
    languages; one that finishes carries no note."""
    stopped = 0
    for seed in range(6):
        d, w, fixed = grid_instance(seed, n_sites=80, n_dem=120, n_fixed=0)
        p = LocationProblem(weights=w, minutes=d)
        sol = solve(p, model="center", total=6, exact=True, time_limit=1e-9)
        full = solve(p, model="center", total=6, exact=True)
        assert full.optimal and not full.notes and sol.bound <= full.objective + 1e-9
        if sol.optimal:
            assert not sol.notes
            continue
        stopped += 1
        assert any("time limit" in n for n in sol.notes)
        assert any("시간 제한" in n and "하한은 유효" in n for n in sol.notes_ko)
    assert stopped  # the limit really cut some proofs short


@pytest.mark.parametrize("model", ["median", "center", "coverage"])
def test_warm_start_that_misses_a_new_quota_minimum_is_not_kept(model):
    """A previous answer with too few sites in a region whose minimum was raised since: the
    re-solve starts afresh and keeps the minimum (the start check looked at maxima only)."""
    d, w, fixed = grid_instance(4, n_sites=60, n_dem=90)
    region = np.where(np.arange(60) < 30, "A", "B")
    p = LocationProblem(weights=w, minutes=d, fixed=fixed, site_region=region)
    kw = {"threshold": 12} if model == "coverage" else {}
    first = solve(p, model=model, total=14, exact=False, **kw)
    n_fixed = int(fixed.sum())
    in_b = int((region[first.new_index] == "B").sum())
    slots = 14 - n_fixed
    need = min(in_b + 3, slots)
    assert need > in_b
    quotas = {"B": (need, slots)}
    again = solve(p, model=model, total=14, quotas=quotas, exact=False, warm_start=first, **kw)
    assert int((region[again.new_index] == "B").sum()) >= need
    ref = solve(p, model=model, total=14, quotas=quotas, **kw)
    sign = -1 if model == "coverage" else 1  # maximised
    assert ref.optimal and sign * (again.objective - ref.objective) >= -1e-9
