"""Scenario comparison: KPI table (one column per scenario) and a map of differing sites."""

from __future__ import annotations

import folium
import pandas as pd
import streamlit as st
from streamlit_folium import st_folium

from planning.i18n import t
from planning.ui import state
from planning.ui.components.results import kpi_frame
from planning.ui.service import PlanResult

PALETTE = ("#d95f02", "#1b9e77", "#7570b3", "#e7298a", "#66a61e", "#e6ab02")
COMMON_COLOR = "#636363"


def kpi_comparison(results: list[PlanResult], lang: str) -> pd.DataFrame:
    """Rows = metrics (label of the first scenario's threshold), columns = before + each scenario."""
    first = kpi_frame(results[0], lang)
    table = pd.DataFrame(
        {t("res.metric", lang): first["metric"], t("res.before", lang): first["before"]}
    )
    for r in results:
        k = kpi_frame(r, lang)
        table[r.scenario.name] = k["after"].to_numpy() if len(k) == len(first) else None
    return table


def site_differences(results: list[PlanResult]) -> pd.DataFrame:
    """One row per proposed site in any scenario: which scenarios have it."""
    rows: dict[str, dict] = {}
    for r in results:
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
            row[r.scenario.name] = int(site["rank"])
    table = pd.DataFrame(list(rows.values()))
    names = [r.scenario.name for r in results]
    table["in_all"] = table[names].notna().all(axis=1)
    return table


def diff_map(results: list[PlanResult], diff: pd.DataFrame, lang: str) -> folium.Map:
    from planning.maps import build_map
    from planning.ui.components.map_view import _boundaries, _install_static

    _install_static()
    sido, sigungu = _boundaries()
    m = build_map(sido=sido, sigungu=sigungu, lang=lang)
    names = [r.scenario.name for r in results]
    common = folium.FeatureGroup(name=t("scn.in_all", lang))
    groups = {n: folium.FeatureGroup(name=t("scn.only_in", lang, name=n)) for n in names}
    for _, row in diff.iterrows():
        have = [n for n in names if pd.notna(row[n])]
        if row["in_all"]:
            group, color = common, COMMON_COLOR
        elif len(have) == 1:
            group, color = groups[have[0]], PALETTE[names.index(have[0]) % len(PALETTE)]
        else:
            group, color = common, COMMON_COLOR
        tip = f"{row['sigungu_ko']} {row['name_ko']} — " + ", ".join(
            f"{n}: {int(row[n])}위" for n in have
        )
        folium.CircleMarker(
            [float(row["lat"]), float(row["lon"])],
            radius=7 if not row["in_all"] else 4,
            color=color,
            fill=True,
            fill_opacity=0.85,
            weight=1,
            tooltip=tip,
        ).add_to(group)
    common.add_to(m)
    for g in groups.values():
        g.add_to(m)
    folium.LayerControl(collapsed=False).add_to(m)
    return m


def page() -> None:
    lang = state.lang()
    kept: dict[str, PlanResult] = st.session_state[state.COMPARE]
    if len(kept) < 2:
        st.info(t("scn.compare_need", lang))
        if not kept:
            return
    chosen = st.multiselect(
        t("scn.compare_pick", lang), list(kept), default=list(kept)[:4], key="w_compare_pick"
    )
    results = [kept[n] for n in chosen]
    if len(results) >= 1:
        st.dataframe(kpi_comparison(results, lang), hide_index=True, width="stretch")
    if len(results) >= 2:
        diff = site_differences(results)
        st.subheader(t("scn.diff_map", lang))
        st_folium(
            diff_map(results, diff, lang),
            key="compare_map",
            height=520,
            use_container_width=True,
            returned_objects=[],
        )
        st.dataframe(
            diff[~diff["in_all"]].drop(columns=["lat", "lon", "in_all"]),
            hide_index=True,
            width="stretch",
        )
    if st.button(t("scn.clear", lang), key="btn_clear_compare"):
        st.session_state[state.COMPARE] = {}
        st.rerun()
