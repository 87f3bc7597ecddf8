"""Layer builders: each returns a :class:`~planning.maps.elements.Layer` (the Leaflet element,
its name and its legend entry) for the boundaries, choropleth, centers, proposed sites, service
areas and areas beyond T. :func:`map_layers` lists a map's layers from bottom to top, the one
list :func:`planning.maps.build_map` draws and :func:`result_layers` hands to ``st_folium``."""

from __future__ import annotations

import html
import math
import re
from collections.abc import Iterable, Mapping, Sequence
from dataclasses import replace
from typing import Any
from urllib.parse import urlparse

import folium
import geopandas as gpd
import numpy as np
import pandas as pd

from planning.display import DEFAULT_TOLERANCE_M
from planning.errors import DataError
from planning.i18n import MESSAGES
from planning.maps.elements import (
    Layer,
    PublishedShapes,
    Shapes,
    _display,
    _feature_collection,
    _frame,
    _PolygonLayer,
    _RankMarkers,
)
from planning.maps.style import (
    BOUNDARY_PANE,
    CATCHMENT_COLOR,
    CATCHMENT_PANE,
    CENTER_PANE,
    CHOROPLETH_COLORS,
    COHORT_COLORS,
    DEMAND_PANE,
    NO_DATA_COLOR,
    PHASE_COLORS,
    PROPOSED_COLOR,
    UNCOVERED_COLOR,
    UNCOVERED_PANE,
    _fmt,
    _swatch,
    _t,
    break_labels,
    classify,
)
from planning.offline import localize
from planning.settings import CRS_WEB

# --------------------------------------------------------------------------- layers


def _ids(shapes: Shapes) -> list[str]:
    """Feature ids: the published file's ids, or row numbers."""
    if isinstance(shapes, PublishedShapes):
        return shapes.frame[shapes.id_col].astype(str).tolist()
    return [str(i) for i in range(len(shapes))]


def _boundary_layer(gdf: Shapes, *, name: str, weight: float, color: str, class_name: str) -> Layer:
    element = _PolygonLayer(
        gdf,
        _ids(gdf),
        name=name,
        styles=[{"color": color, "weight": weight, "fill": False}],
        interactive=False,
        className=class_name,
        pane=BOUNDARY_PANE,
    )
    return Layer(element, name)


def _choropleth(
    geo: Shapes,
    codes: pd.Series,
    names: pd.Series,
    values: pd.Series,
    *,
    value_label: str,
    lang: str,
    opacity: float,
) -> Layer:
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
    shown = break_labels(edges)
    rows = [
        f"{_swatch(CHOROPLETH_COLORS[i])}{lo} – {hi}"
        for i, (lo, hi) in enumerate(zip(shown[:-1], shown[1:], strict=True))
    ]
    if (cls < 0).any():
        rows.append(f"{_swatch(NO_DATA_COLOR)}{_t('no_data', lang)}")
    legend = f"<h4>{html.escape(label)}</h4>" + "<br>".join(rows)
    return Layer(layer, label, legend)


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


def _centers_layer(centers: pd.DataFrame, lang: str) -> Layer:
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
        opened_text = opened.strip() if isinstance(opened, str) else ""
        parts.append(f"{_t('opened', lang)}: {html.escape(opened_text or _t('unknown', lang))}")
        type_key = f"type.{typ}"
        type_text = (
            _t(type_key, lang) if f"map.layer.{type_key}" in MESSAGES else _t("unknown", lang)
        )
        cohort_text = _norm_cohort(cohort)
        cohort_text = (
            _t("cohort.later", lang)
            if cohort_text == "later"
            else (_t("unknown", lang) if cohort_text == "unknown" else cohort_text)
        )
        parts.append(
            f"{_t('type', lang)}: {html.escape(type_text)} · "
            f"{_t('cohort', lang)}: {html.escape(cohort_text)}"
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
    return Layer(layer, _t("centers", lang), legend)


def _first_col(df: pd.DataFrame, names: Iterable[str]) -> pd.Series | None:
    for name in names:
        if name in df.columns:
            return df[name]
    return None


#: badge colours of a phased plan, phase 1 first (ColorBrewer Dark2-like, readable on YlOrRd)


def _proposed_layer(proposed: pd.DataFrame, lang: str) -> Layer:
    missing = [c for c in ("lat", "lon") if c not in proposed.columns]
    if missing:
        raise DataError.of("map.err.no_latlon", columns=", ".join(missing))
    group = folium.FeatureGroup(name=_t("proposed", lang))
    ranks = _first_col(proposed, ["rank"])
    labels = _first_col(proposed, ["name_ko", "name", "label", "site_id"])
    ids = _first_col(proposed, ["site_id"])
    sigungu = _first_col(proposed, ["sigungu_ko"])
    sido = _first_col(proposed, ["sido_ko"])
    reasons = _first_col(proposed, ["explanation", "reason"])
    phases = _first_col(proposed, ["phase"])
    n_phases = int(phases.max()) if phases is not None and len(phases) else 1
    sites: list[tuple] = []
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
        phase = int(phases.iloc[i]) if phases is not None and pd.notna(phases.iloc[i]) else 1
        color = PHASE_COLORS[(phase - 1) % len(PHASE_COLORS)] if n_phases > 1 else PROPOSED_COLOR
        head = _t("rank", lang).format(rank=rank)
        if n_phases > 1:
            head += " · " + _t("phase", lang).format(k=phase)
        place = " ".join(
            str(c.iloc[i]) for c in (sido, sigungu, labels) if c is not None and pd.notna(c.iloc[i])
        )
        popup = f"<b>{html.escape(head)}</b><br>{html.escape(place)}"
        if reasons is not None and pd.notna(reasons.iloc[i]):
            reason = str(reasons.iloc[i])
            reason = (
                reason.split(": ", 1)[1] if re.match(r"^(\d+순위|Rank \d+): ", reason) else reason
            )
            popup += "<br>" + html.escape(reason)
        sites.append((round(lat, 6), round(lon, 6), rank, text, popup, color))
    _RankMarkers(sites).add_to(group)
    if n_phases > 1:
        rows = [
            f'<i class="dot" style="background:{PHASE_COLORS[(k - 1) % len(PHASE_COLORS)]}"></i>'
            + html.escape(_t("phase", lang).format(k=k))
            for k in range(1, n_phases + 1)
        ]
    else:
        rows = [
            f'<i class="dot" style="background:{PROPOSED_COLOR};border-color:#fff"></i>1, 2, 3 …'
        ]
    legend = (
        f"<h4>{html.escape(_t('proposed_n', lang).format(n=len(sites)))}</h4>"
        + "<br>".join(rows)
        + f"<br><small>{html.escape(_t('proposed_top', lang))}</small>"
    )
    return Layer(group, _t("proposed", lang), legend)


def _area_table(areas: Shapes | None, sigungu: Shapes, values: pd.Series):
    """Pick the geometry the values are keyed by: 행정동 ``area_code`` or ``sigungu_code``."""
    keys = set(values.index.astype(str))
    a = None if areas is None else _frame(areas)
    if a is not None and "area_code" in a.columns and keys & set(a["area_code"]):
        return areas, "area_code", "name_ko"
    if keys & set(_frame(sigungu)["sigungu_code"].astype(str)):
        return sigungu, "sigungu_code", "sigungu_ko"
    raise DataError.of("map.err.no_match")


def _demand_layer(
    values: pd.Series,
    areas: Shapes | None,
    sigungu: Shapes,
    value_label: str,
    lang: str,
    tolerance_m: float | None,
    with_tiles: bool,
) -> Layer:
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
    legend_text: str | None = None,
    interactive: bool = True,
    dash: str | None = None,
) -> Layer:
    """One GeoJson layer of uniformly styled polygons, its tooltip and its legend entry.
    ``geometry``: draw the rows of ``shapes`` from these published shapes (same ids).
    ``interactive=False``: the layer takes no hover or click, so the choropleth under it
    still shows its value."""
    tip_col = next((c for c in tip_columns if c in shapes.columns), None) if interactive else None
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
                **({"dashArray": dash} if dash else {}),
            }
        ],
        tooltip=folium.GeoJsonTooltip(fields=["tip"], labels=False) if tip_col else None,
        className=class_name,
        pane=pane,
        interactive=interactive,
    )
    legend = (
        f"<h4>{html.escape(name)}</h4>"
        + _swatch(swatch_fill, style=f"border:1.5px {'dashed' if dash else 'solid'} {color}")
        + html.escape(legend_text if legend_text is not None else f"{len(shapes)}")
    )
    return Layer(layer, name, legend)


def _catchment_layer(
    catchments: gpd.GeoDataFrame,
    lang: str,
    tolerance_m: float | None,
    threshold: float | None = None,
) -> Layer:
    """Outlines of the reach of every open site: drawn over the choropleth without a fill that
    would change its colours, and without taking the hover from it."""
    n = len(catchments)
    text = (
        _t("catchments_n", lang).format(n=f"{n:,}", t=f"{threshold:g}")
        if threshold is not None
        else _t("catchments_any", lang).format(n=f"{n:,}")
    )
    return _polygon_layer(
        _display(catchments, None if tolerance_m is None else tolerance_m / 4, coverage=False),
        name=_t("catchments", lang),
        tip_columns=("label", "site_id"),
        color=CATCHMENT_COLOR,
        swatch_fill="rgba(255,255,255,0)",
        weight=1.6,
        opacity=0.95,
        fill_opacity=0.0,
        class_name="pl-catchment",
        pane=CATCHMENT_PANE,
        legend_text=text,
        interactive=False,
    )


def _uncovered_layer(
    uncovered: gpd.GeoDataFrame | Iterable[str],
    areas: Shapes | None,
    lang: str,
    tolerance_m: float | None,
    threshold: float | None = None,
) -> Layer | None:
    geometry = None
    if not isinstance(uncovered, gpd.GeoDataFrame):
        codes = {str(c) for c in uncovered}
        if areas is None:
            raise DataError.of("map.err.no_areas")
        frame = _frame(areas)
        uncovered = frame[frame["area_code"].astype(str).isin(codes)]
        if isinstance(areas, PublishedShapes) and areas.id_col == "area_code":
            geometry = areas
    if not len(uncovered):
        return None
    layer = _polygon_layer(
        uncovered if geometry is not None else _display(uncovered, tolerance_m),
        geometry=geometry,
        name=_t("uncovered_t", lang).format(t=f"{threshold:g}")
        if threshold is not None
        else _t("uncovered", lang),
        tip_columns=("name_ko", "sigungu_ko"),
        color=UNCOVERED_COLOR,
        swatch_fill="rgba(255,255,255,0)",
        weight=1.2,
        opacity=0.95,
        fill_opacity=0.0,  # a dashed outline: the choropleth keeps its legend colours
        class_name="pl-uncovered",
        pane=UNCOVERED_PANE,
        legend_text=_t("uncovered_n", lang).format(n=f"{len(uncovered):,}"),
        interactive=False,
        dash="3,3",
    )
    return replace(layer, name=_t("uncovered", lang))  # the legend names T; the control does not


def map_layers(
    *,
    sigungu: Shapes | None = None,
    areas: Shapes | None = None,
    values: pd.Series | None = None,
    value_label: str = "",
    catchments: gpd.GeoDataFrame | None = None,
    uncovered: gpd.GeoDataFrame | Iterable[str] | None = None,
    boundaries: Sequence[Layer] = (),
    centers: pd.DataFrame | None = None,
    proposed: pd.DataFrame | None = None,
    lang: str = "ko",
    tolerance_m: float | None = DEFAULT_TOLERANCE_M,
    with_tiles: bool = False,
    threshold: float | None = None,
) -> list[Layer]:
    """A map's layers from bottom to top: demand choropleth, service areas, areas beyond every
    reach, ``boundaries``, existing centers, proposed sites; each only when its data is given
    (arguments as in :func:`planning.maps.build_map`). The one list both ways of drawing a map
    use: :func:`planning.maps.build_map` adds the layers to the map under one legend box,
    :func:`result_layers` makes each a FeatureGroup with its own legend."""
    if lang not in ("ko", "en"):
        raise DataError.of("map.err.lang", lang=lang)
    out: list[Layer] = []
    if values is not None:
        if sigungu is None:
            raise DataError.of("map.err.no_sigungu")
        out.append(
            _demand_layer(values, areas, sigungu, value_label, lang, tolerance_m, with_tiles)
        )
    if catchments is not None and len(catchments):
        out.append(_catchment_layer(catchments, lang, tolerance_m, threshold))
    if uncovered is not None:
        unc = _uncovered_layer(uncovered, areas, lang, tolerance_m, threshold)
        if unc is not None:
            out.append(unc)
    out += boundaries
    if centers is not None and len(centers):
        out.append(_centers_layer(centers, lang))
    if proposed is not None and len(proposed):
        out.append(_proposed_layer(proposed, lang))
    return out


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
    threshold: float | None = None,
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
    layers = map_layers(
        sigungu=sigungu,
        areas=areas,
        values=values,
        value_label=value_label,
        catchments=catchments,
        uncovered=uncovered,
        proposed=proposed,
        lang=lang,
        tolerance_m=tolerance_m,
        with_tiles=with_tiles,
        threshold=threshold,
    )
    # st_folium loads the groups' scripts too: every asset from the app, never a CDN
    return [localize(layer.group(), base_url_path=base_url_path) for layer in layers]


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
    markers = folium.FeatureGroup(name=title)
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
        ).add_to(markers)
    style = f"border-color:{color};background:transparent" if hollow else "border-color:#fff"
    swatch = _swatch("transparent" if hollow else color, dot=True, style=style)
    legend = f"<h4>{swatch}{html.escape(title)}</h4>"  # one line per set
    return localize(Layer(markers, title, legend).group(), base_url_path=base_url_path)
