"""``st_folium`` in two halves: the base map serialised once, the result layers once per result.

streamlit-folium's ``st_folium`` renders the whole folium map to JavaScript on every script
run (~0.4 s for the national base map, 1.2 MB of script) only to send the browser the same
script again: while that script's hash is unchanged the browser keeps its map and swaps the
feature groups. Here the base map is rendered once (:func:`base_payload`), each result's layers
once (:func:`result_payload`), and :func:`show` hands the cached strings to the same frontend
component with the same arguments ``st_folium`` would send. The pieces are made by
streamlit-folium's own helpers, and ``tests/test_leaflet_component.py`` checks that the
arguments equal ``st_folium``'s for the same map, byte for byte, so an upgrade that changes the
protocol fails there (streamlit-folium is pinned to 0.27.x in pyproject.toml).
"""

from __future__ import annotations

from collections.abc import Callable, Iterable, Sequence
from dataclasses import dataclass
from typing import Any

import folium
import streamlit_folium as sf

__all__ = ["BasePayload", "ResultPayload", "base_payload", "result_payload", "show"]


@dataclass(frozen=True, eq=False)
class BasePayload:
    """A rendered base map. ``map`` is the rendered (renamed) folium map, kept only so that
    result layers and the layer control can be rendered against it: never render it again."""

    script: str
    header: str
    html: str
    map_id: str
    css_links: tuple[str, ...]
    js_links: tuple[str, ...]
    bounds: list[list[float | None]]
    zoom: Any
    map: folium.Map


@dataclass(frozen=True)
class ResultPayload:
    """The result layers' script and the layer control's script (it lists the base map's
    layers and these groups)."""

    feature_group: str | None
    layer_control: str | None
    js_links: tuple[str, ...] = ()
    css_links: tuple[str, ...] = ()


def _links(elements: Iterable[Any]) -> tuple[tuple[str, ...], tuple[str, ...]]:
    """(css, js) asset links of every element, as st_folium collects them."""
    css: list[str] = []
    js: list[str] = []

    def walk(el: Any):
        if isinstance(el, folium.elements.JSCSSMixin):
            yield el
        for child in getattr(el, "_children", {}).values():
            yield from walk(child)

    for root in elements:
        for el in walk(root):
            css.extend(href for _, href in getattr(el, "default_css", []))
            js.extend(src for _, src in getattr(el, "default_js", []))
    return tuple(dict.fromkeys(css)), tuple(dict.fromkeys(js))


def base_payload(m: folium.Map) -> BasePayload:
    """Render ``m`` once, as ``st_folium(m, render=False)`` does. ``m`` is consumed (renamed
    in place): keep the returned payload, not the map. Branca colormaps are refused by
    :func:`planning.offline.localize` before this point (st_folium would add d3 from a CDN)."""
    m.render()
    html = sf._get_html(m)
    header = sf._get_header(m)
    script = sf._get_map_string(m)
    map_id = sf.get_full_id(m)
    try:
        bounds = m.get_bounds()
    except AttributeError:
        bounds = [[None, None], [None, None]]
    css, js = _links([m])
    return BasePayload(
        script=script,
        header=header,
        html=html,
        map_id=map_id,
        css_links=css,
        js_links=js,
        bounds=bounds,
        zoom=m.options.get("zoom") if hasattr(m, "options") else {},
        map=m,
    )


def result_payload(
    base: BasePayload,
    groups: Sequence[folium.FeatureGroup],
    layer_control: folium.LayerControl | None = None,
) -> ResultPayload:
    """Render ``groups`` (and the layer control, which must list them) against the base map.

    The groups and the control are consumed. They are attached to the base map only while
    rendering and detached afterwards, so the next result starts from the same base map."""
    m = base.map
    before = dict(m._children)
    try:
        script = None
        if groups:
            script = "".join(
                sf._get_feature_group_string(g, map=m, idx=i) for i, g in enumerate(groups)
            )
        control = (
            sf._get_layer_control_string(layer_control, m) if layer_control is not None else None
        )
    finally:
        m._children.clear()
        m._children.update(before)
    css, js = _links(groups)
    return ResultPayload(feature_group=script, layer_control=control, js_links=js, css_links=css)


def _bounds_dict(bounds: list[list[float | None]]) -> dict[str, dict[str, float | None]]:
    (s, w), (n, e) = bounds
    return {"_southWest": {"lat": s, "lng": w}, "_northEast": {"lat": n, "lng": e}}


_DEFAULTS = (
    "last_clicked",
    "last_object_clicked",
    "last_object_clicked_count",
    "last_object_clicked_tooltip",
    "last_object_clicked_popup",
    "all_drawings",
    "last_active_drawing",
    "bounds",
    "zoom",
    "last_circle_radius",
    "last_circle_polygon",
    "selected_layers",
    "selected_tags",
    "last_geocoder_result",
)


def component_args(
    base: BasePayload,
    result: ResultPayload | None,
    *,
    key: str,
    height: int = 700,
    width: int | None = None,
    returned_objects: Sequence[str] | None = None,
) -> dict[str, Any]:
    """The keyword arguments ``st_folium`` passes to its frontend component (without
    ``on_change``)."""
    values = {k: None for k in _DEFAULTS}
    values["bounds"] = _bounds_dict(base.bounds)
    values["zoom"] = base.zoom
    defaults = {
        k: v for k, v in values.items() if returned_objects is None or k in returned_objects
    }
    result = result or ResultPayload(None, None)
    return {
        "script": base.script,
        "header": base.header,
        "html": base.html,
        "id": base.map_id,
        "key": sf.generate_js_hash(base.script, key, False),
        "height": height,
        "width": width,
        "returned_objects": returned_objects,
        "default": defaults,
        "zoom": None,
        "center": None,
        "feature_group": result.feature_group,
        "return_on_hover": False,
        "layer_control": result.layer_control,
        "pixelated": False,
        "css_links": list(dict.fromkeys(base.css_links + result.css_links)),
        "js_links": list(dict.fromkeys(base.js_links + result.js_links)),
        "wrap_longitude": False,
    }


def show(
    base: BasePayload,
    result: ResultPayload | None,
    *,
    key: str,
    on_change: Callable[[], None] | None = None,
    **options: Any,
) -> Any:
    """Draw the map (like ``st_folium(..., use_container_width=True)``; ``options`` as in
    :func:`component_args`); the value the browser returns is also kept in
    ``st.session_state[key]``, as st_folium does."""
    import streamlit as st

    args = component_args(base, result, key=key, **options)
    hash_key = args["key"]

    def _on_change() -> None:
        st.session_state[key] = st.session_state.get(hash_key, {})
        if on_change is not None:
            on_change()

    return sf._component_func(**args, on_change=_on_change)
