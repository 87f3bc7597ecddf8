"""Robustness sweeps (planning.plan.sweep, python -m planning sweep) on a real Dask LocalCluster on
loopback: samples from a seed, a sweep on 2 worker processes, the same seed giving the same
table, a worker killed mid-sweep losing no sample, a failed sample reported in runs.csv."""

from __future__ import annotations

import json
import os
import signal
import subprocess
import sys
from pathlib import Path

import numpy as np
import pandas as pd
import pytest

from planning.errors import DataError
from planning.plan import sweep as sw
from planning.scenario import Scenario

ROOT = Path(__file__).resolve().parents[1]
SCENARIO = Scenario().replace(weights={"population": 1.0, "recipients": 2.0}, threshold=30)


# -- pure parts ---------------------------------------------------------------------------------


def test_samples_from_a_seed() -> None:
    a = sw.make_samples(SCENARIO, 50, spread=0.5, thresholds=[20, 30, 45], seed=7)
    b = sw.make_samples(SCENARIO, 50, spread=0.5, thresholds=[20, 30, 45], seed=7)
    c = sw.make_samples(SCENARIO, 50, spread=0.5, thresholds=[20, 30, 45], seed=8)
    assert a == b
    assert a != c
    assert [s.index for s in a] == list(range(50))
    factors = np.array([s.factors for s in a])
    assert factors.min() >= 0.5 and factors.max() <= 1.5
    assert factors.std() > 0.1  # really random, not all 1
    for s in a:
        w = dict(s.weights)
        assert w["population"] == pytest.approx(1.0 * s.factors[0], rel=1e-5)
        assert w["recipients"] == pytest.approx(2.0 * s.factors[1], rel=1e-5)
    assert {s.threshold for s in a} == {20.0, 30.0, 45.0}
    fixed = sw.make_samples(SCENARIO, 5, spread=0.0, seed=1)
    assert all(dict(s.weights) == {"population": 1.0, "recipients": 2.0} for s in fixed)
    assert all(s.threshold == 30.0 for s in fixed)


@pytest.mark.parametrize(
    ("kwargs", "word"),
    [({"spread": 1.5}, "spread"), ({"thresholds": [30, 120]}, "90"), ({"n": 0}, "samples")],
)
def test_bad_sweep_settings_are_named(kwargs: dict, word: str) -> None:
    n = kwargs.pop("n", 3)
    with pytest.raises(DataError) as exc:
        sw.make_samples(SCENARIO, n, **kwargs)
    assert word in str(exc.value)
    assert exc.value.problem_ko


def _run(i: int, sites: tuple[str, ...], error: str = "") -> sw.SampleRun:
    return sw.SampleRun(
        sw.Sample(i, (("population", 1.0),), 30.0, (1.0,)), sites=sites, error=error
    )


def test_site_frequency_shares_ranks_and_status() -> None:
    info = pd.DataFrame(
        {"name": ["가동", "나동", "다동"], "sido": ["서울"] * 3, "sigungu": ["종로구"] * 3,
         "lat": [37.5, 37.6, 37.7], "lon": [127.0, 127.1, 127.2]},
        index=pd.Index(["A", "B", "C"], name="site_id"),
    )  # fmt: skip
    runs = [_run(i, ("A", "B") if i < 6 else ("A", "C")) for i in range(10)]
    runs.append(_run(10, (), error="DataError: bad"))  # failed: not counted
    freq = sw.site_frequency(runs, info, proposed=["A", "B"])
    got = freq.set_index("site_id")
    assert list(freq["site_id"]) == ["A", "B", "C"]
    assert got.loc["A", "share"] == 1.0 and got.loc["A", "status"] == "stable"
    assert got.loc["B", "share"] == 0.6 and got.loc["B", "status"] == "swing"
    assert got.loc["C", "share"] == 0.4 and got.loc["C", "median_rank"] == 2.0
    assert got.loc["B", "proposed"] and not got.loc["C", "proposed"]
    assert sw.status_of(0.9) == "stable" and sw.status_of(0.899) == "swing"
    assert sw.status_of(0.2) == "swing" and sw.status_of(0.19) == "rare"
    gj = sw.frequency_geojson(freq)
    props = [f["properties"] for f in gj["features"]]
    assert [p["share"] for p in props] == [1.0, 0.6, 0.4]
    assert props[0]["color"] == sw.SHARE_COLORS[-1]
    assert len({p["color"] for p in props}) == 3


# -- on a real LocalCluster ----------------------------------------------------------------------


@pytest.fixture(scope="module")
def client():
    from distributed import Client, LocalCluster

    with (
        LocalCluster(
            n_workers=2, threads_per_worker=1, host="127.0.0.1", dashboard_address=None
        ) as cluster,
        Client(cluster) as c,
    ):
        yield c


def test_sweep_on_two_workers_same_seed_same_table(client) -> None:
    samples = sw.make_samples(SCENARIO, 4, spread=0.5, thresholds=[30, 45], seed=11)
    seen: list[tuple[int, int]] = []
    first = sw.run_sweep(
        SCENARIO, samples, client=client, progress=lambda d, n: seen.append((d, n))
    )
    assert seen[-1] == (5, 5) and [d for d, _ in seen] == [1, 2, 3, 4, 5]  # 4 + the baseline
    assert first.n_ok == 4 and first.baseline.ok and first.workers == 2
    assert len({r.worker for r in first.runs} | {first.baseline.worker}) == 2  # both worked
    # each worker read the data once, for all of its tasks
    assert sw.worker_loads(client, "planning-sweep-bundled") == {
        a: 1 for a in client.run(os.getpid)
    }
    again = sw.run_sweep(
        SCENARIO, sw.make_samples(SCENARIO, 4, spread=0.5, thresholds=[30, 45], seed=11),
        client=client,
    )  # fmt: skip
    assert sw.worker_loads(client, "planning-sweep-bundled") == {
        a: 1 for a in client.run(os.getpid)
    }
    info = _info()
    f1 = sw.site_frequency(first.runs, info, first.proposed)
    f2 = sw.site_frequency(again.runs, info, again.proposed)
    pd.testing.assert_frame_equal(f1, f2)
    r1, r2 = (sw.runs_frame(x).drop(columns=["seconds", "worker"]) for x in (first, again))
    pd.testing.assert_frame_equal(r1, r2)
    # the table reads right: 100 centers each time, the heuristic's bound above its objective
    assert (r1["n_centers"] == SCENARIO.total).all()
    assert (r1["bound"] >= r1["objective"] - 1e-9).all() and (r1["gap"] >= 0).all()
    assert set(r1["kind"]) == {"base", "sample"} and r1["kind"].iloc[0] == "base"
    n_new = int(r1["n_new"].iloc[0])
    assert f1["picked"].sum() == 4 * n_new  # every pick of every sample is counted once
    assert f1["proposed"].sum() == n_new
    # a 45-minute standard covers more than 30 minutes
    by_t = r1.groupby("threshold")["share_index"].mean()
    if len(by_t) == 2:
        assert by_t[45.0] > by_t[30.0]


def _info() -> pd.DataFrame:
    from planning.regions import load_areas

    return sw.site_info(load_areas())


def test_a_failed_sample_is_reported_not_fatal(client, tmp_path: Path) -> None:
    good = sw.make_samples(SCENARIO, 2, seed=3)
    bad = sw.Sample(2, (("no_such_indicator", 1.0),), 30.0, (1.0,))
    result = sw.run_sweep(SCENARIO, [*good, bad], client=client)
    assert result.n_ok == 2
    assert [r.sample.index for r in result.failed] == [2]
    assert "None of the weighted indicators" in result.failed[0].error
    paths = sw.write_sweep(result, sw.site_frequency(result.runs, _info()), tmp_path)
    runs = pd.read_csv(paths["runs"], encoding="utf-8-sig", keep_default_na=False)
    row = runs[runs["sample"] == 2].iloc[0]
    assert row["status"] == "failed" and "None of the weighted indicators" in row["error"]
    assert (runs[runs["sample"] != 2]["status"] == "ok").all()


def test_a_worker_killed_mid_sweep_loses_no_sample() -> None:
    from distributed import Client, LocalCluster

    samples = sw.make_samples(SCENARIO, 8, spread=0.5, seed=5)
    killed: dict[str, object] = {}
    with (
        LocalCluster(
            n_workers=2, threads_per_worker=1, host="127.0.0.1", dashboard_address=None
        ) as cluster,
        Client(cluster) as c,
    ):
        pids = c.run(os.getpid)

        def progress(done: int, total: int) -> None:
            if killed or done < 2:
                return
            busy = {w: keys for w, keys in c.processing().items() if keys}
            if not busy:  # between two tasks: try at the next result
                return
            victim = next(iter(busy))  # a worker in the middle of a sample
            killed.update(worker=victim, keys=list(busy[victim]), done=done, total=total)
            os.kill(pids[victim], signal.SIGKILL)

        result = sw.run_sweep(SCENARIO, samples, client=c, progress=progress)
        after = c.run(os.getpid)
    assert killed and killed["done"] < killed["total"]
    assert killed["keys"]  # the dead worker was running a task when it died
    assert result.n_ok == len(samples) and result.baseline.ok  # nothing lost
    assert pids[killed["worker"]] not in after.values()  # the process really died


def test_sweep_cli_writes_the_three_files(tmp_path: Path) -> None:
    scenario = tmp_path / "s.toml"
    scenario.write_text(SCENARIO.to_toml(), encoding="utf-8")
    out = tmp_path / "out"
    env = {**os.environ, "PYTHONPATH": str(ROOT)}
    proc = subprocess.run(
        [sys.executable, "-m", "planning", "sweep", str(scenario), "--samples", "3",
         "--thresholds", "30,45", "--seed", "2", "--workers", "2", "--out", str(out)],
        cwd=ROOT, env=env, capture_output=True, text=True, timeout=300,
    )  # fmt: skip
    assert proc.returncode == 0, proc.stderr[-3000:]
    assert "3/3 samples" in proc.stdout
    raw = (out / "site_frequency.csv").read_bytes()
    assert raw.startswith(b"\xef\xbb\xbf")  # UTF-8 with BOM, for Excel
    freq = pd.read_csv(out / "site_frequency.csv", encoding="utf-8-sig", dtype={"site_id": str})
    assert list(freq.columns[:7]) == [
        "site_id", "name", "sido", "sigungu", "share", "median_rank", "status",
    ]  # fmt: skip
    assert freq["share"].between(0, 1).all() and freq["share"].is_monotonic_decreasing
    assert set(freq["status_label"]) <= {"안정", "경합", "드묾"}
    runs = pd.read_csv(out / "runs.csv", encoding="utf-8-sig")
    assert len(runs) == 4 and (runs["status"] == "ok").all()
    gj = json.loads((out / "site_frequency.geojson").read_text(encoding="utf-8"))
    assert len(gj["features"]) == len(freq)
    assert all({"share", "color"} <= set(f["properties"]) for f in gj["features"])


def test_sweep_cli_bad_scheduler_is_a_clear_error(tmp_path: Path) -> None:
    scenario = tmp_path / "s.json"
    scenario.write_text(SCENARIO.to_json(), encoding="utf-8")
    env = {**os.environ, "PYTHONPATH": str(ROOT)}
    proc = subprocess.run(
        [sys.executable, "-m", "planning", "sweep", str(scenario), "--samples", "2",
         "--scheduler", "tcp://127.0.0.1:9", "--connect-timeout", "3", "--out", str(tmp_path / "o")],
        cwd=ROOT, env=env, capture_output=True, text=True, timeout=120,
    )  # fmt: skip
    assert proc.returncode == 2
    assert "Could not reach the Dask scheduler" in proc.stderr
