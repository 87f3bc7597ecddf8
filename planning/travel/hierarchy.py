"""A node hierarchy over the contracted road graph, for national-scale tables.

Built once per graph (:func:`build_hierarchy`): rounds of node elimination, each removing an
independent set of low-degree nodes and adding a shortcut ``u -> w`` for every path
``u -> x -> w`` through an eliminated ``x`` (kept only when no direct edge is as short), until a
small *core* remains. Distances between core nodes on the core graph equal those on the full
graph (the standard contraction-hierarchy argument), so a table needs one Dijkstra per site on
the core only, with each site and area attached to the core through its *upward closure* (the
nodes reachable by edges to later-eliminated nodes, with minutes), plus the pairs whose paths
meet below the core (joined directly on the closures).

:func:`hierarchy_table` gives the same :class:`~planning.travel.table.TravelTable` as
:func:`planning.travel.osm.osm_table` (tests compare them) in a fraction of the time.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass, field

import numpy as np
from scipy import sparse

from planning.travel import osm
from planning.travel.table import TravelTable


@dataclass(frozen=True)
class Hierarchy:
    """``level[k]``: elimination round of kept node ``k`` (``n_rounds`` for the core);
    ``up_out`` / ``up_in``: CSR by node of its edges to / from higher nodes at elimination
    (``(neighbour, minutes)``); ``core``: the core nodes (kept indices) and their graph."""

    level: np.ndarray
    n_rounds: int
    out_ptr: np.ndarray
    out_nb: np.ndarray
    out_w: np.ndarray
    in_ptr: np.ndarray
    in_nb: np.ndarray
    in_w: np.ndarray
    core: np.ndarray
    core_index: np.ndarray
    core_graph: sparse.csr_matrix
    meta: dict = field(default_factory=dict, compare=False)


_FIELDS = (
    "level",
    "out_ptr",
    "out_nb",
    "out_w",
    "in_ptr",
    "in_nb",
    "in_w",
    "core",
    "core_index",
)


def save_hierarchy(h: Hierarchy, path) -> None:
    """Write ``h`` to an ``.npz`` file (atomically)."""
    from pathlib import Path

    path = Path(path)
    tmp = path.with_suffix(".tmp.npz")
    np.savez(
        tmp,
        **{k: getattr(h, k) for k in _FIELDS},
        n_rounds=np.int64(h.n_rounds),
        c_indptr=h.core_graph.indptr,
        c_indices=h.core_graph.indices,
        c_data=h.core_graph.data,
    )
    tmp.replace(path)


def load_hierarchy(path) -> Hierarchy:
    with np.load(path) as z:
        arrays = {k: z[k] for k in _FIELDS}
        n = len(arrays["core"])
        core_graph = sparse.csr_matrix((z["c_data"], z["c_indices"], z["c_indptr"]), shape=(n, n))
        n_rounds = int(z["n_rounds"])
    meta = {"n_core": n, "core_edges": int(core_graph.nnz), "rounds": n_rounds}
    return Hierarchy(n_rounds=n_rounds, core_graph=core_graph, meta=meta, **arrays)


def _lookup(key: np.ndarray, w: np.ndarray, q: np.ndarray) -> np.ndarray:
    """Weights of the edges with sorted keys ``key`` at the query keys (``inf`` if absent)."""
    if not len(key):
        return np.full(len(q), np.inf)
    pos = np.minimum(np.searchsorted(key, q), len(key) - 1)
    return np.where(key[pos] == q, w[pos], np.inf)


def _csr_by(node: np.ndarray, nb: np.ndarray, w: np.ndarray, n: int):
    order = np.argsort(node, kind="stable")
    ptr = np.zeros(n + 1, dtype=np.int64)
    np.cumsum(np.bincount(node, minlength=n), out=ptr[1:])
    return ptr, nb[order], w[order]


def build_hierarchy(
    g: osm.RoadGraph,
    *,
    core_share: float = 0.04,
    max_rounds: int = 40,
    max_growth: float | None = 1.5,
    seed: int = 0,
) -> Hierarchy:
    """Eliminate nodes in rounds until at most ``core_share`` of the kept nodes remain (or a
    round removes under 0.5 % of them, or the next round would grow the edges beyond
    ``max_growth`` times the graph's, or ``max_rounds``)."""
    K = g.n_kept
    coo = g.graph.tocoo()
    r = coo.row.astype(np.int64)
    c = coo.col.astype(np.int64)
    w = coo.data.astype(np.float64)
    r, c, w = osm._dedupe_min(r, c, w, K)
    e0 = len(w)
    alive = np.ones(K, dtype=bool)
    level = np.full(K, -1, dtype=np.int64)
    rng = np.random.default_rng(seed)
    ups: list[tuple[np.ndarray, np.ndarray, np.ndarray]] = []
    downs: list[tuple[np.ndarray, np.ndarray, np.ndarray]] = []
    for n_round in range(max_rounds):
        n_alive = int(alive.sum())
        if n_alive <= core_share * K:
            break
        deg_out = np.bincount(r, minlength=K)
        deg_in = np.bincount(c, minlength=K)
        # priority: shortcuts added minus edges removed (lower first), ties at random
        added = deg_out * deg_in
        removed = deg_out + deg_in
        pri = (added - removed).astype(np.float64) + rng.random(K)
        pri[~alive | (deg_out == 0) | (deg_in == 0)] = np.inf
        # an eliminated node's neighbours all stay this round: local minima of the priority
        nbmin = np.full(K, np.inf)
        np.minimum.at(nbmin, r, pri[c])
        np.minimum.at(nbmin, c, pri[r])
        elim = np.isfinite(pri) & (pri < nbmin)
        # cap the shortcut growth: only nodes adding at most as many edges as the median
        cand = np.flatnonzero(elim)
        if len(cand):
            cut = max(np.median(added[cand] - removed[cand]), 0)
            elim[cand[(added[cand] - removed[cand]) > cut]] = False
        if elim.sum() < 0.005 * K:
            break
        ein, eout = elim[c], elim[r]
        # shortcuts u -> w for u -> x -> w
        ir, ic, iw = r[ein], c[ein], w[ein]
        o = np.argsort(ic, kind="stable")
        ir, ic, iw = ir[o], ic[o], iw[o]
        orr, oc, ow = r[eout], c[eout], w[eout]
        o = np.argsort(orr, kind="stable")
        orr, oc, ow = orr[o], oc[o], ow[o]
        cnt = np.bincount(orr, minlength=K)
        start = np.concatenate([[0], np.cumsum(cnt)])[:-1]
        k = cnt[ic]
        rep = np.repeat(np.arange(len(ic)), k)
        off = np.arange(len(rep)) - np.repeat(np.cumsum(k) - k, k)
        j = start[ic[rep]] + off
        su, sv, sw = ir[rep], oc[j], iw[rep] + ow[j]
        ok = su != sv
        # witnesses: drop u -> w when a remaining edge u -> w, or a path u -> y -> w through
        # a node y that stays, is as short
        key = r * K + c  # sorted (from _dedupe_min / the CSR)
        ok &= ~(_lookup(key, w, su * K + sv) <= sw)
        cand = np.flatnonzero(ok)
        if len(cand):
            out_ptr = np.zeros(K + 1, dtype=np.int64)
            np.cumsum(np.bincount(r, minlength=K), out=out_ptr[1:])
            u_c = su[cand]
            cnt_u = out_ptr[u_c + 1] - out_ptr[u_c]
            rep_c = np.repeat(np.arange(len(cand)), cnt_u)
            off_c = np.arange(len(rep_c)) - np.repeat(np.cumsum(cnt_u) - cnt_u, cnt_u)
            e1 = out_ptr[u_c[rep_c]] + off_c
            y = c[e1]
            via = w[e1] + _lookup(key, w, y * K + sv[cand][rep_c])
            via[elim[y]] = np.inf
            best = np.full(len(cand), np.inf)
            np.minimum.at(best, rep_c, via)
            ok[cand[best <= sw[cand]]] = False
        if max_growth and (len(w) - ein.sum() - eout.sum() + ok.sum()) > max_growth * e0:
            break
        ups.append((r[eout], c[eout], w[eout]))  # x -> higher y
        downs.append((c[ein], r[ein], w[ein]))  # x <- higher y (stored by x)
        level[elim] = n_round
        keep = ~ein & ~eout
        r = np.concatenate([r[keep], su[ok]])
        c = np.concatenate([c[keep], sv[ok]])
        w = np.concatenate([w[keep], sw[ok]])
        r, c, w = osm._dedupe_min(r, c, w, K)
        alive &= ~elim
    n_rounds = int(level.max()) + 1 if (level >= 0).any() else 0
    level[alive] = n_rounds
    core = np.flatnonzero(alive)
    core_index = np.full(K, -1, dtype=np.int64)
    core_index[core] = np.arange(len(core))
    core_graph = sparse.csr_matrix(
        (np.maximum(w, 1e-9), (core_index[r], core_index[c])), shape=(len(core), len(core))
    )

    def stack(parts):
        if not parts:
            e = np.empty(0, dtype=np.int64)
            return e, e, np.empty(0)
        return tuple(np.concatenate([p[i] for p in parts]) for i in range(3))

    ux, uy, uw = stack(ups)
    dx, dy, dw = stack(downs)
    out_ptr, out_nb, out_w = _csr_by(ux, uy, uw, K)
    in_ptr, in_nb, in_w = _csr_by(dx, dy, dw, K)
    return Hierarchy(
        level=level,
        n_rounds=n_rounds,
        out_ptr=out_ptr,
        out_nb=out_nb,
        out_w=out_w,
        in_ptr=in_ptr,
        in_nb=in_nb,
        in_w=in_w,
        core=core,
        core_index=core_index,
        core_graph=core_graph,
        meta={"n_core": int(len(core)), "core_edges": int(core_graph.nnz), "rounds": n_rounds},
    )


def _closure(h: Hierarchy, who: np.ndarray, node: np.ndarray, cost: np.ndarray, up: bool):
    """All (point, node, minutes) of the points' upward closures, deduplicated to the minimum:
    entries at eliminated nodes expand along their edges to higher nodes, round by round."""
    ptr, nb, ww = (h.out_ptr, h.out_nb, h.out_w) if up else (h.in_ptr, h.in_nb, h.in_w)
    K = len(h.level)
    pending: dict[int, list] = {}

    def add(wh, nd, cs):
        lv = h.level[nd]
        for v in np.unique(lv):
            m = lv == v
            pending.setdefault(int(v), []).append((wh[m], nd[m], cs[m]))

    ok = np.isfinite(cost)
    add(who[ok], node[ok], cost[ok])
    done = []
    for lv in range(h.n_rounds + 1):
        parts = pending.pop(lv, [])
        if not parts:
            continue
        wh = np.concatenate([p[0] for p in parts])
        nd = np.concatenate([p[1] for p in parts])
        cs = np.concatenate([p[2] for p in parts])
        wh, nd, cs = osm._dedupe_min(wh, nd, cs, K)
        done.append((wh, nd, cs))
        if lv == h.n_rounds:
            break
        cnt = ptr[nd + 1] - ptr[nd]
        rep = np.repeat(np.arange(len(nd)), cnt)
        off = np.arange(len(rep)) - np.repeat(np.cumsum(cnt) - cnt, cnt)
        e = ptr[nd[rep]] + off
        add(wh[rep], nb[e], cs[rep] + ww[e])
    if not done:
        e = np.empty(0, dtype=np.int64)
        return e, e, np.empty(0)
    return tuple(np.concatenate([d[i] for d in done]) for i in range(3))


def _join(fw, fn, fc, bw, bn, bc, n_nodes: int):
    """Pairs (site, area, minutes) meeting at a common closure node."""
    of = np.argsort(fn, kind="stable")
    ob = np.argsort(bn, kind="stable")
    fn_s, bn_s = fn[of], bn[ob]
    lo = np.searchsorted(bn_s, fn_s, "left")
    hi = np.searchsorted(bn_s, fn_s, "right")
    cnt = hi - lo
    if not cnt.sum():
        e = np.empty(0, dtype=np.int64)
        return e, e, np.empty(0)
    rep = np.repeat(np.arange(len(fn_s)), cnt)
    off = np.arange(len(rep)) - np.repeat(np.cumsum(cnt) - cnt, cnt)
    j = ob[lo[rep] + off]
    i = of[rep]
    return fw[i], bw[j], fc[i] + bc[j]


def hierarchy_table(
    h: Hierarchy,
    g: osm.RoadGraph,
    sites_lat: np.ndarray,
    sites_lon: np.ndarray,
    areas_lat: np.ndarray,
    areas_lon: np.ndarray,
    *,
    cutoff: float,
    site_ids=None,
    area_ids=None,
    max_snap_m: float = osm.DEFAULT_MAX_SNAP_M,
    access_kmh: float | None = osm.DEFAULT_ACCESS_KMH,
    batch_bytes: int = 256 << 20,
    workers: int = 1,
    progress: Callable[[int, int], None] | None = None,
) -> TravelTable:
    """The same table as :func:`planning.travel.osm.osm_table`, routed on the hierarchy."""
    osm._check_cutoff(cutoff)
    sites_lat = np.asarray(sites_lat, float).ravel()
    sites_lon = np.asarray(sites_lon, float).ravel()
    areas_lat = np.asarray(areas_lat, float).ravel()
    areas_lon = np.asarray(areas_lon, float).ravel()
    n_s, n_a = len(sites_lat), len(areas_lat)
    site_ids = np.arange(n_s) if site_ids is None else np.asarray(site_ids)
    area_ids = np.arange(n_a) if area_ids is None else np.asarray(area_ids)
    ss = osm.snap(g, sites_lat, sites_lon)
    osm._check_site_snaps(ss, max_snap_m, sites_lat, sites_lon)
    sa = osm.snap(g, areas_lat, areas_lon)
    area_ok = sa.metres <= max_snap_m
    acc_s = np.zeros(n_s) if not access_kmh else ss.metres / 1000.0 / access_kmh * 60.0
    acc_a = np.zeros(n_a) if not access_kmh else sa.metres / 1000.0 / access_kmh * 60.0
    s_idx = np.arange(n_s)
    fw, fn, fc = _closure(
        h,
        np.concatenate([s_idx, s_idx]),
        np.concatenate([ss.a, ss.b]),
        np.concatenate([ss.to_a, ss.to_b]),
        up=True,
    )
    a_idx = np.flatnonzero(area_ok)
    bw, bn, bc = _closure(
        h,
        np.concatenate([a_idx, a_idx]),
        np.concatenate([sa.a[a_idx], sa.b[a_idx]]),
        np.concatenate([sa.a_to[a_idx], sa.b_to[a_idx]]),
        up=False,
    )
    # paths meeting below the core (and at a core node) joined directly
    j_s, j_a, j_m = _join(fw, fn, fc, bw, bn, bc, len(h.level))
    # the core: virtual sources -> core entries, core exits -> virtual targets
    C = len(h.core)
    fcore = h.core_index[fn] >= 0
    bcore = h.core_index[bn] >= 0
    total = C + n_s + n_a
    rows = np.concatenate([C + fw[fcore], h.core_index[bn[bcore]]])
    cols = np.concatenate([h.core_index[fn[fcore]], C + n_s + bw[bcore]])
    vals = np.concatenate([fc[fcore], bc[bcore]])
    extra = sparse.coo_matrix((np.maximum(vals, 1e-9), (rows, cols)), shape=(total, total))
    indptr = np.concatenate([h.core_graph.indptr, np.full(total - C, h.core_graph.indptr[-1])])
    base = sparse.csr_matrix(
        (h.core_graph.data, h.core_graph.indices, indptr), shape=(total, total)
    )
    aug = (base + extra.tocsr()).tocsr()
    src_idx = C + s_idx
    job = osm._Job(aug, src_idx, C + n_s + a_idx, a_idx, acc_s, acc_a[a_idx], float(cutoff))
    parts = osm.route_batches(job, n_s, total, workers=workers, batch_bytes=batch_bytes,
                              progress=progress)  # fmt: skip
    s2, a2, direct = osm._same_chain_minutes(ss, sa)
    keep2 = area_ok[a2]
    si = [p[0] for p in parts] + [j_s, s2[keep2]]
    ai = [p[1] for p in parts] + [j_a, a2[keep2]]
    mm = [p[2] for p in parts] + [
        j_m + acc_s[j_s] + acc_a[j_a],
        direct[keep2] + acc_s[s2[keep2]] + acc_a[a2[keep2]],
    ]
    meta = {
        "site_snap_m": ss.metres,
        "area_snap_m": sa.metres,
        "unsnapped_areas": area_ids[~area_ok],
        "access_kmh": access_kmh,
        "graph": dict(g.meta),
        "hierarchy": dict(h.meta),
    }
    return TravelTable.from_pairs(
        site_ids,
        area_ids,
        np.concatenate(si),
        np.concatenate(ai),
        np.concatenate(mm),
        cutoff=cutoff,
        engine="osm",
        meta=meta,
    )
