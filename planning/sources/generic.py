"""A generic region-value table (CSV or XLSX) keyed by a code or by 시도 + 시군구 names.

Keys understood (via :mod:`planning.crosswalk`): 5-digit KOSTAT or 법정동 시군구 codes,
10-digit MOIS 행정기관코드, 4-digit KOSIS codes, longer 법정동/행정동 codes (first 5 digits),
a single name column (``"서울특별시 종로구"``) or two columns ``시도`` + ``시군구``.
"""

from __future__ import annotations

import pandas as pd

from planning import crosswalk
from planning.errors import DataError
from planning.i18n import msg
from planning.sources import ImportResult, Notice
from planning.sources.readers import (
    Source,
    find_column,
    missing_column,
    read_table,
    source_name,
    to_numbers,
)

CODE_COLUMNS = (
    "sigungu_code",
    "시군구코드",
    "행정기관코드",
    "행정구역코드",
    "법정동코드",
    "행정동코드",
    "kosis_code",
    "adm_cd",
    "code",
    "코드",
)
SIDO_COLUMNS = ("sido", "시도", "시도명", "광역시도", "sido_ko")
SIGUNGU_COLUMNS = ("sigungu", "시군구", "시군구명", "sigungu_ko")
REGION_COLUMNS = (
    "region",
    "지역",
    "행정구역",
    "행정구역별",
    "지역명",
    "행정기관",
    "name_ko",
    "name",
)
_HOW = msg("generic.how")


def _key_columns(columns: list[str]) -> tuple[str | None, str | None, str | None, str | None]:
    code = find_column(columns, CODE_COLUMNS)
    sido = find_column(columns, SIDO_COLUMNS)
    sigungu = find_column(columns, SIGUNGU_COLUMNS, exclude=("코드", "code"))
    region = find_column(columns, REGION_COLUMNS, exclude=("코드", "code"))
    return code, sido, sigungu, region


def _numeric(series: pd.Series) -> bool:
    text = series.dropna().astype(str).str.replace(r"[,\s]", "", regex=True)
    text = text[text != ""]
    return bool(len(text)) and pd.to_numeric(text, errors="coerce").notna().all()


def read_region_table(source: Source, value_columns: list[str] | None = None) -> ImportResult:
    """Values per 시군구, indexed by canonical ``sigungu_code``.

    ``value_columns`` lists the columns to import (each must exist); by default every column
    whose cells are all numbers. Values must be numbers >= 0 with no gaps; 시도 total rows are
    skipped (warning); two rows for one 시군구 are an error (no silent summing of rates).
    A 시 with 일반구 given as one row keeps its city code (the demand layer allocates it).
    """
    name = source_name(source)
    frame = read_table(source)
    columns = list(frame.columns)
    code_col, sido_col, sigungu_col, region_col = _key_columns(columns)
    if code_col is not None:
        keys = frame[code_col].astype("string").str.strip()
        table = crosswalk.match_table(keys)
        labels = keys.fillna("")
        used = [code_col]
        named = [c for c in (sido_col, sigungu_col) if c] or [c for c in (region_col,) if c]
        for col in named:
            labels = labels + " " + frame[col].fillna("")
        used += named
    elif sigungu_col is not None:
        pair = pd.DataFrame(
            {
                "sido": frame[sido_col] if sido_col else pd.Series("", index=frame.index),
                "sigungu": frame[sigungu_col],
            }
        )
        table = crosswalk.match_table(pair)
        labels = (pair["sido"].fillna("") + " " + pair["sigungu"].fillna("")).str.strip()
        used = [c for c in (sido_col, sigungu_col) if c]
    elif region_col is not None:
        table = crosswalk.match_table(frame[region_col], system="name")
        labels = frame[region_col].fillna("")
        used = [region_col]
    else:
        raise DataError.of("generic.no_region", name=name, found=columns, how=_HOW)
    labels = [str(x).strip() for x in labels]

    if value_columns is None:
        value_columns = [c for c in columns if c not in used and _numeric(frame[c])]
        if not value_columns:
            raise DataError.of("generic.no_values", name=name, found=columns, how=_HOW)
    else:
        missing = [c for c in value_columns if c not in columns]
        if missing:
            raise DataError.of(
                "readers.missing", missing=missing_column(missing[0], name, columns), how=_HOW
            )
    out = pd.DataFrame(index=frame.index)
    for col in value_columns:
        out[col] = to_numbers(frame[col], column=col, labels=labels)

    warnings: list[Notice] = []
    kind = table["kind"]
    sido_rows = (kind == "sido").fillna(False).astype(bool)
    branch = (kind == "branch").fillna(False).astype(bool)
    if sido_rows.any():
        rows = ", ".join(labels[i] for i in range(len(labels)) if sido_rows.iloc[i])
        warnings.append(Notice.of("generic.sido_skipped", rows=rows))
    if branch.any():
        rows = ", ".join(labels[i] for i in range(len(labels)) if branch.iloc[i])
        warnings.append(Notice.of("generic.branch_skipped", rows=rows))
    unmatched_mask = table["sigungu_code"].isna()
    unmatched = [labels[i] for i in range(len(labels)) if unmatched_mask.iloc[i]]
    unmatched_mask = unmatched_mask.astype(bool)
    keep = ~(unmatched_mask | sido_rows | branch)
    codes = table.loc[keep, "sigungu_code"]
    dup = codes[codes.duplicated(keep=False)]
    if len(dup):
        rows = [labels[frame.index.get_loc(i)] for i in dup.index][:6]
        raise DataError.of("generic.duplicate", name=name, codes=sorted(set(dup))[:3], rows=rows)
    parts = keep & (kind == "part").fillna(False).astype(bool)
    if parts.any():
        rows = ", ".join(labels[i] for i in range(len(labels)) if parts.iloc[i])
        warnings.append(Notice.of("generic.part_rows", rows=rows))
    city_rows = keep & (kind == "city").fillna(False).astype(bool)
    for i in [i for i in range(len(labels)) if city_rows.iloc[i]]:
        city = table["sigungu_code"].iloc[i]
        present = set(codes) & set(crosswalk.city_members(city))
        if present:
            warnings.append(Notice.of("generic.city_and_gu", name=labels[i], n=len(present)))
    result = out[keep.to_numpy()].copy()
    result.insert(0, "name_ko", [labels[i] for i in range(len(labels)) if keep.iloc[i]])
    result.index = pd.Index(codes.to_numpy(), name="sigungu_code", dtype="string")
    return ImportResult(
        table=result.sort_index(),
        unmatched=unmatched,
        warnings=warnings,
        source=name,
        vintage="",
        unit="",
    )
