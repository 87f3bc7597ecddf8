"""Geographic decomposition of a reduced coverage instance: a bound and a local search.

Where the LP relaxation of the maximal covering model is degenerate (national 20 km radius,
population weights: 821 of 1,040 candidates have a reduced cost within one tolerance of zero),
reduced-cost fixing keeps almost everything and HiGHS spends most of its time at the root. The
integrality gap there is local: it sits in a few clusters of candidates that share demand. This
module cuts the candidates into parts that share little demand and treats each part alone.

Parts: a tree of spectral bisections of the candidate graph (edge weight = demand weight two
candidates both cover), each cut at the sweep of the Fiedler vector with the lowest conductance;
disconnected pieces are separated first.

Bound (Lagrangian decomposition, valid for the plain cardinality constraint). For multipliers
``0 <= lam_i <= w_i`` on the demand rows cut by the partition and ``mu >= 0`` on the cardinality
row, every solution x with ``sum x <= slots`` covers at most

    mu * slots + sum_{i cut} (w_i - lam_i) + sum_k f_k,

    f_k = max over site sets S of part k of
          sum_{i only in part k, covered by S} w_i + sum_{i cut, covered by S} lam_i - mu |S|,

since ``w_i [i covered] <= (w_i - lam_i) + lam_i * #(parts covering i)`` for a cut row and
``mu (slots - sum x) >= 0``. Each f_k is a small MILP (its HiGHS dual bound is used, so a
stopped one stays valid); with the LP duals as multipliers the parts' LP values add up to the LP
bound, so the decomposition keeps what the LP gives and adds each part's integrality gap.
Merging parts never weakens it.

Local search: the best solution is re-optimised one neighbourhood at a time (a part, or two
adjacent parts) by an exact MILP with everything outside it kept as it is.
"""

from __future__ import annotations

import time
from dataclasses import dataclass, replace

import numpy as np
import scipy.linalg as sla
import scipy.sparse as sp
import scipy.sparse.linalg as spla

from planning.optimize.constraints import Side
from planning.optimize.heuristics import covered_weight, swap_cover
from planning.optimize.highs import solve_milp
from planning.optimize.models import cover_milp
from planning.optimize.reduce import CoverInstance, restrict

#: largest candidate graph whose Fiedler vector is computed densely (LAPACK's full eigh is
#: slower than shift-invert Lanczos above a few dozen nodes: 0.8 s against 0.02 s at 1,000)
DENSE_EIGEN = 40
#: the sweep cut leaves at least this share of a node's candidates on each side
SWEEP_MIN_SHARE = 0.1
#: HiGHS settings for the MILPs here (small reduced models, a strong start or none needed):
#: no presolve and no heuristics. HiGHS 1.16 runs its RINS/RENS sub-MIPs even at zero
#: heuristic effort; they took 1.6 of the 2.4 s of the hardest part's MILP (national 20 km,
#: population weights) and the whole proof 3.2 s instead of 12 s when handed the optimum.
QUIET_OPTIONS = {
    "presolve": "off",
    "mip_heuristic_effort": 0.0,
    "mip_heuristic_run_rins": False,
    "mip_heuristic_run_rens": False,
    "mip_heuristic_run_root_reduced_cost": False,
}
#: with a target, parts of more candidates than this are solved at a level, last
LEVEL_PART_MIN = 150


@dataclass(frozen=True)
class Tree:
    """Bisection tree over the candidates of an instance (node 0 holds them all)."""

    nodes: tuple[np.ndarray, ...]  # candidate positions of each node
    children: tuple[tuple[int, ...], ...]


def candidate_graph(inst: CoverInstance) -> sp.csr_matrix:
    """Candidates x candidates: the demand weight both cover (zero diagonal)."""
    g = (inst.a @ sp.diags(inst.w) @ inst.at).tocsr()
    g.setdiag(0.0)
    g.eliminate_zeros()
    return g


def _fiedler(g: sp.csr_matrix) -> np.ndarray:
    """The Fiedler vector of the normalised Laplacian of a connected graph, scaled by D^-1/2."""
    n = g.shape[0]
    d = np.asarray(g.sum(axis=1)).ravel()
    dinv = 1.0 / np.sqrt(np.maximum(d, 1e-300))
    norm = sp.diags(dinv) @ g @ sp.diags(dinv)
    if n <= DENSE_EIGEN:
        lap = np.eye(n) - norm.toarray()
        _, vec = sla.eigh(lap, subset_by_index=[1, 1])
        f = vec[:, 0]
    else:
        lap = sp.identity(n, format="csc") - norm.tocsc()
        v0 = np.linspace(1.0, 2.0, n)
        try:
            vals, vecs = spla.eigsh(lap, k=2, sigma=-1e-3, which="LM", v0=v0)
        except (spla.ArpackError, RuntimeError, ValueError):
            return np.arange(n, dtype=float)  # any split keeps the bound valid
        f = vecs[:, int(np.argsort(vals)[1])]
    return f * dinv


def _sweep_split(g: sp.csr_matrix) -> np.ndarray:
    """Bool mask of one side of the lowest-conductance sweep cut of a connected graph."""
    n = g.shape[0]
    order = np.argsort(_fiedler(g), kind="stable")
    d = np.asarray(g.sum(axis=1)).ravel()[order]
    vol = np.cumsum(d)
    total = vol[-1]
    lower = sp.tril(g[order][:, order], k=-1).tocsr()  # edges to earlier nodes
    internal = np.cumsum(np.asarray(lower.sum(axis=1)).ravel())
    cut = vol - 2.0 * internal
    cond = cut / np.maximum(np.minimum(vol, total - vol), 1e-300)
    lo = max(int(SWEEP_MIN_SHARE * n), 1) - 1
    hi = max(n - 1 - int(SWEEP_MIN_SHARE * n), lo + 1)
    k = lo + int(np.argmin(cond[lo:hi]))
    mask = np.zeros(n, dtype=bool)
    mask[order[: k + 1]] = True
    return mask


def bisection_tree(inst: CoverInstance, leaf: int = 100) -> Tree:
    """Split the candidates until every node holds at most ``leaf`` of them: a node's
    disconnected pieces become its children, a connected node is cut at its sweep cut."""
    g = candidate_graph(inst)
    nodes: list[np.ndarray] = [np.arange(inst.a.shape[0])]
    children: list[list[int]] = [[]]
    stack = [0]
    while stack:
        t = stack.pop()
        idx = nodes[t]
        if len(idx) <= max(leaf, 1):
            continue
        sub = g[idx][:, idx]
        nc, lab = sp.csgraph.connected_components(sub, directed=False)
        if nc > 1:
            groups = [idx[lab == c] for c in range(nc)]
        else:
            side = _sweep_split(sub)
            groups = [idx[side], idx[~side]]
        for grp in groups:
            nodes.append(grp)
            children.append([])
            children[t].append(len(nodes) - 1)
            stack.append(len(nodes) - 1)
    return Tree(tuple(nodes), tuple(tuple(c) for c in children))


def parts_at(tree: Tree, size: int) -> np.ndarray:
    """Part label per candidate: the largest tree nodes of at most ``size`` candidates; nodes of
    fewer than ``size / 4`` are packed together (merging parts never weakens the bound)."""
    n = len(tree.nodes[0])
    picked: list[np.ndarray] = []
    stack = [0]
    while stack:
        t = stack.pop()
        if len(tree.nodes[t]) <= size or not tree.children[t]:
            picked.append(tree.nodes[t])
        else:
            stack.extend(reversed(tree.children[t]))
    labels = np.empty(n, dtype=np.int64)
    k, small, small_n = 0, [], 0
    for idx in picked:
        if len(idx) < size / 4:
            small.append(idx)
            small_n += len(idx)
            if small_n >= size / 2:
                labels[np.concatenate(small)] = k
                k, small, small_n = k + 1, [], 0
            continue
        labels[idx] = k
        k += 1
    if small:
        labels[np.concatenate(small)] = k
    return labels


def neighbour_pairs(inst: CoverInstance, labels: np.ndarray) -> list[tuple[int, int]]:
    """Pairs of parts whose candidates cover a common demand row."""
    k = int(labels.max()) + 1 if len(labels) else 0
    member = sp.csr_matrix(
        (np.ones(len(labels)), (labels, np.arange(len(labels)))), shape=(k, len(labels))
    )
    touch = (member @ inst.a).tocsr()
    touch.data[:] = 1.0
    adj = sp.triu(touch @ touch.T, k=1).tocoo()
    return sorted(zip(adj.row.tolist(), adj.col.tolist(), strict=True))


@dataclass(frozen=True)
class DecompositionBound:
    bound: float  # upper bound on the covered weight beyond the constant
    parts: int
    cut_rows: int
    part_bounds: tuple[float, ...]  # f_k (its MILP's dual bound)
    seconds: float
    stopped: int  # parts whose MILP stopped at the time limit (their bound still holds)
    levelled: int = 0  # parts solved only as far as the target needed


def _part_model(inst: CoverInstance, cand: np.ndarray, row_w: np.ndarray, mu: float):
    """f_k as (c, A, row bounds, col bounds, integrality, scale) over the touched rows."""
    a = inst.a[cand]
    rows = np.flatnonzero(np.diff(a.tocsc().indptr) > 0)
    wk = row_w[rows]
    live = wk > 0
    rows, wk = rows[live], wk[live]
    a = a[:, rows].tocsr()
    nj, ni = a.shape
    scale = 1e6 / float(wk.sum()) if wk.sum() > 0 else 1.0
    c = np.concatenate([np.full(nj, -mu * scale), wk * scale])
    link = sp.hstack([-a.T, sp.identity(ni, format="csr")], format="csr")
    integer = np.concatenate([np.ones(nj, dtype=bool), np.zeros(ni, dtype=bool)])
    return c, link, integer, scale, a, float(wk.sum())


def _solve_part(c, link, integer, a, x0, time_limit):
    nj, ni = a.shape
    return solve_milp(
        c, link, np.full(ni, -np.inf), np.zeros(ni), np.zeros(nj + ni), np.ones(nj + ni),
        integer, maximize=True, start=x0, time_limit=time_limit, mip_gap=1e-9,
        options=QUIET_OPTIONS,
    )  # fmt: skip


def _part_lp(c, link, a) -> tuple[float, np.ndarray] | None:
    """The part's Lagrangian bound (scaled) at its own LP duals, and the duals."""
    nj, ni = a.shape
    mu = -c[0] if nj else 0.0
    wk = c[nj:]
    rel = solve_milp(
        c, link, np.full(ni, -np.inf), np.zeros(ni), np.zeros(nj + ni), np.ones(nj + ni),
        np.zeros(nj + ni, dtype=bool), maximize=True, solver="ipm",
    )  # fmt: skip
    if rel.row_dual is None:
        return None
    lam = np.clip(np.abs(rel.row_dual), 0.0, wk)
    lag = float(np.maximum(wk - lam, 0.0).sum() + np.maximum(a @ lam - mu, 0.0).sum())
    return lag, lam


def _part_at_level(c, a, lag, lam, level, time_limit):
    """A bound on f_k (scaled) that is exact at or above ``level``: reduced-cost fixing with the
    part's LP duals ``lam`` (Lagrangian bound ``lag``) keeps only the sites a solution worth
    more than ``level`` can use (and opens those it must use); the MILP over the rest bounds
    every such solution, so max(level, its bound) bounds them all. Returns (bound, whether the
    MILP was solved to optimality) or None."""
    nj, ni = a.shape
    mu = -c[0] if nj else 0.0
    wk = c[nj:]
    red = a @ lam - mu  # a site's reduced profit
    if lag <= level:
        return lag, True
    eps = 1e-9 * max(1.0, abs(lag))
    fix0 = lag + np.minimum(red, 0.0) < level - eps
    fix1 = lag - np.maximum(red, 0.0) < level - eps
    covered = np.asarray(a[np.flatnonzero(fix1)].sum(axis=0)).ravel() > 0
    const = float(wk[covered].sum()) - mu * int(fix1.sum())
    keep = np.flatnonzero(~fix0 & ~fix1)
    rows = np.flatnonzero(~covered)
    sub = a[keep][:, rows].tocsr()
    sj, si = sub.shape
    if sj == 0 or si == 0:
        return max(level, const), True
    sc = np.concatenate([np.full(sj, -mu), wk[rows]])
    slink = sp.hstack([-sub.T, sp.identity(si, format="csr")], format="csr")
    integer = np.concatenate([np.ones(sj, dtype=bool), np.zeros(si, dtype=bool)])
    res = _solve_part(sc, slink, integer, sub, None, time_limit)
    if not np.isfinite(res.bound):
        return None
    return max(level, const + res.bound), res.optimal


def decomposition_bound(
    inst: CoverInstance,
    labels: np.ndarray,
    lam: np.ndarray,
    mu: float,
    slots: int,
    *,
    start: np.ndarray | None = None,
    time_limit: float | None = None,
    target: float | None = None,
    level_min: int = LEVEL_PART_MIN,
    deadline: float | None = None,
) -> DecompositionBound:
    """The Lagrangian decomposition bound of the module docstring for the part ``labels``,
    multipliers ``lam`` (per demand row; only the cut rows' are used) and ``mu``. ``start``:
    a solution (candidate positions) handed to each part's MILP. ``time_limit``: per part;
    ``deadline`` (a ``time.perf_counter()`` value): for all (later parts get 0.05 s each).
    ``target``: a bound that would do (e.g. incumbent + tolerance); the parts of more than
    ``level_min`` candidates are then solved last, each only as far as the target needs
    (at a level, see :func:`_part_at_level`), so the bound may stop at about the target."""
    t0 = time.perf_counter()
    w = inst.w
    n = inst.a.shape[0]
    lam = np.clip(np.nan_to_num(np.asarray(lam, dtype=float)), 0.0, w)
    mu = max(float(mu), 0.0)
    k_parts = int(labels.max()) + 1 if n else 0
    member = sp.csr_matrix((np.ones(n), (labels, np.arange(n))), shape=(k_parts, n))
    touch = (member @ inst.a).tocsc()
    cut = np.diff(touch.indptr) > 1
    row_w = np.where(cut, lam, w)
    total = mu * min(slots, n) + float((w[cut] - lam[cut]).sum())
    chosen = np.zeros(n, dtype=bool)
    if start is not None:
        chosen[np.asarray(start, dtype=np.int64)] = True
    size = np.bincount(labels, minlength=k_parts)
    late = (size > level_min) if target is not None else np.zeros(k_parts, dtype=bool)
    order = sorted(range(k_parts), key=lambda k: (bool(late[k]), int(size[k]), k))
    models = {k: _part_model(inst, np.flatnonzero(labels == k), row_w, mu) for k in range(k_parts)}
    bounds = np.zeros(k_parts)
    # parts not solved yet count at their trivial bound (every row covered, no site paid), or
    # at their LP's when they are solved at a level
    pending = {k: models[k][5] for k in range(k_parts)}
    lps = {}
    for k in np.flatnonzero(late):
        c, link, _, scale, a, _ = models[k]
        lps[k] = _part_lp(c, link, a) if a.shape[1] else None
        if lps[k] is not None:
            pending[k] = min(pending[k], lps[k][0] / scale)
    stopped = levelled = 0
    for k in order:
        cand = np.flatnonzero(labels == k)
        c, link, integer, scale, a, trivial = models[k]
        limit = time_limit
        if deadline is not None:
            rest = max(deadline - time.perf_counter(), 0.05)
            limit = rest if limit is None else min(limit, rest)
        nj, ni = a.shape
        del pending[k]
        if ni == 0:
            continue  # no weight to cover: f_k = 0 (no site)
        part = None
        if late[k] and lps[k] is not None:
            level = target - total - float(bounds.sum()) - sum(pending.values())
            got = _part_at_level(c, a, *lps[k], level * scale, limit)
            if got is not None:
                part, done = got[0] / scale, got[1]
                levelled += 1
                stopped += not done
        if part is None:
            x0 = np.zeros(nj + ni)
            x0[:nj] = chosen[cand]
            x0[nj:] = np.minimum(a.T @ x0[:nj], 1.0)
            res = _solve_part(c, link, integer, a, x0, limit)
            part = res.bound / scale if np.isfinite(res.bound) else trivial
            stopped += not res.optimal
        bounds[k] = min(part, trivial)
    return DecompositionBound(
        bound=total + float(bounds.sum()),
        parts=k_parts,
        cut_rows=int(cut.sum()),
        part_bounds=tuple(bounds.tolist()),
        seconds=time.perf_counter() - t0,
        stopped=stopped,
        levelled=levelled,
    )


def local_search(
    inst: CoverInstance,
    side: Side,
    chosen: np.ndarray,
    neighbourhoods: list[np.ndarray],
    *,
    deadline: float | None = None,
    enough: float | None = None,
    milp_time: float | None = None,
) -> tuple[np.ndarray, int]:
    """Re-optimise ``chosen`` (candidate positions) over each neighbourhood (bool masks over
    the candidates) in turn: an exact MILP over the neighbourhood's candidates with the sites
    outside it kept open and as many sites inside as before. Plain cardinality case only.
    Stops early once the covered weight reaches ``enough``; ``milp_time`` caps each MILP (its
    best solution so far is used). Returns the best solution and the number of MILPs solved."""
    n = inst.a.shape[0]
    best = np.asarray(chosen, dtype=np.int64)
    value = covered_weight(inst, best)
    solved = 0
    for mask in neighbourhoods:
        if deadline is not None and time.perf_counter() > deadline:
            break
        if enough is not None and value >= enough:
            break
        x = np.zeros(n, dtype=bool)
        x[best] = True
        take = x & ~mask
        inside = int((x & mask).sum())
        if inside == 0 and not mask.any():
            continue
        sub = restrict(inst, mask | take, take)
        if sub.a.shape[0] == 0:
            continue
        pos = {c: i for i, c in enumerate(sub.cols.tolist())}
        start = np.asarray([pos[c] for c in inst.cols[best].tolist() if c in pos], np.int64)
        left = None if deadline is None else max(deadline - time.perf_counter(), 0.05)
        if milp_time is not None:
            left = milp_time if left is None else min(left, milp_time)
        res, picked = cover_milp(
            sub,
            replace(side, slots=inside),
            start=start,
            mip_gap=1e-9,
            time_limit=left,
            options=QUIET_OPTIONS,
        )
        solved += 1
        if res.x is None:
            continue
        site_pos = {c: i for i, c in enumerate(inst.cols.tolist())}
        cand = np.concatenate(
            [np.flatnonzero(take), [site_pos[c] for c in sub.cols[picked].tolist()]]
        ).astype(np.int64)
        got = covered_weight(inst, cand)
        if got > value + 1e-12 * max(1.0, value):
            best = swap_cover(inst, side, cand)
            value = covered_weight(inst, best)
    return best, solved
