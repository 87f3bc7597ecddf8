"""The app works on a closed network: in Debian's Chromium, with every non-loopback request
aborted and recorded (all frames, incl. the st_folium iframe), the map renders from the app's
own files: Leaflet panes, the 시도/시군구 vector basemap and the existing centers.

Screenshot: artifacts/offline_app.png.
"""

from __future__ import annotations

import re
from pathlib import Path

import pytest

pytestmark = pytest.mark.e2e

MAP_IFRAME = 'iframe[title="streamlit_folium.st_folium"]'
LOAD_TIMEOUT_MS = 240_000  # first run builds the national data and travel table (2 cores)


@pytest.mark.slow
def test_app_renders_its_map_without_the_internet(app_url, offline_page):
    page = offline_page.page
    responses: list[tuple[str, int]] = []
    page.on("response", lambda r: responses.append((r.url, r.status)))
    page.goto(app_url, wait_until="domcontentloaded")

    page.wait_for_selector(MAP_IFRAME, state="attached", timeout=LOAD_TIMEOUT_MS)
    frame = page.frame_locator(MAP_IFRAME)
    frame.locator(".leaflet-map-pane").wait_for(state="attached", timeout=LOAD_TIMEOUT_MS)
    frame.locator("path.pl-sido").first.wait_for(state="visible", timeout=60_000)
    page.wait_for_timeout(1500)  # let the remaining layers paint

    # Leaflet's panes exist, and Leaflet came from the app's static folder.
    for pane in ("leaflet-tile-pane", "leaflet-overlay-pane", "leaflet-marker-pane"):
        assert frame.locator(f".{pane}").count() == 1, pane
    assert any(
        re.search(r"/app/static/vendor/leaflet-[\d.]+/leaflet\.js$", url) and status == 200
        for url, status in responses
    ), "leaflet.js was not served by the app"

    # Vector basemap: 17 시도 outlines and the 시군구 lines, drawn and on screen.
    assert frame.locator("path.pl-sido").count() == 17
    assert frame.locator("path.pl-sigungu").count() > 200
    box = frame.locator("path.pl-sido").first.bounding_box()
    assert box is not None and box["width"] > 5 and box["height"] > 5
    assert frame.locator("img.leaflet-tile").count() == 0  # no tile server configured
    # the published geometry files (planning.offline.publish_static) came from the app too
    map_window = next(f for f in page.frames if "st_folium" in f.url)
    assert map_window.evaluate("() => window.__plErrors || []") == []
    assert any(
        re.search(r"/app/static/data/sido-[0-9a-f]{16}\.json$", url) and status == 200
        for url, status in responses
    ), "the 시도 geometry was not served by the app"
    # result layers drawn from published 행정동/시군구 geometry: demand choropleth, uncovered
    assert frame.locator("path.pl-demand").count() > 200
    assert frame.locator("path.pl-uncovered").count() > 0

    # Existing centers: as many circle markers as the legend announces.
    legend = frame.locator(".pl-legend").inner_text()
    announced = re.search(r"기존 센터 \((\d+)\)", legend)
    assert announced, legend
    n_centers = int(announced.group(1))
    assert n_centers > 0
    assert frame.locator("path.pl-center").count() == n_centers

    # The page's Korean text uses the configured system font stack (.streamlit/config.toml).
    title_font = page.locator("h1").first.evaluate("e => getComputedStyle(e).fontFamily")
    assert "Noto Sans CJK KR" in title_font, title_font

    # Korean text renders with a local font (no web font): the CJK font is installed.
    has_cjk_font = frame.locator("body").evaluate(
        "() => document.fonts.check(\"12px 'Noto Sans CJK KR'\", '기존 센터')"
    )
    assert has_cjk_font
    assert "경계: 통계청" in frame.locator(".leaflet-control-attribution").inner_text()

    # Hovering a center shows its Korean name (a click would make the app rerun: the app's
    # own browser test covers clicks).
    frame.locator("path.pl-center").first.hover(force=True)
    frame.locator(".leaflet-tooltip").wait_for(state="visible", timeout=10_000)
    assert "센터" in frame.locator(".leaflet-tooltip").inner_text()

    path = offline_page.screenshot("offline_app")
    assert path.stat().st_size > 10_000
    offline_page.assert_offline()
    assert not [u for u, status in responses if status >= 400], "a local asset failed to load"


def test_the_guard_sees_requests_from_every_frame(offline_page):
    """The offline route itself: an external image on the page and an external script inside
    a nested iframe are both aborted and recorded (nothing leaves the machine)."""
    page = offline_page.page
    page.set_content(
        '<img src="https://example.com/a.png">'
        "<iframe srcdoc=\"<script src='https://cdn.example.net/b.js'></script>\"></iframe>"
    )
    page.wait_for_timeout(500)
    assert sorted(offline_page.external) == [
        "https://cdn.example.net/b.js",
        "https://example.com/a.png",
    ]
    with pytest.raises(AssertionError, match="left the machine"):
        offline_page.assert_offline()


@pytest.fixture
def tile_server():
    """A stand-in for an office's internal tile server: one grey PNG for every tile, on loopback."""
    import io
    import threading
    from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer

    from PIL import Image

    buf = io.BytesIO()
    Image.new("RGB", (256, 256), (200, 214, 190)).save(buf, format="PNG")
    png = buf.getvalue()
    hits: list[str] = []

    class Handler(BaseHTTPRequestHandler):
        def do_GET(self) -> None:  # noqa: N802 (http.server's name)
            hits.append(self.path)
            self.send_response(200)
            self.send_header("Content-Type", "image/png")
            self.send_header("Content-Length", str(len(png)))
            self.end_headers()
            self.wfile.write(png)

        def log_message(self, *args) -> None:
            pass

    server = ThreadingHTTPServer(("127.0.0.1", 0), Handler)
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    try:
        yield f"http://127.0.0.1:{server.server_address[1]}/tiles/{{z}}/{{x}}/{{y}}.png", hits
    finally:
        server.shutdown()
        server.server_close()


@pytest.mark.slow
def test_internal_tile_server_from_the_environment(tile_server, offline_page, start_app):
    """PLANNING_TILE_URL / PLANNING_TILE_ATTRIBUTION put an internal tile layer under the data."""
    url, hits = tile_server
    env = {"PLANNING_TILE_URL": url, "PLANNING_TILE_ATTRIBUTION": "© 내부 타일 서버"}
    with start_app(Path(__file__).resolve().parents[2] / "app.py", env=env) as app:
        page = offline_page.page
        page.goto(app, wait_until="domcontentloaded")
        page.wait_for_selector(MAP_IFRAME, state="attached", timeout=LOAD_TIMEOUT_MS)
        frame = page.frame_locator(MAP_IFRAME).first
        frame.locator("img.leaflet-tile-loaded").first.wait_for(timeout=60_000)
        assert frame.locator("img.leaflet-tile-loaded").count() >= 4
        assert "© 내부 타일 서버" in frame.locator(".leaflet-control-attribution").inner_text()
        offline_page.screenshot("offline_app_tiles")
    assert hits and all(re.fullmatch(r"/tiles/\d+/\d+/\d+\.png", h) for h in hits)
    offline_page.assert_offline()
