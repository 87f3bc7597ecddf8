"""Travel networks for the planning pipeline: the national straight-line table (disk-cached) and
the engine dispatch (straight, an uploaded OD matrix, OpenStreetMap roads).

:func:`build_network` makes ONE table at :data:`~planning.plan.model.MAX_THRESHOLD` minutes; a
threshold change thresholds it in numpy, nothing is recomputed.
"""

from __future__ import annotations

import os
import time

import geopandas as gpd
import numpy as np

from planning.plan.model import (
    MAX_THRESHOLD,
    BaseData,
    Network,
    assemble_network,
    network_sites,
)
from planning.travel.straight import DEFAULT_DETOUR

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
            with np.load(path) as z:
                return TravelTable(
                    site_ids=site_ids,
                    area_ids=area_ids,
                    cutoff=float(z["cutoff"]),
                    site_idx=z["site_idx"],
                    area_idx=z["area_idx"],
                    minutes=z["minutes"],
                    engine="straight",
                )
        except Exception:  # noqa: BLE001 - a bad cache file is rebuilt, never trusted
            path.unlink(missing_ok=True)
    table = national_table(areas, site_ids, lat, lon, cutoff)
    tmp = path.with_suffix(f".{os.getpid()}.tmp.npz")
    np.savez(
        tmp,
        cutoff=table.cutoff,
        site_idx=table.site_idx,
        area_idx=table.area_idx,
        minutes=table.minutes,
    )
    os.replace(tmp, path)
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


def beyond_cap(
    base: BaseData, net: Network, open_mask: np.ndarray
) -> tuple[np.ndarray, np.ndarray] | None:
    """(nearest open site, uncapped minutes) of every area for the straight-line network: the
    same model as its table without the cutoff, for the areas the table leaves beyond
    :data:`MAX_THRESHOLD` (the average and worst time then count real minutes, ferries' stated
    penalty included). None for other engines (an uploaded table knows no more than it holds).
    Kept per open-site set (the network of a month is asked again on every change)."""
    if getattr(net.table, "engine", "") != "straight":
        return None
    mask = np.asarray(open_mask, dtype=bool)
    key = (id(net), mask.tobytes())
    held = _BEYOND.get(key)
    if held is not None and held[0] is net:
        return held[1], held[2]
    idx = np.flatnonzero(mask)
    if not len(idx):
        return None
    table = national_table(base.areas, net.site_ids[idx], net.lat[idx], net.lon[idx], np.inf)
    dense = table.dense()
    best = np.argmin(dense, axis=0)
    minutes = dense[best, np.arange(dense.shape[1])]
    if len(_BEYOND) >= _BEYOND_MAX:
        _BEYOND.pop(next(iter(_BEYOND)))
    _BEYOND[key] = (net, idx[best], minutes)
    return idx[best], minutes
