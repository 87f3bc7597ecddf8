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
- Each subset MILP is first reduced to its non-dominated rows and columns
  (:func:`reduce_setcover`): nationally ~400 areas x 3,500 sites become ~40-90 x 40-90.
- Quotas and the budget are rows of the same MILPs; greedy covers are topped up to the quota
  minimums, and a site stands in for another only within a quota group without minimum.
"""

from __future__ import annotations

import time
from dataclasses import dataclass

import numpy as np
import scipy.sparse as sp

from planning.optimize.constraints import Side
from planning.optimize.distance import BIG
from planning.optimize.models import setcover_feasible


@dataclass(frozen=True)
class Pairs:
    """(free site, live area) pairs closer than the area's open network (``cap``); areas are
    numbered among those with weight > 0, unsorted."""

    area: np.ndarray
    site: np.ndarray
    d: np.ndarray
    cap: np.ndarray  # per live area, BIG when no site is open
    n_sites: int

    @property
    def n_areas(self) -> int:
        return len(self.cap)


def radius_pairs(d: np.ndarray, w: np.ndarray, cap: np.ndarray) -> Pairs:
    """Pairs from a dense free-sites x demand matrix (inf = unreachable): one pass over it."""
    live = w > 0
    site, area = np.nonzero(d < np.where(live, cap, -np.inf)[None, :])
    dist = d[site, area]
    renum = np.cumsum(live) - 1
    capl = cap[live]
    return Pairs(
        area=renum[area],
        site=site,
        d=dist,
        cap=np.where(np.isfinite(capl), capl, BIG),
        n_sites=d.shape[0],
    )


def _reach(pairs: Pairs, chosen: np.ndarray) -> np.ndarray:
    """Per area: the distance to the nearest open site (cap if none closer)."""
    best = pairs.cap.copy()
    sel = np.isin(pairs.site, chosen)
    np.minimum.at(best, pairs.area[sel], pairs.d[sel])
    return best


def radius_value(pairs: Pairs, chosen: np.ndarray) -> float:
    """Max over areas of the distance to the nearest open site (cap if none closer)."""
    return float(_reach(pairs, chosen).max(initial=0.0))


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
    return top_up(side, region, cost, np.asarray(chosen, dtype=np.int64))


def meets(side: Side, region: np.ndarray, cost: np.ndarray, chosen: np.ndarray) -> bool:
    """Do the chosen free sites (positions) meet the network size, quotas and budget?"""
    chosen = np.asarray(chosen, dtype=np.int64)
    if len(chosen) > side.slots or len(np.unique(chosen)) < len(chosen):
        return False
    if side.has_quotas:
        g = region[chosen]
        cnt = np.bincount(g[g >= 0], minlength=len(side.qmin))
        if np.any(cnt < side.qmin) or np.any(cnt > side.qmax):
            return False
    return not (side.has_budget and float(cost[chosen].sum()) > side.budget + 1e-9)


def top_up(
    side: Side, region: np.ndarray, cost: np.ndarray, chosen: np.ndarray
) -> np.ndarray | None:
    """``chosen`` plus the cheapest sites of every quota group still below its minimum (more
    sites never lengthen a radius); None when the side rows cannot be met that way."""
    chosen = np.asarray(chosen, dtype=np.int64)
    if side.has_quotas:
        g = region[chosen]
        short = side.qmin - np.bincount(g[g >= 0], minlength=len(side.qmin))
        taken = np.zeros(len(region), dtype=bool)
        taken[chosen] = True
        extra = []
        for grp in np.flatnonzero(short > 0):
            cand = np.flatnonzero((region == grp) & ~taken)
            extra.extend(cand[np.argsort(cost[cand], kind="stable")][: short[grp]].tolist())
        chosen = np.concatenate([chosen, np.asarray(extra, dtype=np.int64)])
    return chosen if meets(side, region, cost, chosen) else None


#: most multiply-adds one dominance check (a sparse product) may take (about a second); a
#: subset denser than that goes to HiGHS less reduced. Nationally with the existing centers a
#: check takes < 5 M; with none open (every area to cover, radii of 100+ minutes) up to 300 M,
#: and the reduction still pays: HiGHS alone does far worse on the 1,000 x 3,500 covers
REDUCE_WORK = 300_000_000


def _subset_pairs(a: sp.csr_matrix) -> tuple[np.ndarray, np.ndarray, np.ndarray] | None:
    """(i, k, equal) for every i != k whose row i is a subset of row k (0/1 csr); None when
    the product would take more than :data:`REDUCE_WORK`."""
    if float(np.square(np.bincount(a.indices, minlength=a.shape[1]), dtype=float).sum()) > (
        REDUCE_WORK
    ):
        return None
    size = np.diff(a.indptr)
    inter = (a @ a.T).tocoo()
    i, k = inter.row, inter.col
    hit = (inter.data >= size[i] - 0.5) & (i != k)
    i, k = i[hit], k[hit]
    return i, k, size[i] == size[k]


#: column class that :func:`reduce_setcover` never drops (a quota group with a minimum)
KEEP = -2


def column_classes(
    side: Side, region: np.ndarray, cost: np.ndarray
) -> tuple[np.ndarray, np.ndarray]:
    """Per free site (``region``/``cost`` in free-site order): the class within which one site
    may stand in for another in a cover, and the cost that counts (zeros without a budget).
    A quota group with a minimum is kept whole (:data:`KEEP`): dropping one of its sites
    could leave the minimum unmet. Without quotas every site is one class."""
    klass = np.zeros(len(region), dtype=np.int64)
    if side.has_quotas:
        klass = np.asarray(region, dtype=np.int64).copy()  # -1 = no group, its own class
        has = klass >= 0
        klass[has & (side.qmin[np.maximum(klass, 0)] > 0)] = KEEP
    ccost = np.zeros(len(region))
    if side.has_budget:
        ccost = np.asarray(cost, dtype=float)
        if (ccost < 0).any():  # dropping a site could then raise the budget left
            klass[:] = KEEP
    return klass, ccost


def reduce_setcover(
    a: sp.csr_matrix, klass: np.ndarray | None = None, ccost: np.ndarray | None = None
) -> tuple[sp.csr_matrix, np.ndarray]:
    """The set-cover rows (areas) x columns (sites) with implied rows, empty columns and
    dominated columns dropped. Returns the reduced 0/1 matrix and the original index of each
    kept column. ``klass``/``ccost`` per column from :func:`column_classes`; ``None`` keeps
    every column (rows only).

    Rows: one whose site set contains another row's is implied by it (covering the smaller
    covers the larger), whatever the side rows. Columns: site j may go when it covers no row,
    or when a site k of the same class, at no higher cost, covers every row j covers. In any
    cover j is then replaced by k (or dropped when k is in it already): same quota group
    counts or one fewer in a group without minimum, no more cost, no more sites. Of equal rows
    (or equal columns at equal cost) the first is kept, so every dropped one has a kept one
    inside (rows) or around (columns) it: which radii are feasible, and the fewest sites a
    cover needs, are unchanged."""
    a = sp.csr_matrix(a, dtype=np.float64, copy=True)
    a.sum_duplicates()
    a.data[:] = 1.0
    cols = np.arange(a.shape[1])
    if a.shape[0] == 0 or (np.diff(a.indptr) == 0).any():
        return a, cols  # nothing to cover, or an empty row: the caller decides
    while True:
        changed = False
        found = _subset_pairs(a)
        if found is not None:
            i, k, equal = found
            drop = np.zeros(a.shape[0], dtype=bool)
            drop[k[~equal | (i < k)]] = True  # k contains i strictly, or equals an earlier row
            changed = bool(drop.any())
            if changed:
                a = a[~drop]
        if klass is not None:
            kc, cc = klass[cols], ccost[cols]
            free = kc != KEEP
            c = sp.csr_matrix(a.T)
            out = free & (np.diff(c.indptr) == 0)
            found = _subset_pairs(c)
            if found is not None:
                j, k, equal = found
                by = free[j] & (kc[j] == kc[k]) & (cc[k] <= cc[j])
                out[j[by & (~equal | (cc[k] < cc[j]) | (k < j))]] = True
            if out.any():
                a, cols = sp.csr_matrix(c[~out].T), cols[~out]
                changed = True
        if not changed:
            return a, cols


def within(pairs: Pairs, r: float) -> Pairs:
    """The pairs no longer than ``r``: all that a search below ``r`` looks at (an area beyond
    such a radius is covered by a shorter pair, and one within it counts its cap)."""
    keep = pairs.d <= r + 1e-12
    if len(keep) == 0 or keep.mean() > 0.8:  # not worth the copy
        return pairs
    return Pairs(
        area=pairs.area[keep],
        site=pairs.site[keep],
        d=pairs.d[keep],
        cap=pairs.cap,
        n_sites=pairs.n_sites,
    )


def _radii(pairs: Pairs, lo: float, hi: float) -> np.ndarray:
    vals = np.unique(np.concatenate([pairs.d, pairs.cap]))
    return vals[(vals >= lo - 1e-12) & (vals < hi - 1e-12)]


def heuristic(
    pairs: Pairs, side: Side, region: np.ndarray, cost: np.ndarray, lb: float, ub: float
) -> tuple[np.ndarray | None, float]:
    """Binary search over the radii in [lb, ub) with greedy covers: the best cover found and
    its true radius (``None``, ub when none beats ub)."""
    pairs = within(pairs, ub)
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
                pairs = within(pairs, r)
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
    top_first: bool = False,
) -> tuple[np.ndarray, float, float, bool, dict]:
    """Binary search over the radii in [lb, ub) deciding each by growing-subset set-cover
    MILPs. Returns (sites, radius, lower bound, proven, stats). ``top_first`` (an incumbent
    that is likely optimal, e.g. a warm start): the radius just below ``ub`` is decided first,
    so one infeasible radius proves the incumbent."""
    pairs = within(pairs, ub)
    vals = _radii(pairs, lb, ub)
    best, best_r = np.asarray(chosen, dtype=np.int64), ub
    # subset: the areas farthest from the open network first, and from the incumbent
    subset = np.zeros(pairs.n_areas, dtype=bool)
    subset[np.argsort(-pairs.cap)[:subset_start]] = True
    if len(best):
        subset[np.argsort(-_reach(pairs, best))[:subset_start]] = True
    stats = {"radii": int(len(vals)), "milps": 0, "subset": 0, "rows": 0, "cols": 0}
    klass, ccost = column_classes(side, region, cost)
    lo, hi = 0, len(vals) - 1
    complete = True
    # the lower bound first: on road and straight-line tables it is often the optimum (a
    # remote area whose nearest candidate is far decides the radius)
    order = [hi, lo] if top_first else [lo]
    while lo <= hi:
        if deadline is not None and time.perf_counter() > deadline:
            complete = False
            break
        mid = (lo + hi) // 2
        while order:
            first = order.pop(0)
            if lo <= first <= hi:
                mid = first
                break
        r = float(vals[mid])
        need = np.zeros(pairs.n_areas, dtype=bool)
        need[_need(pairs, r)] = True
        near = pairs.d <= r + 1e-12
        feasible = None
        while feasible is None:
            rows = np.flatnonzero(need & subset)
            sel = near & subset[pairs.area] & need[pairs.area]
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
                small, cols = reduce_setcover(reach, klass, ccost)
                res, picked = setcover_feasible(small, side, time_limit=left, cols=cols)
                picked = cols[picked]
                stats["milps"] += 1
                stats["rows"] = max(stats["rows"], small.shape[0])
                stats["cols"] = max(stats["cols"], small.shape[1])
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
            ok = near & np.isin(pairs.site, picked)
            hit[pairs.area[ok]] = True
            miss = np.flatnonzero(need & ~hit)
            if len(miss) == 0:
                feasible = True
                best, best_r = picked, radius_value(pairs, picked)
                pairs = within(pairs, best_r)
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
