"""``python -m planning catchments``: travel-time catchments of sites, as GeoJSON.

Writes ``DIR/catchments.geojson`` (one polygon per site, with the site and the threshold as
properties), ``DIR/nearest.geojson`` and ``DIR/nearest.csv`` (UTF-8 with BOM, for Excel): the
demand areas some site reaches within the threshold, with their names, nearest site and the
minutes to it. ``--all-areas`` writes every area instead (the unreached ones with no site and
blank minutes; with ``--travel osm`` every area the road network reaches).
"""

from __future__ import annotations

import argparse
from pathlib import Path

import numpy as np

from planning.errors import TravelError
from planning.i18n import msg
from planning.settings import DEFAULT_THRESHOLD_MIN, KOREA_LAT, KOREA_LON


def parse_site(text: str) -> tuple[float, float]:
    """``"37.5665,126.978"`` -> (lat, lon), checked to lie in South Korea."""
    try:
        lat_s, lon_s = text.replace(" ", "").split(",")
        lat, lon = float(lat_s), float(lon_s)
    except ValueError as exc:
        raise TravelError.of("catchments.site_unreadable", text=text) from exc
    if not (KOREA_LAT[0] <= lat <= KOREA_LAT[1] and KOREA_LON[0] <= lon <= KOREA_LON[1]):
        swapped = KOREA_LAT[0] <= lon <= KOREA_LAT[1] and KOREA_LON[0] <= lat <= KOREA_LON[1]
        hint = msg("catchments.site_swapped") if swapped else ""
        raise TravelError.of("catchments.site_outside", lat=lat, lon=lon, hint=hint)
    return lat, lon


def parse_speeds(text: str | None) -> dict[str, float] | None:
    """``"dong=20,myeon=55"`` -> {"dong": 20.0, "myeon": 55.0}."""
    if not text:
        return None
    out: dict[str, float] = {}
    for item in text.split(","):
        key, _, value = item.partition("=")
        key = key.strip()
        try:
            speed = float(value)
        except ValueError:
            speed = float("nan")
        if key not in ("dong", "eup", "myeon") or not np.isfinite(speed) or speed <= 0:
            raise TravelError.of("catchments.area_speed", item=item)
        out[key] = speed
    return out


def add_arguments(parser: argparse.ArgumentParser) -> None:
    parser.add_argument("--travel", choices=["straight", "osm", "matrix"], default="straight")
    parser.add_argument(
        "--osm", type=Path, help="OpenStreetMap .osm.pbf or OSMnx GraphML file (--travel osm)"
    )
    parser.add_argument(
        "--matrix",
        type=Path,
        help="--travel matrix: CSV/Parquet with origin_id (the 행정동 where people live, "
        "8-digit area_code), destination_id (the site) and minutes, the app's upload format; "
        "each site is looked up among the destinations by the area_code of the 행정동 it lies in",
    )
    parser.add_argument(
        "--site", action="append", required=True, metavar="LAT,LON", help="repeat per site"
    )
    parser.add_argument("--threshold", type=float, default=DEFAULT_THRESHOLD_MIN, help="minutes")
    parser.add_argument("--out", type=Path, required=True, help="output folder")
    parser.add_argument(
        "--all-areas",
        action="store_true",
        help="write every 행정동 to nearest.geojson/.csv, not only those reached within the "
        "threshold (the national file is ~22 MB)",
    )
    parser.add_argument(
        "--speed-kmh",
        type=float,
        default=None,
        help="straight: one uniform speed (exactly km x detour / speed x 60; no island penalty)",
    )
    parser.add_argument("--detour", type=float, default=1.3, help="straight: road/straight ratio")
    parser.add_argument(
        "--area-speeds",
        default=None,
        metavar="dong=25,eup=40,myeon=50",
        help="straight: km/h by area type (동/읍/면 suffix of the area name)",
    )
    parser.add_argument(
        "--ferry-minutes", type=float, default=60.0, help="straight: island penalty"
    )
    parser.add_argument(
        "--bridge-gap-m", type=float, default=1000.0, help="straight: islands closer are bridged"
    )
    parser.add_argument("--access-kmh", type=float, default=15.0, help="osm: snap-leg speed")
    parser.add_argument("--max-snap-m", type=float, default=2000.0, help="osm: max snap distance")
    parser.add_argument("--buffer-m", type=float, default=150.0, help="osm: road buffer")


def run(args: argparse.Namespace) -> int:
    import geopandas as gpd

    from planning.regions import load_areas, load_land
    from planning.travel import catchments as catch
    from planning.travel import straight

    if not np.isfinite(args.threshold) or args.threshold <= 0:
        raise TravelError.of("catchments.threshold", threshold=args.threshold)
    sites = [parse_site(s) for s in args.site]
    lat = np.array([s[0] for s in sites])
    lon = np.array([s[1] for s in sites])
    site_ids = np.array([f"S{i + 1}" for i in range(len(sites))], dtype=object)
    areas = load_areas()
    areas_idx = areas.reset_index(drop=True)
    threshold = float(args.threshold)
    if args.travel == "straight":
        if args.speed_kmh is not None:
            table = straight.straight_table(
                lat,
                lon,
                areas_idx["lat"].to_numpy(float),
                areas_idx["lon"].to_numpy(float),
                cutoff=threshold,
                speed_kmh=args.speed_kmh,
                detour=args.detour,
                site_ids=site_ids,
                area_ids=areas_idx["area_code"].to_numpy(dtype=object),
            )
        else:
            table = straight.straight_table_from_areas(
                areas_idx,
                lat,
                lon,
                cutoff=threshold,
                site_ids=site_ids,
                detour=args.detour,
                ferry_minutes=args.ferry_minutes,
                bridge_gap_m=args.bridge_gap_m,
                speeds=parse_speeds(args.area_speeds),
            )
        polys = catch.catchments_from_areas(
            table, areas_idx, lat, lon, threshold=threshold, land=load_land()
        )
        nearest = catch.nearest_sites(table, areas_idx)
    elif args.travel == "matrix":
        from planning.travel.matrix import matrix_table, read_matrix

        if args.matrix is None:
            raise TravelError.of("catchments.no_matrix")

        dest = _containing_area(areas_idx, lat, lon)
        od = read_matrix(args.matrix)
        for line in _matrix_lines(od, site_ids, dest):
            print(line)
        table = matrix_table(
            od, dest, areas_idx["area_code"].astype(str).to_numpy(), cutoff=threshold
        )
        table = type(table)(
            site_ids=site_ids,
            area_ids=table.area_ids,
            cutoff=table.cutoff,
            site_idx=table.site_idx,
            area_idx=table.area_idx,
            minutes=table.minutes,
            engine="matrix",
            meta={"destination_area": list(dest)},
        )
        polys = catch.catchments_from_areas(
            table, areas_idx, lat, lon, threshold=threshold, land=load_land()
        )
        nearest = catch.nearest_sites(table, areas_idx)
    else:
        from planning.travel.osm import graph_from_osm, osm_table

        if args.osm is None:
            raise TravelError.of("catchments.no_osm")
        g = graph_from_osm(args.osm)
        table = osm_table(
            g,
            lat,
            lon,
            areas_idx["lat"].to_numpy(float),
            areas_idx["lon"].to_numpy(float),
            cutoff=threshold,
            site_ids=site_ids,
            area_ids=areas_idx["area_code"].to_numpy(dtype=object),
            max_snap_m=args.max_snap_m,
            access_kmh=args.access_kmh or None,
        )
        polys = catch.catchments_from_network(
            g,
            lat,
            lon,
            threshold=threshold,
            site_ids=site_ids,
            buffer_m=args.buffer_m,
            max_snap_m=args.max_snap_m,
            access_kmh=args.access_kmh or None,
        )
        near = catch.nearest_sites(table, areas_idx)
        covered = table.meta["area_snap_m"] <= args.max_snap_m
        nearest = near[covered].reset_index(drop=True)
        print(
            f"road network: {g.meta['n_nodes']:,} nodes, {g.meta['n_kept']:,} after contraction; "
            f"{int(covered.sum())} of {len(areas_idx)} areas within {args.max_snap_m:.0f} m of it"
        )
    nearest = _with_names(nearest, areas_idx)
    if not args.all_areas:
        nearest = nearest[nearest["reached"].to_numpy(bool)].reset_index(drop=True)
    args.out.mkdir(parents=True, exist_ok=True)
    out_c = args.out / "catchments.geojson"
    out_n = args.out / "nearest.geojson"
    out_csv = args.out / "nearest.csv"
    _write(polys, out_c)
    _write(gpd.GeoDataFrame(nearest, geometry="geometry", crs=nearest.crs), out_n)
    _write_csv(nearest, out_csv)
    for row in polys.itertuples():
        reach = nearest[nearest["nearest_site"] == row.site_id]
        snapped = f", {row.snap_m:.0f} m from the road" if hasattr(row, "snap_m") else ""
        print(
            f"{row.site_id} ({row.site_lat:.5f},{row.site_lon:.5f}{snapped}): nearest site of "
            f"{len(reach)} areas within {threshold:g} min"
        )
    which = "every area" if args.all_areas else "the areas reached (--all-areas for every area)"
    print(f"wrote {out_c}, {out_n} and {out_csv}: {len(nearest):,} rows, {which}")
    return 0


def _matrix_lines(od, site_ids: np.ndarray, dest: np.ndarray) -> list[str]:
    """Per site: its 행정동 (the matrix's destination_id) and how many 행정동 reach it in the
    file; a hint when the file seems to list that 행정동 as an origin instead."""
    reach = od.groupby("destination_id")["origin_id"].nunique()
    leave = od.groupby("origin_id")["destination_id"].nunique()
    lines = []
    for sid, code in zip(site_ids, dest, strict=True):
        n_in, n_out = int(reach.get(code, 0)), int(leave.get(code, 0))
        line = f"{sid}: destination_id {code} (the 행정동 it lies in), reached from {n_in} 행정동"
        if n_in <= 1 < n_out:
            line += (
                f"; warning: {code} is the origin_id of rows to {n_out} destinations: if the "
                "file lists the sites as origin_id, swap the columns (origin_id = the 행정동 "
                "where people live, destination_id = the site)"
            )
        lines.append(line)
    return lines


def _containing_area(areas, lat: np.ndarray, lon: np.ndarray) -> np.ndarray:
    """Area code of the area each point lies in (nearest area if at sea)."""
    import geopandas as gpd

    from planning.settings import CRS_METRIC

    pts = gpd.GeoDataFrame(geometry=gpd.points_from_xy(lon, lat), crs=4326).to_crs(CRS_METRIC)
    polys = areas[["area_code", "geometry"]].to_crs(CRS_METRIC)
    joined = gpd.sjoin_nearest(pts, polys, how="left")
    joined = joined[~joined.index.duplicated()]
    return joined["area_code"].astype(str).to_numpy()


NAME_COLUMNS = ("sido_ko", "sigungu_ko", "name_ko")


def _with_names(nearest, areas) -> object:
    """``nearest`` with the 시도 / 시군구 / 행정동 names of each area after its code."""
    names = areas.set_index(areas["area_code"].astype(str))[list(NAME_COLUMNS)]
    out = nearest.copy()
    looked = names.reindex(out["area_id"].astype(str).to_numpy())
    for k, col in enumerate(NAME_COLUMNS, start=1):
        out.insert(k, col, looked[col].to_numpy())
    return out


def _write_csv(nearest, path: Path) -> None:
    """The nearest-site table without geometry, UTF-8 with BOM (Excel reads the Korean); an
    area no site reaches has a blank site and blank minutes."""
    frame = nearest.drop(columns=["geometry", "reached"], errors="ignore").copy()
    frame["minutes"] = frame["minutes"].round(1)
    frame.to_csv(path, index=False, encoding="utf-8-sig", lineterminator="\r\n")


def _write(gdf, path: Path) -> None:
    """GeoJSON (EPSG:4326) with NaN written as null, rounded as the app's exports
    (:func:`planning.export.geojson`: minutes to 0.1, coordinates to 6 decimals)."""
    from planning.export import geojson

    path.write_bytes(geojson(gdf))
