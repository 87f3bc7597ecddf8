"""Boundary files (GeoJSON, GeoPackage, Shapefile or a zipped Shapefile) -> GeoDataFrame in 4326.

Accepted coordinate systems: EPSG:4326 (WGS84 lat/lon), EPSG:5179 (Korea 2000 / Unified CS,
the 통계청 SGIS and 국토지리정보원 default) and EPSG:5186 (Korea 2000 / Central Belt 2010,
common in 국가공간정보포털 downloads). Anything else, or no CRS, is refused with a message saying
how to reproject. Invalid polygons are repaired with ``make_valid`` and a warning names them.
"""

from __future__ import annotations

import io
import tempfile
import warnings
import zipfile
from pathlib import Path

import geopandas as gpd
from shapely import make_valid

from planning.errors import DataError
from planning.settings import CRS_WEB, KOREA_LAT, KOREA_LON
from planning.sources.readers import Source, read_bytes, source_name

ACCEPTED_EPSG = {
    4326: "WGS84",
    5179: "Korea 2000 / Unified CS",
    5186: "Korea 2000 / Central Belt 2010",
}
_SHP_PARTS = (".shp", ".shx", ".dbf", ".prj", ".cpg")
_FIX_CRS = (
    "reproject it to EPSG:4326, 5179 or 5186 (QGIS: Export > Save Features As > CRS) and "
    "keep the .prj file next to a shapefile"
)
_FIX_CRS_KO = (
    "EPSG:4326, 5179 또는 5186으로 변환하고(QGIS: 내보내기 > 다른 이름으로 객체 저장 > 좌표계), "
    "셰이프파일은 .prj 파일을 함께 두어 주세요."
)


def _kind(data: bytes, name: str) -> str:
    lower = name.lower()
    if data.startswith(b"SQLite format 3\x00"):
        return "gpkg"
    if data.startswith(b"PK\x03\x04"):
        return "zip"
    if lower.endswith(".shp") or data[:4] == b"\x00\x00\x27\x0a":
        return "shp"
    head = data[:2048].lstrip(b"\xef\xbb\xbf \t\r\n")
    if head.startswith(b"{"):
        return "geojson"
    raise DataError(
        f"'{name}' is not a GeoJSON, GeoPackage or (zipped) Shapefile",
        "export the boundaries as GeoJSON or GeoPackage, or zip the .shp/.shx/.dbf/.prj files",
        problem_ko=f"‘{name}’ 파일은 GeoJSON, GeoPackage 또는 (압축한) 셰이프파일이 아닙니다.",
        fix_ko=(
            "경계를 GeoJSON이나 GeoPackage로 내보내거나, .shp/.shx/.dbf/.prj 파일을 zip으로 "
            "묶어 다시 올려 주세요."
        ),
    )


def _read_file(source: Source) -> gpd.GeoDataFrame:
    name = source_name(source)
    if isinstance(source, (str, Path)) and str(source).lower().endswith(".shp"):
        path = Path(source)
        if not path.is_file():
            raise DataError(
                f"file not found: {path}",
                "check the path",
                problem_ko=f"파일을 찾을 수 없습니다: {path}",
                fix_ko="경로를 확인해 주세요.",
            )
        return _read_path(path, name)
    data = read_bytes(source)
    kind = _kind(data, name)
    with tempfile.TemporaryDirectory() as tmp:
        if kind == "zip":
            with zipfile.ZipFile(io.BytesIO(data)) as zf:
                members = [
                    m
                    for m in zf.namelist()
                    if m.lower().endswith(_SHP_PARTS + (".gpkg", ".geojson", ".json"))
                ]
                shp = [
                    m for m in members if m.lower().endswith((".shp", ".gpkg", ".geojson", ".json"))
                ]
                if len(shp) != 1:
                    raise DataError(
                        f"'{name}' should hold exactly one .shp (or .gpkg/.geojson); found {shp}",
                        "zip one layer's .shp, .shx, .dbf and .prj files together",
                        problem_ko=(
                            f"‘{name}’ 안에는 .shp(또는 .gpkg/.geojson) 파일이 정확히 하나 "
                            f"있어야 합니다. 들어 있는 파일: {shp}"
                        ),
                        fix_ko="한 레이어의 .shp, .shx, .dbf, .prj 파일만 zip으로 묶어 주세요.",
                    )
                stem = Path(shp[0]).with_suffix("")
                for m in members:
                    if Path(m).with_suffix("") == stem or m == shp[0]:
                        (Path(tmp) / Path(m).name).write_bytes(zf.read(m))
                target = Path(tmp) / Path(shp[0]).name
        else:
            target = Path(tmp) / f"layer.{kind}"
            target.write_bytes(data)
        return _read_path(target, name)


def _read_path(path: Path, name: str) -> gpd.GeoDataFrame:
    try:
        frame = gpd.read_file(path, engine="pyogrio")
    except Exception as exc:  # pyogrio/GDAL errors for broken files
        raise DataError(
            f"'{name}' cannot be read as a boundary file ({type(exc).__name__}: {exc})",
            "open it in QGIS to check it, then export it again as GeoJSON or GeoPackage",
            problem_ko=f"‘{name}’ 파일을 경계 파일로 읽을 수 없습니다({type(exc).__name__}: {exc}).",
            fix_ko="QGIS에서 열어 확인한 뒤 GeoJSON이나 GeoPackage로 다시 내보내 주세요.",
        ) from exc
    return frame


def read_boundaries(source: Source) -> gpd.GeoDataFrame:
    """Read polygons, check CRS and geometry, repair invalid ones, return EPSG:4326."""
    name = source_name(source)
    frame = _read_file(source)
    if frame.empty:
        raise DataError(
            f"'{name}' has no features",
            "export the layer again with its polygons",
            problem_ko=f"‘{name}’ 파일에 객체가 없습니다.",
            fix_ko="폴리곤이 들어 있도록 레이어를 다시 내보내 주세요.",
        )
    if frame.crs is None:
        raise DataError(
            f"'{name}' has no coordinate reference system (CRS)",
            _FIX_CRS,
            problem_ko=f"‘{name}’ 파일에 좌표계(CRS) 정보가 없습니다.",
            fix_ko=_FIX_CRS_KO,
        )
    epsg = frame.crs.to_epsg(min_confidence=70)
    if epsg not in ACCEPTED_EPSG:
        raise DataError(
            f"'{name}' uses {frame.crs.name} (EPSG:{epsg}), not EPSG:4326, 5179 or 5186",
            _FIX_CRS,
            problem_ko=(
                f"‘{name}’ 파일의 좌표계는 {frame.crs.name}(EPSG:{epsg})이며, "
                "EPSG:4326, 5179, 5186이 아닙니다."
            ),
            fix_ko=_FIX_CRS_KO,
        )
    missing = frame.geometry.isna() | frame.geometry.is_empty
    if missing.any():
        rows = [str(i + 1) for i in range(len(frame)) if missing.iloc[i]][:10]
        raise DataError(
            f"'{name}' has features without geometry (rows {', '.join(rows)})",
            "delete those features or give them their polygons",
            problem_ko=f"‘{name}’ 파일에 도형이 없는 객체가 있습니다({', '.join(rows)}행).",
            fix_ko="해당 객체를 지우거나 폴리곤을 넣어 주세요.",
        )
    kinds = set(frame.geom_type)
    if not kinds <= {"Polygon", "MultiPolygon"}:
        raise DataError(
            f"'{name}' holds {sorted(kinds)} geometries, not polygons",
            "boundaries must be (multi)polygons; points belong in a center list",
            problem_ko=f"‘{name}’ 파일의 도형이 폴리곤이 아니라 {sorted(kinds)}입니다.",
            fix_ko="경계는 (멀티)폴리곤이어야 합니다. 점 자료는 센터 목록으로 올려 주세요.",
        )
    invalid = ~frame.geometry.is_valid
    if invalid.any():
        label_col = next(
            (c for c in frame.columns if c != "geometry" and frame[c].dtype != float), None
        )
        labels = [
            str(frame[label_col].iloc[i]) if label_col else f"row {i + 1}"
            for i in range(len(frame))
            if invalid.iloc[i]
        ]
        frame = frame.copy()
        fixed = make_valid(frame.geometry[invalid].to_numpy())
        frame.loc[invalid, "geometry"] = gpd.GeoSeries(fixed, index=frame.index[invalid]).apply(
            _polygons_only
        )
        warnings.warn(
            f"'{name}': repaired {int(invalid.sum())} invalid polygons with make_valid: "
            f"{labels[:10]}",
            stacklevel=2,
        )
    out = frame.to_crs(CRS_WEB) if epsg != 4326 else frame.set_crs(CRS_WEB, allow_override=True)
    minx, miny, maxx, maxy = out.total_bounds
    if not (
        KOREA_LON[0] - 1 <= minx
        and maxx <= KOREA_LON[1] + 1
        and KOREA_LAT[0] - 1 <= miny
        and maxy <= KOREA_LAT[1] + 1
    ):
        raise DataError(
            f"'{name}' is declared as EPSG:{epsg} but its bounds ({minx:.2f}, {miny:.2f}, "
            f"{maxx:.2f}, {maxy:.2f}) are not in South Korea",
            "the .prj/CRS is probably wrong: set the CRS the data was made in, then reproject",
            problem_ko=(
                f"‘{name}’ 파일은 EPSG:{epsg}로 지정되어 있지만 범위({minx:.2f}, {miny:.2f}, "
                f"{maxx:.2f}, {maxy:.2f})가 대한민국이 아닙니다."
            ),
            fix_ko=(
                ".prj/좌표계가 잘못된 것으로 보입니다. 자료를 만든 좌표계를 지정한 뒤 변환해 주세요."
            ),
        )
    return out.reset_index(drop=True)


def _polygons_only(geom):
    """make_valid can return a GeometryCollection with lines; keep its polygon parts."""
    if geom.geom_type in ("Polygon", "MultiPolygon"):
        return geom
    from shapely.geometry import MultiPolygon

    parts = [g for g in getattr(geom, "geoms", []) if g.geom_type in ("Polygon", "MultiPolygon")]
    flat = [p for g in parts for p in (g.geoms if g.geom_type == "MultiPolygon" else [g])]
    return MultiPolygon(flat) if flat else geom


__all__ = ["ACCEPTED_EPSG", "read_boundaries"]
