"""Results: KPIs before -> after, optimality gap with the exact-solve action, curve, ranked sites."""

from __future__ import annotations

import altair as alt
import numpy as np
import pandas as pd
import streamlit as st

from planning.export import SITE_HEADERS
from planning.i18n import t
from planning.ui import state
from planning.ui.service import PlanResult

PERCENT_KEYS = {"share_population", "share_recipients", "share_unemployed", "share_index"}


def kpi_frame(result: PlanResult, lang: str) -> pd.DataFrame:
    """KPIs with labels in the chosen language (also used by the exports)."""
    thr = f"{result.scenario.threshold:g}"
    k = result.kpis
    return pd.DataFrame(
        {
            "metric": [t(f"kpi.{key}", lang, t=thr) for key in k["key"]],
            # inf (an area beyond the 90-minute table) is shown as empty, explained in a note
            "before": k["before"].replace([np.inf, -np.inf], np.nan).round(1),
            "after": k["after"].replace([np.inf, -np.inf], np.nan).round(1),
            "change": (k["after"] - k["before"]).replace([np.inf, -np.inf], np.nan).round(1),
        }
    )


def _fmt_minutes(v: float) -> str:
    return "> 90" if not np.isfinite(v) else f"{v:.1f}"


def kpis(result: PlanResult) -> None:
    """The before -> after table."""
    lang = state.lang()
    st.subheader(t("res.kpis", lang))
    table = kpi_frame(result, lang).rename(
        columns={
            "metric": t("res.metric", lang),
            "before": t("res.before", lang),
            "after": t("res.after", lang),
            "change": t("res.change", lang),
        }
    )
    st.dataframe(table, hide_index=True, width="stretch")
    if not np.isfinite(result.kpis[["before", "after"]].to_numpy(float)).all():
        st.caption(t("res.beyond", lang))


def metrics(result: PlanResult) -> None:
    """Four headline metrics (after, with the change), shown above the map."""
    lang = state.lang()
    k = result.kpis.set_index("key")
    thr = f"{result.scenario.threshold:g}"
    cols = st.columns(4)
    shown = [
        key
        for key in ("share_population", "share_recipients", "share_unemployed", "share_index")
        if key in k.index
    ][:2]
    for col, key in zip(cols, [*shown, "avg_minutes", "worst_minutes"], strict=False):
        if key not in k.index:
            continue
        before, after = float(k.loc[key, "before"]), float(k.loc[key, "after"])
        label = t(f"kpi.{key}", lang, t=thr)
        if key in PERCENT_KEYS:
            col.metric(label, f"{after:.1f}%", f"{after - before:+.1f}%p")
        else:
            delta = after - before if np.isfinite(after) and np.isfinite(before) else None
            col.metric(
                label,
                _fmt_minutes(after),
                None if delta is None else f"{delta:+.1f}",
                delta_color="inverse",
            )


def solution_line(result: PlanResult) -> bool:
    """Show method/objective/bound/gap. Returns True when the answer is not proven optimal."""
    lang = state.lang()
    sol = result.solution
    gap = float(sol.gap)
    st.caption(
        t(
            "res.gap",
            lang,
            method=sol.method,
            objective=f"{float(sol.objective):,.3f}",
            bound=f"{float(sol.bound):,.3f}",
            gap="–" if not np.isfinite(gap) else f"{100 * gap:.2f}%",
            seconds=f"{float(sol.seconds):.2f}",
        )
        + " · "
        + (t("res.optimal", lang) if sol.optimal else t("res.heuristic", lang))
    )
    return not bool(sol.optimal)


def curve(result: PlanResult) -> None:
    lang = state.lang()
    st.subheader(t("res.curve", lang))
    df = result.curve.rename(
        columns={"centers": t("res.curve_x", lang), "covered": t("res.curve_y", lang)}
    )
    x, y = df.columns
    chart = (
        alt.Chart(df)
        .mark_line(point=True)
        .encode(
            x=alt.X(f"{x}:Q", title=x, scale=alt.Scale(zero=False)),
            y=alt.Y(f"{y}:Q", title=y, scale=alt.Scale(zero=False)),
            tooltip=[x, alt.Tooltip(f"{y}:Q", format=".2f")],
        )
        .properties(height=260)
    )
    st.altair_chart(chart, width="stretch")


SITE_COLUMNS = [
    "rank",
    "phase",
    "name_ko",
    "sigungu_ko",
    "sido_ko",
    "area_code",
    "gain",
    "population_gain",
    "recipients_gain",
    "unemployed_gain",
    "nearest_before_min",
    "locked",
    "explanation",
]


def site_table(result: PlanResult) -> None:
    lang = state.lang()
    st.subheader(t("res.sites", lang))
    cols = [c for c in SITE_COLUMNS if c in result.sites.columns]
    table = result.sites[cols]
    if lang == "ko":
        table = table.rename(columns=SITE_HEADERS)
    st.dataframe(table, hide_index=True, width="stretch", height=360)
