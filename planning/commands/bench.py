"""``python -m planning bench [--json]``: the national coverage instance, timed side by side.

Instance: every 행정동 as demand and candidate, the January-2016 network as existing centers,
total 100, 30-minute national straight-line minutes, weights = the default demand index.
Timed in one run: building the travel table; our exact solve (proven gap); our heuristic
(``exact=False``: greedy + swap and LP rounding, with its LP bound); the plain textbook MILP
handed straight to HiGHS; PySAL spopt's MCLP with PuLP/CBC (skipped with a note when not
installed; run in a subprocess with a timeout). The machine may be shared: timings are noisy,
so our solves are repeated and the median is reported.
"""

from __future__ import annotations

import argparse
import json
import os
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

import numpy as np

from planning.settings import DEFAULT_TARGET_TOTAL, DEFAULT_THRESHOLD_MIN


def add_arguments(parser: argparse.ArgumentParser) -> None:
    parser.add_argument("--json", action="store_true", help="print the results as JSON")
    parser.add_argument("--threshold", type=float, default=DEFAULT_THRESHOLD_MIN)
    parser.add_argument("--total", type=int, default=DEFAULT_TARGET_TOTAL)
    parser.add_argument(
        "--speed-kmh",
        type=float,
        default=None,
        help="uniform speed instead of the national 동/읍/면 speeds",
    )
    parser.add_argument(
        "--detour",
        type=float,
        default=1.3,
        help="with --speed-kmh 60 --detour 1 the threshold is a radius in km",
    )
    parser.add_argument(
        "--weights", default=None, help="one indicator (e.g. population) instead of the index"
    )
    parser.add_argument(
        "--mip-gap", type=float, default=1e-6, help="our exact solve's relative gap target"
    )
    parser.add_argument(
        "--repeat",
        type=int,
        default=3,
        help="runs of our solves before and after the plain MILP (median)",
    )
    parser.add_argument("--plain-time-limit", type=float, default=600.0)
    parser.add_argument("--spopt-timeout", type=float, default=900.0)
    parser.add_argument("--no-peers", action="store_true", help="skip plain HiGHS and spopt")
    parser.add_argument("--no-spopt", action="store_true", help="skip spopt (it takes minutes)")


def _spopt_worker(path: str) -> None:
    """Run spopt's MCLP on the arrays in ``path`` (.npz) and write ``path + '.json'``."""
    import pulp
    from spopt.locate import MCLP

    data = np.load(path)
    cost = data["cost"]
    t0 = time.perf_counter()
    model = MCLP.from_cost_matrix(
        cost,
        data["weights"],
        service_radius=float(data["radius"]),
        p_facilities=int(data["p"]),
        predefined_facilities_arr=data["fixed"],
    )
    built = time.perf_counter() - t0
    model = model.solve(pulp.PULP_CBC_CMD(msg=False))
    seconds = time.perf_counter() - t0
    objective = float(pulp.value(model.problem.objective))
    Path(path + ".json").write_text(
        json.dumps(
            {
                "seconds": seconds,
                "build_s": built,
                "objective": objective,
                "status": pulp.LpStatus[model.problem.status],
            }
        )
    )


def _run_spopt(problem, threshold: float, total: int, timeout: float) -> dict:
    try:
        import pulp  # noqa: F401
        import spopt  # noqa: F401
    except ImportError as exc:
        return {"skipped": f"spopt/pulp not installed ({exc.name}); pip install -e .[bench]"}
    scale = 1e6 / float(problem.weights.sum())
    cost = problem.dense_minutes().T.copy()  # clients x facilities
    cost[~np.isfinite(cost)] = 1e6
    with tempfile.TemporaryDirectory() as tmp:
        path = os.path.join(tmp, "mclp.npz")
        np.savez(
            path,
            cost=cost,
            weights=problem.weights * scale,
            radius=threshold,
            p=total,
            fixed=problem.fixed,
        )
        code = f"from planning.commands.bench import _spopt_worker; _spopt_worker({path!r})"
        try:
            subprocess.run(
                [sys.executable, "-c", code], timeout=timeout, check=True, capture_output=True
            )
        except subprocess.TimeoutExpired:
            return {"seconds": None, "note": f"did not finish within {timeout:g} s"}
        except subprocess.CalledProcessError as exc:
            return {"seconds": None, "note": "failed: " + exc.stderr.decode()[-300:]}
        out = json.loads(Path(path + ".json").read_text())
    out["objective"] = out["objective"] / scale
    return out


def measure(args: argparse.Namespace) -> dict:
    from planning.optimize import solve
    from planning.optimize.textbook import textbook_mclp
    from planning.plan.national import national_instance

    t0 = time.perf_counter()
    inst = national_instance(
        threshold=args.threshold,
        speed_kmh=args.speed_kmh,
        detour=args.detour,
        weights={args.weights: 1.0} if args.weights else None,
    )
    build_s = time.perf_counter() - t0
    problem = inst.problem
    exact_runs, heur_runs = [], []

    def ours(times: int) -> None:
        for _ in range(times):
            problem._cache.clear()  # time the cover matrix too
            exact_runs.append(
                solve(problem, total=args.total, threshold=args.threshold, mip_gap=args.mip_gap)
            )
            heur_runs.append(
                solve(problem, total=args.total, threshold=args.threshold, exact=False)
            )

    # our runs are split before and after the plain MILP, so a change in the machine's load
    # during the benchmark affects both sides alike
    ours(max(args.repeat, 1))
    plain = None
    if not args.no_peers:
        plain = textbook_mclp(
            problem, total=args.total, threshold=args.threshold, time_limit=args.plain_time_limit
        )
        ours(max(args.repeat, 1))
    exact = exact_runs[-1]
    heur = heur_runs[-1]
    exact_s = statistics.median(s.seconds for s in exact_runs)
    heur_s = statistics.median(s.seconds for s in heur_runs)
    out: dict = {
        "instance": {
            "demand": problem.n_demand,
            "sites": problem.n_sites,
            "existing": problem.n_fixed,
            "total": args.total,
            "threshold_min": args.threshold,
            "travel": inst.travel,
            "pairs_within_threshold": int(problem.minutes.nnz),
            "weights": args.weights or "default demand index (population 1, recipients 1)",
        },
        "matrix_s": inst.matrix_s,
        "build_s": build_s,
        "coverage": {
            "exact_s": exact_s,
            "exact_runs_s": [s.seconds for s in exact_runs],
            "exact_gap": exact.gap,
            "exact_gap_setting": args.mip_gap,
            "exact_optimal": exact.optimal,
            "exact_objective": exact.objective,
            "exact_bound": exact.bound,
            "heuristic_s": heur_s,
            "heuristic_runs_s": [s.seconds for s in heur_runs],
            "heuristic_gap": heur.gap,
            "heuristic_objective": heur.objective,
            "heuristic_bound": heur.bound,
            "heuristic_below_optimum": (exact.objective - heur.objective) / exact.objective,
            "greedy_swap_objective": heur.stats.get("greedy_swap_objective"),
            "greedy_swap_s": heur.stats.get("greedy_swap_s"),
            "reduction": {
                k: exact.stats.get(k)
                for k in (
                    "candidates",
                    "candidates_kept",
                    "rows_uncovered",
                    "rows_kept",
                    "fixed_out",
                    "final_candidates",
                    "final_rows",
                )
            },
            "covered_share": exact.objective / float(problem.weights.sum()),
        },
        "peers": {},
        "machine": {"cpus": os.cpu_count(), "load_avg_1m": os.getloadavg()[0]},
    }
    if plain is not None:
        out["peers"]["highs_plain_s"] = plain.seconds
        out["peers"]["highs_plain_objective"] = plain.objective
        out["peers"]["highs_plain_status"] = plain.status
        out["peers"]["highs_plain_gap_setting"] = 1e-4
        out["peers"]["speedup_exact_vs_plain"] = plain.seconds / exact_s
        sp_out = (
            {"skipped": "--no-spopt"}
            if args.no_spopt
            else _run_spopt(problem, args.threshold, args.total, args.spopt_timeout)
        )
        out["peers"]["spopt_s"] = sp_out.get("seconds")
        out["peers"]["spopt"] = sp_out
        out["machine"]["load_avg_1m_end"] = os.getloadavg()[0]
    return out


def _table(res: dict) -> str:
    c, p = res["coverage"], res["peers"]

    def s(x):
        return "-" if x is None else f"{x:.2f} s"

    lines = [
        f"national coverage: {res['instance']['demand']} areas, {res['instance']['sites']} sites, "
        f"{res['instance']['existing']} existing, total {res['instance']['total']}, "
        f"{res['instance']['threshold_min']:g} min",
        f"  travel table          {s(res['matrix_s'])}",
        f"  exact (ours)          {s(c['exact_s'])}  gap {c['exact_gap']:.4%}  "
        f"optimal={c['exact_optimal']}  covered {c['covered_share']:.4%}",
        f"  heuristic (ours)      {s(c['heuristic_s'])}  gap to its bound {c['heuristic_gap']:.4%}"
        f"  below optimum {c['heuristic_below_optimum']:.4%}",
    ]
    if p:
        lines += [
            f"  plain HiGHS textbook  {s(p.get('highs_plain_s'))}  "
            f"({p.get('speedup_exact_vs_plain', 0):.1f}x our exact)",
            f"  spopt MCLP + CBC      {s(p.get('spopt_s'))}  "
            f"{p['spopt'].get('note') or p['spopt'].get('skipped') or ''}",
        ]
    lines.append(f"  machine: {res['machine']}")
    return "\n".join(lines)


def run(args: argparse.Namespace) -> int:
    res = measure(args)
    if args.json:
        print(json.dumps(res, indent=2, default=str))
    else:
        print(_table(res))
    return 0
