"""Data page: upload KOSIS unemployment, a center list or other indicators; data sources."""

from __future__ import annotations

import streamlit as st

from planning.i18n import t
from planning.ui import state
from planning.ui.components import upload
from planning.ui.components.errors import user_action

state.init()
lang = state.lang()
st.title(t("up.header", lang))
state.show_flashes()
with user_action():
    upload.page()
with user_action():
    upload.sources_table()
