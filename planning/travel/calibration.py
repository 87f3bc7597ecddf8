"""The calibrated straight-line speed model: door-to-door speed that rises with trip length.

A trip of ``km`` straight-line kilometres between an origin of area type ``s`` and a destination
of type ``a`` (동 ``dong`` / 읍 ``eup`` / 면 ``myeon``) takes

    minutes = km * 60 * (0.5 / v_s(km) + 0.5 / v_a(km))

where ``v_t(km) = short_t + (long - short_t) / (1 + (mid_t / km) ** steep_t)`` is an effective
speed in straight-line km per hour (the roads' detour is inside it): short trips run on local
streets at about ``short_t``, long ones reach arterials and expressways and approach ``long``;
half the rise is reached at ``mid_t`` km. With ``steep <= 1`` the speed grows slower than the
distance, so a longer trip never takes less time.

Where the coefficients come from (fitted by ``python bench/calibrate_straight.py``, which reads
``../shared/data``; no data or tables from it ship with the project):

* 동, short trips: car-profile road minutes (:data:`planning.travel.osm.HIGHWAY_SPEEDS_KMH`,
  free flow) between random node pairs 0.3–8 km apart on two real OpenStreetMap samples, central
  Seoul (OSMnx drive graph of 종로·중구·서대문, 2023) and Yeouido (PBF, 2024), slowed by the
  ratio of Seoul's published downtown average car speed (18 km/h, taxi GPS, 2014–2017) to the
  profile's free-flow speed on the same fastest paths (:data:`URBAN_CONGESTION`).
* long trips (all types): door to door between real 행정동 points through the 2011 national
  expressway network (Korea Expressway Corporation link lengths, Chung & Kwon 2015, CC BY-SA
  4.0) at the profile's motorway speed (100 km/h), with access legs from each 행정동 point to the
  best of its three nearest interchanges (동: Seoul's published arterial average 25 km/h for
  the first 2 km, its published city-expressway average 55 km/h beyond; 읍 / 면: the profile's
  tertiary / secondary speed), or the local roads alone when faster. The common long-trip
  speed is bounded by the motorway over the smallest long-distance detour (100 / 1.21).
* 읍 / 면, short trips: no local sample exists; the local speed is the profile's free-flow speed
  of the roads such towns and townships are reached by (tertiary 40 km/h for 읍, secondary
  50 km/h for 면) over the detour measured on the samples (1.4): a stated assumption.

What the model cannot know: congestion beyond the 동 average (rush hour, holidays), ferries'
timetables (a trip between landmasses pays a flat penalty on top, see
:mod:`planning.travel.islands`), roads built after 2011 on the expressway side, and mountains
or rivers that force a detour larger than the average.
"""

from __future__ import annotations

from dataclasses import dataclass

import numpy as np

#: area types in the order the coefficients are listed
AREA_TYPES = ("dong", "eup", "myeon")


@dataclass(frozen=True)
class SpeedCurve:
    """Effective door-to-door speed (straight-line km/h) as a function of straight km."""

    short_kmh: float
    long_kmh: float
    mid_km: float
    steep: float

    def __post_init__(self) -> None:
        if not (0 < self.short_kmh <= self.long_kmh and self.mid_km > 0 and 0 < self.steep <= 1):
            raise ValueError(f"invalid speed curve {self}")

    def kmh(self, km: np.ndarray) -> np.ndarray:
        km = np.maximum(np.asarray(km, dtype=np.float64), 1e-9)
        rise = 1.0 / (1.0 + (self.mid_km / km) ** self.steep)
        return self.short_kmh + (self.long_kmh - self.short_kmh) * rise


#: Seoul's published downtown average car speed (18 km/h) over the car profile's free-flow road
#: speed on the fastest paths of the central Seoul sample (45.3 km/h); applied to 동 short trips
URBAN_CONGESTION = 0.40

#: fitted by bench/calibrate_straight.py (2026-12-01) on the samples listed above
CALIBRATED_CURVES: dict[str, SpeedCurve] = {
    "dong": SpeedCurve(short_kmh=10.1, long_kmh=82.6, mid_km=74.0, steep=1.00),
    "eup": SpeedCurve(short_kmh=28.6, long_kmh=82.6, mid_km=195.2, steep=0.92),
    "myeon": SpeedCurve(short_kmh=35.7, long_kmh=82.6, mid_km=184.0, steep=1.00),
}

#: changes whenever a coefficient does (part of the app's travel cache key)
MODEL_FINGERPRINT = "calibrated-1|" + "|".join(
    f"{t}:{c.short_kmh:g},{c.long_kmh:g},{c.mid_km:g},{c.steep:g}"
    for t, c in CALIBRATED_CURVES.items()
)


def type_codes(types) -> np.ndarray:
    """Area-type names (``dong``/``eup``/``myeon``) -> integer codes 0/1/2."""
    lookup = {t: i for i, t in enumerate(AREA_TYPES)}
    return np.array([lookup[str(t)] for t in types], dtype=np.int64)


def pair_minutes(
    km: np.ndarray,
    site_type: np.ndarray,
    area_type: np.ndarray,
    curves: dict[str, SpeedCurve] | None = None,
) -> np.ndarray:
    """Calibrated minutes for trips of ``km`` straight km between the given type codes."""
    curves = curves or CALIBRATED_CURVES
    km = np.asarray(km, dtype=np.float64)
    inv = np.empty((len(AREA_TYPES), len(km)))
    for i, t in enumerate(AREA_TYPES):
        inv[i] = 1.0 / curves[t].kmh(km)
    n = np.arange(len(km))
    return km * 60.0 * (0.5 * inv[np.asarray(site_type), n] + 0.5 * inv[np.asarray(area_type), n])


def max_speed_kmh(curves: dict[str, SpeedCurve] | None = None) -> float:
    """An upper bound of every curve's speed (for the straight engine's search radius)."""
    curves = curves or CALIBRATED_CURVES
    return float(max(max(c.long_kmh, c.short_kmh) for c in curves.values()))
