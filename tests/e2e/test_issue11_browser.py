"""Issue 11 in Debian's Chromium on a 1366x768 office screen: the map starts above the fold
(11.22), the language switch keeps the radio groups' values in the browser (11.5)."""

from __future__ import annotations

from pathlib import Path

import pytest

pytestmark = [pytest.mark.e2e, pytest.mark.slow]

COLD_TIMEOUT_MS = 180_000
RUN_TIMEOUT_MS = 120_000
ARTIFACTS = Path(__file__).resolve().parents[2] / "artifacts"  # git-ignored
MAP = 'iframe[title="streamlit_folium.st_folium"]'


def _idle(page) -> None:
    page.wait_for_timeout(300)
    page.wait_for_function(
        "() => !document.querySelector('[data-testid=\"stStatusWidget\"]')",
        timeout=RUN_TIMEOUT_MS,
    )
    page.wait_for_timeout(300)


@pytest.fixture
def office_page(chromium):
    context = chromium.new_context(viewport={"width": 1366, "height": 768}, locale="ko-KR")
    page = context.new_page()
    try:
        yield page
    finally:
        context.close()


def _checked(page, label: str) -> list[str]:
    """The checked option(s) of the radio group labelled ``label``."""
    group = page.locator('[data-testid="stRadio"]').filter(has_text=label)
    return group.locator("label:has(input:checked)").all_inner_texts()


def test_map_above_the_fold_and_language_switch_keeps_radios(app_url, office_page) -> None:
    page = office_page
    page.goto(app_url, timeout=COLD_TIMEOUT_MS)
    page.wait_for_selector(MAP, timeout=COLD_TIMEOUT_MS)
    page.get_by_text("30분 내 인구 비율(%)").first.wait_for(timeout=COLD_TIMEOUT_MS)
    _idle(page)
    box = page.locator(MAP).bounding_box()
    assert box is not None and box["y"] < 768 - 250, box  # at least 250 px of map in view
    ARTIFACTS.mkdir(exist_ok=True)
    page.screenshot(path=str(ARTIFACTS / "issue11-fold-1366x768.png"))

    # choose non-default values in the three radio groups, then switch to English
    page.locator('[data-testid="stRadio"]').filter(has_text="지도 단위").get_by_text(
        "행정동", exact=True
    ).click()
    _idle(page)
    page.locator('[data-testid="stRadio"]').filter(has_text="지도 클릭 시").get_by_text(
        "후보지 제외"
    ).click()
    _idle(page)
    page.locator('[data-testid="stSidebar"] [data-testid="stRadio"]').get_by_text(
        "평균 이동시간 최소화"
    ).click()
    _idle(page)
    page.get_by_text("하한").first.wait_for(timeout=RUN_TIMEOUT_MS)
    page.locator('[data-testid="stSidebar"]').get_by_text("English", exact=True).click()
    page.get_by_text("Population within 30 min (%)").first.wait_for(timeout=RUN_TIMEOUT_MS)
    _idle(page)
    assert _checked(page, "Map level") == ["Dong (행정동)"]
    assert _checked(page, "Map click") == ["Exclude site"]
    assert _checked(page, "Model") == ["Minimise average time"]
    assert page.get_by_text("lower bound").count() >= 1
    page.screenshot(path=str(ARTIFACTS / "issue11-english.png"))
