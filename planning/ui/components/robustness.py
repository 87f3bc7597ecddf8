"""The 견고성 (robustness) panel: a small sweep of the shown plan (:mod:`planning.plan.sweep`)
runs in the background on the app's local Dask cluster with a progress bar; then the stable and
swing sites, a map layer of the sites coloured by the share of samples that pick them, and the
table as CSV.

One ``LocalCluster`` per app process (``st.cache_resource``), shared by the sessions: its workers
read the bundled data once and keep it, so a second sweep starts at once. A session with
uploaded data or an uploaded travel table sends its pair to the workers once per sweep.
"""

from __future__ import annotations

import os
import threading
import time
from collections.abc import Callable
from dataclasses import dataclass, field

import folium
import pandas as pd
import streamlit as st

from planning.i18n import t
from planning.plan import BaseData, Network, PlanResult
from planning.plan import sweep as sw
from planning.scenario import Scenario
from planning.ui import cache, state
from planning.ui.components.errors import error_text

JOB = "robustness_job"  # Job | None: this session's sweep (running or done)
DEFAULT_SAMPLES = 50
THRESHOLD_OPTIONS = (20.0, 30.0, 45.0, 60.0, 90.0)


@dataclass(eq=False)
class Job:
    """One sweep of a shown result, run on a thread: its progress and its tables."""

    result: PlanResult  # the plan the sweep perturbs (its sites are the proposal)
    base: BaseData
    samples: tuple[sw.Sample, ...]
    workers: int
    lang: str
    done: int = 0
    sweep: sw.SweepResult | None = None
    frequency: pd.DataFrame | None = None
    error: str | None = None
    started: float = field(default_factory=time.perf_counter)
    shown: bool = False  # the full page has been redrawn since it finished

    @property
    def total(self) -> int:
        return len(self.samples)

    @property
    def running(self) -> bool:
        return self.sweep is None and self.error is None

    def progress(self, done: int, total: int) -> None:
        self.done = done

    def run(self, client, data: tuple[BaseData, Network] | None) -> None:
        try:
            result = sw.run_sweep(
                self.result.scenario,
                list(self.samples),
                client=client,
                data=data,
                progress=self.progress,
                baseline=False,  # the shown result is the unperturbed answer
            )
            info = sw.site_info(self.base.areas)
            self.frequency = sw.site_frequency(result.runs, info, self.result.new_ids)
            self.sweep = result
        except Exception as exc:  # noqa: BLE001 - shown in the panel, never a dead thread
            self.error = error_text(exc, self.lang)


@dataclass(frozen=True, eq=False)
class _Cluster:
    client: object  # distributed.Client (held in a box: st.cache_resource refuses awaitables)


@st.cache_resource(show_spinner=False)
def _cluster() -> _Cluster:
    """The app process's local Dask cluster (one worker process per CPU, at most 2)."""
    return _Cluster(sw.local_client(min(2, os.cpu_count() or 1)))


def client():
    c = _cluster().client
    if c.status != "running":  # closed or its cluster died: start a new one
        _cluster.clear()
        c = _cluster().client
    return c


def _data(base: BaseData, net: Network) -> tuple[BaseData, Network] | None:
    """None when the workers can read the same data themselves (bundled data, straight-line
    table); else the session's pair, shipped to the workers once."""
    bundled = base is cache.bundled_base() and getattr(net.table, "engine", "") == "straight"
    return None if bundled else (base, net)


def start(base: BaseData, net: Network, result: PlanResult, samples: list[sw.Sample]) -> Job:
    c = client()
    workers = len(c.nthreads())
    job = Job(result, base, tuple(samples), workers, state.lang())
    threading.Thread(
        target=job.run, args=(c, _data(base, net)), name="robustness-sweep", daemon=True
    ).start()
    st.session_state[JOB] = job
    return job


def current(result: PlanResult | None) -> Job | None:
    """This session's finished sweep of ``result`` (the shown plan), else None."""
    job = st.session_state.get(JOB)
    if job is None or result is None or job.running or job.frequency is None:
        return None
    return job if job.result is result else None


# -- tables --------------------------------------------------------------------------------------

_COLUMNS = ("name", "sigungu", "sido", "share", "median_rank", "status", "proposed")
_HEADER_KEYS = {
    "name": "rob.col.site",
    "sigungu": "rob.col.sigungu",
    "sido": "rob.col.sido",
    "share": "rob.col.share",
    "median_rank": "rob.col.median_rank",
    "status": "rob.col.status",
    "proposed": "rob.col.proposed",
}


def table(frequency: pd.DataFrame, lang: str, *, with_id: bool = False) -> pd.DataFrame:
    """The site frequency table with headers and status words in ``lang`` (shares in %)."""
    out = frequency[["site_id", *_COLUMNS]].copy()
    out["share"] = (100.0 * out["share"]).round(1)
    out["status"] = out["status"].map(sw.STATUS_LABELS[lang])
    out["proposed"] = out["proposed"].map({True: "✓", False: ""})
    if not with_id:
        out = out.drop(columns=["site_id"])
    return out.rename(columns={c: t(k, lang) for c, k in _HEADER_KEYS.items()})


def csv_bytes(frame: pd.DataFrame) -> bytes:
    return frame.to_csv(index=False).encode("utf-8-sig")  # BOM: Excel reads the Korean


# -- map -----------------------------------------------------------------------------------------


def map_layers(job: Job | None, lang: str) -> tuple[object, Callable[[], list]] | None:
    """(cache key, builder of the FeatureGroups) of the robustness layer for the map, or None."""
    if job is None or job.frequency is None:
        return None
    return (job, lang), lambda: [share_layer(job.frequency, lang)]


def share_layer(frequency: pd.DataFrame, lang: str) -> folium.FeatureGroup:
    """Every site some sample picked, as a circle coloured by its share (light: rarely, dark red:
    always); the proposed sites with a dark outline."""
    from planning.offline import localize

    group = folium.FeatureGroup(name=t("rob.map", lang), show=True)
    labels = sw.STATUS_LABELS[lang]
    for row in frequency.sort_values("share").itertuples(index=False):
        if pd.isna(row.lat) or pd.isna(row.lon):
            continue
        color = sw.share_color(row.share)
        folium.CircleMarker(
            location=(float(row.lat), float(row.lon)),
            radius=4 + 6 * float(row.share),
            color="#222222" if row.proposed else color,
            weight=1.5 if row.proposed else 0.5,
            fill=True,
            fill_color=color,
            fill_opacity=0.9,
            tooltip=t(
                "rob.map_tip",
                lang,
                name=f"{row.sigungu} {row.name}",
                share=100.0 * float(row.share),
                status=labels[row.status],
            ),
        ).add_to(group)
    return localize(group)


# -- the panel -----------------------------------------------------------------------------------


def _settings(result: PlanResult) -> list[sw.Sample] | None:
    """The sweep's controls; the samples when the run button is pressed."""
    lang = state.lang()
    s: Scenario = result.scenario
    c1, c2, c3, c4 = st.columns([2, 2, 3, 2])
    # values through state.widget_default (no default argument): the language switch re-sets
    # every widget's value, which Streamlit warns about for a widget that also has a default
    n = c1.number_input(
        t("rob.samples", lang),
        5,
        500,
        step=5,
        key=state.widget_default("rob_samples", DEFAULT_SAMPLES),
    )
    spread = c2.slider(
        t("rob.spread", lang),
        0.0,
        1.0,
        step=0.05,
        key=state.widget_default("rob_spread", 0.5),
        help=t("rob.spread_help", lang),
    )
    options = sorted({*THRESHOLD_OPTIONS, float(s.threshold)})
    thresholds = c3.multiselect(
        t("rob.thresholds", lang),
        options,
        format_func=lambda v: f"{v:g}",
        placeholder=t("ctl.choose", lang),
        key=state.widget_default("rob_thresholds", []),
        help=t("rob.thresholds_help", lang),
    )
    seed = c4.number_input(
        t("rob.seed", lang),
        0,
        2**31 - 1,
        key=state.widget_default("rob_seed", 0),
        help=t("rob.seed_help", lang),
    )
    if not st.button(t("rob.run", lang), key="btn_rob_run"):
        return None
    return sw.make_samples(
        s, int(n), spread=float(spread), thresholds=thresholds or None, seed=int(seed)
    )


def _progress(job: Job) -> None:
    lang = state.lang()
    if job.done == 0:
        st.progress(0.0, text=t("rob.starting", lang, workers=job.workers))
    else:
        st.progress(
            job.done / job.total, text=t("rob.progress", lang, done=job.done, total=job.total)
        )


@st.fragment(run_every=1.0)
def _watch() -> None:
    """Redrawn every second while the sweep runs; the whole page once it has finished."""
    job = st.session_state.get(JOB)
    if job is None:
        return
    if job.running:
        _progress(job)
    elif not job.shown:
        st.rerun()


def _results(job: Job, result: PlanResult) -> None:
    lang = state.lang()
    freq = job.frequency
    sweep = job.sweep
    st.caption(t("rob.done", lang, n=sweep.n_ok, seconds=sweep.seconds, workers=sweep.workers))
    if sweep.failed:
        st.warning(t("rob.failed", lang, n=len(sweep.failed), error=sweep.failed[0].error))
    if job.result is not result:
        st.info(t("rob.stale", lang))
    counts = freq["status"].value_counts()
    m1, m2, m3 = st.columns(3)
    m1.metric(t("rob.stable_n", lang), f"{counts.get('stable', 0):,}")
    m2.metric(t("rob.swing_n", lang), f"{counts.get('swing', 0):,}")
    m3.metric(t("rob.rare_n", lang), f"{counts.get('rare', 0):,}")
    proposed = freq[freq["proposed"]]
    pc = proposed["status"].value_counts()
    st.caption(
        t(
            "rob.proposed_help",
            lang,
            n=len(proposed),
            stable=int(pc.get("stable", 0)),
            swing=int(pc.get("swing", 0)),
        )
    )
    left, right = st.columns(2)
    for col, status in ((left, "stable"), (right, "swing")):
        with col:
            st.markdown(f"**{t(f'rob.{status}', lang)}**")
            rows = freq[freq["status"] == status]
            if rows.empty:
                st.caption(t("rob.none", lang))
            else:
                st.dataframe(table(rows, lang), hide_index=True, width="stretch", height=280)
    d1, d2 = st.columns(2)
    d1.download_button(
        t("rob.download", lang),
        csv_bytes(table(freq, lang, with_id=True)),
        file_name=t("rob.file.sites", lang),
        mime="text/csv",
        key="dl_rob_sites",
        on_click="ignore",
    )
    d2.download_button(
        t("rob.download_runs", lang),
        csv_bytes(sw.runs_frame(sweep)),
        file_name=t("rob.file.runs", lang),
        mime="text/csv",
        key="dl_rob_runs",
        on_click="ignore",
    )


def panel(base: BaseData, net: Network, result: PlanResult) -> None:
    """The 견고성 section of the plan page."""
    lang = state.lang()
    st.subheader(t("rob.header", lang))
    st.caption(t("rob.intro", lang))
    job: Job | None = st.session_state.get(JOB)
    samples = _settings(result)
    if samples is not None and (job is None or not job.running):
        with st.spinner(t("rob.starting", lang, workers=min(2, os.cpu_count() or 1))):
            job = start(base, net, result, samples)
    if job is None:
        return
    if job.running:
        _watch()
        return
    job.shown = True
    if job.error is not None:
        st.error(t("rob.error", lang, error=job.error))
        return
    _results(job, result)
