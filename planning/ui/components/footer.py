"""Page footer: the source, vintage and license of every data set the page shows."""

from __future__ import annotations

import streamlit as st

from planning.demand import ATTRIBUTIONS


def attribution_lines(lang: str) -> list[str]:
    """The attributions in one language (each entry is written "한국어 / English")."""
    side = 0 if lang == "ko" else 1
    return [a.split(" / ")[side] if " / " in a else a for a in ATTRIBUTIONS]


def render(lang: str) -> None:
    st.divider()
    st.caption(" · ".join(attribution_lines(lang)))
