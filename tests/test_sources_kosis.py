from __future__ import annotations

import pytest

from planning.errors import DataError
from planning.sources.kosis import read_kosis_employment

KOSIS_DIR = "kosis-regional-employment-sigungu"


def test_native_layout_small(fixtures) -> None:
    result = read_kosis_employment(fixtures / "sources" / "kosis_small.csv")
    table = result.table
    assert result.vintage == "2024 H1"
    assert result.unmatched == ["3999 경기 없는군"]
    assert any("시도 total" in w.en for w in result.warnings)
    assert table.index.tolist() == ["11010", "11020", "31010", "37310"]
    jongno = table.loc["11010"]
    assert jongno["unemployed"] == 4000  # thousands -> persons
    assert jongno["labour_force"] == 77000
    assert jongno["unemployment_rate"] == pytest.approx(5.2)
    assert jongno["employment_rate"] == pytest.approx(53.5)  # not the 15~64 rate
    assert table.loc["31010", "name_ko"] == "수원시"  # city level kept for allocation


def test_cp949_bytes_give_the_same_table(fixtures) -> None:
    utf8 = read_kosis_employment(fixtures / "sources" / "kosis_small.csv").table
    cp949 = read_kosis_employment((fixtures / "sources" / "kosis_cp949.csv").read_bytes()).table
    assert cp949.equals(utf8)


def _csv(fixtures, old: str, new: str) -> bytes:
    text = (fixtures / "sources" / "kosis_small.csv").read_text(encoding="utf-8")
    assert old in text
    return text.replace(old, new).encode("utf-8")


def test_missing_column_names_what_was_found(fixtures) -> None:
    data = _csv(fixtures, "T4 실업자 (천명)", "T4 무엇 (천명)")
    with pytest.raises(DataError, match=r"column '실업자' missing.*found: \[.*T8 실업률"):
        read_kosis_employment(data)


def test_negative_and_missing_values(fixtures) -> None:
    with pytest.raises(DataError, match="negative.*1101 서울 종로구"):
        read_kosis_employment(_csv(fixtures, "136,77,73,4,", "136,77,73,-4,"))
    with pytest.raises(DataError, match=r"NaN.*1102 서울 중구"):
        read_kosis_employment(_csv(fixtures, "120,75,72,3,", "120,75,72,,"))


def test_garbage_encoding(fixtures) -> None:
    with pytest.raises(DataError, match="not UTF-8 or CP949"):
        read_kosis_employment(fixtures / "sources" / "garbage_latin1.csv")


def test_unknown_period(fixtures) -> None:
    with pytest.raises(DataError, match="2024 H1"):
        read_kosis_employment(fixtures / "sources" / "kosis_small.csv", period="2023 H2")


def test_real_export_joins(shared_data) -> None:
    path = next((shared_data / KOSIS_DIR).glob("*.csv"))
    result = read_kosis_employment(path)
    assert result.vintage == "2024 H1"
    assert result.matched >= 225
    assert result.matched + len(result.unmatched) == 228
    # national totals within rounding of the thousands
    assert 600_000 < result.table["unemployed"].sum() < 1_200_000
    assert result.table["unemployment_rate"].between(0, 20).all()


def test_two_periods_latest_by_default() -> None:
    text = (
        '"행정구역별",H202302 2023.2/2,H202302 2023.2/2,H202302 2023.2/2,H202302 2023.2/2,'
        "H202401 2024.1/2,H202401 2024.1/2,H202401 2024.1/2,H202401 2024.1/2\n"
        '"행정구역별",경제활동인구 (천명),실업자 (천명),고용률 (%),실업률 (%),'
        "경제활동인구 (천명),실업자 (천명),고용률 (%),실업률 (%)\n"
        '"1101 서울 종로구",70,2,50.0,2.9,77,4,53.5,5.2\n'
    )
    latest = read_kosis_employment(text.encode())
    assert latest.vintage == "2024 H1"
    assert latest.table.loc["11010", "unemployed"] == 4000
    earlier = read_kosis_employment(text.encode(), period="2023 H2")
    assert earlier.table.loc["11010", "unemployment_rate"] == pytest.approx(2.9)
    assert "employed" not in earlier.table  # optional items absent, not invented
