"""AppTest for issue 11 (items 1-4): phases as network totals, stale results, bound labels and
units, headline tiles coloured by meaning. Bundled data, no mocks."""

from __future__ import annotations

import pytest
from streamlit.proto.Metric_pb2 import Metric

from planning.ui import state

pytestmark = pytest.mark.slow


def _result(at):
    return at.session_state[state.RESULT]


def _downloads(at) -> list[str]:
    return [b.proto.id for b in at.get("download_button") if "dl_" in b.proto.id]


def _export_buttons(at) -> list[str]:
    keys = ("dl_csv", "dl_xlsx", "dl_geo_sites")
    return [k for k in keys if any(k in b.proto.id for b in at.get("download_button"))]


def test_phases_are_network_totals_with_a_kpi_column_each(app) -> None:
    """Issue 11.1: phases `60, 80` at 2016-01 (38 centers, target 100) end at 100 centers, with
    one KPI column per phase."""
    app.text_input(key="w_phases").set_value("60, 80")
    app.run()
    assert not app.exception and not app.error, [e.value for e in app.error]
    result = _result(app)
    k = result.kpis.set_index("key")
    assert k.loc["n_centers", "after"] == 100
    assert result.sites["phase"].value_counts().sort_index().tolist() == [22, 20, 20]
    table = app.dataframe[0].value  # the KPI table
    assert {"1단계(60곳)", "2단계(80곳)", "3단계(100곳)"} <= set(table.columns)
    assert any("38 → 60 (+22) → 80 (+20) → 100 (+20)" in c.value for c in app.sidebar.caption)


def test_an_invalid_setting_shows_the_error_on_top_and_marks_the_result_stale(app) -> None:
    """Issue 11.2: the error sat at the bottom of the sidebar and the old result stayed
    exportable."""
    assert _export_buttons(app)
    app.text_input(key="w_phases").set_value("60, x")
    app.run()
    assert not app.exception
    assert not app.sidebar.error
    main = [e.value for e in app.main.error]
    assert main and "단계별 누적 센터 수" in main[0]
    assert any("지금 설정으로 계산한 것이 아닙니다" in w.value for w in app.main.warning)
    assert not _export_buttons(app)
    # the error comes before the headline figures and the map
    order = [type(e).__name__ for e in app.main]
    assert order.index("Error") < order.index("Metric") if "Metric" in order else True


def test_auto_off_and_an_impossible_target_are_marked_stale(app) -> None:
    app.toggle(key="w_auto").set_value(False)
    app.select_slider(key="w_threshold").set_value(45)
    app.run()
    assert any("설정이 바뀜" in w.value for w in app.main.warning)
    assert not _export_buttons(app)
    app.number_input(key="w_total").set_value(20)  # below the 38 existing centers
    app.button(key="btn_run").click()
    app.run()
    assert not app.exception
    assert any("목표 센터 수(20)" in e.value for e in app.main.error)
    assert any("풀 수 없음" in w.value for w in app.main.warning)
    assert not _export_buttons(app)
    app.number_input(key="w_total").set_value(100)
    app.button(key="btn_run").click()
    app.run()
    assert not app.main.warning and _export_buttons(app)


def test_bounds_are_named_by_sense_in_the_objective_unit(app) -> None:
    """Issue 11.3: coverage (max) has an upper bound in %, 평균 이동시간 (min) a lower bound in
    minutes close to its objective (the app showed 1,727.283 vs 0.411)."""
    captions = " ".join(c.value for c in app.main.caption)
    assert "상한" in captions and "하한" not in captions and "%" in captions
    app.radio(key="w_model").set_value("average")
    app.run()
    assert not app.exception
    line = next(c.value for c in app.main.caption if "최적성 격차" in c.value)
    assert "하한" in line and "상한" not in line, line
    assert "종합 수요 가중 평균 이동시간" in line and "휴리스틱" in line and "heuristic" not in line
    sol = _result(app).solution
    assert sol.gap < 0.10 and f"{sol.objective / 100:,.2f}분" in line


def test_headline_tiles_colour_by_meaning_and_name_the_farthest_area(app) -> None:
    """Issue 11.4: a shorter worst time was red (`↓ < -30.0`); the `> 90` tile read the same in
    every scenario. Now: people beyond 60 min (fewer is green), beyond 90 and the farthest
    행정동 by name."""
    result = _result(app)
    metrics = {m.label: m.proto for m in app.metric}
    avg = next(p for label, p in metrics.items() if "평균" in label)
    assert avg.color == Metric.MetricColor.GREEN  # shorter
    far = metrics["60분 밖 인구"]
    assert far.color == Metric.MetricColor.GREEN  # fewer people far away
    k = result.kpis.set_index("key")
    assert far.body == f"{k.loc['people_beyond_60', 'after']:,.0f}명"
    change = k.loc["people_beyond_60", "after"] - k.loc["people_beyond_60", "before"]
    assert far.delta == f"{round(change):+,d}명"  # thousands separators
    _, i = result.after.worst()
    from planning.ui import cache

    name = cache.base().areas.iloc[i]["name_ko"]
    caption = next(c.value for c in app.main.caption if "가장 먼 행정동" in c.value)
    assert name in caption and "90분 밖" in caption
    assert not any(m.value == "> 90" for m in app.metric)


def test_site_table_formats_numbers_and_translates_headers(app) -> None:
    """Issue 11.15: thousands separators, even decimals, no 'Infinity', English headers in
    English, the reasons readable in full."""
    import json

    import numpy as np

    def editor():
        return next(d for d in app.dataframe if d.proto.editing_mode != 0)

    ko = editor()
    config = json.loads(ko.proto.columns)
    assert config["추가 포괄 인구(명)"]["type_config"]["format"] == "localized"
    assert config["기존 최근접 센터까지(분)"]["type_config"]["format"] == "%.1f"
    near = ko.value["기존 최근접 센터까지(분)"].astype(float)
    assert not np.isinf(near).any()
    reasons = next(e for e in app.expander if e.label == "선정 이유 전체 보기")
    assert "1. **" in reasons.markdown[0].value
    app.get("button_group")[0].set_value("en")
    app.run()
    en = editor()
    assert {"Rank", "Why this site", "Locked", "Exclude", "People newly covered"} <= set(
        en.value.columns
    )
    assert not {"순위", "선정 이유", "지정 포함", "제외"} & set(en.value.columns)


def test_need_as_a_rate_per_1000_residents(app) -> None:
    """Issue 11.13: counts mostly show where people live; a rate shows where need is high."""
    from planning.ui import cache
    from planning.ui.components.map_view import layer_values

    layer = app.selectbox(key="w_layer")
    assert "기초생활수급자(인구 1,000명당)" in layer.options
    layer.set_value("recipients@rate")
    app.run()
    assert not app.exception and not app.error
    base = cache.base()
    rate = layer_values(base, None, "recipients@rate", "sigungu")
    ind = base.indicators.set_axis(base.areas["sigungu_code"].astype(str).to_numpy())
    sums = ind.groupby(level=0)[["recipients", "population"]].sum()
    expected = 1000 * sums["recipients"] / sums["population"]
    assert rate.reindex(expected.index).to_numpy() == pytest.approx(expected.to_numpy())
    assert 5 < float(rate.median()) < 150  # recipients per 1,000 residents
    maps = [e for e in app.get("component_instance") if "st_folium" in e.proto.component_name]
    import json

    assert "인구 1,000명당" in json.loads(maps[0].proto.json_args)["script"]
