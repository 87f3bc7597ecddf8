"""The p-center set-cover reduction (implied areas, dominated sites) never changes what is
feasible: brute force over every site subset on small random 0/1 matrices with quotas and a
budget, and the whole center model with locks, excludes, quotas and budget on tied grid
minutes against brute force."""

from __future__ import annotations

import itertools

import numpy as np
import pytest
import scipy.sparse as sp
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from planning.optimize import LocationProblem, solve
from planning.optimize.center import KEEP, column_classes, reduce_setcover
from planning.optimize.constraints import side_constraints

SETTINGS = settings(max_examples=150, deadline=None, suppress_health_check=[HealthCheck.too_slow])


def fewest(a: np.ndarray, ok) -> int | None:
    """Fewest columns of ``a`` covering every row among the subsets ``ok`` accepts."""
    m, n = a.shape
    for k in range(n + 1):
        for cols in itertools.combinations(range(n), k):
            if ok(cols) and (m == 0 or a[:, list(cols)].any(axis=1).all()):
                return k
    return None


@st.composite
def covers(draw):
    seed = draw(st.integers(0, 100_000))
    rng = np.random.default_rng(seed)
    m, n = int(rng.integers(1, 7)), int(rng.integers(1, 8))
    a = rng.random((m, n)) < rng.uniform(0.2, 0.7)
    if draw(st.booleans()):  # duplicate rows and columns: the tie rules
        a = np.vstack([a, a[: int(rng.integers(0, m + 1))]])
        a = np.hstack([a, a[:, : int(rng.integers(0, n + 1))]])
    n = a.shape[1]
    group = rng.integers(-1, 2, n)  # -1 = no quota group
    cost = rng.choice([0.0, 1.0, 2.0], n)
    qmin = rng.integers(0, 2, 2)
    qmax = qmin + rng.integers(0, 3, 2)
    budget = float(rng.choice([np.inf, 2.0, 4.0]))
    slots = int(rng.integers(1, n + 1))
    return a, group, cost, qmin, qmax, budget, slots


class _Side:
    """The few Side fields column_classes reads."""

    def __init__(self, qmin, qmax, budget, quotas):
        self.qmin = qmin if quotas else np.zeros(0, dtype=int)
        self.qmax = qmax if quotas else np.zeros(0, dtype=int)
        self.budget = budget

    has_quotas = property(lambda self: len(self.qmin) > 0)
    has_budget = property(lambda self: bool(np.isfinite(self.budget)))


@SETTINGS
@given(covers(), st.booleans())
def test_reduction_keeps_feasibility_and_fewest_sites(case, quotas):
    a, group, cost, qmin, qmax, budget, slots = case
    side = _Side(qmin, qmax, budget, quotas)
    klass, ccost = column_classes(side, group, cost)

    def ok_for(g, c):
        def ok(cols):
            cols = list(cols)
            if len(cols) > slots:
                return False
            if quotas:
                cnt = np.bincount(g[cols][g[cols] >= 0], minlength=2)
                if np.any(cnt < qmin) or np.any(cnt > qmax):
                    return False
            return not (np.isfinite(budget) and c[cols].sum() > budget + 1e-9)

        return ok

    before = fewest(a, ok_for(group, cost))
    for kc in (klass, None):  # rows and columns, rows only
        small, cols = reduce_setcover(sp.csr_matrix(a.astype(float)), kc, ccost)
        assert small.shape[1] == len(cols) and np.all(np.diff(cols) > 0)
        s = small.toarray() > 0
        # every kept row is an original row restricted to the kept columns
        for row in s:
            assert any(np.array_equal(row, r[cols]) for r in a)
        after = fewest(s, ok_for(group[cols], cost[cols]))
        assert after == before
        if kc is None:
            assert len(cols) == a.shape[1]
        if quotas:  # a quota group with a minimum keeps all its sites
            keep = np.flatnonzero(kc == KEEP) if kc is not None else np.arange(a.shape[1])
            assert set(keep.tolist()) <= set(cols.tolist())


def grid(seed: int, n_sites: int = 9, n_dem: int = 13):
    """Integer (Manhattan) minutes on a small grid: many equal rows and columns."""
    rng = np.random.default_rng(seed)
    sites = rng.integers(0, 8, (n_sites, 2))
    dem = rng.integers(0, 8, (n_dem, 2))
    d = np.abs(sites[:, None] - dem[None]).sum(axis=2).astype(float)
    w = rng.integers(0, 4, n_dem).astype(float)
    return d, w, rng


def brute_center(d, w, fixed, total, forced, excluded, region, quotas, cost, budget):
    fixed_idx = np.flatnonzero(fixed)
    free = [j for j in range(len(fixed)) if not fixed[j] and j not in forced and j not in excluded]
    best = None
    slots = total - len(fixed_idx) - len(forced)
    for k in range(slots + 1):
        for extra in itertools.combinations(free, k):
            new = list(forced) + list(extra)
            if quotas and not all(
                lo <= sum(region[j] == g for j in new) <= hi for g, (lo, hi) in quotas.items()
            ):
                continue
            if budget is not None and cost[new].sum() > budget + 1e-9:
                continue
            open_idx = np.concatenate([fixed_idx, new]).astype(int)
            if len(open_idx) == 0:
                continue
            m = d[open_idx].min(axis=0)
            v = float(m[w > 0].max(initial=0.0))
            best = v if best is None else min(best, v)
    return best


@pytest.mark.parametrize("seed", range(40))
def test_center_with_side_rows_matches_brute_force(seed):
    d, w, rng = grid(seed)
    n = d.shape[0]
    fixed = np.zeros(n, dtype=bool)
    fixed[: seed % 2] = True
    forced = [int(rng.integers(1, n))] if seed % 3 == 0 else []
    excluded = [j for j in range(1, n) if j not in forced and rng.random() < 0.15]
    region = np.array(["A", "B", "C"])[rng.integers(0, 3, n)]
    cost = rng.choice([1.0, 2.0], n)
    kind = seed % 4  # plain, quotas, budget, both
    quotas = {"A": (2, 3), "B": (0, 1)} if kind in (1, 3) else None
    quotas = {g: q for g, q in (quotas or {}).items() if g in set(region)} or None
    budget = float(cost[forced].sum() + 4) if kind in (2, 3) else None
    total = int(fixed.sum()) + len(forced) + 2 + seed % 2
    p = LocationProblem(weights=w, minutes=d, fixed=fixed, site_region=region, site_cost=cost,
                        forced=forced, excluded=excluded)  # fmt: skip
    expect = brute_center(d, w, fixed, total, forced, excluded, region, quotas, cost, budget)
    if expect is None:
        pytest.skip("no feasible choice")
    try:
        side_constraints(p, total, quotas, budget)
    except Exception:  # the scenario itself is refused (e.g. a quota minimum over the total)
        pytest.skip("scenario refused")
    for exact in (True, False):
        sol = solve(p, model="center", total=total, quotas=quotas, budget=budget, exact=exact,
                    fill=False)  # fmt: skip
        assert sol.bound <= expect + 1e-9 <= sol.objective + 1e-9
        if exact:
            assert sol.optimal and sol.objective == pytest.approx(expect)
        m = d[sol.open_mask].min(axis=0)
        assert sol.objective == pytest.approx(float(m[w > 0].max(initial=0.0)))
        new = np.flatnonzero(sol.open_mask & ~fixed)
        assert set(forced) <= set(new.tolist()) and not set(excluded) & set(new.tolist())
        for g, (lo, hi) in (quotas or {}).items():
            assert lo <= int((region[new] == g).sum()) <= hi
        if budget is not None:
            assert cost[new].sum() <= budget + 1e-9


@pytest.mark.parametrize("seed", range(0, 40, 3))
def test_center_without_reduction_work_matches(seed, monkeypatch):
    """Too dense a subset goes to HiGHS unreduced: the same optimum."""
    import planning.optimize.center as cen

    d, w, _ = grid(seed)
    p = LocationProblem(weights=w, minutes=d)
    ref = solve(p, model="center", total=3, fill=False)
    monkeypatch.setattr(cen, "REDUCE_WORK", 0)
    sol = solve(p, model="center", total=3, fill=False)
    assert ref.optimal and sol.optimal
    assert sol.objective == pytest.approx(ref.objective)
    assert sol.stats["search_rows"] == 0 or sol.stats["search_cols"] >= ref.stats["search_cols"]


@pytest.mark.parametrize("seed", range(6))
def test_warm_start_from_a_worse_solution(seed):
    """A warm start that is not optimal (the answer for fewer centers) skips the greedy covers;
    the search must still reach the optimum, and the fast answer's bound stays valid."""
    rng = np.random.default_rng(seed)
    d = np.abs(rng.integers(0, 30, (40, 1, 2)) - rng.integers(0, 30, (1, 60, 2))).sum(axis=2)
    w = rng.integers(0, 5, 60).astype(float)
    p = LocationProblem(weights=w, minutes=d.astype(float), fixed=np.arange(40) < 2)
    small = solve(p, model="center", total=5)
    cold = solve(p, model="center", total=9)
    warm = solve(p, model="center", total=9, warm_start=small)
    fast = solve(p, model="center", total=9, warm_start=small, exact=False)
    assert warm.stats.get("warm_start") is True
    assert cold.optimal and warm.optimal
    assert warm.objective == pytest.approx(cold.objective)
    assert fast.bound <= cold.objective + 1e-9 <= fast.objective + 1e-9
