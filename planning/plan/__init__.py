"""The planning pipeline without Streamlit: base data -> network (any travel engine) -> a
scenario run into one result. The app (``planning.ui``), the CLI (``python -m planning run``,
``optimize``, ``bench``) and sweeps all call it.

* :mod:`planning.plan.model`: :class:`BaseData`, :class:`Sites`, :class:`Network`;
* :mod:`planning.plan.network`: :func:`build_network` (the national straight-line table);
* :mod:`planning.plan.matrix`: an uploaded OD table as the travel engine;
* :mod:`planning.plan.uploads`: checked uploads into a new :class:`BaseData`;
* :mod:`planning.plan.run`: :func:`run_scenario` -> :class:`PlanResult`;
* :mod:`planning.plan.catchments`: service areas (담당 구역) and reach (도달 범위).
"""

from planning.plan.catchments import (
    area_display,
    catchment_polygons,
    reach_polygons,
    service_areas,
)
from planning.plan.model import (
    ALWAYS,
    MAX_THRESHOLD,
    NEVER,
    BaseData,
    Network,
    Sites,
    assemble_network,
    centers_as_of,
    load_base,
    network_sites,
    open_by,
)
from planning.plan.network import DETOUR, build_network, national_table
from planning.plan.run import (
    KPI_KEYS,
    MODEL_NAMES,
    PlanResult,
    demand_weights,
    formula,
    kpis,
    make_problem,
    nearest_candidate,
    rank_table,
    readable,
    run_scenario,
    site_names,
)
from planning.travel.matrix import CENTER_PREFIX

__all__ = [
    "ALWAYS",
    "CENTER_PREFIX",
    "DETOUR",
    "KPI_KEYS",
    "MAX_THRESHOLD",
    "MODEL_NAMES",
    "NEVER",
    "BaseData",
    "Network",
    "PlanResult",
    "Sites",
    "area_display",
    "assemble_network",
    "build_network",
    "catchment_polygons",
    "centers_as_of",
    "demand_weights",
    "formula",
    "kpis",
    "load_base",
    "make_problem",
    "national_table",
    "nearest_candidate",
    "network_sites",
    "open_by",
    "rank_table",
    "reach_polygons",
    "readable",
    "run_scenario",
    "service_areas",
    "site_names",
]
