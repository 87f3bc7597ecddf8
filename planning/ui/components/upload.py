"""Data upload: bytes -> importer -> the session's data. Errors are shown, state is kept.

A travel-time matrix (kind ``matrix``) is kept in ``state.MATRIX``; the bundled data and the
session's other uploads are untouched by it.

Each loaded file's warnings are kept in ``state.UPLOADS`` in English and Korean (``asdict`` of
:class:`~planning.sources.Notice`) and shown under the loaded files in the page's language.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import asdict

import pandas as pd
import streamlit as st

from planning import plan as service
from planning.i18n import t
from planning.plan import matrix as matrix_engine
from planning.plan.uploads import (
    MATRIX_KIND,
    MAX_UPLOAD_MB,
    UPLOAD_KINDS,
    UploadReport,
    apply_upload,
)
from planning.sources import Notice
from planning.ui import cache, state
from planning.ui.components.errors import show_error

KIND_KEY = "w_up_kind"
FILE_KEY = "w_file_data"
PENDING = "pending_upload"  # (kind, filename, bytes): tests inject uploads here


def handle_matrix_upload(filename: str, content: bytes) -> bool:
    """Read a travel-time matrix, check its ids against the sites (building the cached Network
    the plan page will use) and keep it in the session. On error: the message, nothing changed."""
    lang = state.lang()
    try:
        matrix = matrix_engine.read_matrix_upload(filename, content, lang)
        base = cache.base()
        net = cache.network(base, matrix, lang)
        notices = matrix_engine.matrix_notices(base, net)
    except Exception as exc:  # noqa: BLE001 - shown in the page, never a traceback
        show_error(exc)
        return False
    meta = net.table.meta
    report = UploadReport(
        kind=MATRIX_KIND,
        filename=filename,
        rows=matrix.rows,
        columns=("origin_id", "destination_id", "minutes"),
        unmatched=tuple([*meta["unknown_origins"], *meta["unknown_destinations"]]),
        warnings=tuple(notices),
        vintage=f"sha256:{matrix.digest[:12]}",
    )
    st.session_state[state.MATRIX] = matrix
    uploads = st.session_state[state.UPLOADS]
    uploads[:] = [u for u in uploads if u["kind"] != MATRIX_KIND] + [asdict(report)]
    state.forget_results("matrix")  # results of an earlier matrix no longer hold
    st.success(matrix_engine.matrix_summary(net, lang))  # the warnings: under the loaded files
    return True


def remove_matrix() -> None:
    st.session_state[state.MATRIX] = None
    uploads = st.session_state[state.UPLOADS]
    uploads[:] = [u for u in uploads if u["kind"] != MATRIX_KIND]
    state.forget_results("matrix")
    state.flash("info", t("up.matrix_removed", state.lang()))


def handle_upload(kind: str, filename: str, content: bytes) -> bool:
    """Import one file into this session. Returns True on success; on error shows st.error."""
    if kind == MATRIX_KIND:
        return handle_matrix_upload(filename, content)
    lang = state.lang()
    old = cache.base()
    try:
        new, report = apply_upload(old, kind, filename, content)
    except Exception as exc:  # noqa: BLE001 - shown in the page, never a traceback
        show_error(exc)
        return False
    st.session_state[state.BASE_OVERRIDE] = new
    st.session_state[state.UPLOADS].append(asdict(report))
    st.session_state[state.SOLVED] = {}  # results depend on the data
    st.success(t("up.ok", lang, name=filename, n=report.rows))  # the warnings: under the files
    if state.matrix() is not None and cache.centers_key(old) != cache.centers_key(new):
        recheck_matrix(new)
    return True


def recheck_matrix(base: service.BaseData) -> None:
    """New centers: say what the loaded matrix now leaves out (or that it no longer fits): the
    matrix's kept warnings are replaced by those against the new centers."""
    lang = state.lang()
    state.forget_results("matrix")
    try:
        net = cache.network(base, state.matrix(), lang)
    except Exception as exc:  # noqa: BLE001 - shown in the page, never a traceback
        show_error(exc)
        return
    notices = tuple(asdict(n) for n in matrix_engine.matrix_notices(base, net))
    for upload in st.session_state[state.UPLOADS]:
        if upload["kind"] == MATRIX_KIND:
            upload["warnings"] = notices


def upload_notes(upload: Mapping, lang: str) -> list[str]:
    """The warnings of one loaded file (a ``state.UPLOADS`` entry) in ``lang``: the rows that
    did not join, then the importer's notices."""
    name = upload.get("filename", "")
    notes = []
    unmatched = list(upload.get("unmatched") or ())
    if unmatched and upload.get("kind") != MATRIX_KIND:  # a matrix's: in its notices
        notes.append(t("up.unmatched", lang, n=len(unmatched), names=", ".join(unmatched[:20])))
    notes += [Notice.of(w).text(lang) for w in upload.get("warnings") or ()]
    return [t("up.note", lang, name=name, text=note) for note in notes]


def page() -> None:
    lang = state.lang()
    kind = st.radio(
        t("up.kind", lang),
        list(UPLOAD_KINDS),
        key=KIND_KEY,
        format_func=lambda k: t(f"up.kind.{k}", lang),
    )
    is_matrix = kind == MATRIX_KIND
    if is_matrix:
        st.caption(t("up.matrix_help", lang))
    elif kind == "centers":
        st.caption(t("up.centers_help", lang))
    elif kind == "mois":
        st.caption(t("up.mois_help", lang))
    f = st.file_uploader(
        t("up.file", lang, mb=MAX_UPLOAD_MB),
        type=["csv", "txt", "parquet", "pq"] if is_matrix else ["csv", "xlsx", "txt"],
        key=FILE_KEY,
    )
    pending = st.session_state.pop(PENDING, None)
    if pending is not None:
        handle_upload(*pending)
    elif f is not None and st.session_state.get("last_upload_id") != f.file_id:
        st.session_state["last_upload_id"] = f.file_id
        handle_upload(kind, f.name, f.getvalue())
    matrix = state.matrix()
    if matrix is not None:
        st.info(t("up.matrix_loaded", lang, name=matrix.filename, rows=f"{matrix.rows:,}"))
        st.button(t("up.matrix_remove", lang), key="btn_matrix_remove", on_click=remove_matrix)
    uploads = st.session_state[state.UPLOADS]
    if uploads:
        st.subheader(t("up.loaded", lang))
        table = pd.DataFrame(uploads)[["kind", "filename", "rows", "vintage"]]
        st.dataframe(table, hide_index=True, width="stretch")
        for upload in uploads:
            for note in upload_notes(upload, lang):
                st.warning(note)


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
