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
    assert list(table.columns[-2:]) == ["기본 시나리오", "기본 시나리오 (2)"]
    assert table.iloc[0, -2:].tolist() == ["30", "40"]  # each column's threshold
    row = 1 + a_kpis_row(two_results[0][1], "share_population")
    for name, r in two_results:
        share = float(r.kpis.set_index("key").loc["share_population", "after"])
        assert table[name].iloc[row] == f"{share:.1f}"
    assert table.iloc[row, -2] != table.iloc[row, -1]  # 30 vs 40 minutes differ


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
