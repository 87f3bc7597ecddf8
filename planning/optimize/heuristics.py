"""Fast heuristics and bounds for the covering models, vectorised over a reduced instance.

- :func:`greedy_cover`: add the candidate with the largest uncovered weight, respecting quotas
  and budget, until the slots are used (or, with ``target``, until the target is reached).
- :func:`swap_cover`: best-improvement vertex substitution; every (open j, closed k) swap is
  scored at once as ``gain0[k] + overlap[j, k] - loss[j]`` with one sparse product.
- :func:`lagrangian_cover`: a subgradient Lagrangian bound (relaxing ``y_i <= sum_j a_ij x_j``)
  for the plain cardinality case, with reduced-cost variable fixing.
"""

from __future__ import annotations

from dataclasses import dataclass

import numpy as np

from planning.optimize.constraints import Side
from planning.optimize.reduce import CoverInstance


def _group_counts(chosen: np.ndarray, region: np.ndarray, n_groups: int) -> np.ndarray:
    g = region[chosen]
    return np.bincount(g[g >= 0], minlength=n_groups)


def greedy_cover(
    inst: CoverInstance,
    side: Side,
    *,
    slots: int | None = None,
    target: float | None = None,
    start: np.ndarray | None = None,
) -> np.ndarray:
    """Greedy selection (indices into ``inst.cols``) in the order picked.

    ``target``: stop once the covered weight (beyond ``inst.const``) reaches it. ``start``:
    candidates already chosen (kept first, e.g. earlier phases).
    """
    slots = side.slots if slots is None else slots
    n = inst.a.shape[0]
    u = inst.w.copy()
    gain = inst.a @ u
    chosen: list[int] = []
    taken = np.zeros(n, dtype=bool)
    n_groups = len(side.qmin)
    count = np.zeros(n_groups, dtype=int)
    spent = 0.0
    covered = 0.0
    qmax = side.qmax
    qmin = side.qmin

    def take(j: int) -> None:
        nonlocal spent, covered
        chosen.append(j)
        taken[j] = True
        if n_groups and inst.region[j] >= 0:
            count[inst.region[j]] += 1
        spent += inst.cost[j]
        rows = inst.a.indices[inst.a.indptr[j] : inst.a.indptr[j + 1]]
        newly = rows[u[rows] > 0]
        if len(newly):
            covered += float(u[newly].sum())
            gain[:] -= inst.at[newly].T @ u[newly]
            u[newly] = 0.0

    for j in [] if start is None else list(start):
        take(int(j))
    while len(chosen) < slots:
        if target is not None and covered >= target - 1e-9 * max(1.0, target):
            break
        ok = ~taken
        unmet = 0
        if n_groups:
            full = np.zeros(n, dtype=bool)
            g = inst.region
            has = g >= 0
            full[has] = count[g[has]] >= qmax[g[has]]
            ok &= ~full
            short = np.maximum(qmin - count, 0)
            unmet = int(short.sum())
            if unmet and unmet >= slots - len(chosen):
                need = np.zeros(n, dtype=bool)
                need[has] = short[g[has]] > 0
                ok &= need
        if side.has_budget:
            ok &= inst.cost <= side.budget - spent + 1e-9
        if not ok.any():
            break
        score = np.where(ok, gain, -np.inf)
        j = int(np.argmax(score))
        if score[j] <= 1e-12 and not unmet:
            break
        take(j)
    return np.asarray(chosen, dtype=np.int64)


def covered_weight(inst: CoverInstance, chosen: np.ndarray) -> float:
    """Weight (beyond the constant) covered by the chosen candidates."""
    if len(chosen) == 0:
        return 0.0
    hit = np.zeros(inst.a.shape[1], dtype=bool)
    sub = inst.a[np.asarray(chosen)]
    hit[sub.indices] = True
    return float(inst.w[hit].sum())


def swap_cover(
    inst: CoverInstance,
    side: Side,
    chosen: np.ndarray,
    *,
    max_iter: int = 500,
    deadline: float | None = None,
) -> np.ndarray:
    """Best-improvement swaps (one open candidate out, one closed in) until none improves."""
    import time

    chosen = np.asarray(chosen, dtype=np.int64).copy()
    n = inst.a.shape[0]
    if len(chosen) == 0 or len(chosen) >= n:
        return chosen
    x = np.zeros(n)
    x[chosen] = 1.0
    n_groups = len(side.qmin)
    tol = 1e-9 * max(1.0, float(inst.w.sum()))
    for _ in range(max_iter):
        if deadline is not None and time.perf_counter() > deadline:
            break
        cnt = inst.at @ x
        w1 = inst.w * (cnt == 1)
        w0 = inst.w * (cnt == 0)
        a_sel = inst.a[chosen]
        loss = a_sel @ w1
        gain0 = inst.a @ w0
        overlap = (a_sel.multiply(w1[None, :]).tocsr() @ inst.at).toarray()
        delta = gain0[None, :] + overlap - loss[:, None]
        delta[:, chosen] = -np.inf
        if n_groups or side.has_budget:
            delta[~_swap_ok(inst, side, chosen)] = -np.inf
        flat = int(np.argmax(delta))
        r, k = divmod(flat, n)
        if not delta[r, k] > tol:
            break
        x[chosen[r]] = 0.0
        x[k] = 1.0
        chosen[r] = k
    return chosen


def _swap_ok(inst: CoverInstance, side: Side, chosen: np.ndarray) -> np.ndarray:
    """Mask (len(chosen), n) of swaps that keep quotas and budget."""
    n = inst.a.shape[0]
    ok = np.ones((len(chosen), n), dtype=bool)
    if len(side.qmin):
        count = _group_counts(chosen, inst.region, len(side.qmin))
        gj = inst.region[chosen]
        gk = inst.region
        same = gj[:, None] == gk[None, :]
        # adding k: its group must have room; removing j: its group must stay >= min
        room = np.ones(n, dtype=bool)
        has = gk >= 0
        room[has] = count[gk[has]] < side.qmax[gk[has]]
        above = np.ones(len(chosen), dtype=bool)
        hj = gj >= 0
        above[hj] = count[gj[hj]] > side.qmin[gj[hj]]
        ok &= same | (room[None, :] & above[:, None])
    if side.has_budget:
        spent = float(inst.cost[chosen].sum())
        ok &= (spent - inst.cost[chosen][:, None] + inst.cost[None, :]) <= side.budget + 1e-9
    return ok


@dataclass(frozen=True)
class Lagrangian:
    bound: float  # upper bound on the covered weight beyond the constant
    fix0: np.ndarray  # candidates that cannot be in any solution better than the incumbent
    fix1: np.ndarray  # candidates that must be in every solution better than the incumbent
    iterations: int


def lagrangian_cover(
    inst: CoverInstance,
    slots: int,
    incumbent: float,
    *,
    iterations: int = 300,
) -> Lagrangian:
    """Subgradient on L(l) = sum_i max(0, w_i - l_i) + top-``slots`` sum of (A l)_j.

    Valid for the plain cardinality constraint only. ``incumbent`` is a feasible covered weight
    (beyond the constant); it drives the step size and the reduced-cost fixing.
    """
    n, m = inst.a.shape
    w = inst.w
    if n == 0 or m == 0 or slots <= 0:
        return Lagrangian(
            0.0 if slots <= 0 or n == 0 else float(w.sum()), np.zeros(n, bool), np.zeros(n, bool), 0
        )
    p = min(slots, n)
    # start: each demand row's weight spread over its candidates
    deg = np.diff(inst.at.indptr).astype(float)
    lam = w / np.maximum(deg, 1.0)
    best = np.inf
    best_lam = lam.copy()
    alpha = 2.0
    stall = 0
    it = 0
    for it in range(1, iterations + 1):  # noqa: B007 (used after the loop)
        c = inst.a @ lam
        top = np.argpartition(-c, p - 1)[:p] if p < n else np.arange(n)
        value = float(np.maximum(w - lam, 0.0).sum() + c[top].sum())
        if value < best - 1e-12 * max(1.0, abs(best) if np.isfinite(best) else 1.0):
            best, best_lam, stall = value, lam.copy(), 0
        else:
            stall += 1
            if stall >= 15:
                alpha *= 0.5
                stall = 0
                lam = best_lam.copy()
        gap = best - incumbent
        if gap <= 1e-7 * max(1.0, incumbent) or alpha < 1e-4:
            break
        x = np.zeros(n)
        x[top] = 1.0
        g = (inst.at @ x) - (w > lam)
        norm = float(g @ g)
        if norm == 0:
            break
        lam = np.clip(lam - alpha * max(value - incumbent, 1e-9) / norm * g, 0.0, w)
    fixing = lagrangian_fix(inst, best_lam, p, incumbent)
    return Lagrangian(
        bound=min(best, fixing.bound), fix0=fixing.fix0, fix1=fixing.fix1, iterations=it
    )


def lagrangian_fix(
    inst: CoverInstance, lam: np.ndarray, slots: int, incumbent: float
) -> Lagrangian:
    """Bound L(lam) and reduced-cost fixing for multipliers ``lam`` (e.g. LP duals).

    ``fix0``: forcing the candidate in gives a bound below ``incumbent``, so no better solution
    uses it; ``fix1``: likewise for leaving it out. Valid for any lam >= 0."""
    w = inst.w
    n = inst.a.shape[0]
    lam = np.clip(np.asarray(lam, dtype=float), 0.0, w)
    p = min(slots, n)
    if n == 0 or p <= 0:
        return Lagrangian(
            float(np.maximum(w - lam, 0).sum()), np.zeros(n, bool), np.zeros(n, bool), 0
        )
    c = inst.a @ lam
    order = np.sort(c)[::-1]
    cp = order[p - 1]
    cp1 = order[p] if p < n else 0.0
    base = float(np.maximum(w - lam, 0.0).sum() + order[:p].sum())
    in_top = c >= cp
    eps = 1e-9 * max(1.0, abs(incumbent))
    fix0 = ~in_top & (base - cp + c < incumbent - eps)
    fix1 = in_top & (base - c + cp1 < incumbent - eps)
    if fix1.sum() > p:  # cannot happen with a valid incumbent; stay safe
        fix1[:] = False
    return Lagrangian(bound=base, fix0=fix0, fix1=fix1, iterations=0)


def lagrangian_level(inst: CoverInstance, lam: np.ndarray, slots: int, size: int) -> float:
    """The highest level v at which reduced-cost fixing for multipliers ``lam`` keeps at least
    ``size`` candidates (``lagrangian_fix(inst, lam, slots, v)`` leaves them unfixed at 0);
    ``inf`` when the top ``slots`` candidates already number ``size`` or more."""
    w = inst.w
    n = inst.a.shape[0]
    lam = np.clip(np.asarray(lam, dtype=float), 0.0, w)
    p = min(slots, n)
    if n == 0 or p <= 0 or size >= n:
        return -np.inf
    c = inst.a @ lam
    order = np.sort(c)[::-1]
    cp = order[p - 1]
    base = float(np.maximum(w - lam, 0.0).sum() + order[:p].sum())
    forced = np.where(c >= cp, np.inf, base - cp + c)  # bound with the candidate forced in
    return float(np.sort(forced)[::-1][max(size, 1) - 1])
