"""The car profile of the road engines: speeds by OSM ``highway`` class, ``maxspeed`` parsing,
access and one-way tags, and the directed edge list both readers (OpenStreetMap PBF/XML in
:mod:`planning.travel.osm`, OSMnx GraphML in :mod:`planning.travel.graphml`) produce."""

from __future__ import annotations

import re
from dataclasses import dataclass

import numpy as np

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
