"""Every user action runs inside :func:`user_action`: errors become ``st.error``, never a traceback."""

from __future__ import annotations

import re
from collections.abc import Iterator
from contextlib import contextmanager

import streamlit as st
from streamlit.runtime.scriptrunner_utils.exceptions import ScriptControlException

from planning.errors import PlanningError
from planning.i18n import particles, t
from planning.ui import state


def error_text(exc: BaseException, lang: str) -> str:
    if isinstance(exc, PlanningError):
        problem, fix = exc.texts(lang)
        if fix:
            problem += f"\n\n**{t('err.fix', lang)}:** {fix}"
        problem = in_words(problem)
        return particles(problem) if lang == "ko" else problem
    detail = f"{type(exc).__name__}: {str(exc)[:300]}"
    return t("err.unexpected", lang, detail=detail)


_PY_LIST = re.compile(r"\[((?:'[^'\n]*'|\"[^\"\n]*\")(?:, (?:'[^'\n]*'|\"[^\"\n]*\"))*)\]")


def in_words(text: str) -> str:
    """A Python list of names in a message (``found: ['A', 'B']``) as words: ‘A’, ‘B’."""

    def words(m: re.Match[str]) -> str:
        items = re.findall(r"'([^'\n]*)'|\"([^\"\n]*)\"", m.group(1))
        return ", ".join(f"‘{a or b}’" for a, b in items)

    return _PY_LIST.sub(words, text)


def show_error(exc: BaseException) -> None:
    st.error(error_text(exc, state.lang()), icon=":material/error:")


@contextmanager
def user_action() -> Iterator[None]:
    """Show PlanningError (problem + fix) and any other error as a message; keep the session."""
    try:
        yield
    except ScriptControlException:  # st.rerun / st.stop must pass through
        raise
    except Exception as exc:  # noqa: BLE001 - the user sees a message, never a traceback
        show_error(exc)
