from __future__ import annotations

import pytest

from planning.errors import DataError
from planning.sources.generic import read_region_table


def test_names_table(fixtures) -> None:
    result = read_region_table(fixtures / "sources" / "region_names.csv")
    table = result.table
    assert table.index.tolist() == ["11010", "21090", "31010", "31011"]
    assert table.loc["11010", "recipients"] == 1234  # thousands separator parsed
    assert table.loc["21090", "name_ko"] == "부산 해운대구"  # short 시도 name understood
    assert result.unmatched == ["경기도 없는구"]
    assert any("시도 total" in w.en for w in result.warnings)
    assert any("city row" in w.en for w in result.warnings)  # 수원시 and 장안구 both given


def test_xlsx_keyed_by_mois_codes(fixtures) -> None:
    result = read_region_table(
        fixtures / "sources" / "region_mois.xlsx", value_columns=["수급자수"]
    )
    assert result.table["수급자수"].to_dict() == {"11010": 1200, "21010": 800, "31010": 5000}
    assert result.unmatched == ["9999000000 없는곳"]


def test_bjd_codes_are_inferred() -> None:
    data = b"code,value\n11110,10\n41111,20\n"
    table = read_region_table(data).table
    assert table["value"].to_dict() == {"11010": 10.0, "31011": 20.0}


def test_bad_inputs(fixtures) -> None:
    with pytest.raises(DataError, match="column '없음' missing"):
        read_region_table(fixtures / "sources" / "region_names.csv", value_columns=["없음"])
    with pytest.raises(DataError, match="no region column"):
        read_region_table(b"a,b\n1,2\n")
    with pytest.raises(DataError, match="negative.*종로구"):
        read_region_table("시도,시군구,v\n서울,종로구,-1\n".encode())
    with pytest.raises(DataError, match="NaN.*종로구"):
        read_region_table("시도,시군구,v\n서울,종로구,\n서울,중구,1\n".encode())
    with pytest.raises(DataError, match="same 시군구"):
        read_region_table("시도,시군구,v\n서울,종로구,1\n서울특별시,종로구,2\n".encode())
    with pytest.raises(DataError, match="not UTF-8 or CP949"):
        read_region_table(fixtures / "sources" / "garbage_latin1.csv")


def test_cp949_names(tmp_path) -> None:
    path = tmp_path / "cp949.csv"
    path.write_bytes("시도,시군구,수급자\n강원도,춘천시,10\n전라북도,전주시,5\n".encode("cp949"))
    table = read_region_table(path).table
    assert table["수급자"].to_dict() == {"32010": 10.0, "35010": 5.0}
