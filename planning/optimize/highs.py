"""A thin, array-in / array-out wrapper around highspy (MILP with an optional MIP start)."""

from __future__ import annotations

import os
import sys
import time
from dataclasses import dataclass, replace

import highspy
import numpy as np
import scipy.sparse as sp


@dataclass(frozen=True)
class MilpResult:
    x: np.ndarray | None
    objective: float
    bound: float
    status: str
    optimal: bool
    infeasible: bool
    seconds: float
    nodes: int
    row_dual: np.ndarray | None = None
    col_dual: np.ndarray | None = None

    def rescaled(self, factor: float) -> MilpResult:
        """The result with objective, bound and duals multiplied by ``factor``."""
        return replace(
            self,
            objective=self.objective * factor,
            bound=self.bound * factor,
            row_dual=None if self.row_dual is None else self.row_dual * factor,
            col_dual=None if self.col_dual is None else self.col_dual * factor,
        )


_BANNER_SHOWN = False


def new_highs() -> highspy.Highs:
    """A silent Highs instance. HiGHS prints a banner to the C-level stdout when its first
    instance is built, which would corrupt ``--json`` output, so that first build runs with
    file descriptor 1 pointed at /dev/null."""
    global _BANNER_SHOWN
    if _BANNER_SHOWN:
        h = highspy.Highs()
    else:
        sys.stdout.flush()
        saved = os.dup(1)
        try:
            with open(os.devnull, "w") as null:
                os.dup2(null.fileno(), 1)
                h = highspy.Highs()
        finally:
            os.dup2(saved, 1)
            os.close(saved)
        _BANNER_SHOWN = True
    h.setOptionValue("output_flag", bool(os.environ.get("PLANNING_HIGHS_LOG")))
    return h


def solve_milp(
    c: np.ndarray,
    a: sp.spmatrix,
    row_lo: np.ndarray,
    row_hi: np.ndarray,
    lb: np.ndarray,
    ub: np.ndarray,
    integer: np.ndarray,
    *,
    maximize: bool = False,
    start: np.ndarray | None = None,
    time_limit: float | None = None,
    mip_gap: float = 1e-6,
    offset: float = 0.0,
    threads: int | None = None,
    solver: str | None = None,
    options: dict | None = None,
) -> MilpResult:
    """Solve ``opt c.x + offset  s.t. row_lo <= a x <= row_hi, lb <= x <= ub``; ``integer`` marks
    integer columns. ``start`` is a full (or NaN-padded partial) MIP start."""
    t0 = time.perf_counter()
    n = len(c)
    a = sp.csc_matrix(a, shape=(len(row_lo), n))
    a.sort_indices()
    lp = highspy.HighsLp()
    lp.num_col_ = n
    lp.num_row_ = a.shape[0]
    lp.col_cost_ = np.asarray(c, dtype=float)
    lp.col_lower_ = np.asarray(lb, dtype=float)
    lp.col_upper_ = np.asarray(ub, dtype=float)
    lp.row_lower_ = np.asarray(row_lo, dtype=float)
    lp.row_upper_ = np.asarray(row_hi, dtype=float)
    lp.offset_ = float(offset)
    lp.sense_ = highspy.ObjSense.kMaximize if maximize else highspy.ObjSense.kMinimize
    lp.a_matrix_.format_ = highspy.MatrixFormat.kColwise
    lp.a_matrix_.start_ = a.indptr.astype(np.int32)
    lp.a_matrix_.index_ = a.indices.astype(np.int32)
    lp.a_matrix_.value_ = a.data.astype(float)
    lp.a_matrix_.num_col_ = n
    lp.a_matrix_.num_row_ = a.shape[0]
    integer = np.asarray(integer, dtype=bool)
    if integer.any():
        lp.integrality_ = [
            highspy.HighsVarType.kInteger if f else highspy.HighsVarType.kContinuous
            for f in integer
        ]
    h = new_highs()
    h.setOptionValue("mip_rel_gap", float(mip_gap))
    if solver:
        h.setOptionValue("solver", solver)
    for key, val in (options or {}).items():
        h.setOptionValue(key, val)
    if threads:
        h.setOptionValue("threads", int(threads))
    if time_limit is not None:
        h.setOptionValue("time_limit", float(max(time_limit, 0.01)))
    h.passModel(lp)
    if start is not None and integer.any():
        start = np.asarray(start, dtype=float)
        known = np.flatnonzero(np.isfinite(start))
        if len(known) == n:
            sol = highspy.HighsSolution()
            sol.col_value = start.tolist()
            sol.value_valid = True
            h.setSolution(sol)
        elif len(known):
            h.setSolution(len(known), known.astype(np.int32), start[known])
    h.run()
    status = h.modelStatusToString(h.getModelStatus())
    info = h.getInfo()
    infeasible = h.getModelStatus() in (
        highspy.HighsModelStatus.kInfeasible,
        highspy.HighsModelStatus.kUnboundedOrInfeasible,
    )
    x = None
    obj = np.nan
    duals = cduals = None
    if info.primal_solution_status == 2 and not infeasible:  # feasible point
        solution = h.getSolution()
        x = np.asarray(solution.col_value, dtype=float)
        obj = float(info.objective_function_value)
        if not integer.any() and solution.dual_valid:
            duals = np.asarray(solution.row_dual, dtype=float)
            cduals = np.asarray(solution.col_dual, dtype=float)
    bound = float(info.mip_dual_bound) if integer.any() else obj
    if h.getModelStatus() == highspy.HighsModelStatus.kObjectiveTarget:
        # stopped at ``objective_target``: HiGHS may have used the target as a cutoff, so its
        # dual bound need not bound the model; report none
        bound = np.nan
    optimal = h.getModelStatus() == highspy.HighsModelStatus.kOptimal
    nodes = int(info.mip_node_count) if integer.any() else 0
    return MilpResult(
        x=x,
        objective=obj,
        bound=bound,
        status=status,
        optimal=optimal,
        infeasible=infeasible,
        seconds=time.perf_counter() - t0,
        nodes=nodes,
        row_dual=duals,
        col_dual=cduals,
    )
