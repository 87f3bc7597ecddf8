"""Problem reductions for the covering models (coverage, min-sites).

1. Demand already covered by the existing (and forced) centers becomes a constant.
2. Demand no candidate can reach, and zero-weight demand, are dropped.
3. Dominated candidates are dropped: j is dominated by k when every demand row j covers is also
   covered by k, k is in the same quota group, costs no more, and j's group has no minimum
   (identical candidates keep the cheapest, then the first).
4. Demand rows covered by exactly the same candidates are merged (weights summed).

The result is an equivalent, usually much smaller, instance: any optimum of the reduced
instance is an optimum of the original one.
"""

from __future__ import annotations

from dataclasses import dataclass

import numpy as np
import scipy.sparse as sp

from planning.optimize.constraints import Side


@dataclass(frozen=True)
class CoverInstance:
    """Candidates (rows of ``a``) x aggregated demand rows (columns of ``a``), 0/1."""

    a: sp.csr_matrix  # n_cols x n_rows  (candidate -> demand rows it covers)
    at: sp.csr_matrix  # n_rows x n_cols
    w: np.ndarray  # weight per aggregated demand row
    cols: np.ndarray  # site index of each candidate
    const: float  # weight covered by the open0 sites
    total_weight: float
    region: np.ndarray  # quota group per candidate (-1 = none)
    cost: np.ndarray  # cost per candidate
    stats: dict


def _dominated(
    a: sp.csr_matrix, region: np.ndarray, cost: np.ndarray, protect: np.ndarray
) -> np.ndarray:
    """Bool mask of candidates dominated by another one (see module docstring)."""
    n = a.shape[0]
    size = np.diff(a.indptr)
    overlap = (a @ a.T).tocoo()
    j, k, v = overlap.row, overlap.col, overlap.data
    sel = (j != k) & (v == size[j]) & (region[j] == region[k]) & ~protect[j]
    j, k = j[sel], k[sel]
    strict = size[k] > size[j]
    cheaper = cost[k] <= cost[j]
    tie_break = (cost[k] < cost[j]) | ((cost[k] == cost[j]) & (k < j))
    dom = np.where(strict, cheaper, tie_break)
    out = np.zeros(n, dtype=bool)
    out[j[dom]] = True
    return out


def _merge_rows(at: sp.csr_matrix, w: np.ndarray) -> tuple[sp.csr_matrix, np.ndarray, np.ndarray]:
    """Merge identical rows of ``at`` (rows x cols). Returns (merged at, weights, row group)."""
    keys: dict[bytes, int] = {}
    group = np.empty(at.shape[0], dtype=np.int64)
    first: list[int] = []
    ind, ptr = at.indices, at.indptr
    for i in range(at.shape[0]):
        key = ind[ptr[i] : ptr[i + 1]].tobytes()
        g = keys.get(key)
        if g is None:
            g = keys[key] = len(first)
            first.append(i)
        group[i] = g
    merged_w = np.bincount(group, weights=w, minlength=len(first))
    return at[np.asarray(first, dtype=np.int64)], merged_w, group


def reduce_cover(
    cover: sp.csr_matrix,
    weights: np.ndarray,
    side: Side,
    *,
    dominance: bool = True,
    merge: bool = True,
) -> CoverInstance:
    """Reduce a sites x demand 0/1 cover matrix under the side constraints."""
    n_sites, n_dem = cover.shape
    stats: dict = {"sites": int(n_sites), "demand": int(n_dem)}
    open_rows = cover[np.flatnonzero(side.open0)]
    covered0 = np.zeros(n_dem, dtype=bool)
    if open_rows.nnz:
        covered0[np.unique(open_rows.indices)] = True
    const = float(weights[covered0].sum())
    cols = np.flatnonzero(side.free)
    a = cover[cols]
    reach = np.zeros(n_dem, dtype=bool)
    if a.nnz:
        reach[np.unique(a.indices)] = True
    alive = ~covered0 & reach & (weights > 0)
    a = sp.csr_matrix(a[:, np.flatnonzero(alive)])
    w = weights[alive].astype(float)
    region = side.region[cols]
    cost = side.cost[cols]
    # Candidates in a group with a minimum quota must stay (they may be needed to meet it).
    protect = np.zeros(len(cols), dtype=bool)
    if side.has_quotas:
        g = region >= 0
        protect[g] = side.qmin[region[g]] > 0
    empty = (np.diff(a.indptr) == 0) & ~protect
    keep = ~empty
    if dominance and a.shape[0] > 1:
        keep &= ~_dominated(a, region, cost, protect | empty)
    stats["candidates"] = int(len(cols))
    stats["candidates_kept"] = int(keep.sum())
    a, cols, region, cost = a[np.flatnonzero(keep)], cols[keep], region[keep], cost[keep]
    at = sp.csr_matrix(a.T)
    at.sort_indices()
    has = np.diff(at.indptr) > 0
    at, w = at[np.flatnonzero(has)], w[has]
    stats["rows_uncovered"] = int(alive.sum())
    if merge and at.shape[0]:
        at, w, _ = _merge_rows(at, w)
    at = sp.csr_matrix(at, dtype=np.float64)
    a = sp.csr_matrix(at.T)
    a.sort_indices()
    stats["rows_kept"] = int(at.shape[0])
    stats["covered_by_existing"] = const
    return CoverInstance(
        a=a,
        at=at,
        w=w,
        cols=cols,
        const=const,
        total_weight=float(weights.sum()),
        region=region,
        cost=cost,
        stats=stats,
    )


def restrict(
    inst: CoverInstance, keep: np.ndarray, take: np.ndarray, *, dominance: bool = True
) -> CoverInstance:
    """The instance with only the ``keep`` candidates left to choose and the ``take`` ones
    opened (their coverage becomes constant), reduced again (rows, dominance, merging).
    Used after reduced-cost fixing; quotas and budget must be handled by the caller."""
    take = np.asarray(take, dtype=bool)
    keep = np.asarray(keep, dtype=bool) & ~take
    covered = np.zeros(inst.a.shape[1], dtype=bool)
    sub = inst.a[np.flatnonzero(take)]
    if sub.nnz:
        covered[np.unique(sub.indices)] = True
    const = inst.const + float(inst.w[covered].sum())
    a = inst.a[np.flatnonzero(keep)][:, np.flatnonzero(~covered)]
    a = sp.csr_matrix(a)
    w = inst.w[~covered]
    cols, region, cost = inst.cols[keep], inst.region[keep], inst.cost[keep]
    protect = np.zeros(len(cols), dtype=bool)
    empty = np.diff(a.indptr) == 0
    ok = ~empty
    if dominance and a.shape[0] > 1:
        ok &= ~_dominated(a, region, cost, protect | empty)
    a, cols, region, cost = a[np.flatnonzero(ok)], cols[ok], region[ok], cost[ok]
    at = sp.csr_matrix(a.T)
    at.sort_indices()
    has = np.diff(at.indptr) > 0
    at, w = at[np.flatnonzero(has)], w[has]
    if at.shape[0]:
        at, w, _ = _merge_rows(at, w)
    at = sp.csr_matrix(at, dtype=np.float64)
    a = sp.csr_matrix(at.T)
    a.sort_indices()
    stats = dict(inst.stats)
    stats["core_candidates"] = int(a.shape[0])
    stats["core_rows"] = int(at.shape[0])
    return CoverInstance(
        a=a,
        at=at,
        w=w,
        cols=cols,
        const=const,
        total_weight=inst.total_weight,
        region=region,
        cost=cost,
        stats=stats,
    )
