from __future__ import annotations

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
