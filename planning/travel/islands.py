"""Landmasses: which demand areas (and sites) can reach each other overland.

Islands are found geometrically: every polygon part of every area is a node, and parts closer
than ``bridge_gap_m`` are joined (touching neighbours, and islands linked by short bridges or
causeways, whose gap in the boundary polygons is a few hundred metres: 거제, 남해, 진도, 영도,
돌산, 강화 ...). The component with the largest land area is the mainland (label 0); every other
component is an island landmass (labels 1, 2, ...). An area's label is that of its largest part.

Judgement call (documented in the README): islands linked only by long bridges
(영종도 / Incheon airport, the 신안 천사대교 chain) or not at all (제주, 울릉, most 신안/완도/옹진
islands) count as separate landmasses, so a mainland site reaches them only with the straight
engine's ferry penalty. Pass ``mainland_areas`` to declare such areas connected, or raise
``bridge_gap_m``.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass

import geopandas as gpd
import numpy as np
import shapely
from scipy import sparse
from scipy.sparse import csgraph

from planning.errors import TravelError
from planning.settings import CRS_METRIC

DEFAULT_BRIDGE_GAP_M = 1000.0


@dataclass(frozen=True)
class Landmasses:
    """``area_label[i]``: landmass of area ``i`` (0 = mainland). ``parts`` (EPSG:5179) and
    ``part_label`` locate any point (see :func:`label_points`)."""

    area_label: np.ndarray
    parts: np.ndarray
    part_label: np.ndarray
    bridge_gap_m: float

    @property
    def is_island(self) -> np.ndarray:
        return self.area_label != 0


def find_landmasses(
    areas: gpd.GeoDataFrame,
    *,
    bridge_gap_m: float = DEFAULT_BRIDGE_GAP_M,
    id_column: str | None = "area_code",
    mainland_areas: Iterable[str] = (),
) -> Landmasses:
    """Label each area with its landmass (0 = mainland, >0 = island landmasses)."""
    if len(areas) == 0:
        raise TravelError.of("islands.no_areas")
    if areas.crs is None:
        raise TravelError.of("islands.no_crs")
    geoms = np.asarray(areas.to_crs(CRS_METRIC).geometry.values)
    geoms = shapely.make_valid(geoms)
    parts, owner = shapely.get_parts(geoms, return_index=True)
    keep = shapely.get_type_id(parts) == 3  # polygons only (make_valid may leave lines)
    parts, owner = parts[keep], owner[keep]
    area = shapely.area(parts)
    tree = shapely.STRtree(parts)
    i, j = tree.query(parts, predicate="dwithin", distance=max(float(bridge_gap_m), 1e-6))
    n = len(parts)
    graph = sparse.coo_matrix((np.ones(len(i), dtype=np.int8), (i, j)), shape=(n, n))
    _, comp = csgraph.connected_components(graph, directed=False)
    comp_area = np.bincount(comp, weights=area)
    # relabel: mainland 0, islands 1.. by decreasing land area
    order = np.argsort(-comp_area)
    rank = np.empty_like(order)
    rank[order] = np.arange(len(order))
    part_label = rank[comp]
    # area label: the label of its largest part
    o = np.lexsort((-area, owner))
    first = np.ones(len(o), dtype=bool)
    first[1:] = owner[o][1:] != owner[o][:-1]
    area_label = np.zeros(len(areas), dtype=np.int64)
    area_label[owner[o][first]] = part_label[o][first]
    forced = set(map(str, mainland_areas))
    if forced and id_column in areas.columns:
        hit = areas[id_column].astype(str).isin(forced).to_numpy()
        area_label[hit] = 0
        part_label = np.where(np.isin(owner, np.flatnonzero(hit)), 0, part_label)
    return Landmasses(
        area_label=area_label, parts=parts, part_label=part_label, bridge_gap_m=float(bridge_gap_m)
    )


def label_points(lm: Landmasses, lat: np.ndarray, lon: np.ndarray) -> np.ndarray:
    """Landmass label of each point: the part containing it, else the nearest part."""
    from pyproj import Transformer

    tr = Transformer.from_crs("EPSG:4326", CRS_METRIC, always_xy=True)
    x, y = tr.transform(np.asarray(lon, float), np.asarray(lat, float))
    pts = shapely.points(np.asarray(x), np.asarray(y))
    tree = shapely.STRtree(lm.parts)
    out = np.full(len(pts), -1, dtype=np.int64)
    inside = tree.query(pts, predicate="within")
    out[inside[0]] = lm.part_label[inside[1]]
    rest = np.flatnonzero(out < 0)  # at sea or on a generalised coastline: nearest part
    if len(rest):
        idx = tree.query_nearest(pts[rest], return_distance=False, all_matches=False)
        out[rest[idx[0]]] = lm.part_label[idx[1]]
    return out


def landmass_polygons(lm: Landmasses) -> gpd.GeoDataFrame:
    """One (multi)polygon per landmass in EPSG:4326: ``landmass``, ``is_mainland``, ``km2``."""
    labels = np.unique(lm.part_label)
    geoms = [shapely.union_all(lm.parts[lm.part_label == k]) for k in labels]
    gdf = gpd.GeoDataFrame(
        {
            "landmass": labels,
            "is_mainland": labels == 0,
            "km2": [shapely.area(g) / 1e6 for g in geoms],
        },
        geometry=geoms,
        crs=CRS_METRIC,
    )
    return gdf.to_crs("EPSG:4326")
