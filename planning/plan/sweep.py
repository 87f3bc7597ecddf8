"""Robustness sweeps (견고성 분석): which proposed sites hold up when the weights and the standard
change.

A sweep perturbs a scenario many times — each indicator weight times a random factor in
``[1 - spread, 1 + spread]`` and, optionally, a travel-time standard picked from a list — solves
every sample with the one pipeline (:func:`planning.plan.run_scenario`) and counts how often each
candidate site is picked.

* :func:`make_samples`: the samples of a seed (the same seed gives the same samples);
* :func:`run_sweep`: runs them on a Dask ``distributed.Client`` (a ``LocalCluster`` or an
  existing cluster) or, without a client, in a plain loop. Workers hold the base data and the
  travel table once (:class:`PlanData`, a ``WorkerPlugin``): a task ships only its sample.
  Results stream back in completion order to a ``progress(done, total)`` callback. A worker that
  dies mid-sweep loses no sample (the scheduler re-runs its tasks on another worker; an
  exception outside the solve is retried ``retries`` times); a sample that fails is a row of
  ``runs`` with its error, never the end of the sweep;
* :func:`site_frequency` and :func:`runs_frame`: the two tables; :func:`frequency_geojson`: the
  sites coloured by share; :func:`write_sweep`: the files of ``python -m planning sweep``.

Status of a site by its share of the samples that picked it: **stable** (안정) at
:data:`STABLE_SHARE` (90 %) or more — picked whatever the reasonable choice, a core to commit to
first; **swing** (경합) from :data:`SWING_SHARE` (20 %) up to 90 % — depends on a judgement call,
to discuss; **rare** (드묾) below 20 % — picked only under a few settings (fewer than one sample
in five).
"""

from __future__ import annotations

import contextlib
import json
import threading
import time
import traceback
import uuid
from collections.abc import Callable, Iterable, Mapping, Sequence
from dataclasses import dataclass, field
from pathlib import Path

import numpy as np
import pandas as pd
from distributed import WorkerPlugin

from planning.errors import DataError, PlanningError
from planning.i18n import t as text
from planning.plan.model import BaseData, Network
from planning.scenario import Scenario

STABLE_SHARE = 0.9
SWING_SHARE = 0.2
STATUSES = ("stable", "swing", "rare")
#: the status names by language, from the catalog (``sweep.status.*``)
STATUS_LABELS = {
    lang: {s: text(f"sweep.status.{s}", lang) for s in STATUSES} for lang in ("ko", "en")
}
#: low share -> high share (light yellow -> dark red), interpolated in RGB
SHARE_COLORS = ("#ffffcc", "#fed976", "#fd8d3c", "#e31a1c", "#800026")
DEFAULT_RETRIES = 2
BASELINE = -1  # Sample.index of the unperturbed scenario


# -- samples ------------------------------------------------------------------------------------


@dataclass(frozen=True)
class Sample:
    """One perturbed setting: the weights (already multiplied) and the standard in minutes."""

    index: int
    weights: tuple[tuple[str, float], ...]
    threshold: float
    factors: tuple[float, ...] = ()

    @property
    def is_baseline(self) -> bool:
        return self.index == BASELINE

    def scenario(self, base: Scenario) -> Scenario:
        if self.is_baseline:
            return base
        return base.replace(
            weights=dict(self.weights),
            threshold=self.threshold,
            name=f"{base.name} #{self.index}",
        )


def make_samples(
    scenario: Scenario,
    n: int,
    *,
    spread: float = 0.5,
    thresholds: Sequence[float] | None = None,
    seed: int = 0,
) -> list[Sample]:
    """``n`` samples of ``scenario``: each weight times a factor drawn uniformly from
    ``[1 - spread, 1 + spread]``; with ``thresholds`` each sample's standard is drawn from that
    list (else the scenario's). The same seed gives the same samples."""
    if n < 1:
        raise DataError.of("sweep.samples", n=n)
    if not 0.0 <= spread <= 1.0 or not np.isfinite(spread):
        raise DataError.of("sweep.spread", spread=spread)
    choices = [float(t) for t in thresholds] if thresholds else [scenario.threshold]
    for t in choices:  # the scenario's own check (0 < T <= 90) names the problem
        scenario.replace(threshold=t)
    rng = np.random.default_rng(seed)
    keys = [k for k, _ in scenario.weights]
    base_w = np.array([w for _, w in scenario.weights], dtype=float)
    samples = []
    for i in range(n):
        factors = rng.uniform(1.0 - spread, 1.0 + spread, size=len(keys))
        pick = choices[int(rng.integers(len(choices)))] if len(choices) > 1 else choices[0]
        weights = tuple((k, float(f"{w:.6g}")) for k, w in zip(keys, base_w * factors, strict=True))
        samples.append(Sample(i, weights, pick, tuple(float(f"{f:.6g}") for f in factors)))
    return samples


def baseline_sample(scenario: Scenario) -> Sample:
    """The unperturbed scenario as a sample (factors 1): its answer is the proposal."""
    return Sample(BASELINE, scenario.weights, scenario.threshold, (1.0,) * len(scenario.weights))


# -- one sample ---------------------------------------------------------------------------------


@dataclass(frozen=True)
class SampleRun:
    """The outcome of one sample: the solution's numbers and ranked new sites, or its error."""

    sample: Sample
    sites: tuple[str, ...] = ()  # new site ids in rank order
    objective: float = float("nan")
    bound: float = float("nan")
    gap: float = float("nan")
    optimal: bool = False
    seconds: float = float("nan")
    kpis: Mapping[str, float] = field(default_factory=dict)
    worker: str = ""
    error: str = ""

    @property
    def ok(self) -> bool:
        return not self.error


def run_sample(
    base: BaseData,
    net: Network,
    scenario: Scenario,
    sample: Sample,
    *,
    exact: bool = False,
    warm_start: object | None = None,
) -> SampleRun:
    """Solve one sample with :func:`planning.plan.run_scenario`, starting from ``warm_start``
    (the previous sample's :class:`~planning.plan.PlanResult` on this worker) when given. An
    error of the sample (bad settings, infeasible, a solver failure) is returned in ``error``,
    not raised."""
    from planning.plan.run import run_scenario

    t0 = time.perf_counter()
    try:
        result = run_scenario(
            base, net, sample.scenario(scenario), exact=exact, warm_start=warm_start
        )
    except PlanningError as exc:
        return SampleRun(sample, seconds=time.perf_counter() - t0, error=str(exc))
    except Exception as exc:  # noqa: BLE001 - one bad sample must not end the sweep
        line = traceback.format_exception_only(type(exc), exc)[-1].strip()
        return SampleRun(sample, seconds=time.perf_counter() - t0, error=line)
    sol = result.solution
    after = dict(zip(result.kpis["key"], result.kpis["after"].astype(float), strict=True))
    return SampleRun(
        sample,
        sites=tuple(result.new_ids),
        objective=float(sol.objective),
        bound=float(sol.bound),
        gap=float(sol.gap),
        optimal=bool(sol.optimal),
        seconds=time.perf_counter() - t0,
        kpis=after,
    )


# -- workers ------------------------------------------------------------------------------------


class PlanData(WorkerPlugin):
    """A Dask ``WorkerPlugin`` that gives each worker the base data and the network once.

    Without ``data`` each worker reads the bundled data itself (:func:`load_base`,
    :func:`build_network`, whose table is disk-cached): nothing large crosses the network.
    With ``data=(base, network)`` (uploads, an uploaded travel table) the pair travels once per
    worker with the plugin. Loading happens on the worker's first task (under a lock), so a
    worker that joins later — e.g. one the nanny restarted — loads it too.
    """

    def __init__(self, data: tuple[BaseData, Network] | None = None) -> None:
        self.data = data
        self.name = f"planning-sweep-{'bundled' if data is None else uuid.uuid4().hex[:12]}"
        self.idempotent = data is None  # Dask keeps a registered plugin of the same name
        self._lock = threading.Lock()
        self.loads = 0
        self.load_seconds = 0.0

    def __getstate__(self) -> dict:
        state = self.__dict__.copy()
        state.pop("_lock")
        return state

    def __setstate__(self, state: dict) -> None:
        self.__dict__.update(state)
        self._lock = threading.Lock()

    def setup(self, worker=None) -> None:  # the WorkerPlugin hooks
        pass

    def teardown(self, worker=None) -> None:
        pass

    def get(self) -> tuple[BaseData, Network]:
        with self._lock:
            if self.data is None:
                from planning.plan.model import load_base
                from planning.plan.network import build_network

                t0 = time.perf_counter()
                base = load_base()
                self.data = (base, build_network(base))
                self.loads += 1
                self.load_seconds = time.perf_counter() - t0
            return self.data


#: the unperturbed scenario's result per (network, scenario) in this process (a worker): every
#: sample starts its search from it. The same start whatever worker runs a sample, so the same
#: seed still gives the same table.
_START: dict[tuple[int, str], tuple[Network, object]] = {}


def start_result(base: BaseData, net: Network, scenario: Scenario) -> object | None:
    """The unperturbed scenario's quick result on ``net`` (computed once per process), the warm
    start of every sample; None when the scenario itself cannot be solved."""
    from planning.plan.run import run_scenario

    key = (id(net), scenario.key())
    held = _START.get(key)
    if held is None or held[0] is not net:
        try:
            result = run_scenario(base, net, scenario, exact=False)
        except Exception:  # noqa: BLE001 - the samples then start cold (and report their errors)
            result = None
        held = _START[key] = (net, result)
    return held[1]


def _worker_task(plugin_name: str, scenario: Scenario, sample: Sample, exact: bool) -> SampleRun:
    """The task a Dask worker runs: the worker's data from its plugin, then :func:`run_sample`
    warm-started from the unperturbed scenario's result (:func:`start_result`). A failure to load the data raises (and is
    retried); a failing sample is returned."""
    from distributed import get_worker

    worker = get_worker()
    base, net = worker.plugins[plugin_name].get()
    warm = start_result(base, net, scenario)
    run = run_sample(base, net, scenario, sample, exact=exact, warm_start=warm)
    return _with_worker(run, worker.address)


def _with_worker(run: SampleRun, worker: str) -> SampleRun:
    from dataclasses import replace

    return replace(run, worker=worker)


def worker_loads(client, plugin_name: str) -> dict[str, int]:
    """How many times each worker of ``client`` loaded the data for ``plugin_name``."""

    def _loads(dask_worker, name=plugin_name) -> int:
        plugin = dask_worker.plugins.get(name)
        return -1 if plugin is None else int(plugin.loads)

    return client.run(_loads)


def local_client(n_workers: int | None = None, *, processes: bool = True):
    """A ``distributed.Client`` of a new ``LocalCluster`` on loopback (no dashboard): one worker
    process per CPU by default, one thread each (a solve is single-threaded work).
    ``client.close(); client.cluster.close()`` ends both."""
    import os

    from distributed import Client, LocalCluster

    n = n_workers or os.cpu_count() or 1
    cluster = LocalCluster(
        n_workers=n,
        threads_per_worker=1,
        processes=processes,
        host="127.0.0.1",
        dashboard_address=None,
    )
    return Client(cluster)


# -- the sweep ----------------------------------------------------------------------------------


@dataclass(frozen=True, eq=False)
class SweepResult:
    scenario: Scenario
    samples: tuple[Sample, ...]
    runs: tuple[SampleRun, ...]  # in sample order
    seconds: float
    baseline: SampleRun | None  # the unperturbed scenario (None when not run)
    workers: int  # 0: a plain loop in this process
    spread: float = float("nan")
    seed: int | None = None

    @property
    def n_ok(self) -> int:
        return sum(r.ok for r in self.runs)

    @property
    def failed(self) -> list[SampleRun]:
        return [r for r in self.runs if not r.ok]

    @property
    def proposed(self) -> tuple[str, ...]:
        """The unperturbed scenario's new sites (empty without a baseline run)."""
        return self.baseline.sites if self.baseline is not None else ()


def run_sweep(
    scenario: Scenario,
    samples: Sequence[Sample],
    *,
    client=None,
    data: tuple[BaseData, Network] | None = None,
    exact: bool = False,
    retries: int = DEFAULT_RETRIES,
    progress: Callable[[int, int], None] | None = None,
    baseline: bool = True,
    spread: float = float("nan"),
    seed: int | None = None,
) -> SweepResult:
    """Solve every sample; ``progress(done, total)`` after each one that comes back. With
    ``baseline`` the unperturbed scenario is solved too (one more task, counted in ``total``):
    its sites are the proposal the shares are read against.

    With ``client`` (a ``distributed.Client``) the samples run on its workers; ``data`` is the
    ``(base, network)`` to use there, ``None`` for the bundled data read by each worker once.
    Without a client they run here in a plain loop on ``data`` (read here when ``None``).
    """
    t0 = time.perf_counter()
    todo = [*([baseline_sample(scenario)] if baseline else []), *samples]
    if len({s.index for s in todo}) != len(todo):
        raise DataError.of("sweep.duplicate_samples")
    total = len(todo)
    runs: dict[int, SampleRun] = {}
    if client is None:
        if data is None:
            from planning.plan.model import load_base
            from planning.plan.network import build_network

            base = load_base()
            data = (base, build_network(base))
        warm = start_result(data[0], data[1], scenario)
        for i, sample in enumerate(todo, start=1):
            runs[sample.index] = run_sample(
                data[0], data[1], scenario, sample, exact=exact, warm_start=warm
            )
            if progress is not None:
                progress(i, total)
        workers = 0
    else:
        from distributed import as_completed

        plugin = PlanData(data)
        # idempotent: workers that already hold the bundled data keep it (a second sweep on the
        # same cluster loads nothing); a new worker gets the plugin from the scheduler
        client.register_plugin(plugin, name=plugin.name)
        token = uuid.uuid4().hex[:8]
        futures = {}
        for sample in todo:
            fut = client.submit(
                _worker_task,
                plugin.name,
                scenario,
                sample,
                exact,
                key=f"sweep-{token}-{sample.index}",
                retries=retries,
                pure=False,
            )
            futures[fut.key] = (fut, sample)
        done = 0
        try:
            for fut in as_completed([f for f, _ in futures.values()]):
                sample = futures[fut.key][1]
                try:
                    run = fut.result()
                except Exception as exc:  # noqa: BLE001 - e.g. KilledWorker after many deaths
                    line = traceback.format_exception_only(type(exc), exc)[-1].strip()
                    run = SampleRun(sample, error=line)
                runs[sample.index] = run
                done += 1
                if progress is not None:
                    progress(done, total)
        finally:
            for fut, _ in futures.values():
                fut.release()
            if data is not None:  # the uploaded pair: free it on the workers
                with contextlib.suppress(Exception):  # cleanup only
                    client.unregister_worker_plugin(plugin.name)
        workers = len(client.nthreads())
    ordered = tuple(runs[s.index] for s in samples)
    return SweepResult(
        scenario=scenario,
        samples=tuple(samples),
        runs=ordered,
        seconds=time.perf_counter() - t0,
        baseline=runs.get(BASELINE) if baseline else None,
        workers=workers,
        spread=spread,
        seed=seed,
    )


# -- tables -------------------------------------------------------------------------------------


def status_of(share: float) -> str:
    if share >= STABLE_SHARE:
        return "stable"
    if share >= SWING_SHARE:
        return "swing"
    return "rare"


def site_info(areas: pd.DataFrame) -> pd.DataFrame:
    """Name, 시도, 시군구 and point of every candidate site (its 행정동, a row of
    ``BaseData.areas``), indexed by site id."""
    a = areas
    return pd.DataFrame(
        {
            "name": a["name_ko"].astype(str).to_numpy(),
            "sido": a["sido_ko"].astype(str).to_numpy(),
            "sigungu": a["sigungu_ko"].astype(str).to_numpy(),
            "lat": a["lat"].to_numpy(float),
            "lon": a["lon"].to_numpy(float),
        },
        index=pd.Index(a["area_code"].astype(str), name="site_id"),
    )


FREQUENCY_COLUMNS = (
    "site_id",
    "name",
    "sido",
    "sigungu",
    "share",
    "median_rank",
    "status",
    "picked",
    "proposed",
    "lat",
    "lon",
)


def site_frequency(
    runs: Iterable[SampleRun], info: pd.DataFrame, proposed: Iterable[str] = ()
) -> pd.DataFrame:
    """One row per site picked by at least one successful sample: ``share`` (0–1) of the
    successful samples that pick it, the ``median_rank`` among them, its ``status``, and
    ``proposed`` (in the unperturbed scenario's answer). Sorted by share, then median rank."""
    ok = [r for r in runs if r.ok]
    ranks: dict[str, list[int]] = {}
    for r in ok:
        for rank, sid in enumerate(r.sites, start=1):
            ranks.setdefault(sid, []).append(rank)
    proposed = set(map(str, proposed))
    for sid in proposed:
        ranks.setdefault(sid, [])
    n = max(len(ok), 1)
    rows = []
    for sid, rs in ranks.items():
        share = len(rs) / n if ok else 0.0
        row = {
            "site_id": sid,
            "share": round(share, 4),
            "median_rank": float(np.median(rs)) if rs else float("nan"),
            "status": status_of(share),
            "picked": len(rs),
            "proposed": sid in proposed,
        }
        if sid in info.index:
            row.update(info.loc[sid, ["name", "sido", "sigungu", "lat", "lon"]].to_dict())
        rows.append(row)
    frame = pd.DataFrame(rows, columns=list(FREQUENCY_COLUMNS))
    frame = frame.sort_values(
        ["share", "median_rank", "site_id"], ascending=[False, True, True], na_position="last"
    )
    return frame.reset_index(drop=True)


def runs_frame(result: SweepResult) -> pd.DataFrame:
    """One row per sample (the unperturbed scenario first, ``kind`` = ``base``): its settings (factor and weight per indicator, standard), the
    solution's objective, bound, gap, optimality and time, the KPIs after the expansion, the
    worker that ran it and the error of a failed sample."""
    keys = [k for k, _ in result.scenario.weights]
    for r in result.runs:  # hand-made samples may weigh other indicators
        keys += [k for k, _ in r.sample.weights if k not in keys]
    every = [*([result.baseline] if result.baseline is not None else []), *result.runs]
    kpi_keys: list[str] = []
    for r in every:
        kpi_keys += [k for k in r.kpis if k not in kpi_keys]
    rows = []
    for r in every:
        s = r.sample
        row: dict[str, object] = {
            "sample": s.index,
            "kind": "base" if s.is_baseline else "sample",
            "status": "ok" if r.ok else "failed",
        }
        row["threshold"] = s.threshold
        weights = dict(s.weights)
        factors = dict(zip(weights, s.factors, strict=False))
        for k in keys:
            row[f"factor_{k}"] = factors.get(k, np.nan)
            row[f"weight_{k}"] = weights.get(k, np.nan)
        row.update(
            objective=r.objective,
            bound=r.bound,
            gap=r.gap,
            optimal=r.optimal,
            seconds=round(r.seconds, 3) if np.isfinite(r.seconds) else np.nan,
            n_new=len(r.sites) if r.ok else np.nan,
        )
        for k in kpi_keys:
            row[k] = r.kpis.get(k, np.nan)
        row["worker"] = r.worker
        row["error"] = r.error
        rows.append(row)
    return pd.DataFrame(rows)


def share_color(share: float) -> str:
    """Hex colour of a share on :data:`SHARE_COLORS` (0 -> first, 1 -> last)."""
    x = min(max(float(share), 0.0), 1.0) * (len(SHARE_COLORS) - 1)
    i = min(int(x), len(SHARE_COLORS) - 2)
    a, b = (np.array([int(c[j : j + 2], 16) for j in (1, 3, 5)]) for c in SHARE_COLORS[i : i + 2])
    rgb = np.rint(a + (b - a) * (x - i)).astype(int)
    return "#" + "".join(f"{v:02x}" for v in rgb)


def frequency_geojson(frequency: pd.DataFrame, lang: str = "ko") -> dict:
    """The sites of :func:`site_frequency` as GeoJSON points with ``share`` and ``color``."""
    labels = STATUS_LABELS.get(lang, STATUS_LABELS["ko"])
    features = []
    for row in frequency.itertuples(index=False):
        if not (np.isfinite(row.lat) and np.isfinite(row.lon)):
            continue
        features.append(
            {
                "type": "Feature",
                "geometry": {"type": "Point", "coordinates": [float(row.lon), float(row.lat)]},
                "properties": {
                    "site_id": row.site_id,
                    "name": row.name,
                    "sido": row.sido,
                    "sigungu": row.sigungu,
                    "share": float(row.share),
                    "median_rank": None if pd.isna(row.median_rank) else float(row.median_rank),
                    "status": row.status,
                    "status_label": labels[row.status],
                    "proposed": bool(row.proposed),
                    "color": share_color(row.share),
                },
            }
        )
    return {"type": "FeatureCollection", "features": features}


def frequency_export(frequency: pd.DataFrame, lang: str = "ko") -> pd.DataFrame:
    """The site frequency table as written to CSV: the status also as a word in ``lang``."""
    out = frequency.drop(columns=["lat", "lon"]).copy()
    labels = STATUS_LABELS.get(lang, STATUS_LABELS["ko"])
    out.insert(out.columns.get_loc("status") + 1, "status_label", out["status"].map(labels))
    return out


def write_sweep(
    result: SweepResult, frequency: pd.DataFrame, out: Path, lang: str = "ko"
) -> dict[str, Path]:
    """``site_frequency.csv`` and ``runs.csv`` (UTF-8 with BOM, for Excel) and
    ``site_frequency.geojson`` into ``out``."""
    out = Path(out)
    out.mkdir(parents=True, exist_ok=True)
    paths = {
        "frequency": out / "site_frequency.csv",
        "runs": out / "runs.csv",
        "map": out / "site_frequency.geojson",
    }
    frequency_export(frequency, lang).to_csv(paths["frequency"], index=False, encoding="utf-8-sig")
    runs_frame(result).to_csv(paths["runs"], index=False, encoding="utf-8-sig")
    paths["map"].write_text(
        json.dumps(frequency_geojson(frequency, lang), ensure_ascii=False), encoding="utf-8"
    )
    return paths
