"""AppTest of the retrospective page on the bundled data: it renders without an exception,
its real count is the table's openings in the window, both sets have KPIs, the map carries the
three site sets without a CDN, and the scope note names the cited centres."""

from __future__ import annotations

import json
import re

import pytest

from planning.centers import load_centers
from planning.ui.components import retrospective as page

pytestmark = pytest.mark.slow

RETRO = "planning/ui/pages/retrospective.py"


def _openings(after: str, until: str) -> int:
    month = load_centers()["open_by"].dropna().astype(str).str.slice(0, 7)
    return int(((month > after) & (month <= until)).sum())


@pytest.fixture(scope="module")
def retro_app():
    from streamlit.testing.v1 import AppTest

    from tests.app.conftest import APP, TIMEOUT

    at = AppTest.from_file(APP, default_timeout=TIMEOUT)
    at.run()
    at.switch_page(RETRO).run()
    assert not at.exception, [e.value for e in at.exception]
    return at


def _metric(at, label: str) -> str:
    (m,) = [m for m in at.metric if m.label == label]
    return m.value


def test_page_renders_real_count_and_both_kpis(retro_app) -> None:
    at = retro_app
    assert not at.error, [e.value for e in at.error]
    assert at.title[0].value == "실제 확충과 최적 확충 비교"
    n_real = _openings("2016-01", "2017-12")
    assert n_real > 0
    assert _metric(at, "기간 중 실제 개소") == f"{n_real:,}곳"
    report = page.compute(*page.DEFAULT)
    assert report.result.real.new_centers == n_real
    assert report.result.optimal.new_centers == n_real
    # KPIs side by side: one column per network, every share filled for real and optimal
    kpi = next(df.value for df in at.dataframe if "지표" in df.value.columns)
    for col in ("실제 확충", "최적 확충"):
        values = dict(zip(kpi["지표"], kpi[col], strict=True))
        for row in ("인구 포괄률(%)", "기초생활수급자 포괄률(%)", "실업자 포괄률(%)"):
            assert values[row] not in ("–", "None", "nan"), (col, row)
        assert float(values["종합지수 포괄률(%)"]) > 0
        # one precision per row: every share with two decimals ("67.4" stood under "73.73")
        for row in ("종합지수 포괄률(%)", "인구 포괄률(%)", "기초생활수급자 포괄률(%)"):
            assert re.fullmatch(r"\d{1,3}\.\d{2}", values[row]), (col, row, values[row])
        assert re.fullmatch(r"\d+\.\d", values["평균 이동시간(분)"]), values["평균 이동시간(분)"]
    real = float(dict(zip(kpi["지표"], kpi["실제 확충"], strict=True))["종합지수 포괄률(%)"])
    opt = float(dict(zip(kpi["지표"], kpi["최적 확충"], strict=True))["종합지수 포괄률(%)"])
    assert opt >= real  # the optimum of the same count is at least as good
    share = _metric(at, "최적 효과 대비 실제 달성률")
    assert share.endswith("%") and 0 < float(share[:-1]) <= 100.0
    # the real list has each centre with its rank among all candidates
    real_table = next(df.value for df in at.dataframe if "단독 효과 순위" in df.value.columns)
    assert len(real_table) == n_real
    assert real_table["단독 효과 순위"].min() >= 1
    # own gains in index % (the index sums to 100): alone, each adds at least its share of the
    # joint gain, so they sum to at least the real expansion's gain (coverage is submodular)
    gains = real_table["단독 효과(종합지수 %)"].astype(float)
    assert gains.sum() >= report.result.real.gain - 0.01
    assert gains.max() <= report.result.real.gain + 0.01
    # the page says the comparison covers the cited centres only
    assert any("출처가 있는 센터" in w.value for w in at.warning)
    assert any("시군구 선택의 몫" in m.value for m in at.markdown)  # the restricted optimum
    # downloads: CSV, Excel, JSON and the meeting report of the optimum
    labels = [b.proto.label for b in at.get("download_button")]
    assert labels == ["입지 비교(CSV)", "비교 전체(엑셀)", "요약(JSON)", "최적안 회의 보고서(PDF)"]
    # the missing centres are listed
    assert any(e.label == "표에 없는 센터" for e in at.expander)
    # the start network is listed: the cited centres open by the start month
    n_start = len(load_centers(as_of="2016-01"))
    assert any(
        e.label == f"시작 네트워크: 2016-01까지 문을 연 센터 {n_start}곳" for e in at.expander
    )
    assert len(report.start_centers) == n_start


def test_map_has_the_three_sets_and_no_cdn(retro_app) -> None:
    maps = [
        el for el in retro_app.get("component_instance") if "st_folium" in el.proto.component_name
    ]
    assert maps
    args = json.loads(maps[0].proto.json_args)
    groups = args["feature_group"]
    sets = page.compute(*page.DEFAULT).sites["set"]
    shown = {"start": "시작 네트워크 센터", "real": "실제 신규", "optimal": "최적 신규"}
    if (sets == "both").any():
        shown["both"] = "실제·최적 모두"
    for kind, name in shown.items():
        # one switchable layer per set (names as the script writes them: JSON-escaped)
        assert json.dumps(name)[1:-1] in args["layer_control"]
        assert page.COLORS[kind] in groups
    if not (sets == "both").any():  # no empty layer for an empty set
        assert page.COLORS["both"] not in groups
    assert "cdn" not in (args["script"] + groups).lower()


def test_settings_change_the_comparison_and_english(retro_app) -> None:
    at = retro_app
    at.select_slider[0].set_value(("2016-01", "2016-12"))
    at.button[0].click()  # the form's submit button
    at.run()
    assert not at.exception, [e.value for e in at.exception]
    n = _openings("2016-01", "2016-12")
    assert 0 < n < _openings("2016-01", "2017-12")
    assert _metric(at, "기간 중 실제 개소") == f"{n:,}곳"


def test_vintage_control_changes_the_base_and_the_result(app) -> None:
    """Plan page: choosing 2015 loads the 2015 base (another population), the scenario carries
    the vintage, the caption states it, and a run on it differs from today's."""
    from planning.ui import cache, state

    before = app.session_state[state.RESULT]
    assert before.scenario.vintage == "2025"
    pop_2025 = float(cache.vintage_base("2025").indicators["population"].sum())
    assert any("수요 자료 2025년 기준" in c.value for c in app.caption)
    app.selectbox(key=cache.VINTAGE_KEY).set_value("2015")
    app.run()
    assert not app.exception, [e.value for e in app.exception]
    assert app.session_state[state.SCENARIO].vintage == "2015"
    assert any("수요 자료 2015년 기준" in c.value for c in app.caption)
    base = cache.vintage_base("2015")
    assert base.vintages["population"].startswith("2015")
    assert base.vintages["demand"].startswith("2015 · 수요 자료 2015년 기준")  # in the exports
    assert float(base.indicators["population"].sum()) != pytest.approx(pop_2025, rel=1e-3)
    app.button(key="btn_run").click()
    app.run()
    assert not app.exception, [e.value for e in app.exception]
    after = app.session_state[state.RESULT]
    assert after.scenario.vintage == "2015"
    k0, k1 = (r.kpis.set_index("key") for r in (before, after))
    assert k1.loc["share_population", "before"] != pytest.approx(
        k0.loc["share_population", "before"], abs=1e-6
    )  # the same 38 centres reach another population


def test_page_in_english(retro_app) -> None:
    at = retro_app
    at.session_state["lang_widget"] = "en"
    at.run()
    assert not at.exception, [e.value for e in at.exception]
    assert at.title[0].value == "The real expansion beside the optimum"
    assert any("cited centers only" in w.value for w in at.warning)
    kpi = next(df.value for df in at.dataframe if "measure" in df.value.columns)
    assert {"real expansion", "optimal expansion"} <= set(kpi.columns)
    at.session_state["lang_widget"] = "ko"
    at.run()


def test_english_page_downloads_english_files(retro_app, monkeypatch) -> None:
    """The English page's workbook had Korean sheets (입지 비교, 자료 출처) and its meeting report
    was titled '2016-01–2017-12 최적 확충' (a Korean name written in the page's code)."""
    import io
    import subprocess

    import openpyxl
    from streamlit.elements.widgets.button import ButtonMixin

    seen: dict[str, object] = {}
    original = ButtonMixin.download_button

    def spy(self, label, data, *args, **kwargs):
        seen[kwargs.get("key", label)] = data
        return original(self, label, data, *args, **kwargs)

    monkeypatch.setattr(ButtonMixin, "download_button", spy)
    at = retro_app
    at.session_state["lang_widget"] = "en"
    at.run()
    try:
        assert not at.exception
        book = openpyxl.load_workbook(io.BytesIO(seen["dl_retro_xlsx"]()))
        assert not any(re.search(r"[가-힣]", name) for name in book.sheetnames), book.sheetnames
        pdf = seen["dl_retro_pdf"]()
        text = subprocess.run(
            ["pdftotext", "-", "-"], input=pdf, capture_output=True, check=True
        ).stdout.decode("utf-8")
        assert re.search(r"optimum \d{4}-\d{2}~\d{4}-\d{2}\n", text), text[:300]
        assert "최적 확충" not in text
    finally:
        at.session_state["lang_widget"] = "ko"
        at.run()
