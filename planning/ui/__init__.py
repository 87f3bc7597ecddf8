"""Streamlit UI: the only package that imports streamlit (except ``service``, which is pure)."""
