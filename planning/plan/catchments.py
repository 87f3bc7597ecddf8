"""Service areas and reach of a result's open sites, as polygons for the map and the exports.

Two notions, used the same way in the UI, the exports and the CLI:

* **reach** (도달 범위): every area within T of a site, whatever other sites are open;
* **service area** (담당 구역): the areas whose nearest open site is that site (within T), with
  the load it carries (population, recipients, unemployed).

Both read from the result's :class:`~planning.optimize.evaluate.Evaluation`.
"""

from __future__ import annotations

import weakref

import geopandas as gpd
import numpy as np

from planning.optimize.evaluate import reach
from planning.plan.model import BaseData, Network
from planning.plan.run import PlanResult
from planning.travel.matrix import CENTER_PREFIX

#: catchments are unions of the 행정동 simplified at this display tolerance (m)
CATCHMENT_DISPLAY_M = 100.0
_CATCHMENT_CACHE_MAX = 5000


def area_display(base: BaseData, tolerance_m: float) -> gpd.GeoDataFrame:
    """``base``'s 행정동 simplified for display at ``tolerance_m``: the regions layer's cleaned
    coverage (neighbours share their borders exactly), cached on disk, when it holds every area
    of ``base``; otherwise ``base.areas`` simplified here."""
    from planning.regions import load_display

    shown = load_display("areas", tolerance_m)
    if set(base.areas["area_code"].astype(str)) <= set(shown["area_code"].astype(str)):
        return shown
    from planning.display import simplify_for_display

    return simplify_for_display(base.areas, tolerance_m=tolerance_m)


#: display polygons per BaseData (by identity) and unions per (site, member areas); explicit
#: module caches, never attributes hidden inside the frozen objects
_DISPLAY: weakref.WeakKeyDictionary = weakref.WeakKeyDictionary()
_UNIONS: weakref.WeakKeyDictionary = weakref.WeakKeyDictionary()


def display_areas(base: BaseData) -> np.ndarray:
    """Area polygons for drawing service areas and reach (:func:`area_display` at
    :data:`CATCHMENT_DISPLAY_M`), EPSG:4326, one per ``base.areas`` row (None when too small to
    draw)."""
    if base not in _DISPLAY:
        shown = area_display(base, CATCHMENT_DISPLAY_M)
        by_code = dict(zip(shown["area_code"].astype(str), shown.geometry.to_numpy(), strict=True))
        codes = base.areas["area_code"].astype(str)
        _DISPLAY[base] = np.array([by_code.get(c) for c in codes], dtype=object)
    return _DISPLAY[base]


def _union(geoms: np.ndarray):
    """Union of neighbouring areas: the fast coverage union (exact for a clean coverage), or a
    general union when the polygons are not one (e.g. uploaded areas)."""
    import shapely

    geoms = geoms[geoms != None]  # noqa: E711 - areas too small to draw
    try:
        return shapely.coverage_union_all(geoms)
    except shapely.errors.GEOSException:
        return shapely.union_all(geoms)


def _polygons(base: BaseData, groups: list[tuple[str, np.ndarray]]) -> list:
    """One union of display areas per (site id, member area indices), kept for the next call."""
    cache = _UNIONS.setdefault(base, {})
    if len(cache) > _CATCHMENT_CACHE_MAX:
        cache.clear()
    geoms = display_areas(base)
    out = []
    for sid, members in groups:
        key = (sid, members.tobytes())
        if key not in cache:
            cache[key] = _union(geoms[members])
        out.append(cache[key])
    return out


def _labels(base: BaseData, ids: list[str]) -> list[str]:
    names = dict(zip(base.areas["area_code"].astype(str), base.areas["name_ko"], strict=True))
    center_names = dict(
        zip(
            CENTER_PREFIX + base.centers["center_id"].astype(str),
            base.centers["name_ko"],
            strict=True,
        )
    )
    return [center_names.get(s) or names.get(s, s) for s in ids]


LOAD_COLUMNS = ("population", "recipients", "unemployed")


def service_area_members(result: PlanResult) -> list[tuple[int, np.ndarray]]:
    """(site index, member area indices) of every open site that serves at least one area: the
    areas whose nearest open site it is, within the threshold (the result's evaluation)."""
    ev = result.after
    inside = np.flatnonzero(ev.covered & (ev.site >= 0))
    owner = ev.site[inside]
    order = np.argsort(owner, kind="stable")
    owner, members = owner[order], inside[order]
    starts = np.r_[0, np.flatnonzero(owner[1:] != owner[:-1]) + 1, len(owner)]
    return [(int(owner[a]), members[a:b]) for a, b in zip(starts[:-1], starts[1:], strict=True)]


def _site_polygons(
    base: BaseData,
    net: Network,
    result: PlanResult,
    groups: list[tuple[int, np.ndarray]],
    load: tuple[str, ...],
) -> gpd.GeoDataFrame:
    """One polygon per (site index, member areas), with the site's id, kind, name, the
    threshold, ``n_areas`` and the ``load`` indicators summed over its areas."""
    ids = [str(net.site_ids[i]) for i, _ in groups]
    polys = _polygons(base, [(sid, m) for sid, (_, m) in zip(ids, groups, strict=True)])
    new = set(result.new_ids)
    data: dict[str, object] = {
        "site_id": ids,
        "kind": ["new" if s in new else "existing" for s in ids],
        "label": _labels(base, ids),
        "threshold_min": result.scenario.threshold,
        "n_areas": [len(m) for _, m in groups],
    }
    for col in load:
        if col in base.indicators.columns:
            x = base.indicators[col].fillna(0.0).to_numpy(float)
            data[col] = [float(x[m].sum()) for _, m in groups]
    return gpd.GeoDataFrame(data, geometry=polys, crs=4326)


def service_areas(base: BaseData, net: Network, result: PlanResult) -> gpd.GeoDataFrame:
    """One polygon per open site: its service area (담당 구역), the 행정동 whose nearest open site
    it is within the threshold, with the load it carries (``population``, ``recipients``,
    ``unemployed`` summed over its areas; allocated 시군구 figures are estimates) and ``n_areas``.

    A coverage union of the display areas (:func:`display_areas`): ~0.03 s for 100 sites, so a
    threshold change redraws every service area at once.
    """
    return _site_polygons(base, net, result, service_area_members(result), LOAD_COLUMNS)


#: the app's name for service areas (the map's catchment layer)
catchment_polygons = service_areas


def reach_polygons(base: BaseData, net: Network, result: PlanResult) -> gpd.GeoDataFrame:
    """One polygon per open site: its reach (도달 범위), every 행정동 within the threshold of it,
    whatever other sites are open (reaches overlap), with ``n_areas`` and the population."""
    open_idx = np.flatnonzero(np.isin(net.site_ids, result.open_ids))
    groups = [(int(i), reach(net.csr, int(i), result.scenario.threshold)) for i in open_idx]
    groups = [(i, np.sort(m)) for i, m in groups if len(m)]
    return _site_polygons(base, net, result, groups, ("population",))
