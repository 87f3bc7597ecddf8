"""Run / re-run the optimizer: heuristic first (cached per scenario), exact on demand."""

from __future__ import annotations

import streamlit as st
from streamlit.delta_generator import DeltaGenerator
from streamlit.runtime.scriptrunner_utils.exceptions import ScriptControlException

from planning import plan as service
from planning.i18n import t
from planning.plan import BaseData, Network, PlanResult
from planning.scenario import Scenario
from planning.ui import cache, state
from planning.ui.components.errors import user_action

EXACT_TIME_LIMIT = 300.0
#: the quick answer's budget: None is the solver's own (the same answer `python -m planning run`
#: gives): coverage and 최장 이동시간 prove theirs (~0.3 s / ~0.6 s nationally); 평균 이동시간 runs
#: its swap search to a local optimum and 0.4 s of Lagrangian steps for the bound (~1 s)
QUICK_TIME_LIMIT: float | None = None


def _known(s: Scenario) -> PlanResult | None:
    """A proven (exact) result for these settings beats a heuristic one."""
    return state.cached_result(s.replace(exact=True)) or state.cached_result(s)


def solve_now(base: BaseData, net: Network, s: Scenario) -> None:
    """Solve with the heuristic; an error (e.g. a target below the existing centers) is kept for
    the top of the page and the shown result is left as it is (then marked as stale)."""
    lang = state.lang()
    try:
        with st.spinner(t("res.solving", lang)):
            result = cache.result(base, net, s, exact=False, time_limit=QUICK_TIME_LIMIT, lang=lang)
    except ScriptControlException:
        raise
    except Exception as exc:  # noqa: BLE001 - the user sees a message, never a traceback
        state.set_error(exc)
        return
    state.remember(result)


def sidebar_actions(base: BaseData, net: Network, s: Scenario | None) -> None:
    """The run button and auto re-solve: a settings change shows the heuristic answer at once."""
    lang = state.lang()
    auto = st.sidebar.toggle(t("ctl.auto", lang), key=state.widget_default("auto", True))
    run = st.sidebar.button(t("ctl.run", lang), type="primary", key="btn_run", width="stretch")
    if s is None:
        return
    known = _known(s)
    if known is not None and not run:
        st.session_state[state.RESULT] = known
        return
    if run or auto:
        solve_now(base, net, s)


def exact_button(
    base: BaseData, net: Network, result: PlanResult, progress: DeltaGenerator | None = None
) -> None:
    """The 정확해 구하기 button; its progress line goes to ``progress`` (a full-width container:
    in the button's narrow column "최적 입지를 계산하는 중…" broke into three lines), saying how
    long the proof may take."""
    lang = state.lang()
    if not st.button(t("ctl.exact", lang), key="btn_exact", help=t("ctl.exact_help", lang)):
        return
    s = result.scenario.replace(exact=True)
    where = progress if progress is not None else st
    label = t("res.solving_exact", lang, limit=f"{EXACT_TIME_LIMIT / 60:g}")
    with user_action(), where.status(label, expanded=False) as status:
        exact = cache.result(base, net, s, exact=True, time_limit=EXACT_TIME_LIMIT, lang=lang)
        state.remember(exact)
        status.update(label=t("res.done", lang), state="complete")
    st.rerun()


def catchments(base: BaseData, net: Network, result: PlanResult | None):
    """The service areas of the result's open sites (None without a result or when they fail)."""
    if result is None:
        return None
    key = ("catchments", cache.token(base), cache.token(net), cache.token(result))
    with user_action():  # one build for every session showing this result
        return cache.shared(key, lambda: service.catchment_polygons(base, net, result))
    return None
