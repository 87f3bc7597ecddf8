"""The coverage proof by levels (``solve._exact_core``) and the reduced-cost level it uses.

Checked against brute force over all subsets and against the plain textbook MILP, with the
thresholds of the level rounds set so small that every round kind runs (guessed levels that
fail, that prove, the bisection and the full proof).
"""

from __future__ import annotations

import importlib
import itertools

import numpy as np
import pytest

from planning.optimize import LocationProblem, solve
from planning.optimize.constraints import side_constraints
from planning.optimize.heuristics import covered_weight, lagrangian_fix, lagrangian_level
from planning.optimize.models import cover_milp
from planning.optimize.reduce import reduce_cover
from planning.optimize.textbook import textbook_mclp

solve_mod = importlib.import_module("planning.optimize.solve")


def clustered(
    seed: int, n_sites: int, n_dem: int, n_fixed: int = 0, *, groups: bool = False
) -> LocationProblem:
    """Sites and demand in a few clusters: overlapping covers, a fractional LP. ``groups``:
    with three quota groups (R0-R2) and site costs of 1-4 as well."""
    rng = np.random.default_rng(seed)
    centers = rng.uniform(0, 100, (4, 2))
    sites = centers[rng.integers(0, 4, n_sites)] + rng.normal(0, 12, (n_sites, 2))
    dem = centers[rng.integers(0, 4, n_dem)] + rng.normal(0, 15, (n_dem, 2))
    d = np.linalg.norm(sites[:, None] - dem[None], axis=2)
    w = np.round(rng.pareto(1.2, n_dem) * 10, 1) + 0.1
    fixed = np.zeros(n_sites, dtype=bool)
    fixed[:n_fixed] = True
    if not groups:
        return LocationProblem(weights=w, minutes=d, fixed=fixed)
    region = np.asarray([f"R{i % 3}" for i in range(n_sites)])
    cost = rng.integers(1, 5, n_sites).astype(float)
    return LocationProblem(weights=w, minutes=d, fixed=fixed, site_region=region, site_cost=cost)


def scattered(seed: int, n_sites: int, n_dem: int, n_fixed: int) -> LocationProblem:
    """Random minutes per pair (no geometry): cover sets that overlap at random, an LP far
    from integral, so the level rounds run."""
    rng = np.random.default_rng(seed)
    d = rng.uniform(0, 100, (n_sites, n_dem))
    w = rng.integers(1, 20, n_dem).astype(float)
    fixed = np.zeros(n_sites, dtype=bool)
    fixed[:n_fixed] = True
    return LocationProblem(weights=w, minutes=d, fixed=fixed)


def solve_against_textbook(p: LocationProblem, total: int, threshold: float):
    """Our exact solve at gap 1e-9, checked against the textbook MILP: both proven, the same
    optimum, and no bound below it. Returns our solution."""
    sol = solve(p, total=total, threshold=threshold, mip_gap=1e-9)
    ref = textbook_mclp(p, total=total, threshold=threshold, mip_gap=1e-9)
    assert ref.optimal and sol.optimal
    assert sol.objective == pytest.approx(ref.objective, rel=1e-7)
    assert sol.bound >= ref.objective * (1 - 1e-7)
    return sol, ref


def brute_coverage(p: LocationProblem, total: int, threshold: float) -> float:
    cov = p.cover(threshold).toarray().astype(bool)
    fixed = np.flatnonzero(p.fixed)
    free = np.flatnonzero(~p.fixed)
    best = 0.0
    for extra in itertools.combinations(free, total - len(fixed)):
        hit = cov[np.concatenate([fixed, extra]).astype(int)].any(axis=0)
        best = max(best, float(p.weights[hit].sum()))
    return best


@pytest.fixture
def eager_levels(monkeypatch):
    """Level rounds on tiny models: a first guess of 3 candidates, bisection, full proof."""
    monkeypatch.setattr(solve_mod, "CORE_SIZE", 3)
    monkeypatch.setattr(solve_mod, "CORE_GROW", 1.0)
    monkeypatch.setattr(solve_mod, "CORE_GUESSES", 3)
    monkeypatch.setattr(solve_mod, "CORE_DEGENERATE", 1e9)


@pytest.mark.parametrize("seed", range(30))
def test_levels_match_brute_force(seed, eager_levels):
    make = scattered if seed % 2 else clustered
    p = make(seed, n_sites=13, n_dem=40, n_fixed=seed % 3)
    total = p.n_fixed + 4
    threshold = 20.0 if seed % 2 else 14.0
    sol = solve(p, total=total, threshold=threshold, mip_gap=1e-9)
    best = brute_coverage(p, total, threshold)
    assert sol.objective == pytest.approx(best, rel=1e-9, abs=1e-9)
    assert sol.optimal
    assert sol.bound >= best - 1e-9 * max(1.0, best)


@pytest.mark.parametrize("seed", range(12))
def test_levels_match_textbook_milp(seed, eager_levels):
    """Random covers (LP gap > 0, several rounds): our proven optimum equals the textbook
    MILP's, and no reported bound is below it."""
    p = scattered(100 + seed, n_sites=40, n_dem=120, n_fixed=2)
    total = p.n_fixed + 5
    sol, ref = solve_against_textbook(p, total, 8.0)
    for r in sol.stats.get("core_rounds", []):
        assert r["bound"] >= ref.objective * (1 - 1e-7)  # every round's bound stays valid


@pytest.mark.parametrize("seed", range(12))
def test_level_fixing_keeps_every_solution_worth_the_level(seed):
    """For a level v from ``lagrangian_level``, every subset worth at least v avoids the
    candidates fixed out and contains the ones fixed in (brute force over all subsets)."""
    p = scattered(200 + seed, n_sites=12, n_dem=36, n_fixed=1)
    side = side_constraints(p, p.n_fixed + 4)
    inst = reduce_cover(p.cover(20.0), p.weights, side)
    n = inst.a.shape[0]
    if n <= side.slots:
        pytest.skip("reductions left no choice")
    lp, _ = cover_milp(inst, side, relax=True)
    lam = np.abs(lp.row_dual[: inst.a.shape[1]])
    values = {
        s: covered_weight(inst, np.asarray(s))
        for s in itertools.combinations(range(n), min(side.slots, n))
    }
    for size in range(1, n + 1):
        v = lagrangian_level(inst, lam, side.slots, size)
        if not np.isfinite(v):
            continue
        lag = lagrangian_fix(inst, lam, side.slots, v)
        assert int((~lag.fix0).sum()) >= size
        for s, val in values.items():
            if val >= v:
                assert not lag.fix0[list(s)].any()
                assert set(np.flatnonzero(lag.fix1)) <= set(s)


def test_levels_run_and_say_so(eager_levels):
    """The medium instances above do exercise the rounds: guessed levels, more than one round."""
    runs = []
    for seed in range(12):
        p = scattered(100 + seed, n_sites=40, n_dem=120, n_fixed=2)
        sol = solve(p, total=p.n_fixed + 5, threshold=8.0, mip_gap=1e-9)
        runs.append(sol.stats.get("core_rounds", []))
    assert sum(len(r) > 1 for r in runs) >= 6
    guessed = [x for r in runs for x in r if x["guess"]]
    assert any(x["objective"] < x["level"] for x in guessed)  # a guess that failed
    assert all(x["candidates"] <= 40 for r in runs for x in r)


def test_weak_start_guesses_prove_and_stay_exact(eager_levels, monkeypatch):
    """With a poor incumbent (first candidates, no swaps) some guessed level lies below the
    optimum and its round is the proof; every answer still equals the textbook optimum."""
    monkeypatch.setattr(solve_mod, "swap_cover", lambda inst, side, chosen, **kw: chosen)
    monkeypatch.setattr(
        solve_mod,
        "greedy_cover",
        lambda inst, side, **kw: np.arange(min(side.slots, inst.a.shape[0])),
    )
    proved = 0
    for seed in range(12):
        p = scattered(100 + seed, n_sites=40, n_dem=120, n_fixed=2)
        total = p.n_fixed + 5
        sol, _ = solve_against_textbook(p, total, 8.0)
        rounds = sol.stats.get("core_rounds", [])
        proved += any(r["guess"] and r["objective"] >= r["level"] - 1e-9 for r in rounds)
    assert proved >= 1


@pytest.mark.parametrize("seed", range(4))
def test_default_settings_match_textbook_milp(seed):
    """The shipped round settings (guess skipped or taken, full proof) on larger random covers."""
    p = scattered(300 + seed, n_sites=60, n_dem=200, n_fixed=2)
    total = p.n_fixed + 8
    solve_against_textbook(p, total, 5.0)


@pytest.mark.parametrize("seed", range(6))
def test_skipped_guess_full_proof_with_highs_defaults(seed, monkeypatch):
    """A first guess that keeps too many candidates is skipped; the one full proof then runs
    with HiGHS's presolve and heuristics, and is still exact."""
    monkeypatch.setattr(solve_mod, "CORE_SIZE", 5)
    monkeypatch.setattr(solve_mod, "CORE_DEGENERATE", 1.0)
    p = scattered(400 + seed, n_sites=40, n_dem=120, n_fixed=2)
    total = p.n_fixed + 5
    sol, _ = solve_against_textbook(p, total, 8.0)
    rounds = sol.stats.get("core_rounds", [])
    assert all(not r["guess"] for r in rounds) and len(rounds) <= 1
