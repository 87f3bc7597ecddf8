"""Korean for the texts Streamlit's own widgets draw in English (the file uploader's button and
drop-zone line): replaced by CSS in the Korean page, since Streamlit has no language setting."""

from __future__ import annotations

import json

import streamlit as st

from planning.i18n import t


def uploader_css(lang: str) -> str:
    """CSS that writes the uploader's button and instructions in ``lang`` ("" for English)."""
    if lang != "ko":
        return ""
    button, zone = (
        json.dumps(t(k, lang), ensure_ascii=False) for k in ("up.button", "up.dropzone")
    )
    return (
        "<style>"
        "[data-testid='stFileUploaderDropzone'] button [data-testid='stMarkdownContainer'] p"
        "{font-size:0}"
        "[data-testid='stFileUploaderDropzone'] button [data-testid='stMarkdownContainer'] p::after"
        f"{{content:{button};font-size:.875rem}}"
        "[data-testid='stFileUploaderDropzoneInstructions'] span{font-size:0}"
        "[data-testid='stFileUploaderDropzoneInstructions'] span::after"
        f"{{content:{zone};font-size:.875rem}}"
        "</style>"
    )


def localize_uploaders(lang: str) -> None:
    css = uploader_css(lang)
    if css:
        st.html(css)
