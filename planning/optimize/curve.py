"""Network-size sweeps: the coverage curve and nested phased rollouts."""

from __future__ import annotations

from collections.abc import Sequence
from typing import Any

import numpy as np
import pandas as pd

from planning.errors import InfeasibleScenario
from planning.optimize.problem import LocationProblem, Solution
from planning.optimize.solve import solve


def coverage_curve(
    problem: LocationProblem,
    *,
    total: int,
    start: int | None = None,
    step: int = 1,
    model: str = "coverage",
    exact: bool = True,
    time_limit: float | None = 10.0,
    fast: bool = False,
    **kwargs: Any,
) -> pd.DataFrame:
    """The best objective for every network size from ``start`` (default: the existing count)
    to ``total``. Each size is solved on its own (sizes are not forced to be nested), so the
    curve shows where the returns diminish. Columns: ``total``, ``new``, ``objective``,
    ``bound``, ``gap``, ``optimal``, ``seconds``, ``share`` (objective / total weight for the
    coverage model), ``marginal`` (objective change from the previous size).

    ``fast=True`` (coverage only): one greedy pass instead of a solve per size — nested
    networks, a lower bound on each size's optimum, without bound or gap columns."""
    first = problem.n_fixed + int(problem.forced.sum()) if start is None else int(start)
    if total < first:
        raise InfeasibleScenario.of("curve.sizes", total=int(total), first=first)
    if fast:
        return _greedy_curve(problem, first, int(total), max(int(step), 1), **kwargs)
    rows = []
    for size in range(first, int(total) + 1, max(int(step), 1)):
        sol = solve(problem, model=model, total=size, exact=exact, time_limit=time_limit, **kwargs)
        rows.append(
            {
                "total": size,
                "new": len(sol.new_sites),
                "objective": sol.objective,
                "bound": sol.bound,
                "gap": sol.gap,
                "optimal": sol.optimal,
                "seconds": sol.seconds,
            }
        )
    df = pd.DataFrame(rows)
    if model == "coverage":
        df["share"] = df["objective"] / max(float(problem.weights.sum()), 1e-12)
    df["marginal"] = df["objective"].diff()
    return df


def _greedy_curve(
    problem: LocationProblem,
    first: int,
    total: int,
    step: int,
    *,
    threshold: float = 30.0,
    quotas=None,
    budget: float | None = None,
) -> pd.DataFrame:
    """One greedy pass: covered weight after each added site (nested, a lower bound on the
    best network of each size; milliseconds even nationally)."""
    import time

    from planning.optimize.constraints import side_constraints
    from planning.optimize.heuristics import greedy_cover
    from planning.optimize.reduce import reduce_cover

    t0 = time.perf_counter()
    side = side_constraints(problem, total, quotas, budget)
    inst = reduce_cover(problem.cover(threshold), problem.weights, side)
    order = greedy_cover(inst, side)
    gains = np.zeros(len(order))
    covered = np.zeros(inst.a.shape[1], dtype=bool)
    for r, j in enumerate(order):
        rows = inst.a.indices[inst.a.indptr[j] : inst.a.indptr[j + 1]]
        gains[r] = inst.w[rows[~covered[rows]]].sum()
        covered[rows] = True
    base = problem.n_fixed + int(problem.forced.sum())
    values = inst.const + np.concatenate([[0.0], np.cumsum(gains)])
    sizes = list(range(first, total + 1, step))
    objective = [values[min(max(size - base, 0), len(order))] for size in sizes]
    seconds = time.perf_counter() - t0
    df = pd.DataFrame(
        {
            "total": sizes,
            "new": [
                min(max(size - base, 0), len(order)) + int(problem.forced.sum()) for size in sizes
            ],
            "objective": objective,
            "bound": np.nan,
            "gap": np.nan,
            "optimal": False,
            "seconds": seconds,
        }
    )
    df["share"] = df["objective"] / max(float(problem.weights.sum()), 1e-12)
    df["marginal"] = df["objective"].diff()
    return df


def phased(
    problem: LocationProblem,
    stages: Sequence[int],
    *,
    model: str = "coverage",
    **kwargs: Any,
) -> list[Solution]:
    """Nested rollout: stage k opens up to ``stages[k]`` sites in total and keeps every site of
    the earlier stages (they are forced open). Returns one solution per stage; each stage's
    ``new_sites`` lists all new sites so far, in rank order."""
    sizes = [int(s) for s in stages]
    if any(b < a for a, b in zip(sizes, sizes[1:], strict=False)):
        raise InfeasibleScenario.of("curve.phases", sizes=", ".join(map(str, sizes)))
    out: list[Solution] = []
    forced = problem.forced.copy()
    for size in sizes:
        stage_problem = problem.with_(forced=forced)
        sol = solve(stage_problem, model=model, total=size, **kwargs)
        out.append(sol)
        forced = forced | (sol.open_mask & ~problem.fixed)
    return out


def stage_table(problem: LocationProblem, solutions: Sequence[Solution]) -> pd.DataFrame:
    """One row per site opened in a phased rollout: ``site_id``, ``stage`` (1-based), ``rank``."""
    seen: set = set()
    rows = []
    for k, sol in enumerate(solutions, start=1):
        for r, sid in enumerate(np.asarray(sol.new_sites).tolist(), start=1):
            if sid in seen:
                continue
            seen.add(sid)
            rows.append({"site_id": sid, "stage": k, "rank": r})
    return pd.DataFrame(rows, columns=["site_id", "stage", "rank"])
