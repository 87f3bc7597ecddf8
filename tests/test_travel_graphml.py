"""OSMnx GraphML as a second road input: a hand-made GraphML (written with networkx, as OSMnx
does) with hand answers, and the real central-Seoul OSMnx graph against networkx."""

from __future__ import annotations

import networkx as nx
import numpy as np
import pytest

from planning import settings
from planning.errors import TravelError
from planning.travel.graphml import edges_from_graphml, is_graphml
from planning.travel.osm import HIGHWAY_SPEEDS_KMH, graph_from_edges, graph_from_osm, osm_table
from planning.travel.straight import haversine_km


def km(a, b) -> float:
    return float(
        haversine_km(np.array([a[0]]), np.array([a[1]]), np.array([b[0]]), np.array([b[1]]))[0]
    )


A, B, C, D = (37.00, 127.00), (37.00, 127.01), (37.01, 127.01), (37.01, 127.00)
BEND = (37.005, 127.012)  # a shape point of the B-C road


def write_graph(path):
    """OSMnx-style MultiDiGraph: A<->B primary, B<->C secondary through a shape point
    (both directions stored, with reversed geometry), C->D one-way residential with a list
    of highway values, D-A private (dropped), D->A footway (not for cars)."""
    G = nx.MultiDiGraph(crs="epsg:4326")
    for name, (lat, lon) in {"1": A, "2": B, "3": C, "4": D}.items():
        G.add_node(name, y=str(lat), x=str(lon), street_count="2")

    def line(*pts):
        return "LINESTRING (" + ", ".join(f"{lo} {la}" for la, lo in pts) + ")"

    G.add_edge("1", "2", highway="primary", oneway="False", length="888")
    G.add_edge("2", "1", highway="primary", oneway="False", length="888")
    G.add_edge("2", "3", highway="secondary", oneway="False", geometry=line(B, BEND, C))
    G.add_edge("3", "2", highway="secondary", oneway="False", geometry=line(C, BEND, B))
    G.add_edge("3", "4", highway="['residential', 'unclassified']", oneway="True")
    G.add_edge("4", "1", highway="tertiary", access="private")
    G.add_edge("4", "1", highway="footway")
    G.add_edge("4", "1", highway="tertiary", maxspeed="['20', '30']", oneway="True")
    nx.write_graphml(G, path)
    return path


def test_hand_made_graphml_minutes(tmp_path):
    path = write_graph(tmp_path / "g.graphml")
    assert is_graphml(path)
    e = edges_from_graphml(path)
    assert len(e.node_lat) == 5  # the shape point of B-C is shared by both directions
    g = graph_from_edges(e)
    t = osm_table(
        g, [A[0], C[0]], [A[1], C[1]], [C[0], A[0]], [C[1], A[1]], cutoff=60, access_kmh=None
    )
    d = t.dense()
    v = HIGHWAY_SPEEDS_KMH
    ab = km(A, B) / v["primary"] * 60
    bc = (km(B, BEND) + km(BEND, C)) / v["secondary"] * 60
    cd = km(C, D) / v["residential"] * 60  # the first of the listed classes
    da = km(D, A) / 20 * 60  # maxspeed 20 (first value); the private and foot ways dropped
    assert d[0, 0] == pytest.approx(ab + bc, rel=1e-9)  # A -> C
    assert d[1, 1] == pytest.approx(min(cd + da, bc + ab), rel=1e-9)  # C -> A
    # without maxspeed the D->A tertiary runs at the profile's 40 km/h
    g2 = graph_from_edges(edges_from_graphml(path, use_maxspeed=False))
    t2 = osm_table(g2, [D[0]], [D[1]], [A[0]], [A[1]], cutoff=60, access_kmh=None)
    assert t2.dense()[0, 0] == pytest.approx(km(D, A) / v["tertiary"] * 60, rel=1e-9)


def test_graph_from_osm_reads_graphml_and_caches_it(tmp_path, monkeypatch):
    monkeypatch.setattr(settings, "CACHE_DIR", tmp_path / "cache")
    path = write_graph(tmp_path / "g.graphml")
    g1 = graph_from_osm(path)
    assert len(list((tmp_path / "cache").rglob("*.npz"))) == 1
    g2 = graph_from_osm(path)
    assert np.array_equal(g1.graph.toarray(), g2.graph.toarray())
    graph_from_osm(path, use_maxspeed=False)  # another profile, another cache entry
    assert len(list((tmp_path / "cache").rglob("*.npz"))) == 2


def test_bad_graphml_raises_clear_errors(tmp_path):
    bad = tmp_path / "bad.graphml"
    bad.write_text(
        '<?xml version="1.0"?><graphml xmlns="http://graphml.graphdrawing.org/xmlns"><graph>'
    )
    with pytest.raises(TravelError, match="GraphML") as e:
        edges_from_graphml(bad)
    assert e.value.problem_ko
    empty = tmp_path / "empty.graphml"
    G = nx.MultiDiGraph()
    G.add_node("1", x="127", y="37")
    G.add_node("2", x="127.01", y="37")
    G.add_edge("1", "2", highway="footway")
    nx.write_graphml(G, empty)
    with pytest.raises(TravelError, match="no drivable roads"):
        edges_from_graphml(empty)


def test_seoul_graphml_matches_networkx(shared_data):
    """The real OSMnx graph of central Seoul: minutes from our reader + contraction equal
    networkx shortest paths on the same file read by networkx, edge length / class speed."""
    path = (
        shared_data
        / "roads-calibration"
        / "osm-seoul-central"
        / "seoul_central_jongno_jung_drive.graphml"
    )
    if not path.exists():
        pytest.skip("central Seoul GraphML absent")
    e = edges_from_graphml(path, use_maxspeed=False)
    assert e.metres.sum() / 2000 == pytest.approx(608 / 2, rel=0.02)  # 608 km of road (PROVENANCE)
    g = graph_from_edges(e)
    G0 = nx.read_graphml(path)
    G = nx.DiGraph()
    for u, v, d in G0.edges(data=True):
        hw = d.get("highway", "")
        hw = hw.strip("[]").split(",")[0].strip(" '") if hw.startswith("[") else hw
        if hw not in HIGHWAY_SPEEDS_KMH:
            continue
        w = float(d["length"]) / 1000 / HIGHWAY_SPEEDS_KMH[hw] * 60
        if not G.has_edge(u, v) or G[u][v]["w"] > w:
            G.add_edge(u, v, w=w)
    ids = [n for n in G0.nodes]
    lat = np.array([float(G0.nodes[n]["y"]) for n in ids])
    lon = np.array([float(G0.nodes[n]["x"]) for n in ids])
    rng = np.random.default_rng(2)
    S = rng.choice(len(ids), 15, replace=False)
    T = rng.choice(len(ids), 150, replace=False)
    t = osm_table(g, lat[S], lon[S], lat[T], lon[T], cutoff=8, access_kmh=None, max_snap_m=1)
    d = t.dense()
    compared = 0
    for i, s in enumerate(S):
        lengths = nx.single_source_dijkstra_path_length(G, ids[s], weight="w")
        exp = np.array([lengths.get(ids[j], np.inf) for j in T])
        fin = np.isfinite(d[i]) & np.isfinite(exp) & (exp < 7.5)
        compared += fin.sum()
        # OSMnx lengths and our haversine sums of the geometry agree to ~0.5 %
        np.testing.assert_allclose(d[i][fin], exp[fin], rtol=1e-2, atol=1e-3)
    assert compared > 500
