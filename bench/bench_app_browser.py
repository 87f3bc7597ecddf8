"""Time the real app in Chromium (run by hand: ``python bench/bench_app_browser.py``).

Starts ``streamlit run app.py`` (fresh process, so a true cold start), then measures:
* cold: page load until the numbered proposed sites are drawn on the map;
* a weight change and a threshold change: key press until the rerun is over and the map is
  drawn again (solution, KPIs, table and map updated): the old rank badges have left the map
  (st_folium swapped the result layers, or remounted the map) and new ones are drawn.
"""

from __future__ import annotations

import importlib.util
import statistics
import sys
import time
from pathlib import Path

from playwright.sync_api import sync_playwright

ROOT = Path(__file__).resolve().parents[1]
_spec = importlib.util.spec_from_file_location("e2e_conftest", ROOT / "tests/e2e/conftest.py")
e2e = importlib.util.module_from_spec(_spec)
sys.modules["e2e_conftest"] = e2e  # dataclasses need the module registered
_spec.loader.exec_module(e2e)

# drawn: rank badges on the map, every published geometry file fetched and drawn
# (window.__plPending, planning.maps), and Streamlit's run is over
DRAWN = """() => {
  const f = document.querySelector('iframe[title="streamlit_folium.st_folium"]');
  return f && f.contentDocument &&
         f.contentDocument.querySelectorAll('.pl-rank').length > 0 &&
         (f.contentWindow.__plPending || 0) === 0 &&
         !document.querySelector('[data-testid="stStatusWidget"]');
}"""


def wait_drawn(page, timeout_ms: float = 300_000) -> None:
    page.wait_for_function(DRAWN, timeout=timeout_ms, polling=50)


KPI_TIMES: list[float] = []


def rerun_time(page, slider_label: str, key: str) -> float:
    thumb = (
        page.locator('[data-testid="stSlider"]').filter(has_text=slider_label).get_by_role("slider")
    )
    thumb.focus()
    # the first rank badge now on the map: a redraw (new result layers, or a new map) removes it
    page.evaluate(
        "window.__old = document.querySelector('iframe[title=\"streamlit_folium.st_folium\"]')"
        ".contentDocument.querySelector('.pl-rank')"
    )
    js_text = (
        "() => Array.from(document.querySelectorAll("
        '\'[data-testid="stMetric"], [data-testid="stCaptionContainer"]\'))'
        ".map(e => e.innerText).filter(t => !t.includes('종합 수요지수')).join('|')"
    )
    before = page.evaluate(js_text)
    t0 = time.perf_counter()
    thumb.press(key)
    page.wait_for_function(
        "(b) => Array.from(document.querySelectorAll("
        '\'[data-testid="stMetric"], [data-testid="stCaptionContainer"]\'))'
        ".map(e => e.innerText).filter(t => !t.includes('종합 수요지수')).join('|') !== b",
        arg=before,
        timeout=300_000,
        polling=50,
    )
    KPI_TIMES.append(time.perf_counter() - t0)
    # the old badge is gone (result layers swapped, or the map remounted) and new ones are drawn
    page.wait_for_function(
        "() => !window.__old.isConnected",
        timeout=300_000,
        polling=50,
    )
    wait_drawn(page)
    return time.perf_counter() - t0


def main() -> None:
    with e2e.run_streamlit(ROOT / "app.py") as url, sync_playwright() as pw:
        browser = pw.chromium.launch(executable_path=str(e2e.CHROMIUM), args=e2e.CHROMIUM_ARGS)
        page = browser.new_page(viewport={"width": 1400, "height": 1000}, locale="ko-KR")
        t0 = time.perf_counter()
        page.goto(url)
        wait_drawn(page)
        print(f"cold start, first page with map: {time.perf_counter() - t0:.2f} s")
        page.wait_for_timeout(1000)
        weights = [
            rerun_time(page, "기초생활수급자", k)
            for k in ("ArrowRight", "ArrowRight", "ArrowLeft", "ArrowLeft")
        ]
        print("weight change -> KPIs shown:", ", ".join(f"{w:.2f}" for w in KPI_TIMES), "s")
        KPI_TIMES.clear()
        print(
            "weight change -> solution + map:",
            ", ".join(f"{w:.2f}" for w in weights),
            f"s (median {statistics.median(weights):.2f})",
        )
        thr = [
            rerun_time(page, "이동시간 기준(분)", k)
            for k in ("ArrowRight", "ArrowLeft", "ArrowRight", "ArrowLeft")
        ]
        print("threshold change -> KPIs shown:", ", ".join(f"{w:.2f}" for w in KPI_TIMES), "s")
        print(
            "threshold change -> solution + map:",
            ", ".join(f"{w:.2f}" for w in thr),
            f"s (median {statistics.median(thr):.2f})",
        )
        browser.close()


if __name__ == "__main__":
    main()
