"""Several officials on one server: sessions showing the same result share its map rendering and
service areas (built once), and a session's own settings never leak into another's map."""

from __future__ import annotations

import json

import pytest

from planning.ui import state
from planning.ui.components import map_view, solver

pytestmark = pytest.mark.slow


def _map_args(at) -> dict:
    (el,) = [e for e in at.get("component_instance") if "st_folium" in e.proto.component_name]
    return json.loads(el.proto.json_args)


def _counting(monkeypatch, module, name: str) -> list[int]:
    calls: list[int] = []
    real = getattr(module, name)

    def counted(*args, **kwargs):
        calls.append(1)
        return real(*args, **kwargs)

    monkeypatch.setattr(module, name, counted)
    return calls


def test_sessions_with_the_same_result_share_one_map_rendering(monkeypatch) -> None:
    from streamlit.testing.v1 import AppTest

    from tests.app.conftest import APP, TIMEOUT

    overlays = _counting(monkeypatch, map_view, "_overlay_payload")
    areas = _counting(monkeypatch, solver.service, "catchment_polygons")
    one, two = (AppTest.from_file(APP, default_timeout=TIMEOUT) for _ in range(2))
    for at in (one, two):
        at.run()
    assert len(overlays) <= 1 and len(areas) <= 1  # the default plan: built at most once
    overlays.clear(), areas.clear()
    for at in (one, two):
        at.slider(key="w_weight_recipients").set_value(4.5).run()  # a weight no other test uses
        assert not at.exception, [e.value for e in at.exception]
    assert one.session_state[state.RESULT] is two.session_state[state.RESULT]
    assert len(overlays) == 1 and len(areas) == 1  # the second session built nothing again
    assert _map_args(one) == _map_args(two)

    two.slider(key="w_weight_recipients").set_value(2.5).run()  # the second official moves on
    assert one.session_state[state.RESULT] is not two.session_state[state.RESULT]
    assert len(overlays) == 2
    assert _map_args(one) != _map_args(two)
    one.run()  # the first one's page is unchanged by the other's settings
    assert one.slider(key="w_weight_recipients").value == 4.5
