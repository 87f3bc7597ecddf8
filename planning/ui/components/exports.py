"""Download buttons for the exports (bytes are built by :mod:`planning.export`)."""

from __future__ import annotations

from collections.abc import Callable

import streamlit as st

from planning import export
from planning.i18n import t
from planning.ui import state
from planning.ui.components.errors import error_text, user_action
from planning.ui.components.results import kpi_frame
from planning.ui.service import BaseData, PlanResult


def _stem(result: PlanResult) -> str:
    s = result.scenario
    return f"sites_{s.as_of}_{s.total}_{s.threshold:g}min"


_CACHE = "export_bytes"  # (the shown result, {name: bytes})


def _files(result: PlanResult) -> dict[str, bytes]:
    """This result's built files (a plain dict, so the deferred builders below need no
    Streamlit context: Streamlit runs them on another thread when a button is clicked)."""
    cached = st.session_state.get(_CACHE)
    if cached is None or cached[0] is not result:
        cached = (result, {})
        st.session_state[_CACHE] = cached
    return cached[1]


def _deferred(files: dict[str, bytes], name: str, make: Callable[[], bytes]) -> Callable[[], bytes]:
    def build() -> bytes:
        if name not in files:
            try:
                files[name] = make()
            except Exception as exc:  # noqa: BLE001 - no page to show it on: say it in the file
                return error_text(exc, "ko").encode("utf-8")
        return files[name]

    return build


def downloads(base: BaseData, result: PlanResult, catchments=None) -> None:
    """Five download buttons. A file is built when its button is clicked (not on every rerun:
    the Excel file alone takes ~0.1 s), once per shown result."""
    lang = state.lang()
    st.subheader(t("exp.header", lang))
    vintages = base.vintages
    stem = _stem(result)
    cols = st.columns(5)
    kpis = kpi_frame(result, "ko")
    items = [
        (
            "csv",
            "exp.csv",
            f"{stem}.csv",
            "text/csv",
            lambda: export.sites_csv(result.sites, vintages),
        ),
        (
            "xlsx",
            "exp.xlsx",
            f"{stem}.xlsx",
            "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
            lambda: export.sites_xlsx(
                result.sites, vintages, scenario=result.scenario, kpis=kpis, formula=result.formula
            ),
        ),
        (
            "geo_sites",
            "exp.geojson_sites",
            f"{stem}.geojson",
            "application/geo+json",
            lambda: export.sites_geojson(result.sites),
        ),
        (
            "geo_catch",
            "exp.geojson_catch",
            f"catchments_{stem}.geojson",
            "application/geo+json",
            lambda: export.geojson(catchments),
        ),
        (
            "html",
            "exp.html",
            f"summary_{stem}.html",
            "text/html",
            lambda: export.summary_html(
                result.scenario, kpis, result.sites, vintages, formula=result.formula
            ).encode("utf-8"),
        ),
    ]
    files = _files(result)
    for col, (name, label, file_name, mime, make) in zip(cols, items, strict=True):
        if name == "geo_sites" and not len(result.sites):
            continue
        if name == "geo_catch" and (catchments is None or not len(catchments)):
            continue
        with user_action():
            col.download_button(
                t(label, lang),
                _deferred(files, name, make),
                file_name=file_name,
                mime=mime,
                key=f"dl_{name}",
                on_click="ignore",
            )
