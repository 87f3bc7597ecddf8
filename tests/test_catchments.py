"""Catchments: valid polygons that contain their site; nearest site per area; the CLI."""

from __future__ import annotations

import json

import geopandas as gpd
import numpy as np
import pandas as pd
import pytest
import shapely
from shapely.geometry import Point, box

from planning.cli import main
from planning.errors import TravelError
from planning.travel import straight_table
from planning.travel.catchments import (
    catchments_from_areas,
    catchments_from_network,
    nearest_sites,
)
from planning.travel.osm import edges_from_osm, graph_from_edges, graph_from_osm, node_minutes


def grid(n: int = 8, size: float = 1000.0) -> gpd.GeoDataFrame:
    """n x n square areas of ``size`` metres near 37N 127E, with lat/lon of their centres."""
    x0, y0 = 960_000.0, 1_880_000.0  # EPSG:5179, south of Seoul
    geoms = [
        box(x0 + i * size, y0 + j * size, x0 + (i + 1) * size, y0 + (j + 1) * size)
        for j in range(n)
        for i in range(n)
    ]
    g = gpd.GeoDataFrame(
        {"area_code": [f"G{k:02d}" for k in range(n * n)]}, geometry=geoms, crs="EPSG:5179"
    ).to_crs(4326)
    c = g.to_crs(5179).centroid.to_crs(4326)
    g["lat"], g["lon"] = c.y.to_numpy(), c.x.to_numpy()
    return g


def test_straight_catchments_are_valid_and_contain_their_site():
    areas = grid()
    sites_lat = np.array([areas.lat[0], areas.lat[27], areas.lat[63] + 0.05])  # last: off grid
    sites_lon = np.array([areas.lon[0], areas.lon[27], areas.lon[63]])
    t = straight_table(sites_lat, sites_lon, areas.lat, areas.lon, cutoff=10, speed_kmh=30)
    land = shapely.union_all(areas.to_crs(5179).geometry.values)
    c = catchments_from_areas(t, areas, sites_lat, sites_lon, threshold=6, land=land)
    assert len(c) == 3 and c.crs.to_epsg() == 4326
    assert c.is_valid.all()
    for i in range(3):
        assert c.geometry[i].contains(Point(sites_lon[i], sites_lat[i]))
    # the polygon is the union of exactly the areas within 6 minutes (3 km at 30 km/h / 1.3)
    reach = (t.dense() <= 6).sum(axis=1)
    assert list(c["n_areas"]) == list(reach)
    assert reach[0] > 0 and reach[1] > reach[0] and reach[2] == 0
    km2 = c.to_crs(5179).area.to_numpy() / 1e6
    assert km2[1] == pytest.approx(reach[1], rel=0.02)  # 1 km2 squares (+ disc inside them)
    assert km2[2] == pytest.approx(np.pi * 0.3**2, rel=0.02)  # only the 300 m disc
    assert set(c.columns) >= {"site_id", "site_lat", "site_lon", "threshold_min", "geometry"}
    assert (c["threshold_min"] == 6).all()


def test_catchment_threshold_errors():
    areas = grid(3)
    t = straight_table(areas.lat[:1], areas.lon[:1], areas.lat, areas.lon, cutoff=10, speed_kmh=30)
    with pytest.raises(TravelError, match="above 0"):
        catchments_from_areas(t, areas, areas.lat[:1], areas.lon[:1], threshold=0)
    with pytest.raises(TravelError, match="cutoff"):
        catchments_from_areas(t, areas, areas.lat[:1], areas.lon[:1], threshold=20)


def test_nearest_sites():
    areas = grid(4)
    lat = np.array([areas.lat[0], areas.lat[15]])
    lon = np.array([areas.lon[0], areas.lon[15]])
    t = straight_table(lat, lon, areas.lat, areas.lon, cutoff=5, speed_kmh=30, site_ids=["a", "b"])
    n = nearest_sites(t, areas)
    d = t.dense()
    for k in range(16):
        if np.isfinite(d[:, k]).any():
            assert n["nearest_site"][k] == ["a", "b"][int(np.argmin(d[:, k]))]
            assert n["minutes"][k] == pytest.approx(d[:, k].min())
        else:
            assert pd.isna(n["nearest_site"][k]) and np.isnan(n["minutes"][k])
    assert n["nearest_site"][0] == "a" and n["nearest_site"][15] == "b"
    assert json.loads(n.to_json(na="null"))["features"]


def test_network_catchment_on_ladder(fixtures):
    g = graph_from_edges(edges_from_osm(fixtures / "travel" / "ladder.osm"))
    # from node 2 within 2 minutes: nodes 1, 3 (1.1 min) are reached, 4, 5, 6 are not
    t, _ = node_minutes(g, 37.01, 127.0, cutoff=2, access_kmh=None)
    assert np.isfinite(t).sum() == 3
    c = catchments_from_network(g, [37.01], [127.0], threshold=2, buffer_m=50, access_kmh=None)
    poly = c.geometry[0]
    assert c.is_valid.all() and poly.geom_type == "Polygon"
    assert poly.contains(Point(127.0, 37.01))
    assert poly.contains(Point(127.0, 37.0)) and poly.contains(Point(127.0, 37.02))
    assert not poly.contains(Point(127.01, 37.03)) and not poly.contains(Point(127.01, 37.0))
    # the edge 3->4 (1.1 min) is reached for its first (2 - 1.11) / 1.11 ~ 80 %
    assert poly.contains(Point(127.0, 37.027)) and not poly.contains(Point(127.0, 37.0295))


def test_network_catchments_yeouido(shared_data):
    pbf = shared_data / "osm-yeouido" / "yeouido.osm.pbf"
    if not pbf.exists():
        pytest.skip("Yeouido extract absent")
    g = graph_from_osm(pbf)
    nodes = np.flatnonzero(g.routable)[::60]
    lat, lon = g.node_lat[nodes] + 0.0005, g.node_lon[nodes] - 0.0005  # ~70 m off the road
    c = catchments_from_network(g, lat, lon, threshold=3)
    assert len(c) == len(nodes) and c.is_valid.all()
    assert all(c.geometry[i].contains(Point(lon[i], lat[i])) for i in range(len(c)))
    assert (c["snap_m"] > 1).all() and (c["n_edges"] > 0).all()  # snapped onto an edge


# ---- CLI ----------------------------------------------------------------------------------
def read(path):
    return gpd.read_file(path)


def test_cli_straight(tmp_path, capsys):
    out = tmp_path / "o"
    rc = main(
        [
            "catchments",
            "--travel",
            "straight",
            "--site",
            "37.5665,126.9780",
            "--site",
            "33.4996,126.5312",
            "--threshold",
            "30",
            "--out",
            str(out),
            "--all-areas",
        ]
    )
    assert rc == 0
    c = read(out / "catchments.geojson")
    assert len(c) == 2 and c.is_valid.all()
    assert list(c["threshold_min"]) == [30, 30] and list(c["site_id"]) == ["S1", "S2"]
    assert c.geometry[0].contains(Point(126.978, 37.5665))
    assert c.geometry[1].contains(Point(126.5312, 33.4996))
    # the Seoul catchment stays on the mainland, the Jeju one on Jeju
    assert c.geometry[0].bounds[1] > 36 and c.geometry[1].bounds[3] < 34
    n = read(out / "nearest.geojson")
    assert len(n) > 3000 and n["nearest_site"].notna().sum() > 20
    assert "wrote" in capsys.readouterr().out


def test_cli_straight_explicit_speed(tmp_path):
    out = tmp_path / "o"
    assert (
        main(
            [
                "catchments",
                "--site",
                "36.35,127.385",
                "--threshold",
                "20",
                "--speed-kmh",
                "40",
                "--out",
                str(out),
            ]
        )
        == 0
    )
    n = read(out / "nearest.geojson")
    reached = n[n["reached"]]
    assert len(reached) > 0 and (reached["minutes"] <= 20).all()


def test_cli_osm_and_matrix(tmp_path, fixtures):
    out = tmp_path / "osm"
    assert (
        main(
            [
                "catchments",
                "--travel",
                "osm",
                "--osm",
                str(fixtures / "travel" / "ladder.osm"),
                "--site",
                "37.01,127.0",
                "--threshold",
                "3",
                "--out",
                str(out),
            ]
        )
        == 0
    )
    c = read(out / "catchments.geojson")
    assert len(c) == 1 and c.is_valid.all() and c.geometry[0].contains(Point(127.0, 37.01))
    # matrix: a straight-line OD table between the areas near the site, as a user would bring
    from planning.regions import load_areas

    areas = load_areas()
    t = straight_table(
        areas.lat,
        areas.lon,
        areas.lat,
        areas.lon,
        cutoff=15,
        speed_kmh=30,
        site_ids=areas.area_code.to_numpy(),
        area_ids=areas.area_code.to_numpy(),
    )
    # people travel from where they live (origin_id) to the site's 행정동 (destination_id)
    od = t.to_frame().rename(columns={"area_id": "origin_id", "site_id": "destination_id"})
    od.to_csv(tmp_path / "od.csv", index=False)
    out = tmp_path / "mx"
    assert (
        main(
            [
                "catchments",
                "--travel",
                "matrix",
                "--matrix",
                str(tmp_path / "od.csv"),
                "--site",
                "37.5665,126.9780",
                "--threshold",
                "10",
                "--out",
                str(out),
            ]
        )
        == 0
    )
    c = read(out / "catchments.geojson")
    assert len(c) == 1 and c.is_valid.all() and c.geometry[0].contains(Point(126.978, 37.5665))
    assert c["n_areas"][0] > 1


@pytest.mark.parametrize(
    "argv, message",
    [
        (["--site", "37.5,127.0", "--threshold", "-5"], "above 0"),
        (["--site", "127.0,37.5"], "swapped"),
        (["--site", "somewhere"], "Could not read the site"),
        (["--travel", "osm", "--site", "37.5,127.0"], "needs an --osm"),
        (
            ["--travel", "osm", "--osm", "/nonexistent.osm.pbf", "--site", "37.5,127.0"],
            "does not exist",
        ),
        (["--travel", "matrix", "--site", "37.5,127.0"], "needs a --matrix"),
    ],
)
def test_cli_errors(tmp_path, capsys, argv, message):
    assert main(["catchments", *argv, "--out", str(tmp_path / "o")]) == 2
    assert message in capsys.readouterr().err


def test_cli_area_speeds(tmp_path, capsys):
    slow, fast = tmp_path / "slow", tmp_path / "fast"
    site = ["--site", "36.35,127.385", "--threshold", "20"]
    assert (
        main(["catchments", *site, "--area-speeds", "dong=10,eup=10,myeon=10", "--out", str(slow)])
        == 0
    )
    assert (
        main(["catchments", *site, "--area-speeds", "dong=60,eup=60,myeon=60", "--out", str(fast)])
        == 0
    )
    n_slow = read(slow / "nearest.geojson")["reached"].sum()
    n_fast = read(fast / "nearest.geojson")["reached"].sum()
    assert 0 < n_slow < n_fast
    assert main(["catchments", *site, "--area-speeds", "dong=fast", "--out", str(slow)]) == 2
    assert "area speed" in capsys.readouterr().err
