"""The plain textbook maximal covering MILP (Church & ReVelle 1974), for benchmarks only.

x_j binary for every site (existing ones fixed to 1), y_i binary for every demand area,
max sum_i w_i y_i, y_i <= sum_j a_ij x_j, sum_j x_j = total, handed to HiGHS as is (default
options, no reductions, no start)."""

from __future__ import annotations

import numpy as np
import scipy.sparse as sp

from planning.optimize.highs import MilpResult, solve_milp
from planning.optimize.problem import LocationProblem


def textbook_mclp(
    problem: LocationProblem,
    *,
    total: int,
    threshold: float,
    time_limit: float | None = None,
    mip_gap: float = 1e-4,
) -> MilpResult:
    cover = sp.csr_matrix(problem.cover(threshold), dtype=float)  # sites x demand
    n, m = cover.shape
    link = sp.hstack([-cover.T, sp.identity(m, format="csr")], format="csr")
    card = sp.csr_matrix(np.concatenate([np.ones(n), np.zeros(m)]))
    a = sp.vstack([link, card], format="csr")
    lb = np.concatenate([problem.fixed.astype(float), np.zeros(m)])
    return solve_milp(
        np.concatenate([np.zeros(n), problem.weights]),
        a,
        np.concatenate([np.full(m, -np.inf), [total]]),
        np.concatenate([np.zeros(m), [total]]),
        lb,
        np.ones(n + m),
        np.ones(n + m, dtype=bool),
        maximize=True,
        time_limit=time_limit,
        mip_gap=mip_gap,
    )
