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
        raise DataError(
            f"--thresholds {text!r} is not a list of minutes.",
            "Write the standards as numbers separated by commas, e.g. --thresholds 20,30,45.",
            problem_ko=f"--thresholds {text!r}는 분 단위 숫자 목록이 아닙니다.",
            fix_ko="기준 시간을 쉼표로 구분한 숫자로 적어 주세요(예: --thresholds 20,30,45).",
        ) from None
    return values or None


def _read(path: Path) -> bytes:
    if not path.is_file():
        raise DataError(
            f"The file {path} does not exist.",
            "Check the path.",
            problem_ko=f"{path} 파일이 없습니다.",
            fix_ko="파일 경로를 확인해 주세요.",
        )
    return path.read_bytes()


def _client(args: argparse.Namespace):
    """A client of the cluster the user asked for, and the local cluster to close (or None)."""
    from distributed import Client

    from planning.plan.sweep import local_client

    if args.scheduler:
        try:
            return Client(args.scheduler, timeout=f"{args.connect_timeout}s"), None
        except (OSError, TimeoutError) as exc:
            raise PlanningError(
                f"Could not reach the Dask scheduler at {args.scheduler} ({exc}).",
                "Check the address (tcp://HOST:PORT, port 8786 by default) and that the "
                "scheduler is running, or leave out --scheduler to use a local cluster.",
                problem_ko=f"Dask 스케줄러 {args.scheduler}에 연결하지 못했습니다({exc}).",
                fix_ko="주소(tcp://호스트:포트, 기본 포트 8786)와 스케줄러 실행 여부를 확인하거나, "
                "--scheduler 없이 로컬 클러스터로 실행해 주세요.",
            ) from None
    if args.workers is not None and args.workers < 1:
        raise DataError(
            f"--workers must be at least 1 (got {args.workers}).",
            "Give --workers 1 or more.",
            problem_ko=f"--workers는 1 이상이어야 합니다(입력값 {args.workers}).",
            fix_ko="--workers에 1 이상의 값을 주세요.",
        )
    client = local_client(args.workers)
    return client, client.cluster


def run(args: argparse.Namespace) -> int:
    from planning.plan import load_base
    from planning.plan import sweep as sw
    from planning.scenario import load_scenario

    scenario = load_scenario(args.scenario.name, _read(args.scenario))
    if scenario.engine != "straight":
        raise DataError(
            f"A sweep runs on the national straight-line table; the scenario uses the "
            f"‘{scenario.engine}’ travel engine.",
            "Save the scenario with the straight-line engine (직선거리) and run the sweep again.",
            problem_ko=f"견고성 분석은 전국 직선거리 이동시간표로 계산합니다. 이 시나리오는 "
            f"‘{scenario.engine}’ 방식을 씁니다.",
            fix_ko="시나리오를 직선거리 방식으로 저장한 뒤 다시 실행해 주세요.",
        )
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
        f"{scenario.name}: {result.n_ok}/{len(samples)} samples solved in "
        f"{result.seconds:.1f} s on {result.workers} workers; "
        f"{counts.get('stable', 0)} stable, {counts.get('swing', 0)} swing, "
        f"{counts.get('rare', 0)} rare sites"
    )
    for r in result.failed:
        print(f"sample {r.sample.index} failed: {r.error}", file=sys.stderr)
    if result.baseline is not None and not result.baseline.ok:
        print(f"the unperturbed scenario failed: {result.baseline.error}", file=sys.stderr)
    for path in paths.values():
        print(path)
    return 0
