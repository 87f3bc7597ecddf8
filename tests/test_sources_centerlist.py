from __future__ import annotations

import pandas as pd
import pytest

from planning.errors import DataError
from planning.sources.centerlist import read_center_list


def test_mixed_list_precisions(fixtures) -> None:
    result = read_center_list(fixtures / "sources" / "centers_list.csv")
    table = result.table
    assert table.index.tolist() == ["S1", "S2", "S3", "S4", "S5"]
    assert table["location_precision"].to_dict() == {
        "S1": "coordinates",
        "S2": "address",  # 금곡동 parsed from '(금곡동)'
        "S3": "sigungu",  # road address without a 동: only the 시군구
        "S4": "sigungu",
        "S5": "address",  # 왜관읍 왜관리
    }
    assert table.loc["S1", "sigungu_code"] == "11010"  # 종로구
    assert table.loc["S1", "lat"] == pytest.approx(37.5729)
    assert "금곡동" in table.loc["S2", "located_at"]
    assert table.loc["S2", "sigungu_code"] == "31130"  # 남양주시
    assert table.loc["S5", "sigungu_code"] == "37390"  # 칠곡군
    assert table.loc["S4", "sigungu_code"] == "36400"  # 해남군


def test_swapped_and_outside_coordinates() -> None:
    swapped = "name,lat,lon\n서울 종로구,126.9,37.5\n".encode()
    with pytest.raises(DataError, match=r"row 2 '서울 종로구': lat 126.9 lon 37.5 look swapped"):
        read_center_list(swapped)
    tokyo = "name,lat,lon\n도쿄,35.68,139.76\n".encode()
    with pytest.raises(DataError, match="outside South Korea"):
        read_center_list(tokyo)
    sea = "name,lat,lon\n바다,36.0,125.0\n".encode()  # Yellow Sea, inside the bounding box
    with pytest.raises(DataError, match="not on South Korean land"):
        read_center_list(sea)
    half = b"name,lat,lon\nx,37.5,\n"
    with pytest.raises(DataError, match="NaN"):
        read_center_list(half)


def test_unknown_region_strict_and_lenient() -> None:
    data = "name,sido,sigungu\n좋은센터,경기도,수원시 팔달구\n없는센터,경기도,없는시\n".encode()
    with pytest.raises(DataError, match="row 3 '없는센터'.*not a known 시군구"):
        read_center_list(data)
    result = read_center_list(data, strict=False)
    assert result.unmatched == ["없는센터"]
    assert result.table["sigungu_code"].tolist() == ["31013"]


def test_missing_columns() -> None:
    with pytest.raises(DataError, match="column 'name' missing"):
        read_center_list(b"lat,lon\n37.5,127.0\n")
    with pytest.raises(DataError, match="no lat/lon, address or 시군구"):
        read_center_list(b"name,phone\na,1\n")
    with pytest.raises(DataError, match="no lon column"):
        read_center_list(b"name,lat\na,37.5\n")


def test_cp949_xlsx_and_garbage(tmp_path, fixtures) -> None:
    import openpyxl

    book = openpyxl.Workbook()
    book.active.append(["센터명", "주소"])
    book.active.append(["성수", "서울특별시 성동구 연무장길 76 (성수동2가)"])
    path = tmp_path / "list.xlsx"
    book.save(path)
    table = read_center_list(path.read_bytes()).table
    assert table["location_precision"].tolist() == ["address"]
    assert table["sigungu_code"].tolist() == ["11040"]  # 성동구
    cp949 = "센터명,시도,시군구\n춘천,강원도,춘천시\n".encode("cp949")
    assert read_center_list(cp949).table["sigungu_code"].tolist() == ["32010"]
    with pytest.raises(DataError, match="not UTF-8 or CP949"):
        read_center_list(fixtures / "sources" / "garbage_latin1.csv")


def test_column_names_are_not_matched_by_accident() -> None:
    # 'city' contains 'y' and 'population' contains 'lat': neither is a coordinate column
    data = "name,city,population,address\n센터,남양주,1,경기도 남양주시 경춘로 522 (금곡동)\n"
    table = read_center_list(data.encode()).table
    assert table["location_precision"].tolist() == ["address"]
    data = "센터명,위도,경도\n센터,37.5729,126.9794\n"
    assert read_center_list(data.encode()).table["location_precision"].tolist() == ["coordinates"]


# ------------------------------------------------------------------------ opening months

_AT = "37.5729,126.9794"  # 서울 종로구, so every row is located by its coordinates


def _with_openings(header: str, *values: str) -> bytes:
    rows = "".join(f"c{i},{_AT},{v}\n" for i, v in enumerate(values))
    return f"name,lat,lon,{header}\n{rows}".encode()


@pytest.mark.parametrize(
    ("text", "month"),
    [
        ("2015-06", "2015-06"),
        ("2015.06", "2015-06"),
        ("2015/6", "2015-06"),
        ("2015-06-15", "2015-06"),
        ("20150615", "2015-06"),
        ("201506", "2015-06"),
        ("2015년 6월", "2015-06"),
        ("2015년 6월 15일", "2015-06"),
        ("2015. 6. 15.", "2015-06"),
        ("2015-06-15 00:00:00", "2015-06"),  # an Excel date read as text
        ("2016-11-30T00:00:00", "2016-11"),
        ("2015", "2015-12"),  # a year alone: open by its December, as in data/centers.csv
        ("1990-01", "1990-01"),
        ("2100-12", "2100-12"),
    ],
)
def test_opening_month_formats(text: str, month: str) -> None:
    from planning.sources.centerlist import opening_month

    assert opening_month(text) == month
    table = read_center_list(_with_openings("개소일", text)).table
    assert table["opened"].tolist() == [month]


def test_opening_month_numbers_empty_and_impossible() -> None:
    from planning.sources.centerlist import opening_month

    assert opening_month(201506) == "2015-06"
    assert opening_month(201506.0) == "2015-06"  # an XLSX number cell
    assert opening_month(pd.Timestamp("2017-03-02")) == "2017-03"
    for empty in (None, "", "  ", float("nan"), pd.NA):
        assert opening_month(empty) is None
    for bad in ("2015-13", "2015-00", "1989-12", "2101-01", "2015-06-32", "abc", "2015년", "42170"):
        with pytest.raises(ValueError):
            opening_month(bad)


@pytest.mark.parametrize(
    "header",
    ["opened", "open_date", "opening", "개소일", "개소일자", "개소년월", "개소", "운영개시일"],
)
def test_opening_column_names(header: str) -> None:
    table = read_center_list(_with_openings(header, "2015-06", "")).table
    assert table["opened"].tolist()[0] == "2015-06"
    assert pd.isna(table["opened"].iloc[1])  # empty: no month


def test_no_opening_column_no_opened_and_hours_are_not_openings() -> None:
    table = read_center_list(f"name,lat,lon\nx,{_AT}\n".encode()).table
    assert "opened" not in table.columns
    hours = f"name,lat,lon,운영시간,opening_hours\nx,{_AT},09:00-18:00,9-18\n".encode()
    assert "opened" not in read_center_list(hours).table.columns


def test_opening_dates_in_an_xlsx(tmp_path) -> None:
    import datetime

    import openpyxl

    book = openpyxl.Workbook()
    book.active.append(["센터명", "위도", "경도", "개소일"])
    book.active.append(["날짜", 37.5729, 126.9794, datetime.datetime(2015, 6, 15)])
    book.active.append(["숫자", 37.5729, 126.9794, 201711])
    book.active.append(["글자", 37.5729, 126.9794, "2016년 1월"])
    book.active.append(["없음", 37.5729, 126.9794, None])
    path = tmp_path / "list.xlsx"
    book.save(path)
    opened = read_center_list(path.read_bytes()).table["opened"]
    assert opened.tolist()[:3] == ["2015-06", "2017-11", "2016-01"]
    assert pd.isna(opened.iloc[3])


def test_bad_opening_dates_strict_and_lenient() -> None:
    data = _with_openings("개소일", "2015-06", "2015-13", "곧", "1985-01", "", "2020-1-1")
    with pytest.raises(DataError) as info:
        read_center_list(data)
    exc = info.value
    for detail in ("row 3 'c1' = '2015-13'", "row 4 'c2' = '곧'", "row 5 'c3' = '1985-01'"):
        assert detail in exc.problem
    assert "'c0'" not in exc.problem and "'c5'" not in exc.problem  # only the bad rows
    assert "YYYY-MM" in exc.fix and "YYYY-MM" in exc.fix_ko
    assert "3행 ‘c1’ = '2015-13'" in exc.problem_ko and "개소일" in exc.problem_ko

    result = read_center_list(data, strict=False)
    assert result.table["opened"].tolist()[0] == "2015-06"
    assert result.table["opened"].tolist()[5] == "2020-01"
    assert result.table["opened"].iloc[1:5].isna().all()
    assert len(result.table) == 6  # the rows are kept, without a month
    (notice,) = result.warnings
    assert "3 opening dates" in notice.en and "row 4 'c2' = '곧'" in notice.en
    assert "개소일 3개" in notice.ko and "4행 ‘c2’ = '곧'" in notice.ko


def test_many_bad_opening_dates_name_the_first_few() -> None:
    data = _with_openings("opened", *["x"] * 8)
    with pytest.raises(DataError) as info:
        read_center_list(data)
    assert "row 6 'c4'" in info.value.problem and "row 7 'c5'" not in info.value.problem
    assert "and 3 more" in info.value.problem and "외 3개 행" in info.value.problem_ko


def test_year_only_openings_are_said() -> None:
    result = read_center_list(_with_openings("개소년월", "2015", "2016-03"))
    assert result.table["opened"].tolist() == ["2015-12", "2016-03"]
    (notice,) = result.warnings
    assert "row 2 'c0' = '2015'" in notice.en and "December" in notice.en
    assert "2행 ‘c0’ = '2015'" in notice.ko and "12월" in notice.ko
