"""Several officials on one server (run by hand: ``python bench/bench_load.py [--sessions 10]``).

Starts ``streamlit run app.py`` on loopback, opens N browser sessions (one Chromium, N contexts)
and waits until each shows its first result. Then every session changes a demand weight at the
same moment (session i moves the 기초생활수급자 weight by i % 3 + 1 steps, so the sessions ask for
different scenarios), and the time from the key press until that session's KPIs change is
measured. Repeated ``--rounds`` times. Prints median, p95 and max, any session that failed, and
the server's peak memory (RSS of the streamlit process and its children).

The browsers run on the same machine as the server, as in the figures of the README.
"""

from __future__ import annotations

import argparse
import asyncio
import importlib.util
import statistics
import sys
import threading
import time
from pathlib import Path

import psutil
from playwright.async_api import async_playwright

ROOT = Path(__file__).resolve().parents[1]
_spec = importlib.util.spec_from_file_location("e2e_conftest", ROOT / "tests/e2e/conftest.py")
e2e = importlib.util.module_from_spec(_spec)
sys.modules["e2e_conftest"] = e2e
_spec.loader.exec_module(e2e)

KPI_TEXT = (
    "() => Array.from(document.querySelectorAll("
    '\'[data-testid="stMetric"], [data-testid="stCaptionContainer"]\'))'
    ".map(e => e.innerText).filter(t => !t.includes('종합 수요지수')).join('|')"
)
READY = """() => {
  const f = document.querySelector('iframe[title="streamlit_folium.st_folium"]');
  return f && f.contentDocument && f.contentDocument.querySelectorAll('.pl-rank').length > 0 &&
         !document.querySelector('[data-testid="stStatusWidget"]') &&
         document.querySelectorAll('[data-testid="stMetric"]').length > 0;
}"""


def _server_rss(port: int) -> int:
    """RSS in bytes of the process listening on ``port`` and its children."""
    for proc in psutil.process_iter(["cmdline"]):
        if f"--server.port={port}" in " ".join(proc.info["cmdline"] or []):
            procs = [proc, *proc.children(recursive=True)]
            return sum(p.memory_info().rss for p in procs if p.is_running())
    return 0


class PeakMemory(threading.Thread):
    def __init__(self, port: int) -> None:
        super().__init__(daemon=True)
        self.port, self.peak, self.stop = port, 0, threading.Event()

    def run(self) -> None:
        while not self.stop.is_set():
            self.peak = max(self.peak, _server_rss(self.port))
            time.sleep(0.2)


async def _change(page, steps: int, start: asyncio.Event) -> float:
    thumb = (
        page.locator('[data-testid="stSlider"]')
        .filter(has_text="기초생활수급자")
        .get_by_role("slider")
    )
    await thumb.focus()
    before = await page.evaluate(KPI_TEXT)
    await start.wait()
    t0 = time.perf_counter()
    for _ in range(steps):
        await thumb.press("ArrowRight")
    await page.wait_for_function(
        f"(b) => ({KPI_TEXT})() !== b", arg=before, timeout=120_000, polling=50
    )
    await page.wait_for_function(READY, timeout=120_000, polling=50)
    return time.perf_counter() - t0


async def main_async(sessions: int, rounds: int) -> None:
    with e2e.run_streamlit(ROOT / "app.py") as url:
        port = int(url.rsplit(":", 1)[1])
        memory = PeakMemory(port)
        memory.start()
        async with async_playwright() as pw:
            browser = await pw.chromium.launch(
                executable_path=str(e2e.CHROMIUM), args=e2e.CHROMIUM_ARGS
            )
            pages = []
            t0 = time.perf_counter()
            for _ in range(sessions):
                ctx = await browser.new_context(
                    viewport={"width": 1366, "height": 768}, locale="ko-KR"
                )
                page = await ctx.new_page()
                await page.goto(url)
                pages.append(page)
            await asyncio.gather(
                *(p.wait_for_function(READY, timeout=300_000, polling=100) for p in pages)
            )
            print(f"{sessions} sessions ready in {time.perf_counter() - t0:.1f} s")
            times: list[float] = []
            failures: list[str] = []
            for r in range(rounds):
                await asyncio.sleep(1.0)
                start = asyncio.Event()
                tasks = [
                    asyncio.create_task(_change(p, i % 3 + 1, start)) for i, p in enumerate(pages)
                ]
                await asyncio.sleep(0.5)
                start.set()
                for i, res in enumerate(await asyncio.gather(*tasks, return_exceptions=True)):
                    if isinstance(res, BaseException):
                        failures.append(f"round {r + 1} session {i + 1}: {res!r}"[:300])
                    else:
                        times.append(res)
                errors = [await p.locator('[data-testid="stException"]').count() for p in pages]
                if any(errors):
                    failures.append(f"round {r + 1}: {sum(errors)} exception boxes on the pages")
            await browser.close()
        memory.stop.set()
        memory.join()
    times.sort()
    p95 = times[min(len(times) - 1, int(round(0.95 * (len(times) - 1))))] if times else float("nan")
    print(
        f"{sessions} sessions x {rounds} rounds: weight change -> new KPIs and map "
        f"median {statistics.median(times):.2f} s, p95 {p95:.2f} s, max {max(times):.2f} s "
        f"({len(times)} changes)"
    )
    print(f"server peak memory (RSS, with children): {memory.peak / 2**20:,.0f} MiB")
    print(f"failures: {len(failures)}")
    for f in failures:
        print("  ", f)


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__)
    ap.add_argument("--sessions", type=int, default=10)
    ap.add_argument("--rounds", type=int, default=3)
    args = ap.parse_args()
    asyncio.run(main_async(args.sessions, args.rounds))


if __name__ == "__main__":
    main()
