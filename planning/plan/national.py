"""The bundled national instance: every 행정동 is a demand area and a candidate site, the
existing centers are the network as of a month (default January 2016), the weights are the
default demand index, and the minutes are the national straight-line default (동/읍/면 speeds and
a ferry penalty between landmasses) or, with ``speed_kmh``, one uniform speed."""

from __future__ import annotations

import time
from collections.abc import Mapping
from dataclasses import dataclass

import numpy as np
import pandas as pd

from planning.optimize.problem import LocationProblem
from planning.settings import DEFAULT_AS_OF
from planning.travel.straight import DEFAULT_DETOUR

UNCAPPED_MINUTES = 1e7  # a cutoff no trip in Korea reaches: the table keeps every pair


@dataclass(frozen=True, eq=False)
class NationalInstance:
    problem: LocationProblem
    sites: pd.DataFrame  # id, lat, lon, name_ko, status (existing/candidate), sido_code
    areas: pd.DataFrame  # area_code, name_ko, sido_code, sigungu_code, lat, lon
    indicators: pd.DataFrame  # per area, same order as the problem's demand
    travel: dict
    matrix_s: float

    def site_minutes(self, from_idx: np.ndarray, to_idx: np.ndarray) -> np.ndarray:
        """Uncapped straight-line minutes between sites (rows: ``from_idx``), with the same
        speed settings as the table (per-area speeds at the destination; no ferry penalty)."""
        from planning.travel import straight_table
        from planning.travel.straight import types_from_names

        a, b = self.sites.iloc[np.asarray(from_idx)], self.sites.iloc[np.asarray(to_idx)]
        speed = self.travel.get("speed_kmh")
        kwargs = (
            {"speed_kmh": speed}
            if speed
            else {"area_type": types_from_names(b["name_ko"].astype(str).tolist())}
        )
        table = straight_table(
            a["lat"].to_numpy(),
            a["lon"].to_numpy(),
            b["lat"].to_numpy(),
            b["lon"].to_numpy(),
            cutoff=UNCAPPED_MINUTES,
            detour=self.travel["detour"],
            **kwargs,
        )
        return table.dense()


def national_instance(
    *,
    threshold: float | None = 30.0,
    speed_kmh: float | None = None,
    detour: float = DEFAULT_DETOUR,
    penalty: float | None = None,
    weights: Mapping[str, float] | None = None,
    as_of: str = DEFAULT_AS_OF,
) -> NationalInstance:
    """Build the national problem. ``threshold`` is the table cutoff for the covering models;
    ``None`` builds uncapped minutes (median/center), or minutes cut at ``penalty`` when given."""
    from planning.demand import composite_index
    from planning.plan.model import centers_as_of, load_base, network_sites
    from planning.scenario import DEFAULT_WEIGHTS
    from planning.travel import straight_table
    from planning.travel.straight import straight_table_from_areas

    # the app's base data and sites (ids ``C:`` + center_id, each center's 시도 from its code or
    # the 행정동 holding it): one rule for the app, the CLI and bench
    base = load_base()
    base = base.with_centers(centers_as_of(base.centers, as_of), base.vintages["centers"])
    areas = base.areas
    indicators = base.indicators
    w = composite_index(indicators, dict(weights or DEFAULT_WEIGHTS)).to_numpy(dtype=float)
    area_cols = ["area_code", "name_ko", "sido_code", "sigungu_code", "lat", "lon"]
    plain_areas = pd.DataFrame(areas[area_cols])
    net_sites = network_sites(base)
    names = np.concatenate(
        [base.centers["name_ko"].astype(str).to_numpy(), areas["name_ko"].astype(str).to_numpy()]
    )
    status = np.where(np.arange(len(net_sites.ids)) < net_sites.n_centers, "existing", "candidate")
    sites = pd.DataFrame(
        {
            "id": net_sites.ids.astype(str),
            "lat": net_sites.lat,
            "lon": net_sites.lon,
            "name_ko": names,
            "status": status,
            "sido_code": net_sites.sido.astype(str),
        }
    )
    cutoff = threshold if threshold is not None else (penalty or UNCAPPED_MINUTES)
    t0 = time.perf_counter()
    if speed_kmh is None:
        table = straight_table_from_areas(
            areas,
            sites["lat"].to_numpy(),
            sites["lon"].to_numpy(),
            cutoff=cutoff,
            site_ids=sites["id"].to_numpy(),
            detour=detour,
        )
        travel = {
            "engine": "straight",
            "speeds": "calibrated 동/읍/면 by area name and trip length, ferry between landmasses",
        }
    else:
        table = straight_table(
            sites["lat"].to_numpy(),
            sites["lon"].to_numpy(),
            areas["lat"].to_numpy(float),
            areas["lon"].to_numpy(float),
            cutoff=cutoff,
            speed_kmh=speed_kmh,
            detour=detour,
            site_ids=sites["id"].to_numpy(),
            area_ids=areas["area_code"].to_numpy(),
        )
        travel = {"engine": "straight", "speed_kmh": speed_kmh}
    matrix_s = time.perf_counter() - t0
    travel.update({"detour": detour, "cutoff": cutoff})
    problem = LocationProblem(
        weights=w,
        minutes=table,
        fixed=(sites["status"] == "existing").to_numpy(),
        site_ids=sites["id"].to_numpy(),
        site_region=sites["sido_code"].to_numpy(),
        demand_ids=areas["area_code"].to_numpy(),
    )
    return NationalInstance(
        problem=problem,
        sites=sites,
        areas=plain_areas,
        indicators=indicators.reset_index(drop=True),
        travel=travel,
        matrix_s=matrix_s,
    )
