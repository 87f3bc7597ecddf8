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
4. :func:`osm_table` snaps sites and areas to the nearest routable node (snap distance reported;
   the straight access leg is added at ``access_kmh``), adds one virtual node per snapped point
   that lies inside a chain, and runs batched multi-source Dijkstra with a cutoff
   (``scipy.sparse.csgraph``), keeping only the minutes within the cutoff, sparse.
"""

from __future__ import annotations

import hashlib
import multiprocessing as mp
import os
import re
from concurrent.futures import ProcessPoolExecutor
from dataclasses import dataclass, field
from pathlib import Path

import numpy as np
from scipy import sparse
from scipy.sparse import csgraph
from scipy.spatial import cKDTree

from planning.errors import TravelError
from planning.settings import EARTH_RADIUS_KM, cache_dir
from planning.travel.straight import haversine_km, unit_vectors
from planning.travel.table import TravelTable

#: bump when the profile or the cached format changes
PROFILE_VERSION = "car-2"

#: free-flow car speed (km/h) by ``highway`` class when ``maxspeed`` is not tagged
HIGHWAY_SPEEDS_KMH: dict[str, float] = {
    "motorway": 100.0,
    "motorway_link": 60.0,
    "trunk": 80.0,
    "trunk_link": 50.0,
    "primary": 60.0,
    "primary_link": 40.0,
    "secondary": 50.0,
    "secondary_link": 35.0,
    "tertiary": 40.0,
    "tertiary_link": 30.0,
    "unclassified": 30.0,
    "residential": 25.0,
    "living_street": 10.0,
    "service": 15.0,
    "road": 30.0,
}
_NO_ACCESS = {"no", "private"}
_ONEWAY_FWD = {"yes", "true", "1"}
_ONEWAY_BWD = {"-1", "reverse"}
#: a site further than this from any road raises; an area further is left unreachable
DEFAULT_MAX_SNAP_M = 2000.0
#: speed of the straight access leg between a point and its snapped road node
DEFAULT_ACCESS_KMH = 15.0


def parse_maxspeed(value: str | None) -> float | None:
    """km/h from an OSM ``maxspeed`` tag (``"60"``, ``"30 mph"``, ``"60;80"``); ``None`` if
    absent or not numeric (``"signals"``, ``"none"``, ``"KR:urban"``)."""
    if not value:
        return None
    m = re.match(r"\s*([0-9]+(?:\.[0-9]+)?)\s*(mph|km/h|kmh|kph)?", value)
    if not m:
        return None
    speed = float(m.group(1))
    if m.group(2) == "mph":
        speed *= 1.609344
    return speed if 0 < speed <= 150 else None


def _check_osm_file(path: Path) -> None:
    if not path.exists():
        raise TravelError(
            f"The OpenStreetMap file {path} does not exist.",
            "Download a .osm.pbf extract (e.g. Geofabrik south-korea-latest.osm.pbf) and pass its path with --osm.",
        )
    if not path.is_file() or path.stat().st_size == 0:
        raise TravelError(
            f"The OpenStreetMap file {path} is empty or not a file.", "Pass a .osm.pbf file."
        )
    with path.open("rb") as f:
        head = f.read(64)
    is_pbf = b"OSMHeader" in head[:32]
    is_xml = head.lstrip().startswith(b"<?xml") or head.lstrip().startswith(b"<osm")
    if not (is_pbf or is_xml):
        raise TravelError(
            f"{path} is not an OpenStreetMap PBF (or .osm XML) file.",
            "Pass a .osm.pbf extract, e.g. from download.geofabrik.de/asia/south-korea.html.",
        )


@dataclass(frozen=True)
class RoadEdges:
    """Directed car edges on OSM nodes: ``src[k] -> dst[k]`` in ``minutes[k]``, ``metres[k]``."""

    node_lat: np.ndarray
    node_lon: np.ndarray
    src: np.ndarray
    dst: np.ndarray
    minutes: np.ndarray
    metres: np.ndarray


def _profile(speeds: dict[str, float | None] | None) -> dict[str, float]:
    """Highway class -> km/h; ``speeds`` overrides the defaults, ``None`` or 0 drops a class."""
    table = {**HIGHWAY_SPEEDS_KMH, **(speeds or {})}
    return {k: float(v) for k, v in table.items() if v}


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
        raise TravelError(
            f"Could not read {path} as an OpenStreetMap file ({exc}).",
            "Pass an intact .osm.pbf extract (re-download it if it may be truncated).",
        ) from exc
    if not refs:
        raise TravelError(
            f"{path} contains no drivable roads (no ways with a car highway=* tag).",
            "Use an extract that covers the study area's road network.",
        )
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


def file_hash(path: str | Path) -> str:
    h = hashlib.sha256()
    with Path(path).open("rb") as f:
        for block in iter(lambda: f.read(1 << 20), b""):
            h.update(block)
    return h.hexdigest()


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
) -> RoadGraph:
    """The contracted car graph of an OSM file, cached under ``cache_dir('osm')`` by the
    file's hash (and the speed profile)."""
    path = Path(path)
    _check_osm_file(path)
    profile = hashlib.sha256(repr(sorted(_profile(speeds).items())).encode()).hexdigest()[:12]
    cache = cache_dir("osm") / f"{file_hash(path)}-{PROFILE_VERSION}-{profile}.npz"
    if use_cache and cache.exists():
        try:
            return _load(cache)
        except Exception:  # a stale or truncated cache file is rebuilt
            cache.unlink(missing_ok=True)
    g = graph_from_edges(edges_from_osm(path, speeds))
    if use_cache:
        _save(g, cache)
    return g


# ---- snapping and routing ---------------------------------------------------------------
@dataclass(frozen=True)
class Snap:
    """Nearest routable node of each point and the straight distance to it (metres)."""

    node: np.ndarray
    metres: np.ndarray


def snap(g: RoadGraph, lat: np.ndarray, lon: np.ndarray) -> Snap:
    cand = np.flatnonzero(g.routable)
    if len(cand) == 0:
        raise TravelError(
            "The road network in this file is empty (no connected drivable roads).",
            "Use an OpenStreetMap extract that covers the study area.",
        )
    tree = cKDTree(unit_vectors(g.node_lat[cand], g.node_lon[cand]))
    chord, j = tree.query(unit_vectors(np.asarray(lat, float), np.asarray(lon, float)))
    metres = 2.0 * EARTH_RADIUS_KM * 1000.0 * np.arcsin(np.clip(np.asarray(chord) / 2.0, 0, 1))
    return Snap(node=cand[np.asarray(j)], metres=metres)


def _augment(g: RoadGraph, site_nodes: np.ndarray, area_nodes: np.ndarray):
    """Graph with one virtual node per snapped point inside a chain; returns
    (csr, source index per site, target index per area)."""
    K = g.n_kept
    rows, cols, vals = [], [], []
    src_idx = np.empty(len(site_nodes), dtype=np.int64)
    on_kept = g.chain_id[site_nodes] < 0
    src_idx[on_kept] = g.chain_a[site_nodes[on_kept]]
    inner = np.flatnonzero(~on_kept)
    virt = K + np.arange(len(inner))
    src_idx[inner] = virt
    x = site_nodes[inner]
    rows += [virt, virt]
    cols += [g.chain_b[x], g.chain_a[x]]
    vals += [g.t_to_b[x], g.t_to_a[x]]
    nxt = K + len(inner)
    dst_idx = np.empty(len(area_nodes), dtype=np.int64)
    on_kept = g.chain_id[area_nodes] < 0
    dst_idx[on_kept] = g.chain_a[area_nodes[on_kept]]
    inner = np.flatnonzero(~on_kept)
    virt = nxt + np.arange(len(inner))
    dst_idx[inner] = virt
    y = area_nodes[inner]
    rows += [g.chain_a[y], g.chain_b[y]]
    cols += [virt, virt]
    vals += [g.t_a_to[y], g.t_b_to[y]]
    total = nxt + len(inner)
    r, c, v = np.concatenate(rows), np.concatenate(cols), np.concatenate(vals)
    ok = np.isfinite(v)
    # a loop chain (a == b) gives two edges between the same nodes: keep the shorter
    r, c, v = _dedupe_min(r[ok], c[ok], v[ok], total)
    coo = sparse.coo_matrix((np.maximum(v, 1e-9), (r, c)), shape=(total, total))
    extra = coo.tocsr()
    indptr = np.concatenate([g.graph.indptr, np.full(total - K, g.graph.indptr[-1])])
    base = sparse.csr_matrix((g.graph.data, g.graph.indices, indptr), shape=(total, total))
    return (base + extra).tocsr(), src_idx, dst_idx


def _same_chain_minutes(g: RoadGraph, s_nodes: np.ndarray, a_nodes: np.ndarray):
    """Direct along-chain minutes for (site, area) pairs snapped inside the same chain."""
    cs, ca = g.chain_id[s_nodes], g.chain_id[a_nodes]
    si = np.flatnonzero(cs >= 0)
    ai = np.flatnonzero(ca >= 0)
    if not len(si) or not len(ai):
        return np.empty(0, np.int64), np.empty(0, np.int64), np.empty(0)
    order = np.argsort(ca[ai], kind="stable")
    ai_sorted, keys = ai[order], ca[ai][order]
    lo = np.searchsorted(keys, cs[si], "left")
    hi = np.searchsorted(keys, cs[si], "right")
    cnt = hi - lo
    s_rep = np.repeat(si, cnt)
    a_rep = (
        ai_sorted[np.concatenate([np.arange(a, b) for a, b in zip(lo, hi, strict=True)])]
        if cnt.sum()
        else np.empty(0, np.int64)
    )
    if not len(s_rep):
        return np.empty(0, np.int64), np.empty(0, np.int64), np.empty(0)
    xs, ya = s_nodes[s_rep], a_nodes[a_rep]
    fwd = g.t_a_to[ya] - g.t_a_to[xs]
    with np.errstate(invalid="ignore"):
        bwd = g.t_to_a[xs] - g.t_to_a[ya]  # nan when one-way
    direct = np.where(fwd >= 0, fwd, np.where(np.isfinite(bwd) & (bwd >= 0), bwd, np.inf))
    return s_rep, a_rep, direct


def _check_cutoff(cutoff: float) -> None:
    if cutoff is None or not np.isfinite(cutoff) or cutoff <= 0:
        raise TravelError(
            f"The travel-time threshold must be above 0 minutes (got {cutoff}).",
            "Pass a threshold such as 30 (minutes).",
        )


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
    aug, src, _ = _augment(g, s.node, np.empty(0, np.int64))
    d = csgraph.dijkstra(aug, directed=True, indices=src, limit=max(cutoff - access, 0.0))[0]
    dk = d[: g.n_kept]
    out = np.minimum(dk[g.chain_a] + g.t_a_to, dk[g.chain_b] + g.t_b_to)
    x = s.node[0]
    if g.chain_id[x] >= 0:
        same = g.chain_id == g.chain_id[x]
        fwd = g.t_a_to - g.t_a_to[x]
        with np.errstate(invalid="ignore"):
            bwd = g.t_to_a[x] - g.t_to_a
        direct = np.where(fwd >= 0, fwd, np.where(np.isfinite(bwd) & (bwd >= 0), bwd, np.inf))
        out = np.where(same, np.minimum(out, direct), out)
    out = out + access
    out[~(out <= cutoff)] = np.inf
    return out, float(s.metres[0])


def _check_site_snaps(s: Snap, max_snap_m: float, lat: np.ndarray, lon: np.ndarray) -> None:
    far = np.flatnonzero(s.metres > max_snap_m)
    if len(far):
        i = int(far[0])
        raise TravelError(
            f"{len(far)} site(s) are more than {max_snap_m:.0f} m from any road of the network "
            f"(first: {lat[i]:.5f},{lon[i]:.5f} is {s.metres[i]:.0f} m away).",
            "Check the site coordinates (lat,lon order) or use an OSM extract that covers them.",
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
        r, c = np.nonzero(sub <= self.cutoff)
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
) -> TravelTable:
    """Car minutes from sites to areas on ``g``, kept up to ``cutoff`` minutes.

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
    aug, src_idx, dst_idx = _augment(g, ss.node, sa.node)
    ok_cols = np.flatnonzero(area_ok)
    cols = dst_idx[ok_cols]
    total = aug.shape[0]
    batch = int(max(1, min(n_s, batch_bytes // (8 * max(total, 1)))))

    job = _Job(aug, src_idx, cols, ok_cols, acc_s, acc_a[ok_cols], float(cutoff))
    starts = [np.arange(lo, min(lo + batch, n_s)) for lo in range(0, n_s, batch)]
    if workers > 1 and len(starts) > 1:
        # processes, not threads: scipy's dijkstra holds the GIL. The job is handed to each
        # worker once (inherited on fork), not once per batch.
        ctx = mp.get_context("fork" if "fork" in mp.get_all_start_methods() else None)
        with ProcessPoolExecutor(
            workers, mp_context=ctx, initializer=_init_worker, initargs=(job,)
        ) as ex:
            parts = list(ex.map(_run_in_worker, starts))
    else:
        parts = [job.run(idx) for idx in starts]
    si = [p[0] for p in parts]
    ai = [p[1] for p in parts]
    mm = [p[2] for p in parts]
    s2, a2, direct = _same_chain_minutes(g, ss.node, sa.node)
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
