"""Heuristics for the distance models (median, center), vectorised with numpy.

``d`` is free-sites x demand minutes (dense, ``inf`` = unreachable), ``cap`` the minutes each area
already has to an open (existing or forced) site. Infinite values are replaced by ``BIG`` so the
arithmetic stays finite.
"""

from __future__ import annotations

import numpy as np

from planning.optimize.constraints import Side
from planning.optimize.problem import BIG


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
