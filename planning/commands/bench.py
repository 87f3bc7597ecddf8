"""``python -m planning bench [--json]``: the national coverage instance, timed side by side.

Instance: every 행정동 as demand and candidate, the January-2016 network as existing centers,
total 100, 30-minute national straight-line minutes, weights = the default demand index.
Timed in one run: building the travel table; our exact solve (proven gap); our heuristic
(``exact=False``: greedy + swap and LP rounding, with its LP bound); the plain textbook MILP
handed straight to HiGHS; PySAL spopt's MCLP with PuLP/CBC (skipped with a note when not
installed; run in a subprocess with a timeout). The machine may be shared: timings are noisy,
so our solves are repeated and the median is reported. ``--families`` runs the same
comparison on every coverage instance family of :data:`FAMILIES`, one line each.
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
    parser.add_argument(
        "--model",
        choices=("coverage", "median", "center"),
        default="coverage",
        help="national instance: coverage (default) or median / center on uncapped minutes",
    )
    parser.add_argument(
        "--pmed",
        metavar="DIR",
        default=None,
        help="run the OR-Library p-median set (pmed1.txt ... pmed40.txt in DIR) instead",
    )
    parser.add_argument(
        "--pmed-instances", default="1-40", help="which pmed instances, e.g. 1-10 or 1,6,11"
    )
    parser.add_argument(
        "--families",
        action="store_true",
        help="run every coverage instance family of FAMILIES (ours against the plain MILP)",
    )
    parser.add_argument(
        "--warm",
        action="store_true",
        help="also time a re-solve after a 5%% change of the weights, cold and warm-started",
    )


#: the coverage instance families (settings that change what makes the instance hard): the
#: default 30 min on the national 동/읍/면 speeds with the default index, 20 and 45 min, and
#: a 10 km and a 20 km radius (60 km/h, detour 1) with population weights; the 20 km one at
#: HiGHS's default gap 1e-4, where the LP bound is weakest (the plain MILP always runs at the
#: same gap as ours)
FAMILIES = {
    "30min": {},
    "20min": {"threshold": 20.0},
    "45min": {"threshold": 45.0},
    "10km-population": {
        "threshold": 10.0,
        "speed_kmh": 60.0,
        "detour": 1.0,
        "weights": "population",
    },
    "20km-population": {
        "threshold": 20.0,
        "speed_kmh": 60.0,
        "detour": 1.0,
        "weights": "population",
        "mip_gap": 1e-4,
    },
}


def measure_families(args: argparse.Namespace) -> dict:
    """Every family of :data:`FAMILIES` through :func:`measure` (spopt skipped)."""
    rows = []
    for name, over in FAMILIES.items():
        fam = argparse.Namespace(**{**vars(args), "no_spopt": True, **over})
        res = measure(fam)
        c, p = res["coverage"], res["peers"]
        row = {
            "family": name,
            "settings": over,
            "exact_s": c["exact_s"],
            "exact_runs_s": c["exact_runs_s"],
            "exact_gap": c["exact_gap"],
            "exact_optimal": c["exact_optimal"],
            "exact_objective": c["exact_objective"],
            "mip_gap": fam.mip_gap,
            "heuristic_s": c["heuristic_s"],
            "plain_s": p.get("highs_plain_s"),
            "plain_objective": p.get("highs_plain_objective"),
            "speedup": p.get("speedup_exact_vs_plain"),
            "load_avg_1m": [res["machine"]["load_avg_1m"], res["machine"].get("load_avg_1m_end")],
        }
        rows.append(row)
        if not args.json:
            print(_family_line(row), flush=True)
    return {"families": rows, "machine": {"cpus": os.cpu_count()}}


def _family_line(r: dict) -> str:
    line = (
        f"{r['family']:<16} exact {r['exact_s']:6.2f} s (gap {r['exact_gap']:.2e}, "
        f"optimal={r['exact_optimal']})  heuristic {r['heuristic_s']:5.2f} s"
    )
    if r["plain_s"] is not None:
        line += f"  plain {r['plain_s']:6.2f} s  {r['speedup']:5.1f}x"
    return line + f"  load {r['load_avg_1m'][0]:.1f}"


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
        # the same question to the same precision: the plain MILP at our gap setting
        plain = textbook_mclp(
            problem,
            total=args.total,
            threshold=args.threshold,
            time_limit=args.plain_time_limit,
            mip_gap=args.mip_gap,
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
        out["peers"]["highs_plain_gap_setting"] = args.mip_gap
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


def _instances(spec: str) -> list[int]:
    out: list[int] = []
    for part in spec.split(","):
        if "-" in part:
            lo, hi = part.split("-")
            out += list(range(int(lo), int(hi) + 1))
        elif part.strip():
            out.append(int(part))
    return out


def measure_pmed(args: argparse.Namespace) -> dict:
    """Every OR-Library pmed instance found in ``args.pmed``: our exact median (proven gap) and
    the plain textbook x_ij / y_j MILP in HiGHS, against the published optimum."""
    from planning.optimize import solve
    from planning.optimize.pmed import PMED_OPTIMA, pmed_problem
    from planning.optimize.textbook import textbook_median

    rows = []
    for i in _instances(args.pmed_instances):
        path = Path(args.pmed) / f"pmed{i}.txt"
        if not path.exists():
            continue
        problem, p = pmed_problem(path)
        ours = solve(problem, model="median", total=p, mip_gap=1e-9, fill=False)
        row = {
            "instance": f"pmed{i}",
            "n": problem.n_demand,
            "p": p,
            "optimum": PMED_OPTIMA[i],
            "ours_s": ours.seconds,
            "ours_objective": ours.objective,
            "ours_bound": ours.bound,
            "ours_optimal": ours.optimal,
            "ours_matches_optimum": abs(ours.objective - PMED_OPTIMA[i]) < 1e-6,
        }
        if not args.no_peers:
            plain = textbook_median(problem, total=p, time_limit=args.plain_time_limit)
            row.update(
                plain_s=plain.seconds,
                plain_objective=plain.objective,
                plain_status=plain.status,
                speedup=plain.seconds / ours.seconds,
            )
        rows.append(row)
        if not args.json:
            print(_pmed_line(row), flush=True)
    out: dict = {
        "pmed": rows,
        "machine": {"cpus": os.cpu_count(), "load_avg_1m": os.getloadavg()[0]},
    }
    if rows:
        out["all_proven_at_optimum"] = all(
            r["ours_optimal"] and r["ours_matches_optimum"] for r in rows
        )
        if "speedup" in rows[0]:
            sp = [r["speedup"] for r in rows]
            out["speedup_min"] = min(sp)
            out["speedup_geomean"] = float(np.exp(np.mean(np.log(sp))))
            out["total_s"] = {
                "ours": sum(r["ours_s"] for r in rows),
                "plain": sum(r["plain_s"] for r in rows),
            }
    return out


def _pmed_line(r: dict) -> str:
    line = (
        f"{r['instance']:<7} n={r['n']:<4} p={r['p']:<4} opt {r['optimum']:<6} ours "
        f"{r['ours_objective']:<8g} proven={r['ours_optimal']!s:<5} {r['ours_s']:7.2f} s"
    )
    if "plain_s" in r:
        line += (
            f"  plain {r['plain_objective']:<8g} {r['plain_status']:<12} {r['plain_s']:7.2f} s"
            f"  {r['speedup']:5.1f}x"
        )
    return line


def measure_distance(args: argparse.Namespace) -> dict:
    """National median or center on uncapped minutes: our exact and fast answers, the plain
    textbook MILP (over the pairs closer than each area's nearest existing center), and with
    ``--warm`` a re-solve after a 5% change of the weights, cold and warm-started."""
    from planning.optimize import solve
    from planning.optimize.textbook import textbook_center, textbook_median
    from planning.plan.national import national_instance

    inst = national_instance(threshold=None)
    problem = inst.problem
    kw = {"model": args.model, "total": args.total}
    exact = solve(problem, mip_gap=max(args.mip_gap, 1e-4), **kw)
    fast = solve(problem, exact=False, **kw)
    out: dict = {
        "instance": {
            "model": args.model,
            "demand": problem.n_demand,
            "sites": problem.n_sites,
            "existing": problem.n_fixed,
            "total": args.total,
            "travel": inst.travel,
        },
        "exact": {k: exact.summary()[k] for k in ("objective", "bound", "gap", "optimal",
                                                  "seconds", "method", "notes")},
        "fast": {k: fast.summary()[k] for k in ("objective", "bound", "gap", "optimal",
                                                "seconds", "method")},
        "peers": {},
        "machine": {"cpus": os.cpu_count(), "load_avg_1m": os.getloadavg()[0]},
    }  # fmt: skip
    if not args.no_peers:
        plain_fn = textbook_median if args.model == "median" else textbook_center
        plain = plain_fn(
            problem,
            total=args.total,
            time_limit=args.plain_time_limit,
            mip_gap=max(args.mip_gap, 1e-4),
            pairs_below_fixed=True,
        )
        out["peers"] = {
            "highs_plain_s": plain.seconds,
            "highs_plain_objective": plain.objective,
            "highs_plain_bound": plain.bound,
            "highs_plain_status": plain.status,
            "speedup_exact_vs_plain": plain.seconds / exact.seconds,
            "speedup_fast_vs_plain": plain.seconds / fast.seconds,
        }
    if args.warm:
        rng = np.random.default_rng(0)
        w2 = problem.weights * rng.uniform(0.95, 1.05, problem.n_demand)
        changed = problem.with_(weights=w2)
        cold = solve(changed, exact=False, **kw)
        warm = solve(changed, exact=False, warm_start=fast, **kw)
        out["warm"] = {
            "cold_s": cold.seconds,
            "warm_s": warm.seconds,
            "speedup": cold.seconds / warm.seconds,
            "cold_objective": cold.objective,
            "warm_objective": warm.objective,
        }
    return out


def _distance_table(res: dict) -> str:
    i, e, f, p = res["instance"], res["exact"], res["fast"], res["peers"]
    lines = [
        f"national {i['model']}: {i['demand']} areas, {i['sites']} sites, {i['existing']} "
        f"existing, total {i['total']}, uncapped minutes",
        f"  exact (ours)          {e['seconds']:.2f} s  gap {e['gap']:.4%}  optimal={e['optimal']}"
        f"  method={e['method']}",
        f"  fast (ours)           {f['seconds']:.2f} s  gap to its bound {f['gap']:.4%}",
    ]
    lines += [f"    note: {n}" for n in e["notes"]]
    if p:
        lines.append(
            f"  plain HiGHS textbook  {p['highs_plain_s']:.2f} s  {p['highs_plain_status']}  "
            f"({p['speedup_exact_vs_plain']:.1f}x our exact, {p['speedup_fast_vs_plain']:.1f}x "
            "our fast answer)"
        )
    if "warm" in res:
        w = res["warm"]
        lines.append(
            f"  re-solve after a 5% weight change: cold {w['cold_s']:.2f} s, warm-started "
            f"{w['warm_s']:.2f} s ({w['speedup']:.1f}x)"
        )
    lines.append(f"  machine: {res['machine']}")
    return "\n".join(lines)


def run(args: argparse.Namespace) -> int:
    if args.pmed:
        res = measure_pmed(args)
        if args.json:
            print(json.dumps(res, indent=2, default=str))
        elif res["pmed"]:
            line = f"all proven at the published optimum: {res['all_proven_at_optimum']}"
            if "speedup_min" in res:
                line += (
                    f"; speedup vs plain min {res['speedup_min']:.1f}x, geometric mean "
                    f"{res['speedup_geomean']:.1f}x"
                )
            print(line)
        else:
            print(f"no pmed*.txt files in {args.pmed}")
        return 0
    if args.families:
        res = measure_families(args)
        if args.json:
            print(json.dumps(res, indent=2, default=str))
        return 0
    if args.model != "coverage":
        res = measure_distance(args)
        print(json.dumps(res, indent=2, default=str) if args.json else _distance_table(res))
        return 0
    res = measure(args)
    if args.json:
        print(json.dumps(res, indent=2, default=str))
    else:
        print(_table(res))
    return 0
