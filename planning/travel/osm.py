"""The ``osm`` engine: car travel minutes on an OpenStreetMap road network.

Pipeline (each step a function, data in / data out):

1. :func:`edges_from_osm` reads a ``.osm.pbf`` (or ``.osm`` XML) file with pyosmium and returns
   the directed car edges (from, to, minutes) and node coordinates. Car profile: speed by
   ``highway`` class, ``maxspeed`` when tagged, one-way streets (``oneway``, roundabouts,
   motorways), no ``access=no/private`` roads.
2. :func:`graph_from_edges` contracts degree-2 chains (shape points between intersections) into
   single edges, keeping for every original node its position on its chain, so a point snapped
   anywhere on a road is still routed exactly.
3. :func:`graph_from_osm` does 1 + 2 and caches the result on disk, keyed by the file's hash.
   An OSMnx GraphML drive graph is accepted as well (:mod:`planning.travel.graphml`).
4. :func:`osm_table` snaps sites and areas to the nearest point of the nearest routable road
   edge (snap distance reported; the straight access leg is added at ``access_kmh``), adds one
   virtual node per snapped point wired to the ends of its contracted edge at the exact
   fraction of the edge's minutes, and runs batched multi-source Dijkstra with a cutoff
   (``scipy.sparse.csgraph``), keeping only the minutes within the cutoff, sparse.
"""

from __future__ import annotations

import hashlib
import multiprocessing as mp
import os
from collections.abc import Callable
from concurrent.futures import ProcessPoolExecutor
from dataclasses import dataclass, field
from pathlib import Path

import numpy as np
from scipy import sparse
from scipy.sparse import csgraph
from scipy.spatial import cKDTree

from planning.errors import TravelError
from planning.settings import EARTH_RADIUS_KM, cache_dir
from planning.travel.profile import (  # the car profile, shared with the GraphML reader
    _NO_ACCESS,
    _ONEWAY_BWD,
    _ONEWAY_FWD,
    PROFILE_VERSION,
    RoadEdges,
    _profile,
    parse_maxspeed,
)
from planning.travel.profile import HIGHWAY_SPEEDS_KMH as HIGHWAY_SPEEDS_KMH  # re-exported
from planning.travel.straight import haversine_km, unit_vectors
from planning.travel.table import TravelTable

#: a site further than this from any road raises; an area further is left unreachable
DEFAULT_MAX_SNAP_M = 2000.0
#: speed of the straight access leg between a point and its snapped road node
DEFAULT_ACCESS_KMH = 15.0


def _check_osm_file(path: Path) -> None:
    if not path.exists():
        raise TravelError.of("osm.missing", path=path)
    if not path.is_file() or path.stat().st_size == 0:
        raise TravelError.of("osm.not_file", path=path)
    with path.open("rb") as f:
        head = f.read(64)
    is_pbf = b"OSMHeader" in head[:32]
    is_xml = head.lstrip().startswith(b"<?xml") or head.lstrip().startswith(b"<osm")
    if not (is_pbf or is_xml):
        raise TravelError.of("osm.format", path=path)


def edges_from_osm(path: str | Path, speeds: dict[str, float | None] | None = None) -> RoadEdges:
    """Directed car edges from an OSM file (PBF or XML), one per consecutive node pair of
    every drivable way (both directions unless one-way). ``speeds`` overrides the km/h of
    :data:`HIGHWAY_SPEEDS_KMH` per ``highway`` class; ``None`` drops a class (e.g.
    ``{"service": None}`` for a lighter national graph)."""
    import osmium

    path = Path(path)
    _check_osm_file(path)
    table = _profile(speeds)
    refs: list[np.ndarray] = []
    lats: list[np.ndarray] = []
    lons: list[np.ndarray] = []
    way_speed: list[float] = []
    way_dir: list[int] = []  # 0 both, 1 forward only, -1 backward only
    try:
        fp = (
            osmium.FileProcessor(str(path), osmium.osm.NODE | osmium.osm.WAY)
            .with_locations()
            .with_filter(osmium.filter.KeyFilter("highway"))
        )
        for obj in fp:
            if not obj.is_way():
                continue
            tags = obj.tags
            hw = tags.get("highway")
            if hw not in table or tags.get("area") == "yes":
                continue
            if (
                tags.get("access") in _NO_ACCESS
                or tags.get("motor_vehicle") in _NO_ACCESS
                or tags.get("motorcar") in _NO_ACCESS
            ):
                continue
            ow = tags.get("oneway", "")
            if ow in _ONEWAY_FWD:
                direction = 1
            elif ow in _ONEWAY_BWD:
                direction = -1
            elif ow == "no":
                direction = 0
            elif tags.get("junction") in ("roundabout", "circular") or hw == "motorway":
                direction = 1
            else:
                direction = 0
            nodes = [(n.ref, n.lat, n.lon) for n in obj.nodes if n.location.valid()]
            if len(nodes) < 2:
                continue
            arr = np.array(nodes, dtype=np.float64)
            refs.append(np.array([n[0] for n in nodes], dtype=np.int64))
            lats.append(arr[:, 1])
            lons.append(arr[:, 2])
            way_speed.append(parse_maxspeed(tags.get("maxspeed")) or table[hw])
            way_dir.append(direction)
    except RuntimeError as exc:  # osmium's parse errors
        raise TravelError.of("osm.unreadable", path=path, exc=exc) from exc
    if not refs:
        raise TravelError.of("osm.no_roads", path=path)
    lens = np.array([len(r) for r in refs])
    all_refs = np.concatenate(refs)
    all_lat, all_lon = np.concatenate(lats), np.concatenate(lons)
    uniq, first, inv = np.unique(all_refs, return_index=True, return_inverse=True)
    way_of = np.repeat(np.arange(len(refs)), lens)
    # consecutive pairs inside each way
    start = np.cumsum(lens) - lens
    is_last = np.zeros(len(all_refs), dtype=bool)
    is_last[start + lens - 1] = True
    a = np.flatnonzero(~is_last)
    b = a + 1
    u, v = inv[a], inv[b]
    metres = haversine_km(all_lat[a], all_lon[a], all_lat[b], all_lon[b]) * 1000.0
    spd = np.asarray(way_speed)[way_of[a]]
    d = np.asarray(way_dir)[way_of[a]]
    mins = metres / 1000.0 / spd * 60.0
    fwd, bwd = d >= 0, d <= 0
    src = np.concatenate([u[fwd], v[bwd]])
    dst = np.concatenate([v[fwd], u[bwd]])
    minutes = np.concatenate([mins[fwd], mins[bwd]])
    met = np.concatenate([metres[fwd], metres[bwd]])
    keep = src != dst
    return RoadEdges(
        node_lat=all_lat[first],
        node_lon=all_lon[first],
        src=src[keep].astype(np.int64),
        dst=dst[keep].astype(np.int64),
        minutes=minutes[keep],
        metres=met[keep],
    )


def _dedupe_min(src: np.ndarray, dst: np.ndarray, w: np.ndarray, n: int):
    key = src.astype(np.int64) * n + dst
    order = np.lexsort((w, key))
    key, w = key[order], w[order]
    first = np.ones(len(key), dtype=bool)
    first[1:] = key[1:] != key[:-1]
    key, w = key[first], w[first]
    return key // n, key % n, w


@dataclass(frozen=True)
class RoadGraph:
    """A contracted car graph.

    ``graph`` is a CSR matrix on the ``n_kept`` kept nodes (intersections, dead ends, nodes
    where one-way status changes). Every original node ``i`` lies on a chain from kept node
    ``chain_a[i]`` to ``chain_b[i]`` (kept nodes: both are itself), with ``t_a_to[i]`` /
    ``t_to_b[i]`` minutes along it in the a->b direction and ``t_b_to[i]`` / ``t_to_a[i]`` in
    the b->a direction (``inf`` when the chain is one-way a->b). ``routable[i]`` is False for
    nodes outside the largest strongly connected component (never snapped to).
    """

    node_lat: np.ndarray
    node_lon: np.ndarray
    kept: np.ndarray  # original index of each kept node
    graph: sparse.csr_matrix
    chain_id: np.ndarray
    chain_a: np.ndarray
    chain_b: np.ndarray
    t_a_to: np.ndarray
    t_to_b: np.ndarray
    t_b_to: np.ndarray
    t_to_a: np.ndarray
    routable: np.ndarray
    # original directed edges, for catchment polygons
    src: np.ndarray
    dst: np.ndarray
    edge_minutes: np.ndarray
    meta: dict = field(default_factory=dict, compare=False)

    @property
    def n_nodes(self) -> int:
        return len(self.node_lat)

    @property
    def n_kept(self) -> int:
        return len(self.kept)


def graph_from_edges(edges: RoadEdges) -> RoadGraph:
    """Contract degree-2 chains of the directed edge list into a CSR graph on kept nodes."""
    n = len(edges.node_lat)
    src, dst, w = _dedupe_min(edges.src, edges.dst, edges.minutes, n)
    # undirected neighbour structure
    lo, hi = np.minimum(src, dst), np.maximum(src, dst)
    ukey = np.unique(lo * n + hi)
    ulo, uhi = ukey // n, ukey % n
    deg = np.bincount(np.concatenate([ulo, uhi]), minlength=n)
    sym = sparse.csr_matrix(
        (
            np.ones(2 * len(ukey), dtype=np.int8),
            (np.concatenate([ulo, uhi]), np.concatenate([uhi, ulo])),
        ),
        shape=(n, n),
    )
    indptr, indices = sym.indptr, sym.indices
    out_deg = np.bincount(src, minlength=n)
    in_deg = np.bincount(dst, minlength=n)
    # interior candidates: two distinct neighbours, and either two-way on both sides
    # (in 2, out 2) or a one-way pass-through (in 1, out 1 from different neighbours)
    interior = (deg == 2) & (((out_deg == 2) & (in_deg == 2)) | ((out_deg == 1) & (in_deg == 1)))
    if interior.any():
        ii = np.flatnonzero(interior & (out_deg == 1))
        # one-way pass-through: the in-neighbour must differ from the out-neighbour
        order = np.argsort(src, kind="stable")
        out_nb = np.full(n, -1, dtype=np.int64)
        out_nb[src[order]] = dst[order]
        in_nb = np.full(n, -1, dtype=np.int64)
        in_nb[dst] = src
        bad = ii[out_nb[ii] == in_nb[ii]]
        interior[bad] = False
    # two-way interior nodes must have both incident edges two-way; a node with one two-way and
    # one one-way side has in 2/out 1 or similar so it is already excluded above.
    keyv = src * n + dst  # sorted ascending (from _dedupe_min)

    def w_of(u: np.ndarray, v: np.ndarray) -> np.ndarray:
        k = u * n + v
        pos = np.searchsorted(keyv, k)
        pos = np.minimum(pos, len(keyv) - 1)
        found = keyv[pos] == k
        return np.where(found, w[pos], np.inf)

    nb1 = np.full(n, -1, dtype=np.int64)
    nb2 = np.full(n, -1, dtype=np.int64)
    d2 = np.flatnonzero(deg == 2)
    nb1[d2] = indices[indptr[d2]]
    nb2[d2] = indices[indptr[d2] + 1]
    # pure cycles of interior nodes: kept-ness assigned during the walk below
    interior_l = interior.tolist()
    nb1_l, nb2_l = nb1.tolist(), nb2.tolist()
    visited = np.zeros(n, dtype=bool)
    visited_l = visited.tolist()
    chains_nodes: list[list[int]] = []

    def walk(k: int, first: int) -> list[int]:
        seq = [k]
        prev, cur = k, first
        while interior_l[cur] and not visited_l[cur]:
            visited_l[cur] = True
            seq.append(cur)
            nxt = nb2_l[cur] if nb1_l[cur] == prev else nb1_l[cur]
            prev, cur = cur, nxt
        seq.append(cur)
        return seq

    # chains start at kept nodes next to an interior node
    nbr_interior = interior[indices]
    owner = np.repeat(np.arange(n), np.diff(indptr))
    starts_k = owner[nbr_interior & ~interior[owner]].tolist()
    starts_nb = indices[nbr_interior & ~interior[owner]].tolist()
    for k, nb in zip(starts_k, starts_nb, strict=True):
        if not visited_l[nb]:
            chains_nodes.append(walk(k, nb))
    # interior nodes never reached lie on pure cycles: keep one node of each and walk
    left = np.flatnonzero(interior & ~np.array(visited_l, dtype=bool)).tolist()
    for x in left:
        if interior_l[x] and not visited_l[x]:
            interior_l[x] = False
            visited_l[x] = True
            for nb in (nb1_l[x], nb2_l[x]):
                if interior_l[nb] and not visited_l[nb]:
                    chains_nodes.append(walk(x, nb))
    interior = np.array(interior_l, dtype=bool)
    kept = np.flatnonzero(~interior)
    kept_index = np.full(n, -1, dtype=np.int64)
    kept_index[kept] = np.arange(len(kept))

    chain_id = np.full(n, -1, dtype=np.int64)
    chain_a = kept_index.copy()
    chain_b = kept_index.copy()
    t_a_to = np.zeros(n)
    t_to_b = np.zeros(n)
    t_b_to = np.zeros(n)
    t_to_a = np.zeros(n)
    g_src: list[np.ndarray] = []
    g_dst: list[np.ndarray] = []
    g_w: list[np.ndarray] = []
    # kept-kept edges that are not chains
    kk = ~interior[src] & ~interior[dst]
    g_src.append(kept_index[src[kk]])
    g_dst.append(kept_index[dst[kk]])
    g_w.append(w[kk])
    if chains_nodes:
        lens = np.array([len(c) for c in chains_nodes])
        flat = np.fromiter(
            (x for c in chains_nodes for x in c), dtype=np.int64, count=int(lens.sum())
        )
        cid = np.repeat(np.arange(len(chains_nodes)), lens)
        starts = np.cumsum(lens) - lens
        ends = starts + lens - 1
        nxt_ok = np.ones(len(flat), dtype=bool)
        nxt_ok[ends] = False
        p = np.flatnonzero(nxt_ok)
        fw = np.zeros(len(flat))
        bw = np.zeros(len(flat))
        fw[p + 1] = w_of(flat[p], flat[p + 1])
        bw[p + 1] = w_of(flat[p + 1], flat[p])
        # a one-way chain walked against its direction: reverse it
        rev_chain = (
            np.bincount(cid[p + 1], weights=np.isinf(fw[p + 1]).astype(float), minlength=len(lens))
            > 0
        )
        if rev_chain.any():
            for c in np.flatnonzero(rev_chain):
                chains_nodes[c] = chains_nodes[c][::-1]
            flat = np.fromiter(
                (x for c in chains_nodes for x in c), dtype=np.int64, count=int(lens.sum())
            )
            fw[:] = 0
            bw[:] = 0
            fw[p + 1] = w_of(flat[p], flat[p + 1])
            bw[p + 1] = w_of(flat[p + 1], flat[p])
        # cumulative times per chain
        cum_f = np.cumsum(fw)
        cum_f -= np.repeat(cum_f[starts], lens)
        bw_inf = np.isinf(bw)
        bw0 = np.where(bw_inf, 0.0, bw)
        cum_b = np.cumsum(bw0)
        cum_b -= np.repeat(cum_b[starts], lens)  # time from node to chain start, backward
        one_way = (
            np.bincount(cid[p + 1], weights=bw_inf[p + 1].astype(float), minlength=len(lens)) > 0
        )
        total_f = cum_f[ends]
        total_b = cum_b[ends]
        ow = one_way[cid]
        inner = np.ones(len(flat), dtype=bool)
        inner[starts] = False
        inner[ends] = False
        xi = flat[inner]
        a_orig = flat[starts][cid[inner]]
        b_orig = flat[ends][cid[inner]]
        chain_id[xi] = cid[inner]
        chain_a[xi] = kept_index[a_orig]
        chain_b[xi] = kept_index[b_orig]
        t_a_to[xi] = cum_f[inner]
        t_to_b[xi] = (total_f[cid] - cum_f)[inner]
        t_to_a[xi] = np.where(ow, np.inf, cum_b)[inner]
        t_b_to[xi] = np.where(ow, np.inf, (total_b[cid] - cum_b))[inner]
        ca, cb = kept_index[flat[starts]], kept_index[flat[ends]]
        g_src += [ca, cb[~one_way]]
        g_dst += [cb, ca[~one_way]]
        g_w += [total_f, total_b[~one_way]]
    gs, gd, gw = np.concatenate(g_src), np.concatenate(g_dst), np.concatenate(g_w)
    loop = gs == gd
    gs, gd, gw = _dedupe_min(gs[~loop], gd[~loop], gw[~loop], len(kept))
    graph = sparse.csr_matrix((np.maximum(gw, 1e-9), (gs, gd)), shape=(len(kept), len(kept)))
    # largest strongly connected component (on kept nodes), extended to chain nodes
    if len(kept):
        _, labels = csgraph.connected_components(graph, directed=True, connection="strong")
        big = np.bincount(labels).argmax()
        kept_ok = labels == big
        routable = kept_ok[chain_a] & kept_ok[chain_b]
    else:
        routable = np.zeros(n, dtype=bool)
    return RoadGraph(
        node_lat=edges.node_lat,
        node_lon=edges.node_lon,
        kept=kept,
        graph=graph,
        chain_id=chain_id,
        chain_a=chain_a,
        chain_b=chain_b,
        t_a_to=t_a_to,
        t_to_b=t_to_b,
        t_b_to=t_b_to,
        t_to_a=t_to_a,
        routable=routable,
        src=src,
        dst=dst,
        edge_minutes=w,
        meta={
            "n_nodes": n,
            "n_kept": int(len(kept)),
            "n_edges": int(len(src)),
            "n_graph_edges": int(graph.nnz),
        },
    )


# ---- disk cache -------------------------------------------------------------------------
_ARRAYS = (
    "node_lat",
    "node_lon",
    "kept",
    "chain_id",
    "chain_a",
    "chain_b",
    "t_a_to",
    "t_to_b",
    "t_b_to",
    "t_to_a",
    "routable",
    "src",
    "dst",
    "edge_minutes",
)


_HASHES: dict[tuple[str, int, int], str] = {}


def file_hash(path: str | Path) -> str:
    """SHA-256 of a file's bytes (remembered per path, size and modification time, so a
    national PBF is read once per process)."""
    path = Path(path)
    st = path.stat()
    key = (str(path.resolve()), st.st_size, st.st_mtime_ns)
    if key not in _HASHES:
        h = hashlib.sha256()
        with path.open("rb") as f:
            for block in iter(lambda: f.read(1 << 20), b""):
                h.update(block)
        _HASHES[key] = h.hexdigest()
    return _HASHES[key]


def _save(g: RoadGraph, path: Path) -> None:
    tmp = path.with_suffix(".tmp.npz")
    np.savez(
        tmp,
        **{k: getattr(g, k) for k in _ARRAYS},
        g_indptr=g.graph.indptr,
        g_indices=g.graph.indices,
        g_data=g.graph.data,
        meta_keys=np.array(list(g.meta.keys())),
        meta_vals=np.array([float(v) for v in g.meta.values()]),
    )
    os.replace(tmp, path)


def _load(path: Path) -> RoadGraph:
    with np.load(path) as z:
        arrays = {k: z[k] for k in _ARRAYS}
        n_kept = len(arrays["kept"])
        graph = sparse.csr_matrix(
            (z["g_data"], z["g_indices"], z["g_indptr"]), shape=(n_kept, n_kept)
        )
        meta = {str(k): int(v) for k, v in zip(z["meta_keys"], z["meta_vals"], strict=True)}
    return RoadGraph(graph=graph, meta=meta, **arrays)


def graph_from_osm(
    path: str | Path,
    *,
    speeds: dict[str, float | None] | None = None,
    use_cache: bool = True,
    use_maxspeed: bool = True,
) -> RoadGraph:
    """The contracted car graph of a road file, cached under ``cache_dir('osm')`` by the
    file's hash (and the speed profile). The file is an OpenStreetMap ``.osm.pbf`` / ``.osm``
    extract or an OSMnx GraphML drive graph (:mod:`planning.travel.graphml`);
    ``use_maxspeed=False`` ignores GraphML ``maxspeed`` values (some published graphs fill them
    in for every edge)."""
    from planning.travel import graphml

    path = Path(path)
    is_graphml = path.is_file() and path.stat().st_size > 0 and graphml.is_graphml(path)
    if not is_graphml:
        _check_osm_file(path)
    profile = hashlib.sha256(
        repr((sorted(_profile(speeds).items()), is_graphml and use_maxspeed)).encode()
    ).hexdigest()[:12]
    cache = cache_dir("osm") / f"{file_hash(path)}-{PROFILE_VERSION}-{profile}.npz"
    if use_cache and cache.exists():
        try:
            return _load(cache)
        except Exception:  # a stale or truncated cache file is rebuilt
            cache.unlink(missing_ok=True)
    if is_graphml:
        edges = graphml.edges_from_graphml(path, speeds, use_maxspeed=use_maxspeed)
    else:
        edges = edges_from_osm(path, speeds)
    g = graph_from_edges(edges)
    if use_cache:
        _save(g, cache)
    return g


# ---- snapping and routing ---------------------------------------------------------------
@dataclass(frozen=True)
class Snap:
    """Each point's nearest point on a routable road edge, and where that lies on the network.

    ``metres``: straight distance from the point to the road; ``lat``/``lon``: the snapped
    point; ``node``: the nearer end node of its edge. The snapped point lies on the contracted
    edge ``chain`` from kept node ``a`` to kept node ``b``, ``a_to`` / ``to_b`` minutes from ``a``
    / to ``b`` in the a->b direction and ``b_to`` / ``to_a`` in the b->a direction (``inf`` when
    one-way). ``chain`` is shared by points on the same contracted edge (exact direct trips)."""

    node: np.ndarray
    metres: np.ndarray
    lat: np.ndarray
    lon: np.ndarray
    chain: np.ndarray
    a: np.ndarray
    b: np.ndarray
    a_to: np.ndarray
    to_b: np.ndarray
    b_to: np.ndarray
    to_a: np.ndarray


def _edge_minutes(g: RoadGraph, u: np.ndarray, v: np.ndarray) -> np.ndarray:
    """Minutes of the original edge u->v (``inf`` if there is none)."""
    n = g.n_nodes
    keyv = g.src * n + g.dst  # sorted (deduplicated by graph_from_edges)
    k = u * n + v
    pos = np.minimum(np.searchsorted(keyv, k), len(keyv) - 1)
    return np.where(keyv[pos] == k, g.edge_minutes[pos], np.inf)


def _lerp(x: np.ndarray, y: np.ndarray, f: np.ndarray) -> np.ndarray:
    """``(1 - f) x + f y`` where ``inf`` at either end stays ``inf`` inside the segment; at
    ``f = 0`` / ``f = 1`` the end's own value (a point on a one-way edge's end node is that
    node)."""
    with np.errstate(invalid="ignore"):
        out = (1.0 - f) * x + f * y
    out = np.where(np.isinf(x) | np.isinf(y), np.inf, out)
    return np.where(f <= 0.0, x, np.where(f >= 1.0, y, out))


@dataclass(frozen=True)
class _SnapIndex:
    """Routable road segments (undirected) and KD-trees for the nearest-segment search: the
    segments' midpoints on the unit sphere, one tree per length class, so a query only looks
    at segments whose midpoint is within (distance to the nearest node + half the class's
    longest segment)."""

    su: np.ndarray
    sv: np.ndarray
    cand: np.ndarray  # routable nodes
    node_tree: cKDTree
    classes: tuple  # (tree over midpoints, segment ids, max half chord)


#: segments shorter than this (metres) share the first length class of the snap index
_SNAP_CLASS_M = 50.0
#: points further than this from every node are snapped to the nearest node only
_SNAP_SEARCH_M = 5000.0


def _snap_index(g: RoadGraph) -> _SnapIndex:
    cached = g.__dict__.get("_snap_index")
    if cached is not None:
        return cached
    n = g.n_nodes
    ok = g.routable[g.src] & g.routable[g.dst]
    key = g.src * n + g.dst  # sorted ascending
    # one segment per node pair: u < v, or u > v when there is no v -> u edge
    rev = g.dst * n + g.src
    pos = np.minimum(np.searchsorted(key, rev), max(len(key) - 1, 0))
    has_rev = key[pos] == rev if len(key) else np.zeros(0, dtype=bool)
    one = ok & ((g.src < g.dst) | ~has_rev)
    su, sv = g.src[one], g.dst[one]
    cand = np.flatnonzero(g.routable)
    if len(su) == 0 or len(cand) == 0:
        raise TravelError.of("osm.empty_network")
    U = unit_vectors(g.node_lat[su], g.node_lon[su])
    V = unit_vectors(g.node_lat[sv], g.node_lon[sv])
    half = np.linalg.norm(V - U, axis=1) / 2.0
    mid = (U + V) / 2.0
    unit = _SNAP_CLASS_M / (EARTH_RADIUS_KM * 1000.0)
    cls = np.maximum(np.ceil(np.log2(np.maximum(half, 1e-300) / unit)), 0).astype(np.int64)
    classes = []
    for k in np.unique(cls):
        ids = np.flatnonzero(cls == k)
        classes.append((cKDTree(mid[ids]), ids, float(half[ids].max())))
    idx = _SnapIndex(
        su=su,
        sv=sv,
        cand=cand,
        node_tree=cKDTree(unit_vectors(g.node_lat[cand], g.node_lon[cand])),
        classes=tuple(classes),
    )
    object.__setattr__(g, "_snap_index", idx)  # built once per graph object
    return idx


def _nearest_segments(g: RoadGraph, idx: _SnapIndex, P: np.ndarray):
    """Per point (unit vectors ``P``): nearest segment id and the fraction along it, and the
    nearest routable node with its chord distance."""
    c0, j = idx.node_tree.query(P)
    c0 = np.asarray(c0, dtype=np.float64)
    node = idx.cand[np.asarray(j)]
    limit = _SNAP_SEARCH_M / (EARTH_RADIUS_KM * 1000.0)
    search = np.flatnonzero(c0 <= limit)
    best = np.full(len(P), np.inf)
    seg = np.full(len(P), -1, dtype=np.int64)
    frac = np.zeros(len(P))
    if len(search):
        for tree, ids, hmax in idx.classes:
            found = tree.query_ball_point(P[search], c0[search] + hmax + 1e-12)
            counts = np.fromiter((len(x) for x in found), dtype=np.int64, count=len(found))
            if not counts.sum():
                continue
            pt = np.repeat(search, counts)
            sg = ids[np.concatenate([np.asarray(x, dtype=np.int64) for x in found])]
            U = unit_vectors(g.node_lat[idx.su[sg]], g.node_lon[idx.su[sg]])
            D = unit_vectors(g.node_lat[idx.sv[sg]], g.node_lon[idx.sv[sg]]) - U
            den = np.einsum("ij,ij->i", D, D)
            with np.errstate(invalid="ignore", divide="ignore"):
                t = np.einsum("ij,ij->i", P[pt] - U, D) / den
            t = np.clip(np.nan_to_num(t), 0.0, 1.0)
            dist = np.linalg.norm(U + t[:, None] * D - P[pt], axis=1)
            order = np.lexsort((dist, pt))
            first = np.ones(len(order), dtype=bool)
            first[1:] = pt[order][1:] != pt[order][:-1]
            sel = order[first]
            better = dist[sel] < best[pt[sel]]
            q = pt[sel][better]
            best[q], seg[q], frac[q] = dist[sel][better], sg[sel][better], t[sel][better]
    return seg, frac, node, c0


def snap(g: RoadGraph, lat: np.ndarray, lon: np.ndarray) -> Snap:
    """Snap points to the nearest point of the nearest routable road edge (not its nearest
    node). The search index (KD-trees over the segments) is built once per graph object."""
    lat = np.asarray(lat, float).ravel()
    lon = np.asarray(lon, float).ravel()
    idx = _snap_index(g)
    k, f, near_node, near_chord = _nearest_segments(g, idx, unit_vectors(lat, lon))
    far = k < 0  # beyond the search distance: the nearest node's first segment stands in
    if far.any():
        k = k.copy()
        k[far] = 0
    u, v = idx.su[k], idx.sv[k]
    # chain coordinates of both ends of each segment
    ci_u, ci_v = g.chain_id[u], g.chain_id[v]
    kept_u, kept_v = ci_u < 0, ci_v < 0
    w_uv, w_vu = _edge_minutes(g, u, v), _edge_minutes(g, v, u)
    inner = np.where(kept_v, u, v)  # an interior end, if any
    A = np.where(kept_u & kept_v, g.chain_a[u], g.chain_a[inner])
    B = np.where(kept_u & kept_v, g.chain_a[v], g.chain_b[inner])
    chain = np.where(kept_u & kept_v, -1, g.chain_id[inner])
    n_chains = int(g.chain_id.max()) + 1 if len(g.chain_id) else 0
    both = kept_u & kept_v
    chain = np.where(both, n_chains + k, chain)
    # on a loop chain (a == b) the kept end is its start when the interior neighbour is the
    # chain's first node, else its end
    loop = ~both & (A == B)

    def coords(x: np.ndarray, is_kept: np.ndarray, other: np.ndarray, w_out, w_in):
        """(a_to, to_b, b_to, to_a) of end ``x`` of each segment in its chain's frame."""
        a_to, to_b = g.t_a_to[x].copy(), g.t_to_b[x].copy()
        b_to, to_a = g.t_b_to[x].copy(), g.t_to_a[x].copy()
        tot_f = g.t_a_to[other] + g.t_to_b[other]
        tot_b = g.t_b_to[other] + g.t_to_a[other]
        kx = g.chain_a[x]
        first = np.isclose(g.t_a_to[other], w_out, rtol=1e-12, atol=0) | np.isclose(
            g.t_to_a[other], w_in, rtol=1e-12, atol=0
        )
        at_a = is_kept & ~both & (kx == A) & (~loop | first)
        at_b = is_kept & ~both & (kx == B) & ~at_a
        a_to[at_a], to_b[at_a], b_to[at_a], to_a[at_a] = 0.0, tot_f[at_a], tot_b[at_a], 0.0
        a_to[at_b], to_b[at_b], b_to[at_b], to_a[at_b] = tot_f[at_b], 0.0, 0.0, tot_b[at_b]
        return a_to, to_b, b_to, to_a

    cu = coords(u, kept_u, v, w_uv, w_vu)
    cv = coords(v, kept_v, u, w_vu, w_uv)
    # a kept-kept edge is its own pseudo chain from u (a) to v (b)
    cu = [np.where(both, val, c) for val, c in zip((0.0, w_uv, w_vu, 0.0), cu, strict=True)]
    cv = [np.where(both, val, c) for val, c in zip((w_uv, 0.0, 0.0, w_vu), cv, strict=True)]
    a_to, to_b, b_to, to_a = (_lerp(x, y, f) for x, y in zip(cu, cv, strict=True))
    A, B = A.copy(), B.copy()
    s_lat = (1.0 - f) * g.node_lat[u] + f * g.node_lat[v]
    s_lon = (1.0 - f) * g.node_lon[u] + f * g.node_lon[v]
    metres = haversine_km(lat, lon, s_lat, s_lon) * 1000.0
    node = np.where(f < 0.5, u, v)
    # a point on a node (within 1 cm) takes that node's own place (overlapping edges drawn
    # through a node must not move it onto another road); so does a point too far to search
    near_m = 2.0 * EARTH_RADIUS_KM * 1000.0 * np.arcsin(np.clip(near_chord / 2.0, 0, 1))
    on = (near_m <= np.minimum(metres, 0.01) + 1e-9) | far
    if on.any():
        x = near_node[on]
        kept_x = g.chain_id[x] < 0
        node[on], metres[on] = x, near_m[on]
        s_lat[on], s_lon[on] = g.node_lat[x], g.node_lon[x]
        chain[on] = np.where(kept_x, -1, g.chain_id[x])
        A[on], B[on] = g.chain_a[x], g.chain_b[x]
        a_to[on], to_b[on] = g.t_a_to[x], g.t_to_b[x]
        b_to[on], to_a[on] = g.t_b_to[x], g.t_to_a[x]
    return Snap(
        node=node,
        metres=metres,
        lat=s_lat,
        lon=s_lon,
        chain=chain.astype(np.int64),
        a=A.astype(np.int64),
        b=B.astype(np.int64),
        a_to=a_to,
        to_b=to_b,
        b_to=b_to,
        to_a=to_a,
    )


def _augment(g: RoadGraph, ss: Snap, sa: Snap):
    """Graph with one virtual node per snapped site (edges to its chain's ends) and per
    snapped area (edges from them); returns (csr, source index per site, target per area)."""
    K = g.n_kept
    n_s, n_a = len(ss.metres), len(sa.metres)
    src_idx = K + np.arange(n_s)
    dst_idx = K + n_s + np.arange(n_a)
    r = np.concatenate([src_idx, src_idx, sa.a, sa.b])
    c = np.concatenate([ss.b, ss.a, dst_idx, dst_idx])
    v = np.concatenate([ss.to_b, ss.to_a, sa.a_to, sa.b_to])
    total = K + n_s + n_a
    ok = np.isfinite(v)
    # a loop chain (a == b) gives two edges between the same nodes: keep the shorter
    r, c, v = _dedupe_min(r[ok], c[ok], v[ok], total)
    extra = sparse.coo_matrix((np.maximum(v, 1e-9), (r, c)), shape=(total, total)).tocsr()
    indptr = np.concatenate([g.graph.indptr, np.full(total - K, g.graph.indptr[-1])])
    base = sparse.csr_matrix((g.graph.data, g.graph.indices, indptr), shape=(total, total))
    # a point exactly on a kept node starts / ends there (no 1e-9 virtual edge)
    for p, idx in ((ss, src_idx), (sa, dst_idx)):
        at_a = (p.a_to == 0) | (p.to_a == 0)
        at_b = ~at_a & ((p.to_b == 0) | (p.b_to == 0))
        idx[at_a] = p.a[at_a]
        idx[at_b] = p.b[at_b]
    return (base + extra).tocsr(), src_idx, dst_idx


def _direct(s_a_to, s_to_a, t_a_to, t_to_a):
    """Minutes from a point to another on the same chain without leaving it (``inf`` if the
    chain's direction forbids it)."""
    fwd = t_a_to - s_a_to
    with np.errstate(invalid="ignore"):
        bwd = s_to_a - t_to_a  # nan when one-way
    return np.where(fwd >= 0, fwd, np.where(np.isfinite(bwd) & (bwd >= 0), bwd, np.inf))


def _same_chain_minutes(ss: Snap, sa: Snap):
    """Direct along-chain minutes for (site, area) pairs snapped onto the same chain."""
    si = np.flatnonzero(ss.chain >= 0)
    ai = np.flatnonzero(sa.chain >= 0)
    empty = np.empty(0, np.int64), np.empty(0, np.int64), np.empty(0)
    if not len(si) or not len(ai):
        return empty
    order = np.argsort(sa.chain[ai], kind="stable")
    ai_sorted, keys = ai[order], sa.chain[ai][order]
    lo = np.searchsorted(keys, ss.chain[si], "left")
    hi = np.searchsorted(keys, ss.chain[si], "right")
    cnt = hi - lo
    if not cnt.sum():
        return empty
    s_rep = np.repeat(si, cnt)
    a_rep = ai_sorted[np.concatenate([np.arange(a, b) for a, b in zip(lo, hi, strict=True)])]
    direct = _direct(ss.a_to[s_rep], ss.to_a[s_rep], sa.a_to[a_rep], sa.to_a[a_rep])
    return s_rep, a_rep, direct


def _check_cutoff(cutoff: float) -> None:
    """A positive number of minutes; ``math.inf`` (uncapped) is allowed."""
    if cutoff is None or np.isnan(cutoff) or cutoff <= 0:
        raise TravelError.of("travel.threshold", cutoff=cutoff)


def node_minutes(
    g: RoadGraph,
    lat: float,
    lon: float,
    *,
    cutoff: float,
    max_snap_m: float = DEFAULT_MAX_SNAP_M,
    access_kmh: float | None = DEFAULT_ACCESS_KMH,
) -> tuple[np.ndarray, float]:
    """Minutes from one point to every original node (``inf`` beyond ``cutoff``), and the
    site's snap distance. Used for road-network catchments."""
    _check_cutoff(cutoff)
    s = snap(g, [lat], [lon])
    _check_site_snaps(s, max_snap_m, np.array([lat]), np.array([lon]))
    access = 0.0 if not access_kmh else s.metres[0] / 1000.0 / access_kmh * 60.0
    none = snap_none()
    aug, src, _ = _augment(g, s, none)
    d = csgraph.dijkstra(aug, directed=True, indices=src, limit=max(cutoff - access, 0.0))[0]
    dk = d[: g.n_kept]
    out = np.minimum(dk[g.chain_a] + g.t_a_to, dk[g.chain_b] + g.t_b_to)
    if s.chain[0] >= 0:
        same = g.chain_id == s.chain[0]
        direct = _direct(s.a_to[0], s.to_a[0], g.t_a_to, g.t_to_a)
        out = np.where(same, np.minimum(out, direct), out)
    out = out + access
    out[~(out <= cutoff)] = np.inf
    return out, float(s.metres[0])


def snap_none() -> Snap:
    """An empty :class:`Snap` (no points)."""
    e, i = np.empty(0), np.empty(0, np.int64)
    return Snap(i, e, e, e, i, i, i, e, e, e, e)


def _check_site_snaps(s: Snap, max_snap_m: float, lat: np.ndarray, lon: np.ndarray) -> None:
    far = np.flatnonzero(s.metres > max_snap_m)
    if len(far):
        i = int(far[0])
        raise TravelError.of(
            "osm.far_sites",
            n=len(far),
            max_m=max_snap_m,
            lat=lat[i],
            lon=lon[i],
            metres=s.metres[i],
        )


@dataclass(frozen=True)
class _Job:
    """One Dijkstra batch job: sources ``idx`` (site positions) -> reachable (site, area, min)."""

    aug: sparse.csr_matrix
    src_idx: np.ndarray
    cols: np.ndarray
    ok_cols: np.ndarray
    acc_s: np.ndarray
    acc_cols: np.ndarray
    cutoff: float

    def run(self, idx: np.ndarray) -> tuple[np.ndarray, np.ndarray, np.ndarray]:
        limit = self.cutoff - float(self.acc_s[idx].min())
        d = csgraph.dijkstra(
            self.aug, directed=True, indices=self.src_idx[idx], limit=max(limit, 0.0)
        )
        sub = d[:, self.cols]
        del d
        sub += self.acc_s[idx, None]
        sub += self.acc_cols[None, :]
        r, c = np.nonzero((sub <= self.cutoff) & np.isfinite(sub))
        return idx[r], self.ok_cols[c], sub[r, c]


_WORKER_JOB: _Job | None = None


def _init_worker(job: _Job) -> None:
    global _WORKER_JOB
    _WORKER_JOB = job


def _run_in_worker(idx: np.ndarray):
    assert _WORKER_JOB is not None
    return _WORKER_JOB.run(idx)


def osm_table(
    g: RoadGraph,
    sites_lat: np.ndarray,
    sites_lon: np.ndarray,
    areas_lat: np.ndarray,
    areas_lon: np.ndarray,
    *,
    cutoff: float,
    site_ids=None,
    area_ids=None,
    max_snap_m: float = DEFAULT_MAX_SNAP_M,
    access_kmh: float | None = DEFAULT_ACCESS_KMH,
    batch_bytes: int = 256 << 20,
    workers: int = 1,
    progress: Callable[[int, int], None] | None = None,
) -> TravelTable:
    """Car minutes from sites to areas on ``g``, kept up to ``cutoff`` minutes (``math.inf``:
    every reachable pair). ``progress(done, total)`` is called after each Dijkstra batch.

    Sites further than ``max_snap_m`` from a road raise :class:`TravelError`; such areas are
    left unreachable (listed in ``meta['unsnapped_areas']``). Snap distances are in
    ``meta['site_snap_m']`` / ``meta['area_snap_m']``. ``workers > 1`` runs Dijkstra batches
    in that many processes."""
    _check_cutoff(cutoff)
    sites_lat = np.asarray(sites_lat, float).ravel()
    sites_lon = np.asarray(sites_lon, float).ravel()
    areas_lat = np.asarray(areas_lat, float).ravel()
    areas_lon = np.asarray(areas_lon, float).ravel()
    n_s, n_a = len(sites_lat), len(areas_lat)
    site_ids = np.arange(n_s) if site_ids is None else np.asarray(site_ids)
    area_ids = np.arange(n_a) if area_ids is None else np.asarray(area_ids)
    ss = snap(g, sites_lat, sites_lon)
    _check_site_snaps(ss, max_snap_m, sites_lat, sites_lon)
    sa = snap(g, areas_lat, areas_lon)
    area_ok = sa.metres <= max_snap_m
    acc_s = np.zeros(n_s) if not access_kmh else ss.metres / 1000.0 / access_kmh * 60.0
    acc_a = np.zeros(n_a) if not access_kmh else sa.metres / 1000.0 / access_kmh * 60.0
    aug, src_idx, dst_idx = _augment(g, ss, sa)
    ok_cols = np.flatnonzero(area_ok)
    cols = dst_idx[ok_cols]
    total = aug.shape[0]
    job = _Job(aug, src_idx, cols, ok_cols, acc_s, acc_a[ok_cols], float(cutoff))
    parts = route_batches(job, n_s, total, workers=workers, batch_bytes=batch_bytes,
                          progress=progress)  # fmt: skip
    si = [p[0] for p in parts]
    ai = [p[1] for p in parts]
    mm = [p[2] for p in parts]
    s2, a2, direct = _same_chain_minutes(ss, sa)
    keep = area_ok[a2]
    si.append(s2[keep])
    ai.append(a2[keep])
    mm.append(direct[keep] + acc_s[s2[keep]] + acc_a[a2[keep]])
    meta = {
        "site_snap_m": ss.metres,
        "area_snap_m": sa.metres,
        "unsnapped_areas": area_ids[~area_ok],
        "access_kmh": access_kmh,
        "graph": dict(g.meta),
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


def route_batches(
    job: _Job,
    n_sources: int,
    n_nodes: int,
    *,
    workers: int,
    batch_bytes: int,
    progress: Callable[[int, int], None] | None = None,
) -> list[tuple[np.ndarray, np.ndarray, np.ndarray]]:
    """``job`` run on the sources in batches of at most ``batch_bytes`` of distances each
    (rows of ``n_nodes`` floats), in ``workers`` processes when there is more than one batch;
    ``progress(done, batches)`` after each. Processes, not threads: scipy's dijkstra holds the
    GIL. The job is handed to each worker once (inherited on fork), not once per batch."""
    batch = int(max(1, min(n_sources, batch_bytes // (8 * max(n_nodes, 1)))))
    starts = [np.arange(lo, min(lo + batch, n_sources)) for lo in range(0, n_sources, batch)]
    parts: list[tuple[np.ndarray, np.ndarray, np.ndarray]] = []
    if workers > 1 and len(starts) > 1:
        ctx = mp.get_context("fork" if "fork" in mp.get_all_start_methods() else None)
        with ProcessPoolExecutor(
            workers, mp_context=ctx, initializer=_init_worker, initargs=(job,)
        ) as ex:
            for part in ex.map(_run_in_worker, starts):
                parts.append(part)
                if progress is not None:
                    progress(len(parts), len(starts))
    else:
        for idx in starts:
            parts.append(job.run(idx))
            if progress is not None:
                progress(len(parts), len(starts))
    return parts


def nearest_site_minutes(
    g: RoadGraph,
    sites_lat: np.ndarray,
    sites_lon: np.ndarray,
    areas_lat: np.ndarray,
    areas_lon: np.ndarray,
    *,
    cutoff: float = np.inf,
    max_snap_m: float = DEFAULT_MAX_SNAP_M,
    access_kmh: float | None = DEFAULT_ACCESS_KMH,
) -> tuple[np.ndarray, np.ndarray]:
    """Per area: the index of the nearest site in car minutes and those minutes (uncapped by
    default; ``-1`` / ``inf`` when no site reaches it within ``cutoff`` or the area is beyond
    ``max_snap_m`` from a road). One multi-source Dijkstra for any number of sites, so the
    average/worst-minutes KPIs of an open network cost about one shortest-path tree. The
    minutes equal the row minimum of :func:`osm_table` (up to 1e-9 min)."""
    _check_cutoff(cutoff)
    sites_lat = np.asarray(sites_lat, float).ravel()
    sites_lon = np.asarray(sites_lon, float).ravel()
    areas_lat = np.asarray(areas_lat, float).ravel()
    areas_lon = np.asarray(areas_lon, float).ravel()
    n_s, n_a = len(sites_lat), len(areas_lat)
    best_site = np.full(n_a, -1, dtype=np.int64)
    best = np.full(n_a, np.inf)
    if n_s == 0 or n_a == 0:
        return best_site, best
    ss = snap(g, sites_lat, sites_lon)
    _check_site_snaps(ss, max_snap_m, sites_lat, sites_lon)
    sa = snap(g, areas_lat, areas_lon)
    area_ok = sa.metres <= max_snap_m
    acc_s = np.zeros(n_s) if not access_kmh else ss.metres / 1000.0 / access_kmh * 60.0
    acc_a = np.zeros(n_a) if not access_kmh else sa.metres / 1000.0 / access_kmh * 60.0
    # each site's access leg is on its virtual node's out-edges, so one multi-source run with
    # min_only gives the nearest site of every node including the access leg
    K = g.n_kept
    src_idx = K + np.arange(n_s)
    dst_idx = K + n_s + np.arange(n_a)
    r = np.concatenate([src_idx, src_idx, sa.a, sa.b])
    c = np.concatenate([ss.b, ss.a, dst_idx, dst_idx])
    v = np.concatenate([ss.to_b + acc_s, ss.to_a + acc_s, sa.a_to, sa.b_to])
    total = K + n_s + n_a
    ok = np.isfinite(v)
    r, c, v = _dedupe_min(r[ok], c[ok], v[ok], total)
    extra = sparse.coo_matrix((np.maximum(v, 1e-9), (r, c)), shape=(total, total)).tocsr()
    indptr = np.concatenate([g.graph.indptr, np.full(total - K, g.graph.indptr[-1])])
    base = sparse.csr_matrix((g.graph.data, g.graph.indices, indptr), shape=(total, total))
    # a kept node under an area: arrive there directly (no 1e-9 edge)
    at_a = (sa.a_to == 0) | (sa.to_a == 0)
    at_b = ~at_a & ((sa.to_b == 0) | (sa.b_to == 0))
    dst_idx[at_a], dst_idx[at_b] = sa.a[at_a], sa.b[at_b]
    d, _, origin = csgraph.dijkstra(
        (base + extra).tocsr(),
        directed=True,
        indices=src_idx,
        limit=cutoff,
        min_only=True,
        return_predecessors=True,
    )
    best = d[dst_idx] + acc_a
    best_site = np.where(origin[dst_idx] >= 0, origin[dst_idx] - K, -1)
    s2, a2, direct = _same_chain_minutes(ss, sa)
    if len(s2):
        cand = direct + acc_s[s2] + acc_a[a2]
        order = np.lexsort((cand, a2))  # by area, then minutes
        _, first = np.unique(a2[order], return_index=True)
        sel = order[first]  # each area's fastest same-chain site
        better = cand[sel] < best[a2[sel]]
        best[a2[sel][better]] = cand[sel][better]
        best_site[a2[sel][better]] = s2[sel][better]
    bad = ~area_ok | ~(best <= cutoff) | (best_site < 0)
    best[bad], best_site[bad] = np.inf, -1
    return best_site, best
