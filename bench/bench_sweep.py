"""Benchmark of robustness sweeps (run by hand, not a test).

    python bench/bench_sweep.py                      # 200 samples: loop, 1 worker, 2 workers
    python bench/bench_sweep.py --samples 40 --json  # quicker, machine-readable

The national coverage instance of ``python -m planning bench`` (every 행정동 as demand and
candidate, the January-2016 network, total 100, 30 minutes, the default index) swept with
``planning.plan.sweep``: each weight times a factor in [0.5, 1.5] (``--spread``), the heuristic
with its bound (``exact=False``), seed 0. Timed:

1. a plain loop in this process (the data read once beforehand, timed apart);
2. a Dask ``LocalCluster`` of 1 worker process, then of 2, on loopback: the cluster's start, the
   sweep itself (each worker reads the data on its first task: counted in the sweep) and the
   time to the first result.

Reported: seconds per sample, the speed-up from 1 to 2 workers, and the cluster's overhead
against the plain loop. The three sweeps must give the same site frequency table (checked).
The machine may be shared: say so with the figures.
"""

from __future__ import annotations

import argparse
import json
import os
import sys
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from planning.plan import build_network, load_base  # noqa: E402
from planning.plan import sweep as sw  # noqa: E402
from planning.scenario import Scenario  # noqa: E402


def _cpu_s(dask_worker=None) -> float:
    return time.process_time()


def _timed_sweep(scenario, samples, **kwargs) -> dict:
    first: list[float] = []
    client = kwargs.get("client")
    cpu0 = sum(client.run(_cpu_s).values()) if client is not None else time.process_time()
    t0 = time.perf_counter()

    def progress(done: int, total: int) -> None:
        if not first:
            first.append(time.perf_counter() - t0)

    result = sw.run_sweep(scenario, samples, progress=progress, baseline=False, **kwargs)
    cpu1 = sum(client.run(_cpu_s).values()) if client is not None else time.process_time()
    return {
        "result": result,
        "seconds": result.seconds,
        "first_s": first[0] if first else None,
        "cpu_s": cpu1 - cpu0,  # CPU seconds of the process(es) that solved: contention-proof
    }


def _cluster_sweep(scenario, samples, n_workers: int) -> dict:
    from distributed import Client, LocalCluster

    t0 = time.perf_counter()
    with (
        LocalCluster(
            n_workers=n_workers, threads_per_worker=1, host="127.0.0.1", dashboard_address=None
        ) as cluster,
        Client(cluster) as client,
    ):
        start = time.perf_counter() - t0
        out = _timed_sweep(scenario, samples, client=client)
        out["loads"] = sw.worker_loads(client, "planning-sweep-bundled")
    out["cluster_start_s"] = start
    return out


def main(argv: list[str] | None = None) -> int:
    p = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    p.add_argument("--samples", type=int, default=200)
    p.add_argument("--spread", type=float, default=0.5)
    p.add_argument("--thresholds", default=None, help="e.g. 20,30,45 (default: 30 only)")
    p.add_argument("--seed", type=int, default=0)
    p.add_argument("--json", action="store_true")
    args = p.parse_args(argv)

    scenario = Scenario()
    thresholds = [float(x) for x in args.thresholds.split(",")] if args.thresholds else None
    samples = sw.make_samples(
        scenario, args.samples, spread=args.spread, thresholds=thresholds, seed=args.seed
    )
    t0 = time.perf_counter()
    base = load_base()
    net = build_network(base)
    load_s = time.perf_counter() - t0
    info = sw.site_info(base.areas)

    loop = _timed_sweep(scenario, samples, data=(base, net))
    one = _cluster_sweep(scenario, samples, 1)
    two = _cluster_sweep(scenario, samples, 2)

    tables = [sw.site_frequency(x["result"].runs, info) for x in (loop, one, two)]
    same = all(t.equals(tables[0]) for t in tables[1:])
    n = len(samples)
    report = {
        "machine": f"{os.cpu_count()} CPUs (shared)",
        "samples": n,
        "scenario": {"total": scenario.total, "threshold": scenario.threshold},
        "spread": args.spread,
        "thresholds": thresholds,
        "data_load_s": round(load_s, 2),
        "failed": [len(x["result"].failed) for x in (loop, one, two)],
        "same_table": same,
        "loop": {
            "seconds": round(loop["seconds"], 2),
            "per_sample_s": loop["seconds"] / n,
            "cpu_per_sample_s": loop["cpu_s"] / n,
        },
    }
    for name, x in (("workers_1", one), ("workers_2", two)):
        report[name] = {
            "cluster_start_s": round(x["cluster_start_s"], 2),
            "sweep_s": round(x["seconds"], 2),
            "first_result_s": round(x["first_s"], 2),
            "per_sample_s": x["seconds"] / n,
            "cpu_per_sample_s": x["cpu_s"] / n,  # the workers' CPU, their data reading included
            "data_loads_per_worker": sorted(x["loads"].values()),
        }
    report["speedup_1_to_2"] = one["seconds"] / two["seconds"]
    report["overhead_1_worker_vs_loop"] = one["seconds"] / loop["seconds"] - 1.0
    report["overhead_1_worker_vs_loop_with_start"] = (
        one["seconds"] + one["cluster_start_s"]
    ) / loop["seconds"] - 1.0
    if args.json:
        print(json.dumps(report, indent=2, ensure_ascii=False))
    else:
        print(f"national coverage sweep: {n} samples, spread {args.spread}, {report['machine']}")
        print(f"  data read once (this process): {load_s:.1f} s")
        print(
            f"  plain loop:  {loop['seconds']:.1f} s, {loop['seconds'] / n:.3f} s/sample "
            f"({loop['cpu_s'] / n:.3f} CPU s/sample; first result {loop['first_s']:.2f} s)"
        )
        for name, x in (("1 worker ", one), ("2 workers", two)):
            print(
                f"  {name}:   {x['seconds']:.1f} s, {x['seconds'] / n:.3f} s/sample, "
                f"{x['cpu_s'] / n:.3f} CPU s/sample (cluster start {x['cluster_start_s']:.1f} s, first result "
                f"{x['first_s']:.1f} s incl. the worker reading the data; "
                f"loads per worker {sorted(x['loads'].values())})"
            )
        print(f"  speed-up 1 -> 2 workers: {report['speedup_1_to_2']:.2f}x")
        print(
            f"  cluster overhead vs loop (1 worker): "
            f"{100 * report['overhead_1_worker_vs_loop']:+.1f} % of the loop's time "
            f"({100 * report['overhead_1_worker_vs_loop_with_start']:+.1f} % with the start)"
        )
        print(f"  same site table in all three: {same}; failed samples: {report['failed']}")
    return 0 if same else 1


if __name__ == "__main__":
    raise SystemExit(main())
