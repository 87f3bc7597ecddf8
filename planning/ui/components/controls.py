"""Sidebar controls -> a validated :class:`Scenario` (or ``None`` with the error shown)."""

from __future__ import annotations

import re

import numpy as np
import streamlit as st

from planning.errors import DataError, PlanningError
from planning.i18n import MESSAGES, label, t
from planning.plan import ALWAYS, NEVER, BaseData, Network
from planning.scenario import MODELS, Scenario
from planning.ui import cache, state
from planning.ui.components.errors import show_error

THRESHOLDS = (10, 15, 20, 25, 30, 40, 45, 50, 60, 75, 90)
WEIGHT_MAX = 5.0
TOTAL_RANGE = (1, 1000)
QUOTA_MAX = 50


def indicator_label(key: str, lang: str) -> str:
    try:
        from planning.demand import INDICATORS
    except ImportError:  # pragma: no cover
        return key
    ind = INDICATORS.get(key)
    if ind is None:  # an uploaded indicator: a label of its own, else its column name
        return t(f"ind.{key}", lang) if f"ind.{key}" in MESSAGES else key
    return label({"ko": ind.label_ko, "en": ind.label_en}, lang)


def candidate_labels(base: BaseData) -> dict[str, str]:
    """'구월1동 · 남동구 · 인천' per candidate: the 행정동 first, so that a chip cut short in the
    sidebar still tells two sites apart."""
    from planning.crosswalk import SIDO

    short = {s.kostat: s.short for s in SIDO}
    a = base.areas
    sido = a["sido_code"].astype(str).map(short).fillna(a["sido_ko"].astype(str))
    return dict(
        zip(
            a["area_code"].astype(str),
            a["name_ko"].astype(str) + " · " + a["sigungu_ko"].astype(str) + " · " + sido,
            strict=True,
        )
    )


#: chips of the two site lists look different (colour and sign), whatever their width
#: (Streamlit 1.5x marks a chip ``data-tag``; older ones ``data-baseweb="tag"``)
_CHIP_CSS = (
    "<style>.st-key-w_locked :is([data-tag],[data-baseweb='tag']){background:#08519c;color:#fff}"
    ".st-key-w_excluded :is([data-tag],[data-baseweb='tag']){background:#5f5f5f;color:#fff}"
    "</style>"
)
LOCK_SIGN, EXCLUDE_SIGN = "＋", "－"


def fit_to_controls(base: BaseData, s: Scenario) -> tuple[Scenario, list[str]]:
    """A loaded scenario as the sidebar can show it, and what had to change (in the page's
    language): a threshold the slider does not offer (33 -> 30), a target or weight beyond a
    control's range, weights of indicators and minimums of 시도 that are not in the data,
    locked or excluded codes that are no candidate."""
    lang = state.lang()
    notes: list[str] = []
    changes: dict = {}
    if s.threshold not in THRESHOLDS:
        new = min(THRESHOLDS, key=lambda v: (abs(v - s.threshold), v))
        notes.append(t("scn.coerced.threshold", lang, old=f"{s.threshold:g}", new=new))
        changes["threshold"] = float(new)
    if not TOTAL_RANGE[0] <= s.total <= TOTAL_RANGE[1]:
        new = min(max(s.total, TOTAL_RANGE[0]), TOTAL_RANGE[1])
        notes.append(
            t("scn.coerced.total", lang, old=s.total, new=new, lo=TOTAL_RANGE[0], hi=TOTAL_RANGE[1])
        )
        changes["total"] = new
    available = [c for c in base.indicators.columns if base.indicators[c].notna().any()]
    weights = {}
    for key, w in s.weights:
        if key not in available:
            if w > 0:
                notes.append(t("scn.coerced.unknown_weight", lang, name=key, old=f"{w:g}"))
            continue
        if w > WEIGHT_MAX:
            notes.append(
                t(
                    "scn.coerced.weight",
                    lang,
                    name=indicator_label(key, lang),
                    old=f"{w:g}",
                    new=f"{WEIGHT_MAX:g}",
                    hi=f"{WEIGHT_MAX:g}",
                )
            )
            w = WEIGHT_MAX
        weights[key] = w
    if weights != dict(s.weights):
        changes["weights"] = weights
    sido = sido_names(base)
    quotas = {}
    for code, n in s.sido_min:
        if code not in sido:
            notes.append(t("scn.coerced.unknown_sido", lang, code=code, old=n))
            continue
        if n > QUOTA_MAX:
            notes.append(
                t("scn.coerced.quota", lang, name=sido[code], old=n, new=QUOTA_MAX, hi=QUOTA_MAX)
            )
            n = QUOTA_MAX
        quotas[code] = n
    if quotas != dict(s.sido_min):
        changes["sido_min"] = quotas
    known = set(base.areas["area_code"].astype(str))
    for what in ("locked", "excluded"):
        ids = getattr(s, what)
        unknown = [c for c in ids if c not in known]
        if unknown:
            notes.append(
                t(
                    "scn.coerced.unknown_ids",
                    lang,
                    what=t(f"scn.what.{what}", lang),
                    codes=", ".join(unknown[:10]),
                )
            )
            changes[what] = [c for c in ids if c in known]
    if not changes:
        return s, notes
    try:
        return s.replace(**changes), notes
    except DataError:  # e.g. the minimums no longer fit: keep the file's values, say so
        return s, notes


def sido_names(base: BaseData) -> dict[str, str]:
    a = base.areas[["sido_code", "sido_ko"]].drop_duplicates("sido_code").sort_values("sido_code")
    return dict(zip(a["sido_code"].astype(str), a["sido_ko"].astype(str), strict=True))


def parse_phases(text: str) -> tuple[int, ...]:
    parts = [p for p in re.split(r"[,\s]+", text.strip()) if p]
    if not all(p.isdigit() and int(p) > 0 for p in parts):
        shown = text.strip()
        raise DataError.of("ctl.phases_bad_problem", fix_key="ctl.phases_bad", text=shown)
    return tuple(int(p) for p in parts)


ENGINE_KEY = state.WIDGET_PREFIX + "engine"


def road_settings(*, show_errors: bool = False):
    """The configured road file (:func:`planning.settings.road_settings`), or ``None``; a
    broken ``planning.toml`` counts as none (its error shown with ``show_errors``: once a run)."""
    from planning.settings import road_settings as configured

    try:
        return configured()
    except PlanningError as exc:
        if show_errors:
            show_error(exc)
        return None


def engines(*, show_errors: bool = False) -> list[str]:
    """The travel engines this session can use: ``osm`` once a road file is configured on the
    server (planning.toml or PLANNING_ROAD_FILE; never uploaded), ``matrix`` once a matrix is
    uploaded."""
    out = ["straight"]
    if road_settings(show_errors=show_errors) is not None:
        out.append("osm")
    if state.matrix() is not None:
        out.append("matrix")
    return out


def _fall_back(message: str) -> str:
    st.warning(message)
    st.session_state[ENGINE_KEY] = "straight"  # before the selectbox renders: it shows straight
    return "straight"


def engine() -> str:
    """The engine of this run: the selectbox's choice (or a loaded scenario's), or ``straight``
    with a message in the page when it is not available (e.g. a scenario file asking for
    ``matrix`` when no matrix is uploaded, or ``osm`` when no road file is configured)."""
    wanted = str(st.session_state.get(ENGINE_KEY, state.scenario().engine))
    if wanted not in engines(show_errors=True):
        lang = state.lang()
        if wanted == "osm":
            return _fall_back(t("ctl.engine_osm_missing", lang))
        return _fall_back(t("ctl.engine_unavailable", lang, engine=t(f"ctl.engine.{wanted}", lang)))
    st.session_state[ENGINE_KEY] = wanted
    return wanted


def network(base: BaseData) -> Network:
    """The Network of the chosen engine (cached). A matrix that no longer fits the sites (e.g.
    a center list uploaded after it) or a road file that cannot be read shows its error and
    falls back to straight lines."""
    lang = state.lang()
    chosen = engine()
    if chosen == "matrix":
        try:
            return cache.network(base, state.matrix(), lang)
        except PlanningError as exc:
            show_error(exc)
            _fall_back(t("ctl.engine_matrix_failed", lang))
    if chosen == "osm":
        try:
            return cache.road_network(base, road_settings(), lang)
        except PlanningError as exc:
            show_error(exc)
            _fall_back(t("ctl.engine_osm_failed", lang))
    return cache.network(base)


def _engine_help(options: list[str], lang: str) -> str | None:
    """How to get the engines the box does not offer: a road file set on the server for
    ``osm`` (not an upload), an uploaded matrix for ``matrix``."""
    parts = [t("ctl.engine_osm_help", lang)] if "osm" not in options else []
    if "matrix" not in options:
        parts.append(t("ctl.engine_help", lang))
    return "\n\n".join(parts) or None


def _road_caption(base: BaseData, net: Network, lang: str) -> None:
    from planning.plan.network import road_notices

    meta = net.table.meta
    codes = ", ".join(meta.get("sido", ()))
    sido = t("ctl.engine_osm_sido", lang, codes=codes) if codes else ""
    st.sidebar.caption(
        t(
            "ctl.engine_osm_caption",
            lang,
            name=meta.get("filename", ""),
            sido=sido,
            pairs=f"{net.csr.nnz:,}",
            seconds=f"{net.seconds:.1f}",
        )
    )
    for notice in road_notices(base, net):
        st.sidebar.caption(notice.text(lang))


def as_of_options(net: Network, current: str) -> list[str]:
    """The 'as of' slider's months: every opening month of the centers (bundled or uploaded,
    before 2016 or planned after today) and ``current``. The last option counts every center
    with a month; ALWAYS (an uploaded center without one) counts at every option, so it is no
    option itself, nor is NEVER (a bundled center whose opening is unknown)."""
    return sorted((set(net.opened[: net.n_centers].tolist()) - {NEVER, ALWAYS}) | {current})


def as_of_help(base: BaseData, net: Network, lang: str) -> str:
    """The reference month's help: the bundled list says plainly that 40 centers were open in
    2016-01 and how many of them are cited (the count the app starts from)."""
    if base.vintages.get("centers") != "data/centers.csv":
        return t("ctl.as_of_help_upload", lang)
    return t("ctl.as_of_help", lang, n=int(net.fixed_mask("2016-01").sum()))


def sidebar(base: BaseData, net: Network) -> Scenario | None:
    """Render the controls from the current scenario; return the scenario they describe."""
    lang = state.lang()
    cur = state.scenario()
    sb = st.sidebar
    sb.header(t("ctl.header", lang))

    as_of = sb.select_slider(
        t("ctl.as_of", lang),
        options=as_of_options(net, cur.as_of),
        key=state.widget_default("as_of", cur.as_of),
        help=as_of_help(base, net, lang),
    )
    n_fixed = int(net.fixed_mask(as_of).sum())
    total = sb.number_input(
        t("ctl.total", lang),
        min_value=TOTAL_RANGE[0],
        max_value=TOTAL_RANGE[1],
        step=5,
        key=state.widget_default("total", cur.total),
    )
    sb.caption(f"{t('map.centers', lang)}: {n_fixed} → +{max(0, int(total) - n_fixed)}")
    options = engines()
    engine = sb.selectbox(
        t("ctl.engine", lang),
        options=options,
        format_func=lambda e: t(f"ctl.engine.{e}", lang),
        key=state.widget_default("engine", cur.engine if cur.engine in options else "straight"),
        help=_engine_help(options, lang),
    )
    if engine == "osm" and net.table.engine == "osm":
        _road_caption(base, net, lang)
    if engine == "matrix" and net.table.engine == "matrix":
        meta = net.table.meta
        sb.caption(
            t(
                "ctl.engine_matrix_caption",
                lang,
                name=meta.get("filename", ""),
                pairs=f"{net.csr.nnz:,}",
            )
        )
    threshold = sb.select_slider(
        t("ctl.threshold", lang),
        options=list(THRESHOLDS),
        key=state.widget_default(
            "threshold", int(cur.threshold) if cur.threshold in THRESHOLDS else 30
        ),
    )
    vintage = vintage_control(sb, cur.vintage, lang)
    model = sb.radio(
        t("ctl.model", lang),
        options=list(MODELS),
        format_func=lambda m: t(f"ctl.model.{m}", lang),
        key=state.widget_default("model", cur.model),
    )

    weights: dict[str, float] = {}
    cur_w = cur.weight_map
    with sb.expander(t("ctl.weights", lang), expanded=True):
        for key in base.indicators.columns:
            if base.indicators[key].notna().sum() == 0:
                continue
            weights[key] = st.slider(
                indicator_label(key, lang),
                0.0,
                WEIGHT_MAX,
                step=0.5,
                key=state.widget_default(f"weight_{key}", float(cur_w.get(key, 0.0))),
            )
    sido = sido_names(base)
    quotas: dict[str, int] = {}
    cur_q = cur.quota_map
    with sb.expander(t("ctl.quotas", lang)):
        cols = st.columns(2)
        for i, (code, name) in enumerate(sido.items()):
            quotas[code] = cols[i % 2].number_input(
                name,
                min_value=0,
                max_value=QUOTA_MAX,
                step=1,
                key=state.widget_default(f"quota_{code}", int(cur_q.get(code, 0))),
            )
    labels = candidate_labels(base)
    options = list(labels)
    with sb.expander(t("ctl.locked", lang) + " / " + t("ctl.excluded", lang)):
        st.html(_CHIP_CSS)
        locked = st.multiselect(
            f"{LOCK_SIGN} {t('ctl.locked', lang)}",
            options,
            format_func=lambda c: f"{LOCK_SIGN}{labels.get(c, c)} ({c})",
            placeholder=t("ctl.choose", lang),
            key=state.widget_default("locked", [c for c in cur.locked if c in labels]),
        )
        excluded = st.multiselect(
            f"{EXCLUDE_SIGN} {t('ctl.excluded', lang)}",
            options,
            format_func=lambda c: f"{EXCLUDE_SIGN}{labels.get(c, c)} ({c})",
            placeholder=t("ctl.choose", lang),
            key=state.widget_default("excluded", [c for c in cur.excluded if c in labels]),
        )
    phases_text = sb.text_input(
        t("ctl.phases", lang),
        key=state.widget_default("phases", ", ".join(map(str, cur.phases))),
        help=t("ctl.phases_help", lang, n=n_fixed, n1=n_fixed + 1, total=int(total)),
    )
    try:
        s = Scenario(
            name=cur.name,
            note=cur.note,
            as_of=as_of,
            total=int(total),
            engine=engine,
            threshold=float(threshold),
            vintage=vintage,
            model=model,
            weights=tuple((k, float(v)) for k, v in weights.items() if v > 0),
            sido_min=tuple((k, int(v)) for k, v in quotas.items() if v > 0),
            locked=tuple(locked),
            excluded=tuple(excluded),
            phases=parse_phases(phases_text),
            exact=False,
        )
    except DataError as exc:
        state.set_error(exc)
        return None
    if s.phases:
        sb.caption(t("ctl.phases_caption", lang, steps=phase_steps(n_fixed, s)))
    state.set_scenario(s)
    return s


def vintage_control(sb, current: str, lang: str) -> str:
    """The demand vintage (2025 / 2020 / 2015; :mod:`planning.vintage`). The base data of this
    run were loaded with its value already (:func:`planning.ui.cache.vintage`); once files are
    uploaded on one vintage's data, it is fixed for the session."""
    from planning.vintage import VINTAGES

    uploaded = st.session_state.get(state.BASE_OVERRIDE) is not None
    chosen = sb.selectbox(
        t("ctl.vintage", lang),
        list(VINTAGES),
        format_func=lambda v: t(f"ctl.vintage.{v}", lang),
        key=state.widget_default("vintage", current if current in VINTAGES else VINTAGES[0]),
        disabled=uploaded,
        help=t("ctl.vintage_help", lang),
    )
    if uploaded:
        sb.caption(t("ctl.vintage_locked", lang, vintage=chosen))
    return str(chosen)


def phase_steps(n_fixed: int, s: Scenario) -> str:
    """``37 → 60 (+23) → 80 (+20) → 100 (+20)``: the network after each phase."""
    totals = [*s.phases, *([s.total] if s.phases[-1] < s.total else [])]
    steps, prev = [str(n_fixed)], n_fixed
    for n in totals:
        steps.append(f"{n} ({n - prev:+d})")
        prev = n
    return " → ".join(steps)


def formula_caption(base: BaseData, s: Scenario) -> None:
    from planning import plan as service
    from planning.demand import describe_vintage

    lang = state.lang()
    try:
        st.caption(f"**{t('ctl.formula', lang)}**: {service.formula(base, s, lang)}")
        st.caption(describe_vintage(s.vintage, lang))
    except Exception as exc:  # noqa: BLE001
        show_error(exc)


def weights_all_zero(s: Scenario) -> bool:
    return float(np.sum([w for _, w in s.weights])) <= 0 if s.weights else True
