from __future__ import annotations

import io
import zipfile

import geopandas as gpd
import pytest
from shapely.geometry import LineString, box

from planning.errors import DataError
from planning.sources.boundaries import read_boundaries


@pytest.fixture
def squares() -> gpd.GeoDataFrame:
    return gpd.GeoDataFrame(
        {"name": ["a", "b"]},
        geometry=[box(126.97, 37.56, 126.99, 37.58), box(129.0, 35.1, 129.05, 35.15)],
        crs="EPSG:4326",
    )


def test_geojson_repairs_invalid_polygon_with_warning(fixtures) -> None:
    with pytest.warns(UserWarning, match=r"repaired 1 invalid.*bowtie"):
        frame = read_boundaries(fixtures / "sources" / "boundaries_4326.geojson")
    assert frame.crs.to_epsg() == 4326
    assert frame.is_valid.all()
    assert set(frame.geom_type) <= {"Polygon", "MultiPolygon"}


@pytest.mark.parametrize("epsg", [5179, 5186])
def test_korean_crs_gpkg_to_4326(tmp_path, squares, epsg) -> None:
    path = tmp_path / "b.gpkg"
    squares.to_crs(epsg).to_file(path, driver="GPKG")
    frame = read_boundaries(path.read_bytes())  # as an upload
    assert frame.crs.to_epsg() == 4326
    assert frame.total_bounds == pytest.approx(squares.total_bounds, abs=1e-6)


def test_shapefile_path_and_zip(tmp_path, squares) -> None:
    path = tmp_path / "b.shp"
    squares.to_crs(5179).to_file(path)
    assert len(read_boundaries(path)) == 2
    buf = io.BytesIO()
    with zipfile.ZipFile(buf, "w") as zf:
        for part in tmp_path.glob("b.*"):
            zf.write(part, f"folder/{part.name}")
    assert read_boundaries(buf.getvalue())["name"].tolist() == ["a", "b"]


def test_missing_and_foreign_crs(tmp_path, squares) -> None:
    path = tmp_path / "noprj.shp"
    squares.to_file(path)
    (tmp_path / "noprj.prj").unlink()
    with pytest.raises(DataError, match="no coordinate reference system"):
        read_boundaries(path)
    web = tmp_path / "web.gpkg"
    squares.to_crs(3857).to_file(web, driver="GPKG")
    with pytest.raises(DataError, match="EPSG:3857.*not EPSG:4326, 5179 or 5186"):
        read_boundaries(web)


def test_wrong_crs_label_is_caught(tmp_path, squares) -> None:
    lying = squares.to_crs(5179).set_crs(5186, allow_override=True)
    path = tmp_path / "lying.gpkg"
    lying.to_file(path, driver="GPKG")
    with pytest.raises(DataError, match="not in South Korea"):
        read_boundaries(path)


def test_empty_lines_and_junk(tmp_path, squares) -> None:
    with pytest.raises(DataError, match="no features"):
        read_boundaries(b'{"type": "FeatureCollection", "features": []}')
    lines = gpd.GeoDataFrame(geometry=[LineString([(127, 37), (127.1, 37.1)])], crs=4326)
    path = tmp_path / "lines.geojson"
    lines.to_file(path, driver="GeoJSON")
    with pytest.raises(DataError, match="not polygons"):
        read_boundaries(path)
    with pytest.raises(DataError, match="not a GeoJSON, GeoPackage"):
        read_boundaries(b"name,value\na,1\n")
    with pytest.raises(DataError, match="cannot be read"):
        read_boundaries(b'{"type": "FeatureCollection", "features": [')
