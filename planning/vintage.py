"""Demand vintages: the indicators of 2015, 2020 or 2025, always on today's 2020 행정동.

The demand areas stay the 3,501 행정동 of the 2020 boundaries (:mod:`planning.regions`); a vintage
says which year's figures are put on them:

========= ============================================ ============================================
vintage   population (행정동)                            시군구 indicators (recipients, …)
========= ============================================ ============================================
``2025``  2025 register census, 2025 codes mapped onto  2020, allocated by 2025 population share
          the 2020 행정동 (:func:`demand.population_by_area`)
``2020``  2020 census, same 7-digit codes (direct)      2020, allocated by 2020 population share
``2015``  2015 census on the 2015 행정동, carried onto   2015, allocated by the 2015 population on
          the 2020 행정동 by **area-weighted             the 2020 행정동
          interpolation** (:func:`interpolation_matrix`)
========= ============================================ ============================================

Unemployment (KOSIS 지역별고용조사) is bundled for 2024 H1 only; every vintage uses it and says so.

Area-weighted interpolation: each 2015 행정동's residents are split over the 2020 행정동 its
polygon overlaps, in proportion to the overlap area (the classic areal-weighting assumption:
residents spread evenly within a 행정동). Shares are normalised per 2015 행정동, so the national
total is exact; a 행정동 that kept its polygon keeps (almost) all its residents, and splits and
merges are shared out by area.
"""

from __future__ import annotations

from dataclasses import dataclass

import numpy as np
import pandas as pd
import scipy.sparse as sp
import shapely

from planning.errors import DataError
from planning.i18n import t

VINTAGES: tuple[str, ...] = ("2025", "2020", "2015")
DEFAULT_VINTAGE = "2025"

# KOSTAT 2015 시군구 codes that the 2020 crosswalk does not know (renamed units).
KOSTAT_2015_RENAMED = {"23030": "23090"}  # 인천 남구 -> 미추홀구 (2018)


@dataclass(frozen=True)
class Vintage:
    """A demand vintage; how its population is carried onto the 2020 행정동 is the catalog entry
    ``vintage.method.<key>``."""

    key: str
    population_year: int
    sigungu_year: int

    def population_method(self, lang: str = "ko") -> str:
        return t(f"vintage.method.{self.key}", lang)

    @property
    def population_method_ko(self) -> str:
        return self.population_method("ko")

    @property
    def population_method_en(self) -> str:
        return self.population_method("en")


_TABLE = {
    "2025": Vintage("2025", 2025, 2020),
    "2020": Vintage("2020", 2020, 2020),
    "2015": Vintage("2015", 2015, 2015),
}


def parse_vintage(vintage: object | None) -> Vintage:
    """``None`` -> today's; ``"2015"``, ``2015`` -> that vintage; anything else: DataError."""
    key = DEFAULT_VINTAGE if vintage is None else str(vintage).strip()
    if key not in _TABLE:
        raise DataError.of("vintage.unknown", vintage=vintage, known=", ".join(VINTAGES))
    return _TABLE[key]


def interpolation_matrix(source: np.ndarray, target: np.ndarray) -> sp.csr_matrix:
    """Sparse (len(source) x len(target)) overlap shares: row i holds the fractions of source
    polygon i's area that fall in each target polygon, normalised to sum to 1 over its overlaps.

    Polygons must be in one metric CRS. A source polygon overlapping no target gets an empty
    row (its residents would be lost; :func:`carry` refuses that). Pure geometry, no I/O.
    """
    source = np.asarray(source, dtype=object)
    target = np.asarray(target, dtype=object)
    tree = shapely.STRtree(target)
    src_idx, tgt_idx = tree.query(source, predicate="intersects")
    if len(src_idx):
        shapely.prepare(source)
        overlap = shapely.area(shapely.intersection(source[src_idx], target[tgt_idx]))
    else:
        overlap = np.zeros(0)
    keep = overlap > 0
    src_idx, tgt_idx, overlap = src_idx[keep], tgt_idx[keep], overlap[keep]
    totals = np.bincount(src_idx, weights=overlap, minlength=len(source))
    share = overlap / totals[src_idx]
    return sp.csr_matrix((share, (src_idx, tgt_idx)), shape=(len(source), len(target)))


def carry(values: pd.Series, matrix: sp.csr_matrix, source_codes: pd.Index) -> np.ndarray:
    """Carry ``values`` (indexed by source codes) through ``matrix`` onto the targets.

    Raises :class:`DataError` when a code with a value has no polygon or overlaps nothing, so no
    resident is dropped silently.
    """
    position = pd.Series(np.arange(len(source_codes)), index=source_codes)
    missing = values.index.difference(position.index)
    if len(missing):
        raise DataError.of(
            "vintage.no_polygon",
            fix_key="demand.reinstall.fix",
            n=len(missing),
            codes=list(missing[:5]),
        )
    vec = np.zeros(len(source_codes))
    vec[position.loc[values.index].to_numpy()] = values.to_numpy(float)
    empty = np.flatnonzero((np.diff(matrix.indptr) == 0) & (vec != 0))
    if len(empty):
        raise DataError.of("vintage.no_overlap", n=len(empty), codes=list(source_codes[empty][:5]))
    return np.asarray(matrix.T @ vec).ravel()
