"""Landmasses: islands are found geometrically, bridged (near) islands join the mainland."""

from __future__ import annotations

import geopandas as gpd
import numpy as np
import pytest
from shapely.geometry import box

from planning.regions import load_areas
from planning.travel import straight_table_from_areas
from planning.travel.islands import find_landmasses, label_points, landmass_polygons


def squares() -> gpd.GeoDataFrame:
    """In EPSG:5179 metres: a 20 km mainland of four areas, an island 300 m off it (bridged
    at the default 1 km gap) and one 5 km off (not bridged)."""
    geoms = [
        box(0, 0, 10_000, 10_000),
        box(10_000, 0, 20_000, 10_000),
        box(0, 10_000, 10_000, 20_000),
        box(10_000, 10_000, 20_000, 20_000),
        box(20_300, 0, 22_000, 2_000),  # bridged
        box(25_000, 15_000, 27_000, 17_000),  # island
    ]
    codes = [f"A{i}" for i in range(len(geoms))]
    return gpd.GeoDataFrame({"area_code": codes}, geometry=geoms, crs="EPSG:5179").to_crs(4326)


def test_synthetic_islands():
    areas = squares()
    lm = find_landmasses(areas)
    assert list(lm.area_label) == [0, 0, 0, 0, 0, 1]
    assert list(find_landmasses(areas, bridge_gap_m=100).area_label) == [0, 0, 0, 0, 2, 1]
    assert list(find_landmasses(areas, mainland_areas=["A5"]).area_label) == [0] * 6
    polys = landmass_polygons(lm)
    assert len(polys) == 2 and polys["is_mainland"].sum() == 1
    c = areas.geometry.to_crs(4326).representative_point()
    assert list(label_points(lm, c.y.to_numpy(), c.x.to_numpy())) == [0, 0, 0, 0, 0, 1]


@pytest.fixture(scope="module")
def areas():
    return load_areas()


@pytest.fixture(scope="module")
def landmasses(areas):
    return find_landmasses(areas)


def test_real_islands(areas, landmasses):
    island = landmasses.is_island
    sido = areas["sido_ko"].to_numpy()
    sigungu = areas["sigungu_ko"].to_numpy()
    assert island[sido == "제주특별자치도"].all()
    assert island[sigungu == "울릉군"].all()
    assert not island[sido == "서울특별시"].any()
    assert not island[sigungu == "거제시"].any()  # bridged (Geoje, Geoga bridges)
    # Jeju and Ulleung are different landmasses
    assert set(landmasses.area_label[sido == "제주특별자치도"]).isdisjoint(
        landmasses.area_label[sigungu == "울릉군"]
    )


def test_mainland_site_does_not_cover_jeju(areas, landmasses):
    # a site on the 해남 coast (땅끝): Jeju's north coast is ~90 km, Jeju areas never within 60 min
    t = straight_table_from_areas(
        areas,
        np.array([34.30, 33.50]),
        np.array([126.53, 126.53]),
        cutoff=60,
        landmasses=landmasses,
    )
    d = t.dense()
    jeju = (areas["sido_ko"] == "제주특별자치도").to_numpy()
    assert np.isinf(d[0, jeju]).all()
    assert np.isfinite(d[1, jeju]).sum() > 10  # a site in Jeju city reaches Jeju areas
    assert np.isinf(d[1, ~jeju]).all()


def test_island_penalty_applies_to_near_islands(areas, landmasses):
    # an unbridged island area and the nearest mainland point: penalty makes them > 30 min apart
    isl = np.flatnonzero(landmasses.is_island & (areas["sido_ko"] != "제주특별자치도").to_numpy())
    lat, lon = areas["lat"].to_numpy()[isl], areas["lon"].to_numpy()[isl]
    t = straight_table_from_areas(areas, lat, lon, cutoff=300, landmasses=landmasses)
    d = t.dense()
    own = landmasses.area_label[isl]
    other = landmasses.area_label[None, :] != own[:, None]
    assert (d[other] > 60).all()  # every cross-water trip pays the 60-minute ferry penalty
