"""Travel time from sites to demand areas: one sparse ``TravelTable`` from three engines.

* ``straight``: great-circle distance at a calibrated door-to-door speed (offline national
  default), see :mod:`.straight` and :mod:`.calibration`;
* ``osm``: shortest paths on an OpenStreetMap (PBF) or OSMnx (GraphML) road network, see
  :mod:`.osm`; :func:`.roads.road_table` builds and caches the pipeline's table;
* ``matrix``: a user-supplied origin-destination table, see :mod:`.matrix`.

Catchments (polygons per site, nearest site per area) are in :mod:`.catchments`.
"""

from __future__ import annotations

from planning.travel.straight import (
    haversine_km,
    speeds_from_names,
    straight_minutes,
    straight_table,
    straight_table_from_areas,
    types_from_names,
)
from planning.travel.table import TravelTable

__all__ = [
    "TravelTable",
    "haversine_km",
    "speeds_from_names",
    "straight_minutes",
    "straight_table",
    "straight_table_from_areas",
    "types_from_names",
]
