"""Road-time samples for fitting and checking :mod:`planning.travel.calibration`.

Builds (straight km, road minutes, origin type, destination type) samples from the real road
data a developer has in ``shared/data`` (see its PROVENANCE.md files): nothing here ships data;
it reads the files at the path given. Used by ``bench/calibrate_straight.py`` and the tests.
"""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path

import numpy as np
import pandas as pd
from scipy import sparse
from scipy.sparse import csgraph

from planning.travel.calibration import AREA_TYPES, SpeedCurve, pair_minutes, type_codes
from planning.travel.straight import area_type_from_name, haversine_km

SEOUL_GRAPHML = "roads-calibration/osm-seoul-central/seoul_central_jongno_jung_drive.graphml"
YEOUIDO_PBF = "osm-yeouido/yeouido.osm.pbf"
EXPRESSWAY_DIR = "roads-calibration/korean-expressway-2011"

#: Seoul's published average car speeds (taxi GPS; see roads-calibration/PROVENANCE.md)
PUBLISHED_DOWNTOWN_KMH = 18.0  # 17–19 km/h
PUBLISHED_CITYWIDE_KMH = (24.2, 25.7)  # 2017, 2014
#: the car profile's motorway speed (planning.travel.osm.HIGHWAY_SPEEDS_KMH["motorway"])
EXPRESSWAY_KMH = 100.0
#: 읍 / 면 short trips (no local sample): tertiary 40 / secondary 50 km/h over a detour of 1.4
RURAL_LOCAL_KMH = {"eup": 40.0 / 1.4, "myeon": 50.0 / 1.4}

#: no door-to-door speed beats the motorway over the smallest long-distance detour (1.21, the
#: 10th percentile of the expressway table's 200–500 km pairs): the fit's bound on ``long``
LONG_KMH_MAX = EXPRESSWAY_KMH / 1.21

URBAN_BANDS = ((0.3, 1.0), (1.0, 2.0), (2.0, 4.0), (4.0, 8.0))
LONG_BANDS = ((10.0, 30.0), (30.0, 60.0), (60.0, 100.0), (100.0, 200.0), (200.0, 400.0))


@dataclass(frozen=True)
class Sample:
    """One set of trips: straight ``km``, target road ``minutes``, type codes of both ends."""

    name: str
    km: np.ndarray
    minutes: np.ndarray
    site_type: np.ndarray
    area_type: np.ndarray
    bands: tuple


@dataclass(frozen=True)
class Samples:
    urban: list[Sample]
    expressway: Sample | None
    freeflow_road_kmh: float
    congestion: float

    @property
    def all(self) -> list[Sample]:
        return self.urban + ([self.expressway] if self.expressway is not None else [])


def _node_pairs(g, n_sources: int, n_targets: int, seed: int):
    """Free-flow minutes and fastest-path metres between random routable node pairs."""
    from planning.travel.osm import _dedupe_min

    rng = np.random.default_rng(seed)
    routable = np.flatnonzero(g.routable)
    S = rng.choice(routable, min(n_sources, len(routable)), replace=False)
    T = rng.choice(routable, min(n_targets, len(routable)), replace=False)
    n = g.n_nodes
    # the original (uncontracted) edges: minutes and metres of the fastest parallel edge
    metres_of = haversine_km(
        g.node_lat[g.src], g.node_lon[g.src], g.node_lat[g.dst], g.node_lon[g.dst]
    )
    u, v, w = _dedupe_min(g.src, g.dst, g.edge_minutes, n)
    key = g.src * n + g.dst
    order = np.argsort(key)
    pos = np.searchsorted(key[order], u * n + v)
    m = metres_of[order][pos]
    G = sparse.csr_matrix((np.maximum(w, 1e-9), (u, v)), shape=(n, n))
    M = sparse.csr_matrix((m, (u, v)), shape=(n, n))
    dist, pred = csgraph.dijkstra(G, directed=True, indices=S, return_predecessors=True)
    km_path = np.zeros((len(S), len(T)))
    for i in range(len(S)):
        cur = T.copy()
        acc = np.zeros(len(T))
        live = pred[i, cur] >= 0
        while live.any():
            p = pred[i, cur[live]]
            acc[live] += np.asarray(M[p, cur[live]]).ravel()
            cur[live] = p
            live = pred[i, cur] >= 0
        km_path[i] = acc
    km = haversine_km(
        g.node_lat[S][:, None], g.node_lon[S][:, None], g.node_lat[T][None], g.node_lon[T][None]
    )
    minutes = dist[:, T]
    return km.ravel(), minutes.ravel(), km_path.ravel()


def urban_sample(g, name: str, congestion: float, seed: int = 0) -> tuple[Sample, float]:
    """동–동 trips 0.3–8 km on an OSM graph; minutes = free-flow minutes / ``congestion``.
    Also returns the free-flow road speed (road km / hour) on those fastest paths."""
    km, minutes, road_km = _node_pairs(g, 150, 600, seed)
    ok = np.isfinite(minutes) & (km >= 0.3) & (km <= 8.0)
    km, minutes, road_km = km[ok], minutes[ok], road_km[ok]
    freeflow = float(road_km.sum() / (minutes.sum() / 60.0))
    zeros = np.zeros(len(km), dtype=np.int64)
    return (
        Sample(name, km, minutes / congestion, zeros, zeros, URBAN_BANDS),
        freeflow,
    )


def _read_csv_rows(path: Path) -> list[list[str]]:
    text = path.open(encoding="utf-8-sig").read().replace("\r", "\n")
    return [line.split(",") for line in text.split("\n") if line.strip()]


def expressway_km(folder: Path) -> tuple[pd.DataFrame, np.ndarray]:
    """Interchange nodes (``name``, ``lat``, ``lon``) and all-pairs shortest route km on the
    2011 expressway links (which reproduce the operator's route-distance table)."""
    rows = _read_csv_rows(folder / "node.csv")
    nodes = pd.DataFrame(
        {
            "name": [r[0] for r in rows[1:]],
            "lat": [float(r[1]) for r in rows[1:]],
            "lon": [float(r[2]) for r in rows[1:]],
        }
    )
    index = {n: i for i, n in enumerate(nodes["name"])}
    arcs = _read_csv_rows(folder / "arc_oneway.csv")
    head = arcs[0]
    fi, ti, di = head.index("From_Name"), head.index("To_Name"), head.index("Revised Distance")
    a = np.array([index[r[fi]] for r in arcs[1:]])
    b = np.array([index[r[ti]] for r in arcs[1:]])
    d = np.array([float(r[di]) for r in arcs[1:]])
    n = len(nodes)
    G = sparse.csr_matrix(
        (np.concatenate([d, d]), (np.concatenate([a, b]), np.concatenate([b, a]))), shape=(n, n)
    )
    return nodes, csgraph.dijkstra(G, directed=False)


#: access legs to an interchange and local trips (road km/h): 동 at Seoul's published arterial
#: average for the first :data:`URBAN_ARTERIAL_KM` straight km and at its published city
#: expressway average beyond (the 2011 network has no urban expressways); 읍 / 면 at the
#: profile's free-flow tertiary / secondary speeds
ACCESS_ROAD_KMH = (25.0, 40.0, 50.0)
URBAN_EXPRESSWAY_KMH = 55.0  # published 53–58 km/h
URBAN_ARTERIAL_KM = 2.0
#: detour of access legs and local trips (road km / straight km, measured 1.26–1.41 on the
#: Seoul sample, 1.40 on the expressway table's 10–30 km pairs)
ACCESS_DETOUR = 1.3
#: an end may use any of its nearest interchanges (the route picks the best entry and exit)
N_INTERCHANGES = 3


def access_kmh(types: np.ndarray) -> np.ndarray:
    """Straight-line speed of local trips per type code."""
    return np.asarray(ACCESS_ROAD_KMH)[np.asarray(types)] / ACCESS_DETOUR


def access_minutes(km: np.ndarray, types: np.ndarray) -> np.ndarray:
    """Minutes of an access leg of ``km`` straight km from an area of each type code to an
    interchange (``km`` may be ``(n, k)`` with ``types`` of length ``n``)."""
    km = np.asarray(km, dtype=np.float64)
    t = np.asarray(types).reshape((-1,) + (1,) * (km.ndim - 1))
    v = access_kmh(t)
    local = km / v * 60.0
    first = np.minimum(km, URBAN_ARTERIAL_KM)
    urban = (first / v + (km - first) * ACCESS_DETOUR / URBAN_EXPRESSWAY_KMH) * 60.0
    return np.where(t == 0, np.minimum(local, urban), local)


def expressway_sample(folder: Path, areas: pd.DataFrame, seed: int = 0, n: int = 40_000) -> Sample:
    """Door-to-door trips between random 행정동 points (``areas``: ``lat``, ``lon``,
    ``name_ko``): an access leg to one of the :data:`N_INTERCHANGES` nearest interchanges at the
    access speed of the area's type, expressway km at :data:`EXPRESSWAY_KMH`, an access leg at
    the other end (the best combination); or the local roads alone when that is faster."""
    nodes, route_km = expressway_km(folder)
    lat, lon = areas["lat"].to_numpy(float), areas["lon"].to_numpy(float)
    types = type_codes([area_type_from_name(x) for x in areas["name_ko"].astype(str)])
    acc_km = haversine_km(
        lat[:, None], lon[:, None], nodes["lat"].to_numpy()[None], nodes["lon"].to_numpy()[None]
    )
    k = N_INTERCHANGES
    ic = np.argsort(acc_km, axis=1)[:, :k]
    v_acc = access_kmh(types)
    acc_min = access_minutes(np.take_along_axis(acc_km, ic, axis=1), types)
    rng = np.random.default_rng(seed)
    i = rng.integers(0, len(lat), n)
    j = rng.integers(0, len(lat), n)
    km = haversine_km(lat[i], lon[i], lat[j], lon[j])
    via = np.full(n, np.inf)
    for p in range(k):
        for q in range(k):
            leg = route_km[ic[i, p], ic[j, q]] / EXPRESSWAY_KMH * 60.0
            via = np.minimum(via, acc_min[i, p] + leg + acc_min[j, q])
    direct = km * 60.0 * (0.5 / v_acc[i] + 0.5 / v_acc[j])
    minutes = np.minimum(via, direct)
    ok = (km >= LONG_BANDS[0][0]) & (km <= LONG_BANDS[-1][1]) & np.isfinite(minutes)
    return Sample(
        "2011 expressways + access (행정동 pairs)",
        km[ok],
        minutes[ok],
        types[i][ok],
        types[j][ok],
        LONG_BANDS,
    )


def load_samples(data: Path, seed: int = 0, areas: pd.DataFrame | None = None) -> Samples:
    """Every sample found under ``data`` (the shared data folder); missing files are skipped."""
    from planning.travel.graphml import edges_from_graphml
    from planning.travel.osm import edges_from_osm, graph_from_edges

    data = Path(data)
    urban: list[Sample] = []
    freeflow = np.nan
    congestion = np.nan
    graphs = []
    if (data / SEOUL_GRAPHML).is_file():
        # maxspeed in that graph was filled in by its publisher: speeds from highway classes
        g = graph_from_edges(edges_from_graphml(data / SEOUL_GRAPHML, use_maxspeed=False))
        graphs.append(("central Seoul (OSMnx GraphML)", g))
    if (data / YEOUIDO_PBF).is_file():
        graphs.append(("Yeouido (OSM PBF)", graph_from_edges(edges_from_osm(data / YEOUIDO_PBF))))
    for k, (name, g) in enumerate(graphs):
        if k == 0:
            # the congestion factor comes from the first (central Seoul) sample
            _, freeflow = urban_sample(g, name, 1.0, seed)
            congestion = PUBLISHED_DOWNTOWN_KMH / freeflow
        s, _ = urban_sample(g, name, congestion, seed)
        urban.append(s)
    express = None
    if (data / EXPRESSWAY_DIR / "node.csv").is_file():
        if areas is None:
            from planning.regions import load_areas

            areas = load_areas()
        express = expressway_sample(data / EXPRESSWAY_DIR, areas, seed)
    return Samples(urban, express, float(freeflow), float(congestion))


# ---- fit and report ---------------------------------------------------------------------
def flat_minutes(km, site_type, area_type, speeds=(25.0, 40.0, 50.0), detour=1.3):
    """Today's flat model: road km (straight x detour) at half each end's type speed."""
    v = np.asarray(speeds, dtype=np.float64)
    return km * detour * 60.0 * (0.5 / v[site_type] + 0.5 / v[area_type])


def fit_curves(samples: Samples) -> dict[str, SpeedCurve]:
    """Least squares on log minutes, each (sample, band) weighted equally. The 읍/면 short-trip
    speeds are fixed (:data:`RURAL_LOCAL_KMH`); 동's short speed, the common long-trip speed and
    each type's midpoint and steepness (at most 1) are fitted."""
    from scipy.optimize import least_squares

    groups = []
    for s in samples.all:
        for lo, hi in s.bands:
            m = (s.km >= lo) & (s.km < hi)
            if m.sum() >= 20:
                groups.append((s.km[m], s.minutes[m], s.site_type[m], s.area_type[m]))

    def curves_of(x) -> dict[str, SpeedCurve]:
        short_d, long_, mid_d, mid_e, mid_m, k_d, k_e, k_m = x
        return {
            "dong": SpeedCurve(short_d, long_, mid_d, k_d),
            "eup": SpeedCurve(RURAL_LOCAL_KMH["eup"], long_, mid_e, k_e),
            "myeon": SpeedCurve(RURAL_LOCAL_KMH["myeon"], long_, mid_m, k_m),
        }

    def resid(x):
        c = curves_of(x)
        out = []
        for km, mins, st, at in groups:
            r = np.log(pair_minutes(km, st, at, c) / mins)
            out.append(r / np.sqrt(len(r)))
        return np.concatenate(out)

    x0 = np.array([15.0, 70.0, 30.0, 30.0, 30.0, 0.8, 0.8, 0.8])
    lo = np.array([5.0, 40.0, 1.0, 1.0, 1.0, 0.2, 0.2, 0.2])
    hi = np.array([40.0, LONG_KMH_MAX, 1000.0, 1000.0, 1000.0, 1.0, 1.0, 1.0])
    res = least_squares(resid, x0, bounds=(lo, hi))
    return curves_of(res.x)


def errors(sample: Sample, model: np.ndarray) -> pd.DataFrame:
    """Median / 90th percentile absolute error (minutes, %) per band."""
    rows = []
    err = model - sample.minutes
    pct = 100.0 * np.abs(err) / sample.minutes
    for lo, hi in sample.bands:
        m = (sample.km >= lo) & (sample.km < hi)
        if not m.any():
            continue
        rows.append(
            {
                "sample": sample.name,
                "km": f"{lo:g}–{hi:g}",
                "trips": int(m.sum()),
                "road_min": float(np.median(sample.minutes[m])),
                "bias_min": float(np.median(err[m])),
                "med_min": float(np.median(np.abs(err[m]))),
                "p90_min": float(np.percentile(np.abs(err[m]), 90)),
                "med_pct": float(np.median(pct[m])),
                "p90_pct": float(np.percentile(pct[m], 90)),
            }
        )
    return pd.DataFrame(rows)


def error_table(samples: Samples, curves: dict[str, SpeedCurve] | None = None) -> str:
    """Markdown table: per sample and band, the flat model's and the calibrated model's error."""
    lines = [
        "| sample | straight km | trips | road min (median) | flat: median / p90 error | "
        "calibrated: median / p90 error |",
        "| --- | --- | ---: | ---: | --- | --- |",
    ]
    for s in samples.all:
        flat = errors(s, flat_minutes(s.km, s.site_type, s.area_type))
        calib = errors(s, pair_minutes(s.km, s.site_type, s.area_type, curves))
        for (_, f), (_, c) in zip(flat.iterrows(), calib.iterrows(), strict=True):
            lines.append(
                f"| {s.name} | {f['km']} | {f['trips']:,} | {f['road_min']:.1f} | "
                f"{f['med_min']:.1f} / {f['p90_min']:.1f} min ({f['med_pct']:.0f} / "
                f"{f['p90_pct']:.0f} %) | {c['med_min']:.1f} / {c['p90_min']:.1f} min "
                f"({c['med_pct']:.0f} / {c['p90_pct']:.0f} %) |"
            )
    return "\n".join(lines)


def door_to_door_kmh(km: float, site: str, area: str, curves=None) -> float:
    """Straight-line km/h of one calibrated trip."""
    t = type_codes([site, area])
    mins = pair_minutes(np.array([km]), t[:1], t[1:], curves)[0]
    return km / (mins / 60.0)


def speed_checks(curves: dict[str, SpeedCurve], samples: Samples | None = None) -> list[str]:
    out = []
    for km in (3.0, 5.0, 8.0):
        v = door_to_door_kmh(km, "dong", "dong", curves)
        out.append(
            f"동–동 {km:g} km: {v:.1f} straight km/h = {v * 1.28:.1f} road km/h at the measured "
            f"urban detour 1.28 (Seoul published: downtown {PUBLISHED_DOWNTOWN_KMH:g}, citywide "
            f"{PUBLISHED_CITYWIDE_KMH[0]:g}–{PUBLISHED_CITYWIDE_KMH[1]:g} km/h)"
        )
    for km in (40.0, 60.0, 80.0):
        for s, a in (("dong", "dong"), ("dong", "eup"), ("eup", "eup"), ("myeon", "myeon")):
            v = door_to_door_kmh(km, s, a, curves)
            out.append(f"{s}–{a} {km:g} km: {v:.1f} straight km/h door to door")
    if samples is not None and samples.expressway is not None:
        e = samples.expressway
        m = (e.km >= 40) & (e.km <= 80)
        v = e.km[m] / (e.minutes[m] / 60.0)
        out.append(
            f"expressway sample 40–80 km: median {np.median(v):.1f} straight km/h "
            f"(p10 {np.percentile(v, 10):.1f}, p90 {np.percentile(v, 90):.1f})"
        )
    return out


__all__ = ["AREA_TYPES", "Sample", "Samples", "error_table", "fit_curves", "load_samples"]
