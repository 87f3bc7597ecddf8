"""Retrospective (real expansion vs the optimum) on small synthetic cases, against brute force."""

from __future__ import annotations

import itertools

import numpy as np
import pandas as pd
import pytest

from planning.errors import DataError
from planning.optimize import LocationProblem
from planning.retrospective import compare, gain_rank, network_kpis, own_gains

T = 30.0


def instance(seed: int, n_sites: int = 12, n_dem: int = 40, n_fixed: int = 3):
    rng = np.random.default_rng(seed)
    sites = rng.uniform(0, 100, (n_sites, 2))
    dem = rng.uniform(0, 100, (n_dem, 2))
    d = np.linalg.norm(sites[:, None] - dem[None], axis=2)
    pop = np.round(rng.pareto(1.5, n_dem) * 100)
    rec = np.round(pop * rng.uniform(0, 0.1, n_dem))
    une = np.round(pop * rng.uniform(0, 0.05, n_dem))
    w = pop / pop.sum() + rec / rec.sum() + une / une.sum()
    fixed = np.zeros(n_sites, dtype=bool)
    fixed[:n_fixed] = True
    sgg = np.array(["A", "B", "C", "D"])[rng.integers(0, 4, n_sites)]
    problem = LocationProblem(weights=w, minutes=d, fixed=fixed, site_ids=np.arange(n_sites))
    return problem, {"population": pop, "recipients": rec, "unemployed": une}, sgg


def covered(d, w, open_idx) -> float:
    return float(w[d[open_idx].min(axis=0) <= T + 1e-9].sum())


def brute_force(problem: LocationProblem, k: int, allowed=None, per_region=None, region=None):
    d, w = problem.minutes, problem.weights
    fixed = list(np.flatnonzero(problem.fixed))
    cands = [i for i in range(problem.n_sites) if not problem.fixed[i]]
    if allowed is not None:
        cands = [i for i in cands if allowed[i]]
    best = -1.0
    for combo in itertools.combinations(cands, k):
        if per_region is not None:
            got = pd.Series(region[list(combo)]).value_counts().to_dict()
            if got != per_region:
                continue
        best = max(best, covered(d, w, fixed + list(combo)))
    return best


@pytest.mark.parametrize("seed", range(6))
def test_optimal_is_at_least_real_and_equals_brute_force(seed: int) -> None:
    problem, ind, sgg = instance(seed)
    rng = np.random.default_rng(100 + seed)
    real = rng.choice(np.arange(3, problem.n_sites), size=3, replace=False)
    r = compare(problem, real, threshold=T, indicators=ind, site_sigungu=sgg)
    assert r.real.new_centers == r.optimal.new_centers == len(real)
    assert r.optimal.covered_weight >= r.real.covered_weight - 1e-12
    assert r.optimal_is_proven
    assert r.optimal.covered_weight == pytest.approx(brute_force(problem, 3), abs=1e-12)
    # the real set's KPI is its own covered weight, independently computed
    fixed = list(np.flatnonzero(problem.fixed))
    assert r.real.covered_weight == pytest.approx(
        covered(problem.minutes, problem.weights, fixed + list(real))
    )
    gain_opt = r.optimal.covered_weight - r.start.covered_weight
    if gain_opt > 0:
        assert r.share_of_optimal_gain == pytest.approx(
            (r.real.covered_weight - r.start.covered_weight) / gain_opt
        )
        assert 0 <= r.share_of_optimal_gain <= 1 + 1e-12
    # restricted to the real 시군구 with the real count per 시군구: between real and optimal
    counts = pd.Series(sgg[real]).value_counts().to_dict()
    assert r.same_sigungu.covered_weight == pytest.approx(
        brute_force(problem, 3, np.isin(sgg, list(counts)), counts, sgg), abs=1e-12
    )
    assert r.real.covered_weight - 1e-12 <= r.same_sigungu.covered_weight
    assert r.same_sigungu.covered_weight <= r.optimal.covered_weight + 1e-12
    assert (r.real_sites["site_index"].to_numpy() == real).all()
    assert len(r.optimal_sites) == 3


def test_own_gain_and_rank_by_hand() -> None:
    # 1-D line: areas at 0, 10, 50, 100 (weights 1, 2, 3, 4); fixed site at 0; T = 15
    areas = np.array([0.0, 10.0, 50.0, 100.0])
    sites = np.array([0.0, 10.0, 50.0, 95.0, 60.0])
    d = np.abs(sites[:, None] - areas[None])
    p = LocationProblem(
        weights=np.array([1.0, 2.0, 3.0, 4.0]),
        minutes=d,
        fixed=np.array([True, False, False, False, False]),
        site_ids=np.array(list("abcde")),
    )
    gains = own_gains(p, 15.0)
    assert np.isnan(gains[0])  # fixed
    assert gains[1:].tolist() == [0.0, 3.0, 4.0, 3.0]  # 10 is already covered by the fixed site
    assert gain_rank(gains)[1:].tolist() == [4.0, 2.0, 1.0, 2.0]
    r = compare(p, np.array([2]), threshold=15.0, indicators={"population": p.weights})
    assert r.optimal_sites["site_id"].tolist() == ["d"]
    assert r.real_sites.loc[0, "own_gain_rank"] == 2
    assert r.share_of_optimal_gain == pytest.approx(3 / 4)
    assert r.real.shares["population"] == pytest.approx(6 / 10)
    k = network_kpis(p, np.array([True, False, True, True, False]), 15.0, {"population": p.weights})
    assert k.avg_minutes == pytest.approx((0 + 2 * 10 + 0 + 4 * 5) / 10)
    assert k.worst_minutes == 10.0
    summary = r.summary()
    assert summary["real"]["new_centers"] == summary["optimal"]["new_centers"] == 1
    assert summary["optimal"]["proven_optimal"] is True


def test_bad_real_sets_are_refused() -> None:
    problem, ind, _ = instance(1)
    for bad, text in (
        ([], "no real centre"),
        ([4, 4], "twice"),
        ([0], "start network"),
        ([99], "range"),
    ):
        with pytest.raises(DataError, match=text) as err:
            compare(problem, np.array(bad, dtype=int), threshold=T)
        assert err.value.problem_ko
