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

    rows, unmatched = [], []
    for i, row in frame.iterrows():
        label_name = clean_name(row[name_col]) or "(no name)"
        label = f"row {int(i) + 2} '{label_name}'"
        label_ko = f"{int(i) + 2}행 ‘{label_name}’"
        lat, lon = _cell(row, lat_col), _cell(row, lon_col)
        text_given = any(_cell(row, c) for c in (address_col, sigungu_col))
        loc: Location | None = None
        if lat is not None or lon is not None:
            if lat is None or lon is None:
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
        )
    if not rows:
        raise DataError(
            f"no center of '{name}' could be located: {unmatched[:5]}",
            _HOW,
            problem_ko=f"‘{name}’ 파일의 센터 중 위치를 찾은 곳이 없습니다: {unmatched[:5]}",
            fix_ko=_HOW_KO,
        )
    table = pd.DataFrame(rows).set_index("center_id")
    if table.index.duplicated().any():
        dup = sorted(set(table.index[table.index.duplicated()]))
        raise DataError(
            f"duplicate center ids in '{name}': {dup[:5]}",
            "make the ids unique",
            problem_ko=f"‘{name}’ 파일에 같은 센터 번호가 여러 번 있습니다: {dup[:5]}",
            fix_ko="센터 번호가 겹치지 않게 고쳐 주세요.",
        )
    counts = table["location_precision"].value_counts().to_dict()
    warnings = [_precision_notice(counts)] if set(counts) - {"coordinates"} else []
    return ImportResult(
        table=table, unmatched=unmatched, warnings=warnings, source=name, unit="points"
    )
