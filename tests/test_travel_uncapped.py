"""Uncapped minutes: tables with cutoff=inf, the one-pass nearest-site minutes of the osm
engine, and completing a capped table with a fallback."""

from __future__ import annotations

import math

import numpy as np
import pytest

from planning.travel import TravelTable
from planning.travel.osm import edges_from_osm, graph_from_edges, nearest_site_minutes, osm_table


@pytest.fixture(scope="module")
def yeouido(shared_data):
    pbf = shared_data / "osm-yeouido" / "yeouido.osm.pbf"
    if not pbf.exists():
        pytest.skip("Yeouido extract absent")
    return graph_from_edges(edges_from_osm(pbf))


def points(g, n, seed):
    rng = np.random.default_rng(seed)
    r = np.flatnonzero(g.routable)
    x = rng.choice(r, n)
    return g.node_lat[x] + rng.normal(0, 2e-4, n), g.node_lon[x] + rng.normal(0, 2e-4, n)


def test_osm_uncapped_table_keeps_every_reachable_pair(yeouido):
    g = yeouido
    slat, slon = points(g, 12, 1)
    alat, alon = points(g, 150, 2)
    full = osm_table(g, slat, slon, alat, alon, cutoff=math.inf)
    assert full.cutoff == math.inf and full.nnz == 12 * 150  # one strongly connected network
    capped = osm_table(g, slat, slon, alat, alon, cutoff=3.0)
    assert 0 < capped.nnz < full.nnz
    assert np.array_equal(full.within(3.0).dense(), capped.dense())


@pytest.mark.parametrize("access", [15.0, None])
def test_nearest_site_minutes_equal_the_tables_row_minimum(yeouido, access):
    g = yeouido
    slat, slon = points(g, 25, 3)
    alat, alon = points(g, 300, 4)
    table = osm_table(g, slat, slon, alat, alon, cutoff=math.inf, access_kmh=access)
    want_site, want = table.nearest()
    site, minutes = nearest_site_minutes(g, slat, slon, alat, alon, access_kmh=access)
    np.testing.assert_allclose(minutes, want, rtol=0, atol=1e-8)
    d = table.dense()
    # the reported site is a nearest one (ties may differ)
    np.testing.assert_allclose(d[site, np.arange(300)], want, rtol=0, atol=1e-8)
    assert (site == want_site).mean() > 0.95
    # a cutoff leaves the farther areas unreached
    site5, m5 = nearest_site_minutes(g, slat[:2], slon[:2], alat, alon, cutoff=2.0)
    far = table.dense()[:2].min(axis=0) > 2.0
    assert far.any() and np.all(np.isinf(m5[far])) and np.all(site5[far] == -1)


def test_filled_prices_absent_pairs_at_least_the_cutoff():
    t = TravelTable.from_pairs(
        np.array(["s0", "s1"]),
        np.array(["a0", "a1", "a2"]),
        [0, 1],
        [0, 2],
        [10.0, 20.0],
        cutoff=30,
        engine="osm",
    )
    fallback = np.array([[12.0, 25.0, 80.0], [40.0, 90.0, 22.0]])
    out = t.filled(fallback)
    assert out.tolist() == [[10.0, 30.0, 80.0], [40.0, 90.0, 20.0]]
    with pytest.raises(ValueError):
        t.filled(np.zeros((3, 3)))
    unc = TravelTable.from_pairs(
        np.array(["s0"]), np.array(["a0", "a1"]), [0], [0], [5.0], cutoff=math.inf, engine="osm"
    )
    assert unc.filled(np.zeros((1, 2))).tolist() == [[5.0, math.inf]]
