"""Map styles: colours, panes, zoom limits, legend CSS and swatches, class breaks, and the
map's words (from the catalog)."""

from __future__ import annotations

import math
from collections.abc import Sequence

import numpy as np
import pandas as pd

from planning.i18n import t
from planning.offline import KOREAN_FONT_STACK

#: Sequential 5-class palette (ColorBrewer YlOrRd) for the demand choropleth.
CHOROPLETH_COLORS: tuple[str, ...] = ("#ffffb2", "#fecc5c", "#fd8d3c", "#f03b20", "#bd0026")
NO_DATA_COLOR = "#d9d9d9"
#: Marker colour per programme cohort of existing centers.
COHORT_COLORS: dict[str, str] = {
    "2014": "#1b9e77",
    "2015": "#d95f02",
    "2016": "#7570b3",
    "2017": "#e7298a",
    "later": "#66a61e",
    "unknown": "#666666",
}
SEA_COLOR = "#dbe8f2"
LAND_COLOR = "#f7f5f0"
PROPOSED_COLOR = "#08519c"
CATCHMENT_COLOR = "#3182bd"
UNCOVERED_COLOR = "#5e3c99"  # violet: apart from the YlOrRd choropleth


def _t(key: str, lang: str, **fmt: object) -> str:
    """The map's words, from the catalog (``map.layer.<key>`` in :mod:`planning.i18n`)."""
    return t(f"map.layer.{key}", lang, **fmt)


# --------------------------------------------------------------------------- classification


def classify(values: pd.Series, k: int = len(CHOROPLETH_COLORS)) -> tuple[pd.Series, list[float]]:
    """Quantile classes for a choropleth: ``(class per value (-1 for NaN), bin edges)``.

    Edges are unique quantiles, so a skewed indicator yields fewer than ``k`` classes rather
    than empty ones. Class ``i`` covers ``edges[i] <= v <= edges[i + 1]``.
    """
    numeric = pd.to_numeric(values, errors="coerce").astype(float)
    finite = numeric[np.isfinite(numeric)]
    if finite.empty:
        return pd.Series(-1, index=values.index, dtype=int), []
    edges = sorted(set(np.quantile(finite.to_numpy(), np.linspace(0, 1, k + 1)).tolist()))
    if len(edges) == 1:
        edges = [edges[0], edges[0]]
    inner = np.asarray(edges[1:-1])
    cls = np.searchsorted(inner, numeric.to_numpy(), side="left")
    cls = np.where(np.isfinite(numeric.to_numpy()), cls, -1)
    return pd.Series(cls.astype(int), index=values.index), edges


def _fmt(v: float) -> str:
    if not math.isfinite(v):
        return "–"
    if abs(v) >= 1000 or float(v).is_integer():
        return f"{v:,.0f}"
    return f"{v:.3g}"


def break_labels(edges: Sequence[float]) -> list[str]:
    """Class edges in readable numbers: thousands separators, and the fewest decimals that
    keep neighbouring edges apart (0.0158, 0.102, 0.25 -> 0.016, 0.10, 0.25)."""
    vals = [float(v) for v in edges]
    finite = [abs(v) for v in vals if math.isfinite(v) and v != 0]
    if not finite:
        return [_fmt(v) for v in vals]
    for decimals in range(0, 7):
        texts = [f"{v:,.{decimals}f}" if math.isfinite(v) else "–" for v in vals]
        distinct = all(a != b for a, b in zip(texts, texts[1:], strict=False))
        small = min(finite)
        if distinct and (decimals > 0 or small >= 1) and round(small, decimals) != 0:
            return texts
    return [f"{v:,.6g}" for v in vals]


_CSS = f"""
.leaflet-container {{ background: {SEA_COLOR}; font-family: {KOREAN_FONT_STACK}; }}
.leaflet-popup-content, .leaflet-tooltip, .pl-legend {{ font-family: {KOREAN_FONT_STACK}; }}
.pl-legend {{ background: rgba(255,255,255,0.92); padding: 6px 8px; border-radius: 4px;
  box-shadow: 0 1px 4px rgba(0,0,0,0.3); font-size: 12px; line-height: 1.35; max-width: 240px; }}
.pl-legend h4 {{ margin: 4px 0 2px; font-size: 12px; }}
.pl-legend i {{ display: inline-block; width: 12px; height: 12px; margin-right: 4px;
  vertical-align: -2px; border: 1px solid #555; }}
.pl-legend i.dot {{ border-radius: 50%; }}
.pl-rank-dot {{ width: 8px; height: 8px; border-radius: 50%; border: 1px solid #fff;
  box-shadow: 0 0 2px rgba(0,0,0,0.6); box-sizing: border-box; }}
.pl-rank {{ background: {PROPOSED_COLOR}; color: #fff; border: 2px solid #fff; border-radius: 50%;
  width: 22px; height: 22px; line-height: 18px; text-align: center; font-size: 11px;
  font-weight: 700; box-shadow: 0 0 3px rgba(0,0,0,0.6); box-sizing: border-box;
  font-family: {KOREAN_FONT_STACK}; }}
"""


def _swatch(color: str, *, dot: bool = False, style: str = "") -> str:
    cls = ' class="dot"' if dot else ""
    return f'<i{cls} style="background:{color};{style}"></i>'


#: Custom Leaflet panes above the overlay pane (400): boundaries and existing centers stay on
#: top of layers added later (e.g. result layers redrawn by st_folium without a new map).
BOUNDARY_PANE, BOUNDARY_PANE_Z = "pl-boundaries", 410
CENTER_PANE, CENTER_PANE_Z = "pl-centers", 420
#: The land fill, under every vector layer (its geometry may arrive after them: published shapes)
LAND_PANE, LAND_PANE_Z = "pl-land", 350
#: Result polygons, bottom to top, each in its own pane: their order holds whichever layer's
#: geometry arrives first (published shapes are fetched by the browser).
DEMAND_PANE, DEMAND_PANE_Z = "pl-demand", 401
CATCHMENT_PANE, CATCHMENT_PANE_Z = "pl-catchments", 402
UNCOVERED_PANE, UNCOVERED_PANE_Z = "pl-uncovered", 403


PHASE_COLORS: tuple[str, ...] = ("#08519c", "#6a3d9a", "#1b7837", "#b35806", "#4d4d4d")


#: zoom 6 shows the country, 13 a 동 with its streets; beyond, the boundaries say nothing more
#: (and without tiles the screen is blank)
MIN_ZOOM, MAX_ZOOM = 6, 13
