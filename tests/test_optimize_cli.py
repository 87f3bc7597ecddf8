"""``python -m planning optimize`` on CSV files: outputs checked against an independent
great-circle computation; bad files give clear errors."""

from __future__ import annotations

import itertools
import json
import shutil

import numpy as np
import pandas as pd
import pytest

from planning.cli import main

R_KM = 6371.0088


def minutes(a: pd.DataFrame, b: pd.DataFrame, speed=40.0, detour=1.3) -> np.ndarray:
    la1, lo1 = np.radians(a["lat"].to_numpy())[:, None], np.radians(a["lon"].to_numpy())[:, None]
    la2, lo2 = np.radians(b["lat"].to_numpy())[None], np.radians(b["lon"].to_numpy())[None]
    h = np.sin((la2 - la1) / 2) ** 2 + np.cos(la1) * np.cos(la2) * np.sin((lo2 - lo1) / 2) ** 2
    return 2 * R_KM * np.arcsin(np.sqrt(h)) * detour / speed * 60


@pytest.fixture()
def files(fixtures, tmp_path):
    src = fixtures / "optimize"
    for name in ("demand.csv", "candidates.csv", "existing.csv"):
        shutil.copy(src / name, tmp_path / name)
    return tmp_path


def run(files, out, *extra):
    return main(
        [
            "optimize",
            "--demand",
            str(files / "demand.csv"),
            "--candidates",
            str(files / "candidates.csv"),
            "--existing",
            str(files / "existing.csv"),
            "--travel",
            "straight",
            "--speed-kmh",
            "40",
            "--detour",
            "1.3",
            "--threshold",
            "30",
            "--out",
            str(out),
            *extra,
        ]
    )


@pytest.mark.parametrize("model", ["coverage", "median", "center"])
def test_cli_outputs_are_optimal_by_brute_force(files, tmp_path, model):
    out = tmp_path / model
    assert run(files, out, "--total", "6", "--model", model) == 0
    sites = pd.read_csv(out / "sites.csv", dtype={"id": str})
    summary = json.loads((out / "summary.json").read_text())
    dem = pd.read_csv(files / "demand.csv")
    cand = pd.read_csv(files / "candidates.csv")
    ex = pd.read_csv(files / "existing.csv")
    assert list(sites.columns) == ["id", "lat", "lon", "status", "rank"]
    assert (sites["status"] == "existing").sum() == len(ex)
    new = sites[sites["status"] == "new"]
    assert list(new["rank"]) == list(range(1, len(new) + 1))
    assert len(sites) <= 6
    for key in ("objective", "bound", "gap", "optimal", "seconds"):
        assert key in summary
    assert summary["optimal"] is True
    w = dem["weight"].to_numpy(float)

    def objective(open_frame):
        m = minutes(open_frame, dem).min(axis=0)
        if model == "coverage":
            return w[m <= 30].sum()
        return w @ m if model == "median" else m[w > 0].max()

    assert objective(sites) == pytest.approx(summary["objective"], rel=1e-9)
    best = None
    for combo in itertools.combinations(range(len(cand)), 6 - len(ex)):
        v = objective(pd.concat([ex, cand.iloc[list(combo)]]))
        if best is None or (v > best if model == "coverage" else v < best):
            best = v
    assert summary["objective"] == pytest.approx(best, rel=1e-9)
    explain = pd.read_csv(out / "explain.csv", dtype={"site_id": str, "nearest_existing": str})
    assert list(explain["site_id"]) == list(new["id"])
    # nearest existing center and the site-to-site time, checked independently
    to_ex = minutes(ex, new.reset_index(drop=True))
    assert list(explain["nearest_existing"]) == list(ex["id"].iloc[to_ex.argmin(axis=0)])
    assert np.allclose(explain["minutes_to_existing"], to_ex.min(axis=0))


def test_cli_heuristic_flag_and_min_sites(files, tmp_path):
    assert run(files, tmp_path / "h", "--total", "8", "--heuristic") == 0
    s = json.loads((tmp_path / "h" / "summary.json").read_text())
    assert s["method"] == "heuristic" and s["bound"] >= s["objective"]
    assert run(files, tmp_path / "m", "--model", "min-sites", "--target-share", "0.6") == 0
    s = json.loads((tmp_path / "m" / "summary.json").read_text())
    assert s["objective"] == s["new"]


def _rewrite(path, frame):
    frame.to_csv(path, index=False)


def test_cli_bad_files(files, tmp_path, capsys):
    dem = pd.read_csv(files / "demand.csv")
    _rewrite(files / "demand.csv", dem.drop(columns=["weight"]))
    assert run(files, tmp_path / "x", "--total", "6") == 2
    assert "lacks column(s) weight" in capsys.readouterr().err
    _rewrite(files / "demand.csv", pd.concat([dem, dem.head(1)]))
    assert run(files, tmp_path / "x", "--total", "6") == 2
    assert "repeats ids: D000" in capsys.readouterr().err
    _rewrite(files / "demand.csv", dem)
    cand = pd.read_csv(files / "candidates.csv")
    ex = pd.read_csv(files / "existing.csv")
    _rewrite(files / "candidates.csv", pd.concat([cand, ex.head(1)]))
    assert run(files, tmp_path / "x", "--total", "6") == 2
    assert "Existing center ids also appear among the candidates: E000" in capsys.readouterr().err
    _rewrite(files / "candidates.csv", cand)
    assert run(files, tmp_path / "x", "--total", "2") == 2
    assert "below the 3 existing centers" in capsys.readouterr().err


@pytest.mark.parametrize("model", ["coverage", "median"])
def test_cli_matrix_gives_the_brute_force_optimum_of_its_minutes(files, tmp_path, model):
    """--matrix: an OD table (origin = demand id, destination = site id) with its own minutes
    (here 1.7 x the great-circle minutes, pairs above 80 min absent): the optimum of those
    minutes by brute force."""
    dem = pd.read_csv(files / "demand.csv", dtype={"id": str})
    cand = pd.read_csv(files / "candidates.csv", dtype={"id": str})
    ex = pd.read_csv(files / "existing.csv", dtype={"id": str})
    sites = pd.concat([ex, cand], ignore_index=True)
    m = minutes(sites, dem) * 1.7
    rows = [
        (dem["id"].iloc[a], sites["id"].iloc[s], m[s, a])
        for s in range(len(sites))
        for a in range(len(dem))
        if m[s, a] <= 80
    ]
    od = tmp_path / "od.csv"
    pd.DataFrame(rows, columns=["origin_id", "destination_id", "minutes"]).to_csv(od, index=False)
    out = tmp_path / f"mx-{model}"
    args = ["--total", "6", "--model", model, "--travel", "matrix", "--matrix", str(od)]
    if model == "median":
        args += ["--penalty", "200"]
    assert run(files, out, *args) == 0
    summary = json.loads((out / "summary.json").read_text())
    assert summary["travel"]["engine"] == "matrix" and summary["optimal"] is True
    w = dem["weight"].to_numpy(float)
    full = np.where(m <= 80, m, np.inf if model == "coverage" else 200.0)

    def objective(idx):
        best = full[list(idx)].min(axis=0)
        return w[best <= 30].sum() if model == "coverage" else float(w @ best)

    n_ex = len(ex)
    values = [
        objective([*range(n_ex), *(n_ex + c for c in combo)])
        for combo in itertools.combinations(range(len(cand)), 6 - n_ex)
    ]
    best = max(values) if model == "coverage" else min(values)
    assert summary["objective"] == pytest.approx(best, rel=1e-9)


def test_cli_matrix_flags_must_agree(files, tmp_path, capsys):
    assert main(["optimize", "--travel", "matrix", "--out", str(tmp_path / "x")]) == 2
    assert "--matrix" in capsys.readouterr().err
