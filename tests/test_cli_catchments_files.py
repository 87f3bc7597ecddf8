"""``catchments`` writes only the reached areas by default (small files), with names and a BOM."""

from __future__ import annotations

import io

import geopandas as gpd
import pandas as pd

from planning.cli import main


def _run(out, *extra: str) -> None:
    argv = ["catchments", "--site", "37.5665,126.9780", "--threshold", "30", "--out", str(out)]
    assert main([*argv, *extra]) == 0


def test_one_site_writes_only_the_reached_areas_with_names(tmp_path) -> None:
    out = tmp_path / "o"
    _run(out)
    n = gpd.read_file(out / "nearest.geojson")
    assert 50 < len(n) < 1000 and n["reached"].all() and (n["minutes"] <= 30).all()
    assert (out / "nearest.geojson").stat().st_size < 3_000_000  # the national file is ~22 MB
    raw = (out / "nearest.csv").read_bytes()
    assert raw.startswith(b"\xef\xbb\xbf")
    csv = pd.read_csv(io.BytesIO(raw), encoding="utf-8-sig", dtype={"area_id": str})
    assert list(csv.columns) == [
        "area_id",
        "sido_ko",
        "sigungu_ko",
        "name_ko",
        "nearest_site",
        "minutes",
    ]
    assert len(csv) == len(n)
    seoul = csv[csv["area_id"] == "11010530"].iloc[0]  # 종로구 사직동, next to the site
    assert (seoul["sido_ko"], seoul["sigungu_ko"], seoul["name_ko"]) == (
        "서울특별시",
        "종로구",
        "사직동",
    )
    assert b"True" not in raw and b"False" not in raw and b"inf" not in raw.lower()


def test_geojson_is_rounded_like_the_app_exports(tmp_path) -> None:
    """catchments.geojson had site_lat 37.5665 next to 15-decimal coordinates and minutes such
    as 12.345678901: now minutes to 0.1 and coordinates to 6 decimals, still valid GeoJSON."""
    import json

    import numpy as np
    import shapely.geometry

    out = tmp_path / "r"
    _run(out)
    for name in ("catchments.geojson", "nearest.geojson"):
        doc = json.loads((out / name).read_text(encoding="utf-8"))
        assert doc["type"] == "FeatureCollection" and doc["features"], name
        for f in doc["features"]:
            xy = shapely.get_coordinates(shapely.geometry.shape(f["geometry"]))
            assert len(xy) and (np.round(xy, 6) == xy).all(), name
            minutes = f["properties"].get("minutes")
            assert minutes is None or round(minutes, 1) == minutes, minutes
    assert gpd.read_file(out / "catchments.geojson").geometry.is_valid.all()


def test_all_areas_flag_keeps_every_area(tmp_path) -> None:
    out = tmp_path / "all"
    _run(out, "--all-areas")
    csv = pd.read_csv(out / "nearest.csv", encoding="utf-8-sig", dtype={"area_id": str})
    assert len(csv) > 3000
    unreached = csv[csv["nearest_site"].isna()]
    assert len(unreached) > 2000 and unreached["minutes"].isna().all()
