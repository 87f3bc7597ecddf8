"""The planning data model: the base data read once, the sites of a network and its travel table.

* :class:`BaseData`: areas (ordered by ``area_code``), indicators aligned to them, every center,
  data vintages. :func:`load_base` reads the bundled data (no network access).
* :class:`Sites`: every center (``C:`` + ``center_id``), then one candidate per 행정동 at its
  representative point; :class:`Network`: those sites with one travel table.
"""

from __future__ import annotations

import time
from dataclasses import dataclass, field

import geopandas as gpd
import numpy as np
import pandas as pd
import scipy.sparse as sp

from planning.errors import DataError
from planning.scenario import MAX_THRESHOLD_MIN
from planning.travel.matrix import CENTER_PREFIX

MAX_THRESHOLD = MAX_THRESHOLD_MIN


@dataclass(frozen=True, eq=False)
class BaseData:
    """Everything read from disk once: areas (ordered by area_code), indicators aligned to them."""

    areas: gpd.GeoDataFrame
    indicators: pd.DataFrame
    centers: gpd.GeoDataFrame
    vintages: dict[str, str] = field(default_factory=dict)

    def with_indicator(self, key: str, values: pd.Series, vintage: str) -> BaseData:
        """A copy with one more (or a replaced) indicator column, aligned to the areas."""
        aligned = values.reindex(self.indicators.index)
        if aligned.notna().sum() == 0:
            raise DataError.of("model.upload_unjoined", key=key)
        indicators = self.indicators.copy()
        indicators[key] = aligned.astype(float)
        vintages = {**self.vintages, key: vintage}
        return BaseData(self.areas, indicators, self.centers, vintages)

    def with_centers(self, centers: gpd.GeoDataFrame, vintage: str) -> BaseData:
        return BaseData(self.areas, self.indicators, centers, {**self.vintages, "centers": vintage})


def load_base(vintage: str | None = None) -> BaseData:
    """Read areas, indicators and centers from the installed/bundled data (no network).

    ``vintage`` (``"2015"``, ``"2020"``, ``"2025"``; :mod:`planning.vintage`) picks the year of
    the demand figures; with one given, ``vintages`` names each indicator's year under it and
    ``vintages["demand"]`` the vintage in one sentence (for the UI and the exports). ``None`` or
    today's vintage: today's figures, exactly as before (the app's and ``run``'s files match)."""
    from planning.centers import load_centers
    from planning.demand import INDICATORS, describe_vintage, indicator_vintages, load_indicators
    from planning.regions import load_areas
    from planning.vintage import DEFAULT_VINTAGE, parse_vintage

    areas = load_areas().reset_index(drop=True)
    v = None if vintage is None else parse_vintage(vintage)
    if v is not None and v.key == DEFAULT_VINTAGE:
        v = None  # today's figures: the same data (and files) as without a vintage
    indicators = load_indicators(vintage=None if v is None else v.key)
    indicators = indicators.reindex(pd.Index(areas["area_code"], name="area_code"))
    centers = load_centers()
    years = {} if v is None else indicator_vintages(v.key)
    vintages: dict[str, str] = {}
    for key in indicators.columns:
        ind = INDICATORS.get(key)
        if ind is not None:
            vintages[key] = f"{years.get(key, ind.vintage)} · {ind.source}"
    if v is not None:
        vintages["demand"] = f"{v.key} · {describe_vintage(v.key, 'ko')}"
    vintages["centers"] = "data/centers.csv"
    return BaseData(areas, indicators, centers, vintages)


@dataclass(frozen=True, eq=False)
class Network:
    """Sites (centers first, then candidates) and the travel table at the max threshold."""

    site_ids: np.ndarray
    n_centers: int
    opened: np.ndarray  # 'YYYY-MM' for centers, '' for candidates
    site_sido: np.ndarray  # 2-digit sido code per site
    lat: np.ndarray
    lon: np.ndarray
    table: object  # planning.travel.TravelTable
    csr: sp.csr_matrix  # sites x areas minutes (stored pairs only)
    seconds: float = 0.0

    @property
    def candidate_ids(self) -> np.ndarray:
        return self.site_ids[self.n_centers :]

    def fixed_mask(self, as_of: str) -> np.ndarray:
        mask = np.zeros(len(self.site_ids), dtype=bool)
        mask[: self.n_centers] = self.opened[: self.n_centers] <= as_of
        return mask

    def unreached(self, demand) -> np.ndarray:
        """Areas with demand (> 0 in ``demand``, one value per area) that no site of the table
        reaches at all."""
        return (np.asarray(demand, dtype=float) > 0) & (np.diff(self.csr.tocsc().indptr) == 0)


NEVER = "9999-12"
ALWAYS = "1900-01"  # uploaded centers without opening months


def open_by(centers: pd.DataFrame) -> np.ndarray:
    """'YYYY-MM' by which each center is open (``open_by``); unknown openings never count."""
    col = "open_by" if "open_by" in centers.columns else "opened"
    month = centers[col].astype("string").str.slice(0, 7)
    return month.where(month.str.fullmatch(r"\d{4}-\d{2}").fillna(False), NEVER).to_numpy(str)


def centers_as_of(centers: pd.DataFrame, as_of: str) -> pd.DataFrame:
    return centers[open_by(centers) <= as_of]


def _center_sido(base: BaseData) -> np.ndarray:
    """2-digit sido code of each center, from the 행정동 polygon that holds it."""
    centers = base.centers
    if "sido_code" in centers.columns:
        return centers["sido_code"].astype(str).to_numpy()
    if "sigungu_code" in centers.columns and centers["sigungu_code"].notna().all():
        return centers["sigungu_code"].astype(str).str.slice(0, 2).to_numpy()
    pts = gpd.GeoDataFrame(
        geometry=gpd.points_from_xy(centers["lon"], centers["lat"]), crs=4326
    ).to_crs(base.areas.crs or 4326)
    joined = gpd.sjoin_nearest(pts, base.areas[["sido_code", "geometry"]], how="left")
    joined = joined[~joined.index.duplicated()]
    return joined["sido_code"].astype(str).to_numpy()


@dataclass(frozen=True, eq=False)
class Sites:
    """The network's sites: every center (``CENTER_PREFIX`` + ``center_id``), then one candidate
    per 행정동 (its ``area_code``) at its representative point."""

    ids: np.ndarray
    n_centers: int
    opened: np.ndarray
    sido: np.ndarray
    lat: np.ndarray
    lon: np.ndarray


def network_sites(base: BaseData) -> Sites:
    """The sites every travel engine of the app uses, in the same order."""
    centers = base.centers
    areas = base.areas
    site_ids = np.concatenate(
        [
            (CENTER_PREFIX + centers["center_id"].astype(str)).to_numpy(dtype=object),
            areas["area_code"].astype(str).to_numpy(dtype=object),
        ]
    )
    lat = np.concatenate([centers["lat"].to_numpy(float), areas["lat"].to_numpy(float)])
    lon = np.concatenate([centers["lon"].to_numpy(float), areas["lon"].to_numpy(float)])
    sido = np.concatenate([_center_sido(base), areas["sido_code"].astype(str).to_numpy()])
    opened = np.concatenate([open_by(centers), np.full(len(areas), "", dtype=object)]).astype(str)
    return Sites(site_ids, len(centers), opened, sido.astype(object), lat, lon)


def assemble_network(sites: Sites, table, t0: float) -> Network:
    csr = table.to_csr().tocsr()
    csr.sort_indices()
    return Network(
        site_ids=sites.ids,
        n_centers=sites.n_centers,
        opened=sites.opened,
        site_sido=sites.sido,
        lat=sites.lat,
        lon=sites.lon,
        table=table,
        csr=csr,
        seconds=time.perf_counter() - t0,
    )
