"""End to end in Debian's Chromium: the real app, offline, Korean by default.

Changes the threshold slider, runs the optimizer, downloads the site CSV and checks its rows,
uploads a bad KOSIS file and sees the error, and saves screenshots to artifacts/ (git-ignored).
"""

from __future__ import annotations

import io
import re

import pandas as pd
import pytest
from playwright.sync_api import expect

pytestmark = [pytest.mark.e2e, pytest.mark.slow]

COLD_TIMEOUT_MS = 180_000
RUN_TIMEOUT_MS = 120_000


def _idle(page) -> None:
    """Wait until Streamlit has finished the current script run."""
    page.wait_for_timeout(300)
    page.wait_for_function(
        "() => !document.querySelector('[data-testid=\"stStatusWidget\"]')",
        timeout=RUN_TIMEOUT_MS,
    )
    page.wait_for_timeout(300)


def _map_frame(page):
    page.wait_for_selector('iframe[title="streamlit_folium.st_folium"]', timeout=COLD_TIMEOUT_MS)
    frame = page.frame_locator('iframe[title="streamlit_folium.st_folium"]')
    frame.locator(".leaflet-container").wait_for(timeout=COLD_TIMEOUT_MS)
    return frame


def _step_threshold(page, key: str, minutes: int) -> None:
    """Move the threshold slider one step with the keyboard; wait for the new KPIs."""
    slider = page.locator('[data-testid="stSlider"]').filter(has_text="이동시간 기준(분)")
    thumb = slider.get_by_role("slider")
    thumb.focus()
    thumb.press(key)
    page.get_by_text(f"{minutes}분 내 인구 비율(%)").first.wait_for(timeout=RUN_TIMEOUT_MS)
    _idle(page)


def test_plan_change_slider_run_download_upload(app_url, offline_page, tmp_path) -> None:
    page = offline_page.page
    page.goto(app_url, timeout=COLD_TIMEOUT_MS)
    page.get_by_text("고용복지+센터 입지 계획").first.wait_for(timeout=COLD_TIMEOUT_MS)
    page.get_by_text("30분 내 인구 비율(%)").first.wait_for(timeout=COLD_TIMEOUT_MS)
    frame = _map_frame(page)
    # the map draws polygons (choropleth, catchments) and the numbered proposed sites
    assert frame.locator("path.leaflet-interactive").count() > 100
    # 62 badges; where they crowd at national zoom a badge is drawn as a dot (issue 11.14)
    assert frame.locator(".pl-rank, .pl-rank-dot").count() == 62
    _idle(page)

    # threshold slider 30 -> 40 minutes with the keyboard (the way a user can do it too)
    _step_threshold(page, "ArrowRight", 40)

    page.get_by_role("button", name="최적화 실행").click()
    _idle(page)
    page.get_by_text("40분 내 인구 비율(%)").first.wait_for(timeout=RUN_TIMEOUT_MS)
    _map_frame(page)

    with page.expect_download(timeout=RUN_TIMEOUT_MS) as dl:
        page.get_by_role("button", name="입지 목록 CSV").click()
    path = tmp_path / "sites.csv"
    dl.value.save_as(path)
    raw = path.read_bytes()
    assert raw.startswith(b"\xef\xbb\xbf"), "CSV must carry a BOM for Excel"
    sites = pd.read_csv(io.BytesIO(raw), encoding="utf-8-sig", dtype={"행정동 코드": str})
    assert len(sites) == 62  # 100 in total, 38 existing centers in January 2016
    assert sites["순위"].tolist() == list(range(1, 63))
    assert {"행정동", "시군구", "시도", "선정 이유", "자료 기준"} <= set(sites.columns)
    assert sites["행정동 코드"].str.fullmatch(r"\d{8}").all()
    assert sites["선정 이유"].str.contains("새로 포괄|추가 포괄").all()
    assert re.search(r"[가-힣]", sites["행정동"].iloc[0])

    # exclude the first-ranked site from the site table (check box): it is re-optimized without it
    _idle(page)
    editor = page.locator('[data-testid="stDataFrame"]').filter(has_text="지정 포함")
    editor.scroll_into_view_if_needed()
    page.wait_for_timeout(500)  # let the scroll settle before taking the grid's position
    first_name = editor.locator("#glide-cell-4-0").inner_text()
    first_code = sites["행정동 코드"].iloc[0]
    box = editor.bounding_box()
    for _ in range(2):  # the first click only focuses the grid (the download button had it)
        page.mouse.click(box["x"] + 15, box["y"] + 52)  # the rank cell of row 1
        page.wait_for_timeout(300)
    page.keyboard.press("ArrowRight")
    page.keyboard.press("ArrowRight")  # the 제외 (exclude) column
    page.keyboard.press("Space")
    page.locator(f'span[title$="({first_code})"]').first.wait_for(
        state="attached", timeout=RUN_TIMEOUT_MS
    )  # now in the sidebar's excluded list
    editor = page.locator('[data-testid="stDataFrame"]').filter(has_text="지정 포함")
    # the re-optimized table (the sidebar list shows the exclusion before the solve is drawn)
    expect(editor.locator("#glide-cell-4-0")).not_to_have_text(first_name, timeout=RUN_TIMEOUT_MS)
    _idle(page)

    # lock a candidate by clicking the map: the 행정동 under the click is added to the locked list
    page.locator('[data-testid="stRadio"]').filter(has_text="지도 클릭 시").get_by_text(
        "후보지 포함"
    ).click()
    _idle(page)
    box = page.locator('iframe[title="streamlit_folium.st_folium"]').bounding_box()
    page.mouse.click(box["x"] + box["width"] * 0.55, box["y"] + box["height"] * 0.45)
    page.get_by_text("클릭한 위치에서 가장 가까운 후보지").first.wait_for(timeout=RUN_TIMEOUT_MS)
    _idle(page)
    notice = page.get_by_text("클릭한 위치에서 가장 가까운 후보지").first.inner_text()
    code = re.search(r"\((\d{8})\)", notice).group(1)
    # the locked list (a multiselect in the sidebar) now holds it
    page.locator(f'span[title$="({code})"]').first.wait_for(
        state="attached", timeout=RUN_TIMEOUT_MS
    )
    _map_frame(page)

    # scroll the page (not the map: a wheel over the map would zoom it) back to the top
    page.evaluate("document.querySelector('[data-testid=\"stMain\"]')?.scrollTo(0, 0)")
    page.get_by_text("고용복지+센터 입지 계획").first.scroll_into_view_if_needed()
    page.wait_for_timeout(1500)  # let the vectors paint before the screenshot
    offline_page.screenshot("app_plan")

    # keep two results (40 and 30 minutes) and compare them: KPI table and the map of sites
    page.get_by_role("button", name="비교 목록에 현재 결과 추가").click()
    _idle(page)
    _step_threshold(page, "ArrowLeft", 30)
    page.get_by_role("button", name="비교 목록에 현재 결과 추가").click()
    _idle(page)
    page.get_by_role("link", name="시나리오 비교").click()
    compare = _map_frame(page)
    compare.locator("path.pl-sido").first.wait_for(state="attached", timeout=RUN_TIMEOUT_MS)
    assert compare.locator("path.pl-sido").count() == 17  # published 시도 geometry, fetched
    assert compare.locator("path.leaflet-interactive").count() >= 62  # the sites of both
    assert page.locator('[data-testid="stDataFrame"]').count() >= 2  # KPIs and the differences
    assert page.locator('[data-testid="stException"]').count() == 0
    offline_page.screenshot("app_compare")

    # a bad upload: the page shows what to fix, no traceback, the app keeps working
    page.get_by_role("link", name="자료 올리기").click()
    page.get_by_text("KOSIS 실업자(경제활동인구) CSV").first.wait_for(timeout=RUN_TIMEOUT_MS)
    bad = tmp_path / "kosis_bad.csv"
    bad.write_text("행정구역별,시점\n서울,abc\n", encoding="utf-8")
    page.locator('[data-testid="stFileUploader"] input[type="file"]').first.set_input_files(bad)
    alert = page.locator('[data-testid="stAlert"]').filter(has_text="kosis_bad.csv")
    alert.first.wait_for(timeout=RUN_TIMEOUT_MS)
    assert page.locator('[data-testid="stException"]').count() == 0
    offline_page.screenshot("app_upload_error")

    offline_page.assert_offline()
