"""Locking or excluding a proposed site from the ranked site table (st.data_editor check boxes)."""

from __future__ import annotations

import pytest
from streamlit.testing.v1 import AppTest

from planning.ui.components.results import table_edits

IDS = ["11010530", "21100520", "23050670"]


def test_table_edits_map_check_boxes_to_modes() -> None:
    edits = {2: {"exclude": True}, 0: {"locked": True}, 1: {"locked": False}}
    assert table_edits(edits, IDS) == [
        ("11010530", "lock"),
        ("21100520", "free"),
        ("23050670", "exclude"),
    ]
    # exclude wins in one row; an unticked exclude undoes nothing; string row keys work
    assert table_edits({"1": {"locked": True, "exclude": True}}, IDS) == [("21100520", "exclude")]
    assert table_edits({0: {"exclude": False}}, IDS) == []
    with pytest.raises(IndexError):
        table_edits({5: {"locked": True}}, IDS)


def _script() -> None:
    import streamlit as st

    from planning.ui import state

    st.session_state.setdefault(state.LOCKED_KEY, ["A"])
    st.session_state.setdefault(state.EXCLUDED_KEY, ["B"])
    if st.session_state.get("mode"):
        state.mark_candidate(st.session_state["code"], st.session_state["mode"])


def test_mark_candidate_moves_a_code_between_the_lists() -> None:
    at = AppTest.from_function(_script)
    at.run()
    at.session_state["code"], at.session_state["mode"] = "B", "lock"
    at.run()
    assert at.session_state["w_locked"] == ["A", "B"] and at.session_state["w_excluded"] == []
    at.session_state["code"], at.session_state["mode"] = "A", "exclude"
    at.run()
    assert at.session_state["w_locked"] == ["B"] and at.session_state["w_excluded"] == ["A"]
    at.session_state["code"], at.session_state["mode"] = "A", "free"
    at.run()
    assert at.session_state["w_locked"] == ["B"] and at.session_state["w_excluded"] == []
    assert not at.exception


def test_plan_page_site_table_is_editable(app) -> None:
    """The ranked table is a data editor: only 지정 포함 and 제외 can be changed."""
    (editor,) = [d for d in app.dataframe if "제외" in d.value.columns]
    assert editor.proto.editing_mode != 0  # an st.data_editor, not a read-only st.dataframe
    assert len(editor.value) == 62 and not editor.value["제외"].any()
    assert {"순위", "지정 포함", "선정 이유"} <= set(editor.value.columns)
    assert not app.exception
