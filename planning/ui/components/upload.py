"""Data upload: bytes -> importer -> the session's data. Errors are shown, state is kept."""

from __future__ import annotations

from dataclasses import asdict

import pandas as pd
import streamlit as st

from planning.i18n import t
from planning.ui import cache, service, state
from planning.ui.components.errors import show_error

KIND_KEY = "w_up_kind"
FILE_KEY = "w_file_data"
PENDING = "pending_upload"  # (kind, filename, bytes): tests inject uploads here


def handle_upload(kind: str, filename: str, content: bytes) -> bool:
    """Import one file into this session. Returns True on success; on error shows st.error."""
    lang = state.lang()
    try:
        new, report = service.apply_upload(cache.base(), kind, filename, content)
    except Exception as exc:  # noqa: BLE001 - shown in the page, never a traceback
        show_error(exc)
        return False
    st.session_state[state.BASE_OVERRIDE] = new
    st.session_state[state.UPLOADS].append(asdict(report))
    st.session_state[state.SOLVED] = {}  # results depend on the data
    st.success(t("up.ok", lang, name=filename, n=report.rows))
    if report.unmatched:
        st.warning(
            t("up.unmatched", lang, n=len(report.unmatched), names=", ".join(report.unmatched[:20]))
        )
    for w in report.warnings:
        st.warning(w)
    return True


def page() -> None:
    lang = state.lang()
    kind = st.radio(
        t("up.kind", lang),
        list(service.UPLOAD_KINDS),
        key=KIND_KEY,
        format_func=lambda k: t(f"up.kind.{k}", lang),
    )
    f = st.file_uploader(
        t("up.file", lang, mb=service.MAX_UPLOAD_MB),
        type=["csv", "xlsx", "txt"],
        key=FILE_KEY,
    )
    pending = st.session_state.pop(PENDING, None)
    if pending is not None:
        handle_upload(*pending)
    elif f is not None and st.session_state.get("last_upload_id") != f.file_id:
        st.session_state["last_upload_id"] = f.file_id
        handle_upload(kind, f.name, f.getvalue())
    uploads = st.session_state[state.UPLOADS]
    if uploads:
        st.subheader(t("up.loaded", lang))
        table = pd.DataFrame(uploads)[["kind", "filename", "rows", "vintage"]]
        st.dataframe(table, hide_index=True, width="stretch")


def sources_table() -> None:
    lang = state.lang()
    st.subheader(t("src.header", lang))
    b = cache.base()
    rows = []
    try:
        from planning.demand import INDICATORS
    except ImportError:
        INDICATORS = {}
    for key in b.indicators.columns:
        ind = INDICATORS.get(key)
        rows.append(
            {
                t("src.indicator", lang): ind.label_ko
                if ind and lang == "ko"
                else (ind.label_en if ind else key),
                t("src.unit", lang): getattr(ind, "unit", ""),
                t("src.source", lang): getattr(ind, "source", b.vintages.get(key, "")),
                t("src.vintage", lang): getattr(ind, "vintage", b.vintages.get(key, "")),
                t("src.license", lang): getattr(ind, "license", ""),
                t("src.allocated", lang): getattr(ind, "allocated_from_sigungu", None),
            }
        )
    st.dataframe(pd.DataFrame(rows), hide_index=True, width="stretch")
