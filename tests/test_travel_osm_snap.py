"""Snapping to the nearest point of a road edge (not the nearest node), on the ladder fixture and
the real Yeouido extract, against brute-force distances and networkx on a graph with the
snapped points inserted into their edges."""

from __future__ import annotations

from pathlib import Path

import networkx as nx
import numpy as np
import pytest
import shapely

from planning.settings import EARTH_RADIUS_KM
from planning.travel.osm import edges_from_osm, graph_from_edges, osm_table, snap
from planning.travel.straight import haversine_km


@pytest.fixture(scope="module")
def ladder(fixtures: Path):
    return graph_from_edges(edges_from_osm(fixtures / "travel" / "ladder.osm"))


def test_point_beside_the_middle_of_an_edge_snaps_onto_it(ladder):
    # ladder nodes 2 (37.01, 127.00) and 3 (37.02, 127.00): a primary road at 60 km/h
    lat, lon = 37.015, 127.0005  # ~44 m east of the edge's middle, ~560 m from either node
    s = snap(ladder, [lat], [lon])
    assert s.metres[0] == pytest.approx(0.0005 * np.cos(np.radians(37.015)) * 111_195, rel=2e-3)
    assert s.lat[0] == pytest.approx(37.015, abs=1e-7) and s.lon[0] == pytest.approx(127.0)
    step = haversine_km(np.array([37.01]), np.array([127.0]), np.array([37.02]), np.array([127.0]))
    half = float(step[0]) / 2 / 60 * 60  # minutes for half a step at 60 km/h
    t = osm_table(ladder, [lat], [lon], [37.02, 37.01], [127.0, 127.0], cutoff=60, access_kmh=15)
    access = s.metres[0] / 1000 / 15 * 60
    assert t.dense()[0] == pytest.approx([half + access, half + access], rel=1e-6)
    assert t.meta["site_snap_m"][0] == pytest.approx(s.metres[0])


@pytest.fixture(scope="module")
def yeouido(shared_data):
    pbf = shared_data / "osm-yeouido" / "yeouido.osm.pbf"
    if not pbf.exists():
        pytest.skip("Yeouido extract absent")
    edges = edges_from_osm(pbf)
    return edges, graph_from_edges(edges)


def grid_points(g, n=25):
    r = np.flatnonzero(g.routable)
    la = np.linspace(g.node_lat[r].min(), g.node_lat[r].max(), n)
    lo = np.linspace(g.node_lon[r].min(), g.node_lon[r].max(), n)
    la, lo = np.meshgrid(la, lo)
    return la.ravel(), lo.ravel()


def local_xy(lat, lon, lat0):
    r = EARTH_RADIUS_KM * 1000.0
    return np.radians(lon) * np.cos(lat0) * r, np.radians(lat) * r


def test_yeouido_snap_is_the_nearest_edge_point(yeouido):
    _, g = yeouido
    lat, lon = grid_points(g)
    s = snap(g, lat, lon)
    r = np.flatnonzero(g.routable)
    node_m = (
        haversine_km(lat[:, None], lon[:, None], g.node_lat[r][None], g.node_lon[r][None]).min(1)
        * 1000
    )
    assert np.all(s.metres <= node_m + 1e-6)
    near = node_m < 150  # grid points among the roads (not out on the river)
    assert near.sum() > 100
    gain = node_m[near] - s.metres[near]  # an edge point is nearer than any node
    assert np.percentile(gain, 75) > 5 and gain.max() > 30
    # brute force: distance to every routable segment
    ok = g.routable[g.src] & g.routable[g.dst]
    lat0 = np.radians(np.median(g.node_lat))
    ux, uy = local_xy(g.node_lat[g.src[ok]], g.node_lon[g.src[ok]], lat0)
    vx, vy = local_xy(g.node_lat[g.dst[ok]], g.node_lon[g.dst[ok]], lat0)
    segs = shapely.linestrings(np.stack([np.c_[ux, uy], np.c_[vx, vy]], axis=1))
    px, py = local_xy(lat, lon, lat0)
    brute = np.array(
        [shapely.distance(shapely.Point(x, y), segs).min() for x, y in zip(px, py, strict=True)]
    )
    assert np.allclose(s.metres, brute, rtol=2e-3, atol=0.05)


def test_yeouido_minutes_from_edge_points_match_networkx(yeouido):
    """Insert every snapped point into its edge (split in proportion) and compare with networkx
    shortest paths: the chain coordinates of a point inside an edge are exact."""
    edges, g = yeouido
    rng = np.random.default_rng(5)
    r = np.flatnonzero(g.routable)
    base = rng.choice(r, 60, replace=False)
    lat = g.node_lat[base] + rng.normal(0, 3e-4, 60)
    lon = g.node_lon[base] + rng.normal(0, 3e-4, 60)
    s = snap(g, lat, lon)
    t = osm_table(g, lat[:20], lon[:20], lat[20:], lon[20:], cutoff=30, access_kmh=None)
    got = t.dense()

    G = nx.DiGraph()
    w = {}
    for u, v, m in zip(edges.src, edges.dst, edges.minutes, strict=True):
        key = (int(u), int(v))
        w[key] = min(w.get(key, np.inf), float(m))
    for (u, v), m in w.items():
        G.add_edge(u, v, w=m)
    ok = g.routable[g.src] & g.routable[g.dst]
    lat0 = np.radians(np.median(g.node_lat))
    su, sv = g.src[ok], g.dst[ok]
    ux, uy = local_xy(g.node_lat[su], g.node_lon[su], lat0)
    vx, vy = local_xy(g.node_lat[sv], g.node_lon[sv], lat0)
    segs = shapely.linestrings(np.stack([np.c_[ux, uy], np.c_[vx, vy]], axis=1))
    px, py = local_xy(s.lat, s.lon, lat0)
    on_seg: dict[tuple[int, int], list[tuple[float, tuple]]] = {}
    for i in range(60):
        k = int(np.argmin(shapely.distance(shapely.Point(px[i], py[i]), segs)))
        u, v = int(su[k]), int(sv[k])
        f = np.hypot(px[i] - ux[k], py[i] - uy[k]) / np.hypot(vx[k] - ux[k], vy[k] - uy[k])
        if u > v:
            u, v, f = v, u, 1 - f
        on_seg.setdefault((u, v), []).append((f, ("p", i)))
    # split each edge at its points, in order along it
    for (u, v), pts in on_seg.items():
        pts.sort()
        fs = [0.0] + [f for f, _ in pts] + [1.0]
        nodes = [u] + [q for _, q in pts] + [v]
        for a, b, fa, fb in zip(nodes[:-1], nodes[1:], fs[:-1], fs[1:], strict=True):
            if (u, v) in w:
                G.add_edge(a, b, w=(fb - fa) * w[(u, v)])
            if (v, u) in w:
                G.add_edge(b, a, w=(fb - fa) * w[(v, u)])
    n_reached = 0
    for i in range(20):
        lengths = nx.single_source_dijkstra_path_length(G, ("p", i), weight="w")
        expected = np.array([lengths.get(("p", j), np.inf) for j in range(20, 60)])
        expected[expected > 30] = np.inf
        fin = np.isfinite(expected)
        n_reached += fin.sum()
        assert np.array_equal(np.isfinite(got[i]), fin)
        np.testing.assert_allclose(got[i][fin], expected[fin], rtol=1e-6, atol=1e-6)
    assert n_reached > 500
