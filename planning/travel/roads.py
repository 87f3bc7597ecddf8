"""The road-network travel table for the pipeline: built once, cached, filtered by threshold.

:func:`road_table` turns a road file (OpenStreetMap ``.osm.pbf`` or OSMnx GraphML) plus sites
and demand areas into a :class:`~planning.travel.table.TravelTable` of car minutes:

1. the contracted graph of the file (cached by file hash and speed profile, see
   :func:`planning.travel.osm.graph_from_osm`);
2. optionally clipped to a 시도 selection: the bounding box of the selected 시도's polygons
   plus ``buffer_km`` (roads just across the border still route), contracted again and cached
   by file hash, profile, selection and buffer, for machines too small for the national graph;
3. optionally (``hierarchy=True``) a node hierarchy over it (:mod:`planning.travel.hierarchy`,
   a few minutes once for a national network, cached) that makes the table ~3x faster;
4. the table at ``cutoff`` (``math.inf`` for every reachable pair), cached by file hash,
   profile, selection, sites, areas, cutoff and snapping settings. A threshold then only
   filters it (``table.within(threshold)``); build it once at the largest threshold offered.

``progress(fraction, stage)`` is called along the way (``fraction`` 0..1; ``stage`` one of
:data:`STAGES`, with Korean/English labels for a progress bar).
"""

from __future__ import annotations

import hashlib
import math
from collections.abc import Callable, Sequence
from dataclasses import replace
from pathlib import Path

import numpy as np

from planning.errors import TravelError
from planning.i18n import t
from planning.settings import cache_dir
from planning.travel import osm
from planning.travel.straight import haversine_km
from planning.travel.table import TravelTable

#: bump when the cached table format or its inputs change
TABLE_VERSION = "1"
#: progress stages and their labels (Korean, English), from the catalog (``roads.stage.*``)
STAGES: dict[str, tuple[str, str]] = {
    stage: (t(f"roads.stage.{stage}", "ko"), t(f"roads.stage.{stage}", "en"))
    for stage in ("graph", "clip", "hierarchy", "route", "done")
}
DEFAULT_BUFFER_KM = 30.0

Progress = Callable[[float, str], None]


def _report(progress: Progress | None, fraction: float, stage: str) -> None:
    if progress is not None:
        progress(float(min(max(fraction, 0.0), 1.0)), stage)


def _profile_key(speeds, use_maxspeed: bool) -> str:
    return hashlib.sha256(
        repr((sorted(osm._profile(speeds).items()), bool(use_maxspeed))).encode()
    ).hexdigest()[:12]


def sido_bbox(areas, sido: Sequence[str], buffer_km: float) -> tuple[float, float, float, float]:
    """``(min_lat, min_lon, max_lat, max_lon)`` of the selected 시도's area polygons plus
    ``buffer_km``."""
    codes = {str(c) for c in sido}
    sel = areas[areas["sido_code"].astype(str).isin(codes)]
    if len(sel) == 0:
        known = ", ".join(sorted(areas["sido_code"].astype(str).unique())[:20])
        raise TravelError.of("roads.no_area_in_sido", codes=", ".join(sorted(codes)), known=known)
    geo = sel.to_crs(4326) if sel.crs is not None and not sel.crs.equals(4326) else sel
    lon0, lat0, lon1, lat1 = geo.total_bounds
    dlat = buffer_km / 111.195
    dlon = buffer_km / (111.195 * math.cos(math.radians(max(abs(lat0), abs(lat1)))))
    return lat0 - dlat, lon0 - dlon, lat1 + dlat, lon1 + dlon


def clip_graph(g: osm.RoadGraph, bbox: tuple[float, float, float, float]) -> osm.RoadGraph:
    """The graph of the original edges with both ends inside ``bbox``, contracted again."""
    lat0, lon0, lat1, lon1 = bbox
    inside = (g.node_lat >= lat0) & (g.node_lat <= lat1) & (g.node_lon >= lon0)
    inside &= g.node_lon <= lon1
    keep = inside[g.src] & inside[g.dst]
    if not keep.any():
        raise TravelError.of("roads.no_roads_in_sido")
    nodes = np.flatnonzero(inside)
    new = np.full(g.n_nodes, -1, dtype=np.int64)
    new[nodes] = np.arange(len(nodes))
    src, dst = new[g.src[keep]], new[g.dst[keep]]
    lat, lon = g.node_lat[nodes], g.node_lon[nodes]
    metres = haversine_km(lat[src], lon[src], lat[dst], lon[dst]) * 1000.0
    edges = osm.RoadEdges(
        node_lat=lat,
        node_lon=lon,
        src=src,
        dst=dst,
        minutes=g.edge_minutes[keep],
        metres=metres,
    )
    return osm.graph_from_edges(edges)


def road_graph(
    path: str | Path,
    *,
    areas=None,
    sido: Sequence[str] | None = None,
    buffer_km: float = DEFAULT_BUFFER_KM,
    speeds: dict[str, float | None] | None = None,
    use_maxspeed: bool = True,
    use_cache: bool = True,
    progress: Progress | None = None,
) -> osm.RoadGraph:
    """The contracted graph of ``path``, clipped to ``sido`` (codes; needs ``areas`` with
    ``sido_code`` and polygons) when given. Both are cached on disk."""
    _report(progress, 0.0, "graph")
    g = osm.graph_from_osm(path, speeds=speeds, use_cache=use_cache, use_maxspeed=use_maxspeed)
    if not sido:
        return g
    if areas is None:
        raise TravelError.of("roads.needs_areas")
    _report(progress, 0.1, "clip")
    bbox = sido_bbox(areas, sido, buffer_km)
    key = hashlib.sha256(
        repr(
            (
                osm.file_hash(path),
                osm.PROFILE_VERSION,
                _profile_key(speeds, use_maxspeed),
                sorted(map(str, sido)),
                round(buffer_km, 6),
                tuple(round(x, 9) for x in bbox),
            )
        ).encode()
    ).hexdigest()[:20]
    cache = cache_dir("osm") / f"clip-{key}.npz"
    if use_cache and cache.exists():
        try:
            return osm._load(cache)
        except Exception:  # a stale or truncated cache file is rebuilt
            cache.unlink(missing_ok=True)
    clipped = clip_graph(g, bbox)
    if use_cache:
        osm._save(clipped, cache)
    return clipped


def _table_key(parts: Sequence) -> str:
    h = hashlib.sha256()
    for p in parts:
        if isinstance(p, np.ndarray) and p.dtype.kind in "fiub":
            h.update(np.ascontiguousarray(p, dtype=np.float64).tobytes())
        elif isinstance(p, np.ndarray):
            h.update("\x1f".join(map(str, p)).encode("utf-8"))
        else:
            h.update(repr(p).encode("utf-8"))
        h.update(b"\x1e")
    return h.hexdigest()[:24]


def road_table(
    path: str | Path,
    sites_lat: np.ndarray,
    sites_lon: np.ndarray,
    areas,
    *,
    cutoff: float,
    site_ids: Sequence | None = None,
    sido: Sequence[str] | None = None,
    buffer_km: float = DEFAULT_BUFFER_KM,
    progress: Progress | None = None,
    speeds: dict[str, float | None] | None = None,
    use_maxspeed: bool = True,
    max_snap_m: float = osm.DEFAULT_MAX_SNAP_M,
    access_kmh: float | None = osm.DEFAULT_ACCESS_KMH,
    workers: int = 1,
    hierarchy: bool = False,
    use_cache: bool = True,
) -> TravelTable:
    """Car minutes from sites to the demand ``areas`` (``area_code``, ``lat``, ``lon``; with
    ``sido``, also ``sido_code`` and ``geometry``) on the road file ``path``, kept up to
    ``cutoff`` minutes (``math.inf``: every reachable pair).

    With ``sido`` the network is clipped to those 시도 (bbox + ``buffer_km``) and only their
    areas are routed (the others are left unreachable); sites outside the clip are left out
    too (``meta['sites_outside']``). Areas further than ``max_snap_m`` from a road are
    unreachable (``meta['unsnapped_areas']``); a site inside the network further than that
    raises. ``hierarchy=True`` routes on a cached node hierarchy (the same minutes; worth it
    for a national network). The result is cached; rebuild with ``use_cache=False``."""
    osm._check_cutoff(cutoff)
    sites_lat = np.asarray(sites_lat, dtype=np.float64).ravel()
    sites_lon = np.asarray(sites_lon, dtype=np.float64).ravel()
    n_s = len(sites_lat)
    site_ids = np.arange(n_s) if site_ids is None else np.asarray(site_ids)
    area_ids = areas["area_code"].to_numpy(dtype=object)
    a_lat = areas["lat"].to_numpy(dtype=np.float64)
    a_lon = areas["lon"].to_numpy(dtype=np.float64)
    path = Path(path)
    key = _table_key(
        [
            TABLE_VERSION,
            osm.file_hash(path) if path.is_file() else str(path),
            osm.PROFILE_VERSION,
            _profile_key(speeds, use_maxspeed),
            sorted(map(str, sido or [])),
            buffer_km,
            float(cutoff),
            max_snap_m,
            access_kmh,
            np.asarray(site_ids),
            sites_lat,
            sites_lon,
            area_ids,
            a_lat,
            a_lon,
        ]
    )
    cache = cache_dir("travel") / f"road-{key}.npz"
    if use_cache and cache.exists():
        try:
            loaded, z = TravelTable.load_npz(cache, site_ids, area_ids, engine="osm")
            table = replace(
                loaded,
                meta={
                    "site_snap_m": z["site_snap_m"],
                    "area_snap_m": z["area_snap_m"],
                    "unsnapped_areas": area_ids[z["unsnapped"]],
                    "sites_outside": site_ids[z["outside"]],
                    "cached": True,
                },
            )
            _report(progress, 1.0, "done")
            return table
        except Exception:  # a stale or truncated cache file is rebuilt
            cache.unlink(missing_ok=True)

    g = road_graph(
        path,
        areas=areas,
        sido=sido,
        buffer_km=buffer_km,
        speeds=speeds,
        use_maxspeed=use_maxspeed,
        use_cache=use_cache,
        progress=progress,
    )
    site_in = np.ones(n_s, dtype=bool)
    area_in = np.ones(len(area_ids), dtype=bool)
    if sido:
        lat0, lon0, lat1, lon1 = sido_bbox(areas, sido, buffer_km)
        site_in = (sites_lat >= lat0) & (sites_lat <= lat1)
        site_in &= (sites_lon >= lon0) & (sites_lon <= lon1)
        area_in = areas["sido_code"].astype(str).isin({str(c) for c in sido}).to_numpy()
    route = osm.osm_table
    if hierarchy:
        from planning.travel import hierarchy as hier

        _report(progress, 0.15, "hierarchy")
        h_key = _table_key(["h1", g.n_nodes, g.n_kept, g.graph.indptr, g.graph.data, g.node_lat])
        h_path = cache_dir("osm") / f"hierarchy-{h_key}.npz"
        h = None
        if use_cache and h_path.exists():
            try:
                h = hier.load_hierarchy(h_path)
            except Exception:  # a stale or truncated cache file is rebuilt
                h_path.unlink(missing_ok=True)
        if h is None:
            h = hier.build_hierarchy(g)
            if use_cache:
                hier.save_hierarchy(h, h_path)

        def route(g_, *args, **kwargs):
            return hier.hierarchy_table(h, g_, *args, **kwargs)

    _report(progress, 0.2, "route")
    si, ai = np.flatnonzero(site_in), np.flatnonzero(area_in)
    sub = route(
        g,
        sites_lat[si],
        sites_lon[si],
        a_lat[ai],
        a_lon[ai],
        cutoff=cutoff,
        max_snap_m=max_snap_m,
        access_kmh=access_kmh,
        workers=workers,
        progress=lambda done, total: _report(progress, 0.2 + 0.8 * done / total, "route"),
    )
    site_snap = np.full(n_s, np.nan)
    site_snap[si] = sub.meta["site_snap_m"]
    area_snap = np.full(len(area_ids), np.nan)
    area_snap[ai] = sub.meta["area_snap_m"]
    unsnapped = np.zeros(len(area_ids), dtype=bool)
    unsnapped[ai] = ~(sub.meta["area_snap_m"] <= max_snap_m)
    table = TravelTable.from_pairs(
        site_ids,
        area_ids,
        si[sub.site_idx],
        ai[sub.area_idx],
        sub.minutes,
        cutoff=cutoff,
        engine="osm",
        meta={
            "site_snap_m": site_snap,
            "area_snap_m": area_snap,
            "unsnapped_areas": area_ids[unsnapped],
            "sites_outside": site_ids[~site_in],
            "graph": dict(g.meta),
            "cached": False,
        },
    )
    if use_cache:
        table.save_npz(
            cache,
            site_snap_m=site_snap,
            area_snap_m=area_snap,
            unsnapped=np.flatnonzero(unsnapped),
            outside=np.flatnonzero(~site_in),
        )
    _report(progress, 1.0, "done")
    return table
