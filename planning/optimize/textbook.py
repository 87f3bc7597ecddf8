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


def textbook_median(
    problem: LocationProblem,
    *,
    total: int,
    penalty: float | None = None,
    time_limit: float | None = None,
    mip_gap: float = 1e-6,
    pairs_below_fixed: bool = False,
) -> MilpResult:
    """The plain textbook p-median MILP (ReVelle & Swain 1970): y_j binary per site (existing
    ones fixed to 1), x_ij >= 0 per reachable pair, min sum w_i d_ij x_ij, sum_j x_ij = 1,
    x_ij <= y_j, sum_j y_j = total; handed to HiGHS as is (default options, no start).

    ``pairs_below_fixed``: keep only the pairs closer than an area's nearest existing site plus
    that site (the standard reduction that makes national instances fit in memory)."""
    d = problem.dense_minutes(penalty)
    n, m = d.shape
    w = problem.weights
    live = np.flatnonzero(w > 0)
    sub = d[:, live]
    mask = np.isfinite(sub)
    if pairs_below_fixed and problem.fixed.any():
        fx = np.flatnonzero(problem.fixed)
        near = fx[np.argmin(sub[fx], axis=0)]
        capv = sub[near, np.arange(len(live))]
        mask &= sub < capv[None, :]
        mask[near, np.arange(len(live))] = True
    jj, ii = np.nonzero(mask)
    k = len(jj)
    cost = w[live][ii] * sub[jj, ii]
    # columns: y (n), then x (k)
    assign = sp.csr_matrix((np.ones(k), (ii, n + np.arange(k))), shape=(len(live), n + k))
    link = sp.csr_matrix(
        (np.concatenate([np.ones(k), -np.ones(k)]),
         (np.concatenate([np.arange(k), np.arange(k)]), np.concatenate([n + np.arange(k), jj]))),
        shape=(k, n + k),
    )  # fmt: skip
    card = sp.csr_matrix(np.concatenate([np.ones(n), np.zeros(k)]))
    a = sp.vstack([assign, link, card], format="csr")
    integer = np.zeros(n + k, dtype=bool)
    integer[:n] = True
    return solve_milp(
        np.concatenate([np.zeros(n), cost]),
        a,
        np.concatenate([np.ones(len(live)), np.full(k, -np.inf), [total]]),
        np.concatenate([np.ones(len(live)), np.zeros(k), [total]]),
        np.concatenate([problem.fixed.astype(float), np.zeros(k)]),
        np.ones(n + k),
        integer,
        time_limit=time_limit,
        mip_gap=mip_gap,
    )
