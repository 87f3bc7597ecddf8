"""Download buttons for the exports (bytes are built by :mod:`planning.export` and
:mod:`planning.report`)."""

from __future__ import annotations

from collections.abc import Callable

import streamlit as st

from planning import export, report
from planning.i18n import t
from planning.scenario import Scenario
from planning.ui import state
from planning.ui.components.errors import error_text, user_action
from planning.ui.service import BaseData, PlanResult, centers_as_of, site_names

#: the PDF button's label (kept here rather than in planning.i18n while that file is reworked)
PDF_LABEL = {"ko": "회의용 보고서(PDF, 1쪽)", "en": "Meeting report (PDF, 1 page)"}


def _stem(scenario: Scenario) -> str:
    """``'부산_우선안_2016-01_100곳_30분'``: the scenario's name (made safe) and its settings."""
    s = scenario
    return f"{export.file_stem(s.name)}_{s.as_of}_{s.total}곳_{s.threshold:g}분"


_CACHE = "export_bytes"  # (the shown result, name, note, {file: bytes})


def _files(result: PlanResult, scenario: Scenario) -> dict[str, bytes]:
    """This result's built files under this name (a plain dict, so the deferred builders below
    need no Streamlit context: Streamlit runs them on another thread when a button is clicked)."""
    cached = st.session_state.get(_CACHE)
    key = (result, scenario.name, scenario.note)
    if cached is None or cached[0] is not result or cached[1:3] != key[1:]:
        cached = (*key, {})
        st.session_state[_CACHE] = cached
    return cached[3]


def _deferred(files: dict[str, bytes], name: str, make: Callable[[], bytes]) -> Callable[[], bytes]:
    def build() -> bytes:
        if name not in files:
            try:
                files[name] = make()
            except Exception as exc:  # noqa: BLE001 - no page to show it on: say it in the file
                return error_text(exc, "ko").encode("utf-8")
        return files[name]

    return build


def _names(base: BaseData) -> dict[str, str]:
    """Readable names for the codes in a scenario: 시도 codes and candidate 행정동."""
    names = dict(zip(base.areas["sido_code"].astype(str), base.areas["sido_ko"], strict=True))
    names.update(site_names(base))
    return names


def downloads(base: BaseData, result: PlanResult, catchments=None) -> None:
    """Six download buttons. A file is built when its button is clicked (not on every rerun:
    the Excel file alone takes ~0.1 s, the PDF ~1 s), once per shown result and name."""
    lang = state.lang()
    st.subheader(t("exp.header", lang))
    vintages = base.vintages
    scenario = export.labelled(result.scenario, st.session_state.get(state.SCENARIO))
    stem = _stem(scenario)

    def pdf() -> bytes:
        centers = centers_as_of(base.centers, scenario.as_of)
        inp = report.report_input(result, centers, vintages, scenario=scenario, names=_names(base))
        return report.report_pdf(inp)

    items = [
        (
            "csv",
            t("exp.csv", lang),
            f"입지목록_{stem}.csv",
            "text/csv",
            lambda: export.sites_csv(result.sites, vintages),
        ),
        (
            "xlsx",
            t("exp.xlsx", lang),
            f"입지목록_{stem}.xlsx",
            "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
            lambda: export.sites_xlsx(
                result.sites,
                vintages,
                scenario=scenario,
                kpis=result.kpis,
                formula=result.formula,
                names=_names(base),
            ),
        ),
        ("pdf", PDF_LABEL.get(lang, PDF_LABEL["ko"]), f"보고서_{stem}.pdf", "application/pdf", pdf),
        (
            "geo_sites",
            t("exp.geojson_sites", lang),
            f"입지_{stem}.geojson",
            "application/geo+json",
            lambda: export.sites_geojson(result.sites),
        ),
        (
            "geo_catch",
            t("exp.geojson_catch", lang),
            f"접근범위_{stem}.geojson",
            "application/geo+json",
            lambda: export.geojson(catchments),
        ),
        (
            "html",
            t("exp.html", lang),
            f"요약_{stem}.html",
            "text/html",
            lambda: export.summary_html(
                scenario, result.kpis, result.sites, vintages, formula=result.formula
            ).encode("utf-8"),
        ),
    ]
    files = _files(result, scenario)
    cols = st.columns(len(items))
    for col, (name, label, file_name, mime, make) in zip(cols, items, strict=True):
        if name == "geo_sites" and not len(result.sites):
            continue
        if name == "geo_catch" and (catchments is None or not len(catchments)):
            continue
        with user_action():
            col.download_button(
                label,
                _deferred(files, name, make),
                file_name=file_name,
                mime=mime,
                key=f"dl_{name}",
                on_click="ignore",
            )
