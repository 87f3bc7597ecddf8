"""The ``straight`` engine: great-circle distance x detour factor / speed, the offline default.

Candidate pairs come from a KD-tree on 3-D unit vectors (chord distance is monotone in the
great-circle distance), so only pairs within the largest reachable radius are ever computed;
their distance is then the exact haversine distance.

Two modes:

* ``speed_kmh`` given: ``minutes = haversine_km * detour / speed_kmh * 60`` exactly, with no
  per-area speeds and no island penalty (the optimizer relies on this).
* ``area_type`` given (the national default, :func:`straight_table_from_areas`): the calibrated
  model of :mod:`planning.travel.calibration`, a door-to-door speed by each end's area type
  (동/읍/면) that rises with the trip's length (local streets for short trips, arterials and
  expressways for long ones), fitted on real road samples; ``detour`` scales it relative to
  :data:`DEFAULT_DETOUR` (1.3 = as fitted).
* ``area_speed_kmh`` given (the flat model, ``--area-speeds``): each end of a trip has one speed
  and the trip takes half its road length at each end's speed:
  ``minutes = km * detour * 60 * (0.5 / v_site + 0.5 / v_area)``.

In the last two modes, when landmass labels are given (see :mod:`planning.travel.islands`), a
trip between different landmasses (mainland <-> Jeju, Ulleung, unbridged island 면) pays a flat
ferry penalty on top (the model knows no timetables).

``cutoff=math.inf`` keeps every pair (uncapped minutes for the median/center models and the
average/worst KPIs); :func:`straight_minutes` returns them as a dense array.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence

import numpy as np
from scipy.spatial import cKDTree

from planning.errors import TravelError
from planning.i18n import msg
from planning.settings import EARTH_RADIUS_KM
from planning.travel import calibration
from planning.travel.table import TravelTable

DEFAULT_DETOUR = 1.3
#: uniform speed when neither ``speed_kmh`` nor per-area speeds are given
DEFAULT_SPEED_KMH = 40.0
#: the flat model's door-to-door car speeds by area type (km/h of road length; the default
#: before the calibrated model); 동 = urban neighbourhood, 읍 = town, 면 = rural township.
AREA_TYPE_SPEEDS_KMH: dict[str, float] = {"dong": 25.0, "eup": 40.0, "myeon": 50.0}
#: extra minutes for a trip between two landmasses (waiting + crossing), on top of the road time
DEFAULT_FERRY_MINUTES = 60.0
#: identifies the default national model (changes with its coefficients); part of cache keys
MODEL_FINGERPRINT = f"{calibration.MODEL_FINGERPRINT}|detour={DEFAULT_DETOUR:g}"


def area_type_from_name(name: str) -> str:
    """``dong`` / ``eup`` / ``myeon`` from a 행정동 name's suffix (``'종로1.2.3.4가동'`` -> dong).
    Unknown suffixes count as ``eup`` (middle speed)."""
    name = str(name).strip()
    if name.endswith("면"):
        return "myeon"
    if name.endswith("읍"):
        return "eup"
    if name.endswith("동") or name.endswith("가"):
        return "dong"
    return "eup"


def types_from_names(names: Sequence[str]) -> np.ndarray:
    """Area-type codes (0 동, 1 읍, 2 면; see :data:`planning.travel.calibration.AREA_TYPES`)."""
    return calibration.type_codes([area_type_from_name(n) for n in names])


def speeds_from_names(
    names: Sequence[str], speeds: Mapping[str, float] | None = None
) -> np.ndarray:
    """Per-area speed (km/h) from area names by 동/읍/면 suffix, with ``speeds`` overriding
    :data:`AREA_TYPE_SPEEDS_KMH`."""
    table = {**AREA_TYPE_SPEEDS_KMH, **(speeds or {})}
    for key, value in table.items():
        if not np.isfinite(value) or value <= 0:
            raise TravelError.of("straight.type_speed", key=key, value=value)
    return np.array([table[area_type_from_name(n)] for n in names], dtype=np.float64)


def unit_vectors(lat: np.ndarray, lon: np.ndarray) -> np.ndarray:
    """``(n, 3)`` unit vectors on the sphere for lat/lon in degrees."""
    la, lo = np.radians(lat), np.radians(lon)
    c = np.cos(la)
    return np.column_stack([c * np.cos(lo), c * np.sin(lo), np.sin(la)])


def haversine_km(
    lat1: np.ndarray, lon1: np.ndarray, lat2: np.ndarray, lon2: np.ndarray
) -> np.ndarray:
    """Great-circle distance in km (haversine, mean Earth radius), element-wise."""
    p1, p2 = np.radians(lat1), np.radians(lat2)
    dlat = p2 - p1
    dlon = np.radians(lon2) - np.radians(lon1)
    h = np.sin(dlat / 2.0) ** 2 + np.cos(p1) * np.cos(p2) * np.sin(dlon / 2.0) ** 2
    return 2.0 * EARTH_RADIUS_KM * np.arcsin(np.sqrt(np.clip(h, 0.0, 1.0)))


def _coords(lat, lon, what: str) -> tuple[np.ndarray, np.ndarray]:
    lat = np.asarray(lat, dtype=np.float64).ravel()
    lon = np.asarray(lon, dtype=np.float64).ravel()
    if lat.shape != lon.shape:
        raise TravelError.of("straight.lengths", what=msg(what), n_lat=len(lat), n_lon=len(lon))
    bad = ~(np.isfinite(lat) & np.isfinite(lon) & (np.abs(lat) <= 90) & (np.abs(lon) <= 180))
    if bad.any():
        i = int(np.flatnonzero(bad)[0])
        raise TravelError.of(
            "straight.coords",
            what=msg(what),
            n=int(bad.sum()),
            i=i,
            lat=lat[i],
            lon=lon[i],
        )
    return lat, lon


def candidate_pairs(
    sites_lat: np.ndarray,
    sites_lon: np.ndarray,
    areas_lat: np.ndarray,
    areas_lon: np.ndarray,
    radius_km: float,
) -> tuple[np.ndarray, np.ndarray]:
    """All (site, area) index pairs whose great-circle distance may be ``<= radius_km``."""
    radius_rad = min(radius_km / EARTH_RADIUS_KM, np.pi)
    chord = 2.0 * np.sin(radius_rad / 2.0) * (1 + 1e-9) + 1e-12
    ts = cKDTree(unit_vectors(sites_lat, sites_lon))
    ta = cKDTree(unit_vectors(areas_lat, areas_lon))
    coo = ts.sparse_distance_matrix(ta, chord, output_type="ndarray")
    return coo["i"].astype(np.int64), coo["j"].astype(np.int64)


def straight_table(
    sites_lat: np.ndarray,
    sites_lon: np.ndarray,
    areas_lat: np.ndarray,
    areas_lon: np.ndarray,
    *,
    cutoff: float,
    speed_kmh: float | None = None,
    detour: float = DEFAULT_DETOUR,
    site_ids: Sequence | None = None,
    area_ids: Sequence | None = None,
    area_speed_kmh: np.ndarray | None = None,
    site_speed_kmh: np.ndarray | None = None,
    area_landmass: np.ndarray | None = None,
    site_landmass: np.ndarray | None = None,
    ferry_minutes: float = DEFAULT_FERRY_MINUTES,
    area_type: np.ndarray | None = None,
    site_type: np.ndarray | None = None,
) -> TravelTable:
    """Straight-line travel minutes from sites to areas, kept up to ``cutoff`` minutes
    (``math.inf``: every pair).

    With ``speed_kmh``: exactly ``haversine_km * detour / speed_kmh * 60`` (per-area speeds
    and landmasses are not used). With ``area_type`` (codes 0/1/2 from
    :func:`types_from_names`): the calibrated model (``site_type`` defaults to the nearest
    area's). Otherwise per-end speeds ``site_speed_kmh`` / ``area_speed_kmh`` (default
    :data:`DEFAULT_SPEED_KMH`; a missing site speed is taken from the nearest area). Both
    per-area modes add a ``ferry_minutes`` penalty between different landmass labels.
    """
    sites_lat, sites_lon = _coords(sites_lat, sites_lon, "straight.what.site")
    areas_lat, areas_lon = _coords(areas_lat, areas_lon, "straight.what.area")
    n_s, n_a = len(sites_lat), len(areas_lat)
    site_ids = np.arange(n_s) if site_ids is None else np.asarray(site_ids)
    area_ids = np.arange(n_a) if area_ids is None else np.asarray(area_ids)
    if len(site_ids) != n_s or len(area_ids) != n_a:
        raise TravelError.of("straight.ids")
    if cutoff is None or np.isnan(cutoff) or cutoff <= 0:
        raise TravelError.of("travel.threshold", cutoff=cutoff)
    if not np.isfinite(detour) or detour < 1.0:
        raise TravelError.of("straight.detour", detour=detour)
    meta: dict = {"detour": float(detour)}
    if n_s == 0 or n_a == 0:
        return TravelTable.from_pairs(
            site_ids, area_ids, [], [], [], cutoff=cutoff, engine="straight", meta=meta
        )

    if speed_kmh is not None:
        if not np.isfinite(speed_kmh) or speed_kmh <= 0:
            raise TravelError.of("straight.speed", speed=speed_kmh)
        radius = cutoff / 60.0 * speed_kmh / detour
        si, ai = candidate_pairs(sites_lat, sites_lon, areas_lat, areas_lon, radius)
        km = haversine_km(sites_lat[si], sites_lon[si], areas_lat[ai], areas_lon[ai])
        minutes = km * detour / speed_kmh * 60.0
        meta["speed_kmh"] = float(speed_kmh)
        return TravelTable.from_pairs(
            site_ids, area_ids, si, ai, minutes, cutoff=cutoff, engine="straight", meta=meta
        )

    if area_type is not None:
        t_area = np.asarray(area_type, dtype=np.int64).ravel()
        if len(t_area) != n_a or t_area.min() < 0 or t_area.max() >= len(calibration.AREA_TYPES):
            raise TravelError.of("straight.area_types", fix_key="straight.types.fix")
        if site_type is None:
            _, near = cKDTree(unit_vectors(areas_lat, areas_lon)).query(
                unit_vectors(sites_lat, sites_lon)
            )
            t_site = t_area[near]
        else:
            t_site = np.asarray(site_type, dtype=np.int64).ravel()
            if len(t_site) != n_s:
                raise TravelError.of("straight.site_types", fix_key="straight.types.fix")
        scale = detour / DEFAULT_DETOUR
        radius = cutoff / 60.0 * calibration.max_speed_kmh() / scale
        si, ai = candidate_pairs(sites_lat, sites_lon, areas_lat, areas_lon, radius)
        km = haversine_km(sites_lat[si], sites_lon[si], areas_lat[ai], areas_lon[ai])
        minutes = calibration.pair_minutes(km, t_site[si], t_area[ai]) * scale
        meta["model"] = "calibrated"
        meta["fingerprint"] = calibration.MODEL_FINGERPRINT
    else:
        v_area = (
            np.full(n_a, DEFAULT_SPEED_KMH)
            if area_speed_kmh is None
            else np.asarray(area_speed_kmh, dtype=np.float64).ravel()
        )
        if len(v_area) != n_a or not np.all(np.isfinite(v_area) & (v_area > 0)):
            raise TravelError.of("straight.area_speeds")
        if site_speed_kmh is None:
            _, near = cKDTree(unit_vectors(areas_lat, areas_lon)).query(
                unit_vectors(sites_lat, sites_lon)
            )
            v_site = v_area[near]
        else:
            v_site = np.asarray(site_speed_kmh, dtype=np.float64).ravel()
            if len(v_site) != n_s or not np.all(np.isfinite(v_site) & (v_site > 0)):
                raise TravelError.of("straight.site_speeds")
        vmax = float(max(v_area.max(), v_site.max()))
        radius = cutoff / 60.0 * vmax / detour
        si, ai = candidate_pairs(sites_lat, sites_lon, areas_lat, areas_lon, radius)
        km = haversine_km(sites_lat[si], sites_lon[si], areas_lat[ai], areas_lon[ai])
        minutes = km * detour * 60.0 * (0.5 / v_site[si] + 0.5 / v_area[ai])
        meta["model"] = "flat"
    if (area_landmass is None) != (site_landmass is None):
        raise TravelError.of("straight.landmass_one_side")
    if area_landmass is not None:
        lm_a = np.asarray(area_landmass).ravel()
        lm_s = np.asarray(site_landmass).ravel()
        if len(lm_a) != n_a or len(lm_s) != n_s:
            raise TravelError.of("straight.landmass_count")
        minutes = minutes + np.where(lm_s[si] != lm_a[ai], float(ferry_minutes), 0.0)
        meta["ferry_minutes"] = float(ferry_minutes)
    meta["speed_kmh"] = None
    return TravelTable.from_pairs(
        site_ids, area_ids, si, ai, minutes, cutoff=cutoff, engine="straight", meta=meta
    )


def straight_table_from_areas(
    areas,
    sites_lat: np.ndarray,
    sites_lon: np.ndarray,
    *,
    cutoff: float,
    site_ids: Sequence | None = None,
    detour: float = DEFAULT_DETOUR,
    speeds: Mapping[str, float] | None = None,
    ferry_minutes: float = DEFAULT_FERRY_MINUTES,
    landmasses=None,
    bridge_gap_m: float | None = None,
    model: str = "calibrated",
    site_type: np.ndarray | None = None,
) -> TravelTable:
    """The national default: straight minutes from sites to the demand ``areas`` (a
    GeoDataFrame with ``area_code``, ``name_ko``, ``lat``, ``lon``, ``geometry``) with a
    ferry penalty between landmasses (see :mod:`planning.travel.islands`; pass precomputed
    ``landmasses`` to skip the ~1 s island search).

    ``model="calibrated"`` (default): the calibrated door-to-door speeds by 동/읍/면 type and
    trip length (:mod:`planning.travel.calibration`; a site takes the type of its nearest area
    unless ``site_type`` gives the codes). ``model="flat"`` or any ``speeds``
    (``{"dong": 25, ...}`` km/h, overriding :data:`AREA_TYPE_SPEEDS_KMH`): one speed per type
    whatever the trip's length, half the trip at each end's speed. ``cutoff=math.inf`` keeps
    every pair."""
    from planning.travel import islands

    if model not in ("calibrated", "flat"):
        raise TravelError.of("straight.model", model=model)
    if speeds:
        model = "flat"
    if landmasses is None:
        kwargs = {} if bridge_gap_m is None else {"bridge_gap_m": bridge_gap_m}
        landmasses = islands.find_landmasses(areas, **kwargs)
    site_label = islands.label_points(landmasses, sites_lat, sites_lon)
    names = areas["name_ko"].astype(str)
    per_area = (
        {"area_type": types_from_names(names), "site_type": site_type}
        if model == "calibrated"
        else {"area_speed_kmh": speeds_from_names(names, speeds)}
    )
    table = straight_table(
        sites_lat,
        sites_lon,
        areas["lat"].to_numpy(float),
        areas["lon"].to_numpy(float),
        cutoff=cutoff,
        detour=detour,
        site_ids=site_ids,
        area_ids=areas["area_code"].to_numpy(dtype=object),
        area_landmass=landmasses.area_label,
        site_landmass=site_label,
        ferry_minutes=ferry_minutes,
        **per_area,
    )
    if model == "flat":
        table.meta["speeds_kmh"] = {**AREA_TYPE_SPEEDS_KMH, **(speeds or {})}
    table.meta["bridge_gap_m"] = landmasses.bridge_gap_m
    return table


def straight_minutes(
    areas,
    sites_lat: np.ndarray,
    sites_lon: np.ndarray,
    *,
    landmasses=None,
    dtype=np.float32,
    **kwargs,
) -> np.ndarray:
    """Dense uncapped minutes ``(n_sites, n_areas)`` of the national default model (the same
    numbers as :func:`straight_table_from_areas` with ``cutoff=math.inf``), for the
    median/center objectives and the average/worst KPIs. 3,600 sites x 3,501 areas take
    ~50 MB as float32 (pass ``dtype=np.float64`` for exact agreement with the table)."""
    table = straight_table_from_areas(
        areas, sites_lat, sites_lon, cutoff=np.inf, landmasses=landmasses, **kwargs
    )
    out = np.empty((table.n_sites, table.n_areas), dtype=dtype)
    out[table.site_idx, table.area_idx] = table.minutes
    return out
