"""Scenario comparison tables: kept results are columns by their name in the list, so two kept
results of one scenario name (e.g. the default scenario at 30 and 40 minutes) stay apart."""

from __future__ import annotations

import pytest

from planning import plan as service
from planning.scenario import Scenario
from planning.ui.components.compare import kpi_comparison, site_differences


@pytest.fixture(scope="module")
def two_results():
    base = service.load_base()
    net = service.build_network(base)
    a = service.run_scenario(base, net, Scenario(threshold=30), exact=False)
    b = service.run_scenario(base, net, Scenario(threshold=40), exact=False)
    assert a.scenario.name == b.scenario.name  # the case that used to collide
    return [("기본 시나리오", a), ("기본 시나리오 (2)", b)]


def test_kpi_columns_per_kept_result(two_results):
    table = kpi_comparison(two_results, "ko")
    names = ["기본 시나리오", "기본 시나리오 (2)"]
    assert [table[f"{n} · 계획"].iloc[0] for n in names] == ["30", "40"]  # each column's threshold
    row = 1 + a_kpis_row(two_results[0][1], "share_population")
    for name, r in two_results:
        k = r.kpis.set_index("key").loc["share_population"]
        assert table[f"{name} · 계획"].iloc[row] == f"{k['after']:.1f}"
        # issue 11.18: each result's own 'before', at its own threshold
        assert table[f"{name} · 현재"].iloc[row] == f"{k['before']:.1f}"
    assert (
        table[f"{names[0]} · 계획"].iloc[row] != table[f"{names[1]} · 계획"].iloc[row]
    )  # 30 vs 40 minutes differ
    assert table[f"{names[0]} · 현재"].iloc[row] != table[f"{names[1]} · 현재"].iloc[row]
    a, b = (float(r.kpis.set_index("key").loc["share_population", "after"]) for _, r in two_results)
    assert table["차이(기본 시나리오 (2) − 기본 시나리오)"].iloc[row] == f"{b - a:+.1f}%p"


def a_kpis_row(result, key: str) -> int:
    return list(result.kpis["key"]).index(key)


def test_site_differences_rank_each_kept_result(two_results):
    diff = site_differences(two_results)
    (a_name, a), (b_name, b) = two_results
    assert set(diff["site_id"]) == set(a.new_ids) | set(b.new_ids)
    ranks = diff.set_index("site_id")
    for name, r in two_results:
        have = ranks[name].dropna()
        assert sorted(have.astype(int)) == list(range(1, len(r.new_ids) + 1))
        assert set(have.index) == set(r.new_ids)
    both = set(a.new_ids) & set(b.new_ids)
    assert set(ranks.index[ranks["in_all"]]) == both


def test_rows_name_the_threshold_when_all_share_it(two_results) -> None:
    """Two results at 30 minutes read '30분 내 인구 비율(%)', not 'T분 내 …' with 'T = …'."""
    a = two_results[0][1]
    table = kpi_comparison([("가", a), ("나", a)], "ko")
    rows = table.iloc[:, 0].tolist()
    assert rows[0] == "이동시간 기준(분)" and "30분 내 인구 비율(%)" in rows
    assert not any(str(r).startswith("T") for r in rows)
    mixed = kpi_comparison(two_results, "ko").iloc[:, 0].tolist()
    assert mixed[0].startswith("T = ") and "T분 내 인구 비율(%)" in mixed
