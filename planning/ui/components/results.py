"""Results: KPIs before -> after, optimality gap with the exact-solve action, curve, ranked sites."""

from __future__ import annotations

import altair as alt
import numpy as np
import streamlit as st

from planning.i18n import MESSAGES, t
from planning.plan import PlanResult
from planning.plan.model import MAX_THRESHOLD
from planning.plan.outputs import (  # noqa: E402 - re-exported for the pages
    BEYOND_NOTE,
    _fmt_minutes,
    kpi_frame,
)
from planning.plan.run import DEMAND_TOTAL
from planning.ui import state


def kpis(result: PlanResult) -> None:
    """The before -> after table."""
    lang = state.lang()
    st.subheader(t("res.kpis", lang))
    table = kpi_frame(result, lang)
    phases = [c for c in result.kpis.columns if str(c).startswith("phase_")]
    if phases:  # one column per phase: the network after it (the last phase is 'after')
        n = result.kpis.set_index("key")
        after_label = t("res.phase", lang, k=len(phases) + 1, n=int(n.loc["n_centers", "after"]))
        for k, col in enumerate(phases, start=1):
            shown = kpi_frame(_with_after(result, col), lang)["after"]
            label = t("res.phase", lang, k=k, n=int(n.loc["n_centers", col]))
            table.insert(table.columns.get_loc("after"), label, shown.to_numpy())
        table = table.rename(columns={"after": after_label})
    table = table.rename(
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


def _with_after(result: PlanResult, column: str) -> PlanResult:
    """``result`` with a phase's KPI column as its 'after' (to format it like the others)."""
    import dataclasses

    kpis = result.kpis.assign(after=result.kpis[column])
    return dataclasses.replace(result, kpis=kpis)


def sense(solution) -> str:
    """``"max"`` or ``"min"``: ``Solution.sense`` when the solver gives it, else by its model
    (coverage maximises the demand covered; median and center minimise minutes)."""
    value = getattr(solution, "sense", None)
    if value in ("max", "min"):
        return str(value)
    return "max" if getattr(solution, "model", "coverage") in ("coverage",) else "min"


def objective_text(solution, value: float, lang: str) -> str:
    """An objective or bound in the unit of its model: % of the composite demand (coverage),
    demand-weighted mean minutes (median: Σ weight x minutes over the weights' total), minutes
    (center)."""
    model = getattr(solution, "model", "coverage")
    if not np.isfinite(value):
        return "–"
    if model == "coverage":
        return f"{value:,.2f}%"  # the weights are the index in % of the nation
    if model == "median":
        value = value / DEMAND_TOTAL
    return t("res.minutes", lang, m=f"{value:,.2f}")


def metrics(result: PlanResult, base=None) -> None:
    """Four headline metrics (after, with the change), shown above the map. A change is
    coloured by meaning: more covered is green, fewer minutes and fewer people far away too."""
    lang = state.lang()
    k = result.kpis.set_index("key")
    thr = f"{result.scenario.threshold:g}"
    cols = st.columns(4)
    shown = [
        key
        for key in ("share_population", "share_recipients", "share_unemployed", "share_index")
        if key in k.index
    ][:2]
    for col, key in zip(cols, shown, strict=False):
        before, after = float(k.loc[key, "before"]), float(k.loc[key, "after"])
        col.metric(t(f"kpi.{key}", lang, t=thr), f"{after:.1f}%", f"{after - before:+.1f}%p")
    if "avg_minutes" in k.index:
        before, after = float(k.loc["avg_minutes", "before"]), float(k.loc["avg_minutes", "after"])
        cols[2].metric(
            t("kpi.avg_minutes", lang),
            _fmt_minutes(after),
            round(after - before, 1) if np.isfinite(after - before) else None,
            delta_color="inverse",  # shorter is better: a decrease is green
            help=BEYOND_NOTE[lang if lang in BEYOND_NOTE else "ko"],
        )
    if "people_beyond_60" in k.index:
        before = float(k.loc["people_beyond_60", "before"])
        after = float(k.loc["people_beyond_60", "after"])
        n90 = float(k.loc["people_beyond_90", "after"]) if "people_beyond_90" in k.index else 0.0
        change = int(round(after - before))
        cols[3].metric(
            t("res.beyond", lang, t=60),
            t("res.beyond_value", lang, n=f"{after:,.0f}"),
            # a text delta: thousands separators; its sign sets the arrow and colour
            None if change == 0 else t("res.beyond_value", lang, n=f"{change:+,d}"),
            delta_color="inverse",  # fewer people far away is better
        )
        cols[3].caption(worst_caption(result, base, n90, lang))


def worst_caption(result: PlanResult, base, n90: float, lang: str) -> str:
    """People beyond 90 minutes and the farthest 행정동 by name after the plan."""
    minutes, i = result.after.worst()
    if i < 0:
        worst = t("res.beyond_none", lang)
    elif base is not None:
        row = base.areas.iloc[i]
        worst = f"{row['sigungu_ko']} {row['name_ko']}"
    else:
        worst = str(result.area_ids[i])
    shown = _fmt_minutes(minutes)
    return t(
        "res.beyond_caption",
        lang,
        n90=f"{n90:,.0f}",
        worst=worst,
        minutes=t("res.minutes", lang, m=shown),
    )


def solution_line(result: PlanResult) -> bool:
    """Method, objective and bound in one unit, the bound named by the model's sense (하한 for
    a minimisation, 상한 for a maximisation), the gap. True when not proven optimal."""
    lang = state.lang()
    sol = result.solution
    gap = float(sol.gap)
    method = str(getattr(sol, "method", ""))
    st.caption(
        t(
            "res.gap",
            lang,
            method=t(f"res.method.{method}", lang) if method in ("heuristic", "exact") else method,
            objective_label=t(f"res.objective.{getattr(sol, 'model', 'coverage')}", lang),
            objective=objective_text(sol, float(sol.objective), lang),
            bound_label=t(f"res.bound.{sense(sol)}", lang),
            bound=objective_text(sol, float(sol.bound), lang),
            gap="–" if not np.isfinite(gap) else f"{100 * gap:.2f}%",
            seconds=f"{float(sol.seconds):.2f}",
        )
        + " · "
        + (t("res.optimal", lang) if sol.optimal else t("res.heuristic", lang))
    )
    return not bool(sol.optimal)


def short_note(result: PlanResult) -> str | None:
    """Why the result proposes fewer new centers than the total asks (the solver stopped
    filling: no other site brings any demand nearer, as on a small road extract), or None."""
    short = (getattr(result.solution, "stats", {}) or {}).get("short")
    if not short:
        return None
    return t("solve.note.short", state.lang(), n=short[0], slots=short[1])


def exact_note(result: PlanResult, heuristic: PlanResult | None) -> str | None:
    """What an exact solve did: proved the heuristic answer, changed it, was not attempted (the
    median model too large), or stopped at the time limit. None for a heuristic result."""
    lang = state.lang()
    if not result.scenario.exact:
        return None
    sol = result.solution
    stats = getattr(sol, "stats", {}) or {}
    bound_label = t(f"res.bound.{sense(sol)}", lang)
    if getattr(sol, "method", "") == "heuristic" and "median_nonzeros" in stats:
        return t(
            "res.exact_too_large",
            lang,
            size=f"{stats['median_nonzeros']:,}",
            bound_label=bound_label,
        )
    if not sol.optimal:
        return t("res.exact_unproven", lang, gap=f"{100 * float(sol.gap):.2f}%")
    if heuristic is not None and set(heuristic.open_ids) == set(result.open_ids):
        return t("res.exact_same", lang)
    if heuristic is not None:
        label = t(f"res.objective.{getattr(sol, 'model', 'coverage')}", lang)
        return t(
            "res.exact_better",
            lang,
            objective_label=label,
            before=objective_text(heuristic.solution, float(heuristic.solution.objective), lang),
            after=objective_text(sol, float(sol.objective), lang),
        )
    return None


def stale_notice(result: PlanResult | None, s, failed: bool) -> bool:
    """Mark a shown result that was not computed with the current settings ``s`` (None: the
    settings are invalid). Returns True when the result is stale."""
    if result is None or state.same_settings(result, s):
        return False
    lang = state.lang()
    why = "invalid" if s is None else ("failed" if failed else "changed")
    st.warning(t("res.stale", lang, why=t(f"res.stale.{why}", lang)), icon=":material/history:")
    return True


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
    sites = result.sites_in(lang)  # the reasons in the page's language
    cols = [c for c in SITE_COLUMNS if c in sites.columns]
    table = sites[cols].copy()
    table["locked"] = table["locked"].astype(bool) if "locked" in table else False
    table["exclude"] = False
    # the check boxes right after the rank: visible without scrolling the table sideways
    front = ["rank", *EDIT_COLUMNS]
    table = table[[*front, *(c for c in table.columns if c not in front)]]
    headers = {c: t(f"site.{c}", lang) for c in table.columns if f"site.{c}" in MESSAGES}
    headers["exclude"] = t("res.exclude", lang)
    if "nearest_before_min" in table:  # beyond the table: a blank with a note, not "Infinity"
        near = table["nearest_before_min"].astype(float)
        table["nearest_before_min"] = near.where(np.isfinite(near))
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
        column_config=_site_columns(headers),
        key=key,
        on_change=apply,
    )
    if "nearest_before_min" in table and table["nearest_before_min"].isna().any():
        st.caption(t("res.sites_blank", lang, cap=f"{MAX_THRESHOLD:g}"))
    with st.expander(t("res.reasons", lang)):  # read in full, without scrolling sideways
        lines = [
            f"{int(r['rank'])}. **{r.get('sigungu_ko', '')} {r.get('name_ko', '')}** — "
            f"{str(r.get('explanation', '')).split(': ', 1)[-1]}"
            for _, r in sites.iterrows()
        ]
        st.markdown("\n".join(lines))


def _site_columns(headers: dict[str, str]) -> dict:
    """Thousands separators for counts, even decimals, a wide reason column."""
    cc = st.column_config
    config = {
        "rank": cc.NumberColumn(format="%d", width="small"),
        "phase": cc.NumberColumn(format="%d", width="small"),
        "gain": cc.NumberColumn(format="%.2f"),
        "population_gain": cc.NumberColumn(format="localized"),
        "recipients_gain": cc.NumberColumn(format="localized"),
        "unemployed_gain": cc.NumberColumn(format="localized"),
        "nearest_before_min": cc.NumberColumn(format="%.1f"),
        "explanation": cc.TextColumn(width="large"),
    }
    return {headers.get(k, k): v for k, v in config.items()}
