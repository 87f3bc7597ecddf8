"""Download buttons for the exports (bytes are built by :mod:`planning.export`)."""

from __future__ import annotations

import streamlit as st

from planning import export
from planning.i18n import t
from planning.ui import state
from planning.ui.components.errors import user_action
from planning.ui.components.results import kpi_frame
from planning.ui.service import BaseData, PlanResult


def _stem(result: PlanResult) -> str:
    s = result.scenario
    return f"sites_{s.as_of}_{s.total}_{s.threshold:g}min"


def downloads(base: BaseData, result: PlanResult, catchments=None) -> None:
    lang = state.lang()
    st.subheader(t("exp.header", lang))
    vintages = base.vintages
    stem = _stem(result)
    cols = st.columns(5)
    with user_action():
        cols[0].download_button(
            t("exp.csv", lang),
            export.sites_csv(result.sites, vintages),
            file_name=f"{stem}.csv",
            mime="text/csv",
            key="dl_csv",
            on_click="ignore",
        )
        cols[1].download_button(
            t("exp.xlsx", lang),
            export.sites_xlsx(
                result.sites,
                vintages,
                scenario=result.scenario,
                kpis=kpi_frame(result, "ko"),
                formula=result.formula,
            ),
            file_name=f"{stem}.xlsx",
            mime="application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
            key="dl_xlsx",
            on_click="ignore",
        )
        if len(result.sites):
            cols[2].download_button(
                t("exp.geojson_sites", lang),
                export.sites_geojson(result.sites),
                file_name=f"{stem}.geojson",
                mime="application/geo+json",
                key="dl_geo_sites",
                on_click="ignore",
            )
        if catchments is not None and len(catchments):
            cols[3].download_button(
                t("exp.geojson_catch", lang),
                export.geojson(catchments),
                file_name=f"catchments_{stem}.geojson",
                mime="application/geo+json",
                key="dl_geo_catch",
                on_click="ignore",
            )
        cols[4].download_button(
            t("exp.html", lang),
            export.summary_html(
                result.scenario,
                kpi_frame(result, "ko"),
                result.sites,
                vintages,
                formula=result.formula,
            ).encode("utf-8"),
            file_name=f"summary_{stem}.html",
            mime="text/html",
            key="dl_html",
            on_click="ignore",
        )
