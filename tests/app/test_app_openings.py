"""AppTest: a center list uploaded with opening months drives the 'as of' slider."""

from __future__ import annotations

import pytest

from planning.ui import state

pytestmark = pytest.mark.slow

DATA = "planning/ui/pages/data.py"
PLAN = "planning/ui/pages/plan.py"
# 종로 2014-07, 부산 2016-03, 대전 2020-05; 광주 without a month counts at every month
CENTERS = (
    "center_id,name,lat,lon,개소일\n"
    "A,종로센터,37.5729,126.9794,2014-07\n"
    "B,부산센터,35.1798,129.0750,2016.3\n"
    "C,대전센터,36.3504,127.3845,2020년 5월\n"
    "D,광주센터,35.1601,126.8515,\n"
)


def _caption(app) -> str:
    found = [c.value for c in app.caption if c.value.startswith("기존 센터: ")]
    assert len(found) == 1, [c.value for c in app.caption]
    return found[0]


def _n_fixed(app) -> int:
    result = app.session_state[state.RESULT]
    return int(result.kpis.set_index("key").loc["n_centers", "before"])


def test_uploaded_opening_months_move_with_the_as_of_slider(app) -> None:
    app.switch_page(DATA).run()
    app.session_state["pending_upload"] = ("centers", "계획.csv", CENTERS.encode())
    app.run()
    assert not app.exception, [e.value for e in app.exception]
    assert not [e.value for e in app.error]
    warnings = [w.value for w in app.warning]
    assert any("센터 4곳 중 1곳은 개소 월이 없어" in w for w in warnings), warnings

    app.switch_page(PLAN).run()
    assert not app.exception, [e.value for e in app.exception]
    slider = app.select_slider(key="w_as_of")
    assert slider.value == "2016-01"  # the default month stays, between the uploaded ones
    assert list(slider.options) == ["2014-07", "2016-01", "2016-03", "2020-05"]
    assert _caption(app) == "기존 센터: 2 → +98"  # 종로 and the undated 광주
    assert _n_fixed(app) == 2

    slider.set_value("2020-05").run()
    assert not app.exception, [e.value for e in app.exception]
    assert _caption(app) == "기존 센터: 4 → +96"
    assert _n_fixed(app) == 4
    result = app.session_state[state.RESULT]
    assert result.scenario.as_of == "2020-05"
    assert {"C:A", "C:B", "C:C", "C:D"} <= set(result.open_ids)

    app.select_slider(key="w_as_of").set_value("2014-07").run()
    assert not app.exception
    assert _caption(app) == "기존 센터: 2 → +98"
    assert _n_fixed(app) == 2
    assert app.session_state[state.RESULT].scenario.as_of == "2014-07"
