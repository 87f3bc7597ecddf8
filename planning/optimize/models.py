"""MILP formulations as sparse matrices, solved by :func:`planning.optimize.highs.solve_milp`.

Coverage (maximal covering, on a reduced instance; x binary per candidate, y continuous per row):
  (1) max  const + sum_i w_i y_i
  (2) y_i <= sum_j a_ij x_j            every demand row i
  (3) sum_j x_j <= slots               network size
  (4) qmin_g <= sum_{j in g} x_j <= qmax_g   quotas per region
  (5) sum_j cost_j x_j <= budget
Min-sites: min sum_j x_j subject to (2)-(5) and sum_i w_i y_i >= target.
Capacitated coverage: z_ij (share of area i served by open site j within the threshold),
  max sum w_i z_ij,  sum_j z_ij <= 1,  sum_i w_i z_ij <= cap_j x_j, (3)-(5).
Median (Elloumi's radius formulation; levels D_i^1 < ... < D_i^K per area, K-th = the nearest
  existing center or the penalty): min sum_i w_i (D_i^1 + sum_k (D_i^{k+1} - D_i^k) z_ik),
  z_ik + sum_{j: d_ij <= D_i^k} x_j >= 1, (3)-(5).
Center: binary search on the radius r; each step a set-cover feasibility MILP
  sum_{j: d_ij <= r} x_j >= 1 for every area with demand not within r of an open site, (3)-(5).
"""

from __future__ import annotations

import numpy as np
import scipy.sparse as sp

from planning.optimize.constraints import Side
from planning.optimize.highs import MilpResult, solve_milp
from planning.optimize.reduce import CoverInstance


def _side_rows(
    n_x: int, n_total: int, region: np.ndarray, cost: np.ndarray, side: Side, *, cardinality: bool
) -> tuple[list[sp.csr_matrix], list[float], list[float]]:
    """Rows (3)-(5) over the first ``n_x`` of ``n_total`` columns."""
    blocks, lo, hi = [], [], []

    def row(vals: np.ndarray) -> sp.csr_matrix:
        r = np.zeros(n_total)
        r[:n_x] = vals
        return sp.csr_matrix(r)

    if cardinality:
        blocks.append(row(np.ones(n_x)))
        lo.append(0.0)
        hi.append(float(side.slots))
    for g in range(len(side.qmin)):
        blocks.append(row((region == g).astype(float)))
        lo.append(float(side.qmin[g]))
        hi.append(float(side.qmax[g]))
    if side.has_budget:
        blocks.append(row(cost.astype(float)))
        lo.append(-np.inf)
        hi.append(float(side.budget))
    return blocks, lo, hi


def cover_milp(
    inst: CoverInstance,
    side: Side,
    *,
    target: float | None = None,
    start: np.ndarray | None = None,
    fix0: np.ndarray | None = None,
    fix1: np.ndarray | None = None,
    time_limit: float | None = None,
    mip_gap: float = 1e-6,
    relax: bool = False,
    options: dict | None = None,
    stop_at: float | None = None,
) -> tuple[MilpResult, np.ndarray]:
    """Coverage model, or min-sites when ``target`` (weight beyond the constant) is given.

    ``stop_at`` (coverage): HiGHS stops as soon as it has a solution covering this much
    (constant included), e.g. when a bound it does not know already proves such a solution.
    Returns the HiGHS result and the chosen candidates (indices into ``inst.cols``)."""
    n, m = inst.a.shape
    N = n + m
    # scale the weights (e.g. index shares ~1e-6) so HiGHS's tolerances are meaningful
    scale = 1e6 / max(float(inst.w.sum()), 1e-300) if inst.w.size else 1.0
    w = inst.w * scale
    link = sp.hstack([-inst.at, sp.identity(m, format="csr")], format="csr")
    blocks, lo, hi = _side_rows(n, N, inst.region, inst.cost, side, cardinality=True)
    rows = [link, *blocks]
    row_lo = [np.full(m, -np.inf), np.asarray(lo)]
    row_hi = [np.zeros(m), np.asarray(hi)]
    if target is not None:
        r = np.zeros(N)
        r[n:] = w
        rows.append(sp.csr_matrix(r))
        row_lo.append(np.array([(target - 1e-9 * max(1.0, target)) * scale]))
        row_hi.append(np.array([np.inf]))
        c = np.concatenate([np.ones(n), np.zeros(m)])
        maximize = False
        offset = 0.0
    else:
        c = np.concatenate([np.zeros(n), w])
        maximize = True
        offset = inst.const * scale
    lb = np.zeros(N)
    ub = np.ones(N)
    if fix0 is not None:
        ub[:n][fix0] = 0.0
    if fix1 is not None:
        lb[:n][fix1] = 1.0
    integer = np.zeros(N, dtype=bool)
    integer[:n] = not relax
    if stop_at is not None and target is None and not relax:
        options = {**(options or {}), "objective_target": float(stop_at) * scale}
    x0 = None
    if start is not None and not relax:
        x0 = np.zeros(N)
        x0[np.asarray(start, dtype=np.int64)] = 1.0
        cover = inst.at @ x0[:n]
        x0[n:] = np.minimum(cover, 1.0)
    res = solve_milp(
        c,
        sp.vstack(rows, format="csr"),
        np.concatenate(row_lo),
        np.concatenate(row_hi),
        lb,
        ub,
        integer,
        maximize=maximize,
        start=x0,
        time_limit=time_limit,
        mip_gap=mip_gap,
        offset=offset,
        solver="ipm" if relax else None,
        options=options,
    )
    if target is None and scale != 1.0:
        res = res.rescaled(1.0 / scale)
    chosen = np.zeros(0, dtype=np.int64) if res.x is None else np.flatnonzero(res.x[:n] > 0.5)
    return res, chosen


def capacity_milp(
    cover: sp.csr_matrix,
    weights: np.ndarray,
    capacity: np.ndarray,
    side: Side,
    *,
    start: np.ndarray | None = None,
    time_limit: float | None = None,
    mip_gap: float = 1e-6,
) -> tuple[MilpResult, np.ndarray, sp.csr_matrix]:
    """Capacitated coverage on the full sites x demand cover. Returns result, chosen free site
    indices, and the served-weight matrix (sites x demand)."""
    n_sites, n_dem = cover.shape
    free = np.flatnonzero(side.free)
    open0 = np.flatnonzero(side.open0)
    usable = np.concatenate([free, open0])
    sub = cover[usable].tocoo()
    pairs_site, pairs_dem = sub.row, sub.col  # site position in `usable`
    keep = weights[pairs_dem] > 0
    pairs_site, pairs_dem = pairs_site[keep], pairs_dem[keep]
    nx, nz = len(free), len(pairs_site)
    N = nx + nz
    zc = np.arange(nz) + nx
    wz = weights[pairs_dem]
    # each area served at most once
    a1 = sp.csr_matrix((np.ones(nz), (pairs_dem, zc)), shape=(n_dem, N))
    # served weight within capacity: sum_i w_i z_ij - cap_j x_j <= 0 (x_j = 1 for open0)
    cap = capacity[usable]
    a2 = sp.csr_matrix((wz, (pairs_site, zc)), shape=(len(usable), N)).tolil()
    for p in range(nx):
        a2[p, p] = -cap[p]
    a2 = a2.tocsr()
    hi2 = np.where(np.arange(len(usable)) < nx, 0.0, cap)
    blocks, lo, hi = _side_rows(nx, N, side.region[free], side.cost[free], side, cardinality=True)
    a = sp.vstack([a1, a2, *blocks], format="csr")
    row_lo = np.concatenate([np.full(n_dem, -np.inf), np.full(len(usable), -np.inf), lo])
    row_hi = np.concatenate([np.ones(n_dem), hi2, hi])
    c = np.concatenate([np.zeros(nx), wz])
    integer = np.zeros(N, dtype=bool)
    integer[:nx] = True
    x0 = None
    if start is not None:
        x0 = np.full(N, np.nan)
        x0[:nx] = 0.0
        pos = {s: p for p, s in enumerate(free.tolist())}
        x0[[pos[s] for s in np.asarray(start).tolist() if s in pos]] = 1.0
    res = solve_milp(
        c,
        a,
        row_lo,
        row_hi,
        np.zeros(N),
        np.ones(N),
        integer,
        maximize=True,
        start=x0,
        time_limit=time_limit,
        mip_gap=mip_gap,
    )
    if res.x is None:
        return res, np.zeros(0, dtype=np.int64), sp.csr_matrix((n_sites, n_dem))
    chosen = free[res.x[:nx] > 0.5]
    served = sp.csr_matrix(
        (res.x[nx:] * wz, (usable[pairs_site], pairs_dem)), shape=(n_sites, n_dem)
    )
    return res, chosen, served


def median_milp(
    d: np.ndarray,
    weights: np.ndarray,
    cap: np.ndarray,
    side: Side,
    *,
    start: np.ndarray | None = None,
    time_limit: float | None = None,
    mip_gap: float = 1e-6,
) -> tuple[MilpResult, np.ndarray]:
    """p-median over free sites; ``d`` is free-sites x demand (finite or inf), ``cap`` the
    distance each area already has to an open site (inf if none). Returns result and chosen
    rows of ``d``."""
    n, m = d.shape
    free = np.flatnonzero(side.free)
    rows_i, cols_j, level_of = [], [], []
    z_cost: list[float] = []
    const = 0.0
    row_extra: list[tuple[np.ndarray, float]] = []  # forced-cover rows
    n_rows = 0
    for i in range(m):
        if weights[i] <= 0:
            continue
        di = d[:, i]
        rel = np.flatnonzero(di < cap[i])
        if len(rel) == 0:
            if not np.isfinite(cap[i]):
                raise ValueError(f"unreachable:{i}")
            const += weights[i] * cap[i]
            continue
        dj = di[rel]
        levels = np.unique(dj)
        if np.isfinite(cap[i]):
            levels = np.append(levels, cap[i])
        else:
            row_extra.append((rel, 1.0))
        const += weights[i] * levels[0]
        for k in range(len(levels) - 1):
            js = rel[dj <= levels[k]]
            rows_i.append(np.full(len(js), n_rows))
            cols_j.append(js)
            level_of.append(n_rows)
            z_cost.append(weights[i] * (levels[k + 1] - levels[k]))
            n_rows += 1
    nz = n_rows
    N = n + nz
    ri = np.concatenate(rows_i) if rows_i else np.zeros(0, dtype=np.int64)
    cj = np.concatenate(cols_j) if cols_j else np.zeros(0, dtype=np.int64)
    a_lvl = sp.csr_matrix((np.ones(len(ri)), (ri, cj)), shape=(nz, N)) + sp.csr_matrix(
        (np.ones(nz), (np.arange(nz), n + np.arange(nz))), shape=(nz, N)
    )
    blocks, lo, hi = _side_rows(n, N, side.region[free], side.cost[free], side, cardinality=True)
    extra = [
        sp.csr_matrix((np.ones(len(js)), (np.zeros(len(js), dtype=int), js)), shape=(1, N))
        for js, _ in row_extra
    ]
    a = sp.vstack([a_lvl, *blocks, *extra], format="csr")
    row_lo = np.concatenate([np.ones(nz), lo, np.ones(len(extra))])
    row_hi = np.concatenate([np.full(nz, np.inf), hi, np.full(len(extra), np.inf)])
    c = np.concatenate([np.zeros(n), np.asarray(z_cost)])
    integer = np.zeros(N, dtype=bool)
    integer[:n] = True
    x0 = None
    if start is not None:
        x0 = np.full(N, np.nan)
        x0[:n] = 0.0
        x0[np.asarray(start, dtype=np.int64)] = 1.0
        # z at the start: 1 - covered
        cov = a_lvl[:, :n] @ x0[:n]
        x0[n:] = np.maximum(0.0, 1.0 - cov)
    res = solve_milp(
        c,
        a,
        row_lo,
        row_hi,
        np.zeros(N),
        np.concatenate([np.ones(n), np.full(nz, np.inf)]),
        integer,
        start=x0,
        time_limit=time_limit,
        mip_gap=mip_gap,
        offset=const,
    )
    chosen = np.zeros(0, dtype=np.int64) if res.x is None else np.flatnonzero(res.x[:n] > 0.5)
    return res, chosen


def setcover_feasible(
    reach: sp.csr_matrix,
    side: Side,
    *,
    time_limit: float | None = None,
    cols: np.ndarray | None = None,
) -> tuple[MilpResult, np.ndarray]:
    """Can every row of ``reach`` (areas x free sites, 0/1) be covered within the side rows?
    Minimises the number of sites used. ``cols``: the free-site position of each column of
    ``reach`` when it holds only some of them (returned sites are then column indices)."""
    m, n = reach.shape
    free = np.flatnonzero(side.free)
    if cols is not None:
        free = free[np.asarray(cols, dtype=np.int64)]
    blocks, lo, hi = _side_rows(n, n, side.region[free], side.cost[free], side, cardinality=True)
    a = sp.vstack([reach, *blocks], format="csr")
    res = solve_milp(
        np.ones(n),
        a,
        np.concatenate([np.ones(m), lo]),
        np.concatenate([np.full(m, np.inf), hi]),
        np.zeros(n),
        np.ones(n),
        np.ones(n, dtype=bool),
        time_limit=time_limit,
    )
    chosen = np.zeros(0, dtype=np.int64) if res.x is None else np.flatnonzero(res.x > 0.5)
    return res, chosen
