"""Travel time from sites to demand areas: one sparse ``TravelTable`` from three engines.

* ``straight``: great-circle x detour / speed (offline national default), see :mod:`.straight`;
* ``osm``: shortest paths on an OpenStreetMap road network, see :mod:`.osm`;
* ``matrix``: a user-supplied origin-destination table, see :mod:`.matrix`.

Catchments (polygons per site, nearest site per area) are in :mod:`.catchments`.
"""

from __future__ import annotations

from planning.travel.straight import (
    haversine_km,
    speeds_from_names,
    straight_table,
    straight_table_from_areas,
)
from planning.travel.table import TravelTable

__all__ = [
    "TravelTable",
    "haversine_km",
    "speeds_from_names",
    "straight_table",
    "straight_table_from_areas",
]
