"""Download buttons for the exports: the files of :func:`planning.plan.outputs.output_files`,
the same that ``python -m planning run`` writes (``--lang en`` for the English page's files)."""

from __future__ import annotations

from collections.abc import Callable

import streamlit as st

from planning.i18n import t
from planning.plan import BaseData, Network, PlanResult, outputs
from planning.scenario import Scenario
from planning.ui import state
from planning.ui.components.errors import error_text, user_action

_CACHE = "export_bytes"  # (the shown result, name, note, language, {file: bytes})


def _files(result: PlanResult, scenario: Scenario, lang: str) -> dict[str, bytes]:
    """This result's built files under this name, in this language (a plain dict, so the
    deferred builders below need no Streamlit context: Streamlit runs them on another thread
    when a button is clicked)."""
    cached = st.session_state.get(_CACHE)
    key = (result, scenario.name, scenario.note, lang)
    if cached is None or cached[0] is not result or cached[1:4] != key[1:]:
        cached = (*key, {})
        st.session_state[_CACHE] = cached
    return cached[4]


def _deferred(
    files: dict[str, bytes], name: str, make: Callable[[], bytes], lang: str
) -> Callable[[], bytes]:
    def build() -> bytes:
        if name not in files:
            try:
                files[name] = make()
            except Exception as exc:  # noqa: BLE001 - no page to show it on: say it in the file
                return error_text(exc, lang).encode("utf-8")
        return files[name]

    return build


#: buttons per row: the documents of a meeting first, the map files below (seven buttons in one
#: row cut their labels short at 1366x768: "회의용 보고…", "담당 구역 Ge…")
ROWS = (("csv", "xlsx", "pdf", "html"), ("geo_sites", "geo_service", "geo_reach"))
PER_ROW = max(len(r) for r in ROWS)


def downloads(base: BaseData, net: Network, result: PlanResult) -> None:
    """One download button per export of :func:`planning.plan.outputs.output_files`. A file is
    built when its button is clicked (not on every rerun: the Excel file alone takes ~0.1 s,
    the PDF ~1 s), once per shown result and name."""
    lang = state.lang()
    st.subheader(t("exp.header", lang))
    current = st.session_state.get(state.SCENARIO)
    items = {f.key: f for f in outputs.output_files(base, net, result, scenario=current, lang=lang)}
    if not len(result.sites):
        items.pop("geo_sites", None)
    files = _files(result, outputs.printed_scenario(result, current, lang), lang)
    rows = [[items[k] for k in row if k in items] for row in ROWS]
    rows.append([f for k, f in items.items() if not any(k in r for r in ROWS)])
    for row in (r for r in rows if r):
        for col, f in zip(st.columns(PER_ROW), row, strict=False):
            with user_action():
                col.download_button(
                    t(f"exp.{f.key}", lang),
                    _deferred(files, f.key, f.build, lang),
                    file_name=f.filename,
                    mime=f.mime,
                    key=f"dl_{f.key}",
                    on_click="ignore",
                    width="stretch",
                )
