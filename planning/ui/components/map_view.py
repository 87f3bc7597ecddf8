"""The planning map: built by :func:`planning.maps.build_map`, shown through st_folium's
frontend by :mod:`planning.ui.leaflet_component`.

The base map is rendered once per (data, layer, level, language, 'as of' month) and the result
layers once per result, for every session at once (:func:`planning.ui.cache.shared`: officials
on one server looking at the same plan share one rendering); a rerun that changes neither sends
the cached strings. A click on the
map locks or excludes the candidate 행정동 under it (see the click mode control).
"""

from __future__ import annotations

from collections.abc import Callable

import folium
import pandas as pd
import streamlit as st

from planning import plan as service
from planning.i18n import t
from planning.offline import localize
from planning.plan import BaseData, PlanResult
from planning.ui import cache, leaflet_component, state
from planning.ui import shapes as ui_shapes
from planning.ui.components.controls import indicator_label
from planning.ui.components.errors import error_text

MAP_KEY = "map"
LAYER_KEY = "w_layer"
LEVEL_KEY = "w_level"
_OVERLAYS = "map_overlays"  # (cache key, ResultPayload) of layers of this session only
_LAST_CLICK = "map_last_click"


RATE = "@rate"  # a layer key suffix: the indicator per 1,000 residents


def layer_values(
    base: BaseData, result: PlanResult | None, layer: str, level: str, scenario=None
) -> pd.Series:
    """Values for the choropleth, indexed by area_code (or sigungu_code when level='sigungu').
    The composite index is the result's (else ``scenario``'s, else this session's) weights.
    ``<indicator>@rate`` is the indicator per 1,000 residents (counts mostly show where people
    live; a rate shows where need is high): at the 시군구 level, the sums' ratio."""
    areas = base.areas["area_code"].astype(str).to_numpy()
    groups = base.areas["sigungu_code"].astype(str).to_numpy()
    if layer.endswith(RATE):
        key = layer.removesuffix(RATE)
        count = base.indicators[key].astype(float).set_axis(areas)
        pop = base.indicators["population"].astype(float).set_axis(areas)
        if level == "sigungu":
            count = count.groupby(groups).sum(min_count=1)
            pop = pop.groupby(groups).sum(min_count=1)
        return 1000.0 * count / pop.where(pop > 0)
    if layer == "composite":
        s = result.scenario if result is not None else (scenario or state.scenario())
        values = 100.0 * service.demand_weights(base, s)
    else:
        values = base.indicators[layer].astype(float)
    values.index = areas
    if level == "sigungu":
        values = values.groupby(groups).sum(min_count=1)
    return values


def layer_options(base: BaseData) -> list[str]:
    """The composite index, each indicator, and each count per 1,000 residents."""
    present = [c for c in base.indicators.columns if base.indicators[c].notna().any()]
    rates = [f"{c}{RATE}" for c in present if c not in NOT_RATES and "population" in present]
    return ["composite", *present, *rates]


#: indicators that are no count of people, or the denominator itself
NOT_RATES = frozenset({"population", "residents", "welfare_facilities"})


def layer_controls(base: BaseData) -> tuple[str, str]:
    lang = state.lang()
    options = layer_options(base)
    if st.session_state.get(LAYER_KEY) not in options:  # e.g. an upload removed
        st.session_state.pop(LAYER_KEY, None)
    c1, c2, c3 = st.columns([5, 3, 5])
    layer = c1.selectbox(
        t("ctl.layer", lang),
        options,
        format_func=lambda k: _label(k, lang),
        key=state.widget_default("layer", "composite"),
    )
    level = c2.radio(
        t("ctl.level", lang),
        ["area", "sigungu"],
        horizontal=True,
        format_func=lambda v: t(f"ctl.level.{v}", lang),
        key=state.widget_default("level", "sigungu"),
    )
    c3.radio(
        t("ctl.click_mode", lang),
        ["none", "lock", "exclude"],
        horizontal=True,
        format_func=lambda m: t(f"ctl.click.{m}", lang),
        key=state.widget_default("click", "none"),
    )
    return layer, level


def _label(layer: str, lang: str) -> str:
    if layer == "composite":
        return t("ctl.composite", lang) + " (%)"
    if layer.endswith(RATE):
        return t("map.rate", lang, name=indicator_label(layer.removesuffix(RATE), lang))
    return indicator_label(layer, lang)


def build(
    base: BaseData, result: PlanResult | None, layer: str, level: str
) -> leaflet_component.BasePayload:
    """The static base map (boundaries, existing centers, a fixed indicator's choropleth).

    It depends only on the data, the layer/level, the language and the 'as of' month, so a
    weight or threshold change keeps it (same object, same st_folium key: no reload in the
    browser). Everything that changes with a result comes from :func:`overlays`.
    """
    lang = state.lang()
    as_of = result.scenario.as_of if result is not None else state.scenario().as_of
    key = ("base_map", cache.token(base), layer, level, lang, as_of)
    return cache.shared(key, lambda: _base_payload(base, layer, level, lang, as_of))


def _base_payload(
    base: BaseData, layer: str, level: str, lang: str, as_of: str | None
) -> leaflet_component.BasePayload:
    from planning.maps import build_map

    shapes = ui_shapes.shapes(base, level)
    static_values = layer != "composite"
    m = build_map(
        sido=shapes.sido,
        sigungu=shapes.sigungu,
        areas=shapes.areas,
        values=layer_values(base, None, layer, level) if static_values else None,
        value_label=_label(layer, lang),
        centers=service.centers_as_of(base.centers, as_of),
        lang=lang,
        tolerance_m=None,  # published, display-ready shapes
        layer_control=False,  # st_folium adds it after the result layers (see show)
        keep_view="plan",  # another indicator or level opens where the user left the map
    )
    return leaflet_component.base_payload(m)


def overlays(
    base_map: leaflet_component.BasePayload,
    base: BaseData,
    result: PlanResult | None,
    layer: str,
    level: str,
    catchments,
    extra: tuple[object, Callable[[], list[folium.FeatureGroup]]] | None = None,
) -> leaflet_component.ResultPayload:
    """The layers that change with the result (and the composite choropleth, which changes with
    the weights), rendered over ``base_map`` with the layer control that lists them all.
    ``extra``: (cache key, builder) of more layers on top (the robustness panel's sites)."""
    lang = state.lang()
    composite = None if layer != "composite" or result is not None else state.scenario()
    parts = (layer, level, lang, None if composite is None else composite.key())
    if extra is None:  # the same for every session showing this result: built once
        key = ("overlays", cache.token(base_map), cache.token(base), _result_token(result), parts)
        return cache.shared(
            key,
            lambda: _overlay_payload(
                base_map, base, result, layer, level, lang, catchments, composite, None
            ),
        )
    key = (id(base_map), id(base), result, parts, extra[0])  # this session's own layers
    built = st.session_state.get(_OVERLAYS)
    if built is not None and built[0] == key:
        return built[1]
    payload = _overlay_payload(
        base_map, base, result, layer, level, lang, catchments, composite, extra[1]
    )
    st.session_state[_OVERLAYS] = (key, payload)
    return payload


def _result_token(result: PlanResult | None) -> str | None:
    return None if result is None else cache.token(result)


def _overlay_payload(
    base_map, base, result, layer, level, lang, catchments, composite, extra
) -> leaflet_component.ResultPayload:
    from planning.maps import result_layers

    shapes = ui_shapes.shapes(base, level)
    values = layer_values(base, result, layer, level, composite) if layer == "composite" else None
    groups = result_layers(
        sigungu=shapes.sigungu,
        areas=shapes.areas,
        values=values,
        value_label=_label(layer, lang),
        catchments=catchments,  # display-ready: service.catchment_polygons
        proposed=None if result is None else result.sites_in(lang),
        uncovered=None if result is None else result.uncovered,
        lang=lang,
        tolerance_m=None,  # every shape above is display-ready
        threshold=None if result is None else result.scenario.threshold,
    )
    if extra is not None:
        groups += extra()
    return leaflet_component.result_payload(
        base_map, groups, localize(folium.LayerControl(collapsed=True))
    )


def _on_map_change() -> None:
    """A click on the map locks or excludes the candidate 행정동 under it."""
    mode = st.session_state.get("w_click", "none")
    value = st.session_state.get(MAP_KEY) or {}
    click = value.get("last_clicked") or value.get("last_object_clicked")
    if mode == "none" or not click or click == st.session_state.get(_LAST_CLICK):
        return
    st.session_state[_LAST_CLICK] = click
    try:
        code = service.nearest_candidate(cache.base(), float(click["lat"]), float(click["lng"]))
    except Exception as exc:  # noqa: BLE001
        state.flash("error", error_text(exc, state.lang()))
        return
    state.mark_candidate(code, mode)
    names = base_names()
    state.flash(
        "info", t(f"map.clicked.{mode}", state.lang(), name=f"{names.get(code, code)} ({code})")
    )


def base_names() -> dict[str, str]:
    a = cache.base().areas
    return dict(zip(a["area_code"].astype(str), a["sigungu_ko"] + " " + a["name_ko"], strict=True))


def show(base_map: leaflet_component.BasePayload, layers: leaflet_component.ResultPayload) -> None:
    """The base map with the result layers and the layer control. While the base map is the
    same, the browser keeps it and only swaps the result layers (and the control)."""
    leaflet_component.show(
        base_map,
        layers,
        key=MAP_KEY,
        height=620,
        returned_objects=["last_clicked", "last_object_clicked"],
        on_change=_on_map_change,
    )
