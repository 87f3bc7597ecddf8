"""Display simplification of region polygons (no folium): coverage-preserving simplification
in metres, small parts dropped, coordinates rounded. Used by the map and the cached display
layers of :mod:`planning.regions`."""

from __future__ import annotations

from typing import Any

import geopandas as gpd
import numpy as np
import shapely

from planning.errors import DataError
from planning.settings import CRS_METRIC, CRS_WEB

DEFAULT_TOLERANCE_M = 400.0  # display simplification (coverage VW: ~ sqrt of area removed), m
COORD_DECIMALS = 5  # ~1 m at Korean latitudes


# --------------------------------------------------------------------------- geometry


def simplify_for_display(
    gdf: gpd.GeoDataFrame,
    *,
    tolerance_m: float = DEFAULT_TOLERANCE_M,
    decimals: int = COORD_DECIMALS,
    coverage: bool = True,
) -> gpd.GeoDataFrame:
    """Simplify polygons for display (in EPSG:5179 metres), back to EPSG:4326, coordinates
    rounded to ``decimals``; empty results dropped.

    ``coverage=True`` (boundaries, 행정동): ``shapely.coverage_simplify`` (Visvalingam-Whyatt,
    ``tolerance_m`` ~ the square root of the triangle areas removed), which keeps the borders
    neighbours share identical: no gaps or overlaps between areas at any zoom.
    ``coverage=False`` (catchments, which overlap): Douglas-Peucker per polygon.
    Before both, islets smaller than ``(2 * tolerance_m)²`` (the largest part always stays) and
    sliver holes thinner than ``tolerance_m / 2`` (left by dissolving neighbours) are dropped;
    in ``coverage=False`` mode holes under 1 km² or thinner than ``2 * tolerance_m`` go too
    (slits left where a union of areas had gaps), and slits narrower than ``3 * tolerance_m``
    are closed (buffer out and back in).
    """
    if gdf.crs is None:
        raise DataError.of("display.no_crs")
    out = gdf.to_crs(CRS_METRIC)
    if tolerance_m > 0:
        min_area = (2 * tolerance_m) ** 2
        cleaned = np.asarray(
            [
                _drop_small_parts(g, min_area, tolerance_m / 2, min_hole_area=0.0)
                if coverage
                # Overlapping layers (catchments) are unions of areas: their gaps between
                # neighbours become slits; no real hole in a catchment is under 1 km².
                else _drop_small_parts(g, min_area, 2 * tolerance_m, min_hole_area=1e6)
                for g in out.geometry.values
            ],
            dtype=object,
        )
        polygonal = np.isin(shapely.get_type_id(cleaned), (3, 6))  # Polygon, MultiPolygon
        if not coverage:  # close slits narrower than 3 x tolerance (morphological closing)
            width = 1.5 * tolerance_m
            closed = shapely.buffer(
                shapely.buffer(cleaned, width, quad_segs=2), -width, quad_segs=2
            )
            cleaned = np.where(polygonal, closed, cleaned)
        if coverage and polygonal.all():
            simplified = shapely.coverage_simplify(cleaned, tolerance_m)
        else:
            simplified = shapely.simplify(cleaned, tolerance_m, preserve_topology=True)
        out = out.set_geometry(gpd.GeoSeries(simplified, index=out.index, crs=CRS_METRIC))
    out = out.to_crs(CRS_WEB)
    rounded = shapely.transform(out.geometry.values, lambda xy: np.round(xy, decimals))
    out = out.set_geometry(gpd.GeoSeries(rounded, index=out.index, crs=CRS_WEB))
    return out[~out.geometry.is_empty & out.geometry.notna()]


def _drop_small_parts(geom: Any, min_area: float, min_width: float, *, min_hole_area: float) -> Any:
    """Drop polygon parts smaller than ``min_area`` (islets), keeping at least the largest part
    so no feature disappears, and holes smaller than ``min_hole_area`` or thinner than
    ``min_width`` (slivers left by dissolving neighbours; width ~ 2 x area / perimeter)."""
    if geom is None or geom.is_empty or geom.geom_type not in ("Polygon", "MultiPolygon"):
        return geom
    parts = list(geom.geoms) if geom.geom_type == "MultiPolygon" else [geom]
    cleaned = []
    for part in parts:
        holes = []
        for ring in part.interiors:
            hole = shapely.Polygon(ring)
            if hole.area >= min_hole_area and 2 * hole.area / hole.length >= min_width:
                holes.append(ring)
        cleaned.append(
            shapely.Polygon(part.exterior, holes) if len(holes) != len(part.interiors) else part
        )
    big = [p for p in cleaned if p.area >= min_area] or [max(cleaned, key=lambda p: p.area)]
    return big[0] if len(big) == 1 else shapely.MultiPolygon(big)
