"""The node hierarchy gives exactly the osm engine's table: on random graphs with one-way
streets and rings, and on the real Yeouido extract."""

from __future__ import annotations

import math

import numpy as np
import pytest
from scipy.sparse import csgraph
from test_travel_osm import random_edges  # tests/ is on sys.path (pytest rootdir)

from planning.travel.hierarchy import build_hierarchy, hierarchy_table
from planning.travel.osm import edges_from_osm, graph_from_edges, osm_table


def assert_same(a: np.ndarray, b: np.ndarray) -> None:
    assert np.array_equal(np.isfinite(a), np.isfinite(b))
    fin = np.isfinite(a)
    # virtual edges of 0 minutes are stored as 1e-9
    np.testing.assert_allclose(a[fin], b[fin], rtol=1e-9, atol=1e-8)


@pytest.mark.parametrize("seed", range(12))
def test_random_graphs_match_the_engine(seed):
    edges, n = random_edges(seed)
    g = graph_from_edges(edges)
    object.__setattr__(g, "routable", np.ones(n, dtype=bool))
    h = build_hierarchy(g, core_share=0.0)
    assert h.meta["rounds"] > 0
    kw = {"cutoff": 50, "access_kmh": None}
    a = osm_table(g, g.node_lat, g.node_lon, g.node_lat, g.node_lon, **kw).dense()
    b = hierarchy_table(h, g, g.node_lat, g.node_lon, g.node_lat, g.node_lon, **kw).dense()
    assert_same(a, b)


@pytest.fixture(scope="module")
def yeouido(shared_data):
    pbf = shared_data / "osm-yeouido" / "yeouido.osm.pbf"
    if not pbf.exists():
        pytest.skip("Yeouido extract absent")
    g = graph_from_edges(edges_from_osm(pbf))
    return g, build_hierarchy(g)


def test_core_distances_are_the_graphs(yeouido):
    g, h = yeouido
    assert 0 < h.meta["n_core"] < 0.4 * g.n_kept
    full = csgraph.dijkstra(g.graph, indices=h.core[:40])[:, h.core]
    core = csgraph.dijkstra(h.core_graph, indices=np.arange(40))
    assert_same(full, core)


@pytest.mark.parametrize("cutoff", [3.0, math.inf])
def test_yeouido_matches_the_engine(yeouido, cutoff):
    g, h = yeouido
    rng = np.random.default_rng(4)
    r = np.flatnonzero(g.routable)
    p = rng.choice(r, 250)
    lat, lon = g.node_lat[p] + rng.normal(0, 2e-4, 250), g.node_lon[p] + rng.normal(0, 2e-4, 250)
    a = osm_table(g, lat[:60], lon[:60], lat, lon, cutoff=cutoff)
    b = hierarchy_table(h, g, lat[:60], lon[:60], lat, lon, cutoff=cutoff, workers=2)
    assert_same(a.dense(), b.dense())
    np.testing.assert_array_equal(a.meta["area_snap_m"], b.meta["area_snap_m"])
