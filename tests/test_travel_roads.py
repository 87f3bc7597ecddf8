"""The pipeline's road table builder (planning.travel.roads) on the real Yeouido extract:
equal to the engine, cached by its inputs, with progress, threshold filtering and 시도 clips."""

from __future__ import annotations

import math

import geopandas as gpd
import numpy as np
import pytest
import shapely

from planning import settings
from planning.errors import TravelError
from planning.travel import osm, roads


@pytest.fixture(scope="module")
def pbf(shared_data):
    path = shared_data / "osm-yeouido" / "yeouido.osm.pbf"
    if not path.exists():
        pytest.skip("Yeouido extract absent")
    return path


@pytest.fixture()
def cache(tmp_path, monkeypatch):
    monkeypatch.setattr(settings, "CACHE_DIR", tmp_path / "cache")
    return tmp_path / "cache"


@pytest.fixture(scope="module")
def setup(pbf):
    g = osm.graph_from_osm(pbf, use_cache=False)
    rng = np.random.default_rng(11)
    r = np.flatnonzero(g.routable)
    a = rng.choice(r, 80, replace=False)
    lat, lon = g.node_lat[a] + 1e-4, g.node_lon[a] - 1e-4
    west = lon < np.median(lon)
    areas = gpd.GeoDataFrame(
        {
            "area_code": [f"A{i:03d}" for i in range(80)],
            "sido_code": np.where(west, "11", "99"),
            "lat": lat,
            "lon": lon,
        },
        geometry=shapely.box(lon - 2e-4, lat - 2e-4, lon + 2e-4, lat + 2e-4),
        crs=4326,
    )
    s = rng.choice(r, 10, replace=False)
    sites = (g.node_lat[s] - 1e-4, g.node_lon[s] + 1e-4)
    return g, areas, sites


def test_road_table_equals_the_engine_and_is_cached(pbf, setup, cache):
    g, areas, (slat, slon) = setup
    calls = []
    t = roads.road_table(
        pbf,
        slat,
        slon,
        areas,
        cutoff=math.inf,
        site_ids=[f"S{i}" for i in range(10)],
        progress=lambda f, stage: calls.append((f, stage)),
    )
    ref = osm.osm_table(g, slat, slon, areas["lat"], areas["lon"], cutoff=math.inf)
    assert np.array_equal(t.dense(), ref.dense())
    assert list(t.area_ids) == list(areas["area_code"]) and t.site_ids[0] == "S0"
    assert not t.meta["cached"]
    fractions = [f for f, _ in calls]
    assert fractions == sorted(fractions) and fractions[-1] == 1.0
    assert {s for _, s in calls} <= set(roads.STAGES) and "route" in {s for _, s in calls}
    # second call: from the cache, the same numbers
    calls.clear()
    again = roads.road_table(
        pbf,
        slat,
        slon,
        areas,
        cutoff=math.inf,
        site_ids=[f"S{i}" for i in range(10)],
        progress=lambda f, stage: calls.append((f, stage)),
    )
    assert again.meta["cached"] and calls == [(1.0, "done")]
    assert np.array_equal(again.dense(), t.dense())
    np.testing.assert_array_equal(again.meta["site_snap_m"], t.meta["site_snap_m"])
    # other sites: another cache entry
    moved = roads.road_table(pbf, slat[:5], slon[:5], areas, cutoff=math.inf)
    assert not moved.meta["cached"]
    assert len(list(cache.rglob("road-*.npz"))) == 2


def test_threshold_only_filters_the_table(pbf, setup, cache):
    _, areas, (slat, slon) = setup
    full = roads.road_table(pbf, slat, slon, areas, cutoff=math.inf)
    at3 = roads.road_table(pbf, slat, slon, areas, cutoff=2.0)
    assert 0 < at3.nnz < full.nnz
    assert np.array_equal(full.within(2.0).dense(), at3.dense())


def test_sido_selection_clips_the_network(pbf, setup, cache):
    g, areas, (slat, slon) = setup
    west = roads.road_table(pbf, slat, slon, areas, cutoff=math.inf, sido=["11"], buffer_km=0.2)
    d = west.dense()
    in11 = (areas["sido_code"] == "11").to_numpy()
    assert np.all(np.isinf(d[:, ~in11]))  # areas of other 시도 are not routed
    full = roads.road_table(pbf, slat, slon, areas, cutoff=math.inf).dense()
    inside = np.flatnonzero(~np.isin(west.site_ids, west.meta["sites_outside"]))
    assert len(inside) > 0 and len(west.meta["sites_outside"]) > 0
    sub, ref = d[np.ix_(inside, in11)], full[np.ix_(inside, in11)]
    reached = np.isfinite(sub)
    # a clipped network can only be slower; most trips stay the same
    assert np.all(sub[reached] >= ref[reached] - 1e-6)  # (snap projection differs slightly)
    assert np.mean(np.isclose(sub[reached], ref[reached], rtol=1e-6)) > 0.7
    clipped = roads.road_graph(pbf, areas=areas, sido=["11"], buffer_km=0.2)
    assert clipped.n_nodes < g.n_nodes
    assert len(list(cache.rglob("clip-*.npz"))) == 1


def test_sido_errors(pbf, setup, cache):
    _, areas, (slat, slon) = setup
    with pytest.raises(TravelError, match="No demand area") as e:
        roads.road_table(pbf, slat, slon, areas, cutoff=30, sido=["50"])
    assert e.value.problem_ko
    far = areas.copy()
    far["sido_code"] = np.where(far["sido_code"] == "11", "11", "50")
    far.loc[far["sido_code"] == "50", "geometry"] = shapely.box(126.5, 33.3, 126.6, 33.4)  # 제주
    with pytest.raises(TravelError, match="no roads inside"):
        roads.road_graph(pbf, areas=far, sido=["50"], buffer_km=1)


def test_hierarchy_gives_the_same_table_and_is_cached(pbf, setup, cache):
    _, areas, (slat, slon) = setup
    plain = roads.road_table(pbf, slat, slon, areas, cutoff=math.inf, use_cache=False)
    stages = []
    fast = roads.road_table(
        pbf,
        slat,
        slon,
        areas,
        cutoff=math.inf,
        hierarchy=True,
        use_cache=False,
        progress=lambda f, s: stages.append(s),
    )
    assert "hierarchy" in stages
    a, b = plain.dense(), fast.dense()
    assert np.array_equal(np.isfinite(a), np.isfinite(b))
    np.testing.assert_allclose(a[np.isfinite(a)], b[np.isfinite(b)], rtol=1e-9, atol=1e-8)
    roads.road_table(pbf, slat[:3], slon[:3], areas, cutoff=math.inf, hierarchy=True)
    assert len(list(cache.rglob("hierarchy-*.npz"))) == 1
    again = roads.road_table(pbf, slat[:4], slon[:4], areas, cutoff=math.inf, hierarchy=True)
    assert np.allclose(again.dense()[np.isfinite(a[:4])], a[:4][np.isfinite(a[:4])])
