"""Save (download) and load (upload) scenarios as JSON or TOML; keep results for comparison."""

from __future__ import annotations

import streamlit as st

from planning.i18n import t
from planning.scenario import read_scenario, shown_name
from planning.ui import cache, state
from planning.ui.components.controls import fit_to_controls
from planning.ui.components.errors import error_text
from planning.ui.components.korean import localize_uploaders

FILE_KEY = "w_file_scenario"
NAME_KEY = "w_name"


def _on_upload() -> None:
    """Callback: parse the uploaded scenario and reset the widgets to it (before they render).
    What was converted (a version-1 file's phases, a 법정동 시도 code) or changed to fit the
    controls (a threshold the slider does not offer, unknown codes...) is said, not silent."""
    f = st.session_state.get(FILE_KEY)
    if f is None:
        return
    lang = state.lang()
    try:
        base = cache.base()
        net = cache.network(base)  # the centers open at a month: the same for every engine
        s, notes = read_scenario(
            f.name, f.getvalue(), existing=lambda as_of: int(net.fixed_mask(as_of).sum())
        )
        s, coerced = fit_to_controls(base, s)
    except Exception as exc:  # noqa: BLE001 - shown as a message on the next run
        state.flash("error", error_text(exc, lang))
        return
    state.set_scenario(s, reset_widgets=True)
    name = shown_name(s.name, lang)
    st.session_state[NAME_KEY] = name
    state.flash("success", t("scn.loaded", lang, name=name))
    for note in notes:
        state.flash("warning", note.text(lang))
    if coerced:
        state.flash("warning", t("scn.coerced", lang, items="; ".join(coerced)))


def _on_name() -> None:
    name = shown_name(str(st.session_state.get(NAME_KEY, "")).strip(), "ko")  # one default
    if name:
        state.set_scenario(state.scenario().replace(name=name))


def save_load() -> None:
    """Scenario name, JSON/TOML downloads of the current settings, and the upload."""
    lang = state.lang()
    s = state.scenario()
    typed = st.session_state.get(NAME_KEY)
    if typed is None or shown_name(typed, lang) != typed:  # the default name, in this language
        st.session_state[NAME_KEY] = shown_name(s.name if typed is None else typed, lang)
    st.text_input(t("scn.name", lang), key=NAME_KEY, on_change=_on_name)
    s = state.scenario()
    s = s.replace(name=shown_name(s.name, lang))  # the files of an English page say so too
    st.caption(t("scn.save", lang))
    c1, c2 = st.columns(2)
    c1.download_button(
        t("scn.save_json", lang),
        s.to_json().encode("utf-8"),
        file_name=f"{s.name}.json",
        mime="application/json",
        key="dl_scn_json",
        on_click="ignore",
        help=t("scn.save.help", lang),
    )
    c2.download_button(
        t("scn.save_toml", lang),
        s.to_toml().encode("utf-8"),
        file_name=f"{s.name}.toml",
        mime="application/toml",
        key="dl_scn_toml",
        on_click="ignore",
        help=t("scn.save.help", lang),
    )
    localize_uploaders(lang)
    st.file_uploader(
        t("scn.load", lang),
        type=["json", "toml"],
        key=FILE_KEY,
        on_change=_on_upload,
    )


def keep_for_comparison() -> None:
    lang = state.lang()
    result = st.session_state.get(state.RESULT)
    if result is None:
        return
    if st.button(t("scn.keep", lang), key="btn_keep"):
        kept = st.session_state[state.COMPARE]
        name = unique_name(kept, result)
        kept[name] = result
        st.toast(t("scn.kept", lang, name=name))


def unique_name(kept: dict, result) -> str:
    """The current scenario name (renamed after solving is fine), made unique among kept ones."""
    current = state.scenario()
    name = current.name if current.key() == result.scenario.key() else result.scenario.name
    if name not in kept or kept[name].scenario.key() == result.scenario.key():
        return name
    n = 2
    while f"{name} ({n})" in kept:
        n += 1
    return f"{name} ({n})"
