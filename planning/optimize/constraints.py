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
        raise InfeasibleScenario(
            f"The target total ({total}) is below the number of existing centers ({n_fixed}).",
            f"Set the total to at least {n_fixed}; existing centers always stay open.",
            problem_ko=f"목표 센터 수({total})가 기존 센터 수({n_fixed})보다 적습니다.",
            fix_ko=(f"목표 센터 수를 {n_fixed} 이상으로 정해 주세요. 기존 센터는 항상 유지됩니다."),
        )
    if n_fixed + n_forced > total:
        raise InfeasibleScenario(
            f"{n_fixed} existing plus {n_forced} forced sites exceed the total of {total}.",
            f"Raise the total to at least {n_fixed + n_forced} or force fewer sites.",
            problem_ko=(
                f"기존 센터 {n_fixed}곳과 지정 후보지 {n_forced}곳을 더하면 목표 센터 수 "
                f"{total}을(를) 넘습니다."
            ),
            fix_ko=(
                f"목표 센터 수를 {n_fixed + n_forced} 이상으로 올리거나 지정 후보지를 줄여 주세요."
            ),
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
            raise DataError(
                "Quotas per region were given but the sites have no region.",
                "Pass site_region (e.g. the 시도 code of each site) in the problem.",
                problem_ko="지역별 최소·최대 개수를 정했지만 후보지에 지역 정보가 없습니다.",
                fix_ko="문제에 site_region(예: 후보지마다 시도 코드)을 넣어 주세요.",
            )
        site_region = np.asarray(problem.site_region, dtype=object)
        known = set(site_region.tolist())
        for g, (label, bounds) in enumerate(quotas.items()):
            lo, hi = (int(b) if b is not None else None for b in bounds)
            lo = 0 if lo is None else lo
            hi = total if hi is None else hi
            if lo < 0 or hi < lo:
                raise InfeasibleScenario(
                    f"The quota for region {label} is min {lo} > max {hi}.",
                    "Use 0 <= min <= max.",
                    problem_ko=f"지역 {label}의 최소 개수 {lo}이(가) 최대 개수 {hi}보다 큽니다.",
                    fix_ko="0 ≤ 최소 ≤ 최대가 되도록 정해 주세요.",
                )
            if label not in known:
                raise DataError(
                    f"Quota region {label!r} matches no site.",
                    "Use region labels from site_region (e.g. 2-digit 시도 codes).",
                    problem_ko=f"개수를 정한 지역 ‘{label}’에 해당하는 후보지가 없습니다.",
                    fix_ko="site_region에 있는 지역 값(예: 두 자리 시도 코드)을 써 주세요.",
                )
            in_g = site_region == label
            region[in_g] = g
            n_forced_g = int((forced & in_g).sum())
            n_free_g = int((free & in_g).sum())
            if n_forced_g > hi:
                raise InfeasibleScenario(
                    f"{n_forced_g} forced sites lie in region {label}, above its maximum of {hi}.",
                    f"Raise the maximum for {label} or force fewer sites there.",
                    problem_ko=(
                        f"지역 {label}에 지정 후보지가 {n_forced_g}곳 있어 최대 개수 {hi}을(를) "
                        "넘습니다."
                    ),
                    fix_ko=f"지역 {label}의 최대 개수를 올리거나 그 지역의 지정 후보지를 줄여 주세요.",
                )
            if lo > n_forced_g + n_free_g:
                raise InfeasibleScenario(
                    f"Region {label} needs at least {lo} new centers but has only "
                    f"{n_forced_g + n_free_g} candidate sites.",
                    f"Lower its minimum to {n_forced_g + n_free_g} or add candidates there.",
                    problem_ko=(
                        f"지역 {label}에는 신규 센터가 최소 {lo}곳 필요하지만 후보지는 "
                        f"{n_forced_g + n_free_g}곳뿐입니다."
                    ),
                    fix_ko=(
                        f"최소 개수를 {n_forced_g + n_free_g} 이하로 낮추거나 그 지역에 후보지를 "
                        "추가해 주세요."
                    ),
                )
            qmin_l.append(max(0, lo - n_forced_g))
            qmax_l.append(min(hi - n_forced_g, n_free_g))
            labels.append(label)
        need = n_forced + sum(qmin_l)  # new sites the quotas and forced sites require
        outside = 0
        if need + outside > total - n_fixed:
            raise InfeasibleScenario(
                f"The minimum quotas (plus forced sites) need {need + outside} new centers but "
                f"the total allows only {total - n_fixed}.",
                f"Raise the total to at least {n_fixed + need + outside} or lower the minimums.",
                problem_ko=(
                    f"지역별 최소 개수(지정 후보지 포함)를 채우려면 신규 센터가 {need + outside}곳 "
                    f"필요하지만 목표 센터 수로는 {total - n_fixed}곳만 열 수 있습니다."
                ),
                fix_ko=(
                    f"목표 센터 수를 {n_fixed + need + outside} 이상으로 올리거나 최소 개수를 "
                    "낮춰 주세요."
                ),
            )
    qmin = np.asarray(qmin_l, dtype=int)
    qmax = np.asarray(qmax_l, dtype=int)
    # ---- budget -------------------------------------------------------------------------
    remaining = np.inf
    if budget is not None:
        forced_cost = float(cost[forced].sum())
        if forced_cost > budget + 1e-9:
            raise InfeasibleScenario(
                f"The forced sites cost {forced_cost:g}, above the budget of {budget:g}.",
                f"Raise the budget to at least {forced_cost:g} or force fewer sites.",
                problem_ko=f"지정 후보지 비용 {forced_cost:g}이(가) 예산 {budget:g}을(를) 넘습니다.",
                fix_ko=f"예산을 {forced_cost:g} 이상으로 올리거나 지정 후보지를 줄여 주세요.",
            )
        remaining = float(budget) - forced_cost
        if len(qmin):
            cheapest = 0.0
            for g in range(len(qmin)):
                c = np.sort(cost[free & (region == g)])
                cheapest += float(c[: qmin[g]].sum())
            if cheapest > remaining + 1e-9:
                raise InfeasibleScenario(
                    f"Meeting the minimum quotas costs at least {cheapest + forced_cost:g}, "
                    f"above the budget of {budget:g}.",
                    "Raise the budget or lower the minimum quotas.",
                    problem_ko=(
                        f"지역별 최소 개수를 채우는 데 드는 비용이 최소 {cheapest + forced_cost:g}"
                        f"(으)로, 예산 {budget:g}을(를) 넘습니다."
                    ),
                    fix_ko="예산을 올리거나 지역별 최소 개수를 낮춰 주세요.",
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
