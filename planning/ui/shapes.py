"""Display-ready map polygons, published once to the app's static folder.

The 시도, 시군구 and 행정동 polygons are simplified once per map level (cached on disk by
:func:`planning.regions.load_display`) and written as static GeoJSON files
(:func:`planning.offline.publish_static`). Maps refer to them by URL and feature id: the
browser fetches each file once per map, and a new result sends only ids, colours and
tooltips instead of megabytes of coordinates.
"""

from __future__ import annotations

from dataclasses import dataclass

import streamlit as st

from planning.maps import PublishedShapes
from planning.plan import BaseData, area_display

LEVELS = ("area", "sigungu")


@dataclass(frozen=True)
class Shapes:
    """Display-ready polygons for one map level, published to the app's static folder."""

    sido: PublishedShapes
    sigungu: PublishedShapes
    areas: PublishedShapes


def tolerance(level: str) -> float:
    """Display simplification (m): at the national view 400 m is below a pixel at zoom 7 and
    halves the map; 행정동 need finer."""
    return 400.0 if level == "sigungu" else 200.0


@st.cache_resource(show_spinner=False)
def install_static() -> str:
    """Leaflet's files into the static folder, once per server."""
    from planning.offline import install_static as install

    return str(install())


def publish(frame, id_col: str, name: str) -> PublishedShapes:
    from planning.maps import geometry_json
    from planning.offline import publish_static

    return PublishedShapes(frame, id_col, publish_static(name, geometry_json(frame, id_col)))


def shapes(base: BaseData, level: str) -> Shapes:
    """The level's shapes for these data, built once and kept with the data (shared by every
    session on the bundled data); the 행정동 come from :func:`~planning.plan.area_display`."""
    from planning.regions import load_display

    if level not in LEVELS:
        raise ValueError(f"level must be one of {LEVELS}, not {level!r}")
    cache = base.__dict__.setdefault("_display", {})
    key = ("map", level)
    if key not in cache:
        install_static()
        tol = tolerance(level)
        areas = area_display(base, tol)
        cache[key] = Shapes(
            sido=publish(load_display("sido", tol), "sido_code", "sido"),
            sigungu=publish(load_display("sigungu", tol), "sigungu_code", "sigungu"),
            areas=publish(areas, "area_code", "areas"),
        )
    return cache[key]
