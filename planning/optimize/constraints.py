"""Side constraints (total, forced/excluded, quotas, budget): checked, then in solver form.

:func:`side_constraints` raises :class:`InfeasibleScenario` naming the conflict, and returns a
:class:`Side` with what remains to choose once existing and forced sites are open.
"""

from __future__ import annotations

from dataclasses import dataclass

import numpy as np

from planning.errors import DataError, InfeasibleScenario
from planning.optimize.problem import LocationProblem, Quotas


@dataclass(frozen=True)
class Side:
    """What is left to choose. Quota and budget figures already discount the forced sites."""

    open0: np.ndarray  # bool (n_sites,): fixed | forced
    free: np.ndarray  # bool (n_sites,): may be chosen
    slots: int  # new sites that may still be opened
    region: np.ndarray  # int (n_sites,): quota group, -1 = no quota
    qmin: np.ndarray  # int (n_groups,)
    qmax: np.ndarray  # int (n_groups,)
    cost: np.ndarray  # float (n_sites,)
    budget: float  # remaining budget (inf = none)
    group_labels: tuple = ()

    @property
    def has_quotas(self) -> bool:
        return len(self.qmin) > 0

    @property
    def has_budget(self) -> bool:
        return bool(np.isfinite(self.budget))

    @property
    def plain(self) -> bool:
        """Only a cardinality constraint (no quota, no budget)."""
        return not self.has_quotas and not self.has_budget

    def feasible_add(self, count: np.ndarray, spent: float) -> np.ndarray:
        """Mask of free sites that may be added given per-group counts and the budget spent."""
        ok = self.free.copy()
        if self.has_quotas:
            g = self.region
            full = np.zeros(len(ok), dtype=bool)
            has = g >= 0
            full[has] = count[g[has]] >= self.qmax[g[has]]
            ok &= ~full
        if self.has_budget:
            ok &= self.cost <= self.budget - spent + 1e-9
        return ok


def side_constraints(
    problem: LocationProblem,
    total: int | None,
    quotas: Quotas | None = None,
    budget: float | None = None,
) -> Side:
    """Check the scenario and return the remaining choice. ``total`` counts every open site."""
    fixed, forced, excluded = problem.fixed, problem.forced, problem.excluded
    n_fixed, n_forced = int(fixed.sum()), int(forced.sum())
    if total is None:
        total = n_fixed + int((~fixed & ~excluded).sum())
    total = int(total)
    if total < n_fixed:
        raise InfeasibleScenario.of("constraints.total_below_fixed", total=total, fixed=n_fixed)
    if n_fixed + n_forced > total:
        raise InfeasibleScenario.of(
            "constraints.forced_over_total",
            fixed=n_fixed,
            forced=n_forced,
            total=total,
            need=n_fixed + n_forced,
        )
    open0 = fixed | forced
    free = ~open0 & ~excluded
    slots = min(total - n_fixed - n_forced, int(free.sum()))
    cost = (
        np.zeros(problem.n_sites)
        if problem.site_cost is None
        else np.asarray(problem.site_cost, dtype=float)
    )
    # ---- quotas -------------------------------------------------------------------------
    region = np.full(problem.n_sites, -1, dtype=int)
    qmin_l: list[int] = []
    qmax_l: list[int] = []
    labels: list = []
    if quotas:
        if problem.site_region is None:
            raise DataError.of("constraints.no_region")
        site_region = np.asarray(problem.site_region, dtype=object)
        known = set(site_region.tolist())
        for g, (label, bounds) in enumerate(quotas.items()):
            lo, hi = (int(b) if b is not None else None for b in bounds)
            lo = 0 if lo is None else lo
            hi = total if hi is None else hi
            if lo < 0 or hi < lo:
                raise InfeasibleScenario.of("constraints.quota_order", label=label, lo=lo, hi=hi)
            if label not in known:
                raise DataError.of("constraints.quota_region", label=label)
            in_g = site_region == label
            region[in_g] = g
            n_forced_g = int((forced & in_g).sum())
            n_free_g = int((free & in_g).sum())
            if n_forced_g > hi:
                raise InfeasibleScenario.of(
                    "constraints.forced_over_max", label=label, forced=n_forced_g, hi=hi
                )
            if lo > n_forced_g + n_free_g:
                raise InfeasibleScenario.of(
                    "constraints.region_short", label=label, lo=lo, have=n_forced_g + n_free_g
                )
            qmin_l.append(max(0, lo - n_forced_g))
            qmax_l.append(min(hi - n_forced_g, n_free_g))
            labels.append(label)
        need = n_forced + sum(qmin_l)  # new sites the quotas and forced sites require
        outside = 0
        if need + outside > total - n_fixed:
            raise InfeasibleScenario.of(
                "constraints.quotas_over_total",
                need=need + outside,
                room=total - n_fixed,
                total=n_fixed + need + outside,
            )
    qmin = np.asarray(qmin_l, dtype=int)
    qmax = np.asarray(qmax_l, dtype=int)
    # ---- budget -------------------------------------------------------------------------
    remaining = np.inf
    if budget is not None:
        forced_cost = float(cost[forced].sum())
        if forced_cost > budget + 1e-9:
            raise InfeasibleScenario.of("constraints.forced_cost", cost=forced_cost, budget=budget)
        remaining = float(budget) - forced_cost
        if len(qmin):
            cheapest = 0.0
            for g in range(len(qmin)):
                c = np.sort(cost[free & (region == g)])
                cheapest += float(c[: qmin[g]].sum())
            if cheapest > remaining + 1e-9:
                raise InfeasibleScenario.of(
                    "constraints.quota_cost", cost=cheapest + forced_cost, budget=budget
                )
    return Side(
        open0=open0,
        free=free,
        slots=max(slots, 0),
        region=region,
        qmin=qmin,
        qmax=qmax,
        cost=cost,
        budget=remaining,
        group_labels=tuple(labels),
    )
