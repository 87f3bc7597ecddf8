"""The retrospective page's parts: settings, the cached comparison, KPIs, lists, map, downloads.

The comparison is :func:`planning.plan.retrospective.national_retrospective` (the same as
``python -m planning retrospective``), cached per (window, threshold, vintage) for every
session, so a rerun or a return to the page is instant. The files are the CLI's builders.
"""

from __future__ import annotations

import json

import folium
import numpy as np
import pandas as pd
import streamlit as st

from planning.i18n import t
from planning.plan import retrospective as retro
from planning.ui import cache, leaflet_component, state
from planning.ui import shapes as ui_shapes
from planning.ui.components.controls import THRESHOLDS
from planning.ui.components.errors import error_text, user_action
from planning.vintage import VINTAGES

SETTINGS = "retro_settings"  # (after, until, threshold, vintage): the submitted settings
DEFAULT = ("2016-01", "2017-12", 30.0, "2015")
MAP_KEY = "retro_map"
COLORS = {"start": "#969696", "real": "#e6550d", "optimal": "#08519c", "both": "#6a51a3"}


def settings() -> tuple[str, str, float, str]:
    return st.session_state.get(SETTINGS, DEFAULT)


def month_options() -> list[str]:
    """Every opening month of the cited centres, plus the default window's ends."""
    months = retro_months()
    return sorted(set(months) | {DEFAULT[0], DEFAULT[1]})


@st.cache_data(show_spinner=False)
def retro_months() -> list[str]:
    from planning.centers import load_centers

    opened = load_centers()["open_by"].dropna().astype(str).str.slice(0, 7)
    return sorted(set(opened[opened.str.fullmatch(r"\d{4}-\d{2}")]))


def controls(lang: str) -> tuple[str, str, float, str]:
    """The sidebar form; the comparison runs with the submitted settings (the defaults at
    first: the 2016–2017 expansion on the 2015 demand)."""
    after, until, threshold, vintage = settings()
    with st.sidebar.form("retro_form"):
        st.subheader(t("retro.controls", lang))
        window = st.select_slider(
            t("retro.ui.window", lang),
            options=month_options(),
            value=(after, until),
            help=t("retro.window_help", lang),
        )
        thr = st.select_slider(
            t("ctl.threshold", lang),
            options=list(THRESHOLDS),
            value=int(threshold) if threshold in THRESHOLDS else 30,
        )
        vin = st.selectbox(
            t("ctl.vintage", lang),
            list(VINTAGES),
            index=list(VINTAGES).index(vintage),
            format_func=lambda v: t(f"ctl.vintage.{v}", lang),
            help=t("ctl.vintage_help", lang),
        )
        if st.form_submit_button(t("retro.run", lang), type="primary"):
            st.session_state[SETTINGS] = (str(window[0]), str(window[1]), float(thr), str(vin))
    return settings()


@st.cache_resource(show_spinner=False, max_entries=8)
def compute(after: str, until: str, threshold: float, vintage: str) -> retro.NationalRetrospective:
    return retro.national_retrospective(after, until, threshold=threshold, vintage=vintage)


# -- what the page shows --------------------------------------------------------------------------


def scope_note(report: retro.NationalRetrospective, lang: str) -> None:
    gaps = report.gaps
    programme = (
        t("retro.programme", lang, n=gaps["programme_count"]) if gaps["programme_count"] else ""
    )
    st.warning(
        t(
            "retro.cited_only",
            lang,
            month=gaps["month"],
            cited=gaps["cited_open"],
            programme=programme,
            unknown=len(gaps["unknown_opening"]),
        ),
        icon=":material/info:",
    )


def headline(report: retro.NationalRetrospective, lang: str) -> None:
    res = report.result
    st.caption(
        t(
            "retro.settings",
            lang,
            after=report.after,
            until=report.until,
            threshold=report.threshold,
            vintage=report.vintage_text[lang],
        )
    )
    st.caption(t("retro.formula", lang, formula=report.formula[lang]))
    c1, c2, c3, c4 = st.columns(4)
    c1.metric(
        t("retro.start", lang, after=report.after),
        t("retro.start_value", lang, n=len(report.start_centers)),
    )
    c2.metric(t("retro.real", lang), t("retro.start_value", lang, n=res.real.new_centers))
    share = res.share_of_optimal_gain
    c3.metric(
        t("retro.share", lang),
        f"{100 * share:.1f}%" if np.isfinite(share) else "–",
        help=t("retro.share_help", lang),
    )
    c4.metric(
        t("retro.in_optimal", lang),
        t(
            "retro.in_optimal_value",
            lang,
            k=int(res.real_sites["in_optimal"].sum()),
            n=res.real.new_centers,
        ),
    )
    sol = res.optimal_solution
    if res.optimal_is_proven:
        st.caption(
            t("retro.proven", lang, gap=float(sol.gap), n=res.n_candidates, seconds=sol.seconds)
        )
    else:
        st.warning(t("retro.not_proven", lang, gap=float(sol.gap)))


def kpi_display(table: pd.DataFrame) -> pd.DataFrame:
    """The KPI table as text, one precision per row (shares 2 decimals, minutes 1, counts with
    thousands separators): "67.4" stood under "73.73" when a share ended in a zero."""
    keys = [k for k, *_ in retro.KPI_ROWS]
    out = table.copy()
    for i, key in enumerate(keys[: len(out)]):
        spec = ",.2f" if key.startswith("share_") or key == "covered_share" else ",.1f"
        for c in out.columns[1:]:
            v = out.iat[i, out.columns.get_loc(c)]
            if v is None or (isinstance(v, float) and not np.isfinite(v)):
                text = "–"
            elif isinstance(v, int | np.integer):
                text = f"{int(v):,}"
            else:
                text = format(float(v), spec)
            out.iat[i, out.columns.get_loc(c)] = text
    return out


def kpis(report: retro.NationalRetrospective, lang: str) -> None:
    st.subheader(t("retro.kpis", lang))
    table = kpi_display(retro.kpi_table(report, lang))
    st.dataframe(table, hide_index=True, width="stretch")
    st.caption(t("retro.kpis_note", lang, threshold=report.threshold))


def _yes(value: object, lang: str) -> str:
    return t("retro.ui.yes", lang) if bool(value) else ""


def real_list(report: retro.NationalRetrospective, lang: str) -> None:
    res = report.result
    st.markdown(f"##### {t('retro.real_list', lang, n=res.real.new_centers)}")
    # what the list is for first (a 1366-px screen shows about five columns)
    cols = ["name_ko", "own_gain_rank", "own_gain", "in_optimal", "sigungu", "open_by", "center_id"]
    table = report.real_centers[cols].copy()
    table["own_gain"] = table["own_gain"].astype(float).round(3)  # the index sums to 100
    table["in_optimal"] = table["in_optimal"].map(lambda v: _yes(v, lang))
    table = table.sort_values("own_gain_rank")
    st.dataframe(
        table.rename(columns={c: t(f"retro.ui.col.{c}", lang) for c in cols}),
        hide_index=True,
        width="stretch",
    )
    st.caption(t("retro.gain_note", lang, n=res.n_candidates))


def start_list(report: retro.NationalRetrospective, lang: str) -> None:
    cols = ["center_id", "name_ko", "sigungu", "open_by"]
    label = t("retro.start_list", lang, after=report.after, n=len(report.start_centers))
    with st.expander(label):
        st.dataframe(
            report.start_centers[cols].rename(
                columns={c: t(f"retro.ui.col.{c}", lang) for c in cols}
            ),
            hide_index=True,
            width="stretch",
        )


def optimal_list(report: retro.NationalRetrospective, lang: str) -> None:
    sites = report.sites[report.sites["set"].isin(["optimal", "both"])].sort_values("rank")
    st.markdown(f"##### {t('retro.opt_list', lang, n=len(sites))}")
    keys = ["rank", "name_ko", "own_gain", "own_gain_rank", "sigungu_ko", "site_id"]
    table = sites[keys].assign(own_gain=sites["own_gain"].astype(float).round(3))
    names = {k: t(f"retro.ui.col.{'site_name' if k == 'name_ko' else k}", lang) for k in keys}
    table = table.rename(columns=names)
    st.dataframe(table, hide_index=True, width="stretch")


def same_sigungu(report: retro.NationalRetrospective, lang: str) -> None:
    res = report.result
    st.subheader(t("retro.same", lang))
    if res.same_sigungu is None:
        st.info(t("retro.same_none", lang))
        return
    real, same, opt = (100 * k.covered_share for k in (res.real, res.same_sigungu, res.optimal))
    st.write(
        t("retro.same_text", lang, real=real, same=same, opt=opt, site=same - real, city=opt - same)
    )


def gaps(report: retro.NationalRetrospective, lang: str) -> None:
    g = report.gaps
    with st.expander(t("retro.gaps", lang), expanded=False):
        if g["programme_count"]:
            st.write(
                t(
                    "retro.gaps_count",
                    lang,
                    month=g["month"],
                    programme=g["programme_count"],
                    cited=g["cited_open"],
                    missing=g["not_in_table"],
                )
            )
        unknown = g["unknown_opening"]
        if len(unknown):
            st.markdown(f"**{t('retro.gaps_unknown', lang)}** ({len(unknown):,})")
            cols = ["center_id", "name_ko", "sigungu", "cohort"]
            st.dataframe(
                unknown[cols].rename(columns={c: t(f"retro.ui.col.{c}", lang) for c in cols}),
                hide_index=True,
                width="stretch",
            )
        if g["named_not_tabulated"]:
            st.write(t("retro.gaps_named", lang, names=", ".join(g["named_not_tabulated"])))


# -- the map --------------------------------------------------------------------------------------


def _points(frame: pd.DataFrame, label: pd.Series) -> pd.DataFrame:
    return pd.DataFrame(
        {"lat": frame["lat"].astype(float), "lon": frame["lon"].astype(float), "label": label}
    )


def map_groups(report: retro.NationalRetrospective, lang: str) -> list[folium.FeatureGroup]:
    """Start centres (grey), real-only (orange), optimal-only (blue), both (violet)."""
    from planning.maps import site_set_layer

    groups = []
    start = report.start_centers.merge(
        cache.bundled_base().centers[["center_id", "lat", "lon"]], on="center_id", how="left"
    )
    groups.append(
        site_set_layer(
            _points(start, start["name_ko"] + " (" + start["open_by"].astype(str) + ")"),
            t("retro.map.start", lang),
            COLORS["start"],
            radius=4,
        )
    )
    sites = report.sites
    for kind in ("real", "optimal", "both"):
        part = sites[sites["set"] == kind]
        if part.empty:  # e.g. no real site is also optimal: no empty legend entry
            continue
        label = part["name_ko"].astype(str)
        if kind != "optimal":
            label = label + " (" + part["opened"].astype(str) + ")"
        if kind != "real":
            label = label + " · #" + part["rank"].astype(str)
        groups.append(
            site_set_layer(
                _points(part, label),
                t(f"retro.map.{kind}", lang),
                COLORS[kind],
                radius=7,
            )
        )
    return groups


@st.cache_resource(show_spinner=False, max_entries=8)
def _payloads(
    key: tuple, _report: retro.NationalRetrospective, lang: str
) -> tuple[leaflet_component.BasePayload, leaflet_component.ResultPayload]:
    from planning.maps import build_map
    from planning.offline import localize

    shapes = ui_shapes.shapes(cache.bundled_base(), "sigungu")
    m = build_map(
        sido=shapes.sido,
        sigungu=shapes.sigungu,
        lang=lang,
        tolerance_m=None,
        layer_control=False,
    )
    sites = _report.sites
    m.fit_bounds(  # the sites (the start network among them), not the far islands
        [
            [float(sites["lat"].min()) - 0.2, float(sites["lon"].min()) - 0.2],
            [float(sites["lat"].max()) + 0.2, float(sites["lon"].max()) + 0.2],
        ]
    )
    base = leaflet_component.base_payload(m)
    layers = leaflet_component.result_payload(
        base, map_groups(_report, lang), localize(folium.LayerControl(collapsed=True))
    )
    return base, layers


def site_map(report: retro.NationalRetrospective, lang: str) -> None:
    st.subheader(t("retro.map", lang))
    key = (report.after, report.until, report.threshold, report.vintage)
    base, layers = _payloads(key, report, lang)
    leaflet_component.show(base, layers, key=MAP_KEY, height=640, returned_objects=[])


# -- downloads ------------------------------------------------------------------------------------


def _stem(report: retro.NationalRetrospective, lang: str) -> str:
    return t(
        "retro.file.stem",
        lang,
        after=report.after,
        until=report.until,
        t=report.threshold,
        vintage=report.vintage,
    )


def _safe(make, lang: str):
    """A deferred file builder: an error becomes the file's text in the page's language (there
    is no page to show it)."""

    def build() -> bytes:
        try:
            return make()
        except Exception as exc:  # noqa: BLE001
            return error_text(exc, lang).encode("utf-8")

    return build


def downloads(report: retro.NationalRetrospective, lang: str) -> None:
    st.subheader(t("retro.exports", lang))
    stem = _stem(report, lang)
    items = [
        (
            "csv",
            f"{stem}_{t('retro.file.sites', lang)}.csv",
            "text/csv",
            lambda: retro.sites_csv(report, lang),
        ),
        (
            "xlsx",
            f"{stem}.xlsx",
            "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
            lambda: retro.workbook(report, lang),
        ),
        (
            "json",
            f"{stem}_summary.json",
            "application/json",
            lambda: json.dumps(report.summary(), ensure_ascii=False, indent=2).encode("utf-8"),
        ),
        (
            "pdf",
            f"{stem}_{t('retro.file.report', lang)}.pdf",
            "application/pdf",
            lambda: optimal_report_pdf(report, lang),
        ),
    ]
    cols = st.columns(len(items))
    for col, (key, name, mime, make) in zip(cols, items, strict=True):
        with user_action():
            col.download_button(
                t(f"retro.exp.{key}", lang),
                _safe(make, lang),
                file_name=name,
                mime=mime,
                key=f"dl_retro_{key}",
                on_click="ignore",
            )
    st.caption(t("retro.pdf_note", lang))


@st.cache_data(show_spinner=False, max_entries=4)
def _pdf(
    after: str, until: str, threshold: float, vintage: str, total: int, lang: str = "ko"
) -> bytes:
    from planning import plan as service
    from planning.plan import outputs
    from planning.scenario import Scenario

    base = service.load_base(vintage=vintage)
    net = service.build_network(base)
    scenario = Scenario(
        name=t("retro.pdf.name", lang, after=after, until=until),
        note=t("retro.pdf.note", lang, after=after, until=until),
        as_of=after,
        total=total,
        threshold=threshold,
        vintage=vintage,
        exact=True,
    )
    result = service.run_scenario(base, net, scenario, exact=True, lang=lang)
    (item,) = [f for f in outputs.output_files(base, net, result, lang=lang) if f.key == "pdf"]
    return item.build()


def optimal_report_pdf(report: retro.NationalRetrospective, lang: str = "ko") -> bytes:
    """The meeting report (planning/report.py) of the optimum of the same count from the same
    start, through the plan page's pipeline (see ``retro.pdf_note``)."""
    total = len(report.start_centers) + report.result.real.new_centers
    return _pdf(report.after, report.until, report.threshold, report.vintage, total, lang)


def page() -> None:
    lang = state.lang()
    after, until, threshold, vintage = controls(lang)
    with st.spinner(t("retro.loading", lang)):
        report = compute(after, until, threshold, vintage)
    with st.container():  # what comes and goes above the map, in a fixed slot (pages/plan.py)
        scope_note(report, lang)
        headline(report, lang)
        kpis(report, lang)
    with user_action():
        site_map(report, lang)
    left, right = st.columns(2)
    with left:
        real_list(report, lang)
    with right:
        optimal_list(report, lang)
    same_sigungu(report, lang)
    start_list(report, lang)
    with st.expander(t("retro.sites", lang)):
        st.dataframe(retro.site_table(report, lang), hide_index=True, width="stretch")
    downloads(report, lang)
    gaps(report, lang)
