"""p-center at national scale: a radius search on sparse pairs.

Radius r is feasible when every area with weight > 0 whose open-network distance ``cap`` exceeds
r gets a new site within r, within the network size, quotas and budget. The optimum is the
smallest feasible r among the distinct distances.

- Upper bound: binary search with a greedy set cover per radius (fast, sparse).
- Exact: binary search where each radius is decided by set-cover MILPs on a small subset of
  the areas that grows with the areas the subset's solution leaves uncovered (Contardo, Iori &
  Kramer 2019). A subset that cannot be covered proves the radius infeasible for all areas; a
  subset solution that covers every area proves it feasible. Every infeasible radius raises the
  lower bound, so a search stopped by its deadline still returns a valid bound.
"""

from __future__ import annotations

import time

import numpy as np
import scipy.sparse as sp

from planning.optimize.constraints import Side
from planning.optimize.median import Pairs
from planning.optimize.models import setcover_feasible


def radius_value(pairs: Pairs, chosen: np.ndarray) -> float:
    """Max over areas of the distance to the nearest open site (cap if none closer)."""
    best = pairs.cap.copy()
    sel = np.isin(pairs.site, chosen)
    np.minimum.at(best, pairs.area[sel], pairs.d[sel])
    return float(best.max(initial=0.0))


def _need(pairs: Pairs, r: float) -> np.ndarray:
    return np.flatnonzero(pairs.cap > r + 1e-12)


def greedy_radius(
    pairs: Pairs, side: Side, region: np.ndarray, cost: np.ndarray, r: float
) -> np.ndarray | None:
    """Greedy set cover of the areas beyond r by sites within r; None if it needs more sites
    than allowed (or quotas / budget stop it)."""
    from planning.optimize.distance import _feasible

    need = np.zeros(pairs.n_areas, dtype=bool)
    need[_need(pairs, r)] = True
    sel = (pairs.d <= r + 1e-12) & need[pairs.area]
    site, area = pairs.site[sel], pairs.area[sel]
    if need.sum() and not np.isin(np.flatnonzero(need), area).all():
        return None
    cover = sp.csr_matrix((np.ones(len(site)), (site, area)), shape=(pairs.n_sites, pairs.n_areas))
    left = need.astype(float)
    chosen: list[int] = []
    while left.any():
        if len(chosen) >= side.slots:
            return None
        ok = _feasible(side, region, cost, chosen)
        gain = np.where(ok, cover @ left, -1.0)
        j = int(np.argmax(gain))
        if gain[j] <= 0:
            return None
        chosen.append(j)
        left[cover[j].indices] = 0.0
    return np.asarray(chosen, dtype=np.int64)


def _radii(pairs: Pairs, lo: float, hi: float) -> np.ndarray:
    vals = np.unique(np.concatenate([pairs.d, pairs.cap]))
    return vals[(vals >= lo - 1e-12) & (vals < hi - 1e-12)]


def heuristic(
    pairs: Pairs, side: Side, region: np.ndarray, cost: np.ndarray, lb: float, ub: float
) -> tuple[np.ndarray | None, float]:
    """Binary search over the radii in [lb, ub) with greedy covers: the best cover found and
    its true radius (``None``, ub when none beats ub)."""
    vals = _radii(pairs, lb, ub)
    best, best_r = None, ub
    lo, hi = 0, len(vals) - 1
    while lo <= hi:
        mid = (lo + hi) // 2
        got = greedy_radius(pairs, side, region, cost, float(vals[mid]))
        if got is not None:
            r = radius_value(pairs, got)
            if r < best_r:
                best, best_r = got, r
            hi = min(mid - 1, int(np.searchsorted(vals, r, side="left")) - 1)
        else:
            lo = mid + 1
    return best, best_r


def exact(
    pairs: Pairs,
    side: Side,
    region: np.ndarray,
    cost: np.ndarray,
    chosen: np.ndarray,
    ub: float,
    lb: float,
    *,
    deadline: float | None,
    subset_start: int = 40,
    grow: int = 150,
) -> tuple[np.ndarray, float, float, bool, dict]:
    """Binary search over the radii in [lb, ub) deciding each by growing-subset set-cover
    MILPs. Returns (sites, radius, lower bound, proven, stats)."""
    vals = _radii(pairs, lb, ub)
    best, best_r = np.asarray(chosen, dtype=np.int64), ub
    # subset: the areas farthest from the open network first
    subset = np.zeros(pairs.n_areas, dtype=bool)
    subset[np.argsort(-pairs.cap)[:subset_start]] = True
    stats = {"radii": int(len(vals)), "milps": 0, "subset": 0}
    lo, hi = 0, len(vals) - 1
    complete = True
    first = True
    while lo <= hi:
        if deadline is not None and time.perf_counter() > deadline:
            complete = False
            break
        # the lower bound first: on road and straight-line tables it is often the optimum
        # (a remote area whose nearest candidate is far decides the radius)
        mid = lo if first else (lo + hi) // 2
        first = False
        r = float(vals[mid])
        need = np.zeros(pairs.n_areas, dtype=bool)
        need[_need(pairs, r)] = True
        within = pairs.d <= r + 1e-12
        feasible = None
        while feasible is None:
            rows = np.flatnonzero(need & subset)
            sel = within & subset[pairs.area] & need[pairs.area]
            pos = np.full(pairs.n_areas, -1, dtype=np.int64)
            pos[rows] = np.arange(len(rows))
            reach = sp.csr_matrix(
                (np.ones(int(sel.sum())), (pos[pairs.area[sel]], pairs.site[sel])),
                shape=(len(rows), pairs.n_sites),
            )
            if len(rows) and (np.diff(reach.indptr) == 0).any():
                feasible = False
                break
            left = None if deadline is None else max(deadline - time.perf_counter(), 0.05)
            if len(rows):
                res, picked = setcover_feasible(reach, side, time_limit=left)
                stats["milps"] += 1
                if res.infeasible:
                    feasible = False
                    break
                if res.x is None:  # time limit without an answer
                    complete = False
                    break
            else:
                picked = np.zeros(0, dtype=np.int64)
            # which areas beyond r does this leave uncovered?
            hit = np.zeros(pairs.n_areas, dtype=bool)
            ok = within & np.isin(pairs.site, picked)
            hit[pairs.area[ok]] = True
            miss = np.flatnonzero(need & ~hit)
            if len(miss) == 0:
                feasible = True
                best, best_r = picked, radius_value(pairs, picked)
                break
            # grow the subset with the missed areas farthest from the picked sites
            subset[miss[np.argsort(-pairs.cap[miss])][:grow]] = True
        if not complete:
            break
        if feasible:
            hi = min(mid - 1, int(np.searchsorted(vals, best_r, side="left")) - 1)
        else:
            lb = max(lb, float(vals[mid + 1]) if mid + 1 < len(vals) else best_r)
            lo = mid + 1
    stats["subset"] = int(subset.sum())
    if complete:
        lb = best_r
    return best, best_r, min(lb, best_r), complete, stats
