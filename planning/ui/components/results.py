"""Results: KPIs before -> after, optimality gap with the exact-solve action, curve, ranked sites."""

from __future__ import annotations

import altair as alt
import numpy as np
import streamlit as st

from planning.export import SITE_HEADERS
from planning.i18n import t
from planning.plan import PlanResult
from planning.plan.outputs import (  # noqa: E402 - re-exported for the pages
    BEYOND_NOTE,
    PERCENT_KEYS,
    _fmt_minutes,
    kpi_frame,
    minutes_change,
)
from planning.ui import state


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
        st.caption(BEYOND_NOTE[lang if lang in BEYOND_NOTE else "ko"])


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
            change, sign = minutes_change(before, after)
            col.metric(
                label,
                _fmt_minutes(after),
                None if change == "–" else change,
                delta_color="inverse",
                delta_arrow={-1: "down", 1: "up", 0: "off"}[sign],
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


EDIT_COLUMNS = ("locked", "exclude")  # the site table's check boxes


def table_edits(edited_rows: dict, site_ids: list[str]) -> list[tuple[str, str]]:
    """``(site id, mode)`` for the check boxes changed in the site table (``st.data_editor``'s
    ``edited_rows``: row position -> {column: value}); mode is ``lock``, ``exclude`` or ``free``.
    Excluding wins over locking in one row."""
    out: list[tuple[str, str]] = []
    for row, changes in sorted(edited_rows.items(), key=lambda kv: int(kv[0])):
        code = site_ids[int(row)]
        if changes.get("exclude"):
            out.append((code, "exclude"))
        elif "locked" in changes:
            out.append((code, "lock" if changes["locked"] else "free"))
        elif "exclude" in changes:  # unticked exclude on a proposed site: nothing to undo
            continue
    return out


def _editor_key(result: PlanResult) -> str:
    import hashlib

    return "site_editor_" + hashlib.sha1(result.scenario.key().encode()).hexdigest()[:12]


def site_table(result: PlanResult) -> None:
    """The ranked sites with their reasons; ticking 지정 포함 (lock) or 제외 (exclude) changes the
    sidebar's lists and so re-optimizes, like a click on the map."""
    lang = state.lang()
    st.subheader(t("res.sites", lang))
    cols = [c for c in SITE_COLUMNS if c in result.sites.columns]
    table = result.sites[cols].copy()
    table["locked"] = table["locked"].astype(bool) if "locked" in table else False
    table["exclude"] = False
    # the check boxes right after the rank: visible without scrolling the table sideways
    front = ["rank", *EDIT_COLUMNS]
    table = table[[*front, *(c for c in table.columns if c not in front)]]
    headers = dict(SITE_HEADERS) if lang == "ko" else {}
    headers["exclude"] = t("res.exclude", lang)
    key = _editor_key(result)
    ids = result.sites["site_id"].astype(str).tolist()

    internal = {headers.get(c, c): c for c in table.columns}  # edits come keyed by header

    def apply() -> None:
        edits = st.session_state.get(key, {}).get("edited_rows", {})
        edits = {r: {internal.get(c, c): v for c, v in ch.items()} for r, ch in edits.items()}
        for code, mode in table_edits(edits, ids):
            state.mark_candidate(code, mode)

    st.caption(t("res.sites_edit", lang))
    st.data_editor(
        table.rename(columns=headers),
        hide_index=True,
        width="stretch",
        height=360,
        disabled=[headers.get(c, c) for c in table.columns if c not in EDIT_COLUMNS],
        key=key,
        on_change=apply,
    )
