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
from planning.i18n import t
from planning.settings import CRS_WEB, KOREA_LAT, KOREA_LON
from planning.sources.readers import Source, read_bytes, source_name

ACCEPTED_EPSG = {
    4326: "WGS84",
    5179: "Korea 2000 / Unified CS",
    5186: "Korea 2000 / Central Belt 2010",
}
_SHP_PARTS = (".shp", ".shx", ".dbf", ".prj", ".cpg")


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
    raise DataError.of("boundaries.kind", name=name)


def _read_file(source: Source) -> gpd.GeoDataFrame:
    name = source_name(source)
    if isinstance(source, (str, Path)) and str(source).lower().endswith(".shp"):
        path = Path(source)
        if not path.is_file():
            raise DataError.of("boundaries.not_found", path=path)
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
                    raise DataError.of("boundaries.zip_layers", name=name, found=shp)
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
        raise DataError.of(
            "boundaries.unreadable", name=name, detail=f"{type(exc).__name__}: {exc}"
        ) from exc
    return frame


def read_boundaries(source: Source) -> gpd.GeoDataFrame:
    """Read polygons, check CRS and geometry, repair invalid ones, return EPSG:4326."""
    name = source_name(source)
    frame = _read_file(source)
    if frame.empty:
        raise DataError.of("boundaries.empty", name=name)
    if frame.crs is None:
        raise DataError.of("boundaries.no_crs", name=name)
    epsg = frame.crs.to_epsg(min_confidence=70)
    if epsg not in ACCEPTED_EPSG:
        raise DataError.of("boundaries.crs", name=name, crs=frame.crs.name, epsg=epsg)
    missing = frame.geometry.isna() | frame.geometry.is_empty
    if missing.any():
        rows = [str(i + 1) for i in range(len(frame)) if missing.iloc[i]][:10]
        raise DataError.of("boundaries.no_geometry", name=name, rows=", ".join(rows))
    kinds = set(frame.geom_type)
    if not kinds <= {"Polygon", "MultiPolygon"}:
        raise DataError.of("boundaries.not_polygons", name=name, kinds=sorted(kinds))
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
        text = t("boundaries.repaired", "en", name=name, n=int(invalid.sum()), rows=labels[:10])
        warnings.warn(text, stacklevel=2)
    out = frame.to_crs(CRS_WEB) if epsg != 4326 else frame.set_crs(CRS_WEB, allow_override=True)
    minx, miny, maxx, maxy = out.total_bounds
    if not (
        KOREA_LON[0] - 1 <= minx
        and maxx <= KOREA_LON[1] + 1
        and KOREA_LAT[0] - 1 <= miny
        and maxy <= KOREA_LAT[1] + 1
    ):
        bounds = f"{minx:.2f}, {miny:.2f}, {maxx:.2f}, {maxy:.2f}"
        raise DataError.of("boundaries.bounds", name=name, epsg=epsg, bounds=bounds)
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
