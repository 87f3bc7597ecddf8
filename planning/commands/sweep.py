"""``python -m planning sweep``: which proposed sites hold up when the weights and the standard
change (견고성 분석), computed on Dask.

Each sample multiplies every weight of the scenario by a random factor in
``[1 - spread, 1 + spread]`` and, with ``--thresholds``, picks one of those standards; every
sample is solved with the same pipeline as the app (heuristic with its bound unless ``--exact``).
The samples run on a Dask ``distributed`` cluster: a ``LocalCluster`` of ``--workers`` processes
on this machine (the default), or an existing cluster given by ``--scheduler tcp://HOST:PORT``
(its workers need this package installed). Written into ``--out``:

* ``site_frequency.csv``: site_id, name, sido, sigungu, share (0–1), median_rank, status
  (stable ≥ 90 %, swing 20–90 %, rare < 20 %), picked, proposed (in the unperturbed answer);
* ``runs.csv``: one row per sample (the unperturbed scenario first): settings, objective, bound,
  gap, KPIs, worker, error of a failed sample;
* ``site_frequency.geojson``: the sites as points with ``share`` and ``color``.

Example::

    python -m planning sweep my-scenario.toml --samples 200 --spread 0.5 \\
        --thresholds 20,30,45 --seed 1 --workers 2 --out sweep/
"""

from __future__ import annotations

import argparse
import sys
from pathlib import Path

from planning.errors import DataError, PlanningError
from planning.i18n import t


def add_arguments(parser: argparse.ArgumentParser) -> None:
    parser.add_argument("scenario", type=Path, help="scenario file saved by the app (.toml/.json)")
    parser.add_argument("--samples", type=int, default=200, help="number of samples (200)")
    parser.add_argument(
        "--spread",
        type=float,
        default=0.5,
        help="each weight times a factor in [1-spread, 1+spread] (0.5)",
    )
    parser.add_argument(
        "--thresholds",
        default=None,
        help="standards in minutes to pick from, e.g. 20,30,45 (default: the scenario's)",
    )
    parser.add_argument("--seed", type=int, default=0, help="random seed (same seed, same table)")
    where = parser.add_mutually_exclusive_group()
    where.add_argument(
        "--workers",
        type=int,
        default=None,
        help="worker processes of a local Dask cluster (default: the CPU count)",
    )
    where.add_argument(
        "--scheduler", default=None, help="address of an existing Dask scheduler (tcp://HOST:PORT)"
    )
    parser.add_argument(
        "--connect-timeout",
        type=float,
        default=20.0,
        help="seconds to wait for --scheduler (20)",
    )
    parser.add_argument("--exact", action="store_true", help="prove each optimum (slower)")
    parser.add_argument(
        "--retries", type=int, default=2, help="re-runs of a task that fails outside the solve"
    )
    parser.add_argument("--lang", choices=["ko", "en"], default="ko", help="language of the files")
    parser.add_argument("--no-progress", action="store_true", help="no progress bar")
    parser.add_argument("--out", type=Path, required=True, help="output folder")


def parse_thresholds(text: str | None) -> list[float] | None:
    if not text:
        return None
    try:
        values = [float(x) for x in text.replace(" ", "").split(",") if x]
    except ValueError:
        raise DataError.of("sweep.thresholds", text=text) from None
    return values or None


def _read(path: Path) -> bytes:
    if not path.is_file():
        raise DataError.of("sweep.no_file", path=path)
    return path.read_bytes()


def _client(args: argparse.Namespace):
    """A client of the cluster the user asked for, and the local cluster to close (or None)."""
    from distributed import Client

    from planning.plan.sweep import local_client

    if args.scheduler:
        try:
            return Client(args.scheduler, timeout=f"{args.connect_timeout}s"), None
        except (OSError, TimeoutError) as exc:
            raise PlanningError.of("sweep.scheduler", address=args.scheduler, exc=exc) from None
    if args.workers is not None and args.workers < 1:
        raise DataError.of("sweep.workers", workers=args.workers)
    client = local_client(args.workers)
    return client, client.cluster


def run(args: argparse.Namespace) -> int:
    from planning.plan import load_base
    from planning.plan import sweep as sw
    from planning.scenario import read_scenario

    scenario, notes = read_scenario(args.scenario.name, _read(args.scenario))
    for note in notes:  # what was converted on the way, as the app says it
        print(f"{args.scenario.name}: {note.text(args.lang)}", file=sys.stderr)
    if scenario.engine != "straight":
        raise DataError.of("sweep.engine", engine=scenario.engine)
    samples = sw.make_samples(
        scenario,
        args.samples,
        spread=args.spread,
        thresholds=parse_thresholds(args.thresholds),
        seed=args.seed,
    )
    client, cluster = _client(args)
    bar = None
    try:
        if not args.no_progress:
            from tqdm import tqdm

            bar = tqdm(total=len(samples) + 1, unit="sample", file=sys.stderr)

        def progress(done: int, total: int) -> None:
            if bar is not None:
                bar.n = done
                bar.refresh()

        result = sw.run_sweep(
            scenario,
            samples,
            client=client,
            exact=args.exact,
            retries=args.retries,
            progress=progress,
            spread=args.spread,
            seed=args.seed,
        )
    finally:
        if bar is not None:
            bar.close()
        client.close()
        if cluster is not None:
            cluster.close()
    info = sw.site_info(load_base().areas)
    frequency = sw.site_frequency(result.runs, info, result.proposed)
    paths = sw.write_sweep(result, frequency, args.out, lang=args.lang)
    counts = frequency["status"].value_counts()
    print(
        t(
            "sweep.cli.done",
            "en",
            name=scenario.name,
            ok=result.n_ok,
            n=len(samples),
            seconds=result.seconds,
            workers=result.workers,
            stable=counts.get("stable", 0),
            swing=counts.get("swing", 0),
            rare=counts.get("rare", 0),
        )
    )
    for r in result.failed:
        print(t("sweep.cli.failed", "en", index=r.sample.index, error=r.error), file=sys.stderr)
    if result.baseline is not None and not result.baseline.ok:
        print(t("sweep.cli.baseline_failed", "en", error=result.baseline.error), file=sys.stderr)
    for path in paths.values():
        print(path)
    return 0
