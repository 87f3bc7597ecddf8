"""The retrospective page in Debian's Chromium at 1366x768: offline, Korean, no exception; the
map draws the start, real and optimal sites; screenshots to artifacts/ (git-ignored)."""

from __future__ import annotations

import pytest

pytestmark = [pytest.mark.e2e, pytest.mark.slow]

COLD_TIMEOUT_MS = 240_000


def _idle(page) -> None:
    page.wait_for_timeout(300)
    page.wait_for_function(
        "() => !document.querySelector('[data-testid=\"stStatusWidget\"]')",
        timeout=COLD_TIMEOUT_MS,
    )
    page.wait_for_timeout(300)


def test_retrospective_page_at_1366x768(app_url, offline_page) -> None:
    page = offline_page.page
    page.set_viewport_size({"width": 1366, "height": 768})
    page.goto(app_url, timeout=COLD_TIMEOUT_MS)
    page.get_by_role("link", name="2016–2017 회고").click(timeout=COLD_TIMEOUT_MS)
    page.get_by_text("실제 확충과 최적 확충 비교").first.wait_for(timeout=COLD_TIMEOUT_MS)
    page.get_by_text("최적 효과 대비 실제 달성률").first.wait_for(timeout=COLD_TIMEOUT_MS)
    page.get_by_text("출처가 있는 센터").first.wait_for(timeout=COLD_TIMEOUT_MS)
    page.wait_for_selector('iframe[title="streamlit_folium.st_folium"]', timeout=COLD_TIMEOUT_MS)
    frame = page.frame_locator('iframe[title="streamlit_folium.st_folium"]')
    frame.locator(".leaflet-container").wait_for(timeout=COLD_TIMEOUT_MS)
    _idle(page)
    # start (38) + real and optimal new sites as circle markers, and the 17 시도
    frame.locator("path.pl-sido").first.wait_for(state="attached", timeout=COLD_TIMEOUT_MS)
    assert frame.locator("path.leaflet-interactive").count() >= 38 + 2 * 20
    assert frame.locator(".pl-legend").count() == 1
    assert page.locator('[data-testid="stException"]').count() == 0
    page.wait_for_timeout(1000)
    offline_page.screenshot("retro_top")
    frame.locator(".leaflet-container").scroll_into_view_if_needed()
    page.wait_for_timeout(1500)
    offline_page.screenshot("retro_map")
    # the page (not the map: a wheel over it would zoom) down to the two lists
    page.evaluate("document.querySelector('[data-testid=\"stMain\"]')?.scrollBy(0, 700)")
    page.wait_for_timeout(800)
    offline_page.screenshot("retro_lists")
    offline_page.assert_offline()
