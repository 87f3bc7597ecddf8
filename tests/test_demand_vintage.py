"""Bundled unemployment (KOSIS 2024 H1, the project's own table) and the demand vintages."""

from __future__ import annotations

import numpy as np
import pandas as pd
import pytest
import shapely

from planning import demand, regions, vintage
from planning.errors import DataError
from planning.scenario import DEFAULT_WEIGHTS
from planning.sources.kosis import BUNDLED_COLUMNS, bundled_table_from_export

KOSIS_DIR = "kosis-regional-employment-sigungu"


@pytest.fixture(scope="module")
def areas() -> pd.DataFrame:
    return regions.area_lookup().reset_index()


# ------------------------------------------------------------------------- unemployment


def test_bundled_table_is_the_kosis_export(shared_data) -> None:
    """The shipped figures are exactly the published ones (rebuild = committed file)."""
    path = next((shared_data / KOSIS_DIR).glob("*.csv"))
    rebuilt = bundled_table_from_export(path)
    committed = pd.read_csv(demand.UNEMPLOYMENT_CSV, dtype={"sigungu_code": str, "kosis_code": str})
    assert list(committed.columns) == list(BUNDLED_COLUMNS)
    assert rebuilt.attrs["vintage"] == demand.UNEMPLOYMENT_VINTAGE
    pd.testing.assert_frame_equal(rebuilt.reset_index(drop=True), committed, check_dtype=False)
    assert len(committed) == 228 and committed["sigungu_code"].is_unique


def test_unemployed_count_or_rate_times_labour_force() -> None:
    table = pd.read_csv(demand.UNEMPLOYMENT_CSV, dtype={"sigungu_code": str})
    u = demand.bundled_unemployment()
    zero = table.set_index("sigungu_code")["unemployed_thousands"] == 0
    assert (u.loc[zero.index[zero], "basis"] == "rate").all()
    assert (u.loc[zero.index[~zero], "basis"] == "count").all()
    # 종로구: 4 thousand as published; a 군 reading 0 gets rate × 경제활동인구 (> 0)
    assert u.loc["11010", "unemployed"] == 4000
    row = table.set_index("sigungu_code").loc[zero.index[zero][0]]
    expected = row["unemployment_rate_pct"] / 100 * row["labour_force_thousands"] * 1000
    assert u.loc[zero.index[zero][0], "unemployed"] == pytest.approx(expected)
    assert (u["unemployed"] > 0).all()
    assert 900_000 < u["unemployed"].sum() < 1_100_000


def test_unemployed_is_a_default_indicator(areas) -> None:
    ind = demand.load_indicators()
    meta = demand.INDICATORS["unemployed"]
    assert meta.bundled and meta.allocated_from_sigungu and "estimate" in meta.note
    assert meta.vintage == "2024 H1" and "KOSIS" in meta.license
    assert not ind["unemployed"].isna().any() and (ind["unemployed"] >= 0).all()
    # totals per 시군구 / 시 are the table's; 세종 (no KOSIS row) is at the national rate
    u = demand.bundled_unemployment()["unemployed"]
    by_city = ind["unemployed"].groupby(areas["city_code"].to_numpy()).sum()
    assert by_city.loc["31010"] == pytest.approx(u.loc["31010"])  # 수원시, spread over 4 구
    sejong = (areas["sido_code"] == "29").to_numpy()
    rest = ~sejong
    rate = ind["unemployed"][rest].sum() / ind["population"][rest].sum()
    assert ind["unemployed"][sejong].sum() == pytest.approx(ind["population"][sejong].sum() * rate)
    assert ind["unemployed"][rest].sum() == pytest.approx(u.sum())
    assert any("지역별고용조사, KOSIS" in a for a in demand.ATTRIBUTIONS)


def test_default_index_uses_the_three_core_indicators() -> None:
    weights = dict(DEFAULT_WEIGHTS)
    assert set(weights) == {"population", "recipients", "unemployed"}
    formula = demand.index_formula(weights)
    assert formula == "0.33 × 인구 비중 + 0.33 × 기초생활수급자 비중 + 0.33 × 실업자 비중"
    ind = demand.load_indicators()
    index = demand.composite_index(ind, weights)
    assert index.sum() == pytest.approx(1.0)
    two = demand.composite_index(ind, {"population": 1, "recipients": 1})
    assert not np.allclose(index, two)  # unemployment really enters the index


# ------------------------------------------------------------------------------ vintages


def test_interpolation_matrix_on_squares() -> None:
    # one 2x1 source split into two 1x1 targets, one source = a target, one overlaps nothing
    src = np.array([shapely.box(0, 0, 2, 1), shapely.box(5, 5, 6, 6), shapely.box(50, 50, 51, 51)])
    tgt = np.array([shapely.box(0, 0, 1, 1), shapely.box(1, 0, 2, 1), shapely.box(5, 5, 6, 6)])
    m = vintage.interpolation_matrix(src, tgt).toarray()
    assert m == pytest.approx(np.array([[0.5, 0.5, 0], [0, 0, 1], [0, 0, 0]]))
    codes = pd.Index(["a", "b", "c"])
    out = vintage.carry(
        pd.Series({"a": 10.0, "b": 3.0}), vintage.interpolation_matrix(src, tgt), codes
    )
    assert out == pytest.approx([5, 5, 3])
    with pytest.raises(DataError, match="overlap no target"):
        vintage.carry(pd.Series({"c": 1.0}), vintage.interpolation_matrix(src, tgt), codes)
    with pytest.raises(DataError, match="no source polygon"):
        vintage.carry(pd.Series({"z": 1.0}), vintage.interpolation_matrix(src, tgt), codes)


def test_vintage_parsing() -> None:
    assert vintage.parse_vintage(None).key == "2025"
    assert vintage.parse_vintage(2015).population_year == 2015
    with pytest.raises(DataError, match="2010") as err:
        vintage.parse_vintage("2010")
    assert "2015" in err.value.fix_ko


def test_2015_demand_on_the_2020_areas(areas) -> None:
    ind = demand.load_indicators(vintage="2015")
    assert ind.index.tolist() == areas["area_code"].tolist()
    assert ind.attrs["vintage"] == "2015"
    assert ind.attrs["vintages"]["population"] == "2015"
    assert ind.attrs["vintages"]["recipients"] == "2015"
    assert ind.attrs["vintages"]["unemployed"] == "2024 H1"
    census_2015 = float(demand._population_rows(2015.0, 7).sum())
    assert ind["population"].sum() == pytest.approx(census_2015, rel=1e-9)  # national exact
    assert 50.5e6 < census_2015 < 51.5e6
    assert ind["recipients"].sum() == pytest.approx(
        demand.sigungu_reported(2015)["recipients"].sum()
    )
    assert not ind.isna().any().any()
    # 시도 totals survive the interpolation (borders barely move): within 0.5 %
    src = demand._population_rows(2015.0, 7)
    by_sido_src = src.groupby(src.index.str[:2]).sum()
    by_sido = ind["population"].groupby(areas["area_code"].str[:2].to_numpy()).sum()
    common = by_sido_src.index.intersection(by_sido.index).drop(["29", "30"], errors="ignore")
    assert (abs(by_sido[common] / by_sido_src[common] - 1) < 0.005).all()
    # growth since 2015 shows: 세종 grew fastest
    today = demand.load_indicators()
    sejong = (areas["sido_code"] == "29").to_numpy()
    assert today["population"][sejong].sum() > 1.5 * ind["population"][sejong].sum()


def test_2020_demand_keeps_the_census_total() -> None:
    ind = demand.load_indicators(vintage="2020")
    assert ind["population"].sum() == pytest.approx(float(demand._population_rows(2020.0, 7).sum()))
    assert demand.indicator_vintages("2020")["population"] == "2020"
    assert "2015" in demand.describe_vintage("2015") and "면적 가중" in demand.describe_vintage(
        "2015"
    )
    assert "area-weighted" in demand.describe_vintage("2015", "en")


def test_vintage_sentence_reads_as_korean() -> None:
    """The sidebar's caption read '실업자 2024 H1' and '(… 대응(같은 코드는 …))'."""
    for key in ("2015", "2020", "2025"):
        text = demand.describe_vintage(key, "ko")
        assert "H1" not in text and "2024년 상반기" in text, text
        assert "))" not in text, text
    assert "2024 H1" in demand.describe_vintage("2025", "en")
