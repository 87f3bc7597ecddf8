"""Page footer: the source, vintage and license of every data set the page shows."""

from __future__ import annotations

import streamlit as st

from planning.demand import attributions


def attribution_lines(lang: str) -> list[str]:
    """The attributions in one language (catalog entries ``attribution.*``)."""
    return attributions(lang)


def render(lang: str) -> None:
    st.divider()
    st.caption(" · ".join(attribution_lines(lang)))
