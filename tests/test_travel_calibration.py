"""The calibrated straight-line model: its acceptance bands, its shape, and its error against the
real road samples in ../shared/data (skipped when absent)."""

from __future__ import annotations

import math

import numpy as np
import pytest

from planning.travel import calibration as cal
from planning.travel import calibration_samples as cs
from planning.travel.straight import (
    haversine_km,
    straight_minutes,
    straight_table,
    straight_table_from_areas,
    types_from_names,
)

TYPES = ("dong", "eup", "myeon")


def kmh(km: np.ndarray, s: str, a: str) -> np.ndarray:
    t = cal.type_codes([s, a])
    mins = cal.pair_minutes(km, np.full(len(km), t[0]), np.full(len(km), t[1]))
    return km / (mins / 60.0)


@pytest.mark.parametrize("s", TYPES)
@pytest.mark.parametrize("a", TYPES)
def test_between_city_trips_run_at_35_to_90_kmh(s, a):
    v = kmh(np.linspace(40, 80, 81), s, a)
    assert v.min() >= 35 and v.max() <= 90, (s, a, v.min(), v.max())


def test_urban_trips_run_at_8_to_30_kmh():
    v = kmh(np.linspace(2, 8, 61), "dong", "dong")
    assert v.min() >= 8 and v.max() <= 30


@pytest.mark.parametrize("s", TYPES)
@pytest.mark.parametrize("a", TYPES)
def test_a_longer_trip_never_takes_less_time(s, a):
    km = np.geomspace(0.01, 800, 4000)
    t = cal.type_codes([s, a])
    mins = cal.pair_minutes(km, np.full(len(km), t[0]), np.full(len(km), t[1]))
    assert np.all(np.diff(mins) > 0)
    assert np.all(kmh(km, s, a) <= cal.max_speed_kmh())


def test_speed_rises_with_trip_length_and_urban_is_slowest_nearby():
    for t in TYPES:
        v = cal.CALIBRATED_CURVES[t].kmh(np.array([1.0, 10.0, 100.0]))
        assert v[0] < v[1] < v[2]
    near = [cal.CALIBRATED_CURVES[t].kmh(np.array([3.0]))[0] for t in TYPES]
    assert near[0] < near[1] < near[2]


def test_table_uses_the_calibrated_model_and_scales_with_detour():
    lat, lon = [36.35], [127.38]
    alat, alon = [36.35, 36.80, 37.00], [127.40, 127.15, 127.38]
    types = np.array([0, 1, 2])
    t = straight_table(lat, lon, alat, alon, cutoff=math.inf, area_type=types, site_type=[0])
    km = haversine_km(np.array(lat * 3), np.array(lon * 3), np.array(alat), np.array(alon))
    expected = cal.pair_minutes(km, np.zeros(3, dtype=int), types)
    assert np.allclose(t.dense()[0], expected, rtol=1e-12)
    assert t.meta["model"] == "calibrated"
    t2 = straight_table(
        lat, lon, alat, alon, cutoff=math.inf, area_type=types, site_type=[0], detour=2.6
    )
    assert np.allclose(t2.dense()[0], 2 * expected, rtol=1e-12)
    # a finite cutoff keeps exactly the pairs within it
    cut = float(np.sort(expected)[1])
    t3 = straight_table(lat, lon, alat, alon, cutoff=cut, area_type=types, site_type=[0])
    assert t3.nnz == 2 and t3.minutes.max() <= cut


@pytest.fixture(scope="module")
def areas():
    from planning.regions import load_areas

    return load_areas()


def test_daejeon_to_cheonan_is_within_90_minutes(areas):
    """The issue's example: 대전 서구 탄방동 -> 천안 (57 km straight) was 179 minutes."""
    a = areas.reset_index(drop=True)
    tanbang = a[(a["name_ko"] == "탄방동") & a["sigungu_ko"].astype(str).str.contains("서구")]
    assert len(tanbang) == 1
    cheonan = (36.8151, 127.1139)  # 천안시청
    t = straight_table_from_areas(
        tanbang, [cheonan[0]], [cheonan[1]], cutoff=math.inf, site_ids=["cheonan"]
    )
    km = haversine_km(
        np.array([cheonan[0]]),
        np.array([cheonan[1]]),
        tanbang["lat"].to_numpy(float),
        tanbang["lon"].to_numpy(float),
    )[0]
    minutes = t.dense()[0, 0]
    assert 50 < km < 65
    assert 40 < minutes < 90, minutes
    flat = straight_table_from_areas(
        tanbang, [cheonan[0]], [cheonan[1]], cutoff=math.inf, model="flat"
    )
    assert flat.dense()[0, 0] > 150  # the flat model priced it at street speed


def test_uncapped_dense_minutes_match_the_capped_table(areas):
    from planning.travel.islands import find_landmasses

    lm = find_landmasses(areas)
    rng = np.random.default_rng(3)
    pick = rng.choice(len(areas), 40, replace=False)
    slat = areas["lat"].to_numpy(float)[pick]
    slon = areas["lon"].to_numpy(float)[pick]
    dense = straight_minutes(areas, slat, slon, landmasses=lm, dtype=np.float64)
    assert dense.shape == (40, len(areas)) and np.all(np.isfinite(dense))
    assert dense.max() > 300  # far beyond any threshold: uncapped
    capped = straight_table_from_areas(areas, slat, slon, cutoff=90, landmasses=lm)
    d90 = capped.dense()
    inside = np.isfinite(d90)
    assert np.allclose(dense[inside], d90[inside], rtol=1e-12)
    assert np.all(dense[~inside] > 90)
    # the threshold only filters the uncapped table
    full = straight_table_from_areas(areas, slat, slon, cutoff=math.inf, landmasses=lm)
    assert full.nnz == 40 * len(areas)
    assert np.array_equal(full.within(90).dense(), d90)


def test_types_from_names():
    assert list(types_from_names(["청운효자동", "기장읍", "북면", "종로1.2.3.4가동"])) == [
        0,
        1,
        2,
        0,
    ]


# ---- against the real road samples --------------------------------------------------------
@pytest.fixture(scope="module")
def samples(shared_data, areas):
    s = cs.load_samples(shared_data, areas=areas)
    if not s.urban or s.expressway is None:
        pytest.skip("road samples absent from ../shared/data")
    return s


def test_error_bands_against_road_samples(samples):
    """Median absolute error <= 25 % in every band, 90th percentile <= 65 %, and in every band beyond 1 km of the urban samples and beyond 30 km of the
    expressway sample the calibrated model beats the flat one."""
    for s in samples.all:
        calib = cs.errors(s, cal.pair_minutes(s.km, s.site_type, s.area_type))
        flat = cs.errors(s, cs.flat_minutes(s.km, s.site_type, s.area_type))
        for (_, c), (_, f) in zip(calib.iterrows(), flat.iterrows(), strict=True):
            lo = float(c["km"].split("–")[0])
            assert c["med_pct"] <= 25, (s.name, c["km"], c["med_pct"])
            assert c["p90_pct"] <= 65, (s.name, c["km"], c["p90_pct"])
            urban = any(s is u for u in samples.urban)
            if (urban and lo >= 1) or lo >= 30:
                assert c["med_min"] < f["med_min"], (s.name, c["km"])


def test_congestion_factor_matches_published_downtown_speed(samples):
    assert samples.freeflow_road_kmh == pytest.approx(
        cs.PUBLISHED_DOWNTOWN_KMH / cal.URBAN_CONGESTION, rel=0.03
    )


def test_shipped_coefficients_are_the_fit(samples):
    fitted = cs.fit_curves(samples)
    for t in TYPES:
        got, shipped = fitted[t], cal.CALIBRATED_CURVES[t]
        km = np.array([3.0, 10.0, 40.0, 80.0, 200.0])
        assert np.allclose(got.kmh(km), shipped.kmh(km), rtol=0.03), t
