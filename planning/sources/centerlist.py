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
from planning.i18n import Joined, Msg, first, msg
from planning.sources import ImportResult, Notice
from planning.sources.readers import (
    Source,
    clean_name,
    find_column,
    missing_column,
    read_table,
    row_label,
    row_value,
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
#: the time of an Excel date read as text ('2015-06-15 00:00:00')
_TIME = re.compile(r"[ T]\d{1,2}:\d{2}(:\d{2}(\.\d+)?)?$")
_DATE = re.compile(
    r"(\d{4})\s*(?:년|[-./])\s*(\d{1,2})\s*월?\s*(?:[-./]?\s*(\d{1,2})\s*일?)?\s*\.?"
)
#: what a center list needs (the fix of most errors here)
_HOW = msg("centerlist.how")

#: how a center was located (planning.geocode.PRECISIONS): catalog keys, in the user's words
PRECISION_KEYS = {
    "coordinates": "centerlist.precision.coordinates",
    "address": "centerlist.precision.address",
    "legal_dong": "centerlist.precision.legal_dong",
    "sigungu": "centerlist.precision.sigungu",
}


def _precision_notice(counts: dict[str, int]) -> Notice:
    """How many centers were placed by coordinates, address, 법정동 or 시군구 only."""
    parts = [
        msg(
            "centerlist.precision_count",
            kind=msg(PRECISION_KEYS[k]) if k in PRECISION_KEYS else k,
            n=n,
        )
        for k, n in counts.items()
    ]
    return Notice.of("centerlist.precision", counts=Joined(parts, sep=", "))


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
    values: pd.Series, labels: list[Msg], column: str, name: str, strict: bool
) -> tuple[list[str | None], list[Notice]]:
    """Each row's opening month (or ``None``); the rows that are not a month raise with
    ``strict``, else they get no month and a warning names them."""
    months: list[str | None] = []
    bad: list[Msg] = []
    year_only: list[Msg] = []
    for value, label in zip(values, labels, strict=True):
        try:
            month = opening_month(value)
        except ValueError:
            month = None
            bad.append(row_value(label, repr(str(value))))
        if month and re.fullmatch(r"\s*\d{4}\s*", str(value)):
            year_only.append(row_value(label, repr(str(value).strip())))
        months.append(month)
    notices = []
    formats = msg("centerlist.month_formats")
    if bad:
        rows = first(bad, more_key="list.more_rows")
        if strict:
            raise DataError.of(
                "centerlist.bad_months",
                name=name,
                column=column,
                first=FIRST_YEAR,
                last=LAST_YEAR,
                rows=rows,
                formats=formats,
            )
        notices.append(
            Notice.of(
                "centerlist.bad_months_left", n=len(bad), column=column, rows=rows, formats=formats
            )
        )
    if year_only:
        rows = first(year_only, more_key="list.more_rows")
        notices.append(Notice.of("centerlist.year_only", n=len(year_only), rows=rows))
    return months, notices


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
        raise DataError.of("readers.missing", missing=missing_column("name", name, cols), how=_HOW)
    lat_col = find_column(cols, LAT_COLUMNS, exact=True)
    lon_col = find_column(cols, LON_COLUMNS, exact=True)
    if (lat_col is None) != (lon_col is None):
        lat, lon = msg("centerlist.lat"), msg("centerlist.lon")
        have, lack = (lat, lon) if lat_col else (lon, lat)
        raise DataError.of("centerlist.half_coords", name=name, have=have, lack=lack, found=cols)
    address_col = find_column(cols, ADDRESS_COLUMNS)
    sido_col = find_column(cols, SIDO_COLUMNS, exclude=("코드", "code"))
    sigungu_col = find_column(cols, SIGUNGU_COLUMNS, exclude=("코드", "code"))
    dong_col = find_column(cols, DONG_COLUMNS, exclude=("코드", "code", "행정동"), exact=True)
    if lat_col is None and address_col is None and sigungu_col is None:
        raise DataError.of("centerlist.no_location_columns", name=name, found=cols, how=_HOW)
    id_col = find_column(cols, ID_COLUMNS, exact=True)
    opened_col = find_column(cols, OPENED_COLUMNS, exclude=_NOT_OPENED)
    months: list[str | None] = [None] * len(frame)
    warnings: list[Notice] = []
    if opened_col is not None:
        labels = [
            row_label(int(i) + 2, n)
            for i, n in zip(frame.index, frame[name_col].map(clean_name), strict=True)
        ]
        months, warnings = _opening_months(frame[opened_col], labels, opened_col, name, strict)

    rows, unmatched = [], []
    for pos, (i, row) in enumerate(frame.iterrows()):
        label_name = clean_name(row[name_col]) or "(no name)"
        label = row_label(int(i) + 2, clean_name(row[name_col]) or msg("centerlist.no_name"))
        lat, lon = _cell(row, lat_col), _cell(row, lon_col)
        text_given = any(_cell(row, c) for c in (address_col, sigungu_col))
        loc: Location | None = None
        if lat is not None or lon is not None:
            if lat is None or lon is None:
                if not text_given and not strict:  # loads the rest; listed in unmatched
                    unmatched.append(label_name)
                    continue
                if not text_given:
                    raise DataError.of("centerlist.half_empty", row=label)
            else:
                loc = locate_point(lat, lon, label)
        if loc is None:
            if not text_given and not strict:  # loads the rest; listed in unmatched
                unmatched.append(label_name)
                continue
            if not text_given:
                raise DataError.of("centerlist.no_location", row=label, how=_HOW)
            try:
                loc = locate_text(
                    sido=_cell(row, sido_col),
                    sigungu=_cell(row, sigungu_col),
                    address=_cell(row, address_col),
                    legal_dong=_cell(row, dong_col),
                    label=label,
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
        raise DataError.of("centerlist.none_located", name=name, names=unmatched[:5], how=_HOW)
    table = pd.DataFrame(rows).set_index("center_id")
    if opened_col is not None:
        table["opened"] = table["opened"].astype("string")
    if table.index.duplicated().any():
        dup = sorted(set(table.index[table.index.duplicated()]))
        raise DataError.of("centerlist.duplicate_ids", name=name, ids=dup[:5])
    counts = table["location_precision"].value_counts().to_dict()
    if set(counts) - {"coordinates"}:
        warnings.insert(0, _precision_notice(counts))
    return ImportResult(
        table=table, unmatched=unmatched, warnings=warnings, source=name, unit="points"
    )
