"""Benchmark of the travel-time engines (run by hand, not a test).

    python bench/bench_travel.py                 # straight national + OSM synthetic (~1M nodes)
    python bench/bench_travel.py --skip-osm      # straight only
    python bench/bench_travel.py --nodes 200000  # smaller synthetic road graph
    python bench/bench_travel.py --skip-straight --nodes 3000000 --cutoff 90 --sample 0 \
        --workers 2                              # national scale (South Korea's ~3 M nodes)
    python bench/bench_travel.py --skip-straight --skip-osm --osm FILE.osm.pbf  # a real extract

1. ``straight``: every 행정동 (~3,500) to every 행정동 as candidate site, 60-minute cutoff,
   (a) uniform speed and (b) 동/읍/면 speeds with the island ferry penalty.
2. ``osm``: a synthetic road-like graph of national size: a jittered grid of intersections
   (~27 % of the nodes, the kept share measured on the real Yeouido extract) whose street
   segments carry shape points (the other ~73 %), 30 km/h streets, 60 km/h arterials every 8th
   line, 100 km/h one-way motorway pairs every 64th line, over about South Korea's extent.
   3,500 origins = 3,500 destinations on random nodes, 60-minute cutoff. Measures the plain
   ``scipy.sparse.csgraph.dijkstra`` baseline on the uncontracted graph (sample of sources),
   the degree-2 contraction, and the full batched sparse table with 1 and 2 worker processes.
"""

from __future__ import annotations

import argparse
import resource
import sys
import time
from pathlib import Path

import numpy as np

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from planning.travel import straight_table, straight_table_from_areas  # noqa: E402
from planning.travel.osm import RoadEdges, graph_from_edges, osm_table  # noqa: E402


def peak_mb() -> float:
    return resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024


def peak_child_mb() -> float:
    """Largest resident size of any finished worker process (fork shares the graph pages)."""
    return resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss / 1024


def bench_straight(repeat: int = 5) -> None:
    from planning.regions import load_areas
    from planning.travel.islands import find_landmasses

    areas = load_areas()
    lat, lon = areas["lat"].to_numpy(float), areas["lon"].to_numpy(float)
    ids = areas["area_code"].to_numpy(dtype=object)
    print(f"straight: {len(areas)} areas x {len(areas)} sites, cutoff 60 min")
    best = np.inf
    for _ in range(repeat):
        t0 = time.perf_counter()
        t = straight_table(lat, lon, lat, lon, cutoff=60, speed_kmh=40, site_ids=ids, area_ids=ids)
        best = min(best, time.perf_counter() - t0)
    print(f"  uniform 40 km/h:            {best:6.3f} s  ({t.nnz:,} pairs)")
    t0 = time.perf_counter()
    lm = find_landmasses(areas)
    t_lm = time.perf_counter() - t0
    best = np.inf
    for _ in range(repeat):
        t0 = time.perf_counter()
        t = straight_table_from_areas(areas, lat, lon, cutoff=60, site_ids=ids, landmasses=lm)
        best = min(best, time.perf_counter() - t0)
    print(f"  동/읍/면 speeds + islands:   {best:6.3f} s  ({t.nnz:,} pairs)")
    print(f"  island search (once):       {t_lm:6.3f} s  ({int(lm.is_island.sum())} island areas)")


def synthetic_edges(n_nodes: int, seed: int = 0) -> RoadEdges:
    """A road-like directed graph of about ``n_nodes`` nodes over South Korea's extent."""
    rng = np.random.default_rng(seed)
    kept_share = 0.27
    side = int(np.sqrt(n_nodes * kept_share))
    # ~100,000 km2 of land: spacing so that side x side intersections cover it
    spacing_km = np.sqrt(100_000) / side
    ii, jj = np.meshgrid(np.arange(side), np.arange(side), indexing="ij")
    x = ii * spacing_km + rng.normal(0, spacing_km * 0.15, ii.shape)
    y = jj * spacing_km + rng.normal(0, spacing_km * 0.15, jj.shape)
    node_x, node_y = [x.ravel()], [y.ravel()]
    nid = (ii * side + jj).ravel().reshape(side, side)
    # horizontal and vertical street segments between neighbouring intersections
    a = np.concatenate([nid[:-1, :].ravel(), nid[:, :-1].ravel()])
    b = np.concatenate([nid[1:, :].ravel(), nid[:, 1:].ravel()])
    line = np.concatenate([jj[:-1, :].ravel(), ii[:, :-1].ravel()])  # the street's line index
    speed = np.full(len(a), 30.0)
    speed[line % 8 == 0] = 60.0
    motorway = line % 64 == 0
    speed[motorway] = 100.0
    # shape points: spread the remaining node budget over the segments
    n_shape = max(n_nodes - side * side, 0)
    per_seg = rng.multinomial(n_shape, np.full(len(a), 1.0 / len(a)))
    next_id = side * side
    src, dst, kmh, oneway = [], [], [], []
    xa, ya = x.ravel()[a], y.ravel()[a]
    xb, yb = x.ravel()[b], y.ravel()[b]
    k_max = int(per_seg.max())
    # vectorised per number of shape points k
    for k in range(k_max + 1):
        sel = np.flatnonzero(per_seg == k)
        if not len(sel):
            continue
        chain = [a[sel]]
        for s in range(1, k + 1):
            f = s / (k + 1)
            ids = next_id + np.arange(len(sel))
            next_id += len(sel)
            node_x.append(xa[sel] + f * (xb[sel] - xa[sel]) + rng.normal(0, 0.01, len(sel)))
            node_y.append(ya[sel] + f * (yb[sel] - ya[sel]) + rng.normal(0, 0.01, len(sel)))
            chain.append(ids)
        chain.append(b[sel])
        for u, v in zip(chain[:-1], chain[1:], strict=True):
            src.append(u)
            dst.append(v)
            kmh.append(speed[sel])
            oneway.append(motorway[sel])
    X, Y = np.concatenate(node_x), np.concatenate(node_y)
    src, dst = np.concatenate(src), np.concatenate(dst)
    kmh, oneway = np.concatenate(kmh), np.concatenate(oneway)
    metres = np.hypot(X[src] - X[dst], Y[src] - Y[dst]) * 1000.0
    minutes = metres / 1000.0 / kmh * 60.0
    # motorways one-way (the parallel carriageway is the reverse of the next line: keep both
    # directions but only as two separate one-way edges, i.e. the reverse edge is 10 % slower)
    rev_minutes = np.where(oneway, minutes * 1.1, minutes)
    lat = 34.5 + Y / 111.0
    lon = 126.5 + X / (111.0 * np.cos(np.radians(36.0)))
    return RoadEdges(
        node_lat=lat,
        node_lon=lon,
        src=np.concatenate([src, dst]),
        dst=np.concatenate([dst, src]),
        minutes=np.concatenate([minutes, rev_minutes]),
        metres=np.concatenate([metres, metres]),
    )


def bench_osm(
    n_nodes: int,
    n_points: int,
    cutoff: float,
    sample: int,
    workers: tuple[int, ...],
    hierarchy: bool = False,
) -> None:
    from scipy import sparse
    from scipy.sparse import csgraph

    from planning.travel.osm import snap

    t_build = time.perf_counter()
    t0 = time.perf_counter()
    e = synthetic_edges(n_nodes)
    n = len(e.node_lat)
    print(
        f"osm (synthetic): {n:,} nodes, {len(e.src):,} directed edges "
        f"(built in {time.perf_counter() - t0:.1f} s)",
        flush=True,
    )
    rng = np.random.default_rng(1)
    pts = rng.choice(n, n_points, replace=False)
    lat, lon = e.node_lat[pts] + 0.0002, e.node_lon[pts] + 0.0002

    if sample:
        # baseline: plain dijkstra on the full graph, dense rows, a sample of sources
        full = sparse.csr_matrix((e.minutes, (e.src, e.dst)), shape=(n, n))
        t0 = time.perf_counter()
        csgraph.dijkstra(full, directed=True, indices=pts[:sample], limit=cutoff)
        per = (time.perf_counter() - t0) / sample
        print(
            f"  baseline dijkstra (uncontracted graph, dense rows): {1 / per:6.1f} sources/s "
            f"-> {per * n_points:6.1f} s for {n_points} (projected, 1 thread)",
            flush=True,
        )
        del full

    t0 = time.perf_counter()
    g = graph_from_edges(e)
    del e
    print(
        f"  contraction: {g.n_kept:,} kept of {g.n_nodes:,} nodes "
        f"({g.n_kept / g.n_nodes:.0%}), {g.graph.nnz:,} edges, {time.perf_counter() - t0:.1f} s",
        flush=True,
    )
    t0 = time.perf_counter()
    snap(g, lat[:1], lon[:1])  # builds the snap index once per graph
    print(f"  snap index: {time.perf_counter() - t0:.1f} s", flush=True)
    h = None
    if hierarchy:
        from planning.travel.hierarchy import build_hierarchy

        t0 = time.perf_counter()
        h = build_hierarchy(g)
        print(
            f"  hierarchy: core {h.meta['n_core']:,} nodes / {h.meta['core_edges']:,} edges "
            f"after {h.meta['rounds']} rounds, {time.perf_counter() - t0:.1f} s",
            flush=True,
        )
    print(
        f"  one-off build total: {time.perf_counter() - t_build:.1f} s; "
        f"peak RSS {peak_mb():,.0f} MB",
        flush=True,
    )
    for w in workers:
        t0 = time.perf_counter()
        if h is not None:
            from planning.travel.hierarchy import hierarchy_table

            t = hierarchy_table(
                h, g, lat, lon, lat, lon, cutoff=cutoff, workers=w, batch_bytes=64 << 20
            )
        else:
            t = osm_table(g, lat, lon, lat, lon, cutoff=cutoff, workers=w, batch_bytes=64 << 20)
        dt = time.perf_counter() - t0
        print(
            f"  full table {n_points} x {n_points}, {cutoff:g} min, {w} worker(s): "
            f"{dt:6.1f} s ({t.nnz:,} pairs, {t.nnz / n_points:.0f} per origin); "
            f"peak RSS {peak_mb():,.0f} MB (largest worker {peak_child_mb():,.0f} MB)",
            flush=True,
        )


def bench_real(path: Path, cutoff: float) -> None:
    """Parse + contract a real extract (no cache), then route every area point near it."""
    from planning.regions import load_areas
    from planning.travel.osm import edges_from_osm

    t0 = time.perf_counter()
    e = edges_from_osm(path)
    t_parse = time.perf_counter() - t0
    t0 = time.perf_counter()
    g = graph_from_edges(e)
    t_contract = time.perf_counter() - t0
    print(
        f"osm (real) {path.name}: {g.n_nodes:,} car nodes -> {g.n_kept:,} kept "
        f"({g.n_kept / g.n_nodes:.0%}), {int(g.routable.sum()):,} in the largest strongly "
        f"connected part; parse {t_parse:.2f} s, contract {t_contract:.2f} s"
    )
    areas = load_areas()
    lat, lon = areas["lat"].to_numpy(float), areas["lon"].to_numpy(float)
    t0 = time.perf_counter()
    t = osm_table(g, lat, lon, lat, lon, cutoff=cutoff, max_snap_m=1e9)
    print(
        f"  {len(areas)} area points x {len(areas)} (snapped, any distance), {cutoff:g} min: "
        f"{time.perf_counter() - t0:.2f} s, {t.nnz:,} pairs"
    )


def main() -> None:
    p = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawTextHelpFormatter)
    p.add_argument("--skip-osm", action="store_true")
    p.add_argument("--skip-straight", action="store_true")
    p.add_argument("--nodes", type=int, default=1_000_000)
    p.add_argument("--points", type=int, default=3500)
    p.add_argument("--cutoff", type=float, default=60.0)
    p.add_argument("--sample", type=int, default=40, help="sources for the baseline (0: skip it)")
    p.add_argument("--workers", default="1,2", help="worker counts to time, e.g. 2")
    p.add_argument(
        "--hierarchy", action="store_true", help="route on planning.travel.hierarchy's core"
    )
    p.add_argument("--osm", type=Path, help="also time a real .osm.pbf extract")
    a = p.parse_args()
    if not a.skip_straight:
        bench_straight()
    if a.osm:
        bench_real(a.osm, a.cutoff)
    if not a.skip_osm:
        workers = tuple(int(x) for x in a.workers.split(","))
        bench_osm(a.nodes, a.points, a.cutoff, a.sample, workers, a.hierarchy)


if __name__ == "__main__":
    main()
