"""The app's pure pipeline helpers (no Streamlit): nearest minutes, catchment owners, uploads."""

from __future__ import annotations

import geopandas as gpd
import numpy as np
import pandas as pd
import pytest
import scipy.sparse as sp
from shapely.geometry import box

from planning.errors import DataError
from planning.optimize.evaluate import evaluate, nearest_open
from planning.plan import (
    ALWAYS,
    NEVER,
    BaseData,
    open_by,
)
from planning.plan.run import _phase_of
from planning.plan.uploads import check_upload

# 3 sites x 4 areas; area 3 is reachable from nobody
CSR = sp.csr_matrix(np.array([[5.0, 20.0, 0, 0], [0, 12.0, 40.0, 0], [1e-6, 0, 35.0, 0]]))


def test_nearest_minutes_and_site_respect_the_open_mask() -> None:
    near = nearest_open(CSR, np.array([True, True, False]))[1]
    assert near.tolist() == [5.0, 12.0, 40.0, np.inf]
    site, minutes = nearest_open(CSR, np.array([True, True, True]))
    assert site.tolist() == [2, 1, 2, -1]
    assert minutes[:3].tolist() == [1e-6, 12.0, 35.0]
    assert nearest_open(CSR, np.zeros(3, dtype=bool))[1].tolist() == [np.inf] * 4


def test_evaluation_is_the_one_reading_of_within_t() -> None:
    ev = evaluate(CSR, np.array([True, True, False]), threshold=12.0)
    # exactly T minutes is within T; 20 min from site 0 loses to 12 min from site 1
    assert ev.covered.tolist() == [True, True, False, False]
    assert ev.site.tolist() == [0, 1, 1, -1]
    assert ev.service_area(1).tolist() == [1]
    assert ev.covered_share(np.array([1.0, 1.0, 1.0, 1.0])) == 0.5
    assert ev.mean_minutes(np.array([1.0, 1.0, 1.0, 0.0])) == (5 + 12 + 40) / 3
    assert ev.mean_minutes(np.ones(4), unreached=90.0) == (5 + 12 + 40 + 90) / 4
    assert ev.worst() == (np.inf, 3)
    assert ev.worst(np.array([1.0, 1.0, 1.0, 0.0])) == (40.0, 2)
    assert ev.beyond(30.0).tolist() == [False, False, True, True]


def test_open_by_uses_the_centers_rule_and_never_for_unknown() -> None:
    centers = pd.DataFrame({"open_by": ["2014-01", None, "2016-01", ALWAYS]})
    assert open_by(centers).tolist() == ["2014-01", NEVER, "2016-01", ALWAYS]


def test_phases_follow_rank() -> None:
    assert _phase_of(np.arange(1, 8), (2, 3)).tolist() == [1, 1, 2, 2, 2, 3, 3]
    assert _phase_of(np.arange(1, 4), ()).tolist() == [1, 1, 1]


@pytest.mark.parametrize(
    ("name", "content", "match"),
    [
        ("a.csv", b"x" * (21 * 1024 * 1024), "너무 큽니다"),
        ("a.csv", b"  \n ", "빈 파일"),
        ("a.pkl", b"\x80\x04K\x01.", "형식이 아닙니다"),
    ],
)
def test_check_upload_refuses_before_parsing(name: str, content: bytes, match: str) -> None:
    with pytest.raises(DataError) as err:
        check_upload(name, content)
    assert match in err.value.problem_ko and name in err.value.problem
    assert err.value.fix and err.value.fix_ko


def test_an_indicator_that_matches_nothing_is_refused() -> None:
    codes = ["11010530"]
    areas = gpd.GeoDataFrame({"area_code": codes}, geometry=[box(0, 0, 1, 1)], crs=4326)
    indicators = pd.DataFrame({"population": [1.0]}, index=pd.Index(codes, name="area_code"))
    base = BaseData(areas, indicators, gpd.GeoDataFrame(), {})
    with pytest.raises(DataError, match="joined no 행정동") as err:
        base.with_indicator("x", pd.Series({"99999999": 1.0}), "v")
    assert "연결되지 않았습니다" in err.value.problem_ko


def test_real_kosis_upload_adds_unemployment_and_names_the_gaps(shared_data) -> None:
    from planning.plan import load_base
    from planning.plan.uploads import apply_upload

    path = next((shared_data / "kosis-regional-employment-sigungu").glob("*.csv"))
    base = load_base()
    new, report = apply_upload(base, "kosis", path.name, path.read_bytes())
    assert "unemployed" in new.indicators.columns
    assert "unemployed" in base.indicators.columns  # the bundled KOSIS 2024 H1 table ...
    assert "data/unemployment_sigungu.csv" in base.vintages["unemployed"]
    assert new.vintages["unemployed"] != base.vintages["unemployed"]  # ... the upload replaces
    assert report.rows > 200
    assert report.vintage
    total = new.indicators["unemployed"].sum()
    assert 500_000 < total < 1_500_000  # national unemployed persons, a plausible order
    # the KOSIS table has no 세종 row: its 행정동 are estimated at the national rate, and said so
    assert not new.indicators["unemployed"].isna().any()
    sejong = (new.areas["sido_code"] == "29").to_numpy()
    assert sejong.sum() > 0
    rate = total / new.indicators["population"].sum()
    est = new.indicators["unemployed"].to_numpy()[sejong].sum()
    assert est == pytest.approx(
        new.indicators["population"].to_numpy()[sejong].sum() * rate, rel=0.01
    )
    assert any("세종" in w.ko and "추정" in w.ko for w in report.warnings)
    assert any("세종" in w.en and "estimated" in w.en for w in report.warnings)


def test_fixture_center_list_upload_replaces_the_network(fixtures) -> None:
    from planning.plan import build_network, load_base
    from planning.plan.uploads import apply_upload

    path = fixtures / "sources" / "centers_list.csv"
    base = load_base()
    new, report = apply_upload(base, "centers", path.name, path.read_bytes())
    assert report.rows == len(new.centers) > 0
    net = build_network(new)
    assert net.fixed_mask("2016-01")[: net.n_centers].all()  # an uploaded list is all existing


def test_explanations_name_sites_instead_of_ids() -> None:
    from planning.plan import readable

    names = {"C:C016": "청주고용복지+센터", "25050620": "대덕구 송촌동"}
    text = "가장 가까운 기존 센터 C:C016까지 60분 · 최선의 대안 25050620: 차이 없음 · 99999999"
    assert readable(text, names) == (
        "가장 가까운 기존 센터 청주고용복지+센터까지 60분 · 최선의 대안 대덕구 송촌동: 차이 없음 · 99999999"
    )


@pytest.fixture(scope="module")
def bundled():
    from planning.plan import build_network, load_base

    base = load_base()
    return base, build_network(base)


def test_app_travel_table_is_the_national_default(bundled) -> None:
    """The app's minutes are national_instance's (동/읍/면 speeds, ferry penalty), pair by pair."""
    from planning.plan.national import national_instance

    base, net = bundled
    inst = national_instance(threshold=30.0)
    ours = net.table
    mine = {
        (str(net.site_ids[s]), str(base.areas["area_code"].iloc[a])): m
        for s, a, m in zip(ours.site_idx, ours.area_idx, ours.minutes, strict=True)
        if m <= 30.0 and s >= net.n_centers  # candidates: the same points in both
    }
    ref_table = inst.problem.minutes
    ref_sites = inst.problem.site_ids
    n_existing = int(inst.problem.fixed.sum())
    ref = {
        (str(ref_sites[s]), str(inst.areas["area_code"].iloc[a])): m
        for s, a, m in zip(ref_table.site_idx, ref_table.area_idx, ref_table.minutes, strict=True)
        if s >= n_existing
    }
    assert mine.keys() == ref.keys()
    keys = list(ref)
    np.testing.assert_allclose([mine[k] for k in keys], [ref[k] for k in keys], rtol=1e-9)


def test_islands_need_the_ferry(bundled) -> None:
    """Mainland -> Jeju pays the 60-minute ferry; trips inside Jeju are short."""
    base, net = bundled
    sido = base.areas["sido_ko"].astype(str)
    jeju = np.flatnonzero(sido.str.startswith("제주").to_numpy())
    jeonnam = np.flatnonzero(sido.str.startswith("전라남").to_numpy())
    assert len(jeju) > 30 and len(jeonnam) > 200
    across = net.csr[net.n_centers + jeonnam][:, jeju]
    assert across.nnz == 0 or across.data.min() >= 60.0
    inside = net.csr[net.n_centers + jeju][:, jeju]
    assert inside.nnz > 0 and np.median(inside.data) < 60.0


def test_kpi_table_shows_beyond_the_cutoff_like_the_metric() -> None:
    """inf minutes (an area no center reaches within 90 min) read '> 90', never None/empty."""
    from types import SimpleNamespace

    from planning.plan.outputs import kpi_frame, minutes_change
    from planning.scenario import Scenario

    kpis = pd.DataFrame(
        {
            "key": ["n_centers", "share_population", "avg_minutes", "worst_minutes"],
            "before": [37.0, 71.25, 21.04, np.inf],
            "after": [100.0, 90.5, 12.5, 45.2],
        }
    )
    frame = kpi_frame(SimpleNamespace(scenario=Scenario(), kpis=kpis), "ko")
    worst = frame.set_index("metric").loc["최장 이동시간(분)"]
    assert (worst["before"], worst["after"], worst["change"]) == ("> 90", "45.2", "< -44.8")
    assert frame["change"].tolist()[:3] == ["+63", "+19.2", "-8.5"]
    assert frame.notna().all().all() and "None" not in frame.to_string()
    assert minutes_change(np.inf, np.inf) == ("–", 0)
    assert minutes_change(80.0, np.inf) == ("> +10.0", 1)
    assert minutes_change(50.0, 40.0) == ("-10.0", -1)


def test_phases_are_optimised_stage_by_stage(bundled) -> None:
    """Phase totals (the whole network after each phase) run a nested rollout: phase 1 is the
    best 10-site answer on its own, and every later phase keeps it."""
    from planning.optimize import solve
    from planning.plan import demand_weights, make_problem, run_scenario
    from planning.scenario import Scenario

    base, net = bundled
    n = int(net.fixed_mask("2016-01").sum())  # the centers open at 2016-01
    scenario = Scenario(total=n + 20, phases=(n + 10, n + 20))  # +10, +10
    result = run_scenario(base, net, scenario, exact=False)
    sites = result.sites
    assert len(sites) == 20
    assert sites["phase"].tolist() == [1] * 10 + [2] * 10
    assert sites["rank"].tolist() == list(range(1, 21))
    problem = make_problem(base, net, scenario, demand_weights(base, scenario))
    alone = solve(problem, total=int(problem.fixed.sum()) + 10, threshold=30.0, exact=False)
    phase1 = set(sites.loc[sites["phase"] == 1, "site_id"])
    assert phase1 == {str(s) for s in alone.new_sites}


@pytest.mark.parametrize(("as_of", "phases"), [("2016-01", (70,)), ("2026-01", (80, 90))])
def test_phase_totals_never_push_the_network_past_the_target(bundled, as_of, phases) -> None:
    """Issue 11.1: phases `70` at 2016-01 opened 70 new sites (107 centers); `23, 20, 20` at
    2026-01 gave 60 -> 123. Phases are network totals now: the network ends at the target and
    each phase's KPI column counts the centers of that phase."""
    from planning.plan import run_scenario
    from planning.scenario import Scenario

    base, net = bundled
    result = run_scenario(base, net, Scenario(as_of=as_of, phases=phases), exact=False)
    k = result.kpis.set_index("key")
    n_fixed = int(k.loc["n_centers", "before"])
    assert k.loc["n_centers", "after"] == 100
    assert len(result.sites) == 100 - n_fixed
    cols = [f"phase_{i}" for i in range(1, len(phases) + 1)]
    assert [int(k.loc["n_centers", c]) for c in cols] == list(phases)
    counts = result.sites["phase"].value_counts().sort_index().tolist()
    assert counts == np.diff([n_fixed, *phases, 100]).tolist()
    assert len(result.stages) == len(phases)


def test_a_first_phase_at_or_below_the_existing_network_is_refused(bundled) -> None:
    from planning.errors import InfeasibleScenario
    from planning.plan import run_scenario
    from planning.scenario import Scenario

    base, net = bundled
    n = int(net.fixed_mask("2026-01").sum())
    with pytest.raises(InfeasibleScenario) as info:
        run_scenario(base, net, Scenario(as_of="2026-01", phases=(n, n + 20)), exact=False)
    assert f"{n}곳" in info.value.problem_ko and f"{n + 1}" in info.value.fix_ko


def test_average_objective_bound_and_gap_share_units(bundled) -> None:
    """Issue 11.3: the app showed objective 1,727.283 and bound 0.411 (gap 99.98 %): unreached
    areas (beyond the 90-minute table) made the bound the all-sites-open one. They count at
    90 minutes now, as in the mean-minutes KPI, and the bound is a real one."""
    from planning.plan import run_scenario
    from planning.scenario import Scenario

    base, net = bundled
    result = run_scenario(base, net, Scenario(model="average"), exact=False, time_limit=20)
    sol = result.solution
    w = 100.0  # the problem's weights: the composite index in % of the nation
    assert sol.bound <= sol.objective
    assert sol.gap < 0.10, (sol.objective, sol.bound)
    assert 5.0 < sol.bound / w <= sol.objective / w < 30.0  # minutes


def test_worst_time_quick_answer_is_as_good_as_coverage_and_ignores_the_slider(bundled) -> None:
    """Issue 11.17: the quick 최장 이동시간 answer was 80.9 min where the coverage model reaches
    every area within 60 min, and it changed with the threshold slider. Now it searches the
    radius itself; its bound is the all-sites-open one, so 'optimal' is claimed only when met."""
    from planning.plan import run_scenario
    from planning.scenario import Scenario

    base, net = bundled
    coverage = run_scenario(base, net, Scenario(model="coverage", threshold=60), exact=False)
    reached = float(coverage.kpis.set_index("key").loc["worst_minutes", "after"])
    runs = [
        run_scenario(base, net, Scenario(model="worst", threshold=t), exact=False) for t in (30, 45)
    ]
    for r in runs:
        sol = r.solution
        worst = float(r.kpis.set_index("key").loc["worst_minutes", "after"])
        assert sol.objective <= reached + 1e-9 and worst <= reached + 1e-9
        assert sol.bound <= sol.objective and (sol.optimal == (sol.objective <= sol.bound + 1e-9))
        # a minimisation: its bound is a 하한 (the page said '상한 60.00분', the coverage
        # solution's sense kept by the radius search)
        assert sol.model == "center" and sol.sense == "min" and sol.bound_label() == "하한"
    assert runs[0].open_ids == runs[1].open_ids  # the slider does not change it


def test_best_alternative_keeps_the_quotas_and_speaks_plainly(bundled) -> None:
    """Issue 11.16: a site placed by a 시도 minimum got an alternative elsewhere (a rural 강원
    면 for a Seoul site); alternatives now keep the quotas. No jargon ('이동시간표 범위')."""
    from planning.plan import run_scenario
    from planning.scenario import Scenario

    base, net = bundled
    result = run_scenario(base, net, Scenario(sido_min=(("11", 20),)), exact=False)
    sido = dict(zip(net.site_ids.tolist(), net.site_sido.tolist(), strict=True))
    seoul = result.sites[result.sites["sido_ko"] == "서울특별시"]
    assert len(seoul) >= 20
    from planning.optimize import explain
    from planning.plan import demand_weights, make_problem

    s = result.scenario
    problem = make_problem(base, net, s, demand_weights(base, s))
    table = explain(problem, result.solution, base.indicators, quotas={"11": (20, 100)})
    rows = table[table["site_id"].map(sido) == "11"]
    assert len(rows) >= 20
    assert (rows["best_alternative"].map(sido) == "11").all()  # Seoul is at its minimum
    text = " ".join(result.sites["explanation"])
    assert "이동시간표" not in text and "다른 지정 조건" not in text
    assert not any(c in text for c in rows["best_alternative"].astype(str))  # names, not ids


def test_average_and_worst_time_count_real_minutes_beyond_the_table(bundled) -> None:
    """Issue 12.2: the KPIs' worst and average time use real minutes beyond the 90-minute
    table (the same straight-line model without its cutoff), not a cap."""
    from planning.plan import DETOUR, run_scenario
    from planning.scenario import Scenario
    from planning.travel.straight import straight_table_from_areas

    base, net = bundled
    result = run_scenario(base, net, Scenario(total=45), exact=False)
    k = result.kpis.set_index("key")
    worst = float(k.loc["worst_minutes", "before"])
    assert np.isfinite(worst) and worst > 90
    idx = np.flatnonzero(result.before.open_mask)
    table = straight_table_from_areas(
        base.areas, net.lat[idx], net.lon[idx], cutoff=np.inf, detour=DETOUR
    )
    real = table.dense().min(axis=0)
    assert worst == pytest.approx(real.max())
    pop = base.indicators["population"].fillna(0.0).to_numpy(float)
    assert float(k.loc["avg_minutes", "before"]) == pytest.approx((real * pop).sum() / pop.sum())
    assert float(k.loc["people_beyond_90", "before"]) == pytest.approx(pop[real > 90].sum())
