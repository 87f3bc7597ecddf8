"""The osm engine: against hand-worked answers on a small .osm fixture and against networkx
shortest paths on the real Yeouido extract."""

from __future__ import annotations

import math
from pathlib import Path

import networkx as nx
import numpy as np
import pytest

from planning import settings
from planning.errors import TravelError
from planning.settings import EARTH_RADIUS_KM
from planning.travel.osm import (
    edges_from_osm,
    graph_from_edges,
    graph_from_osm,
    node_minutes,
    osm_table,
    parse_maxspeed,
)

# node coordinates of tests/fixtures/travel/ladder.osm (ids 1..6 are drivable)
LADDER = {
    1: (37.00, 127.00),
    2: (37.01, 127.00),
    3: (37.02, 127.00),
    4: (37.03, 127.00),
    5: (37.03, 127.01),
    6: (37.00, 127.01),
}


def km(a: int, b: int) -> float:
    (lat1, lon1), (lat2, lon2) = LADDER[a], LADDER[b]
    p1, p2 = math.radians(lat1), math.radians(lat2)
    h = (
        math.sin((p2 - p1) / 2) ** 2
        + math.cos(p1) * math.cos(p2) * math.sin(math.radians(lon2 - lon1) / 2) ** 2
    )
    return 2 * EARTH_RADIUS_KM * math.asin(math.sqrt(h))


def leg(a: int, b: int, kmh: float) -> float:
    return km(a, b) / kmh * 60


# hand-worked car minutes on the ladder (see the fixture's comment for the roads)
D12 = leg(1, 2, 60)  # one meridian step on the primary road
E45 = leg(4, 5, 30)  # one-way 4->5 at maxspeed 30
E56 = leg(5, 6, 20)  # one-way 5->6 (oneway=-1 on way 6-5) at maxspeed 20
E61 = leg(6, 1, 25)  # residential 6<->1 at 25 km/h
HAND = {
    (2, 3): D12,
    (2, 1): D12,
    (1, 4): 3 * D12,
    (1, 5): 3 * D12 + E45,  # the footway 1-7-5 is not for cars
    (1, 6): E61,
    (5, 4): E56 + E61 + 3 * D12,  # 4->5 is one-way: back round the loop
    (6, 5): E61 + 3 * D12 + E45,  # 6->5 is against oneway=-1
    (5, 6): E56,
    (4, 4): 0.0,
}


@pytest.fixture(scope="module")
def ladder(fixtures: Path):
    return fixtures / "travel" / "ladder.osm"


def ladder_points(ids):
    return [LADDER[i][0] for i in ids], [LADDER[i][1] for i in ids]


def test_ladder_minutes_match_hand_answers(ladder):
    g = graph_from_edges(edges_from_osm(ladder))
    assert g.n_nodes == 6  # footway node 7 and private road 8-9 are not in the car graph
    # node 1 (two-way) and node 5 (one-way pass-through) are contracted into chains
    assert g.n_kept == 2
    sites = sorted({s for s, _ in HAND})
    areas = sorted({a for _, a in HAND})
    t = osm_table(g, *ladder_points(sites), *ladder_points(areas), cutoff=60, access_kmh=None)
    d = t.dense()
    for (s, a), expected in HAND.items():
        assert d[sites.index(s), areas.index(a)] == pytest.approx(expected, abs=1e-9), (s, a)
    assert np.all(t.meta["site_snap_m"] < 1e-3)


def test_ladder_cutoff_drops_longer_trips(ladder):
    g = graph_from_edges(edges_from_osm(ladder))
    cutoff = 3 * D12 + 0.5 * E45  # 1->4 fits, 1->5 does not
    t = osm_table(g, *ladder_points([1]), *ladder_points([4, 5]), cutoff=cutoff, access_kmh=None)
    d = t.dense()
    assert d[0, 0] == pytest.approx(3 * D12) and np.isinf(d[0, 1])


def test_access_leg_is_added_at_access_speed(ladder):
    g = graph_from_edges(edges_from_osm(ladder))
    site_lat, site_lon = 37.01, 127.001  # about 89 m east of node 2
    t = osm_table(g, [site_lat], [site_lon], *ladder_points([3]), cutoff=60, access_kmh=15)
    snap_m = t.meta["site_snap_m"][0]
    assert 80 < snap_m < 95
    # (on the sphere the nearest point of the meridian road lies a hair north of node 2)
    assert t.dense()[0, 0] == pytest.approx(D12 + snap_m / 1000 / 15 * 60, rel=1e-6)


def test_maxspeed_parsing():
    assert parse_maxspeed("60") == 60
    assert parse_maxspeed("30 mph") == pytest.approx(48.28032)
    assert parse_maxspeed("60;80") == 60
    assert parse_maxspeed("signals") is None
    assert parse_maxspeed(None) is None


def nx_graph(edges) -> nx.DiGraph:
    G = nx.DiGraph()
    for u, v, w in zip(edges.src, edges.dst, edges.minutes, strict=True):
        u, v = int(u), int(v)
        if not G.has_edge(u, v) or G[u][v]["w"] > w:
            G.add_edge(u, v, w=float(w))
    return G


def test_yeouido_matches_networkx(shared_data):
    pbf = shared_data / "osm-yeouido" / "yeouido.osm.pbf"
    if not pbf.exists():
        pytest.skip("Yeouido extract absent")
    edges = edges_from_osm(pbf)
    g = graph_from_edges(edges)
    assert g.n_kept < g.n_nodes  # the contraction removed shape nodes
    G = nx_graph(edges)
    rng = np.random.default_rng(7)
    routable = np.flatnonzero(g.routable)
    S = rng.choice(routable, 25, replace=False)
    A = rng.choice(routable, 200, replace=False)
    cutoff = 1.5
    t = osm_table(
        g,
        g.node_lat[S],
        g.node_lon[S],
        g.node_lat[A],
        g.node_lon[A],
        cutoff=cutoff,
        access_kmh=None,
    )
    d = t.dense()
    n_reached = 0
    for i, s in enumerate(S):
        lengths = nx.single_source_dijkstra_path_length(G, int(s), weight="w")
        expected = np.array([lengths.get(int(a), np.inf) for a in A])
        expected[expected > cutoff] = np.inf
        np.testing.assert_allclose(d[i], expected, rtol=1e-9, atol=1e-9)
        n_reached += np.isfinite(expected).sum()
    assert 0 < n_reached < d.size  # the cutoff bites, and something is reached
    # every node's minutes from one site (used for road catchments)
    lengths = nx.single_source_dijkstra_path_length(G, int(S[0]), weight="w")
    out, snap_m = node_minutes(
        g, g.node_lat[S[0]], g.node_lon[S[0]], cutoff=cutoff, access_kmh=None
    )
    expected = np.full(g.n_nodes, np.inf)
    for k, v in lengths.items():
        if v <= cutoff:
            expected[k] = v
    np.testing.assert_allclose(out, expected, rtol=1e-9, atol=1e-9)
    assert snap_m < 1e-3


def test_worker_processes_give_the_same_table(shared_data):
    pbf = shared_data / "osm-yeouido" / "yeouido.osm.pbf"
    if not pbf.exists():
        pytest.skip("Yeouido extract absent")
    g = graph_from_edges(edges_from_osm(pbf))
    rng = np.random.default_rng(3)
    nodes = rng.choice(np.flatnonzero(g.routable), 30, replace=False)
    lat = g.node_lat[nodes] + rng.normal(0, 0.0003, 30)
    lon = g.node_lon[nodes] + rng.normal(0, 0.0003, 30)
    one = osm_table(g, lat, lon, lat, lon, cutoff=5, batch_bytes=8 * 4 * g.n_kept)
    two = osm_table(g, lat, lon, lat, lon, cutoff=5, workers=2, batch_bytes=8 * 4 * g.n_kept)
    np.testing.assert_array_equal(one.dense(), two.dense())


def test_graph_is_cached_by_file_hash(ladder, tmp_path, monkeypatch):
    monkeypatch.setattr(settings, "CACHE_DIR", tmp_path)
    g1 = graph_from_osm(ladder)
    files = list((tmp_path / "osm").glob("*.npz"))
    assert len(files) == 1
    g2 = graph_from_osm(ladder)
    np.testing.assert_array_equal(g1.graph.toarray(), g2.graph.toarray())
    np.testing.assert_array_equal(g1.t_a_to, g2.t_a_to)
    copy = tmp_path / "copy.osm"
    copy.write_text(
        ladder.read_text().replace(
            'lat="37.0300000" lon="127.0100000"', 'lat="37.0310000" lon="127.0100000"'
        )
    )
    graph_from_osm(copy)
    assert len(list((tmp_path / "osm").glob("*.npz"))) == 2  # different content, different key


# ---- bad inputs ---------------------------------------------------------------------------
def test_missing_file(tmp_path):
    with pytest.raises(TravelError, match="does not exist"):
        edges_from_osm(tmp_path / "nope.osm.pbf")


def test_not_a_pbf(tmp_path):
    bad = tmp_path / "roads.osm.pbf"
    bad.write_text("origin_id,destination_id,minutes\n1,2,3\n")
    with pytest.raises(TravelError, match="not an OpenStreetMap PBF"):
        graph_from_osm(bad, use_cache=False)


def test_truncated_pbf(tmp_path, shared_data):
    pbf = shared_data / "osm-yeouido" / "yeouido.osm.pbf"
    if not pbf.exists():
        pytest.skip("Yeouido extract absent")
    cut = tmp_path / "cut.osm.pbf"
    cut.write_bytes(pbf.read_bytes()[:50_000])
    with pytest.raises(TravelError, match="Could not read"):
        edges_from_osm(cut)


def test_no_drivable_roads(fixtures):
    with pytest.raises(TravelError, match="no drivable roads"):
        edges_from_osm(fixtures / "travel" / "footways_only.osm")


def test_site_far_from_any_road(ladder):
    g = graph_from_edges(edges_from_osm(ladder))
    with pytest.raises(TravelError, match="from any road"):
        osm_table(g, [37.5], [127.0], *ladder_points([1]), cutoff=30)


def test_area_far_from_roads_is_unreachable_not_an_error(ladder):
    g = graph_from_edges(edges_from_osm(ladder))
    t = osm_table(g, *ladder_points([1]), [37.0, 37.5], [127.0, 127.0], cutoff=30)
    assert np.isfinite(t.dense()[0, 0]) and np.isinf(t.dense()[0, 1])
    assert list(t.meta["unsnapped_areas"]) == [1]


@pytest.mark.parametrize("cutoff", [0, -1])
def test_threshold_must_be_positive(ladder, cutoff):
    g = graph_from_edges(edges_from_osm(ladder))
    with pytest.raises(TravelError, match="above 0"):
        osm_table(g, *ladder_points([1]), *ladder_points([2]), cutoff=cutoff)


def random_edges(seed: int):
    """A small random road graph: grid streets with shape points, random one-ways, random
    removed segments, a separate two-way ring and a one-way ring (pure cycles)."""
    from planning.travel.osm import RoadEdges

    rng = np.random.default_rng(seed)
    lat, lon, src, dst, w = [], [], [], [], []

    def node(la, lo):
        lat.append(la)
        lon.append(lo)
        return len(lat) - 1

    side = 5
    grid_ids = [[node(37 + i * 0.01, 127 + j * 0.01) for j in range(side)] for i in range(side)]
    segs = []
    for i in range(side):
        for j in range(side):
            if i + 1 < side:
                segs.append((grid_ids[i][j], grid_ids[i + 1][j]))
            if j + 1 < side:
                segs.append((grid_ids[i][j], grid_ids[i][j + 1]))
    for a, b in segs:
        if rng.random() < 0.15:
            continue
        chain = [a]
        for k in range(rng.integers(0, 4)):
            f = (k + 1) / 5
            chain.append(
                node(lat[a] + f * (lat[b] - lat[a]) + 1e-4, lon[a] + f * (lon[b] - lon[a]))
            )
        chain.append(b)
        oneway = rng.random() < 0.3
        for u, v in zip(chain[:-1], chain[1:], strict=True):
            t = float(rng.uniform(0.1, 1.0))
            src.append(u), dst.append(v), w.append(t)
            if not oneway:
                src.append(v), dst.append(u), w.append(t * float(rng.uniform(1.0, 1.3)))
    for oneway in (False, True):  # rings with no junction at all
        ring = [node(37.2 + 0.001 * k, 127.2 + 0.01 * oneway) for k in range(5)]
        for u, v in zip(ring, ring[1:] + ring[:1], strict=True):
            src.append(u), dst.append(v), w.append(0.3)
            if not oneway:
                src.append(v), dst.append(u), w.append(0.3)
    n = len(lat)
    return RoadEdges(
        node_lat=np.array(lat),
        node_lon=np.array(lon),
        src=np.array(src),
        dst=np.array(dst),
        minutes=np.array(w),
        metres=np.ones(len(w)),
    ), n


@pytest.mark.parametrize("seed", range(20))
def test_random_graphs_match_networkx(seed):
    """Contraction + virtual nodes give exact shortest paths between any two nodes."""
    edges, n = random_edges(seed)
    g = graph_from_edges(edges)
    G = nx_graph(edges)
    nodes = np.arange(n)
    # route between every pair of nodes, ignoring the largest-component snapping rule
    object.__setattr__(g, "routable", np.ones(n, dtype=bool))
    t = osm_table(g, g.node_lat, g.node_lon, g.node_lat, g.node_lon, cutoff=50, access_kmh=None)
    d = t.dense()
    for s in nodes:
        lengths = nx.single_source_dijkstra_path_length(G, int(s), weight="w") if s in G else {}
        expected = np.array([lengths.get(int(a), np.inf) for a in nodes])
        expected[s] = 0.0
        np.testing.assert_allclose(d[s], expected, rtol=1e-9, atol=1e-9)


def test_speed_profile_overrides_and_drops_classes(ladder, tmp_path, monkeypatch):
    monkeypatch.setattr(settings, "CACHE_DIR", tmp_path)
    fast = graph_from_osm(ladder, speeds={"primary": 120})
    t = osm_table(fast, *ladder_points([1]), *ladder_points([4]), cutoff=60, access_kmh=None)
    assert t.dense()[0, 0] == pytest.approx(3 * leg(1, 2, 120))
    no_res = graph_from_osm(ladder, speeds={"residential": None})
    object.__setattr__(no_res, "routable", np.ones(no_res.n_nodes, dtype=bool))
    t = osm_table(no_res, *ladder_points([1]), *ladder_points([6]), cutoff=60, access_kmh=None)
    assert t.dense()[0, 0] == pytest.approx(3 * D12 + E45 + E56)  # no shortcut 1-6 any more
    assert len(list((tmp_path / "osm").glob("*.npz"))) == 2  # one cache file per profile
