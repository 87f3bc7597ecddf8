"""A user's center list (CSV or XLSX): a name plus lat/lon, an address or a region, located offline.

Each row gets ``lat``, ``lon``, ``location_precision`` (``coordinates`` > ``address`` >
``legal_dong`` > ``sigungu``, see :mod:`planning.geocode`), ``located_at`` and the KOSTAT
``sigungu_code`` of the 시군구 holding the point. Given coordinates are checked: inside South
Korea's land area, and not swapped. An optional opening column (``개소일``, ``opened``, ...) gives
each center the month it opened, as ``opened`` ('YYYY-MM').
"""

from __future__ import annotations

import re

import pandas as pd

from planning import crosswalk
from planning.errors import DataError
from planning.geocode import Location, locate_point, locate_text, reverse
from planning.sources import ImportResult, Notice
from planning.sources.readers import (
    Source,
    clean_name,
    find_column,
    missing_column_ko,
    read_table,
    source_name,
)

NAME_COLUMNS = ("name_ko", "name", "센터명", "기관명", "시설명", "명칭", "이름", "center")
ID_COLUMNS = ("center_id", "site_id", "id", "번호")
LAT_COLUMNS = ("lat", "latitude", "위도", "y", "y좌표", "위도y")
LON_COLUMNS = ("lon", "lng", "long", "longitude", "경도", "x", "x좌표", "경도x")
ADDRESS_COLUMNS = ("address_ko", "address", "도로명주소", "주소", "소재지", "지번주소")
SIDO_COLUMNS = ("sido", "시도", "시도명")
SIGUNGU_COLUMNS = ("sigungu", "시군구", "시군구명", "region", "지역")
DONG_COLUMNS = ("legal_dong", "법정동", "읍면동", "동")
OPENED_COLUMNS = (
    "open_by",
    "opened",
    "open_date",
    "opening",
    "개소년월",
    "개소일자",
    "개소일",
    "운영개시일",
    "개소",
)
#: opening *hours* are not an opening date
_NOT_OPENED = ("시간", "hour", "time")
FIRST_YEAR, LAST_YEAR = 1990, 2100
_MONTH_FORMATS = "YYYY-MM (e.g. 2015-06; 2015.06, 2015/6, 2015-06-15, 201506, 20150615, 2015년 6월)"
_MONTH_FORMATS_KO = (
    "YYYY-MM(예: 2015-06) 형식으로 적어 주세요. 2015.06, 2015/6, 2015-06-15, 201506, 20150615, "
    "2015년 6월 형식도 읽습니다"
)
#: the time of an Excel date read as text ('2015-06-15 00:00:00')
_TIME = re.compile(r"[ T]\d{1,2}:\d{2}(:\d{2}(\.\d+)?)?$")
_DATE = re.compile(
    r"(\d{4})\s*(?:년|[-./])\s*(\d{1,2})\s*월?\s*(?:[-./]?\s*(\d{1,2})\s*일?)?\s*\.?"
)
_HOW = (
    "give a name column ('name' or '센터명') and either 'lat'/'lon' (WGS84 degrees), an "
    "'address' (e.g. '경기도 남양주시 경춘로 522 (금곡동)') or '시도' + '시군구' columns"
)
_HOW_KO = (
    "이름 열(‘name’ 또는 ‘센터명’)과 함께 ‘lat’/‘lon’(WGS84 도 단위), ‘주소’(예: ‘경기도 "
    "남양주시 경춘로 522 (금곡동)’) 또는 ‘시도’+‘시군구’ 열 중 하나를 넣어 다시 올려 주세요."
)


#: how a center was located (planning.geocode.PRECISIONS), in the user's words
_PRECISION_TEXT = {
    "coordinates": ("coordinates", "좌표"),
    "address": ("street address", "도로명·지번 주소"),
    "legal_dong": ("법정동 centre", "법정동 중심"),
    "sigungu": ("시군구 centre", "시군구 중심"),
}


def _precision_notice(counts: dict[str, int]) -> Notice:
    """How many centers were placed by coordinates, address, 법정동 or 시군구 only."""
    en = ", ".join(f"{_PRECISION_TEXT.get(k, (k, k))[0]} {n}" for k, n in counts.items())
    ko = ", ".join(f"{_PRECISION_TEXT.get(k, (k, k))[1]} {n}곳" for k, n in counts.items())
    return Notice(
        f"location precision: {en}; centers without lat/lon are placed from their address or "
        "region, not exactly: add lat/lon columns for exact travel times",
        f"위치 정확도: {ko}. 좌표가 없는 센터는 주소나 지역으로 위치를 정해 정확하지 않을 수 "
        "있습니다. 정확한 이동시간을 원하면 lat/lon 열을 넣어 주세요.",
    )


def _cell(row: pd.Series, col: str | None) -> str | None:
    if col is None:
        return None
    value = row[col]
    return None if pd.isna(value) or not str(value).strip() else str(value).strip()


def opening_month(value: object) -> str | None:
    """The 'YYYY-MM' of an opening date cell, ``None`` when it is empty.

    Reads '2015-06', '2015.06', '2015/6', '2015-06-15', '2015. 6. 15.', '20150615', '201506',
    '2015년 6월 (15일)', Excel dates ('2015-06-15 00:00:00') and numbers (201506). A year alone
    ('2015') is that year's December, as in data/centers.csv (counted as open by the end of
    that year). Raises ``ValueError`` for anything else or a month outside 1990-01..2100-12.
    """
    if value is None or (not isinstance(value, str) and pd.isna(value)):
        return None
    if isinstance(value, float) and value.is_integer():
        value = int(value)
    text = _TIME.sub("", str(value).strip())
    if not text:
        return None
    day = None
    if text.isdigit() and len(text) in (4, 6, 8):
        year, month = int(text[:4]), int(text[4:6] or 12)
        day = int(text[6:]) if len(text) == 8 else None
    elif match := _DATE.fullmatch(text):
        year, month = int(match[1]), int(match[2])
        day = int(match[3]) if match[3] else None
    else:
        raise ValueError(f"not a month: {text!r}")
    if not (
        FIRST_YEAR <= year <= LAST_YEAR and 1 <= month <= 12 and (day is None or 1 <= day <= 31)
    ):
        raise ValueError(f"not a possible month: {text!r}")
    return f"{year:04d}-{month:02d}"


def _opening_months(
    values: pd.Series, labels: list[tuple[str, str]], column: str, name: str, strict: bool
) -> tuple[list[str | None], list[Notice]]:
    """Each row's opening month (or ``None``); the rows that are not a month raise with
    ``strict``, else they get no month and a warning names them."""
    months: list[str | None] = []
    bad: list[tuple[str, str]] = []
    year_only: list[tuple[str, str]] = []
    for value, (label, label_ko) in zip(values, labels, strict=True):
        try:
            month = opening_month(value)
        except ValueError:
            month = None
            bad.append((f"{label} = {str(value)!r}", f"{label_ko} = {str(value)!r}"))
        if month and re.fullmatch(r"\s*\d{4}\s*", str(value)):
            year = str(value).strip()
            year_only.append((f"{label} = {year!r}", f"{label_ko} = {year!r}"))
        months.append(month)
    notices = []
    if bad:
        rows, rows_ko = _listed(bad)
        if strict:
            raise DataError(
                f"column '{column}' of '{name}' has opening dates that are not a month "
                f"between {FIRST_YEAR}-01 and {LAST_YEAR}-12: {rows}",
                f"write the opening month as {_MONTH_FORMATS}, or leave the cell empty",
                problem_ko=(
                    f"‘{name}’ 파일의 ‘{column}’ 열에 {FIRST_YEAR}-01~{LAST_YEAR}-12 사이의 "
                    f"월로 읽을 수 없는 개소일이 있습니다: {rows_ko}"
                ),
                fix_ko=f"모르는 개소일은 칸을 비우고, 아는 개소 월은 {_MONTH_FORMATS_KO}.",
            )
        notices.append(
            Notice(
                f"{len(bad)} opening dates in column '{column}' are not a month and were left "
                f"empty: {rows}; write them as {_MONTH_FORMATS}",
                f"‘{column}’ 열의 개소일 {len(bad)}개는 월로 읽을 수 없어 비워 두었습니다: "
                f"{rows_ko}. 개소 월은 {_MONTH_FORMATS_KO}.",
            )
        )
    if year_only:
        rows, rows_ko = _listed(year_only)
        notices.append(
            Notice(
                f"{len(year_only)} opening dates give only a year ({rows}): counted as open by "
                "December of that year",
                f"개소일에 연도만 있는 {len(year_only)}곳({rows_ko})은 그해 12월에 연 것으로 "
                "셉니다.",
            )
        )
    return months, notices


def _listed(rows: list[tuple[str, str]], limit: int = 5) -> tuple[str, str]:
    """The first ``limit`` rows in English and Korean, and how many more."""
    en, ko = "; ".join(r[0] for r in rows[:limit]), "; ".join(r[1] for r in rows[:limit])
    if len(rows) > limit:
        en, ko = f"{en} and {len(rows) - limit} more", f"{ko} 외 {len(rows) - limit}개 행"
    return en, ko


def read_center_list(source: Source, *, strict: bool = True) -> ImportResult:
    """Locate every center of a list offline; return them indexed by ``center_id``.

    Table columns: ``name``, ``lat``, ``lon``, ``location_precision``, ``located_at``,
    ``sigungu_code``, and ``opened`` ('YYYY-MM' or missing) when the file has an opening column
    (:data:`OPENED_COLUMNS`, read by :func:`opening_month`). With ``strict`` (default) a row that cannot be located raises
    :class:`DataError` naming it; with ``strict=False`` it is listed in ``unmatched``.
    Bad coordinates (swapped, outside Korea, at sea, NaN) always raise. An opening date that
    is not a month raises with ``strict``; without, that row gets no month and a warning.
    """
    name = source_name(source)
    frame = read_table(source)
    cols = list(frame.columns)
    name_col = find_column(cols, NAME_COLUMNS)
    if name_col is None:
        raise DataError(
            f"column 'name' missing in '{name}'; found: {cols}",
            _HOW,
            problem_ko=missing_column_ko("name", name, cols),
            fix_ko=_HOW_KO,
        )
    lat_col = find_column(cols, LAT_COLUMNS, exact=True)
    lon_col = find_column(cols, LON_COLUMNS, exact=True)
    if (lat_col is None) != (lon_col is None):
        have, lack = ("lat", "lon") if lat_col else ("lon", "lat")
        have_ko, lack_ko = ("위도(lat)", "경도(lon)") if lat_col else ("경도(lon)", "위도(lat)")
        raise DataError(
            f"'{name}' has a {have} column but no {lack} column; found: {cols}",
            "give both lat and lon (WGS84 decimal degrees), or neither and an address",
            problem_ko=f"‘{name}’ 파일에 {have_ko} 열은 있지만 {lack_ko} 열이 없습니다. 있는 열: {cols}",
            fix_ko="위도와 경도(WGS84 십진수 도 단위)를 모두 넣거나, 둘 다 빼고 주소를 넣어 주세요.",
        )
    address_col = find_column(cols, ADDRESS_COLUMNS)
    sido_col = find_column(cols, SIDO_COLUMNS, exclude=("코드", "code"))
    sigungu_col = find_column(cols, SIGUNGU_COLUMNS, exclude=("코드", "code"))
    dong_col = find_column(cols, DONG_COLUMNS, exclude=("코드", "code", "행정동"), exact=True)
    if lat_col is None and address_col is None and sigungu_col is None:
        raise DataError(
            f"'{name}' has no lat/lon, address or 시군구 column; found: {cols}",
            _HOW,
            problem_ko=f"‘{name}’ 파일에 위도·경도, 주소, 시군구 열이 모두 없습니다. 있는 열: {cols}",
            fix_ko=_HOW_KO,
        )
    id_col = find_column(cols, ID_COLUMNS, exact=True)
    opened_col = find_column(cols, OPENED_COLUMNS, exclude=_NOT_OPENED)
    months: list[str | None] = [None] * len(frame)
    warnings: list[Notice] = []
    if opened_col is not None:
        labels = [
            (f"row {int(i) + 2} '{n}'", f"{int(i) + 2}행 ‘{n}’")
            for i, n in zip(frame.index, frame[name_col].map(clean_name), strict=True)
        ]
        months, warnings = _opening_months(frame[opened_col], labels, opened_col, name, strict)

    rows, unmatched = [], []
    for pos, (i, row) in enumerate(frame.iterrows()):
        label_name = clean_name(row[name_col]) or "(no name)"
        label = f"row {int(i) + 2} '{label_name}'"
        label_ko = f"{int(i) + 2}행 ‘{label_name}’"
        lat, lon = _cell(row, lat_col), _cell(row, lon_col)
        text_given = any(_cell(row, c) for c in (address_col, sigungu_col))
        loc: Location | None = None
        if lat is not None or lon is not None:
            if lat is None or lon is None:
                if not text_given and not strict:  # loads the rest; listed in unmatched
                    unmatched.append(label_name)
                    continue
                if not text_given:
                    raise DataError(
                        f"{label}: lat/lon is empty (NaN) for one of the two",
                        "fill both lat and lon, or give an address",
                        problem_ko=f"{label_ko}: 위도와 경도 중 하나가 비어 있습니다(NaN).",
                        fix_ko="위도와 경도를 모두 채우거나, 주소를 넣어 주세요.",
                    )
            else:
                loc = locate_point(lat, lon, label, label_ko)
        if loc is None:
            if not text_given and not strict:  # loads the rest; listed in unmatched
                unmatched.append(label_name)
                continue
            if not text_given:
                raise DataError(
                    f"{label}: no coordinates, address or 시군구",
                    _HOW,
                    problem_ko=f"{label_ko}: 좌표, 주소, 시군구가 모두 없습니다.",
                    fix_ko=_HOW_KO,
                )
            try:
                loc = locate_text(
                    sido=_cell(row, sido_col),
                    sigungu=_cell(row, sigungu_col),
                    address=_cell(row, address_col),
                    legal_dong=_cell(row, dong_col),
                    label=label,
                    label_ko=label_ko,
                )
            except DataError:
                if strict:
                    raise
                unmatched.append(label_name)
                continue
        holder = reverse(loc.lat, loc.lon) if loc.precision != "coordinates" else loc
        code = crosswalk.to_sigungu_code((holder or loc).legal_code[:5], system="bjd")
        rows.append(
            {
                "center_id": _cell(row, id_col) or f"U{int(i) + 1:03d}",
                "name": label_name,
                "lat": round(loc.lat, 6),
                "lon": round(loc.lon, 6),
                "location_precision": loc.precision,
                "located_at": " ".join(x for x in (loc.sido, loc.sigungu, loc.dong) if x),
                "sigungu_code": code,
            }
            | ({"opened": months[pos]} if opened_col is not None else {})
        )
    if not rows:
        raise DataError(
            f"no center of '{name}' could be located: {unmatched[:5]}",
            _HOW,
            problem_ko=f"‘{name}’ 파일의 센터 중 위치를 찾은 곳이 없습니다: {unmatched[:5]}",
            fix_ko=_HOW_KO,
        )
    table = pd.DataFrame(rows).set_index("center_id")
    if opened_col is not None:
        table["opened"] = table["opened"].astype("string")
    if table.index.duplicated().any():
        dup = sorted(set(table.index[table.index.duplicated()]))
        raise DataError(
            f"duplicate center ids in '{name}': {dup[:5]}",
            "make the ids unique",
            problem_ko=f"‘{name}’ 파일에 같은 센터 번호가 여러 번 있습니다: {dup[:5]}",
            fix_ko="센터 번호가 겹치지 않게 고쳐 주세요.",
        )
    counts = table["location_precision"].value_counts().to_dict()
    if set(counts) - {"coordinates"}:
        warnings.insert(0, _precision_notice(counts))
    return ImportResult(
        table=table, unmatched=unmatched, warnings=warnings, source=name, unit="points"
    )
