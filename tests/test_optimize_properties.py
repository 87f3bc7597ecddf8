"""Property tests: more centers never hurt, fixed sites stay open, quotas and budgets hold."""

from __future__ import annotations

import numpy as np
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from planning.optimize import LocationProblem, coverage_curve, phased, solve

SETTINGS = settings(max_examples=40, deadline=None, suppress_health_check=[HealthCheck.too_slow])


@st.composite
def problems(draw, with_sides: bool = False):
    seed = draw(st.integers(0, 10_000))
    n_sites = draw(st.integers(4, 14))
    n_dem = draw(st.integers(3, 25))
    n_fixed = draw(st.integers(0, min(3, n_sites - 1)))
    rng = np.random.default_rng(seed)
    sites = rng.uniform(0, 100, (n_sites, 2))
    dem = rng.uniform(0, 100, (n_dem, 2))
    d = np.linalg.norm(sites[:, None] - dem[None], axis=2)
    w = np.round(rng.exponential(10, n_dem), 2)
    fixed = np.zeros(n_sites, dtype=bool)
    fixed[:n_fixed] = True
    region = np.array(["11", "26", "41"])[rng.integers(0, 3, n_sites)]
    cost = rng.choice([1.0, 3.0], n_sites)  # converting an office vs a new build
    return LocationProblem(weights=w, minutes=d, fixed=fixed, site_region=region, site_cost=cost)


@SETTINGS
@given(problems(), st.sampled_from(["coverage", "median", "center"]), st.integers(0, 4))
def test_more_centers_never_worse(problem, model, extra):
    t = max(problem.n_fixed + extra, 1)
    a = solve(problem, model=model, total=t, threshold=35.0)
    b = solve(problem, model=model, total=t + 1, threshold=35.0)
    tol = 1e-9 * max(1.0, abs(a.objective))
    if model == "coverage":
        assert b.objective >= a.objective - tol
    else:
        assert b.objective <= a.objective + tol
    for sol in (a, b):
        assert np.all(sol.open_mask[problem.fixed])
        assert sol.n_open <= sol.total
        assert sol.bound == sol.bound  # not NaN
        assert sol.optimal


@SETTINGS
@given(problems(), st.integers(0, 3), st.data())
def test_quotas_budget_forced_respected(problem, extra, data):
    free = np.flatnonzero(~problem.fixed)
    forced = data.draw(st.lists(st.sampled_from(free.tolist()), max_size=1, unique=True))
    total = problem.n_fixed + len(forced) + extra
    budget = float(problem.site_cost[forced].sum()) + data.draw(st.sampled_from([0.0, 2.0, 5.0]))
    quotas = {"11": (0, 1), "41": (0, 2)}
    quotas = {g: q for g, q in quotas.items() if g in set(problem.site_region.tolist())}
    counts = {g: sum(problem.site_region[j] == g for j in forced) for g in quotas}
    if any(counts[g] > quotas[g][1] for g in quotas):
        return  # covered by the infeasibility tests
    p = problem.with_(forced=[problem.site_ids[j] for j in forced])
    models = ("coverage", "median") if problem.n_fixed + len(forced) else ("coverage",)
    for model in models:
        sol = solve(p, model=model, total=total, threshold=35.0, quotas=quotas, budget=budget)
        new = sol.new_index
        assert set(forced) <= set(new.tolist())
        assert np.all(sol.open_mask[problem.fixed])
        assert problem.site_cost[new].sum() <= budget + 1e-9
        for g, (lo, hi) in quotas.items():
            assert lo <= int((problem.site_region[new] == g).sum()) <= hi
        assert sol.n_open <= total


@SETTINGS
@given(problems())
def test_heuristic_within_bound_and_exact_at_least_as_good(problem):
    total = problem.n_fixed + 2
    h = solve(problem, model="coverage", total=total, threshold=35.0, exact=False)
    e = solve(problem, model="coverage", total=total, threshold=35.0)
    assert h.objective <= e.objective + 1e-9
    assert e.objective <= h.bound + 1e-6 * max(1.0, h.bound)
    assert h.gap >= 0


@SETTINGS
@given(problems())
def test_phased_is_nested_and_curve_monotone(problem):
    n_free = int((~problem.fixed).sum())
    stages = [problem.n_fixed + k for k in (1, 2, 4) if k <= n_free]
    sols = phased(problem, stages, threshold=35.0)
    for before, after in zip(sols, sols[1:], strict=False):
        assert set(before.new_sites.tolist()) <= set(after.new_sites.tolist())
        assert after.objective >= before.objective - 1e-9
    curve = coverage_curve(problem, total=problem.n_fixed + 3, threshold=35.0)
    assert list(curve["total"]) == list(range(problem.n_fixed, problem.n_fixed + 4))
    assert np.all(np.diff(curve["objective"]) >= -1e-9)
    # the curve at a size equals a direct solve at that size
    direct = solve(problem, total=problem.n_fixed + 3, threshold=35.0)
    assert curve["objective"].iloc[-1] == direct.objective


@SETTINGS
@given(problems())
def test_fast_curve_is_a_lower_bound(problem):
    total = problem.n_fixed + 4
    fast = coverage_curve(problem, total=total, threshold=35.0, fast=True)
    full = coverage_curve(problem, total=total, threshold=35.0)
    assert list(fast["total"]) == list(full["total"])
    assert np.all(fast["objective"].to_numpy() <= full["objective"].to_numpy() + 1e-9)
    assert fast["objective"].iloc[0] == full["objective"].iloc[0]
    assert np.all(np.diff(fast["objective"]) >= -1e-12)


@SETTINGS
@given(
    st.integers(0, 10_000),
    st.floats(5.0, 80.0),
    st.one_of(st.none(), st.floats(1.0, 120.0), st.just(float("inf"))),
)
def test_a_table_gives_the_dense_minutes_of_its_array(seed, cutoff, penalty):
    """LocationProblem.dense_minutes / finite_minutes on a TravelTable (absent pairs filled and
    capped in place) against the same minutes as a plain array (where / minimum on a copy)."""
    from planning.travel.table import TravelTable

    rng = np.random.default_rng(seed)
    n_sites, n_dem = int(rng.integers(1, 9)), int(rng.integers(1, 12))
    d = np.round(rng.uniform(0, 100, (n_sites, n_dem)), 1)
    si, ai = np.nonzero(d <= cutoff)
    table = TravelTable.from_pairs(
        np.array([f"s{j}" for j in range(n_sites)], dtype=object),
        np.array([f"a{i}" for i in range(n_dem)], dtype=object),
        si,
        ai,
        d[si, ai],
        cutoff=cutoff,
        engine="test",
    )
    dense = np.where(d <= cutoff, d, np.inf)
    w = np.ones(n_dem)
    on_table = LocationProblem(weights=w, minutes=table)
    on_array = LocationProblem(weights=w, minutes=dense)
    for name in ("dense_minutes", "finite_minutes"):
        got = getattr(on_table, name)(penalty)
        want = getattr(on_array, name)(penalty)
        np.testing.assert_array_equal(got, want)
        if penalty is not None:
            assert got.max(initial=0.0) <= penalty
    # the table's array is the problem's own: capping it leaves the table untouched
    assert np.array_equal(table.dense(fill=np.inf), dense)
