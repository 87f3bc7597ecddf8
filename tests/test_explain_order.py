"""Reasons match their row: explain() follows the caller's rank order (phased results)."""

from __future__ import annotations

import re

import numpy as np
import pytest

from planning.optimize import LocationProblem, explain, solve


def _problem() -> LocationProblem:
    rng = np.random.default_rng(7)
    n_sites, n_demand = 12, 40
    minutes = rng.uniform(5, 60, size=(n_sites, n_demand))
    fixed = np.zeros(n_sites, dtype=bool)
    fixed[0] = True
    return LocationProblem(
        weights=rng.uniform(1, 10, n_demand),
        minutes=minutes,
        fixed=fixed,
        site_ids=np.array([f"s{i}" for i in range(n_sites)], dtype=object),
    )


def test_explain_follows_the_given_order() -> None:
    problem = _problem()
    sol = solve(problem, total=5, threshold=25)
    own = explain(problem, sol)
    order = list(reversed(own["site_id"].tolist()))
    table = explain(problem, sol, order=order)
    assert table["site_id"].tolist() == order
    assert table["rank"].tolist() == [1, 2, 3, 4]
    for rank, text in zip(table["rank"], table["explanation"], strict=True):
        assert text.startswith(f"{rank}순위")
    # newly covered demand is counted in the given order and still adds up to the same total
    assert table["new_weight"].sum() == pytest.approx(own["new_weight"].sum())
    first = own.set_index("site_id").loc[order[0], "new_weight"]
    assert table["new_weight"].iloc[0] >= first - 1e-9
    with pytest.raises(ValueError, match="order"):
        explain(problem, sol, order=order[:-1])


def test_phased_app_result_reasons_name_their_own_rank() -> None:
    """Phases +10, +30 at 45 minutes: the final solve ranks sites differently from the phases."""
    from planning import plan as service
    from planning.scenario import Scenario

    base = service.load_base()
    net = service.build_network(base)
    n = int(net.fixed_mask("2016-01").sum())
    s = Scenario(threshold=45, phases=(n + 10, n + 40))
    result = service.run_scenario(base, net, s)
    sites = result.sites
    assert len(sites) == 100 - n
    for row in sites.itertuples():
        assert row.explanation.startswith(f"{row.rank}순위:"), (row.rank, row.explanation)
        m = re.search(r"인구 ([\d,]+)명", row.explanation)
        if row.population_gain > 0:
            assert m and int(m.group(1).replace(",", "")) == row.population_gain


def test_a_loss_below_the_shown_precision_is_not_written_as_zero() -> None:
    """The 62nd site's reason read '차선의 대안 …: 포괄 수요가 0.00%p 줄어듦'."""
    import pandas as pd

    from planning.optimize.explain import _sentence

    row = pd.Series(
        {"rank": 62, "best_alternative": "송학면", "alternative_loss": 0.4, "demand_total": 1e5}
    )
    ko = _sentence(row, "coverage", "ko")
    assert "0.00%p" not in ko and "포괄 수요가 0.01%p 미만 줄어듦" in ko, ko
    assert "under 0.01%p lower" in _sentence(row, "coverage", "en")
    row["alternative_loss"] = 2000.0  # 2 %p
    assert "포괄 수요가 2.00%p 줄어듦" in _sentence(row, "coverage", "ko")


@pytest.mark.slow
def test_a_proven_phased_plan_never_calls_itself_a_quick_answer() -> None:
    """A nested rollout is optimal phase by phase; a swap that would be better for the final
    network is the price of keeping the earlier phases, and the sentence says so (it used to
    say 'a quick answer' beside '최적해가 증명되었습니다')."""
    from planning.i18n import t
    from planning.plan import build_network, load_base, run_scenario
    from planning.scenario import Scenario

    base = load_base()
    result = run_scenario(base, build_network(base), Scenario(phases=(60, 80)), exact=True)
    assert result.solution.optimal
    quick = t("explain.better_alt", "ko", alt="", what="", amount="", change="").split(":")[-1]
    phase_text = t("explain.better_alt_phase", "ko", alt="", what="", amount="", change="")
    phase_text = phase_text.split(":")[-1]
    last = result.sites["phase"].max()
    flagged = 0
    for (_, row), ko in zip(result.sites.iterrows(), result.explanations["ko"], strict=True):
        assert quick not in ko
        if phase_text in ko:
            flagged += 1
            assert row["phase"] < last  # only a site an earlier phase opened
    assert flagged  # this plan has such sites (5 on the bundled data)
    assert any("phased plan keeps" in en for en in result.explanations["en"])
