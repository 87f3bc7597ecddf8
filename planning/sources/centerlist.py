"""A user's center list (CSV or XLSX): a name plus lat/lon, an address or a region, located offline.

Each row gets ``lat``, ``lon``, ``location_precision`` (``coordinates`` > ``address`` >
``legal_dong`` > ``sigungu``, see :mod:`planning.geocode`), ``located_at`` and the KOSTAT
``sigungu_code`` of the 시군구 holding the point. Given coordinates are checked: inside South
Korea's land area, and not swapped.
"""

from __future__ import annotations

import pandas as pd

from planning import crosswalk
from planning.errors import DataError
from planning.geocode import Location, locate_point, locate_text, reverse
from planning.sources import ImportResult
from planning.sources.readers import Source, clean_name, find_column, read_table, source_name

NAME_COLUMNS = ("name_ko", "name", "센터명", "기관명", "시설명", "명칭", "이름", "center")
ID_COLUMNS = ("center_id", "site_id", "id", "번호")
LAT_COLUMNS = ("lat", "latitude", "위도", "y", "y좌표", "위도y")
LON_COLUMNS = ("lon", "lng", "long", "longitude", "경도", "x", "x좌표", "경도x")
ADDRESS_COLUMNS = ("address_ko", "address", "도로명주소", "주소", "소재지", "지번주소")
SIDO_COLUMNS = ("sido", "시도", "시도명")
SIGUNGU_COLUMNS = ("sigungu", "시군구", "시군구명", "region", "지역")
DONG_COLUMNS = ("legal_dong", "법정동", "읍면동", "동")
_HOW = (
    "give a name column ('name' or '센터명') and either 'lat'/'lon' (WGS84 degrees), an "
    "'address' (e.g. '경기도 남양주시 경춘로 522 (금곡동)') or '시도' + '시군구' columns"
)


def _cell(row: pd.Series, col: str | None) -> str | None:
    if col is None:
        return None
    value = row[col]
    return None if pd.isna(value) or not str(value).strip() else str(value).strip()


def read_center_list(source: Source, *, strict: bool = True) -> ImportResult:
    """Locate every center of a list offline; return them indexed by ``center_id``.

    Table columns: ``name``, ``lat``, ``lon``, ``location_precision``, ``located_at``,
    ``sigungu_code``. With ``strict`` (default) a row that cannot be located raises
    :class:`DataError` naming it; with ``strict=False`` it is listed in ``unmatched``.
    Bad coordinates (swapped, outside Korea, at sea, NaN) always raise.
    """
    name = source_name(source)
    frame = read_table(source)
    cols = list(frame.columns)
    name_col = find_column(cols, NAME_COLUMNS)
    if name_col is None:
        raise DataError(f"column 'name' missing in '{name}'; found: {cols}", _HOW)
    lat_col = find_column(cols, LAT_COLUMNS, exact=True)
    lon_col = find_column(cols, LON_COLUMNS, exact=True)
    if (lat_col is None) != (lon_col is None):
        have, lack = ("lat", "lon") if lat_col else ("lon", "lat")
        raise DataError(
            f"'{name}' has a {have} column but no {lack} column; found: {cols}",
            "give both lat and lon (WGS84 decimal degrees), or neither and an address",
        )
    address_col = find_column(cols, ADDRESS_COLUMNS)
    sido_col = find_column(cols, SIDO_COLUMNS, exclude=("코드", "code"))
    sigungu_col = find_column(cols, SIGUNGU_COLUMNS, exclude=("코드", "code"))
    dong_col = find_column(cols, DONG_COLUMNS, exclude=("코드", "code", "행정동"), exact=True)
    if lat_col is None and address_col is None and sigungu_col is None:
        raise DataError(f"'{name}' has no lat/lon, address or 시군구 column; found: {cols}", _HOW)
    id_col = find_column(cols, ID_COLUMNS, exact=True)

    rows, unmatched = [], []
    for i, row in frame.iterrows():
        label_name = clean_name(row[name_col]) or "(no name)"
        label = f"row {int(i) + 2} '{label_name}'"
        lat, lon = _cell(row, lat_col), _cell(row, lon_col)
        text_given = any(_cell(row, c) for c in (address_col, sigungu_col))
        loc: Location | None = None
        if lat is not None or lon is not None:
            if lat is None or lon is None:
                if not text_given:
                    raise DataError(
                        f"{label}: lat/lon is empty (NaN) for one of the two",
                        "fill both lat and lon, or give an address",
                    )
            else:
                loc = locate_point(lat, lon, label)
        if loc is None:
            if not text_given:
                raise DataError(f"{label}: no coordinates, address or 시군구", _HOW)
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
        )
    if not rows:
        raise DataError(f"no center of '{name}' could be located: {unmatched[:5]}", _HOW)
    table = pd.DataFrame(rows).set_index("center_id")
    if table.index.duplicated().any():
        dup = sorted(set(table.index[table.index.duplicated()]))
        raise DataError(f"duplicate center ids in '{name}': {dup[:5]}", "make the ids unique")
    counts = table["location_precision"].value_counts().to_dict()
    warnings = [f"location precision: {counts}"] if set(counts) - {"coordinates"} else []
    return ImportResult(
        table=table, unmatched=unmatched, warnings=warnings, source=name, unit="points"
    )
