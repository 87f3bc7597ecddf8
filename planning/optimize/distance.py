"""Heuristics for the distance models (median, center), vectorised with numpy.

``d`` is free-sites x demand minutes (dense, ``inf`` = unreachable), ``cap`` the minutes each area
already has to an open (existing or forced) site. Infinite values are replaced by ``BIG`` so the
arithmetic stays finite.
"""

from __future__ import annotations

import time

import numpy as np

from planning.optimize.constraints import Side

BIG = 1e9


def _finite(a: np.ndarray) -> np.ndarray:
    return np.where(np.isfinite(a), a, BIG)


def median_value(d: np.ndarray, w: np.ndarray, cap: np.ndarray, chosen: np.ndarray) -> float:
    best = _finite(cap)
    if len(chosen):
        best = np.minimum(best, _finite(d[chosen]).min(axis=0))
    return float(w @ best)


def center_value(d: np.ndarray, w: np.ndarray, cap: np.ndarray, chosen: np.ndarray) -> float:
    best = _finite(cap)
    if len(chosen):
        best = np.minimum(best, _finite(d[chosen]).min(axis=0))
    live = w > 0
    return float(best[live].max()) if live.any() else 0.0


def _feasible(side: Side, region: np.ndarray, cost: np.ndarray, chosen: list[int]) -> np.ndarray:
    n = len(region)
    ok = np.ones(n, dtype=bool)
    ok[chosen] = False
    if len(side.qmin):
        count = np.bincount(region[chosen][region[chosen] >= 0], minlength=len(side.qmin))
        has = region >= 0
        full = np.zeros(n, dtype=bool)
        full[has] = count[region[has]] >= side.qmax[region[has]]
        ok &= ~full
        short = np.maximum(side.qmin - count, 0)
        if short.sum() and short.sum() >= side.slots - len(chosen):
            need = np.zeros(n, dtype=bool)
            need[has] = short[region[has]] > 0
            ok &= need
    if side.has_budget:
        ok &= cost <= side.budget - float(cost[chosen].sum()) + 1e-9
    return ok


def greedy_distance(
    d: np.ndarray,
    w: np.ndarray,
    cap: np.ndarray,
    side: Side,
    region: np.ndarray,
    cost: np.ndarray,
    *,
    model: str,
) -> np.ndarray:
    """Greedy: add the site that lowers the objective most (median: Σ w·min; center: max)."""
    df = _finite(d)
    best = _finite(cap).copy()
    live = w > 0
    chosen: list[int] = []
    while len(chosen) < side.slots:
        ok = _feasible(side, region, cost, chosen)
        if not ok.any():
            break
        if model == "median":
            score = np.maximum(best[None, :] - df, 0.0) @ w
        else:
            new = np.minimum(best[None, :], df)
            new_max = np.where(live[None, :], new, 0.0).max(axis=1)
            # primary: lower max; secondary: lower weighted sum
            score = (best[live].max() - new_max) * 1e6 + np.maximum(best[None, :] - df, 0) @ w / (
                w.sum() * BIG + 1.0
            )
        score = np.where(ok, score, -np.inf)
        j = int(np.argmax(score))
        if score[j] <= 0 and not (
            len(side.qmin)
            and np.maximum(
                side.qmin
                - np.bincount(region[chosen][region[chosen] >= 0], minlength=len(side.qmin)),
                0,
            ).sum()
        ):
            break
        chosen.append(j)
        best = np.minimum(best, df[j])
    return np.asarray(chosen, dtype=np.int64)


def median_lagrangian(
    d: np.ndarray,
    w: np.ndarray,
    cap: np.ndarray,
    slots: int,
    upper: float,
    *,
    iterations: int = 400,
    deadline: float | None = None,
) -> float:
    """Lower bound on Σ w_i min(cap_i, min_open d_ij) with at most ``slots`` new sites.

    Relaxes each area's assignment equality with a multiplier u_i (capped at w_i cap_i, so only
    pairs closer than the existing network matter and the subproblem is sparse):
    L(u) = Σ_i min(u_i, w_i cap_i) + (sum of the ``slots`` most negative ρ_j),
    ρ_j = Σ_i min(0, w_i d_ij - u_i). Quotas and budgets are dropped, which keeps it a bound."""
    live = w > 0
    capf = _finite(cap)
    near = (d < capf[None, :]) & live[None, :]
    j_idx, i_idx = np.nonzero(near)
    n = d.shape[0]
    if len(j_idx) == 0 or slots <= 0:
        return float(w @ capf)
    v = w[i_idx] * d[j_idx, i_idx]
    wcap = w * capf
    u = np.minimum(wcap, w * _finite(d).min(axis=0))
    u = np.where(live, (u + wcap) / 2, 0.0)
    best = -np.inf
    best_u = u.copy()
    alpha, stall = 2.0, 0
    p = min(slots, n)
    for _ in range(iterations):
        if deadline is not None and time.perf_counter() > deadline:
            break
        t = np.minimum(0.0, v - u[i_idx])
        rho = np.bincount(j_idx, weights=t, minlength=n)
        pick = np.argpartition(rho, p - 1)[:p] if p < n else np.arange(n)
        pick = pick[rho[pick] < 0]
        value = float(np.minimum(u, wcap).sum() + rho[pick].sum())
        if value > best + 1e-12 * max(1.0, abs(best) if np.isfinite(best) else 1.0):
            best, best_u, stall = value, u.copy(), 0
        else:
            stall += 1
            if stall >= 20:
                alpha, stall, u = alpha / 2, 0, best_u.copy()
        if alpha < 1e-4 or upper - best <= 1e-7 * max(1.0, abs(upper)):
            break
        chosen = np.zeros(n, dtype=bool)
        chosen[pick] = True
        sel = chosen[j_idx] & (t < 0)
        g = 1.0 - (u > wcap) - np.bincount(i_idx[sel], minlength=len(w))
        g[~live] = 0.0
        norm = float(g @ g)
        if norm == 0:
            break
        u = np.clip(u + alpha * max(upper - value, 1e-12) / norm * g, 0.0, None)
    return float(best)
