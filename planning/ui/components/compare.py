"""Scenario comparison: KPI table (one column per scenario) and a map of differing sites."""

from __future__ import annotations

import folium
import numpy as np
import pandas as pd
import streamlit as st

from planning.i18n import MESSAGES, t
from planning.plan import PlanResult
from planning.scenario import shown_name
from planning.ui import leaflet_component, state
from planning.ui.components.results import kpi_frame

PALETTE = ("#d95f02", "#1b9e77", "#7570b3", "#e7298a", "#66a61e", "#e6ab02")
PALETTE_NAMES = (
    "orange",
    "green",
    "violet",
    "red",
    "green",
    "orange",
)  # Streamlit markdown colours
COMMON_COLOR = "#636363"


Named = list[tuple[str, PlanResult]]  # (name in the comparison list, result)


def kpi_comparison(named: Named, lang: str) -> pd.DataFrame:
    """Rows = metrics; per kept result (by its name in the list: two kept results of one
    scenario name are two columns) its own 'before' (at its own threshold and month) and its
    plan, then the difference of each plan from the first. The first row gives each T."""
    results = [r for _, r in named]
    keys = list(results[0].kpis["key"])
    metric, before, after = t("res.metric", lang), t("res.before", lang), t("res.after", lang)
    # thresholds may differ between scenarios: then the rows read "T분 내 …" and the first row
    # gives each T; one threshold for all: the rows name it ("30분 내 인구 비율(%)")
    thresholds = {float(r.scenario.threshold) for r in results}
    shown = f"{thresholds.pop():g}" if len(thresholds) == 1 else "T"
    table = pd.DataFrame({metric: [t(f"kpi.{key}", lang, t=shown) for key in keys]})
    head = {metric: ("" if shown != "T" else "T = ") + t("ctl.threshold", lang)}
    for name, r in named:
        k = kpi_frame(r, lang)
        same = list(r.kpis["key"]) == keys
        table[f"{name} · {before}"] = k["before"].to_numpy() if same else None
        table[f"{name} · {after}"] = k["after"].to_numpy() if same else None
        head[f"{name} · {before}"] = head[f"{name} · {after}"] = f"{r.scenario.threshold:g}"
    first_name, first = named[0]
    for name, r in named[1:]:
        col = t("scn.diff_col", lang, name=name, first=first_name)
        table[col] = _differences(first, r, keys)
        head[col] = ""
    return pd.concat([pd.DataFrame([head]), table], ignore_index=True)


def _differences(first: PlanResult, other: PlanResult, keys: list[str]) -> list[str]:
    """``other``'s plan minus ``first``'s, per KPI, in the KPI's unit."""
    from planning.plan.outputs import COUNT_KEYS, MINUTE_KEYS, PERCENT_KEYS, minutes_change

    a = first.kpis.set_index("key")["after"]
    b = other.kpis.set_index("key")["after"].reindex(a.index)
    out = []
    for key in keys:
        x, y = float(a[key]), float(b[key])
        if key in MINUTE_KEYS:
            out.append(minutes_change(x, y)[0])
        elif np.isnan(x) or np.isnan(y):
            out.append("–")
        elif key in PERCENT_KEYS:
            out.append(f"{y - x:+.1f}%p")
        elif key in COUNT_KEYS or key == "n_centers":
            out.append(f"{y - x:+,.0f}")
        else:
            out.append(f"{y - x:+,.1f}")
    return out


def site_differences(named: Named) -> pd.DataFrame:
    """One row per proposed site in any kept result: its rank in each (NaN where absent)."""
    rows: dict[str, dict] = {}
    for name, r in named:
        for _, site in r.sites.iterrows():
            row = rows.setdefault(
                site["site_id"],
                {
                    "site_id": site["site_id"],
                    "name_ko": site.get("name_ko", ""),
                    "sigungu_ko": site.get("sigungu_ko", ""),
                    "lat": site.get("lat"),
                    "lon": site.get("lon"),
                },
            )
            row[name] = int(site["rank"])
    table = pd.DataFrame(list(rows.values()))
    names = [name for name, _ in named]
    for name in names:  # a result with no new sites still gets its column
        if name not in table:
            table[name] = np.nan
    table["in_all"] = table[names].notna().all(axis=1)
    return table


def diff_map(names: list[str], diff: pd.DataFrame, lang: str) -> folium.Map:
    from planning.maps import build_map
    from planning.ui import cache
    from planning.ui.shapes import shapes

    published = shapes(cache.base(), "sigungu")
    common = folium.FeatureGroup(name=t("scn.in_all", lang))
    groups = {n: folium.FeatureGroup(name=t("scn.only_in", lang, name=n)) for n in names}
    for _, row in diff.iterrows():
        have = [n for n in names if pd.notna(row[n])]
        only = len(have) == 1 and not row["in_all"]
        if only:
            group, color = groups[have[0]], PALETTE[names.index(have[0]) % len(PALETTE)]
        else:  # in all, or in some of three or more: grey, small (what differs stands out)
            group, color = common, COMMON_COLOR
        tip = f"{row['sigungu_ko']} {row['name_ko']} — " + ", ".join(
            t("scn.rank_in", lang, name=n, rank=int(row[n])) for n in have
        )
        folium.CircleMarker(
            [float(row["lat"]), float(row["lon"])],
            radius=9 if only else 4,
            color="#ffffff" if only else color,
            fill=True,
            fill_color=color,
            fill_opacity=0.95 if only else 0.6,
            weight=2 if only else 1,
            tooltip=tip,
        ).add_to(group)
    # added by build_map before its layer control, which lists them
    return build_map(
        sido=published.sido,
        sigungu=published.sigungu,
        lang=lang,
        tolerance_m=None,
        extra_layers=[common, *groups.values()],
    )


def page() -> None:
    lang = state.lang()
    kept: dict[str, PlanResult] = st.session_state[state.COMPARE]
    if len(kept) < 2:
        st.info(t("scn.compare_need", lang))
        if not kept:
            return
    pick = state.WIDGET_PREFIX + "compare_pick"
    if pick in st.session_state:  # kept results may have changed since
        st.session_state[pick] = [n for n in st.session_state[pick] if n in kept]
    chosen = st.multiselect(
        t("scn.compare_pick", lang),
        list(kept),
        key=state.widget_default("compare_pick", list(kept)[:4]),
        placeholder=t("ctl.choose", lang),
        format_func=lambda n: shown_name(n, lang),
    )
    named = [(shown_name(n, lang), kept[n]) for n in chosen]
    if len(named) >= 1:
        st.dataframe(kpi_comparison(named, lang), hide_index=True, width="stretch")
    if len(named) >= 2:
        diff = site_differences(named)
        st.subheader(t("scn.diff_map", lang))
        legend = [
            f":{PALETTE_NAMES[i % len(PALETTE)]}[● {t('scn.only_in', lang, name=name)}]"
            for i, (name, _) in enumerate(named)
        ]
        st.caption(" · ".join([*legend, f":gray[● {t('scn.in_all', lang)}]"]))
        key = (tuple(named), lang)  # results compare by identity (PlanResult eq=False)
        built = st.session_state.get("compare_map_built")
        if built is None or built[0] != key:  # rendered once per compared set: no remount
            built = (key, leaflet_component.base_payload(diff_map(chosen, diff, lang)))
            st.session_state["compare_map_built"] = built
        leaflet_component.show(
            built[1], None, key="compare_map", height=520, returned_objects=["last_object_clicked"]
        )
        shown = diff[~diff["in_all"]].drop(columns=["lat", "lon", "in_all"])
        for name in chosen:  # rank in each kept result, "–" where it has no such site
            shown[name] = [("–" if pd.isna(v) else f"{int(v)}") for v in shown[name]]
        shown = shown.rename(
            columns={c: t(f"site.{c}", lang) for c in shown.columns if f"site.{c}" in MESSAGES}
        )
        st.dataframe(
            shown,
            hide_index=True,
            width="stretch",
        )
    if st.button(t("scn.clear", lang), key="btn_clear_compare"):
        st.session_state[state.COMPARE] = {}
        st.rerun()
