"""``python -m planning optimize`` CSVs open in Excel (UTF-8 BOM) and carry names, not only ids."""

from __future__ import annotations

import shutil

import pandas as pd

from planning.cli import main


def _read(path) -> pd.DataFrame:
    raw = path.read_bytes()
    assert raw.startswith(b"\xef\xbb\xbf"), path.name
    return pd.read_csv(path, encoding="utf-8-sig", dtype=str)


def test_national_outputs_have_bom_and_names(tmp_path) -> None:
    out = tmp_path / "nat"
    assert main(["optimize", "--heuristic", "--out", str(out)]) == 0
    sites = _read(out / "sites.csv")
    assert list(sites.columns) == ["id", "name", "lat", "lon", "status", "rank"]
    assert sites["name"].str.len().gt(0).all()
    centers = sites[sites["status"] == "existing"]
    assert centers["name"].str.contains("고용복지").all()
    new = sites[sites["status"] == "new"]
    # candidates read "시도 시군구 행정동", e.g. "서울특별시 종로구 사직동"
    assert new["name"].str.split().str.len().ge(3).all()
    assert new["lat"].str.split(".").str[1].str.len().le(6).all()  # 6-decimal coordinates
    explain = _read(out / "explain.csv")
    for col in ("site_name", "nearest_existing_name", "best_alternative_name"):
        assert col in explain.columns
    assert explain["site_name"].tolist() == new["name"].tolist()
    first = explain.iloc[0]
    assert first["nearest_existing_name"] in first["explanation"]
    assert first["nearest_existing"] not in first["explanation"]  # C0xx replaced by the name
    assert first["site_id"] not in first["explanation"]


def test_files_with_a_name_column(fixtures, tmp_path) -> None:
    src = fixtures / "optimize"
    for name in ("demand.csv", "existing.csv"):
        shutil.copy(src / name, tmp_path / name)
    cand = pd.read_csv(src / "candidates.csv", dtype={"id": str})
    cand["이름"] = [f"후보 {i}" for i in range(len(cand))]
    cand.to_csv(tmp_path / "candidates.csv", index=False)
    out = tmp_path / "o"
    argv = ["optimize", "--speed-kmh", "40", "--total", "6", "--out", str(out)]
    for what in ("demand", "candidates", "existing"):
        argv += [f"--{what}", str(tmp_path / f"{what}.csv")]
    assert main(argv) == 0
    sites = _read(out / "sites.csv")
    new = sites[sites["status"] == "new"]
    assert new["name"].str.startswith("후보 ").all()
    assert _read(out / "explain.csv")["site_name"].tolist() == new["name"].tolist()
