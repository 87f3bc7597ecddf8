"""Every model against brute force over all subsets on small random instances."""

from __future__ import annotations

import itertools

import numpy as np
import pytest
from scipy.optimize import linprog

from planning.optimize import LocationProblem, solve

N_SITES, N_DEM, N_FIXED = 9, 14, 2
THRESHOLD = 30.0


def instance(seed: int, *, inf_share: float = 0.0):
    rng = np.random.default_rng(seed)
    sites = rng.uniform(0, 100, (N_SITES, 2))
    dem = rng.uniform(0, 100, (N_DEM, 2))
    d = np.linalg.norm(sites[:, None] - dem[None], axis=2)
    if inf_share:
        d[rng.random(d.shape) < inf_share] = np.inf
    # heavy-tailed weights with some zeros
    w = np.round(rng.pareto(1.5, N_DEM) * 10) * (rng.random(N_DEM) > 0.15)
    fixed = np.zeros(N_SITES, dtype=bool)
    fixed[:N_FIXED] = True
    region = np.array(["A", "B", "C"])[rng.integers(0, 3, N_SITES)]
    cost = rng.integers(1, 5, N_SITES).astype(float)
    return d, w, fixed, region, cost


def value(model: str, d, w, open_idx, threshold=THRESHOLD, penalty=None):
    m = d[open_idx].min(axis=0)
    if penalty is not None:
        m = np.minimum(np.where(np.isfinite(m), m, penalty), penalty)
    if model == "coverage":
        return float(w[m <= threshold + 1e-9].sum())
    if model == "median":
        return float(w @ m) if np.all(np.isfinite(m[w > 0])) else np.inf
    return float(m[w > 0].max(initial=0.0))


def brute(
    model,
    d,
    w,
    fixed,
    total,
    *,
    forced=(),
    excluded=(),
    region=None,
    quotas=None,
    cost=None,
    budget=None,
    penalty=None,
):
    fixed_idx = np.flatnonzero(fixed)
    free = [j for j in range(len(fixed)) if not fixed[j] and j not in forced and j not in excluded]
    best = None
    slots = total - len(fixed_idx) - len(forced)
    for k in range(0, slots + 1):
        for extra in itertools.combinations(free, k):
            new = list(forced) + list(extra)
            if quotas:
                ok = all(
                    lo <= sum(region[j] == g for j in new) <= hi for g, (lo, hi) in quotas.items()
                )
                if not ok:
                    continue
            if budget is not None and cost[new].sum() > budget + 1e-9:
                continue
            v = value(model, d, w, np.concatenate([fixed_idx, new]).astype(int), penalty=penalty)
            if model == "coverage":
                best = v if best is None else max(best, v)
            else:
                best = v if best is None else min(best, v)
    return best


SEEDS = range(50)


@pytest.mark.parametrize("seed", SEEDS)
@pytest.mark.parametrize("model", ["coverage", "median", "center"])
def test_matches_brute_force(seed, model):
    d, w, fixed, _, _ = instance(seed)
    total = 3 + seed % 3
    p = LocationProblem(weights=w, minutes=d, fixed=fixed)
    sol = solve(p, model=model, total=total, threshold=THRESHOLD)
    expect = brute(model, d, w, fixed, total)
    assert sol.objective == pytest.approx(expect, rel=1e-9, abs=1e-9)
    assert sol.optimal
    assert sol.gap <= 1e-6
    assert sol.n_open <= total
    assert np.all(sol.open_mask[fixed])
    # the reported objective is the objective of the reported sites
    assert value(model, d, w, np.flatnonzero(sol.open_mask)) == pytest.approx(sol.objective)


@pytest.mark.parametrize("seed", SEEDS)
def test_heuristic_bound_brackets_optimum(seed):
    d, w, fixed, _, _ = instance(seed)
    p = LocationProblem(weights=w, minutes=d, fixed=fixed)
    sol = solve(p, model="coverage", total=4, threshold=THRESHOLD, exact=False)
    expect = brute("coverage", d, w, fixed, 4)
    assert sol.objective <= expect + 1e-9 <= sol.bound + 2e-9


@pytest.mark.parametrize("seed", range(25))
@pytest.mark.parametrize("model", ["coverage", "median", "center"])
def test_constraints_match_brute_force(seed, model):
    d, w, fixed, region, cost = instance(seed)
    rng = np.random.default_rng(1000 + seed)
    forced = [int(rng.integers(N_FIXED, N_SITES))]
    excluded = [j for j in range(N_FIXED, N_SITES) if j not in forced and rng.random() < 0.2]
    quotas = {"A": (0, 1), "B": (0, 2)}
    budget = float(cost[forced].sum() + 5)
    total = 5
    p = LocationProblem(
        weights=w,
        minutes=d,
        fixed=fixed,
        site_region=region,
        site_cost=cost,
        forced=forced,
        excluded=excluded,
    )
    use_quotas = {g: q for g, q in quotas.items() if g in set(region)}
    expect = brute(
        model,
        d,
        w,
        fixed,
        total,
        forced=forced,
        excluded=excluded,
        region=region,
        quotas=use_quotas,
        cost=cost,
        budget=budget,
    )
    sol = solve(p, model=model, total=total, threshold=THRESHOLD, quotas=use_quotas, budget=budget)
    assert sol.objective == pytest.approx(expect, rel=1e-9, abs=1e-9)
    new = sol.new_index
    assert set(forced) <= set(new.tolist())
    assert not set(excluded) & set(new.tolist())
    assert cost[new].sum() <= budget + 1e-9
    for g, (lo, hi) in use_quotas.items():
        assert lo <= int((region[new] == g).sum()) <= hi


@pytest.mark.parametrize("seed", range(50))
def test_median_with_penalty_matches_brute_force(seed):
    d, w, fixed, _, _ = instance(seed, inf_share=0.5)
    penalty = 120.0
    p = LocationProblem(weights=w, minutes=d, fixed=fixed)
    sol = solve(p, model="median", total=4, penalty=penalty)
    assert sol.objective == pytest.approx(brute("median", d, w, fixed, 4, penalty=penalty))
    assert sol.optimal


@pytest.mark.parametrize("seed", range(50))
def test_min_sites_matches_brute_force(seed):
    d, w, fixed, _, _ = instance(seed)
    fixed_idx = np.flatnonzero(fixed)
    free = np.flatnonzero(~fixed)
    share = 0.5 + 0.1 * (seed % 4)
    target = share * w.sum()
    best = None
    for k in range(len(free) + 1):
        for extra in itertools.combinations(free, k):
            op = np.concatenate([fixed_idx, extra]).astype(int)
            if value("coverage", d, w, op) >= target - 1e-9:
                best = k
                break
        if best is not None:
            break
    p = LocationProblem(weights=w, minutes=d, fixed=fixed)
    if best is None:
        from planning.errors import InfeasibleScenario

        with pytest.raises(InfeasibleScenario, match="target"):
            solve(p, model="min-sites", threshold=THRESHOLD, target_share=share)
        return
    sol = solve(p, model="min-sites", threshold=THRESHOLD, target_share=share)
    assert sol.objective == best == len(sol.new_sites)
    assert sol.optimal
    assert value("coverage", d, w, np.flatnonzero(sol.open_mask)) >= target - 1e-9


def capacitated_value(d, w, cap, open_idx):
    """Max weight servable within the threshold, by LP (a transportation problem)."""
    pairs = [(i, j) for j in open_idx for i in range(len(w)) if d[j, i] <= THRESHOLD and w[i] > 0]
    if not pairs:
        return 0.0
    n = len(pairs)
    c = -np.array([w[i] for i, _ in pairs])
    rows, rhs = [], []
    for i in range(len(w)):
        rows.append([1.0 if pi == i else 0.0 for pi, _ in pairs])
        rhs.append(1.0)
    for j in open_idx:
        rows.append([w[pi] if pj == j else 0.0 for pi, pj in pairs])
        rhs.append(cap[j])
    res = linprog(c, A_ub=np.array(rows), b_ub=np.array(rhs), bounds=[(0, 1)] * n)
    return -res.fun


@pytest.mark.parametrize("seed", range(50))
def test_capacity_matches_brute_force(seed):
    d, w, fixed, _, _ = instance(seed)
    cap = np.full(N_SITES, max(w.sum() / 6, 1.0))
    fixed_idx = np.flatnonzero(fixed)
    free = np.flatnonzero(~fixed)
    best = max(
        capacitated_value(d, w, cap, np.concatenate([fixed_idx, s]).astype(int))
        for s in itertools.combinations(free, 2)
    )
    p = LocationProblem(weights=w, minutes=d, fixed=fixed, capacity=cap)
    sol = solve(p, model="coverage", total=4, threshold=THRESHOLD)
    assert sol.objective == pytest.approx(best, rel=1e-6, abs=1e-6)
    assert sol.optimal


@pytest.mark.parametrize("seed", range(50))
def test_median_heuristic_bound_is_valid(seed):
    d, w, fixed, _, _ = instance(seed, inf_share=0.3)
    p = LocationProblem(weights=w, minutes=d, fixed=fixed)
    sol = solve(p, model="median", total=4, penalty=150.0, exact=False)
    best = brute("median", d, w, fixed, 4, penalty=150.0)
    assert sol.bound <= best + 1e-9 <= sol.objective + 2e-9
    assert sol.stats.get("lagrangian_bound", -np.inf) <= best + 1e-9
