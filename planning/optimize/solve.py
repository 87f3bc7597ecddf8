"""``solve``: one entry point for every model, heuristic first, exact MILP second.

Pipeline per call: check the scenario (:mod:`constraints`) -> reduce (covering models) -> greedy
+ swap incumbent -> bound (Lagrangian or LP) -> if the gap is not closed and ``exact``, HiGHS MILP
warm-started with the incumbent (and, in the plain case, Lagrangian variable fixing).
"""

from __future__ import annotations

import time
from dataclasses import replace

import numpy as np
import scipy.sparse as sp

from planning.errors import DataError, InfeasibleScenario
from planning.i18n import t
from planning.optimize import decompose as dec
from planning.optimize import distance as dist
from planning.optimize import median as med
from planning.optimize.constraints import Side, side_constraints
from planning.optimize.heuristics import (
    covered_weight,
    greedy_cover,
    lagrangian_fix,
    lagrangian_level,
    swap_cover,
)
from planning.optimize.models import capacity_milp, cover_milp
from planning.optimize.problem import MODELS, LocationProblem, Quotas, Solution, relative_gap
from planning.optimize.reduce import reduce_cover, restrict


def solve(
    problem: LocationProblem,
    *,
    model: str = "coverage",
    total: int | None = None,
    threshold: float | None = 30.0,
    quotas: Quotas | None = None,
    budget: float | None = None,
    exact: bool = True,
    time_limit: float | None = None,
    target_share: float | None = None,
    penalty: float | None = None,
    mip_gap: float = 1e-6,
    reductions: bool = True,
    fill: bool = True,
    warm_start: Solution | None = None,
) -> Solution:
    """Open new sites so that existing + new <= ``total`` and the model's objective is best.

    ``model``: ``coverage`` (max weight within ``threshold`` minutes), ``median`` (min Σ weight x
    minutes; unreachable pairs cost ``penalty`` minutes when given), ``center`` (min of the max
    minutes over areas with weight > 0; ``penalty`` likewise) or ``min-sites`` (fewest new sites
    so that ``target_share`` of the weight is within ``threshold``). ``quotas``: {region: (min,
    max)} new sites per ``site_region``; ``budget``: on Σ ``site_cost`` of new sites.
    ``exact=False`` returns the heuristic with its bound. ``time_limit`` caps the MILP.
    ``fill``: when the optimum needs fewer sites than the total allows (no further site improves
    the objective), open the rest by a secondary criterion so the network reaches the total:
    demand covered a second time (coverage) or weighted minutes (median, center); the objective
    cannot get worse and these sites are ranked last.
    ``warm_start``: a previous :class:`Solution` of the same problem shape (e.g. before a small
    change of weights); its new sites start the local search instead of the greedy pass.
    """
    if model not in MODELS:
        raise DataError.of("solve.model", model=model, models=", ".join(MODELS))
    t0 = time.perf_counter()
    side = side_constraints(problem, total, quotas, budget)
    total_eff = problem.n_fixed + int(problem.forced.sum()) + side.slots
    if model in ("coverage", "min-sites") and (threshold is None or not threshold > 0):
        raise DataError.of("solve.threshold")
    warm = _warm_sites(problem, side, warm_start)
    if model in ("median", "center"):
        threshold = None
    if model == "coverage":
        if problem.capacity is not None:
            out = _capacity(problem, side, threshold, exact, time_limit, mip_gap)
        else:
            out = _coverage(problem, side, threshold, exact, time_limit, mip_gap, reductions, warm)
    elif model == "min-sites":
        if target_share is None or not 0 < target_share <= 1:
            raise DataError.of("solve.target_share")
        out = _min_sites(problem, side, threshold, target_share, exact, time_limit, mip_gap)
    else:
        out = _distance(problem, side, model, penalty, exact, time_limit, mip_gap, warm)
    new_idx, objective, bound, optimal, method, stats = out
    forced_idx = np.flatnonzero(problem.forced)
    new_idx = np.unique(np.concatenate([forced_idx, np.asarray(new_idx, dtype=np.int64)]))
    if fill and model != "min-sites" and problem.capacity is None:
        extra = fill_network(
            problem, side, new_idx, model=model, threshold=threshold, penalty=penalty
        )
        if len(extra):
            stats["filled"] = len(extra)
            new_idx = np.concatenate([new_idx, extra])
            objective = _objective_of(problem, new_idx, model, threshold, penalty)
    new_idx = rank_new_sites(problem, new_idx, model=model, threshold=threshold, penalty=penalty)
    open_mask = problem.fixed.copy()
    open_mask[new_idx] = True
    gap = relative_gap(objective, bound)
    fixed_idx = np.flatnonzero(problem.fixed)
    if warm is not None:
        stats["warm_start"] = True
    notes = tuple(stats.pop("notes", ()))
    wanted = side.slots + len(forced_idx)
    if (
        model != "min-sites"
        and problem.capacity is None
        and len(new_idx) < wanted
        and _room(side, new_idx)
    ):  # fill stopped with room left: no allowed site brings any demand nearer (a road extract)
        stats["short"] = (len(new_idx), wanted)
        notes += (_note("solve.note.short", n=len(new_idx), slots=wanted),)
    return Solution(
        model=model,
        total=int(total if total is not None else total_eff),
        open_mask=open_mask,
        new_sites=problem.site_ids[new_idx],
        open_sites=problem.site_ids[np.concatenate([fixed_idx, new_idx])],
        objective=float(objective),
        bound=float(bound),
        gap=float(gap),
        optimal=bool(optimal or gap <= max(mip_gap, 1e-9)),
        seconds=time.perf_counter() - t0,
        method=method,
        threshold=None if threshold is None else float(threshold),
        penalty=penalty,
        new_index=new_idx,
        stats=stats,
        sense="max" if model == "coverage" else "min",
        notes=tuple(n for n, _ in notes),
        notes_ko=tuple(k for _, k in notes),
    )


def _warm_sites(problem: LocationProblem, side: Side, warm: Solution | None) -> np.ndarray | None:
    """The previous solution's new sites that may still be chosen (site indices), or None."""
    if warm is None:
        return None
    idx = np.asarray(warm.new_index, dtype=np.int64)
    if len(warm.open_mask) != problem.n_sites:
        raise DataError.of("solve.warm_sites", warm=len(warm.open_mask), n=problem.n_sites)
    idx = idx[(idx >= 0) & (idx < problem.n_sites)]
    return idx[side.free[idx]]


# ---- coverage -------------------------------------------------------------------------------
#: HiGHS settings for the coverage LP relaxation. Interior point: simplex solves the LP
#: faster (0.09-0.12 s against 0.19-0.26 s on the national 20/30/45 min models), but its
#: vertex duals fix far fewer candidates and the whole exact solve took 1.1-1.8x as long.
#: Keep crossover: its LP value is the bound (without it, only the duals' Lagrangian bound is).
LP_OPTIONS = {"solver": "ipm"}


#: the plain LP relaxation starts on this many candidates (those covering most weight) and
#: takes in those its duals price in, ``LP_ADD`` at a time (column generation): national
#: 20 min, 0.17 s on all 2,197 candidates, 0.08 s on the 1,000 that already hold its optimum
LP_START = 1000
LP_ADD = 500
#: only with more than this many times ``LP_START`` candidates (a restriction that leaves
#: half the LP out): its duals are another optimal vertex of a degenerate LP, which can fix
#: differently (national 30 min, 1,341 candidates: the exact solve 0.24 s -> 0.63 s)
LP_MIN_SHARE = 2.0


def _relaxation(inst, side: Side):
    """The LP relaxation: (HiGHS result, the LP's value per candidate, the candidates of the
    last LP or None when it had them all). Plain cases with more than :data:`LP_START`
    candidates go by column generation: a candidate j outside the LP prices in when its
    covered duals exceed the cardinality dual, (a_j . lam) - mu > 0; the loop ends when none
    does, so the last LP's duals are those of the whole LP (up to the pricing tolerance; the
    caller bounds by their Lagrangian value, valid for any duals)."""
    n, m = inst.a.shape

    def whole():
        lp, _ = cover_milp(inst, side, relax=True, options=LP_OPTIONS)
        return lp, (lp.x[:n] if lp.x is not None else np.zeros(n)), None

    if not side.plain or n <= LP_MIN_SHARE * LP_START:
        return whole()
    inside = np.zeros(n, dtype=bool)
    inside[np.argsort(-(inst.a @ inst.w), kind="stable")[:LP_START]] = True
    tol = 1e-9 * max(float(inst.w.sum()), 1e-300)
    while True:
        idx = np.flatnonzero(inside)
        a = inst.a[idx]
        sub = replace(inst, a=a, at=sp.csr_matrix(a.T), cols=inst.cols[idx],
                      region=inst.region[idx], cost=inst.cost[idx])  # fmt: skip
        lp, _ = cover_milp(sub, side, relax=True, options=LP_OPTIONS)
        if lp.x is None or lp.row_dual is None:  # no duals to price with: the whole LP
            return whole()
        lam = np.clip(np.abs(lp.row_dual[:m]), 0.0, inst.w)
        rc = inst.a @ lam - abs(float(lp.row_dual[m]))
        rc[inside] = -np.inf
        add = np.flatnonzero(rc > tol)
        if not len(add):
            break
        inside[add[np.argsort(-rc[add], kind="stable")[:LP_ADD]]] = True
    x = np.zeros(n)
    x[idx] = lp.x[: len(idx)]
    return lp, x, idx


def _coverage(problem, side: Side, threshold, exact, time_limit, mip_gap, reductions, warm=None):
    t0 = time.perf_counter()
    inst = reduce_cover(
        problem.cover(threshold), problem.weights, side, dominance=reductions, merge=reductions
    )
    stats = dict(inst.stats)
    stats["reduce_s"] = time.perf_counter() - t0
    t1 = time.perf_counter()
    start = None
    if warm is not None and side.plain:
        pos = {c: i for i, c in enumerate(inst.cols.tolist())}
        start = np.asarray([pos[c] for c in warm.tolist() if c in pos][: side.slots], np.int64)
    chosen = greedy_cover(inst, side, start=start)
    chosen = swap_cover(inst, side, chosen)
    inc = covered_weight(inst, chosen)
    stats["greedy_swap_s"] = time.perf_counter() - t1
    stats["greedy_swap_objective"] = inst.const + inc
    # LP relaxation: the bound, a rounding start, and duals for fixing
    t2 = time.perf_counter()
    n = inst.a.shape[0]
    fix0 = fix1 = lam = None
    mu = 0.0
    if n == 0 or side.slots == 0:
        ub = inc
    else:
        lp, x, priced = _relaxation(inst, side)
        if lp.infeasible or lp.x is None:
            raise _no_choice()
        # an LP over some candidates is a bound only once every other one prices out; the
        # Lagrangian bound of its duals below is one in any case
        ub = lp.objective - inst.const if priced is None else np.inf
        if side.plain:
            k = min(side.slots, n)
            rounded = np.argsort(-x, kind="stable")[:k]
            rounded = swap_cover(inst, side, rounded)
            value = covered_weight(inst, rounded)
            if value > inc:
                chosen, inc = rounded, value
                stats["start"] = "lp-rounding+swap"
            else:
                stats["start"] = "greedy+swap"
            if lp.row_dual is not None:
                lam = np.abs(lp.row_dual[: inst.a.shape[1]])
                mu = float(abs(lp.row_dual[inst.a.shape[1]]))  # the cardinality row
                lag = lagrangian_fix(inst, lam, k, inc)
                ub = min(ub, lag.bound)
                fix0, fix1 = lag.fix0, lag.fix1
                stats["fixed_out"] = int(fix0.sum())
                stats["fixed_in"] = int(fix1.sum())
    stats["bound_s"] = time.perf_counter() - t2
    stats["heuristic_s"] = time.perf_counter() - t1
    stats["heuristic_objective"] = inst.const + inc
    stats["heuristic_bound"] = inst.const + ub
    method = "heuristic"
    total_obj = abs(inst.const + inc)
    optimal = ub - inc <= max(1e-9 * max(1.0, inc), mip_gap * total_obj)
    if exact and not optimal and side.plain and lam is not None and mip_gap < 1e-3 + 1e-12:
        chosen, inc, ub, optimal = _exact_core(
            inst, side, chosen, inc, ub, lam, t0, time_limit, mip_gap, stats, mu=mu
        )
        method = "exact"
    elif exact and not optimal:
        left = None if time_limit is None else max(time_limit - (time.perf_counter() - t0), 0.05)
        res, picked = cover_milp(
            inst, side, start=chosen, fix0=fix0, fix1=fix1, time_limit=left, mip_gap=mip_gap
        )
        stats["milp_s"] = res.seconds
        stats["milp_nodes"] = res.nodes
        stats["milp_status"] = res.status
        if res.infeasible:
            raise _no_choice()
        method = "exact"
        if res.x is not None and res.objective - inst.const >= inc - 1e-9:
            chosen, inc = picked, covered_weight(inst, picked)
        if np.isfinite(res.bound):
            ub = min(ub, res.bound - inst.const)
        optimal = res.optimal
    ub = max(ub, inc)
    return inst.cols[chosen], inst.const + inc, inst.const + ub, optimal, method, stats


#: HiGHS settings for the restricted MILPs: we hand it a strong start and a model we have
#: reduced already; its presolve and sub-MIP heuristics cost more than they save there
#: (national 30 min, the whole 1,341-candidate reduced model: 0.88 s with presolve, 0.27 s
#: without)
CORE_OPTIONS = {"presolve": "off", "mip_heuristic_effort": 0.0}
#: a round's MILP stops once its solution is within this share of the tolerance of the bound
#: already held (after the decomposition bound HiGHS's own bound is weaker than ours: national
#: 20 km population, total 130, the full proof ran into the 120 s limit without it)
STOP_SHARE = 0.99
#: candidates kept by the first guessed-level round of :func:`_exact_core`
CORE_SIZE = 320
#: guessed-level rounds at most before the full proof (each one that fails halves the gap)
CORE_GUESSES = 3
#: after a round, the full proof follows when it keeps at most this factor more candidates
CORE_GROW = 2.0
#: the first guess is skipped when it keeps more than this factor times CORE_SIZE candidates
#: (national 20 km, population weights: 821 of 1,040 have zero reduced cost)
CORE_DEGENERATE = 2.0
#: seconds a guessed-level round may take (a stopped round still gives a valid bound)
CORE_TIME = 2.0


def _solve_restricted(
    inst, side, keep, take, chosen, *, mip_gap, time_limit, options=None, stop_at=None
):
    """MILP over the ``keep`` candidates with ``take`` open, re-reduced; returns the HiGHS
    result, the solution as positions in ``inst`` (or None) and the restricted instance.
    ``stop_at``: covered weight (constant included) at which HiGHS may stop."""
    sub = restrict(inst, keep, take)
    sub_side = replace(side, slots=max(min(side.slots, inst.a.shape[0]) - int(take.sum()), 0))
    pos = {c: i for i, c in enumerate(sub.cols.tolist())}
    start = np.asarray([pos[c] for c in inst.cols[chosen].tolist() if c in pos], dtype=np.int64)
    res, picked = cover_milp(
        sub,
        sub_side,
        start=start,
        time_limit=time_limit,
        mip_gap=mip_gap,
        options=options,
        stop_at=stop_at,
    )
    if res.x is None:
        return res, None, sub
    site_pos = {c: i for i, c in enumerate(inst.cols.tolist())}
    back = np.concatenate(
        [np.flatnonzero(take), [site_pos[c] for c in sub.cols[picked].tolist()]]
    ).astype(np.int64)
    return res, back, sub


def _exact_core(inst, side, chosen, inc, ub, lam, t0, time_limit, mip_gap, stats, *, mu=0.0):
    """Plain cardinality case: a proof by levels.

    For a level v, reduced-cost fixing with the LP duals as Lagrange multipliers keeps only the
    candidates that can be in a solution worth at least v (and opens those every such solution
    needs). The MILP on what is left gives its best value r and its bound B; no solution outside
    it is worth v, so max(B, v) bounds the whole problem: when r >= v - tolerance that is the
    proof, and when the round is solved with r < v the bound falls to v. The first level keeps
    about ``CORE_SIZE`` candidates, later ones halve the gap between incumbent and bound, and
    after ``CORE_GUESSES`` rounds the level is the incumbent itself (the complete proof)."""
    n = inst.a.shape[0]
    slots = min(side.slots, n)

    def left() -> float | None:
        if time_limit is None:
            return None
        return max(time_limit - (time.perf_counter() - t0), 0.05)

    def tol_at(value: float) -> float:
        return max(1e-9 * max(1.0, value), mip_gap * abs(inst.const + value))

    def tol() -> float:
        return tol_at(inc)

    guesses = CORE_GUESSES
    better = None  # (solution, value) the decomposition found, when better than inc
    better_bound = False  # whether the decomposition lowered the bound
    rounds = []
    res = sub = None
    final = False
    while ub - inc > tol():
        level, final = inc, guesses == 0
        if not final and rounds:
            # the full proof when it is hardly larger than the last round, else halve the gap
            kept = int((~lagrangian_fix(inst, lam, slots, inc).fix0).sum())
            final = kept <= CORE_GROW * rounds[-1]["kept"]
            level = inc if final else inc + 0.5 * (ub - inc)
        elif not final:  # -inf when the whole model has at most CORE_SIZE candidates
            level = min(lagrangian_level(inst, lam, slots, CORE_SIZE), ub - tol())
            # many candidates of zero reduced cost (a degenerate LP) keep the guess large:
            # then the guess costs as much as the full proof and is skipped
            kept = int((~lagrangian_fix(inst, lam, slots, level).fix0).sum())
            if level <= inc + tol() or kept > CORE_DEGENERATE * CORE_SIZE:
                level, final = inc, True
        guesses -= 1
        if final and not rounds and "decomposition" not in stats:
            kept = int((~lagrangian_fix(inst, lam, slots, level).fix0).sum())
            if kept > CORE_DEGENERATE * CORE_SIZE:
                # a degenerate LP: the full proof would take all; try the parts first
                d_chosen, d_inc, d_ub = _decomposed(
                    inst, side, chosen, inc, ub, lam, mu, slots, left, tol, stats
                )
                better_bound = d_ub < ub
                ub = d_ub
                if d_inc > inc:
                    better = (d_chosen, d_inc)
                best_chosen, best_inc = better if better is not None else (chosen, inc)
                if ub - best_inc <= tol_at(best_inc):
                    stats["core_rounds"] = rounds
                    return best_chosen, best_inc, ub, True
                # else the full proof as without the parts (same start and level, so HiGHS
                # takes the same path: another start can cost it several times as long,
                # national 20 km population, total 130: 82 s against 21 s), stopping once
                # the better bound and incumbent held now are enough
        lag = lagrangian_fix(inst, lam, slots, level)
        limit = left()
        if not final:
            limit = CORE_TIME if limit is None else min(CORE_TIME, limit)
        # a large full proof that no round has prepared (degenerate LP, incumbent from the
        # heuristics only): HiGHS's presolve and sub-MIP heuristics find better solutions there
        # (20 km, population weights: 25 s instead of 33 s, and a better optimum within the gap)
        big = int((~lag.fix0).sum()) > CORE_DEGENERATE * CORE_SIZE
        res, picked, sub = _solve_restricted(
            inst,
            side,
            ~lag.fix0,
            lag.fix1,
            chosen,
            mip_gap=mip_gap,
            time_limit=limit,
            options=None if final and big and not rounds else CORE_OPTIONS,
            # after the decomposition bound (stronger than HiGHS's own): a solution this good
            # is proven by it
            stop_at=inst.const + ub - STOP_SHARE * tol() if better_bound else None,
        )
        if picked is not None:
            picked = swap_cover(inst, side, picked)  # the round's best, polished on all
            value = covered_weight(inst, picked)
            if value > inc:
                chosen, inc = picked, value
        if better is not None and better[1] > inc:
            chosen, inc = better
        # solutions outside the restricted model are worth less than the level
        if np.isfinite(res.bound):
            ub = min(ub, max(res.bound - inst.const, level))
        rounds.append(
            {
                "level": inst.const + level,
                "guess": not final,
                "kept": int((~lag.fix0).sum()),
                "candidates": int(sub.a.shape[0]),
                "rows": int(sub.a.shape[1]),
                "fixed_in": int(lag.fix1.sum()),
                "objective": inst.const + inc,
                "bound": inst.const + ub,
                "s": res.seconds,
                "nodes": res.nodes,
                "status": res.status,
            }
        )
        if final:
            break
    proven = final and res is not None and res.optimal
    stats["core_rounds"] = rounds
    if res is not None:
        stats["final_candidates"] = int(sub.a.shape[0])
        stats["final_rows"] = int(sub.a.shape[1])
        stats["milp_s"] = sum(r["s"] for r in rounds)
        stats["milp_nodes"] = sum(r["nodes"] for r in rounds)
        stats["milp_status"] = res.status
    return chosen, inc, ub, proven or ub - inc <= tol()


#: candidates per leaf of the bisection tree of :func:`_decomposed`
DECOMP_LEAF = 100
#: local search of :func:`_decomposed`, as (kind, size): ``parts`` re-optimises each of the
#: tree's parts of at most ``size`` candidates, ``pairs`` every two neighbouring ones. First
#: phase, before the bound (national 20 km, population weights: from 4.4 tolerances below the
#: optimum to 0.24 in 0.6 s); second phase only when the bound has not closed the gap (25 km:
#: from 1.1 tolerances below the bound, 1.0 = everything, to 0.7, the proof, in 0.6 s)
DECOMP_LOCAL = (("parts", 300), ("pairs", 200))
DECOMP_LOCAL_MORE = (("pairs", 300),)
#: seconds each local-search MILP may take, and each phase (20 km, total 130: two MILPs of
#: the second phase took 3.7 s each, while most take 0.01-0.2 s)
DECOMP_LOCAL_MILP_TIME = 0.5
DECOMP_LOCAL_TIME = 2.0
#: the decomposition bound's parts hold at most this many candidates (national 20 km,
#: population weights: 300 closes 0.93 of the LP's 2.36 tolerances, 400 closes 1.73, the whole
#: uncut model 2.36 in 16 s)
DECOMP_PARTS = 400
#: the decomposition bound's parts are solved only as far as a bound of incumbent + this
#: share of the tolerance needs
DECOMP_TARGET = 0.9
#: seconds each part's MILP may take (a stopped one still gives a valid bound)
DECOMP_PART_TIME = 8.0


def _hoods(inst, tree, spec) -> list[np.ndarray]:
    """Neighbourhoods (bool masks over the candidates) of the local search, see DECOMP_LOCAL."""
    out: list[np.ndarray] = []
    for kind, size in spec:
        labels = dec.parts_at(tree, size)
        if kind == "parts":
            out += [labels == k for k in range(int(labels.max()) + 1)]
        else:
            out += [(labels == a) | (labels == b) for a, b in dec.neighbour_pairs(inst, labels)]
    return out


def _decomposed(inst, side, chosen, inc, ub, lam, mu, slots, left, tol, stats):
    """Plain case with a degenerate LP: local search over parts of a bisection tree for the
    incumbent, the Lagrangian decomposition bound (:mod:`planning.optimize.decompose`), and
    more local search when the gap is still open. Returns the (possibly) better incumbent and
    bound; both stay valid whatever the parts."""
    t = time.perf_counter()
    tree = dec.bisection_tree(inst, leaf=DECOMP_LEAF)
    info: dict = {"tree_s": time.perf_counter() - t, "local_milps": 0}

    def search(spec) -> None:
        nonlocal chosen, inc
        t1 = time.perf_counter()
        limit = left()
        limit = DECOMP_LOCAL_TIME if limit is None else min(limit, DECOMP_LOCAL_TIME)
        best, solved = dec.local_search(
            inst,
            side,
            chosen,
            _hoods(inst, tree, spec),
            deadline=t1 + limit,
            enough=ub - tol(),
            milp_time=DECOMP_LOCAL_MILP_TIME,
        )
        value = covered_weight(inst, best)
        if value > inc:
            chosen, inc = best, value
        info["local_milps"] += solved
        info["local_s"] = info.get("local_s", 0.0) + time.perf_counter() - t1
        info["local_objective"] = inst.const + inc

    search(DECOMP_LOCAL)
    if ub - inc > tol():
        limit = left()
        bound = dec.decomposition_bound(
            inst,
            dec.parts_at(tree, DECOMP_PARTS),
            lam,
            mu,
            slots,
            start=chosen,
            time_limit=DECOMP_PART_TIME,
            target=inc + DECOMP_TARGET * tol(),
            deadline=None if limit is None else time.perf_counter() + limit,
        )
        ub = min(ub, bound.bound)
        info.update(
            parts=bound.parts,
            cut_rows=bound.cut_rows,
            bound=inst.const + bound.bound,
            bound_s=bound.seconds,
            stopped=bound.stopped,
            levelled=bound.levelled,
        )
    if ub - inc > tol():
        search(DECOMP_LOCAL_MORE)
    stats["decomposition"] = info
    return chosen, inc, ub


def _capacity(problem, side: Side, threshold, exact, time_limit, mip_gap):
    cover = problem.cover(threshold)
    cap = np.asarray(problem.capacity, dtype=float)
    inst = reduce_cover(cover, problem.weights, side, dominance=False, merge=False)
    start = inst.cols[greedy_cover(inst, side)]
    limit = time_limit if exact else min(time_limit or 1.0, 1.0)
    res, chosen, served = capacity_milp(
        cover, problem.weights, cap, side, start=start, time_limit=limit, mip_gap=mip_gap
    )
    if res.infeasible:
        raise _no_choice()
    if res.x is None:
        raise InfeasibleScenario.of("solve.capacity_time", limit=limit)
    stats = {"milp_s": res.seconds, "served_total": float(served.sum()), "capacity": True}
    return chosen, res.objective, res.bound, res.optimal, "exact" if exact else "heuristic", stats


def _no_choice() -> InfeasibleScenario:
    return InfeasibleScenario.of("solve.no_choice")


def _unreachable_target(share: float) -> InfeasibleScenario:
    return InfeasibleScenario.of("solve.unreachable_target", share=share)


# ---- min-sites ------------------------------------------------------------------------------
def _min_sites(problem, side: Side, threshold, share, exact, time_limit, mip_gap):
    inst = reduce_cover(problem.cover(threshold), problem.weights, side)
    target = share * float(problem.weights.sum())
    need = target - inst.const
    stats = dict(inst.stats)
    if need <= 1e-9 * max(1.0, target):
        return (
            np.zeros(0, dtype=np.int64),
            0.0 + problem.forced.sum(),
            float(problem.forced.sum()),
            True,
            "heuristic",
            stats,
        )
    reachable = float(inst.w.sum())
    if reachable < need - 1e-9 * max(1.0, target):
        best = (inst.const + reachable) / max(float(problem.weights.sum()), 1e-12)
        raise InfeasibleScenario.of(
            "solve.best_below_target",
            best=best,
            threshold=threshold,
            share=share,
            most=np.floor(best * 1000) / 10,
        )
    chosen = greedy_cover(inst, side, target=need)
    n_forced = int(problem.forced.sum())
    ok = covered_weight(inst, chosen) >= need - 1e-9 * max(1.0, target)
    lp, _ = cover_milp(inst, side, target=need, relax=True)
    if lp.infeasible:
        raise _unreachable_target(share)
    lb = float(np.ceil(lp.objective - 1e-6)) if lp.x is not None else 0.0
    objective = float(len(chosen)) if ok else np.inf
    method, optimal = "heuristic", ok and objective <= lb
    if exact and not optimal:
        res, picked = cover_milp(
            inst,
            side,
            target=need,
            start=chosen if ok else None,
            time_limit=time_limit,
            mip_gap=mip_gap,
        )
        if res.infeasible:
            raise _unreachable_target(share)
        method = "exact"
        if res.x is not None and len(picked) <= objective:
            chosen, objective = picked, float(len(picked))
        lb = max(lb, float(np.ceil(res.bound - 1e-6)))
        optimal = res.optimal or objective <= lb
        stats["milp_s"] = res.seconds
    if not np.isfinite(objective):
        raise InfeasibleScenario.of("solve.no_solution_time", share=share)
    stats["covered_share"] = (inst.const + covered_weight(inst, chosen)) / float(
        problem.weights.sum()
    )
    return inst.cols[chosen], objective + n_forced, lb + n_forced, optimal, method, stats


# ---- median / center ------------------------------------------------------------------------
def _distance(problem, side: Side, model, penalty, exact, time_limit, mip_gap, warm=None):
    t0 = time.perf_counter()
    if not side.open0.any() and side.slots == 0:
        raise InfeasibleScenario.of("solve.no_open_site", model=model)
    full = problem.dense_minutes(penalty)
    open0 = np.flatnonzero(side.open0)
    cap = full[open0].min(axis=0) if len(open0) else np.full(problem.n_demand, np.inf)
    free = np.flatnonzero(side.free)
    if len(free) and free[-1] - free[0] + 1 == len(free):
        # the free sites are one run (nationally every candidate after the centers): a
        # read-only view of their rows, not a 100 MB copy on every solve
        d = full[free[0] : free[-1] + 1]
        d.flags.writeable = False
    else:
        d = full[free]
    w = problem.weights
    live = w > 0
    reach_any = np.minimum(cap, d.min(axis=0) if len(free) else np.inf)
    unreachable = live & ~np.isfinite(reach_any)
    if unreachable.any():
        ids = problem.demand_ids if problem.demand_ids is not None else np.arange(len(w))
        raise InfeasibleScenario.of(
            "solve.unreachable_areas",
            n=int(unreachable.sum()),
            examples=", ".join(map(str, np.asarray(ids)[unreachable][:3].tolist())),
        )
    region, cost = side.region[free], side.cost[free]
    start = None
    if warm is not None:
        pos = {s: i for i, s in enumerate(free.tolist())}
        cand = np.asarray([pos[s] for s in warm.tolist() if s in pos][: side.slots], np.int64)
        if _side_ok(side, region, cost, cand):
            start = cand
    if model == "median":
        return _median(problem, side, d, w, cap, reach_any, free, region, cost, start, t0,
                       exact, time_limit, mip_gap)  # fmt: skip
    return _center(d, w, cap, reach_any, free, side, region, cost, start, t0, exact, time_limit)


#: seconds of the exact radius search that give the fast answer its lower bound
CENTER_BOUND_S = 1.0


def _center(d, w, cap, reach_any, free, side, region, cost, start, t0, exact, time_limit):
    """p-center: greedy-cover radius search for the incumbent, then the growing-subset exact
    search (to the end, or for CENTER_BOUND_S seconds for the fast answer's bound). Quotas and
    the budget are rows of its set-cover MILPs, and limit which sites stand in for others."""
    from planning.optimize import center as cen

    live = w > 0
    pairs = cen.radius_pairs(d, w, cap)
    lb = float(reach_any[live].max(initial=0.0))  # all-open bound
    ub, chosen = np.inf, np.zeros(0, dtype=np.int64)
    warm = start is not None and cen.meets(side, region, cost, start)
    if warm:
        chosen, ub = start, cen.radius_value(pairs, start)
    # a warm start (e.g. before a small change of weights) is usually still optimal: the exact
    # search decides the radius just below it first instead of running the greedy covers
    got, r = (None, ub) if warm else cen.heuristic(pairs, side, region, cost, lb, ub)
    if got is not None:
        chosen, ub = got, r
    if not np.isfinite(ub):  # no cover within the network size: every site open is the best
        chosen = dist.greedy_distance(d, w, cap, side, region, cost, model="center")
        ub = cen.radius_value(pairs, chosen)
    stats = {"heuristic_objective": ub, "heuristic_s": time.perf_counter() - t0,
             "pairs": int(len(pairs.d))}  # fmt: skip
    t1 = time.perf_counter()
    deadline = t1 + CENTER_BOUND_S
    if exact:
        deadline = None if time_limit is None else t0 + time_limit
    method = "exact" if exact else "heuristic"
    chosen, ub, lb, proven, more = cen.exact(pairs, side, region, cost, chosen, ub, lb,
                                             deadline=deadline, top_first=warm)  # fmt: skip
    stats.update({f"search_{k}": v for k, v in more.items()})
    stats["bound_s"] = time.perf_counter() - t1
    if exact and not (proven or ub <= lb):  # stopped by the time limit
        stats["notes"] = [_stopped(time.perf_counter() - t0, relative_gap(ub, lb))]
    return free[chosen], ub, lb, proven or ub <= lb, method, stats


def _note(key: str, **fmt: object) -> tuple[str, str]:
    """(English, Korean) of a solver note from the catalog."""
    return t(key, "en", **fmt), t(key, "ko", **fmt)


def _stopped(seconds: float, gap: float) -> tuple[str, str]:
    """The note of a proof cut by its time limit."""
    return _note("solve.note.stopped", seconds=f"{seconds:,.0f}", gap=f"{gap:.3%}")


def _room(side: Side, new_idx: np.ndarray) -> bool:
    """Could one more free site join ``new_idx`` within the quotas and the budget?"""
    free = np.flatnonzero(side.free)
    chosen = np.flatnonzero(np.isin(free, new_idx)).tolist()
    return bool(dist._feasible(side, side.region[free], side.cost[free], chosen).any())


def _side_ok(side: Side, region: np.ndarray, cost: np.ndarray, chosen: np.ndarray) -> bool:
    """Do the chosen free sites (positions) meet the quotas and the budget? The minima only
    once every slot is taken (a partial choice may still reach them)."""
    if len(side.qmin):
        g = region[chosen]
        cnt = np.bincount(g[g >= 0], minlength=len(side.qmin))
        if np.any(cnt > side.qmax) or (len(chosen) >= side.slots and np.any(cnt < side.qmin)):
            return False
    return not (side.has_budget and float(cost[chosen].sum()) > side.budget + 1e-9)


#: above this many constraint nonzeros of Elloumi's full radius formulation, counted over the
#: real distinct distance levels, the exact median is not attempted (level generation builds
#: only a small part of it, so this is a guard against pathological sizes, not the usual case)
MEDIAN_MAX_NONZEROS = 60_000_000
_LIMIT = f"{MEDIAN_MAX_NONZEROS:,}"
#: seconds the exact median may take when no time limit is given
MEDIAN_EXACT_S = 120.0
#: seconds the median swap search may take without a time limit
MEDIAN_SWAP_S = 20.0
#: seconds for the Lagrangian bound when no exact model follows
MEDIAN_BOUND_S = 0.4
#: steps without a better bound before the step is halved, for that fast bound
MEDIAN_BOUND_PATIENCE = 5
#: share of the exact median's time the Lagrangian phases may take at most
MEDIAN_LAG_SHARE = 0.25
#: subgradient steps at most for the median's Lagrangian bound (per phase)
MEDIAN_LAG_ITERATIONS = 3000
#: subgradient phases before the exact model, each followed by swaps from its best site set
MEDIAN_LAG_PHASES = 5
#: subgradient steps per phase at most (exact answer)
MEDIAN_LAG_PHASE_ITERATIONS = 400
#: steps without a better Lagrangian bound before the step is halved (exact answer)
MEDIAN_LAG_PATIENCE = 50
#: up to this many nonzeros of the chained radius model over all levels of the reduced
#: instance, every level is kept from the start
MEDIAN_FULL_NONZEROS = 150_000
#: with a network size only and at most this many sites left to choose, the reduced instance
#: is solved by Lagrangian branch-and-bound (median.tree_search) instead of level generation on
#: the radius formulation: with few sites each one forced open changes many assignments and the
#: LP gap is real (OR-Library p = 5, 10: 0.05-1 %); with many, each site matters little, the
#: LP is nearly tight and HiGHS closes it at its root (national median, 54 sites left after
#: fixing: 3.5 s at gap 1e-9; the tree needs 13,600 nodes, 58 s, even at 1e-5)
MEDIAN_TREE_SLOTS = 15
#: Lagrangian phases before the tree search (it fixes sites at every node itself; pmed35, 36, 38,
#: 39: 16.8 s in all with 1 or 2 phases, 18.3 s with 3, 20.7 s with 5)
MEDIAN_TREE_PHASES = 2


def _median(problem, side, d, w, cap, reach_any, free, region, cost, start, t0, exact,
            time_limit, mip_gap):  # fmt: skip
    pairs = med.build_pairs(d, w, cap)
    stats: dict = {"pairs": int(len(pairs.d)), "levels": int(pairs.n_levels.sum())}
    chosen = start if start is not None else med.greedy(pairs, side, region, cost)
    if start is not None and len(chosen) < side.slots:  # fill up greedily from the start
        rest = med.greedy(pairs, replace(side, slots=side.slots), region, cost)
        chosen = np.concatenate([chosen, [j for j in rest if j not in set(chosen.tolist())]])
        chosen = chosen[: side.slots].astype(np.int64)
        if not _side_ok(side, region, cost, chosen):
            chosen = med.greedy(pairs, side, region, cost)
    budget_s = 0.5 * time_limit if time_limit is not None else MEDIAN_SWAP_S
    chosen, local = med.swap(pairs, side, region, cost, chosen, deadline=t0 + budget_s)
    is_open = np.zeros(len(free), dtype=bool)
    is_open[chosen] = True
    obj = med.value(pairs, is_open)
    stats.update(heuristic_objective=obj, heuristic_s=time.perf_counter() - t0,
                 local_optimum=local)  # fmt: skip
    lb = float(w @ np.where(np.isfinite(reach_any), reach_any, dist.BIG))  # all-open bound
    notes: list[tuple[str, str]] = []
    t1 = time.perf_counter()

    # integer weights and minutes (e.g. OR-Library): every objective value is an integer, so a
    # bound may be rounded up and a gap below 1 is closed
    integral = bool(np.all(pairs.w == np.round(pairs.w)) and np.all(pairs.d == np.round(pairs.d))
                    and np.all(pairs.cap == np.round(pairs.cap)))  # fmt: skip

    def closed() -> bool:
        bound = np.ceil(lb - 1e-6) if integral else lb
        return obj <= bound + max(mip_gap * abs(obj), 1e-9 * max(1.0, abs(bound)))

    stop_gap = max(mip_gap, (1 - 1e-6) / max(obj, 1.0)) if integral else mip_gap

    method = "heuristic"
    if not exact:
        if not closed():
            left = MEDIAN_BOUND_S if time_limit is None else max(0.2 * time_limit, 0.2)
            dual = med.lagrangian_dual(pairs, side.slots, obj, deadline=t1 + left,
                                       iterations=MEDIAN_LAG_ITERATIONS, is_open=is_open,
                                       patience=MEDIAN_BOUND_PATIENCE, stop_gap=stop_gap)  # fmt: skip
            stats.update(lagrangian_bound=dual.bound, lagrangian_iterations=dual.iterations)
            lb = max(lb, dual.bound)
        stats["bound_s"] = time.perf_counter() - t1
        stats["notes"] = notes
        if integral:
            lb = max(lb, float(np.ceil(lb - 1e-6)))
        return free[chosen], obj, min(lb, obj), closed(), method, stats
    # Lagrangian phases, each on a smaller instance: the bound and the sites the subproblem
    # picks (improved by swaps: a better incumbent), then fixing (median.reduce): ``cur`` holds
    # every solution of value <= ``level``, so min(bound on cur, level) bounds the whole problem
    cur = med.Reduced(pairs, side, region, cost, np.arange(len(free)), np.zeros(0, np.int64), 0)
    cur_chosen, level, u = chosen, np.inf, None
    limit = MEDIAN_EXACT_S if time_limit is None else time_limit
    lag_end = t0 + MEDIAN_LAG_SHARE * limit
    plain = side.plain
    tree = plain and side.slots <= MEDIAN_TREE_SLOTS
    for _ in range((MEDIAN_TREE_PHASES if tree else MEDIAN_LAG_PHASES) if plain else 1):
        dual = med.lagrangian_dual(
            cur.pairs, cur.side.slots, obj, deadline=lag_end, is_open=None if u is not None
            else np.isin(np.arange(len(cur.keep)), cur_chosen), u0=u,
            iterations=MEDIAN_LAG_PHASE_ITERATIONS if plain else MEDIAN_LAG_ITERATIONS,
            primal_every=10 if plain else 0, patience=MEDIAN_LAG_PATIENCE, stop_gap=stop_gap,
        )  # fmt: skip
        u = dual.u
        stats["lagrangian_iterations"] = stats.get("lagrangian_iterations", 0) + dual.iterations
        lb = max(lb, min(dual.bound, level))
        if closed():
            break
        better = False
        if dual.primal is not None:
            cand, _ = med.swap(cur.pairs, cur.side, cur.region, cur.cost, dual.primal,
                               deadline=time.perf_counter() + MEDIAN_BOUND_S)  # fmt: skip
            op = np.zeros(len(cur.keep), dtype=bool)
            op[cand] = True
            val = med.value(cur.pairs, op)  # = the value of cur.lift(cand) on the whole problem
            if val < obj:
                stats["lagrangian_primal"] = val
                obj, cur_chosen, better = val, cand, True
                if closed():
                    break
        nxt = med.reduce(cur.pairs, cur.side, cur.region, cur.cost, dual, obj)
        inc = np.zeros(len(cur.keep), dtype=bool)
        inc[cur_chosen] = True
        if (
            inc[nxt.opened].all()
            and not (
                inc
                & ~np.isin(np.arange(len(inc)), nxt.keep)
                & ~np.isin(np.arange(len(inc)), nxt.opened)
            ).any()
        ):
            pos = np.full(len(cur.keep), -1, dtype=np.int64)
            pos[nxt.keep] = np.arange(len(nxt.keep))
            cur_chosen = pos[cur_chosen][pos[cur_chosen] >= 0]
            cur = replace(nxt, keep=cur.keep[nxt.keep],
                          opened=np.concatenate([cur.opened, cur.keep[nxt.opened]]),
                          closed=cur.closed + nxt.closed)  # fmt: skip
            level = obj
            better |= nxt.closed + len(nxt.opened) > 0
        if not better or time.perf_counter() > lag_end:
            break  # a phase that neither improved the incumbent nor fixed a site: on to the MILP
    chosen = cur.lift(cur_chosen)
    stats["lagrangian_bound"] = lb
    stats["lagrangian_s"] = time.perf_counter() - t1
    if not closed():
        rp = cur.pairs
        size = int((rp.n_levels[rp.area] - rp.level).sum())  # Elloumi nonzeros, real levels
        stats.update(median_nonzeros=size, fixed_closed=cur.closed, fixed_open=len(cur.opened),
                     reduced_sites=len(cur.keep), reduced_pairs=int(len(rp.d)))  # fmt: skip
        if size <= MEDIAN_MAX_NONZEROS and plain and cur.side.slots <= MEDIAN_TREE_SLOTS:
            # a network size only: Lagrangian branch-and-bound on the reduced instance (small p
            # has a real LP gap, and its nodes are far cheaper than HiGHS's on the radius model)
            method = "exact"
            res = med.tree_search(rp, cur.side, cur.region, cur.cost, cur_chosen,
                                  deadline=t0 + limit, mip_gap=mip_gap, integral=integral,
                                  u0=dual.u, bound0=lb)  # fmt: skip
            stats.update(res.stats)
        elif size <= MEDIAN_MAX_NONZEROS:
            method = "exact"
            # a small reduced instance gets every level at once: one exact MILP, no rounds;
            # a larger one starts from the levels the multipliers price below the area's value
            full = 3 * len(rp.d) <= MEDIAN_FULL_NONZEROS
            kept = np.ones(len(rp.lvl_d), dtype=bool) if full else med.dual_levels(rp, dual)
            stats["radius_full"] = full
            try:
                res = med.solve_radius(rp, cur.side, cur.region, cur.cost, cur_chosen,
                                       deadline=t0 + limit, mip_gap=mip_gap,
                                       kept=kept)  # fmt: skip
            except ValueError as exc:
                raise _no_choice() from exc
            stats.update({f"radius_{k}": v for k, v in res.stats.items()})
        else:
            res = None
            notes.append(_note("solve.note.median_too_large", size=f"{size:,}", limit=_LIMIT))
            stats["note"] = notes[-1][0]
        if res is not None:  # the exact model's answer (tree search or radius MILP)
            if res.objective <= obj:
                chosen, obj = cur.lift(res.chosen), res.objective
            lb = max(lb, min(res.bound, level))
            if not closed():
                spent = time.perf_counter() - t0
                notes.append(_stopped(spent, relative_gap(obj, min(lb, obj))))
    optimal = closed()
    if integral:
        lb = max(lb, float(np.ceil(lb - 1e-6)))
    stats["bound_s"] = time.perf_counter() - t1
    stats["notes"] = notes
    return free[chosen], obj, min(lb, obj), optimal, method, stats


def _objective_of(problem, new_idx, model, threshold, penalty) -> float:
    open_idx = np.concatenate([np.flatnonzero(problem.fixed), new_idx]).astype(np.int64)
    w = problem.weights
    if model == "coverage":
        hit = np.zeros(problem.n_demand, dtype=bool)
        hit[np.unique(problem.cover(threshold)[open_idx].indices)] = True
        return float(w[hit].sum())
    best = problem.finite_minutes(penalty)[open_idx].min(axis=0)
    return float(w @ best) if model == "median" else float(best[w > 0].max(initial=0.0))


# ---- filling the network to its total -------------------------------------------------------
def fill_network(
    problem: LocationProblem,
    side: Side,
    new_idx: np.ndarray,
    *,
    model: str,
    threshold: float | None,
    penalty: float | None,
) -> np.ndarray:
    """Extra free sites (greedy, within quotas and budget) until ``side.slots`` new sites are
    open or no site helps the secondary criterion."""
    free = np.flatnonzero(side.free)
    pos = {s: i for i, s in enumerate(free.tolist())}
    chosen = [pos[s] for s in np.asarray(new_idx).tolist() if s in pos]
    if len(chosen) >= side.slots or len(chosen) >= len(free):
        return np.zeros(0, dtype=np.int64)
    w = problem.weights
    open_idx = np.concatenate([np.flatnonzero(side.open0), free[chosen]]).astype(np.int64)
    region, cost = side.region[free], side.cost[free]
    added: list[int] = []
    d = None
    if model == "coverage":
        cov = sp.csr_matrix(problem.cover(threshold), dtype=float)
        a = cov[free]
        cnt = np.asarray(cov[open_idx].sum(axis=0)).ravel()
    while len(chosen) < side.slots:
        ok = dist._feasible(side, region, cost, chosen)
        if not ok.any():
            break
        score = np.zeros(len(free))
        if model == "coverage":
            score = a @ (w * (cnt == 1))  # demand that would be covered twice
        if not np.where(ok, score, 0.0).max() > 0:  # then: weighted minutes saved
            if d is None:
                d = problem.finite_minutes(penalty)
                now = np.concatenate([open_idx, free[chosen]]).astype(np.int64)
                best = d[now].min(axis=0) if len(now) else np.full(problem.n_demand, dist.BIG)
                # only (free site, area) pairs closer than the area's open site ever score;
                # best only falls, so these pairs stay a superset of the scoring ones
                p_site, p_area = np.nonzero(d[free] < best[None, :])
                p_d = d[free[p_site], p_area]
            gain = w[p_area] * np.maximum(best[p_area] - p_d, 0.0)
            score = np.bincount(p_site, weights=gain, minlength=len(free))
        score = np.where(ok, score, -np.inf)
        j = int(np.argmax(score))
        if not score[j] > 0:
            break
        chosen.append(j)
        added.append(int(free[j]))
        if model == "coverage":
            cnt = cnt + a[j].toarray().ravel()
        if d is not None:
            best = np.minimum(best, d[free[j]])
    return np.asarray(added, dtype=np.int64)


# ---- ranking --------------------------------------------------------------------------------
def rank_new_sites(
    problem: LocationProblem,
    new_idx: np.ndarray,
    *,
    model: str,
    threshold: float | None,
    penalty: float | None = None,
) -> np.ndarray:
    """Order new sites greedily by marginal gain given the existing centers and earlier ranks
    (coverage models: newly covered weight, ties by weighted minutes; others: weighted minutes)."""
    new_idx = np.asarray(new_idx, dtype=np.int64)
    if len(new_idx) <= 1:
        return new_idx
    w = problem.weights
    fixed = np.flatnonzero(problem.fixed)
    if model in ("coverage", "min-sites") and threshold is not None:
        cov = problem.cover(threshold)
        a = cov[new_idx].toarray().astype(bool)
        covered = np.zeros(problem.n_demand, dtype=bool)
        if len(fixed):
            covered[np.unique(cov[fixed].indices)] = True
        order: list[int] = []
        left = list(range(len(new_idx)))
        while left:
            gains = (a[left] & ~covered[None, :]) @ w
            pick = left[int(np.argmax(gains))]
            order.append(pick)
            left.remove(pick)
            covered |= a[pick]
        return new_idx[order]
    full = problem.finite_minutes(penalty)
    best = full[fixed].min(axis=0) if len(fixed) else np.full(problem.n_demand, dist.BIG)
    sub = full[new_idx]
    order = []
    left = list(range(len(new_idx)))
    while left:
        gains = np.maximum(best[None, :] - sub[left], 0) @ w
        pick = left[int(np.argmax(gains))]
        order.append(pick)
        left.remove(pick)
        best = np.minimum(best, sub[pick])
    return new_idx[order]
