"""Streamlit entry point: page config, language toggle and navigation only (see planning/ui)."""

import streamlit as st

from planning.i18n import t
from planning.ui import state
from planning.ui.components import footer
from planning.ui.components.layout import compact_page

st.set_page_config(page_title="고용복지+센터 입지 계획", layout="wide")
state.init()
choice = st.sidebar.segmented_control(
    t("lang.label", state.lang()),
    ["ko", "en"],
    key=state.LANG_WIDGET,
    default=state.lang(),
    format_func=lambda code: {"ko": "한국어", "en": "English"}[code],
    on_change=state.keep_widget_values,  # every widget keeps its value across the switch
)
st.session_state[state.LANG] = choice or "ko"
lang = state.lang()
# No page icons: a Material icon on the active page becomes a favicon fetched from Google.
pages = [
    st.Page("planning/ui/pages/plan.py", title=t("page.plan", lang), default=True),
    st.Page("planning/ui/pages/compare.py", title=t("page.scenarios", lang)),
    st.Page("planning/ui/pages/retrospective.py", title=t("page.retro", lang)),
    st.Page("planning/ui/pages/data.py", title=t("page.data", lang)),
]
compact_page()  # every page: a 1366x768 office screen
st.navigation(pages).run()
footer.render(lang)
