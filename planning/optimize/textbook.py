"""The plain textbook MILPs handed straight to HiGHS, for benchmarks only.

Maximal covering (Church & ReVelle 1974):

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


def _pairs(problem: LocationProblem, penalty: float | None, below_fixed: bool):
    """(n sites, live areas, pair site, pair live-area position, pair minutes)."""
    d = problem.dense_minutes(penalty)
    live = np.flatnonzero(problem.weights > 0)
    sub = d[:, live]
    mask = np.isfinite(sub)
    if below_fixed and problem.fixed.any():
        fx = np.flatnonzero(problem.fixed)
        near = fx[np.argmin(sub[fx], axis=0)]
        capv = sub[near, np.arange(len(live))]
        mask &= sub < capv[None, :]
        mask[near, np.arange(len(live))] = True
    jj, ii = np.nonzero(mask)
    return d.shape[0], live, jj, ii, sub[jj, ii]


def _assignment_rows(n: int, m: int, jj: np.ndarray, ii: np.ndarray, extra: int = 0):
    """sum_j x_ij = 1 (m rows) and x_ij - y_j <= 0 (one per pair); columns y, x, extra."""
    k = len(jj)
    N = n + k + extra
    assign = sp.csr_matrix((np.ones(k), (ii, n + np.arange(k))), shape=(m, N))
    link = sp.csr_matrix(
        (np.concatenate([np.ones(k), -np.ones(k)]),
         (np.concatenate([np.arange(k), np.arange(k)]), np.concatenate([n + np.arange(k), jj]))),
        shape=(k, N),
    )  # fmt: skip
    card = sp.csr_matrix((np.ones(n), (np.zeros(n, dtype=np.int64), np.arange(n))), shape=(1, N))
    return assign, link, card


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
    n, live, jj, ii, dv = _pairs(problem, penalty, pairs_below_fixed)
    m, k = len(live), len(jj)
    assign, link, card = _assignment_rows(n, m, jj, ii)
    integer = np.zeros(n + k, dtype=bool)
    integer[:n] = True
    return solve_milp(
        np.concatenate([np.zeros(n), problem.weights[live][ii] * dv]),
        sp.vstack([assign, link, card], format="csr"),
        np.concatenate([np.ones(m), np.full(k, -np.inf), [total]]),
        np.concatenate([np.ones(m), np.zeros(k), [total]]),
        np.concatenate([problem.fixed.astype(float), np.zeros(k)]),
        np.ones(n + k),
        integer,
        time_limit=time_limit,
        mip_gap=mip_gap,
    )


def textbook_center(
    problem: LocationProblem,
    *,
    total: int,
    penalty: float | None = None,
    time_limit: float | None = None,
    mip_gap: float = 1e-6,
    pairs_below_fixed: bool = False,
) -> MilpResult:
    """The plain textbook p-center MILP: as :func:`textbook_median` with the objective min r
    and sum_j d_ij x_ij <= r for every area with weight > 0."""
    n, live, jj, ii, dv = _pairs(problem, penalty, pairs_below_fixed)
    m, k = len(live), len(jj)
    assign, link, card = _assignment_rows(n, m, jj, ii, extra=1)
    N = n + k + 1
    radius = sp.csr_matrix(
        (np.concatenate([dv, -np.ones(m)]),
         (np.concatenate([ii, np.arange(m)]), np.concatenate([n + np.arange(k), np.full(m, N - 1)]))),
        shape=(m, N),
    )  # fmt: skip
    integer = np.zeros(N, dtype=bool)
    integer[:n] = True
    c = np.zeros(N)
    c[-1] = 1.0
    return solve_milp(
        c,
        sp.vstack([assign, link, card, radius], format="csr"),
        np.concatenate([np.ones(m), np.full(k, -np.inf), [total], np.full(m, -np.inf)]),
        np.concatenate([np.ones(m), np.zeros(k), [total], np.zeros(m)]),
        np.concatenate([problem.fixed.astype(float), np.zeros(k), [0.0]]),
        np.concatenate([np.ones(n + k), [np.inf]]),
        integer,
        time_limit=time_limit,
        mip_gap=mip_gap,
    )
