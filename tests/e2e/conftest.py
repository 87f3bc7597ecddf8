"""Fixtures for browser end-to-end tests: a real ``streamlit run`` server and Debian's Chromium.

Use them from any ``tests/e2e/test_*.py``::

    import pytest

    pytestmark = pytest.mark.e2e


    def test_something(app_url, offline_page):
        offline_page.page.goto(app_url)
        ...
        offline_page.assert_offline()  # no request left the machine
        offline_page.screenshot("something")  # -> artifacts/something.png

Fixtures
--------
``streamlit_server``
    Session-scoped factory: ``streamlit_server(script)`` starts ``streamlit run <script>`` on a
    free loopback port (once per script and session), waits on ``/_stcore/health`` and returns
    the URL; all servers stop at the end of the session. Logs go to ``artifacts/``.
``app_url``
    The URL of ``app.py`` served that way.
``chromium``
    Session-scoped Playwright browser: Debian's ``/usr/bin/chromium`` (``PLANNING_CHROMIUM``
    overrides) via ``executable_path``, with the background-networking switches turned off.
    Tests skip cleanly when Chromium or Playwright is missing.
``offline_page``
    A fresh browser context + page (1400x1000, Korean locale, service workers blocked) whose
    every request, from every frame including the ``st_folium`` iframe, goes through a route:
    loopback requests pass, any other host is **aborted and recorded**. See :class:`OfflinePage`.
"""

from __future__ import annotations

import contextlib
import os
import socket
import subprocess
import sys
import time
import urllib.error
import urllib.request
from collections.abc import Callable, Iterator
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any
from urllib.parse import urlparse

import pytest

ROOT = Path(__file__).resolve().parents[2]
ARTIFACTS = ROOT / "artifacts"  # git-ignored: screenshots and server logs
CHROMIUM = Path(os.environ.get("PLANNING_CHROMIUM", "/usr/bin/chromium"))
CHROMIUM_ARGS = [
    "--no-sandbox",
    "--disable-gpu",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
    "--no-first-run",
]
LOOPBACK_HOSTS = frozenset({"127.0.0.1", "localhost", "::1", "[::1]"})
STARTUP_TIMEOUT_S = 120.0


def _free_port() -> int:
    with socket.socket(socket.AF_INET, socket.SOCK_STREAM) as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


def _healthy(url: str) -> bool:
    try:
        with urllib.request.urlopen(f"{url}/_stcore/health", timeout=2) as response:
            return response.status == 200
    except (urllib.error.URLError, ConnectionError, TimeoutError, OSError):
        return False


@contextlib.contextmanager
def run_streamlit(
    script: Path, *, env: dict[str, str] | None = None, timeout: float = STARTUP_TIMEOUT_S
) -> Iterator[str]:
    """Run ``streamlit run script`` on a free loopback port; yield its URL once healthy.

    The server runs from the project root (so ``.streamlit/config.toml`` applies) with usage
    statistics off and the file watcher off; stdout/stderr go to ``artifacts/<script>.log``.
    """
    ARTIFACTS.mkdir(exist_ok=True)
    port = _free_port()
    url = f"http://127.0.0.1:{port}"
    cmd = [
        sys.executable,
        "-m",
        "streamlit",
        "run",
        str(script),
        "--server.address=127.0.0.1",
        f"--server.port={port}",
        "--server.headless=true",
        "--server.fileWatcherType=none",
        "--server.enableStaticServing=true",
        "--browser.gatherUsageStats=false",
    ]
    log_path = ARTIFACTS / f"streamlit-{script.stem}.log"
    with open(log_path, "wb") as log:
        proc = subprocess.Popen(
            cmd, cwd=ROOT, stdout=log, stderr=subprocess.STDOUT, env={**os.environ, **(env or {})}
        )
        try:
            deadline = time.monotonic() + timeout
            while not _healthy(url):
                if proc.poll() is not None:
                    raise RuntimeError(
                        f"streamlit exited with {proc.returncode}:\n"
                        + log_path.read_text(errors="replace")[-3000:]
                    )
                if time.monotonic() > deadline:
                    raise TimeoutError(f"streamlit not healthy after {timeout:.0f} s ({log_path})")
                time.sleep(0.25)
            yield url
        finally:
            proc.terminate()
            try:
                proc.wait(timeout=15)
            except subprocess.TimeoutExpired:
                proc.kill()
                proc.wait(timeout=5)


@pytest.fixture(scope="session")
def streamlit_server() -> Iterator[Callable[[Path], str]]:
    """Factory: ``streamlit_server(script) -> url``; one server per script per session."""
    with contextlib.ExitStack() as stack:
        urls: dict[Path, str] = {}

        def start(script: Path) -> str:
            script = Path(script).resolve()
            if script not in urls:
                urls[script] = stack.enter_context(run_streamlit(script))
            return urls[script]

        yield start


@pytest.fixture(scope="session")
def app_url(streamlit_server) -> str:
    """URL of the real app (``app.py``) on a free loopback port."""
    return streamlit_server(ROOT / "app.py")


@pytest.fixture(scope="session")
def chromium() -> Iterator[Any]:
    """Debian's Chromium driven by Playwright (skips when either is missing)."""
    if not CHROMIUM.is_file():
        pytest.skip(f"{CHROMIUM} is absent (apt-get install chromium)")
    sync_api = pytest.importorskip("playwright.sync_api")
    with sync_api.sync_playwright() as pw:
        browser = pw.chromium.launch(
            executable_path=str(CHROMIUM), args=CHROMIUM_ARGS, headless=True
        )
        try:
            yield browser
        finally:
            browser.close()


def is_loopback(url: str) -> bool:
    """True for the app's own origin and for URLs that never touch a network."""
    parsed = urlparse(url)
    if parsed.scheme in ("data", "blob", "about", "chrome", "chrome-extension"):
        return True
    return (parsed.hostname or "") in LOOPBACK_HOSTS


@dataclass
class OfflinePage:
    """A page whose non-loopback requests are aborted and recorded in ``external``."""

    page: Any  # playwright.sync_api.Page
    external: list[str] = field(default_factory=list)
    console_errors: list[str] = field(default_factory=list)
    failed: list[str] = field(default_factory=list)

    def assert_offline(self) -> None:
        assert self.external == [], f"requests left the machine: {self.external}"

    def screenshot(self, name: str) -> Path:
        ARTIFACTS.mkdir(exist_ok=True)
        path = ARTIFACTS / f"{name}.png"
        self.page.screenshot(path=str(path), full_page=False)
        return path


@pytest.fixture
def offline_page(chromium) -> Iterator[OfflinePage]:
    """A page in a fresh context; every frame's requests go through the offline route."""
    context = chromium.new_context(
        viewport={"width": 1400, "height": 1000}, locale="ko-KR", service_workers="block"
    )
    state = OfflinePage(page=None)

    def route(r: Any) -> None:
        if is_loopback(r.request.url):
            r.continue_()
        else:
            state.external.append(r.request.url)
            r.abort()

    context.route("**/*", route)  # applies to every frame of every page of the context
    page = context.new_page()
    # Websockets do not go through routes: record the non-loopback ones too.
    page.on("websocket", lambda ws: None if is_loopback(ws.url) else state.external.append(ws.url))
    page.on("console", lambda m: state.console_errors.append(m.text) if m.type == "error" else None)
    page.on("requestfailed", lambda req: state.failed.append(f"{req.url} {req.failure}"))
    state.page = page
    try:
        yield state
    finally:
        context.close()


@pytest.fixture(scope="session")
def start_app():
    """:func:`run_streamlit`, for tests that start their own server (e.g. another environment).
    A fixture, because ``from conftest import ...`` finds whichever conftest was imported first."""
    return run_streamlit
