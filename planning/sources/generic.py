"""A generic region-value table (CSV or XLSX) keyed by a code or by 시도 + 시군구 names.

Keys understood (via :mod:`planning.crosswalk`): 5-digit KOSTAT or 법정동 시군구 codes,
10-digit MOIS 행정기관코드, 4-digit KOSIS codes, longer 법정동/행정동 codes (first 5 digits),
a single name column (``"서울특별시 종로구"``) or two columns ``시도`` + ``시군구``.
"""

from __future__ import annotations

import pandas as pd

from planning import crosswalk
from planning.errors import DataError
from planning.sources import ImportResult, Notice
from planning.sources.readers import (
    Source,
    find_column,
    missing_column_ko,
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
_HOW = (
    "give one row per 시군구 with a code column (sigungu_code, 행정기관코드, 법정동코드...) or "
    "'시도' and '시군구' name columns, plus numeric value columns"
)
_HOW_KO = (
    "시군구마다 한 행으로, 코드 열(sigungu_code, 행정기관코드, 법정동코드 등) 또는 ‘시도’와 "
    "‘시군구’ 이름 열, 그리고 숫자 값 열을 넣어 다시 올려 주세요."
)


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
        raise DataError(
            f"no region column in '{name}' (a code, '시도'+'시군구' or '지역'); found: {columns}",
            _HOW,
            problem_ko=(
                f"‘{name}’ 파일에 지역 열(코드, ‘시도’+‘시군구’ 또는 ‘지역’)이 없습니다. "
                f"있는 열: {columns}"
            ),
            fix_ko=_HOW_KO,
        )
    labels = [str(x).strip() for x in labels]

    if value_columns is None:
        value_columns = [c for c in columns if c not in used and _numeric(frame[c])]
        if not value_columns:
            raise DataError(
                f"no numeric value columns in '{name}'; found: {columns}",
                _HOW,
                problem_ko=f"‘{name}’ 파일에 숫자 값 열이 없습니다. 있는 열: {columns}",
                fix_ko=_HOW_KO,
            )
    else:
        missing = [c for c in value_columns if c not in columns]
        if missing:
            raise DataError(
                f"column '{missing[0]}' missing in '{name}'; found: {columns}",
                _HOW,
                problem_ko=missing_column_ko(missing[0], name, columns),
                fix_ko=_HOW_KO,
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
        warnings.append(
            Notice(
                f"skipped 시도 total rows: {rows}",
                f"시도 합계 행은 건너뛰었습니다: {rows}",
            )
        )
    if branch.any():
        rows = ", ".join(labels[i] for i in range(len(labels)) if branch.iloc[i])
        warnings.append(
            Notice(
                f"skipped 출장소 rows (counted in their parent 시군구): {rows}",
                f"출장소 행은 건너뛰었습니다(상위 시군구에 포함되어 있습니다): {rows}",
            )
        )
    unmatched_mask = table["sigungu_code"].isna()
    unmatched = [labels[i] for i in range(len(labels)) if unmatched_mask.iloc[i]]
    unmatched_mask = unmatched_mask.astype(bool)
    keep = ~(unmatched_mask | sido_rows | branch)
    codes = table.loc[keep, "sigungu_code"]
    dup = codes[codes.duplicated(keep=False)]
    if len(dup):
        rows = [labels[frame.index.get_loc(i)] for i in dup.index][:6]
        raise DataError(
            f"several rows of '{name}' fall in the same 시군구 {sorted(set(dup))[:3]}: {rows}",
            "keep one row per 시군구 (sum counts of its 구/동 first; do not sum rates)",
            problem_ko=(
                f"‘{name}’ 파일의 여러 행이 같은 시군구 {sorted(set(dup))[:3]}에 해당합니다: {rows}"
            ),
            fix_ko=(
                "시군구마다 한 행만 남겨 주세요(구·동별 인원은 먼저 합산하고, 비율은 더하지 마세요)."
            ),
        )
    parts = keep & (kind == "part").fillna(False).astype(bool)
    if parts.any():
        rows = ", ".join(labels[i] for i in range(len(labels)) if parts.iloc[i])
        warnings.append(
            Notice(
                f"rows for a part of a 시군구 used as the whole 시군구: {rows}",
                f"시군구의 일부 지역 행을 그 시군구 전체의 값으로 썼습니다: {rows}",
            )
        )
    city_rows = keep & (kind == "city").fillna(False).astype(bool)
    for i in [i for i in range(len(labels)) if city_rows.iloc[i]]:
        city = table["sigungu_code"].iloc[i]
        present = set(codes) & set(crosswalk.city_members(city))
        if present:
            warnings.append(
                Notice(
                    f"'{labels[i]}' is a city row and {len(present)} of its 구 rows are also "
                    "present: do not add them up (the city total already includes its 구)",
                    f"‘{labels[i]}’은(는) 시 전체 행인데 그 시의 구 행 {len(present)}개도 "
                    "있습니다. 시 합계에 이미 구가 포함되어 있으니 더하지 마세요.",
                )
            )
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
