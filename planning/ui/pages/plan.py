"""Plan page: controls (sidebar), headline KPIs, map, curve, ranked sites, exports. No logic here.

The KPIs come before the map so that a settings change shows the new answer while the map
(the slowest element) is still being drawn.
"""

from __future__ import annotations

import streamlit as st

from planning.i18n import t
from planning.ui import cache, state
from planning.ui.components import (
    controls,
    exports,
    map_view,
    results,
    robustness,
    scenarios,
    solver,
)
from planning.ui.components.errors import show_error, user_action

state.init()
lang = state.lang()
st.title(t("app.title", lang))
st.caption(t("app.caption", lang))
# Everything above the map that comes and goes sits in a container that is always there: a
# map whose place among the page's elements changes is mounted anew, and its frame can miss
# Streamlit's hand-over and stay blank for good (the browser console says "Received component
# message for unregistered ComponentInstance"; seen after the road engine's "only 4 new
# centers" warning appeared above the map)
state.show_flashes()
top = st.container()  # errors and the stale-result notice: in view, above the results
head = st.container()  # the result's tiles, solution line and notes

with user_action():
    with st.spinner(t("res.loading", lang)):
        base = cache.base()
    with st.spinner(t("res.travel", lang)):
        net = controls.network(base)  # the chosen travel engine's table
    scenario = controls.sidebar(base, net)
    with st.sidebar.expander(t("scn.header", lang)):
        scenarios.save_load()
    if scenario is not None:
        with st.sidebar:
            controls.formula_caption(base, scenario)
    solver.sidebar_actions(base, net, scenario)
    result = st.session_state.get(state.RESULT)
    with top:
        errors = state.take_errors()
        for exc in errors:
            show_error(exc)
        stale = results.stale_notice(result, scenario, failed=bool(errors))

    with head:
        if result is None:
            st.info(t("res.none", lang))
        else:
            results.metrics(result, base)
            line, action = st.columns([6, 1], vertical_alignment="center")
            progress = st.container()  # the exact solve's progress, under the line, full width
            with line:
                unproven = results.solution_line(result)
            if unproven and not stale and not result.scenario.exact:
                with action:
                    solver.exact_button(base, net, result, progress)
            plain = state.cached_result(result.scenario.replace(exact=False))
            note = results.exact_note(result, plain)
            if note:
                st.info(note)
            short = results.short_note(result)
            if short:
                st.warning(short)

    layer, level = map_view.layer_controls(base)
    with st.container():  # a message if the service areas fail: in a fixed slot too
        catchments = solver.catchments(base, net, result)
    with user_action():
        base_map = map_view.build(base, result, layer, level)
        shares = robustness.map_layers(robustness.current(result), lang)  # sites by share
        layers = map_view.overlays(base_map, base, result, layer, level, catchments, shares)
        map_view.show(base_map, layers)

    if result is not None:
        left, right = st.columns([3, 2])
        with left:
            results.kpis(result)
        with right:
            results.curve(result)
        results.site_table(result)
        if stale:  # never export a result under settings it was not computed with
            st.info(t("res.stale_exports", lang))
        else:
            exports.downloads(base, net, result)
            robustness.panel(base, net, result)
            scenarios.keep_for_comparison()
