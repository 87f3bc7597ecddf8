"""Leaflet elements written for this map (no folium per-feature work): polygon layers from
geometry text or published shapes, the map decoration and legend box, per-group legend
entries, rank badges and the kept view; :class:`Layer`, what every layer builder returns."""

from __future__ import annotations

import html
import json
from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from typing import Any

import folium
import geopandas as gpd
import pandas as pd
import shapely
from branca.element import MacroElement
from folium.template import Template as FoliumTemplate
from jinja2 import Template

from planning.display import simplify_for_display
from planning.maps.style import PROPOSED_COLOR


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


# --------------------------------------------------------------------------- map decoration


class _MapDecor(MacroElement):
    """CSS (Korean font stack, sea colour, rank badges), the legend control, attribution and a
    metric scale bar."""

    _template = Template(
        """
{% macro header(this, kwargs) %}
<style>{{ this.css }}</style>
{% endmacro %}
{% macro script(this, kwargs) %}
(function () {
    var map = {{ this._parent.get_name() }};
    map.attributionControl.addAttribution({{ this.attribution|tojson }});
    L.control.scale({imperial: false}).addTo(map);  // km only: no miles for a Korean office
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


@dataclass(frozen=True)
class Layer:
    """One map layer as every builder of :mod:`planning.maps.layers` returns it: the Leaflet
    ``element`` (a ``GeoJson`` or a ``FeatureGroup``), its ``name`` in the layer control and its
    ``legend`` entry (HTML; "" for none). :func:`planning.maps.build_map` draws a list of layers
    on the map under one legend box; :meth:`group` makes a layer a named FeatureGroup with its
    own legend (:func:`planning.maps.result_layers`, for ``st_folium``)."""

    element: folium.map.Layer
    name: str
    legend: str = ""

    def group(self) -> folium.FeatureGroup:
        """The layer as a FeatureGroup named :attr:`name` carrying its own legend (the element
        moves into the group: call it once per layer)."""
        return _group(self.element, self.name, self.legend)


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


class _RankMarkers(MacroElement):
    """Numbered badges for the proposed sites, added to the parent layer by one loop in the
    browser (``L.marker`` with an ``L.divIcon``, a tooltip and a popup each) instead of three
    folium elements per site. ``sites`` are ``(lat, lon, rank, tooltip text, popup html,
    colour)``. A better rank is drawn on top; where badges crowd (national zoom in 수도권), a
    badge that would overlap a better-ranked one shrinks to a dot, so rank 1 stays visible and
    can be hovered."""

    _template = Template(
        """
{% macro script(this, kwargs) %}
(function (layer, sites) {
    var big = 22, dot = 8, markers = [];
    function icon(s, small) {
        var size = small ? dot : big;
        return L.divIcon({
            html: small ? '<div class="pl-rank-dot" style="background:' + s[5] + '"></div>'
                        : '<div class="pl-rank" style="background:' + s[5] + '">' + s[2] + '</div>',
            iconSize: [size, size], iconAnchor: [size / 2, size / 2], className: "pl-proposed"
        });
    }
    sites.forEach(function (s) {
        // above any badge of a worse rank, whatever the latitudes (Leaflet adds the y pixel)
        var m = L.marker([s[0], s[1]], {icon: icon(s, false), zIndexOffset: (1000 - s[2]) * 10000})
            .bindTooltip(s[3]).bindPopup(s[4], {maxWidth: 320, closeOnClick: false});
        // the press opens it: in st_folium's frame the release may land on the layer below
        m.on("mousedown", function () { m.openPopup(); });
        m._plSite = s; m._plSmall = false;
        markers.push(m); m.addTo(layer);
    });
    function declutter() {
        var map = layer._map;
        if (!map) { return; }
        var shown = [];
        markers.forEach(function (m) {  // in rank order
            var p = map.latLngToContainerPoint(m.getLatLng());
            var crowded = shown.some(function (q) {
                return Math.abs(q.x - p.x) < big && Math.abs(q.y - p.y) < big;
            });
            if (!crowded) { shown.push(p); }
            if (crowded !== m._plSmall) { m._plSmall = crowded; m.setIcon(icon(m._plSite, crowded)); }
        });
    }
    layer.on("add", function () { declutter(); layer._map.on("zoomend", declutter); });
    layer.on("remove", function (e) { if (e.target._map) { e.target._map.off("zoomend", declutter); } });
    if (layer._map) { declutter(); layer._map.on("zoomend", declutter); }
})({{ this._parent.get_name() }}, {{ this.sites_json }});
{% endmacro %}
"""
    )

    def __init__(self, sites: Sequence[tuple]) -> None:
        super().__init__()
        self._name = "RankMarkers"
        self.sites = [
            (
                s[0],
                s[1],
                int(s[2]),
                s[3],
                s[4] if len(s) > 4 else html.escape(s[3]),
                s[5] if len(s) > 5 else PROPOSED_COLOR,
            )
            for s in sites
        ]
        self.sites_json = _json(
            [
                [lat, lon, rank, html.escape(text), popup, color]
                for lat, lon, rank, text, popup, color in self.sites
            ]
        )


class _KeepView(MacroElement):
    """Keep the map's view across re-renders in the same tab: saved on every move, restored
    when a map with the same name is drawn (the base map is rebuilt when the indicator or
    the map level changes)."""

    _template = Template(
        """
{% macro script(this, kwargs) %}
(function (map, key) {
    try {
        var v = JSON.parse(window.sessionStorage.getItem(key) || "null");
        if (v && isFinite(v.lat) && isFinite(v.lng) && isFinite(v.zoom)) {
            map.setView([v.lat, v.lng], v.zoom, {animate: false});
        }
    } catch (e) {}
    map.on("moveend", function () {
        var c = map.getCenter();
        try {
            window.sessionStorage.setItem(key, JSON.stringify(
                {lat: c.lat, lng: c.lng, zoom: map.getZoom()}));
        } catch (e) {}
    });
})({{ this._parent.get_name() }}, {{ this.key|tojson }});
{% endmacro %}
"""
    )

    def __init__(self, name: str) -> None:
        super().__init__()
        self._name = "KeepView"
        self.key = "pl-view:" + name
