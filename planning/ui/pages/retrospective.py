"""Retrospective page: the real expansion of a window beside the optimum of the same size, from
the same start (:mod:`planning.ui.components.retrospective`). No logic here."""

from __future__ import annotations

import streamlit as st

from planning.i18n import t
from planning.ui import state
from planning.ui.components import retrospective
from planning.ui.components.errors import user_action

state.init()
lang = state.lang()
st.title(t("retro.title", lang))
st.caption(t("retro.caption", lang))
state.show_flashes()
with user_action():
    retrospective.page()
