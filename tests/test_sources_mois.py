from __future__ import annotations

import pytest

from planning.errors import DataError
from planning.sources.mois import read_mois_population, sido_totals

MOIS_DIR = "mois-population-sigungu"


def test_population_layout_latest_month_no_double_count(fixtures) -> None:
    result = read_mois_population(fixtures / "sources" / "mois_population_small.csv")
    table = result.table
    assert result.vintage == "2025-12"
    assert result.unmatched == []
    # the 수원시 row is dropped for its four 구, the 출장소 row skipped
    assert table.index.tolist() == ["11010", "11020", "31011", "31012", "31013", "31014"]
    assert table["residents"].sum() == 300_100 + 1_000_010
    assert table.loc["31011", "households"] == 100_001


def test_earlier_month_and_unknown_month(fixtures) -> None:
    path = fixtures / "sources" / "mois_population_small.csv"
    assert read_mois_population(path, month="2025-11").table["residents"].sum() == 1_300_000
    with pytest.raises(DataError, match=r"2025-05 is not in.*\['2025-11', '2025-12'\]"):
        read_mois_population(path, month="2025-05")
    with pytest.raises(DataError, match="not YYYY-MM"):
        read_mois_population(path, month="12/2025")


def test_age_layout_cp949_five_year_bands(fixtures) -> None:
    result = read_mois_population((fixtures / "sources" / "mois_age_cp949.csv").read_bytes())
    table = result.table
    assert result.vintage == "2025-12"
    assert table.index.tolist() == ["21010", "21020"]
    assert table.loc["21010", "residents"] == 21_000
    assert table.loc["21010", "age_65_plus"] == 8_000  # 65~69 .. 100세 이상: 8 bands x 1,000
    assert not any("estimates" in w.en for w in result.warnings)


def test_sido_check_and_city_sum_warnings(fixtures) -> None:
    text = (fixtures / "sources" / "mois_population_small.csv").read_text(encoding="utf-8-sig")
    text = text.replace(
        '4111000000,경기도 수원시 ,"1,000,000","400,000",          2.50,"1,000,010"',
        '4111000000,경기도 수원시 ,"1,000,000","400,000",          2.50,"1,000,999"',
    )
    result = read_mois_population(text.encode("utf-8"))
    assert any("수원시" in w.en and "구 rows sum" in w.en for w in result.warnings)


def test_bad_inputs(fixtures) -> None:
    with pytest.raises(DataError, match="'행정기관코드' missing"):
        read_mois_population(fixtures / "sources" / "kosis_small.csv")
    with pytest.raises(DataError, match="not UTF-8 or CP949"):
        read_mois_population(fixtures / "sources" / "garbage_latin1.csv")
    text = (fixtures / "sources" / "mois_population_small.csv").read_text(encoding="utf-8-sig")
    with pytest.raises(DataError, match="not a 10-digit code"):
        read_mois_population(text.replace("1111000000", "1111").encode())
    with pytest.raises(DataError, match="negative.*종로구"):
        read_mois_population(text.replace('"100,050"', '"-100,050"').encode())


def test_real_population_file_national_total(shared_data) -> None:
    path = (
        shared_data / MOIS_DIR / "2025_second_half_registered_population_and_household_monthly.csv"
    )
    result = read_mois_population(path)
    assert result.vintage == "2025-12"
    assert sido_totals(path).sum() == 50_894_254
    assert result.table["residents"].sum() == 50_894_254
    assert result.unmatched == []
    assert result.table.index.is_unique and len(result.table) == 250


def test_real_2026_file_new_hwaseong_gu(shared_data) -> None:
    path = (
        shared_data / MOIS_DIR / "2026_first_half_registered_population_and_household_monthly.csv"
    )
    result = read_mois_population(path)
    assert result.vintage == "2026-04"
    assert result.unmatched == []
    assert result.table["residents"].sum() == sido_totals(path).sum()


def test_real_age_file(shared_data) -> None:
    path = shared_data / MOIS_DIR / "2025_second_half_population_by_age_monthly.csv"
    result = read_mois_population(path)
    assert result.table["residents"].sum() == 50_894_254
    share = result.table["age_65_plus"].sum() / result.table["residents"].sum()
    assert 0.19 < share < 0.23  # Korea passed 20% aged 65+ in late 2024
    assert any("estimates 65-69" in w.en for w in result.warnings)


def test_xlsx_export_reads_like_csv(fixtures, tmp_path) -> None:
    import csv

    import openpyxl

    source = fixtures / "sources" / "mois_population_small.csv"
    book = openpyxl.Workbook()
    with source.open(encoding="utf-8-sig") as fh:
        for row in csv.reader(fh):
            book.active.append(row)
    path = tmp_path / "mois.xlsx"
    book.save(path)
    from_xlsx = read_mois_population(path).table
    from_csv = read_mois_population(source).table
    assert from_xlsx.equals(from_csv)


def test_city_with_missing_gu_rows_is_not_double_counted(fixtures) -> None:
    text = (fixtures / "sources" / "mois_population_small.csv").read_text(encoding="utf-8-sig")
    kept = [ln for ln in text.splitlines() if not ln.startswith(("4111500000", "4111700000"))]
    result = read_mois_population("\n".join(kept).encode())
    table = result.table
    assert table["residents"].sum() == 300_100 + 1_000_010  # still the 시도 totals
    assert table.loc["31010", "residents"] == 500_000  # remainder of 수원시 for 팔달/영통
    assert any("only 2 of its 4" in w.en for w in result.warnings)
