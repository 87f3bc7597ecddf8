"""Where the new centers go: exact location models with a fast heuristic and a proven bound.

API (plain arrays in, frozen results out)::

    from planning.optimize import LocationProblem, solve, coverage_curve, phased, explain

    problem = LocationProblem(
        weights=w,                 # (n_demand,) demand weight per area (e.g. composite index)
        minutes=table,             # TravelTable (sites x areas) or dense (n_sites, n_demand), inf = unreachable
        fixed=is_existing,         # (n_sites,) existing centers: always open (optional)
        site_ids=ids,              # optional labels; forced / excluded take ids or bool masks
        site_region=sido_codes,    # optional, for quotas
        site_cost=costs,           # optional, for a budget (e.g. converting a 고용센터 vs new build)
        capacity=caps,             # optional, coverage model assigns demand up to capacity
        forced=[...], excluded=[...], demand_ids=area_codes,
    )
    sol = solve(problem, model="coverage", total=100, threshold=30,
                quotas={"11": (1, 5)}, budget=None, exact=True, time_limit=None)
    sol.new_sites, sol.open_sites, sol.objective, sol.bound, sol.gap, sol.optimal, sol.seconds
    sol.sense          # 'max' (coverage: bound is 상한) or 'min' (median/center/min-sites: 하한)
    sol.notes          # what was skipped or stopped, and why (notes_ko in Korean)
    solve(problem2, ..., warm_start=sol)   # re-solve after a small change, from sol's sites

Models: ``coverage`` (max weight within ``threshold``), ``median`` (min Σ weight x minutes;
``penalty=`` minutes for unreachable pairs, e.g. beyond a road-network cutoff), ``center`` (min
of the max minutes over areas with weight > 0), ``min-sites`` (fewest new sites reaching
``target_share`` of the weight within ``threshold``). ``total`` counts all open sites.

``exact=False`` returns the heuristic with its bound: greedy + best-improvement swap, then (coverage)
the LP relaxation by interior point gives the bound and an LP-rounding + swap start (about 0.2-0.5 s
nationally). ``exact=True`` (default) continues with HiGHS warm-started from the heuristic (coverage,
plain case: one core MILP around the LP support, reduced-cost fixing with the LP duals as Lagrange
multipliers, re-reduction, then the proof on what is left; where the LP is degenerate, first a local
search by parts and a Lagrangian decomposition bound, ``decompose``). ``optimal`` means proven within
``mip_gap`` (default 1e-6 relative). Median: sparse greedy + swap and a Lagrangian bound; exact by
Lagrangian phases (bound, swaps from the subproblem's sites, variable fixing on a shrinking
instance), then level generation on the radius formulation of what is left (stops after
``MEDIAN_EXACT_S`` without a time limit, stated in ``notes``). Center: greedy-cover radius search, exact by growing-subset set-cover MILPs.
Infeasible settings raise :class:`planning.errors.InfeasibleScenario` naming the conflict.

Also: ``coverage_curve(problem, total=100, threshold=30)`` -> DataFrame (objective per network
size; ``fast=True``: one nested greedy pass, milliseconds); ``phased(problem, [60, 80, 100], threshold=30)`` -> nested solutions;
``explain(problem, sol, indicators)`` -> DataFrame (rank, newly covered demand per indicator,
nearest existing center, best alternative and its loss); ``planning.plan.national.national_instance``
builds the bundled national instance (it reads data, so it lives in the pipeline, not here).

Modules: problem (inputs/outputs), constraints (scenario checks), reduce (reductions),
heuristics (covering: greedy, swap, Lagrangian), median (p-median on sparse pairs: swap,
Lagrangian, radius formulation with level generation), center (p-center radius search),
distance (dense heuristics: center with quotas or a budget), models (MILP
formulations), highs (HiGHS wrapper), solve, curve, explain, national, textbook (the plain
MILPs, for benchmarks), pmed (OR-Library p-median instances).
"""

from planning.optimize.curve import coverage_curve, phased, stage_table
from planning.optimize.explain import explain
from planning.optimize.problem import MODELS, LocationProblem, Solution
from planning.optimize.solve import solve

__all__ = [
    "MODELS",
    "LocationProblem",
    "Solution",
    "coverage_curve",
    "explain",
    "phased",
    "solve",
    "stage_table",
]
