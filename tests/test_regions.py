import geopandas as gpd
import numpy as np
import pytest
import shapely

from planning import regions, settings
from planning.crosswalk import unit_codes


@pytest.fixture(scope="module")
def areas():
    return regions.load_areas()


def test_areas_contract(areas):
    assert isinstance(areas, gpd.GeoDataFrame)
    assert areas.crs.to_epsg() == 4326
    for col in ["area_code", "name_ko", "sigungu_code", "sigungu_ko", "sido_code", "sido_ko"]:
        assert col in areas.columns
        assert areas[col].notna().all(), col
    assert 3400 <= len(areas) <= 3600
    assert areas["area_code"].is_unique
    assert areas["area_code"].is_monotonic_increasing
    assert areas["area_code"].str.fullmatch(r"\d{8}").all()
    assert (areas["area_code"].str[:5] == areas["sigungu_code"]).all()
    assert set(areas["sigungu_code"]) == set(unit_codes())


def test_area_geometries_valid_and_points_inside(areas):
    assert areas.is_valid.all()
    assert not areas.is_empty.any()
    metric = areas.to_crs(settings.CRS_METRIC)
    points = gpd.GeoSeries.from_xy(areas["lon"], areas["lat"], crs=4326).to_crs(settings.CRS_METRIC)
    # inside (allowing the reprojection round trip of a few millimetres)
    dist = shapely.distance(metric.geometry.values, points.values)
    assert (dist < 0.01).all()
    assert (areas["lat"].between(*settings.KOREA_LAT)).all()
    assert (areas["lon"].between(*settings.KOREA_LON)).all()
    total = areas["area_km2"].sum()
    assert 99_000 < total < 102_000  # South Korea ≈ 100,400 km²


def test_known_area(areas):
    row = areas.set_index("area_code").loc["11010530"]
    assert row["name_ko"] == "사직동" and row["name_en"] == "Sajik-dong"
    assert row["sigungu_ko"] == "종로구" and row["sido_ko"] == "서울특별시"
    assert 37.5 < row["lat"] < 37.6 and 126.9 < row["lon"] < 127.0


def test_general_gu_have_city_code_and_gunwi_is_in_daegu(areas):
    by_code = areas.set_index("area_code")
    jangan = by_code[by_code["sigungu_code"] == "31011"]
    assert (jangan["city_code"] == "31010").all()
    assert (by_code.loc[by_code["sigungu_code"] == "11010", "city_code"] == "11010").all()
    gunwi = by_code[by_code["sigungu_code"] == "37310"]
    assert len(gunwi) > 0 and (gunwi["sido_code"] == "22").all()


def test_simplified_areas_are_lighter_and_aligned(areas):
    simple = regions.load_areas(simplified=True)
    assert simple["area_code"].tolist() == areas["area_code"].tolist()
    assert simple.is_valid.all()
    full_coords = shapely.get_num_coordinates(areas.geometry.values).sum()
    simple_coords = shapely.get_num_coordinates(simple.geometry.values).sum()
    assert simple_coords < 0.4 * full_coords
    # same representative points; simplification moves borders by at most ~the tolerance
    assert np.allclose(simple["lat"], areas["lat"]) and np.allclose(simple["lon"], areas["lon"])
    ratio = simple.to_crs(5179).area / areas.to_crs(5179).area
    assert ratio.median() == pytest.approx(1.0, abs=0.02)


def test_sigungu_and_sido_layers():
    sigungu = regions.load_sigungu()
    assert len(sigungu) == 250 and sigungu["sigungu_code"].is_unique
    assert sigungu["sigungu_ko"].notna().all() and sigungu.is_valid.all()
    assert sigungu.crs.to_epsg() == 4326
    sido = regions.load_sido()
    assert len(sido) == 17
    assert sido["sido_code"].tolist() == sorted(sido["sido_code"])
    assert "강원특별자치도" in set(sido["sido_ko"])
    assert sido.is_valid.all()
    exact = regions.load_sigungu(simplified=False)
    assert (
        shapely.get_num_coordinates(exact.geometry.values).sum()
        > shapely.get_num_coordinates(sigungu.geometry.values).sum()
    )


def test_land_covers_the_areas(areas):
    land = regions.load_land()
    assert isinstance(land, shapely.Polygon | shapely.MultiPolygon)
    assert land.is_valid
    assert 99_000 < land.area / 1e6 < 102_000
    points = gpd.GeoSeries.from_xy(areas["lon"], areas["lat"], crs=4326).to_crs(5179)
    inside = shapely.contains_xy(land, points.x.values, points.y.values)
    assert inside.mean() > 0.99  # simplified coast: only a few islet points fall outside
    sea = gpd.GeoSeries.from_xy([125.5], [36.0], crs=4326).to_crs(5179)  # Yellow Sea
    assert not land.contains(sea.iloc[0])


def test_cache_is_rebuilt_when_the_code_version_changes(tmp_path, monkeypatch):
    monkeypatch.setattr(settings, "CACHE_DIR", tmp_path)
    first = regions.load_sido()
    files = sorted(p.name for p in (tmp_path / "layers").iterdir())
    assert any(f.startswith("sido_simple-") for f in files)
    monkeypatch.setattr(regions, "CODE_VERSION", "test-bump")
    again = regions.load_sido()
    files2 = sorted(p.name for p in (tmp_path / "layers").iterdir())
    assert len(files2) > len(files)  # a new key, so a new file
    assert again["sido_code"].tolist() == first["sido_code"].tolist()


def test_corrupt_cache_file_is_rebuilt(tmp_path, monkeypatch):
    monkeypatch.setattr(settings, "CACHE_DIR", tmp_path)
    regions.load_sido()
    path = next((tmp_path / "layers").glob("sido_simple-*.parquet"))
    path.write_bytes(b"not parquet")
    assert len(regions.load_sido()) == 17


def test_simplified_areas_are_a_clean_coverage():
    """Neighbouring 행정동 share their borders exactly (the source polygons do not): unions of
    areas (catchments) have no slits, and simplification keeps neighbours together."""
    simple = regions.load_areas(simplified=True)
    metric = simple.to_crs(settings.CRS_METRIC).geometry.values
    assert shapely.coverage_is_valid(metric)
    exact = regions.load_areas().geometry.to_crs(settings.CRS_METRIC).values
    assert not shapely.coverage_is_valid(exact)  # what the cleaning repairs
    # the country as one union: only real holes remain (lakes, enclaves of other data)
    union = shapely.coverage_union_all(metric)
    holes = [r for p in getattr(union, "geoms", [union]) for r in p.interiors]
    assert len(holes) < 30
    assert abs(shapely.area(metric).sum() / shapely.area(exact).sum() - 1) < 1e-3


@pytest.mark.parametrize("kind,code", [("sido", "sido_code"), ("areas", "area_code")])
def test_display_layers_are_drawable_coverages(kind, code):
    shown = regions.load_display(kind, 400.0)
    assert shown.crs.to_epsg() == 4326
    source = regions.load_sido() if kind == "sido" else regions.load_areas(simplified=True)
    assert set(shown[code]) == set(source[code])  # nothing dropped
    coords = shapely.get_coordinates(shown.geometry.values)
    assert np.allclose(coords, np.round(coords, 5))  # rounded for the browser
    assert (
        shapely.get_num_coordinates(shown.geometry.values).sum()
        < shapely.get_num_coordinates(source.geometry.values).sum()
    )
    if kind == "areas":  # the 행정동 coverage is cleaned (catchments are unions of it)
        assert shapely.coverage_is_valid(shown.geometry.values)
    with pytest.raises(ValueError, match="kind"):
        regions.load_display("dong", 400.0)
