"""AppTest of the 견고성 (robustness) panel: a small sweep on the app's real local Dask cluster,
its tables, the map layer of sites by share and the CSV export (no mocks)."""

from __future__ import annotations

import io
import json
import time

import pandas as pd
import pytest

from planning.ui import state
from planning.ui.components import robustness

pytestmark = pytest.mark.slow


def _wait(app, timeout: float = 300.0) -> robustness.Job:
    job = app.session_state[robustness.JOB]
    t0 = time.perf_counter()
    while job.running:
        assert time.perf_counter() - t0 < timeout, f"sweep stuck at {job.done}/{job.total}"
        time.sleep(0.5)
    return job


def test_robustness_panel_runs_a_sweep_and_colours_the_map(app) -> None:
    result = app.session_state[state.RESULT]
    assert any(s.value == "견고성 분석" for s in app.subheader)
    app.number_input(key="w_rob_samples").set_value(6)
    app.multiselect(key="w_rob_thresholds").set_value([30.0, 45.0])
    app.button(key="btn_rob_run").click().run()
    assert not app.exception, [e.value for e in app.exception]
    assert not app.error, [e.value for e in app.error]
    if app.session_state[robustness.JOB].running:  # the background sweep shows its progress
        assert app.get("progress"), "no progress bar while the sweep runs"
    job = _wait(app)
    assert job.error is None, job.error
    app.run()
    assert not app.exception, [e.value for e in app.exception]
    assert not app.error, [e.value for e in app.error]
    assert job.sweep.n_ok == 6 and job.total == 6
    assert {s.threshold for s in job.samples} <= {30.0, 45.0}
    freq = job.frequency
    # the proposal is the shown result: every proposed site has a row, shares are in 0..1
    assert set(result.new_ids) <= set(freq["site_id"])
    assert freq["proposed"].sum() == len(result.new_ids)
    assert freq["share"].between(0, 1).all()
    labels = [m.label for m in app.metric]
    assert "안정 입지(90% 이상)" in labels and "경합 입지(20~90%)" in labels
    # the map carries the robustness layer with each site's share in its tooltip
    maps = [el for el in app.get("component_instance") if "st_folium" in el.proto.component_name]
    args = json.loads(maps[0].proto.json_args)
    assert json.dumps("견고성(선정 비율)")[1:-1] in args["layer_control"]  # its \u escapes
    assert "선정 비율" in args["feature_group"]
    # the CSV export: Korean headers, UTF-8 with BOM, one row per site
    button = next(b for b in app.get("download_button") if b.proto.label == "견고성 표(CSV)")
    assert button is not None
    data = robustness.csv_bytes(robustness.table(freq, "ko", with_id=True))
    assert data.startswith(b"\xef\xbb\xbf")
    back = pd.read_csv(io.BytesIO(data), encoding="utf-8-sig")
    assert "선정 비율(%)" in back.columns and len(back) == len(freq)
    # English toggle: the panel's texts follow
    app.get("button_group")[0].set_value("en").run()
    assert not app.exception
    assert any(s.value == "Robustness" for s in app.subheader)


def test_panel_controls_read_korean_and_survive_the_language_switch(app, caplog) -> None:
    """The threshold list's placeholder read 'Choose options' on the Korean page, and switching
    the language logged 'created with a default value but also had its value set via the
    Session State API' for the panel's widgets."""
    pick = app.multiselect(key="w_rob_thresholds")
    assert pick.placeholder == "고르세요"
    app.number_input(key="w_rob_samples").set_value(15)
    app.run()
    with caplog.at_level("WARNING"):
        app.get("button_group")[0].set_value("en")
        app.run()
    assert not app.exception
    assert "Session State API" not in caplog.text
    assert app.number_input(key="w_rob_samples").value == 15
    assert app.multiselect(key="w_rob_thresholds").placeholder == "Choose options"
