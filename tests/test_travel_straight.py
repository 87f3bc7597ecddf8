"""The straight engine and TravelTable against hand-computed haversine distances."""

from __future__ import annotations

import math

import numpy as np
import pytest

from planning.errors import TravelError
from planning.settings import EARTH_RADIUS_KM
from planning.travel import TravelTable, haversine_km, straight_table
from planning.travel.straight import area_type_from_name, speeds_from_names


def hand_haversine(lat1, lon1, lat2, lon2):
    p1, p2 = math.radians(lat1), math.radians(lat2)
    dp, dl = p2 - p1, math.radians(lon2 - lon1)
    h = math.sin(dp / 2) ** 2 + math.cos(p1) * math.cos(p2) * math.sin(dl / 2) ** 2
    return 2 * EARTH_RADIUS_KM * math.asin(math.sqrt(h))


def test_one_degree_of_latitude_is_r_times_pi_over_180():
    km = haversine_km(np.array([37.0]), np.array([127.0]), np.array([38.0]), np.array([127.0]))
    assert km[0] == pytest.approx(EARTH_RADIUS_KM * math.pi / 180, rel=1e-12)


def test_seoul_busan_matches_hand_formula():
    seoul, busan = (37.5665, 126.9780), (35.1796, 129.0756)
    km = haversine_km(*[np.array([v]) for v in (*seoul, *busan)])[0]
    assert km == pytest.approx(hand_haversine(*seoul, *busan), rel=1e-12)
    assert 320 < km < 330  # the well-known ~325 km


def test_explicit_speed_is_exactly_km_times_detour_over_speed():
    sites = ([37.5665, 36.35], [126.9780, 127.385])
    areas = ([37.60, 37.4563, 36.30, 35.1796], [127.00, 126.7052, 127.40, 129.0756])
    t = straight_table(*sites, *areas, cutoff=120, speed_kmh=40, detour=1.3)
    d = t.dense()
    for i in range(2):
        for j in range(4):
            km = hand_haversine(sites[0][i], sites[1][i], areas[0][j], areas[1][j])
            expected = km * 1.3 / 40 * 60
            if expected <= 120:
                assert d[i, j] == pytest.approx(expected, rel=1e-12)
            else:
                assert np.isinf(d[i, j])
    # Seoul -> Busan (~325 km) is out of a 120-minute cutoff at 40 km/h
    assert np.isinf(d[0, 3])


def test_cutoff_keeps_exactly_the_pairs_within_it():
    rng = np.random.default_rng(1)
    lat, lon = rng.uniform(34.5, 38, 300), rng.uniform(126.3, 129.4, 300)
    t = straight_table(lat[:50], lon[:50], lat, lon, cutoff=45, speed_kmh=50, detour=1.2)
    full = np.array(
        [
            [hand_haversine(a, b, c, d) * 1.2 / 50 * 60 for c, d in zip(lat, lon, strict=True)]
            for a, b in zip(lat[:50], lon[:50], strict=True)
        ]
    )
    expected = np.where(full <= 45, full, np.inf)
    np.testing.assert_allclose(t.dense(), expected, rtol=1e-10)
    assert t.nnz == int((full <= 45).sum())


def test_per_area_speeds_half_trip_at_each_end_and_ferry_penalty():
    sites = ([37.0], [127.0])
    areas = ([37.1, 37.1], [127.0, 127.0])
    km = hand_haversine(37.0, 127.0, 37.1, 127.0)
    t = straight_table(
        *sites,
        *areas,
        cutoff=200,
        area_speed_kmh=np.array([25.0, 50.0]),
        site_speed_kmh=np.array([50.0]),
        area_landmass=np.array([0, 1]),
        site_landmass=np.array([0]),
        ferry_minutes=60,
    )
    d = t.dense()
    assert d[0, 0] == pytest.approx(km * 1.3 * 60 * (0.5 / 50 + 0.5 / 25))
    assert d[0, 1] == pytest.approx(km * 1.3 * 60 * (0.5 / 50 + 0.5 / 50) + 60)


def test_site_speed_defaults_to_nearest_area_speed():
    t = straight_table(
        [37.0],
        [127.0],
        [37.0, 38.0],
        [127.0, 127.0],
        cutoff=500,
        area_speed_kmh=np.array([20.0, 80.0]),
    )
    km = hand_haversine(37.0, 127.0, 38.0, 127.0)
    assert t.dense()[0, 1] == pytest.approx(km * 1.3 * 60 * (0.5 / 20 + 0.5 / 80))


def test_area_type_from_name():
    assert area_type_from_name("청운효자동") == "dong"
    assert area_type_from_name("종로1.2.3.4가동") == "dong"
    assert area_type_from_name("기장읍") == "eup"
    assert area_type_from_name("울릉읍") == "eup"
    assert area_type_from_name("북면") == "myeon"
    assert list(speeds_from_names(["가동", "나읍", "다면"], {"dong": 10})) == [10, 40, 50]


@pytest.mark.parametrize("cutoff", [0, -5, float("nan")])
def test_bad_cutoff_raises(cutoff):
    with pytest.raises(TravelError, match="above 0"):
        straight_table([37.0], [127.0], [37.0], [127.0], cutoff=cutoff, speed_kmh=40)


def test_bad_coordinates_raise():
    with pytest.raises(TravelError, match="out of range"):
        straight_table([137.0], [127.0], [37.0], [127.0], cutoff=30, speed_kmh=40)
    with pytest.raises(TravelError, match="missing"):
        straight_table([float("nan")], [127.0], [37.0], [127.0], cutoff=30, speed_kmh=40)


def test_table_views_agree():
    t = TravelTable.from_pairs(
        ["a", "b"],
        ["x", "y", "z"],
        [0, 1, 1, 0, 1],
        [0, 0, 1, 0, 2],
        [5.0, 3.0, 0.0, 7.0, 99.0],
        cutoff=30,
        engine="test",
    )
    assert t.nnz == 3  # duplicate (a,x) keeps the min, 99 > cutoff dropped
    d = t.dense()
    assert d[0, 0] == 5.0 and d[1, 0] == 3.0 and d[1, 1] == 0.0 and np.isinf(d[1, 2])
    csr = t.to_csr()
    assert csr.nnz == 3 and csr[1, 1] == pytest.approx(1e-6)
    site, minutes = t.nearest()
    assert list(site) == [1, 1, -1] and minutes[0] == 3.0 and np.isinf(minutes[2])
    assert t.within(4).nnz == 2
    with pytest.raises(TravelError):
        t.within(31)
    frame = t.to_frame()
    assert list(frame.columns) == ["site_id", "area_id", "minutes"] and len(frame) == 3
