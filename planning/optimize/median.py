"""p-median at national scale: sparse pairs, fast swaps, and the radius formulation solved
exactly by generating distance levels (García, Labbé & Marín 2011; Elloumi 2010).

Only pairs closer than an area's distance to the already open network (``cap``: the nearest
existing or forced center, or the penalty) can change the objective, so everything works on
those pairs, sorted per area (:class:`Pairs`).

Radius formulation, chained form. Per area i the distinct distances of its pairs are the levels
D_1 < ... < D_K, and D_{K+1} = cap_i. z_ik = 1 when no open site lies within D_k:

    min  sum_i w_i (D_1 + sum_k (D_{k+1} - D_k) z_ik)
    z_i1 + sum_{j: d_ij = D_1} x_j >= 1,   z_ik - z_i,k-1 + sum_{j: d_ij = D_k} x_j >= 0,
    plus the side rows (network size, quotas, budget); z_iK = 0 when cap_i is infinite.

Its LP relaxation equals Elloumi's (z_ik + sum_{d_ij <= D_k} x_j >= 1), with one row per level
and each pair in one row instead of r(r+1)/2 nonzeros per area. Keeping only the first L_i
levels of area i (cost capped at D_{L_i+1}) is a relaxation, so every truncated LP or MILP bound
is a valid lower bound. Levels are added where the LP (then the MILP) solution assigns an area
beyond its last kept level; when none does, the truncated optimum is the true optimum.

With a network size only and few sites to choose, :func:`tree_search` replaces the radius MILP:
a Lagrangian branch-and-bound (Beasley 1985, the paper of the OR-Library instances) whose nodes
force sites open or closed, bound by subgradient from the parent's multipliers and fix sites
against the incumbent (:meth:`Dual.fixings`).
"""

from __future__ import annotations

import time
from dataclasses import dataclass, replace
from types import SimpleNamespace

import numpy as np
import scipy.sparse as sp

from planning.optimize.constraints import Side
from planning.optimize.heuristics import _swap_ok
from planning.optimize.highs import MilpResult, solve_milp

BIG = 1e9
#: HiGHS solver for the LP rounds
LP_SOLVER: str | None = "ipm"
#: HiGHS options for the MILP rounds: the instance is already reduced and the incumbent comes
#: with it, so presolve and the primal heuristics (sub-MIPs included) are off (pmed16: 13 s
#: instead of 41 s on the loaded machine, most of it had gone to RINS/RENS sub-MIPs)
MILP_OPTIONS: dict = {
    "presolve": "off",
    "mip_heuristic_effort": 0.0,
    "mip_heuristic_run_rens": False,
    "mip_heuristic_run_rins": False,
    "mip_heuristic_run_root_reduced_cost": False,
    "mip_heuristic_run_feasibility_jump": False,
}


@dataclass(frozen=True)
class Pairs:
    """Pairs (live area, free site) with d < cap, sorted by area then distance."""

    area: np.ndarray  # position among live areas, per pair
    site: np.ndarray  # free-site position (row of d), per pair
    d: np.ndarray  # minutes, per pair
    level: np.ndarray  # level index within its area (distinct distances), per pair
    ptr: np.ndarray  # (n_live + 1,) pair offsets per area
    n_levels: np.ndarray  # distinct levels per live area
    w: np.ndarray  # weight per live area
    cap: np.ndarray  # minutes to the open network per live area (BIG if none)
    cap_inf: np.ndarray  # bool, no open site and no penalty
    n_sites: int
    const: float  # weight x cap of live areas without pairs
    lvl_start: np.ndarray  # (n_live,) offset of each area's first level in lvl_d
    lvl_d: np.ndarray  # distance of every level, areas one after another
    lvl_area: np.ndarray  # area of every level
    lvl_end: np.ndarray  # pair index past the last pair of every level
    glevel: np.ndarray  # global level id per pair

    @property
    def n_areas(self) -> int:
        return len(self.w)


def build_pairs(d: np.ndarray, w: np.ndarray, cap: np.ndarray) -> Pairs:
    """Pairs from a dense free-sites x demand matrix (inf = unreachable)."""
    alive = w > 0
    live = np.flatnonzero(alive)
    capl = cap[live]
    # areas without weight admit no pair (nothing is below -inf), so the matrix is read where
    # it is: a copy of its live columns cost more than the rest (national: 0.22 s -> 0.09 s)
    jj, col = np.nonzero(d < np.where(alive, cap, -np.inf)[None, :])  # inf < anything is False
    dd = d[jj, col]
    ii = (np.cumsum(alive) - 1)[col]  # the live area's position
    order = np.lexsort((dd, ii))
    cap_inf = ~np.isfinite(capl)
    capf = np.where(cap_inf, BIG, capl)
    return _pairs(ii[order], jj[order], dd[order], w[live].astype(float), capf, cap_inf, d.shape[0])


def _pairs(ii, jj, dd, wl, capf, cap_inf, n_sites: int) -> Pairs:
    """Pairs from pair arrays sorted by area then distance (all closer than ``capf``)."""
    n_live = len(wl)
    counts = np.bincount(ii, minlength=n_live)
    ptr = np.concatenate([[0], np.cumsum(counts)])
    new_level = np.ones(len(dd), dtype=bool)
    if len(dd):
        new_level[1:] = (ii[1:] != ii[:-1]) | (dd[1:] > dd[:-1])
    level_global = np.cumsum(new_level) - 1
    first_level = level_global[ptr[:-1][counts > 0]]
    lvl_start = np.zeros(n_live, dtype=np.int64)
    lvl_start[counts > 0] = first_level
    level = level_global - lvl_start[ii]
    n_levels = np.bincount(ii, weights=new_level, minlength=n_live).astype(np.int64)
    const = float((wl * capf)[counts == 0].sum())
    return Pairs(
        area=ii,
        site=jj,
        d=dd,
        level=level,
        ptr=ptr,
        n_levels=n_levels,
        w=wl,
        cap=capf,
        cap_inf=cap_inf,
        n_sites=n_sites,
        const=const,
        lvl_start=lvl_start,
        lvl_d=dd[new_level],
        lvl_area=ii[new_level],
        lvl_end=np.concatenate([np.flatnonzero(new_level)[1:], [len(dd)]]).astype(np.int64),
        glevel=level_global.astype(np.int64),
    )


def restrict(pairs: Pairs, keep: np.ndarray, opened: np.ndarray) -> Pairs:
    """The pairs once the sites in ``opened`` are open for good and only those in ``keep``
    (bool over free sites, disjoint from ``opened``) may still be chosen: the opened sites
    join every area's cap and the remaining sites are renumbered in the order of
    ``np.flatnonzero(keep)``. The value of a choice S of kept sites is the value of
    S plus the opened sites in ``pairs``."""
    p = pairs
    cap = p.cap.copy()
    cap_inf = p.cap_inf.copy()
    on = opened[p.site]
    if on.any():
        np.minimum.at(cap, p.area[on], p.d[on])
        cap_inf[np.unique(p.area[on])] = False
    new_id = np.full(p.n_sites, -1, dtype=np.int64)
    new_id[keep] = np.arange(int(keep.sum()))
    sel = keep[p.site] & (p.d < cap[p.area])
    return _pairs(p.area[sel], new_id[p.site[sel]], p.d[sel], p.w, cap, cap_inf, int(keep.sum()))


def assigned(pairs: Pairs, is_open: np.ndarray) -> tuple[np.ndarray, np.ndarray, np.ndarray]:
    """Per live area: nearest open distance (cap if none closer), the pair index of it (-1 for
    cap), and the second nearest distance (cap-limited)."""
    n = pairs.n_areas
    d1 = pairs.cap.copy()
    d2 = pairs.cap.copy()
    first = np.full(n, -1, dtype=np.int64)
    idx = np.flatnonzero(is_open[pairs.site])
    if len(idx):
        a = pairs.area[idx]
        start = np.ones(len(idx), dtype=bool)
        start[1:] = a[1:] != a[:-1]
        f = idx[start]
        first[pairs.area[f]] = f
        d1[pairs.area[f]] = pairs.d[f]
        second = np.flatnonzero(~start)
        if len(second):
            s_start = np.ones(len(second), dtype=bool)
            s_start[1:] = a[second[1:]] != a[second[:-1]]
            s = idx[second[s_start]]
            d2[pairs.area[s]] = pairs.d[s]
    return d1, first, d2


def value(pairs: Pairs, is_open: np.ndarray) -> float:
    d1, _, _ = assigned(pairs, is_open)
    return float(pairs.w @ d1)  # areas without pairs sit at their cap


def greedy(pairs: Pairs, side: Side, region: np.ndarray, cost: np.ndarray) -> np.ndarray:
    """Add the site saving the most weighted minutes, within quotas and budget."""
    from planning.optimize.distance import _feasible

    best = pairs.cap.copy()
    wa = pairs.w[pairs.area]
    chosen: list[int] = []
    while len(chosen) < side.slots:
        ok = _feasible(side, region, cost, chosen)
        if not ok.any():
            break
        gain = np.bincount(
            pairs.site,
            weights=wa * np.maximum(best[pairs.area] - pairs.d, 0.0),
            minlength=pairs.n_sites,
        )
        score = np.where(ok, gain, -np.inf)
        j = int(np.argmax(score))
        short = 0
        if len(side.qmin):
            cnt = np.bincount(region[chosen][region[chosen] >= 0], minlength=len(side.qmin))
            short = int(np.maximum(side.qmin - cnt, 0).sum())
        if score[j] <= 0 and not short:
            break
        chosen.append(j)
        sel = pairs.site == j
        np.minimum.at(best, pairs.area[sel], pairs.d[sel])
    return np.asarray(chosen, dtype=np.int64)


def swap(
    pairs: Pairs,
    side: Side,
    region: np.ndarray,
    cost: np.ndarray,
    chosen: np.ndarray,
    *,
    deadline: float | None = None,
    max_iter: int = 10_000,
) -> tuple[np.ndarray, bool]:
    """Best-improvement vertex substitution; every (open j, closed k) swap is scored at once
    (gain of k - loss of j + a sparse correction for areas whose nearest site is j).
    Returns the sites and whether a local optimum was reached (False: stopped by the deadline)."""
    chosen = np.asarray(chosen, dtype=np.int64).copy()
    n = pairs.n_sites
    if len(chosen) == 0 or len(chosen) >= n:
        return chosen, True
    wa = pairs.w[pairs.area]
    ns = SimpleNamespace(a=SimpleNamespace(shape=(n, 0)), region=region, cost=cost)
    constrained = len(side.qmin) or side.has_budget
    is_open = np.zeros(n, dtype=bool)
    is_open[chosen] = True
    pos_of = np.full(n, -1, dtype=np.int64)
    for _ in range(max_iter):
        if deadline is not None and time.perf_counter() > deadline:
            return chosen, False
        pos_of[:] = -1
        pos_of[chosen] = np.arange(len(chosen))
        d1, first, d2 = assigned(pairs, is_open)
        tol = 1e-9 * max(1.0, float(pairs.w @ d1))
        phi = np.where(first >= 0, pos_of[pairs.site[np.maximum(first, 0)]], -1)
        has = phi >= 0
        loss = np.bincount(phi[has], weights=(pairs.w * (d2 - d1))[has], minlength=len(chosen))
        gain = np.bincount(
            pairs.site, weights=wa * np.maximum(d1[pairs.area] - pairs.d, 0.0), minlength=n
        )
        pa = phi[pairs.area]
        sel = (pa >= 0) & (pairs.d < d2[pairs.area])
        vals = wa[sel] * (d2[pairs.area[sel]] - np.maximum(pairs.d[sel], d1[pairs.area[sel]]))
        extra = sp.coo_matrix((vals, (pa[sel], pairs.site[sel])), shape=(len(chosen), n)).toarray()
        delta = gain[None, :] - loss[:, None] + extra
        delta[:, chosen] = -np.inf
        if constrained:
            delta[~_swap_ok(ns, side, chosen)] = -np.inf
        flat = int(np.argmax(delta))
        r, k = divmod(flat, n)
        if not delta[r, k] > tol:
            return chosen, True
        is_open[chosen[r]] = False
        is_open[k] = True
        chosen[r] = k
    return chosen, False


# ---- the radius formulation with level generation ---------------------------------------------
def _ranges(starts: np.ndarray, ends: np.ndarray) -> tuple[np.ndarray, np.ndarray]:
    """Concatenated aranges [starts[r], ends[r]) and the range number of each element."""
    lengths = ends - starts
    total = int(lengths.sum())
    row = np.repeat(np.arange(len(starts)), lengths)
    off = np.concatenate([[0], np.cumsum(lengths)[:-1]])
    return starts[row] + (np.arange(total) - off[row]), row


def radius_model(pairs: Pairs, kept: np.ndarray, side: Side, region: np.ndarray, cost: np.ndarray):
    """(c, A, row_lo, row_hi, col_ub, offset) of the radius formulation on the ``kept`` levels
    (bool over all levels). Columns: free sites, then one z per kept level. Row of kept level
    g (area i, distance D_k): z_g + sum_{j: d_ij <= D_k} x_j >= 1, written in the chained form
    (each pair in one row, see the module docstring); z_g costs w_i times the
    distance from the level after the previous kept one to the level after g (cap after the
    last level), so the model never overstates an area's distance."""
    from planning.optimize.models import _side_rows

    p = pairs
    n = p.n_sites
    g = np.flatnonzero(kept)
    nz = len(g)
    a = p.lvl_area[g]
    last = (g + 1 >= len(p.lvl_d)) | (p.lvl_area[np.minimum(g + 1, len(p.lvl_d) - 1)] != a)
    nxt = np.where(last, p.cap[a], p.lvl_d[np.minimum(g + 1, len(p.lvl_d) - 1)])
    first_in_area = np.ones(nz, dtype=bool)
    first_in_area[1:] = a[1:] != a[:-1]
    base = np.empty(nz)
    base[first_in_area] = p.lvl_d[p.lvl_start[a[first_in_area]]]
    prev = np.flatnonzero(~first_in_area)
    base[prev] = p.lvl_d[g[prev - 1] + 1]
    zc = p.w[a] * (nxt - base)
    zub = np.full(nz, np.inf)
    must = last & p.cap_inf[a]
    zub[must] = 0.0
    zc[must] = 0.0
    # chained rows: z_g - z_prev + sum_{j: D_prev < d_ij <= D_g} x_j >= 0 (>= 1 and no z_prev
    # for an area's first kept level); their sums are the cumulative rows above
    lo_pair = np.where(first_in_area, p.ptr[a], 0)
    lo_pair[prev] = p.lvl_end[g[prev - 1]]
    idx, row = _ranges(lo_pair, p.lvl_end[g])
    N = n + nz
    ri = np.concatenate([row, np.arange(nz), prev])
    ci = np.concatenate([p.site[idx], n + np.arange(nz), n + prev - 1])
    vals = np.concatenate([np.ones(len(idx) + nz), -np.ones(len(prev))])
    a_lvl = sp.csr_matrix((vals, (ri, ci)), shape=(nz, N))
    blocks, lo, hi = _side_rows(n, N, region, cost, side, cardinality=True)
    mat = sp.vstack([a_lvl, *blocks], format="csr")
    row_lo = np.concatenate([first_in_area.astype(float), lo])
    row_hi = np.concatenate([np.full(nz, np.inf), hi])
    has = p.n_levels > 0
    offset = float(p.const + (p.w[has] * p.lvl_d[p.lvl_start[has]]).sum())
    return (
        np.concatenate([np.zeros(n), zc]),
        mat,
        row_lo,
        row_hi,
        np.concatenate([np.ones(n), zub]),
        offset,
    )


def separate(pairs: Pairs, x: np.ndarray, kept: np.ndarray, tol: float = 1e-7) -> np.ndarray:
    """Levels to add so the model prices ``x`` (LP or 0/1 over free sites) exactly: per area,
    the level just below every level holding open mass while less than 1 is open, and the
    last level when the area keeps a share for its cap."""
    p = pairs
    xv = x[p.site]
    n_lv = len(p.lvl_d)
    lsum = np.bincount(p.glevel, weights=xv, minlength=n_lv)
    cum = np.cumsum(lsum)
    area_base = np.concatenate([[0.0], cum])[p.lvl_start]
    lcum = cum - area_base[p.lvl_area]  # S at each level, within its area
    before = lcum - lsum  # S just below the level
    first_level = np.zeros(n_lv, dtype=bool)
    first_level[p.lvl_start[p.n_levels > 0]] = True
    want = np.zeros(n_lv, dtype=bool)
    hit = np.flatnonzero((lsum > tol) & (before < 1.0 - tol) & ~first_level)
    want[hit - 1] = True
    last_level = np.zeros(n_lv, dtype=bool)
    has = p.n_levels > 0
    last_level[p.lvl_start[has] + p.n_levels[has] - 1] = True
    want |= last_level & (lcum < 1.0 - tol)
    return want & ~kept


@dataclass
class MedianExact:
    chosen: np.ndarray
    objective: float
    bound: float
    optimal: bool
    stats: dict


def solve_radius(
    pairs: Pairs,
    side: Side,
    region: np.ndarray,
    cost: np.ndarray,
    chosen: np.ndarray,
    *,
    deadline: float | None,
    mip_gap: float,
    lp_only: bool = False,
    max_rounds: int = 50,
    kept: np.ndarray | None = None,
) -> MedianExact:
    """Level generation on the radius formulation, from the incumbent ``chosen``: LP rounds
    until the LP is priced exactly (its bound is then the full LP bound), then MILP rounds
    warm-started with the best solution until the MILP optimum is priced exactly."""
    n = pairs.n_sites
    is_open = np.zeros(n, dtype=bool)
    is_open[chosen] = True
    ub = value(pairs, is_open)
    best = np.asarray(chosen, dtype=np.int64)
    if kept is None:
        kept = np.zeros(len(pairs.lvl_d), dtype=bool)
    kept = kept | separate(pairs, is_open.astype(float), kept)
    lb = -np.inf
    stats: dict = {"lp_rounds": 0, "milp_rounds": 0, "lp_s": 0.0, "milp_s": 0.0}

    def left() -> float | None:
        return None if deadline is None else max(deadline - time.perf_counter(), 0.05)

    fix0 = np.zeros(n, dtype=bool)

    def run(integer: bool) -> MilpResult:
        c, a, rlo, rhi, colub, offset = radius_model(pairs, kept, side, region, cost)
        colub[:n][fix0] = 0.0
        integ = np.zeros(len(c), dtype=bool)
        integ[:n] = integer
        x0 = None
        if integer:
            x0 = np.full(len(c), np.nan)
            x0[:n] = 0.0
            x0[best] = 1.0
        stats["rows"] = int(kept.sum())
        stats["nonzeros"] = int(a.nnz)
        return solve_milp(
            c,
            a,
            rlo,
            rhi,
            np.zeros(len(c)),
            colub,
            integ,
            start=x0,
            time_limit=left(),
            mip_gap=mip_gap,
            offset=offset,
            solver=None if integer else LP_SOLVER,
            options=MILP_OPTIONS if integer else None,
        )

    def closed() -> bool:
        return ub - lb <= max(mip_gap * abs(ub), 1e-9 * max(1.0, abs(ub)))

    while stats["lp_rounds"] < max_rounds:
        res = run(False)
        stats["lp_rounds"] += 1
        stats["lp_s"] += res.seconds
        if res.infeasible:
            raise ValueError("infeasible")
        if res.x is None:
            break
        lb = max(lb, res.objective)  # every truncated LP is a relaxation: a valid bound
        add = separate(pairs, res.x[:n], kept)
        if not add.any() or closed():
            if res.col_dual is not None:
                # reduced-cost fixing: opening j costs at least lb + rc_j in the truncated
                # model, which never overstates the true objective
                rc = res.col_dual[:n]
                fix0 |= (res.x[:n] < 1e-9) & (res.objective + rc > ub + 1e-9 * max(1.0, ub))
                stats["fixed_out"] = int(fix0.sum())
            break
        kept |= add
        if deadline is not None and time.perf_counter() > deadline:
            break
    stats["lp_bound"] = lb
    if not (lp_only or closed()):
        while stats["milp_rounds"] < max_rounds:
            if deadline is not None and time.perf_counter() > deadline:
                break
            res = run(True)
            stats["milp_rounds"] += 1
            stats["milp_s"] += res.seconds
            stats["milp_nodes"] = stats.get("milp_nodes", 0) + res.nodes
            if res.infeasible:
                raise ValueError("infeasible")
            if res.x is None:
                break
            cand = np.flatnonzero(res.x[:n] > 0.5)
            op = np.zeros(n, dtype=bool)
            op[cand] = True
            true = value(pairs, op)
            if true < ub:
                ub, best = true, cand
            add = separate(pairs, op.astype(float), kept)
            if np.isfinite(res.bound):
                lb = max(lb, res.bound)
            if not add.any() or closed():
                break
            kept |= add
    stats["kept_levels"] = int(kept.sum())
    return MedianExact(best, ub, min(lb, ub), bool(closed()), stats)


@dataclass(frozen=True)
class Dual:
    """A Lagrangian bound with the multipliers that gave it: ``rho`` the site values of those
    multipliers (sum_i min(0, w_i d_ij - u_i)) and ``k`` the number of sites it may open."""

    bound: float
    rho: np.ndarray
    k: int
    iterations: int
    primal: np.ndarray | None = None  # the best site set the subproblem picked (its value below)
    primal_value: float = np.inf
    u: np.ndarray | None = None  # the multipliers of the bound, to continue from
    alpha: float = 2.0  # the step factor reached

    def fixings(self, level: float) -> tuple[np.ndarray, np.ndarray]:
        """(close, open) masks over free sites: every solution of value <= ``level`` has the
        sites in ``close`` closed and those in ``open`` open (quotas and budget only shrink the
        set of solutions, so this holds under any side constraints).

        Forcing a site j open that the bound leaves closed costs rho_j instead of the k-th best
        rho (or nothing when fewer than k are negative); forcing a picked site closed, the
        (k+1)-th instead of its own; either bound above ``level`` decides the site."""
        rho, k = self.rho, self.k
        n = len(rho)
        close = np.zeros(n, dtype=bool)
        opened = np.zeros(n, dtype=bool)
        if not np.isfinite(self.bound) or n == 0 or k <= 0:
            return close, opened
        order = np.argsort(rho, kind="stable")
        pick = np.zeros(n, dtype=bool)
        pick[order[:k]] = True
        pick &= rho < 0
        rk = min(float(rho[order[k - 1]]), 0.0) if k <= n else 0.0
        rk1 = min(float(rho[order[k]]), 0.0) if k < n else 0.0
        tol = 1e-9 * max(1.0, abs(level))
        close = ~pick & (self.bound + rho - rk > level + tol)
        opened = pick & (self.bound - rho + rk1 > level + tol)
        return close, opened


def lagrangian_dual(
    pairs: Pairs,
    slots: int,
    upper: float,
    *,
    deadline: float | None = None,
    iterations: int = 1000,
    min_iterations: int = 50,
    is_open: np.ndarray | None = None,
    primal_every: int = 0,
    patience: int = 20,
    u0: np.ndarray | None = None,
    alpha0: float = 2.0,
    stop_gap: float = 1e-7,
) -> Dual:
    """Lagrangian lower bound on the objective with at most ``slots`` new sites (quotas and
    budget dropped, which keeps it a bound): relaxing each area's assignment with u_i,
    L(u) = sum_i min(u_i, w_i cap_i) + sum of the ``slots`` most negative
    rho_j = sum_i min(0, w_i d_ij - u_i); subgradient steps (Polyak, towards ``upper``).
    Any u gives a valid bound; the best one seen is returned with its rho. With
    ``primal_every``, every so many steps the picked sites are valued as a solution (they keep
    the network size, not quotas or budget) and the best set is returned as ``primal``.
    ``patience``: steps without a better bound before the step size is halved; ``u0`` and
    ``alpha0`` continue from an earlier :class:`Dual`; the loop stops once the bound is within
    ``stop_gap`` (relative) of ``upper``."""
    p = pairs
    n = p.n_sites
    wcap = p.w * p.cap
    k = min(slots, n)
    if len(p.d) == 0 or k <= 0:
        return Dual(float(wcap.sum()), np.zeros(n), max(k, 0), 0)
    v = p.w[p.area] * p.d
    first = p.ptr[:-1][p.n_levels > 0]
    u = wcap.copy()
    has = p.n_levels > 0
    u[has] = (v[first] + wcap[has]) / 2
    if is_open is not None:  # start from the incumbent's assignment costs
        d1, _, d2 = assigned(p, is_open)
        u = np.minimum(p.w * (d1 + d2) / 2, wcap)
    if u0 is not None:
        u = u0.copy()
    best, best_u, best_rho = -np.inf, u.copy(), np.zeros(n)
    alpha, stall = alpha0, 0
    it = 0
    primal, primal_value = None, np.inf
    # one buffer per pair-long array, refilled every step: fresh arrays of this size (300,000
    # pairs nationally) cost a page fault per page on every allocation
    t = np.empty(len(v))
    on = np.empty(len(v), dtype=bool)
    neg = np.empty(len(v), dtype=bool)
    for it in range(iterations):
        if it >= min_iterations and deadline is not None and time.perf_counter() > deadline:
            break
        np.take(u, p.area, out=t)
        np.subtract(v, t, out=t)
        np.minimum(t, 0.0, out=t)
        rho = np.bincount(p.site, weights=t, minlength=n)
        pick = np.argpartition(rho, k - 1)[:k] if k < n else np.arange(n)
        pick = pick[rho[pick] < 0]
        val = float(np.minimum(u, wcap).sum() + rho[pick].sum())
        if val > best + 1e-12 * max(1.0, abs(best) if np.isfinite(best) else 1.0):
            best, best_u, best_rho, stall = val, u.copy(), rho, 0
        else:
            stall += 1
            if stall >= patience:
                alpha, stall, u = alpha / 2, 0, best_u.copy()
        if alpha < 1e-4 or upper - best <= stop_gap * max(1.0, abs(upper)):
            break
        chosen = np.zeros(n, dtype=bool)
        chosen[pick] = True
        if primal_every and it % primal_every == 0:  # Lagrangian heuristic: the picked sites
            pv = value(p, chosen)
            if pv < primal_value:
                primal, primal_value = pick.copy(), pv
        np.take(chosen, p.site, out=on)
        np.less(t, 0.0, out=neg)
        on &= neg
        g = 1.0 - (u > wcap) - np.bincount(p.area[on], minlength=p.n_areas)
        norm = float(g @ g)
        if norm == 0:
            break
        u = np.clip(u + alpha * max(upper - val, 1e-12) / norm * g, 0.0, None)
    # areas without pairs are in sum_i min(u_i, w_i cap_i) already
    return Dual(float(best), best_rho, k, it + 1, primal, primal_value, best_u, alpha)


def dual_levels(pairs: Pairs, dual: Dual) -> np.ndarray:
    """Levels to start level generation with: those of the pairs priced below the area's
    multiplier (w_i d_ij < u_i), where the LP optimum tends to assign. ``pairs`` may be a
    :func:`restrict` of the pairs the dual was computed on (same areas)."""
    kept = np.zeros(len(pairs.lvl_d), dtype=bool)
    if dual.u is not None and len(dual.u) == pairs.n_areas:
        kept[pairs.glevel[pairs.w[pairs.area] * pairs.d < dual.u[pairs.area]]] = True
    return kept


def lagrangian(pairs: Pairs, slots: int, upper: float, **kw) -> float:
    """The bound of :func:`lagrangian_dual`."""
    return lagrangian_dual(pairs, slots, upper, **kw).bound


@dataclass(frozen=True)
class Reduced:
    """The instance left once a :class:`Dual` has decided some sites (see :func:`reduce`)."""

    pairs: Pairs
    side: Side
    region: np.ndarray
    cost: np.ndarray
    keep: np.ndarray  # free-site positions still to choose, in the order of pairs.n_sites
    opened: np.ndarray  # free-site positions open in every solution of value <= level
    closed: int  # sites closed in every such solution

    def lift(self, chosen: np.ndarray) -> np.ndarray:
        """Free-site positions of a choice on the reduced instance."""
        return np.sort(np.concatenate([self.keep[chosen], self.opened])).astype(np.int64)


def reduce(
    pairs: Pairs, side: Side, region: np.ndarray, cost: np.ndarray, dual: Dual, level: float
) -> Reduced:
    """Lagrangian variable fixing: the instance holding every solution of value <= ``level``.
    Sites the dual proves open join the network (their quota and budget are charged), those it
    proves closed are dropped with their pairs. Any solution of the reduced instance plus the
    opened sites is a solution of the original with the same value."""
    close, opened = dual.fixings(level)
    keep = ~close & ~opened
    op = np.flatnonzero(opened)
    qmin, qmax = side.qmin, side.qmax
    if len(qmin):
        g = region[op]
        cnt = np.bincount(g[g >= 0], minlength=len(qmin))
        qmin, qmax = np.maximum(qmin - cnt, 0), qmax - cnt
    budget = side.budget - float(cost[op].sum()) if side.has_budget else side.budget
    side_r = replace(side, slots=side.slots - len(op), qmin=qmin, qmax=qmax, budget=budget)
    return Reduced(
        pairs=restrict(pairs, keep, opened),
        side=side_r,
        region=region[keep],
        cost=cost[keep],
        keep=np.flatnonzero(keep),
        opened=op,
        closed=int(close.sum()),
    )


# ---- Lagrangian branch-and-bound (plain network size only) -------------------------------------
#: subgradient steps at a node of the tree search (warm-started from its parent's multipliers)
TREE_NODE_ITERATIONS = 60
#: subgradient steps at the root of the tree search
TREE_ROOT_ITERATIONS = 200
#: step factor a node starts with (its parent's multipliers are already close)
TREE_NODE_ALPHA = 1.0
#: steps without a better bound before a node halves its step
TREE_NODE_PATIENCE = 10
#: a node's Lagrangian site set is improved by swaps when it is within this factor of the
#: incumbent
TREE_SWAP_MARGIN = 1.002
#: seconds a node's swap search may take
TREE_SWAP_S = 0.2


@dataclass
class _Node:
    pairs: Pairs  # the node's instance (forced-open sites in the caps, closed sites dropped)
    ids: np.ndarray  # root site of each of its sites
    forced: np.ndarray  # root sites forced open
    u: np.ndarray | None  # the parent's multipliers
    bound: float  # the parent's bound: valid for every solution of the node


def tree_search(
    pairs: Pairs,
    side: Side,
    region: np.ndarray,
    cost: np.ndarray,
    chosen: np.ndarray,
    *,
    deadline: float | None,
    mip_gap: float,
    integral: bool = False,
    u0: np.ndarray | None = None,
    bound0: float = -np.inf,
) -> MedianExact:
    """Lagrangian branch-and-bound in the style of Beasley (1985), for a network size only
    (``side.plain``; at most ``side.slots`` sites). A node is a set of sites forced open and a
    set forced closed (:func:`restrict`: the open ones join every area's cap). At each node the
    subgradient bound continues from the parent's multipliers; a node whose bound shows that it
    holds no solution of value <= ``level`` (what is left to find: below the incumbent by the
    gap, by 1 on integral data) is pruned; otherwise :meth:`Dual.fixings` against that level
    forces sites open or closed (and the bound is recomputed when one was forced open), and
    the node branches on the picked site that would cost the most to close: open first
    (depth first), then closed. The sites the subproblem picks, improved by swaps when close to
    the incumbent, are the incumbents. ``bound0``: a bound already known for the whole instance
    (reported if the search is stopped at the root).

    The bound is valid at any stop: every solution lies in a pruned node (above the level), in
    a part cut off by fixing (above the level), among the open nodes (above their parents'
    bounds) or is the incumbent."""
    if not side.plain:
        raise ValueError("tree_search handles a network size only (no quotas, no budget)")
    n = pairs.n_sites
    slots = int(side.slots)
    best = np.asarray(chosen, dtype=np.int64)
    is_open = np.zeros(n, dtype=bool)
    is_open[best] = True
    obj = value(pairs, is_open)
    stats = {"tree_nodes": 0, "tree_iterations": 0, "tree_max_depth": 0, "tree_incumbents": 0}

    def level() -> float:
        lev = obj - 0.5 * max(mip_gap * abs(obj), 1e-9 * max(1.0, abs(obj)))
        return min(lev, obj - 1.0) if integral else lev

    def above(b: float) -> float:
        """The least value a solution can have when it is known to exceed level ``b``."""
        return float(np.floor(b) + 1.0) if integral else b

    def beyond(b: float) -> bool:
        """Does bound ``b`` show there is no solution of value <= level?"""
        bb = float(np.ceil(b - 1e-6)) if integral else b
        return bb > level()

    def done(lb: float) -> MedianExact:
        lb = min(lb, obj)
        gap_ok = obj - lb <= max(mip_gap * abs(obj), 1e-9 * max(1.0, abs(lb)))
        return MedianExact(best, obj, lb, bool(gap_ok), stats)

    def evaluate(op: np.ndarray) -> float:
        nonlocal obj, best
        v = value(pairs, op)
        if v < obj - 1e-9 * max(1.0, abs(obj)):
            obj, best = v, np.flatnonzero(op).astype(np.int64)
            stats["tree_incumbents"] += 1
        return v

    lb_cut = np.inf  # least value of a solution pruned or cut off by fixing so far
    stack = [(_Node(pairs, np.arange(n), np.zeros(0, dtype=np.int64), u0, bound0), 0)]
    while stack:
        if deadline is not None and time.perf_counter() > deadline:
            open_lb = min(nd.bound for nd, _ in stack)
            return done(min(lb_cut, open_lb))
        node, depth = stack.pop()
        stats["tree_nodes"] += 1
        stats["tree_max_depth"] = max(stats["tree_max_depth"], depth)
        sub, ids, forced, u = node.pairs, node.ids, node.forced, node.u
        root = depth == 0
        first, rho = True, None
        while True:
            k = slots - len(forced)
            m = len(ids)
            if k <= 0 or k >= m or len(sub.d) == 0:  # the node's best solution is known
                op = np.zeros(n, dtype=bool)
                op[forced] = True
                if k > 0 and k >= m:
                    op[ids] = True
                lb_cut = min(lb_cut, evaluate(op))
                break
            lev = level()
            dual = lagrangian_dual(
                sub, k, obj, deadline=deadline, min_iterations=0, primal_every=5, u0=u,
                iterations=TREE_ROOT_ITERATIONS if root else TREE_NODE_ITERATIONS,
                alpha0=2.0 if u is None else TREE_NODE_ALPHA,
                patience=30 if root else TREE_NODE_PATIENCE,
                stop_gap=0.999999 * max(obj - lev, 0.0) / max(abs(obj), 1.0),
            )  # fmt: skip
            stats["tree_iterations"] += dual.iterations
            u = dual.u if dual.u is not None else u
            if dual.primal is not None and first and dual.primal_value < obj * TREE_SWAP_MARGIN:
                cand, _ = swap(sub, side, region[ids], cost[ids], dual.primal,
                               deadline=time.perf_counter() + TREE_SWAP_S)  # fmt: skip
                op = np.zeros(n, dtype=bool)
                op[forced] = True
                op[ids[cand]] = True
                evaluate(op)
            first = False
            if beyond(dual.bound):
                lb_cut = min(lb_cut, float(np.ceil(dual.bound - 1e-6)) if integral else dual.bound)
                break
            lev = level()
            close, opened = dual.fixings(lev)
            rho = dual.rho
            if close.any() or opened.any():
                lb_cut = min(lb_cut, above(lev))
                keep = ~close & ~opened
                sub = restrict(sub, keep, opened)
                forced = np.concatenate([forced, ids[opened]])
                ids = ids[keep]
                rho = rho[keep]
                if opened.any():  # the caps changed: bound the smaller instance again
                    rho = None
                    continue
                # only sites the subproblem left closed were dropped: same bound, same picks
            break
        if rho is None:
            continue
        k = slots - len(forced)
        order = np.argsort(rho, kind="stable")
        pick = order[:k]
        pick = pick[rho[pick] < 0]
        if len(pick):
            rk1 = min(float(rho[order[k]]), 0.0)
            j = int(pick[int(np.argmax(rk1 - rho[pick]))])
        else:
            j = int(order[0])
        m = len(ids)
        rest = np.ones(m, dtype=bool)
        rest[j] = False
        one = np.zeros(m, dtype=bool)
        one[j] = True
        b = dual.bound
        stack.append((_Node(restrict(sub, rest, np.zeros(m, dtype=bool)), ids[rest], forced,
                            u, b), depth + 1))  # fmt: skip
        stack.append((_Node(restrict(sub, rest, one), ids[rest], np.append(forced, ids[j]),
                            u, b), depth + 1))  # fmt: skip
    return done(lb_cut)
