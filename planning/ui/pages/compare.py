"""Compare saved results side by side: KPIs and a map of the sites that differ."""

from __future__ import annotations

import streamlit as st

from planning.i18n import t
from planning.ui import state
from planning.ui.components import compare
from planning.ui.components.errors import user_action

state.init()
lang = state.lang()
st.title(t("scn.compare", lang))
state.show_flashes()
with user_action():
    compare.page()
