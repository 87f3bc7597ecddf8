"""Page layout shared by every page."""

from __future__ import annotations

import streamlit as st

#: a 1366x768 office screen: less padding above and below, a smaller title (the plan page's map
#: then starts above the fold, and the other pages' first lines are not pushed down either)
COMPACT_CSS = (
    "<style>[data-testid='stMainBlockContainer']{padding-top:2.2rem;padding-bottom:2rem}"
    "[data-testid='stMainBlockContainer'] h1{font-size:1.9rem;padding:0 0 .2rem 0}</style>"
)


def compact_page() -> None:
    """Apply :data:`COMPACT_CSS` to the page being drawn."""
    st.html(COMPACT_CSS)
