"""Session-state keys and accessors. Each key has one owner; widgets use ``w_`` keys.

The canonical settings live in ``scenario`` (a frozen :class:`Scenario`), which survives page
switches. Widgets are initialised from it when their ``w_`` key is missing, and the scenario is
rebuilt from the widgets after they render. Loading a scenario replaces ``scenario`` and drops the
``w_`` keys so that every widget shows the loaded values on the next run.
"""

from __future__ import annotations

from typing import Any

import streamlit as st

from planning.i18n import DEFAULT_LANG
from planning.scenario import Scenario

LANG = "lang"  # "ko" | "en", set from the language widget in app.py
LANG_WIDGET = "lang_widget"
SCENARIO = "scenario"  # Scenario: current settings
RESULT = "result"  # PlanResult | None: the result shown on the plan page
SOLVED = "solved"  # dict[str, PlanResult]: recent results by scenario key (heuristic or exact)
COMPARE = "compare"  # dict[str, PlanResult]: results kept for comparison, by scenario name
UPLOADS = "uploads"  # list[dict]: what the user has loaded (kind, file, rows, unmatched, vintage)
BASE_OVERRIDE = "base_override"  # BaseData | None: bundled data plus the user's uploads
MATRIX = "travel_matrix"  # planning.plan.matrix.TravelMatrix | None: the user's uploaded travel-time matrix
MESSAGES = "messages"  # list[tuple[level, text]]: shown once at the top of the next run
ERRORS = "errors"  # list[Exception]: this run's settings/solve errors, shown at the top of the page
WIDGET_PREFIX = "w_"
MAX_SOLVED = 12


def lang() -> str:
    return str(st.session_state.get(LANG, DEFAULT_LANG))


def init() -> None:
    ss = st.session_state
    ss.setdefault(SCENARIO, Scenario())
    ss.setdefault(RESULT, None)
    ss.setdefault(SOLVED, {})
    ss.setdefault(COMPARE, {})
    ss.setdefault(UPLOADS, [])
    ss.setdefault(BASE_OVERRIDE, None)
    ss.setdefault(MATRIX, None)
    ss.setdefault(MESSAGES, [])


def matrix() -> Any:
    """This session's uploaded travel-time matrix (``planning.plan.matrix.TravelMatrix``) or None."""
    return st.session_state.get(MATRIX)


def forget_results(engine: str) -> None:
    """Drop the kept results computed with ``engine`` (e.g. after its matrix changed)."""
    solved: dict = st.session_state[SOLVED]
    for key in [k for k, r in solved.items() if r.scenario.engine == engine]:
        del solved[key]
    result = st.session_state.get(RESULT)
    if result is not None and result.scenario.engine == engine:
        st.session_state[RESULT] = None


def scenario() -> Scenario:
    return st.session_state[SCENARIO]


def set_scenario(s: Scenario, *, reset_widgets: bool = False) -> None:
    st.session_state[SCENARIO] = s
    if reset_widgets:
        for key in [k for k in st.session_state if str(k).startswith(WIDGET_PREFIX)]:
            if not str(key).startswith(WIDGET_PREFIX + "file"):
                del st.session_state[key]


#: widgets whose value cannot be set through ``st.session_state`` (uploads, tables, buttons)
_NOT_SETTABLE = (WIDGET_PREFIX + "file", "site_editor_", "btn_", "dl_", "FormSubmitter")


def keep_widget_values() -> None:
    """The language control's ``on_change``: every widget's label (and its options' text)
    changes with the language, which makes it a new widget to the browser; a value set here,
    before the widgets render, is sent with it, so each keeps its value (and is not drawn
    cleared while the app still computes with the old one)."""
    ss = st.session_state
    for key in list(ss):
        name = str(key)
        if name.startswith(WIDGET_PREFIX) and not name.startswith(_NOT_SETTABLE):
            value = ss[key]
            del ss[key]
            ss[key] = value


def widget_default(key: str, value: Any) -> str:
    """Give widget ``key`` its value from the scenario once; returns the key for ``key=``."""
    full = WIDGET_PREFIX + key
    if full not in st.session_state:
        st.session_state[full] = value
    return full


def remember(result: Any) -> None:
    """Keep a result by scenario key (small LRU) and show it."""
    solved: dict = st.session_state[SOLVED]
    solved[result.scenario.key()] = result
    while len(solved) > MAX_SOLVED:
        solved.pop(next(iter(solved)))
    st.session_state[RESULT] = result


def cached_result(s: Scenario) -> Any:
    return st.session_state[SOLVED].get(s.key())


def set_error(exc: BaseException) -> None:
    """An error of this run's settings or solve: shown at the top of the main area (not at the
    bottom of the sidebar, out of view)."""
    st.session_state.setdefault(ERRORS, []).append(exc)


def take_errors() -> list[BaseException]:
    return st.session_state.pop(ERRORS, [])


def same_settings(result: Any, s: Scenario | None) -> bool:
    """Whether ``result`` was computed with the settings ``s`` (name, note and the exact flag
    aside: a proven answer for the same settings is the same answer)."""
    if result is None or s is None:
        return False
    return result.scenario.replace(exact=False).key() == s.replace(exact=False).key()


def flash(level: str, text: str) -> None:
    st.session_state[MESSAGES].append((level, text))


def show_flashes() -> None:
    """Errors and successes inline; notices as a toast so the map does not jump under the mouse.
    The inline ones go in a container that is there on every run, so a map further down keeps
    its place among the page's elements (a map that moves is mounted anew and can stay blank,
    see ``pages/plan.py``)."""
    box = st.container()
    for level, text in st.session_state.get(MESSAGES, []):
        if level == "info":
            st.toast(text)
        else:
            getattr(box, level)(text)
    st.session_state[MESSAGES] = []


LOCKED_KEY = WIDGET_PREFIX + "locked"
EXCLUDED_KEY = WIDGET_PREFIX + "excluded"


def mark_candidate(code: str, mode: str) -> None:
    """Lock (``"lock"``), exclude (``"exclude"``) or free (``"free"``) a candidate 행정동: the
    sidebar's lists change, and with them the scenario (from a map click or the site table)."""
    if mode not in ("lock", "exclude", "free"):
        raise ValueError(f"mode must be lock, exclude or free, not {mode!r}")
    locked = [c for c in st.session_state.get(LOCKED_KEY, []) if c != code]
    excluded = [c for c in st.session_state.get(EXCLUDED_KEY, []) if c != code]
    if mode == "lock":
        locked.append(code)
    elif mode == "exclude":
        excluded.append(code)
    st.session_state[LOCKED_KEY] = locked
    st.session_state[EXCLUDED_KEY] = excluded
