"""Travel networks for the planning pipeline: the national straight-line table (disk-cached) and
the road-network table of the ``osm`` engine (:func:`road_network`, cached by file hash).

:func:`build_network` makes ONE table at :data:`~planning.plan.model.MAX_THRESHOLD` minutes; a
threshold change thresholds it in numpy, nothing is recomputed.
"""

from __future__ import annotations

import os
import time
import weakref
from collections.abc import Callable, Sequence
from pathlib import Path

import geopandas as gpd
import numpy as np

from planning.errors import InfeasibleScenario
from planning.plan.model import (
    MAX_THRESHOLD,
    BaseData,
    Network,
    assemble_network,
    network_sites,
)
from planning.sources import Notice
from planning.travel.straight import DEFAULT_DETOUR

Progress = Callable[[float, str], None]

TRAVEL_CODE_VERSION = "2"  # bump when the sites or the travel engine's call below change
#: the national default's detour factor, shared with planning.plan.national.national_instance
DETOUR = DEFAULT_DETOUR


def _travel_cache_file(site_ids, lat, lon, areas: gpd.GeoDataFrame, cutoff: float):
    """Disk-cache path keyed by every input of the table: site ids and coordinates, the areas'
    codes, names (speeds by 동/읍/면), points and polygon fingerprint (landmasses), the cutoff,
    the engine's speeds, detour and ferry penalty, and the package/code versions."""
    import hashlib

    import shapely

    from planning import cache as layer_cache
    from planning.settings import cache_dir
    from planning.travel.islands import DEFAULT_BRIDGE_GAP_M
    from planning.travel.straight import DEFAULT_FERRY_MINUTES, MODEL_FINGERPRINT

    h = hashlib.sha1()
    for arr in (site_ids, areas["area_code"], areas["name_ko"]):
        h.update("\x1f".join(map(str, arr)).encode("utf-8"))
    geoms = areas.geometry.to_numpy()
    for arr in (lat, lon, areas["lat"], areas["lon"], shapely.bounds(geoms)):
        h.update(np.ascontiguousarray(arr, dtype=np.float64).tobytes())
    h.update(np.ascontiguousarray(shapely.get_num_coordinates(geoms), dtype=np.int64).tobytes())
    engine = (MODEL_FINGERPRINT, DETOUR, DEFAULT_FERRY_MINUTES)
    h.update(f"{cutoff}|{engine}|{DEFAULT_BRIDGE_GAP_M}|{TRAVEL_CODE_VERSION}".encode())
    h.update(layer_cache.cache_key(("planning",), TRAVEL_CODE_VERSION).encode())
    return cache_dir("travel") / f"straight-areas-{h.hexdigest()[:16]}.npz"


def national_table(areas: gpd.GeoDataFrame, site_ids, lat, lon, cutoff: float):
    """The national default travel table, with the same function and parameters as
    :func:`planning.plan.national.national_instance` (``python -m planning bench`` and the
    optimize CLI): :func:`planning.travel.straight_table_from_areas` with speeds by area type
    (동 25, 읍 40, 면 50 km/h), a detour of :data:`DETOUR` and a ferry penalty between
    landmasses."""
    from planning.travel import straight_table_from_areas

    return straight_table_from_areas(
        areas, lat, lon, cutoff=cutoff, site_ids=site_ids, detour=DETOUR
    )


def _cached_travel_table(site_ids, lat, lon, areas: gpd.GeoDataFrame, cutoff: float):
    from planning.travel import TravelTable

    area_ids = areas["area_code"].to_numpy(dtype=object)
    path = _travel_cache_file(site_ids, lat, lon, areas, cutoff)
    if path.is_file():
        try:
            return TravelTable.load_npz(path, site_ids, area_ids, engine="straight")[0]
        except Exception:  # noqa: BLE001 - a bad cache file is rebuilt, never trusted
            path.unlink(missing_ok=True)
    table = national_table(areas, site_ids, lat, lon, cutoff)
    table.save_npz(path)
    return table


def build_network(base: BaseData, *, cutoff: float = MAX_THRESHOLD) -> Network:
    """Sites and the national default travel table up to ``cutoff`` minutes (disk-cached)."""

    t0 = time.perf_counter()
    sites = network_sites(base)
    table = _cached_travel_table(sites.ids, sites.lat, sites.lon, base.areas, cutoff)
    return assemble_network(sites, table, t0)


#: real minutes beyond the table's cap, per (network, open sites): (network, site, minutes)
_BEYOND: dict[tuple[int, bytes], tuple[Network, np.ndarray, np.ndarray]] = {}
_BEYOND_MAX = 32
#: per BaseData, for beyond_cap: its areas' landmasses (islands.find_landmasses), area types and
#: a k-d tree of the areas (a site takes the type of its nearest area)
_LANDMASSES: weakref.WeakKeyDictionary = weakref.WeakKeyDictionary()


def beyond_cap(
    base: BaseData, net: Network, open_mask: np.ndarray, areas: np.ndarray | None = None
) -> tuple[np.ndarray, np.ndarray] | None:
    """(nearest open site, uncapped minutes) of the ``areas`` (a boolean mask; every area when
    None) for the straight-line network: the same model as its table without the cutoff, for
    the areas the table leaves beyond :data:`MAX_THRESHOLD` (the average and worst time then
    count real minutes, ferries' stated penalty included). None for other engines (an uploaded
    table knows no more than it holds). Kept per (open sites, areas): the network of a month is
    asked again on every change, and only the few areas beyond the cap are worked out."""
    if getattr(net.table, "engine", "") != "straight":
        return None
    mask = np.asarray(open_mask, dtype=bool)
    want = np.ones(len(base.areas), dtype=bool) if areas is None else np.asarray(areas, bool)
    key = (id(net), mask.tobytes(), want.tobytes())
    held = _BEYOND.get(key)
    if held is not None and held[0] is net:
        return held[1], held[2]
    idx = np.flatnonzero(mask)
    if not len(idx):
        return None
    from dataclasses import replace

    from scipy.spatial import cKDTree

    from planning.travel import straight_table_from_areas
    from planning.travel.islands import find_landmasses
    from planning.travel.straight import types_from_names, unit_vectors

    if base not in _LANDMASSES:  # the ~0.7 s island search, once per data
        areas = base.areas
        _LANDMASSES[base] = (
            find_landmasses(areas),
            types_from_names(areas["name_ko"].astype(str)),
            cKDTree(unit_vectors(areas["lat"].to_numpy(float), areas["lon"].to_numpy(float))),
        )
    land, types, tree = _LANDMASSES[base]
    # each site keeps the area type of its nearest area among all areas (not only those asked)
    _, near = tree.query(unit_vectors(net.lat[idx], net.lon[idx]))
    table = straight_table_from_areas(
        base.areas[want],
        net.lat[idx],
        net.lon[idx],
        cutoff=np.inf,
        site_ids=net.site_ids[idx],
        detour=DETOUR,
        landmasses=replace(land, area_label=land.area_label[want]),
        site_type=types[near],
    )
    dense = table.dense()
    best = np.argmin(dense, axis=0)
    minutes = dense[best, np.arange(dense.shape[1])]
    if len(_BEYOND) >= _BEYOND_MAX:
        _BEYOND.pop(next(iter(_BEYOND)))
    _BEYOND[key] = (net, idx[best], minutes)
    return idx[best], minutes


#: a graph with more nodes than this routes on the (cached) node hierarchy: ~3x faster tables
HIERARCHY_MIN_NODES = 200_000


def _check_road_file(path: Path) -> None:
    """A clear error for a missing file or one that is neither a PBF/.osm nor a GraphML."""
    from planning.errors import TravelError
    from planning.travel import graphml

    if not path.is_file():
        raise TravelError.of("roads.no_file", path=path)
    with path.open("rb") as f:
        head = f.read(2048)
    pbf = b"OSMHeader" in head[:32]
    xml = head.lstrip().startswith((b"<?xml", b"<osm"))
    if not (pbf or xml or graphml.is_graphml(path)):
        raise TravelError.of("roads.format", name=path.name)


def road_network(
    base: BaseData,
    path: str | os.PathLike,
    *,
    sido: Sequence[str] | None = None,
    progress: Progress | None = None,
    cutoff: float = MAX_THRESHOLD,
    workers: int = 1,
) -> Network:
    """Sites and car minutes on the road file ``path`` (OpenStreetMap ``.osm.pbf``/``.osm`` or
    OSMnx GraphML) up to ``cutoff`` minutes: the app's travel table of the ``osm`` engine.

    Built once and cached (graph by file hash and speed profile, table by sites and areas; see
    :func:`planning.travel.roads.road_table`); a threshold change only filters it. ``sido``
    clips the network to those 시도 (for smaller machines): areas outside are unreachable, and
    so is every site outside the clip or further than the snapping distance from its roads
    (``table.meta['sites_unrouted']``; :func:`road_notices` says so). ``progress(fraction,
    stage)`` as in :data:`planning.travel.roads.STAGES`."""
    from planning.errors import TravelError
    from planning.travel import osm, roads
    from planning.travel.table import TravelTable

    t0 = time.perf_counter()
    path = Path(path)
    _check_road_file(path)
    sido = [str(c) for c in sido] if sido else None
    try:
        g = roads.road_graph(path, areas=base.areas, sido=sido, progress=progress)
    except TravelError as exc:
        if exc.problem_ko:  # already bilingual (e.g. the 시도 clip)
            raise
        # the reader's English-only errors, in the catalog's two languages
        if "no drivable roads" in exc.problem:
            raise TravelError.of("roads.no_roads", name=path.name) from exc
        raise TravelError.of("roads.unreadable", name=path.name, detail=exc.problem) from exc
    except (ValueError, IndexError, OSError) as exc:  # a damaged file
        raise TravelError.of("roads.unreadable", name=path.name, detail=exc) from exc
    if g.n_nodes == 0 or len(g.edge_minutes) == 0:
        raise TravelError.of("roads.no_roads", name=path.name)
    sites = network_sites(base)
    routed = osm.snap(g, sites.lat, sites.lon).metres <= osm.DEFAULT_MAX_SNAP_M
    if sido:
        lat0, lon0, lat1, lon1 = roads.sido_bbox(base.areas, sido, roads.DEFAULT_BUFFER_KM)
        routed &= (sites.lat >= lat0) & (sites.lat <= lat1)
        routed &= (sites.lon >= lon0) & (sites.lon <= lon1)
    if not routed.any():
        raise TravelError.of("roads.no_sites", name=path.name)
    keep = np.flatnonzero(routed)
    sub = roads.road_table(
        path,
        sites.lat[keep],
        sites.lon[keep],
        base.areas,
        cutoff=cutoff,
        site_ids=sites.ids[keep],
        sido=sido,
        progress=progress,
        workers=workers,
        hierarchy=g.n_nodes > HIERARCHY_MIN_NODES,
    )
    area_ids = base.areas["area_code"].to_numpy(dtype=object)
    area_in = np.ones(len(area_ids), dtype=bool)
    if sido:
        area_in = base.areas["sido_code"].astype(str).isin(set(sido)).to_numpy()
    unsnapped = set(map(str, sub.meta.get("unsnapped_areas", ())))
    table = TravelTable.from_pairs(
        sites.ids,
        area_ids,
        keep[sub.site_idx],
        sub.area_idx,
        sub.minutes,
        cutoff=sub.cutoff,
        engine="osm",
        meta={
            "file": str(path),
            "filename": path.name,
            "sido": tuple(sido or ()),
            "sites_unrouted": sites.ids[~routed],
            "areas_outside": area_ids[~area_in],
            "unsnapped_areas": np.array(sorted(unsnapped), dtype=object),
            "graph_nodes": int(g.n_nodes),
            "cached": bool(sub.meta.get("cached", False)),
        },
    )
    return assemble_network(sites, table, t0)


def road_notices(base: BaseData, net: Network) -> list[Notice]:
    """What a planner must know about a road table: the 시도 clip (areas outside it reach no
    site), sites left out (outside the clip or far from its roads: never chosen, and existing
    centers among them serve nobody) and areas too far from any road."""
    meta = net.table.meta
    out: list[Notice] = []
    outside = meta.get("areas_outside", ())
    if len(outside):
        out.append(
            Notice.of(
                "roads.clipped",
                sido=", ".join(meta.get("sido", ())),
                n=f"{len(outside):,}",
                total=f"{len(net.table.area_ids):,}",
            )
        )
    unrouted = set(map(str, meta.get("sites_unrouted", ())))
    if unrouted:
        centers = [str(s) for s in net.site_ids[: net.n_centers] if str(s) in unrouted]
        out.append(
            Notice.of(
                "roads.sites_unrouted",
                n=f"{len(unrouted):,}",
                total=f"{len(net.site_ids):,}",
                centers=len(centers),
            )
        )
    unsnapped = meta.get("unsnapped_areas", ())
    if len(unsnapped):
        out.append(Notice.of("roads.areas_unsnapped", n=f"{len(unsnapped):,}"))
    return out


#: areas named at most in a message
_SHOW_AREAS = 5


def road_options(base: BaseData, net: Network, scenario, index) -> dict[str, float]:
    """Solver options for a road table, whose clip and roads may leave 행정동 without any site
    (the average model already counts them at the table's cap): ``worst`` cannot rank sites
    then and refuses, naming the areas and the ways out. Nothing for other tables or models."""
    if getattr(net.table, "engine", "") != "osm" or scenario.model != "worst":
        return {}
    lost = net.unreached(index)
    if not lost.any():
        return {}
    areas = base.areas.iloc[np.flatnonzero(lost)[:_SHOW_AREAS]]
    names = (areas["sigungu_ko"].astype(str) + " " + areas["name_ko"].astype(str)).tolist()
    raise InfeasibleScenario.of(
        "roads.worst_unreachable", n=f"{int(lost.sum()):,}", areas=", ".join(names)
    )
