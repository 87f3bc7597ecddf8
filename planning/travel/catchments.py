"""Catchments: the area each site reaches within a threshold, and each area's nearest site.

* :func:`catchments_from_areas` (``straight`` and ``matrix`` engines): the union of the demand
  areas whose points are reachable, clipped to land, united with a small disc round the site
  (so the polygon always contains its site).
* :func:`catchments_from_network` (``osm`` engine): the reachable road network (edges reached
  in full, plus the reachable part of edges leaving the catchment) buffered by ``buffer_m``,
  united with the site's access leg and a disc round the site.
* :func:`nearest_sites`: per area, the nearest site and the minutes to it.

All return GeoDataFrames in EPSG:4326, ready for ``to_file(..., driver="GeoJSON")``.
"""

from __future__ import annotations

from collections.abc import Sequence

import geopandas as gpd
import numpy as np
import pandas as pd
import shapely
from pyproj import Transformer

from planning.errors import TravelError
from planning.settings import CRS_METRIC, CRS_WEB
from planning.travel.osm import DEFAULT_ACCESS_KMH, DEFAULT_MAX_SNAP_M, RoadGraph, node_minutes
from planning.travel.table import TravelTable

DEFAULT_DISC_M = 300.0
DEFAULT_BUFFER_M = 150.0

_TO_METRIC = Transformer.from_crs(CRS_WEB, CRS_METRIC, always_xy=True)


def _check_threshold(threshold: float) -> float:
    if threshold is None or not np.isfinite(threshold) or threshold <= 0:
        raise TravelError.of("travel_catchments.threshold", threshold=threshold)
    return float(threshold)


def _site_points(lat: Sequence[float], lon: Sequence[float]) -> np.ndarray:
    x, y = _TO_METRIC.transform(np.asarray(lon, float), np.asarray(lat, float))
    return shapely.points(np.asarray(x), np.asarray(y))


def _valid(geom):
    geom = shapely.make_valid(geom)
    if geom.geom_type == "GeometryCollection":
        polys = [g for g in shapely.get_parts(geom) if g.geom_type in ("Polygon", "MultiPolygon")]
        geom = shapely.union_all(polys)
    return geom


def _frame(
    table_site_ids, sites_lat, sites_lon, threshold, engine, geoms, extra
) -> gpd.GeoDataFrame:
    data = {
        "site_id": np.asarray(table_site_ids),
        "site_lat": np.asarray(sites_lat, float),
        "site_lon": np.asarray(sites_lon, float),
        "threshold_min": float(threshold),
        "engine": engine,
        **extra,
    }
    gdf = gpd.GeoDataFrame(pd.DataFrame(data), geometry=list(geoms), crs=CRS_METRIC)
    gdf = gdf.to_crs(CRS_WEB)
    # reprojection can make near-touching rings cross: repair in the output CRS
    gdf["geometry"] = [_valid(geom) for geom in gdf.geometry.values]
    return gdf


def catchments_from_areas(
    table: TravelTable,
    areas: gpd.GeoDataFrame,
    sites_lat: Sequence[float],
    sites_lon: Sequence[float],
    *,
    threshold: float,
    land=None,
    disc_m: float = DEFAULT_DISC_M,
    simplify_m: float = 20.0,
    close_m: float = 10.0,
) -> gpd.GeoDataFrame:
    """One polygon per site: union of the areas (rows of ``areas``, in the table's area order)
    reachable within ``threshold``, clipped to ``land`` (a shapely geometry in EPSG:5179, as
    ``planning.regions.load_land()`` returns; default: no clipping), united with a ``disc_m``
    disc round the site."""
    threshold = _check_threshold(threshold)
    if threshold > table.cutoff:
        raise TravelError.of(
            "travel_catchments.over_cutoff", threshold=threshold, cutoff=table.cutoff
        )
    if len(areas) != table.n_areas:
        raise TravelError.of("travel_catchments.areas_count", n=len(areas), n_areas=table.n_areas)
    if len(sites_lat) != table.n_sites:
        raise TravelError.of("travel_catchments.site_coords")
    metric = np.asarray(areas.to_crs(CRS_METRIC).geometry.values)
    if simplify_m:
        metric = shapely.simplify(metric, simplify_m, preserve_topology=True)
    metric = shapely.make_valid(metric)
    land_m = None
    if land is not None:
        land_m = shapely.make_valid(land)
    sub = table.within(threshold)
    pts = _site_points(sites_lat, sites_lon)
    geoms, counts = [], []
    for s in range(table.n_sites):
        reach = sub.area_idx[sub.site_idx == s]
        counts.append(len(reach))
        cover = shapely.union_all(metric[reach]) if len(reach) else shapely.Polygon()
        if close_m and not cover.is_empty:  # close slivers between neighbouring polygons
            cover = shapely.buffer(
                shapely.buffer(cover, close_m, quad_segs=2), -close_m, quad_segs=2
            )
        if land_m is not None and not cover.is_empty:
            cover = shapely.intersection(cover, land_m)
        geom = shapely.union(cover, shapely.buffer(pts[s], disc_m))
        geoms.append(_valid(geom))
    return _frame(
        table.site_ids, sites_lat, sites_lon, threshold, table.engine, geoms, {"n_areas": counts}
    )


def catchments_from_network(
    g: RoadGraph,
    sites_lat: Sequence[float],
    sites_lon: Sequence[float],
    *,
    threshold: float,
    site_ids: Sequence | None = None,
    buffer_m: float = DEFAULT_BUFFER_M,
    disc_m: float = DEFAULT_DISC_M,
    max_snap_m: float = DEFAULT_MAX_SNAP_M,
    access_kmh: float | None = DEFAULT_ACCESS_KMH,
) -> gpd.GeoDataFrame:
    """One polygon per site from the road network reachable within ``threshold`` minutes:
    reached edges (and the reached part of edges leaving the catchment) buffered by
    ``buffer_m``, united with the site's access leg and a ``disc_m`` disc round the site."""
    threshold = _check_threshold(threshold)
    sites_lat = np.asarray(sites_lat, float)
    sites_lon = np.asarray(sites_lon, float)
    site_ids = np.arange(len(sites_lat)) if site_ids is None else np.asarray(site_ids)
    nx_, ny_ = _TO_METRIC.transform(g.node_lon, g.node_lat)
    nx_, ny_ = np.asarray(nx_), np.asarray(ny_)
    pts = _site_points(sites_lat, sites_lon)
    geoms, snaps, n_edges = [], [], []
    for s in range(len(sites_lat)):
        t, snap_m = node_minutes(
            g,
            sites_lat[s],
            sites_lon[s],
            cutoff=threshold,
            max_snap_m=max_snap_m,
            access_kmh=access_kmh,
        )
        tu, tv = t[g.src], t[g.dst]
        full = np.isfinite(tu) & np.isfinite(tv)
        part = np.isfinite(tu) & ~np.isfinite(tv)
        lines = []
        u, v = g.src[full], g.dst[full]
        seg = np.stack([np.c_[nx_[u], ny_[u]], np.c_[nx_[v], ny_[v]]], axis=1)
        lines.append(seg)
        if part.any():
            u, v = g.src[part], g.dst[part]
            frac = np.clip((threshold - tu[part]) / g.edge_minutes[part], 0.0, 1.0)
            ex = nx_[u] + frac * (nx_[v] - nx_[u])
            ey = ny_[u] + frac * (ny_[v] - ny_[u])
            lines.append(np.stack([np.c_[nx_[u], ny_[u]], np.c_[ex, ey]], axis=1))
        seg = np.concatenate(lines)
        n_edges.append(int(full.sum()))
        dist = np.where(np.isfinite(t), np.hypot(nx_ - pts[s].x, ny_ - pts[s].y), np.inf)
        node = int(np.argmin(dist)) if np.isfinite(dist).any() else None
        pieces = [shapely.buffer(pts[s], max(disc_m, buffer_m))]
        if len(seg):
            net = shapely.multilinestrings(shapely.linestrings(seg))
            pieces.append(shapely.buffer(net, buffer_m, quad_segs=4))
        if node is not None:
            access = shapely.linestrings([[pts[s].x, pts[s].y], [nx_[node], ny_[node]]])
            pieces.append(shapely.buffer(access, buffer_m, quad_segs=4))
        geoms.append(_valid(shapely.union_all(pieces)))
        snaps.append(snap_m)
    return _frame(
        site_ids,
        sites_lat,
        sites_lon,
        threshold,
        "osm",
        geoms,
        {"snap_m": snaps, "n_edges": n_edges},
    )


def nearest_sites(table: TravelTable, areas: gpd.GeoDataFrame | None = None) -> pd.DataFrame:
    """Per area: ``area_id``, ``nearest_site`` (id, missing if none within the cutoff),
    ``minutes`` (NaN if none, so it exports to JSON) and ``reached``. With ``areas`` (same
    order as the table), a GeoDataFrame."""
    site, minutes = table.nearest()
    reached = site >= 0
    nearest = pd.array(
        [table.site_ids[i] if i >= 0 else None for i in site],
        dtype="string" if table.site_ids.dtype.kind in "OUS" else "Int64",
    )
    df = pd.DataFrame(
        {
            "area_id": table.area_ids,
            "nearest_site": nearest,
            "minutes": np.where(reached, minutes, np.nan),
            "reached": reached,
        }
    )
    if areas is None:
        return df
    if len(areas) != table.n_areas:
        raise TravelError.of("travel_catchments.areas_count", n=len(areas), n_areas=table.n_areas)
    return gpd.GeoDataFrame(df, geometry=areas.geometry.to_crs(CRS_WEB).values, crs=CRS_WEB)


def catchments(
    sites_lat: Sequence[float],
    sites_lon: Sequence[float],
    *,
    threshold: float,
    table: TravelTable | None = None,
    areas: gpd.GeoDataFrame | None = None,
    graph: RoadGraph | None = None,
    site_ids: Sequence | None = None,
    land=None,
    **options,
) -> gpd.GeoDataFrame:
    """One polygon per site: from the road ``graph`` when given (``osm``), else from the
    ``table`` and its demand ``areas`` (``straight`` / ``matrix``)."""
    if graph is not None:
        return catchments_from_network(
            graph, sites_lat, sites_lon, threshold=threshold, site_ids=site_ids, **options
        )
    if table is None or areas is None:
        raise TravelError.of("travel_catchments.no_input")
    return catchments_from_areas(
        table, areas, sites_lat, sites_lon, threshold=threshold, land=land, **options
    )
