"""Infeasible settings, reductions, bounds, explanations and the TravelTable input."""

from __future__ import annotations

import numpy as np
import pytest
import scipy.sparse as sp

from planning.errors import DataError, InfeasibleScenario, TravelError
from planning.optimize import LocationProblem, explain, solve
from planning.optimize.constraints import side_constraints
from planning.optimize.heuristics import covered_weight, greedy_cover, lagrangian_cover, swap_cover
from planning.optimize.reduce import reduce_cover
from planning.travel import straight_table


def small(seed=0, n_sites=12, n_dem=30, n_fixed=2):
    rng = np.random.default_rng(seed)
    s = rng.uniform(0, 100, (n_sites, 2))
    d = rng.uniform(0, 100, (n_dem, 2))
    m = np.linalg.norm(s[:, None] - d[None], axis=2)
    w = rng.exponential(5, n_dem)
    fixed = np.zeros(n_sites, dtype=bool)
    fixed[:n_fixed] = True
    region = np.array(["11", "26"] * n_sites)[:n_sites]
    cost = np.where(np.arange(n_sites) % 2 == 0, 1.0, 4.0)
    return LocationProblem(weights=w, minutes=m, fixed=fixed, site_region=region, site_cost=cost)


def test_total_below_existing():
    p = small(n_fixed=3)
    with pytest.raises(InfeasibleScenario, match=r"total \(2\) is below .* existing centers \(3\)"):
        solve(p, total=2)


def test_quotas_above_total():
    p = small()
    with pytest.raises(InfeasibleScenario, match="minimum quotas"):
        solve(p, total=5, quotas={"11": (2, 5), "26": (2, 5)})


def test_budget_below_forced():
    p = small().with_(forced=[3, 5])
    with pytest.raises(InfeasibleScenario, match="forced sites cost 8"):
        solve(p, total=6, budget=5)


def test_forced_and_excluded_overlap():
    with pytest.raises(InfeasibleScenario, match="both forced and excluded"):
        small().with_(forced=[4], excluded=[4, 5])


def test_min_quota_above_candidates_in_region():
    p = small(n_sites=6)
    with pytest.raises(InfeasibleScenario, match="Region 26 needs at least 5"):
        solve(p, total=6, quotas={"26": (5, 5)})


def test_forced_above_max_quota():
    p = small().with_(forced=[3, 5])
    with pytest.raises(InfeasibleScenario, match="above its maximum"):
        solve(p, total=6, quotas={"26": (0, 1)})


def test_forced_beyond_total():
    p = small().with_(forced=[3, 4, 5])
    with pytest.raises(InfeasibleScenario, match="exceed the total"):
        solve(p, total=4)


def test_budget_below_min_quota_cost():
    p = small()
    with pytest.raises(InfeasibleScenario, match="minimum quotas costs"):
        solve(p, total=6, quotas={"26": (2, 3)}, budget=7)


def test_unknown_quota_region_and_ids():
    with pytest.raises(DataError, match="matches no site"):
        solve(small(), total=4, quotas={"99": (0, 1)})
    with pytest.raises(DataError, match="not among the sites"):
        small().with_(forced=["nope"])


def test_existing_cannot_be_excluded():
    with pytest.raises(InfeasibleScenario, match="cannot be excluded"):
        small().with_(excluded=[0])


def test_bad_inputs():
    with pytest.raises(DataError, match="negative"):
        LocationProblem(weights=[1, -1], minutes=np.ones((2, 2)), fixed=[True, False])
    with pytest.raises(TravelError, match="2 areas but there are 3"):
        LocationProblem(weights=[1, 1, 1], minutes=np.ones((2, 2)), fixed=[True, False])
    with pytest.raises(DataError, match="Unknown model"):
        solve(small(), model="p-dispersion", total=4)


def test_unreachable_median_needs_penalty():
    m = np.array([[1.0, np.inf], [2.0, np.inf]])
    p = LocationProblem(weights=[1.0, 1.0], minutes=m, fixed=[True, False])
    with pytest.raises(InfeasibleScenario, match="penalty"):
        solve(p, model="median", total=2)
    sol = solve(p, model="median", total=2, penalty=90.0)
    assert sol.objective == pytest.approx(1.0 + 90.0)


def test_reductions_keep_optimum_and_shrink():
    p = small(seed=3, n_sites=40, n_dem=120, n_fixed=5)
    with_red = solve(p, total=12, threshold=25.0)
    without = solve(p, total=12, threshold=25.0, reductions=False)
    assert with_red.objective == pytest.approx(without.objective)
    st = with_red.stats
    assert st["candidates_kept"] < st["candidates"]
    assert st["rows_kept"] <= st["rows_uncovered"] < 120


def test_dominated_candidate_dropped():
    # site 2 covers a subset of what site 3 covers
    cover = sp.csr_matrix(np.array([[1, 0, 0, 0], [0, 0, 0, 0], [0, 1, 0, 0], [0, 1, 1, 0]]))
    m = np.where(cover.toarray() > 0, 10.0, 99.0)
    p = LocationProblem(weights=[1, 1, 1, 1], minutes=m, fixed=[True, False, False, False])
    inst = reduce_cover(p.cover(30), p.weights, side_constraints(p, 3))
    assert inst.cols.tolist() == [3]
    assert inst.const == 1.0


def test_lagrangian_bound_is_valid_and_tight():
    p = small(seed=5, n_sites=60, n_dem=300, n_fixed=4)
    side = side_constraints(p, 14)
    inst = reduce_cover(p.cover(20.0), p.weights, side)
    chosen = swap_cover(inst, side, greedy_cover(inst, side))
    inc = covered_weight(inst, chosen)
    lag = lagrangian_cover(inst, side.slots, inc)
    exact = solve(p, total=14, threshold=20.0)
    assert inst.const + inc <= exact.objective + 1e-9
    assert exact.objective <= inst.const + lag.bound + 1e-6
    assert lag.bound <= float(inst.w.sum()) + 1e-9


def test_travel_table_input_matches_dense():
    rng = np.random.default_rng(2)
    slat, slon = 36 + rng.random(15), 127 + rng.random(15)
    alat, alon = 36 + rng.random(50), 127 + rng.random(50)
    table = straight_table(slat, slon, alat, alon, cutoff=30.0, speed_kmh=40.0)
    w = rng.exponential(3, 50)
    fixed = np.arange(15) < 2
    a = solve(LocationProblem(weights=w, minutes=table, fixed=fixed), total=6, threshold=30)
    b = solve(LocationProblem(weights=w, minutes=table.dense(), fixed=fixed), total=6, threshold=30)
    assert a.objective == pytest.approx(b.objective)
    with pytest.raises(TravelError, match="above the travel table's cutoff"):
        solve(LocationProblem(weights=w, minutes=table, fixed=fixed), total=6, threshold=45)


def test_explain_adds_up_and_alternative_is_worse():
    p = small(seed=8, n_sites=30, n_dem=100, n_fixed=3)
    sol = solve(p, total=9, threshold=25.0)
    ind = np.column_stack([p.weights * 2, np.ones(p.n_demand)])
    import pandas as pd

    table = explain(p, sol, pd.DataFrame(ind, columns=["population", "recipients"]))
    assert list(table["rank"]) == list(range(1, 7))
    assert list(table["site_id"]) == sol.new_sites.tolist()
    fixed_cov = np.zeros(p.n_demand, dtype=bool)
    fixed_cov[np.unique(p.cover(25.0)[np.flatnonzero(p.fixed)].indices)] = True
    gain = sol.objective - p.weights[fixed_cov].sum()
    assert table["new_weight"].sum() == pytest.approx(gain)
    assert table["new_population"].sum() == pytest.approx(2 * gain)
    # ranks are by marginal gain: non-increasing
    assert np.all(np.diff(table["new_weight"]) <= 1e-9)
    # optimal solution: no single swap does better
    assert np.all(table["alternative_loss"] >= -1e-9)
    assert table["nearest_existing"].isin(p.site_ids[p.fixed]).all()
    for model in ("median", "center"):
        s = solve(p, model=model, total=9)
        t = explain(p, s)
        assert np.all(t["alternative_loss"] >= -1e-9)


def test_heuristic_only_reports_bound():
    p = small(seed=11, n_sites=80, n_dem=400, n_fixed=5)
    h = solve(p, total=20, threshold=15.0, exact=False)
    assert h.method == "heuristic"
    assert h.bound >= h.objective
    assert h.gap == pytest.approx((h.bound - h.objective) / h.objective)


@pytest.mark.parametrize("seed", range(4))
def test_core_exact_matches_textbook_milp(seed):
    from planning.optimize.textbook import textbook_mclp

    rng = np.random.default_rng(100 + seed)
    s = rng.uniform(0, 100, (160, 2))
    d = rng.uniform(0, 100, (500, 2))
    m = np.linalg.norm(s[:, None] - d[None], axis=2)
    w = rng.pareto(1.3, 500) + 0.01
    fixed = np.arange(160) < 6
    p = LocationProblem(weights=w, minutes=m, fixed=fixed)
    sol = solve(p, total=30, threshold=9.0)
    ref = textbook_mclp(p, total=30, threshold=9.0, mip_gap=1e-9)
    assert sol.optimal and ref.optimal
    assert sol.objective == pytest.approx(ref.objective, rel=1e-7)
    assert sol.bound >= sol.objective - 1e-9


def test_median_too_large_falls_back_to_heuristic(monkeypatch):
    import sys

    solve_module = sys.modules["planning.optimize.solve"]

    p = small(seed=4, n_sites=20, n_dem=40)
    exact = solve(p, model="median", total=6)
    monkeypatch.setattr(solve_module, "MEDIAN_MAX_NONZEROS", 0)
    sol = solve(p, model="median", total=6)
    assert sol.method == "heuristic"
    assert sol.optimal or "too large" in sol.stats["note"]
    assert sol.objective >= exact.objective - 1e-9
    assert sol.bound <= exact.objective + 1e-9


@pytest.mark.parametrize("model", ["coverage", "center"])
def test_network_filled_to_total_without_losing_objective(model):
    p = small(seed=21, n_sites=30, n_dem=60, n_fixed=2)
    unfilled = solve(p, model=model, total=20, threshold=60.0, fill=False)
    filled = solve(p, model=model, total=20, threshold=60.0)
    if model == "coverage":
        assert unfilled.n_open < 20  # the optimum needs fewer sites than allowed
        assert filled.stats["filled"] == 20 - unfilled.n_open
    assert filled.n_open == 20
    assert filled.objective == pytest.approx(unfilled.objective)
    assert set(unfilled.new_sites.tolist()) <= set(filled.new_sites.tolist())


def test_explain_sentence_in_both_languages():
    p = small(seed=8, n_sites=30, n_dem=100, n_fixed=3)
    sol = solve(p, total=9, threshold=25.0)
    ko = explain(p, sol)
    en = explain(p, sol, lang="en")
    assert ko["explanation"].str.startswith("1순위").iloc[0]
    assert en["explanation"].str.startswith("Rank 1").iloc[0]
    assert all(str(a) in t for a, t in zip(en["best_alternative"], en["explanation"], strict=True))


@pytest.mark.parametrize("model", ["coverage", "median"])
def test_sites_that_reach_no_one_are_not_proposed_and_the_result_says_so(model):
    """Half the sites reach no area (a road extract): the network stops short of the total,
    and the solution says how many it proposes and why; under a budget that allows no more
    sites the stop is the budget's, with no such note."""
    p = small(seed=5, n_sites=20, n_dem=40, n_fixed=2)
    minutes = p.minutes.copy()
    minutes[10:] = np.inf  # sites 10-19 reach nobody
    p = p.with_(minutes=minutes)
    kw = {"threshold": 200.0} if model == "coverage" else {"penalty": 500.0}
    sol = solve(p, model=model, total=18, **kw)
    assert sol.n_open == 10 and set(sol.new_index.tolist()) <= set(range(2, 10))
    assert sol.stats["short"] == (8, 16)
    assert any("8" in n and "16" in n for n in sol.notes)
    assert any("8곳" in n and "16곳" in n for n in sol.notes_ko)
    budget = solve(p, model=model, total=18, budget=4.0, **kw)  # costs 1 or 4 per site
    assert budget.n_open < 18 and "short" not in budget.stats and not budget.notes
