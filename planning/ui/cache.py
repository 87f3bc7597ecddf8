"""Cached big read-only objects (``st.cache_resource``): bundled data and the travel table.

The travel table is computed once at the largest threshold offered (90 min) and only
thresholded in numpy afterwards, so a slider move never recomputes it. A table built from an
uploaded matrix is keyed by the centers and the matrix content hash, so sessions with different
matrices never share one. The road-network table (the ``osm`` engine) is keyed by the centers,
the road file's hash and the 시도 selection; it is built once per process with a progress bar
(and cached on disk, see :func:`planning.plan.network.road_network`).
"""

from __future__ import annotations

import hashlib
import threading
import uuid
import weakref
from collections import OrderedDict

import streamlit as st

from planning import plan as service
from planning.i18n import t
from planning.plan import BaseData, Network, PlanResult
from planning.plan import matrix as matrix_engine
from planning.plan.matrix import TravelMatrix
from planning.scenario import Scenario
from planning.settings import RoadSettings
from planning.ui import state


@st.cache_resource(show_spinner=False)
def bundled_base() -> BaseData:
    return service.load_base()


@st.cache_resource(show_spinner=False, max_entries=3)
def _vintage_base(vintage: str) -> BaseData:
    return service.load_base(vintage=vintage)


def vintage_base(vintage: str) -> BaseData:
    """The bundled data with the demand figures of ``vintage`` (one cached base per vintage;
    today's is :func:`bundled_base` itself)."""
    from planning.vintage import DEFAULT_VINTAGE

    return bundled_base() if vintage == DEFAULT_VINTAGE else _vintage_base(vintage)


VINTAGE_KEY = state.WIDGET_PREFIX + "vintage"


def vintage() -> str:
    """This run's demand vintage: the sidebar control's value (set before the script runs) or,
    before it first renders, the scenario's."""
    from planning.vintage import DEFAULT_VINTAGE

    ss = st.session_state
    value = ss.get(VINTAGE_KEY)
    if value is None:  # no control yet (or outside a session): the scenario's, else today's
        scenario = ss.get(state.SCENARIO)
        value = scenario.vintage if scenario is not None else DEFAULT_VINTAGE
    return str(value)


def base() -> BaseData:
    """The bundled data of this session's demand vintage, or that plus this session's uploads."""
    override = st.session_state.get(state.BASE_OVERRIDE)
    return override if override is not None else vintage_base(vintage())


def centers_key(b: BaseData) -> str:
    cols = [c for c in ("center_id", "lat", "lon", "opened", "open_by") if c in b.centers.columns]
    text = b.centers[cols].to_csv(index=False)
    return hashlib.sha1(text.encode("utf-8")).hexdigest()[:16]


@st.cache_resource(show_spinner=False, max_entries=4)
def _network(_base: BaseData, key: str) -> Network:
    return service.build_network(_base)


@st.cache_resource(show_spinner=False, max_entries=4)
def _matrix_network(
    _base: BaseData, _matrix: TravelMatrix, key: tuple[str, str], _lang: str
) -> Network:
    return matrix_engine.matrix_network(_base, _matrix, lang=_lang)


def network(b: BaseData, matrix: TravelMatrix | None = None, lang: str = "ko") -> Network:
    """Sites + travel table for these centers (shared by every session with the same centers):
    the straight-line table, or with ``matrix`` the table from that uploaded matrix (raises
    TravelError, in ``lang``, when its ids do not fit these sites)."""
    if matrix is None:
        return _network(b, centers_key(b))
    return _matrix_network(b, matrix, (centers_key(b), matrix.digest), lang)


#: road networks by (centers, file hash, 시도): a plain dict rather than st.cache_resource, so
#: that the progress bar is drawn only while a table is built, never replayed from the cache
_ROADS: OrderedDict[tuple, Network] = OrderedDict()
_ROADS_LOCK = threading.Lock()
_ROADS_MAX = 2


def road_key(b: BaseData, settings: RoadSettings) -> tuple:
    """What the road table depends on: the centers, the file's content and the 시도 clip."""
    from planning.travel.osm import file_hash

    path = settings.file
    digest = file_hash(path) if path.is_file() else f"missing:{path}"
    return (centers_key(b), digest, tuple(sorted(settings.sido)))


def road_network(b: BaseData, settings: RoadSettings, lang: str = "ko") -> Network:
    """The osm engine's network of these centers on the configured road file: built once per
    process (an ``st.progress`` bar with the stage while it is), then shared by every session;
    a threshold change only filters it. Raises TravelError (bilingual) for a bad file."""
    from planning.plan.network import road_network as build
    from planning.travel.roads import STAGES

    key = road_key(b, settings)
    with _ROADS_LOCK:
        if key in _ROADS:
            _ROADS.move_to_end(key)
            return _ROADS[key]
        bar = st.progress(
            0.0, text=t("res.roads", lang, stage=STAGES["graph"][0 if lang == "ko" else 1])
        )

        def progress(fraction: float, stage: str) -> None:
            label = STAGES.get(stage, (stage, stage))[0 if lang == "ko" else 1]
            bar.progress(fraction, text=t("res.roads", lang, stage=label))

        try:
            net = build(b, settings.file, sido=settings.sido or None, progress=progress)
        finally:
            bar.empty()
        _ROADS[key] = net
        while len(_ROADS) > _ROADS_MAX:
            _ROADS.popitem(last=False)
        return net


#: a token per live BaseData / Network object: results are shared between sessions that use the
#: very same objects (the bundled data and its cached network), never between different data
_TOKENS: weakref.WeakKeyDictionary = weakref.WeakKeyDictionary()


def token(obj: object) -> str:
    """A process-wide token of a live object (the key of what is built from it and shared)."""
    token = _TOKENS.get(obj)
    if token is None:
        token = _TOKENS[obj] = uuid.uuid4().hex
    return token


@st.cache_resource(show_spinner=False, max_entries=64)
def _shared_result(
    _base: BaseData,
    _net: Network,
    _scenario: Scenario,
    key: tuple,
    exact: bool,
    time_limit: float | None,
    lang: str,
) -> PlanResult:
    return service.run_scenario(
        _base, _net, _scenario, exact=exact, time_limit=time_limit, lang=lang
    )


def result(
    b: BaseData,
    net: Network,
    scenario: Scenario,
    *,
    exact: bool,
    time_limit: float | None = None,
    lang: str = "ko",
) -> PlanResult:
    """:func:`planning.plan.run_scenario`, shared by every session that asks for the same
    scenario on the same data and network (several officials on one server often look at the
    same settings): the second asks for a finished result instead of solving again. Results are
    frozen values; errors are not cached (the next call tries again)."""
    key = (token(b), token(net), scenario.key())
    return _shared_result(b, net, scenario, key, exact, time_limit, lang)


@st.cache_resource(show_spinner=False, max_entries=48)
def _shared(key: tuple, _build):
    return _build()


def shared(key: tuple, build):
    """``build()`` once per ``key`` for every session (the map's layers and the service areas
    of a result all sessions look at: rendered once, not once per official). ``key`` must name
    everything the value depends on, with :func:`token` for objects; the value must be a
    read-only one. A second session asking while the first builds waits for the same value."""
    return _shared(key, build)
