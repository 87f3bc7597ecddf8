"""AppTest for issue 11.5: switching the language keeps every widget's value, and the browser
is sent that value (a widget whose label changes is a new widget to the frontend: without the
value it drew the radio groups cleared while the app computed with the old values)."""

from __future__ import annotations

import pytest

pytestmark = pytest.mark.slow


def _widgets(at) -> dict:
    out = {}
    for kind in ("radio", "selectbox", "select_slider", "multiselect", "number_input", "slider"):
        for w in at.get(kind):
            if w.key and w.key.startswith("w_"):
                out[w.key] = w
    return out


def test_language_switch_keeps_every_widget_value(app) -> None:
    app.radio(key="w_model").set_value("average")
    app.radio(key="w_level").set_value("area")
    app.radio(key="w_click").set_value("lock")
    app.selectbox(key="w_layer").set_value("recipients")
    app.number_input(key="w_total").set_value(90)
    app.select_slider(key="w_threshold").set_value(45)
    app.run()
    assert not app.exception
    before = {k: w.value for k, w in _widgets(app).items()}
    scenario = app.session_state["scenario"]

    app.get("button_group")[0].set_value("en")
    app.run()
    assert not app.exception
    after = _widgets(app)
    assert {k: w.value for k, w in after.items()} == before
    assert app.session_state["scenario"].key() == scenario.key()
    # every radio/selectbox is sent with its value (not its default index 0)
    expected = {
        "w_model": "Minimise average time",
        "w_level": "Dong (행정동)",
        "w_click": "Lock site",
        "w_threshold": None,
    }
    for key, text in expected.items():
        proto = after[key].proto
        assert proto.set_value, key
        if text is not None:
            assert proto.raw_value == text, key
    assert after["w_model"].label == "Model" and after["w_layer"].label.startswith("Demand")
    assert not app.warning  # no "value set through the Session State API" warnings


def test_default_scenario_name_follows_the_language_and_a_typed_one_stays(app) -> None:
    """The scenario-name box of an English page says "Default scenario" (was 기본 시나리오); back in Korean it is 기본 시나리오 again; a typed name is kept."""
    box = app.text_input(key="w_name")
    assert box.value == "기본 시나리오"
    app.get("button_group")[0].set_value("en").run()
    assert not app.exception
    assert app.text_input(key="w_name").value == "Default scenario"
    app.get("button_group")[0].set_value("ko").run()
    assert app.text_input(key="w_name").value == "기본 시나리오"
    assert app.session_state["scenario"].name == "기본 시나리오"
    app.text_input(key="w_name").set_value("부산 우선안").run()
    app.get("button_group")[0].set_value("en").run()
    assert app.text_input(key="w_name").value == "부산 우선안"
    assert app.session_state["scenario"].name == "부산 우선안"
