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
from planning.export import bundled_source
from planning.i18n import MESSAGES, period, t
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
from planning.ui.components.controls import indicator_label
from planning.ui.components.errors import error_text, show_error
from planning.ui.components.korean import localize_uploaders

KIND_KEY = "w_up_kind"
FILE_KEY = "w_file_data"
PENDING = "pending_upload"  # (kind, filename, bytes): tests inject uploads here
FILES = "upload_files"  # [(kind, filename, bytes)] of the data uploads, in order: to remove one


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
    st.session_state.setdefault(FILES, []).append((kind, filename, content))
    st.session_state[state.SOLVED] = {}  # results depend on the data
    ok = "up.ok_centers" if kind == "centers" else "up.ok"
    st.success(t(ok, lang, name=filename, n=f"{report.rows:,}"))  # the warnings: under the files
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
        key = "up.unmatched_centers" if upload.get("kind") == "centers" else "up.unmatched"
        notes.append(t(key, lang, n=len(unmatched), names=", ".join(unmatched[:20])))
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
    localize_uploaders(lang)
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
        st.dataframe(uploads_table(uploads, lang), hide_index=True, width="stretch")
        for upload in uploads:
            for note in upload_notes(upload, lang):
                st.warning(note)
        data = [u for u in uploads if u["kind"] != MATRIX_KIND]
        for i, u in enumerate(data):
            st.button(
                t("up.remove", lang, name=u["filename"]),
                key=f"btn_remove_upload_{i}",
                on_click=remove_upload,
                args=(i,),
            )


def uploads_table(uploads: list[Mapping], lang: str) -> pd.DataFrame:
    """The loaded files in the page's language, with which one is in use: a later file of the
    same kind that adds the same indicators replaces an earlier one (the matrix: the last)."""
    rows = []
    for i, u in enumerate(uploads):
        later = [
            v
            for v in uploads[i + 1 :]
            if v["kind"] == u["kind"]
            and (u["kind"] in (MATRIX_KIND, "centers") or set(v["columns"]) >= set(u["columns"]))
        ]
        rows.append(
            {
                t("up.col.kind", lang): t(f"up.kind.{u['kind']}", lang),
                t("up.col.filename", lang): u["filename"],
                t("up.col.rows", lang): f"{int(u['rows']):,}",
                t("up.col.vintage", lang): u.get("vintage") or "",
                t("up.col.in_use", lang): t("up.replaced" if later else "up.in_use", lang),
            }
        )
    return pd.DataFrame(rows)


def remove_upload(index: int) -> None:
    """Drop the ``index``-th data upload: the session's data is rebuilt from the bundled data
    and the remaining files, in their order (the matrix is removed with its own button)."""
    lang = state.lang()
    files = st.session_state.get(FILES, [])
    uploads = st.session_state[state.UPLOADS]
    if not 0 <= index < len(files):
        return
    name = files[index][1]
    keep = [f for i, f in enumerate(files) if i != index]
    base, reports = cache.bundled_base(), []
    try:
        for kind, filename, content in keep:
            base, report = apply_upload(base, kind, filename, content)
            reports.append(asdict(report))
    except Exception as exc:  # noqa: BLE001 - shown on the next run
        state.flash("error", error_text(exc, lang))
        return
    old = cache.base()
    st.session_state[FILES] = keep
    st.session_state[state.BASE_OVERRIDE] = base if keep else None
    matrices = [u for u in uploads if u["kind"] == MATRIX_KIND]
    uploads[:] = reports + matrices
    st.session_state[state.SOLVED] = {}
    st.session_state[state.RESULT] = None
    if state.matrix() is not None and cache.centers_key(old) != cache.centers_key(cache.base()):
        state.forget_results("matrix")
    state.flash("success", t("up.removed", lang, name=name))


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
        if ind is None:  # an uploaded table: its file is its source
            label, unit, source = indicator_label(key, lang), "", b.vintages.get(key, "")
            vintage, license_, allocated = b.vintages.get(key, ""), "", True
        else:
            label = ind.label_ko if lang == "ko" else ind.label_en
            unit = t(f"unit.{ind.unit}", lang) if f"unit.{ind.unit}" in MESSAGES else ind.unit
            source = ind.source_text(lang)
            vintage = ind.vintage if ind.vintage != "as imported" else t("src.imported", lang)
            if key in b.vintages and not ind.bundled:
                vintage = b.vintages[key]
            elif key in b.vintages and ind.bundled:  # the demand vintage's year (2015, …)
                vintage = b.vintages[key].partition(" · ")[0] or vintage
                source = bundled_source(key, vintage, lang)
            license_ = ind.license_text(lang)
            allocated = ind.allocated_from_sigungu
        rows.append(
            {
                t("src.indicator", lang): label,
                t("src.unit", lang): unit,
                t("src.source", lang): source,
                t("src.vintage", lang): period(vintage, lang),
                t("src.license", lang): license_,
                t("src.allocated", lang): t("src.yes" if allocated else "src.no", lang),
            }
        )
    st.dataframe(pd.DataFrame(rows), hide_index=True, width="stretch")
