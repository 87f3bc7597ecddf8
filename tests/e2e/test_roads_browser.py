"""Issue 12.3 in Debian's Chromium at 1366x768: the real app served with the Yeouido OSM extract
configured (PLANNING_ROAD_FILE, clipped to 서울 with PLANNING_ROAD_SIDO), the road engine chosen
in the sidebar, the result's KPI tiles and the map drawn from road minutes; offline."""

from __future__ import annotations

import re
from pathlib import Path

import pytest

pytestmark = [pytest.mark.e2e, pytest.mark.slow]

ROOT = Path(__file__).resolve().parents[2]
COLD_TIMEOUT_MS = 180_000
RUN_TIMEOUT_MS = 180_000
MAP = 'iframe[title="streamlit_folium.st_folium"]'
KPI = "30분 내 인구 비율(%)"


@pytest.fixture(scope="module")
def roads_url(shared_data, start_app):
    pbf = shared_data / "osm-yeouido" / "yeouido.osm.pbf"
    if not pbf.is_file():
        pytest.skip("the Yeouido extract is absent")
    env = {
        "PLANNING_ROAD_FILE": str(pbf),
        "PLANNING_ROAD_SIDO": "11",
        "PLANNING_CONFIG": str(pbf.parent / "absent-planning.toml"),
    }
    with start_app(ROOT / "app.py", env=env) as url:
        yield url


def _idle(page) -> None:
    page.wait_for_timeout(300)
    page.wait_for_function(
        "() => !document.querySelector('[data-testid=\"stStatusWidget\"]')",
        timeout=RUN_TIMEOUT_MS,
    )
    page.wait_for_timeout(300)


def _kpi_value(page) -> str:
    tile = page.locator('[data-testid="stMetric"]').filter(has_text=KPI).first
    return tile.locator('[data-testid="stMetricValue"]').inner_text()


def _number(text: str) -> float:
    return float(re.sub(r"[^0-9.]", "", text))


def test_road_engine_in_the_browser(roads_url, offline_page) -> None:
    page = offline_page.page
    page.set_viewport_size({"width": 1366, "height": 768})
    page.goto(roads_url, timeout=COLD_TIMEOUT_MS)
    page.get_by_text(KPI).first.wait_for(timeout=COLD_TIMEOUT_MS)
    page.wait_for_selector(MAP, timeout=COLD_TIMEOUT_MS)
    _idle(page)
    straight = _kpi_value(page)

    sidebar = page.locator('[data-testid="stSidebar"]')
    box = sidebar.locator('[data-testid="stSelectbox"]').filter(has_text="이동시간 계산 방식")
    box.click()
    page.get_by_role("option", name="도로망(OSM)").click()
    # the sidebar names the road file and the clip once the table is built
    sidebar.get_by_text(re.compile(r"도로 파일: ‘yeouido\.osm\.pbf’ · 시도 11")).wait_for(
        timeout=RUN_TIMEOUT_MS
    )
    _idle(page)
    assert page.locator('[data-testid="stException"]').count() == 0
    assert page.locator('[data-testid="stAlertContentError"]').count() == 0
    road = _kpi_value(page)
    assert road != straight, (road, straight)  # the KPI tiles show the road result
    assert 0 <= _number(road) <= 100

    frame = page.frame_locator(MAP)
    frame.locator(".leaflet-container").wait_for(timeout=RUN_TIMEOUT_MS)
    frame.locator(".pl-rank").first.wait_for(timeout=RUN_TIMEOUT_MS)
    assert frame.locator(".pl-rank").count() > 0  # the proposed sites, numbered
    assert frame.locator("path.leaflet-interactive").count() > 100
    offline_page.screenshot("roads-osm-1366x768")
    offline_page.assert_offline()
