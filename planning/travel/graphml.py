"""OSMnx GraphML road graphs as a second input of the ``osm`` engine.

An OSMnx drive graph (``osmnx.save_graphml``) is a directed multigraph: nodes with ``x``/``y``
(lon/lat), edges with ``highway``, ``oneway``, ``maxspeed``, ``length`` (m) and, on simplified
graphs, a ``geometry`` WKT line through the shape points. Two-way roads already appear as two
edges, so every edge is taken as one direction. Speeds follow the project's car profile
(:data:`planning.travel.osm.HIGHWAY_SPEEDS_KMH`, ``maxspeed`` when tagged); an edge's shape
points become nodes of the chain, so snapping and contraction treat it as the PBF reader does.

Parsed with the standard library's streaming XML parser (no networkx/osmnx at run time).
"""

from __future__ import annotations

import ast
import contextlib
import re
import xml.etree.ElementTree as ET
from pathlib import Path

import numpy as np

from planning.errors import TravelError
from planning.travel.straight import haversine_km

_NS = "{http://graphml.graphdrawing.org/xmlns}"
_NUM = re.compile(r"-?[0-9]+(?:\.[0-9]+)?(?:[eE][-+]?[0-9]+)?")


def is_graphml(path: str | Path) -> bool:
    """Whether ``path`` starts like a GraphML document."""
    with Path(path).open("rb") as f:
        head = f.read(2048)
    return b"<graphml" in head


def _first(value: str | None) -> str | None:
    """OSMnx writes merged tags as a Python list literal (``"['primary', 'secondary']"``)."""
    if value is None:
        return None
    value = value.strip()
    if value.startswith("["):
        try:
            items = ast.literal_eval(value)
        except (ValueError, SyntaxError):
            return None
        return str(items[0]) if items else None
    return value


def _line_coords(wkt: str) -> np.ndarray | None:
    """``(k, 2)`` lon/lat of a ``LINESTRING (x y, x y, ...)``."""
    nums = _NUM.findall(wkt)
    if len(nums) < 4 or len(nums) % 2:
        return None
    return np.asarray(nums, dtype=np.float64).reshape(-1, 2)


def edges_from_graphml(
    path: str | Path,
    speeds: dict[str, float | None] | None = None,
    *,
    use_maxspeed: bool = True,
):
    """Directed car edges (:class:`planning.travel.osm.RoadEdges`) from an OSMnx GraphML file.

    ``speeds`` overrides the profile's km/h per ``highway`` class (``None`` drops a class);
    ``use_maxspeed=False`` ignores ``maxspeed`` (some published graphs fill it in for every
    edge). Edges with ``access`` no/private are dropped."""
    from planning.travel.profile import _NO_ACCESS, RoadEdges, _profile, parse_maxspeed

    path = Path(path)
    if not path.is_file() or path.stat().st_size == 0:
        raise TravelError.of("graphml.missing", path=path)
    table = _profile(speeds)
    keys: dict[str, tuple[str, str]] = {}
    node_xy: dict[str, tuple[float, float]] = {}
    raw_edges: list[tuple[str, str, dict[str, str]]] = []
    try:
        for _, el in ET.iterparse(path, events=("end",)):
            tag = el.tag.removeprefix(_NS)
            if tag == "key":
                keys[el.get("id", "")] = (el.get("for", ""), el.get("attr.name", ""))
            elif tag == "node":
                d = {keys.get(c.get("key", ""), ("", ""))[1]: c.text or "" for c in el}
                with contextlib.suppress(KeyError, ValueError):
                    node_xy[el.get("id", "")] = (float(d["x"]), float(d["y"]))
                el.clear()
            elif tag == "edge":
                d = {keys.get(c.get("key", ""), ("", ""))[1]: c.text or "" for c in el}
                raw_edges.append((el.get("source", ""), el.get("target", ""), d))
                el.clear()
    except ET.ParseError as exc:
        raise TravelError.of("graphml.unreadable", path=path, exc=exc) from exc
    ids = list(node_xy)
    index = {k: i for i, k in enumerate(ids)}
    lon = [node_xy[k][0] for k in ids]
    lat = [node_xy[k][1] for k in ids]
    shape_index: dict[tuple[float, float], int] = {}
    src: list[int] = []
    dst: list[int] = []
    kmh: list[float] = []
    for u, v, d in raw_edges:
        if u not in index or v not in index or u == v:
            continue
        hw = _first(d.get("highway"))
        if hw not in table:
            continue
        if _first(d.get("access")) in _NO_ACCESS:
            continue
        speed = (parse_maxspeed(_first(d.get("maxspeed"))) if use_maxspeed else None) or table[hw]
        chain = [index[u]]
        coords = _line_coords(d["geometry"]) if d.get("geometry") else None
        if coords is not None and len(coords) > 2:
            # shape points between the end nodes become chain nodes, shared by the two
            # directions of a two-way road (OSMnx stores each direction as its own edge)
            for x, y in coords[1:-1]:
                key = (round(float(x), 7), round(float(y), 7))
                k = shape_index.get(key)
                if k is None:
                    k = shape_index[key] = len(lon)
                    lon.append(float(x))
                    lat.append(float(y))
                chain.append(k)
        chain.append(index[v])
        for a, b in zip(chain[:-1], chain[1:], strict=True):
            src.append(a)
            dst.append(b)
            kmh.append(speed)
    if not src:
        raise TravelError.of("graphml.no_roads", path=path)
    node_lat, node_lon = np.asarray(lat), np.asarray(lon)
    s, t = np.asarray(src, dtype=np.int64), np.asarray(dst, dtype=np.int64)
    metres = haversine_km(node_lat[s], node_lon[s], node_lat[t], node_lon[t]) * 1000.0
    minutes = metres / 1000.0 / np.asarray(kmh) * 60.0
    return RoadEdges(
        node_lat=node_lat, node_lon=node_lon, src=s, dst=t, minutes=minutes, metres=metres
    )
