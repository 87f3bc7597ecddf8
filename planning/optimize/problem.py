"""The optimizer's input (:class:`LocationProblem`) and output (:class:`Solution`).

A problem is plain arrays: demand weights, a sites x demand travel-time table (dense minutes
with ``inf`` where unreachable, or a :class:`planning.travel.TravelTable`), and per-site flags.
Sites are the existing centers (``fixed``: always open) plus the candidates.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from dataclasses import dataclass, field
from typing import Any

import numpy as np
import scipy.sparse as sp

from planning.errors import DataError, InfeasibleScenario, TravelError

MODELS = ("coverage", "median", "center", "min-sites")

Quotas = Mapping[Any, tuple[int, int] | Sequence[int]]


_MASK_KO = {"forced": "포함 지정", "excluded": "제외"}


def _as_mask(value: Any, site_ids: np.ndarray, name: str) -> np.ndarray:
    """A bool mask over sites from None, a bool array, or a collection of site ids."""
    n = len(site_ids)
    if value is None:
        return np.zeros(n, dtype=bool)
    arr = np.asarray(value)
    if arr.dtype == bool:
        if arr.shape != (n,):
            raise DataError(
                f"`{name}` has {arr.shape[0] if arr.ndim else 0} flags for {n} sites.",
                "Give one True/False per site, or a list of site ids.",
                problem_ko=(
                    f"`{name}` 표시가 {arr.shape[0] if arr.ndim else 0}개인데 후보지는 {n}곳입니다."
                ),
                fix_ko="후보지마다 True/False를 하나씩 주거나, 후보지 번호 목록을 넘겨 주세요.",
            )
        return arr.copy()
    wanted = list(np.atleast_1d(arr))
    index = {sid: i for i, sid in enumerate(site_ids.tolist())}
    missing = [sid for sid in wanted if sid not in index]
    if missing:
        raise DataError(
            f"{name} site ids not among the sites: {', '.join(map(str, missing[:5]))}.",
            "Use ids from the candidates or existing centers.",
            problem_ko=(
                f"{_MASK_KO.get(name, name)} 목록에 후보지에 없는 번호가 있습니다: "
                f"{', '.join(map(str, missing[:5]))}."
            ),
            fix_ko="후보지나 기존 센터의 번호를 써 주세요.",
        )
    mask = np.zeros(n, dtype=bool)
    mask[[index[sid] for sid in wanted]] = True
    return mask


@dataclass(frozen=True, eq=False)
class LocationProblem:
    """Sites x demand location problem.

    ``weights``: demand weight per area (n_demand,). ``minutes``: dense (n_sites, n_demand) float
    array with ``inf`` where unreachable, or a ``TravelTable`` (sites x areas, same order).
    ``fixed``: existing centers, always open (default: none). ``forced`` / ``excluded``: bool masks or site ids.
    ``site_region``: region label per site (e.g. 시도 code) for quotas. ``site_cost``: cost of
    opening each site as a new center (budget). ``capacity``: demand weight a center can serve
    (coverage model only). ``demand_ids`` label the demand areas.
    """

    weights: np.ndarray
    minutes: Any
    fixed: np.ndarray | None = None
    site_ids: np.ndarray | None = None
    site_region: np.ndarray | None = None
    site_cost: np.ndarray | None = None
    capacity: np.ndarray | None = None
    forced: Any = None
    excluded: Any = None
    demand_ids: np.ndarray | None = None
    _cache: dict = field(default_factory=dict, repr=False, compare=False)

    def __post_init__(self) -> None:
        w = np.asarray(self.weights, dtype=float)
        if w.ndim != 1:
            raise DataError(
                "Demand weights must be one number per area.",
                "Pass a 1-D array.",
                problem_ko="수요 가중치는 지역마다 숫자 하나여야 합니다.",
                fix_ko="1차원 배열을 넘겨 주세요.",
            )
        if not np.all(np.isfinite(w)) or np.any(w < 0):
            raise DataError(
                "Demand weights contain missing, infinite or negative values.",
                "Give every area a weight of 0 or more.",
                problem_ko="수요 가중치에 빈 값, 무한대 또는 음수가 있습니다.",
                fix_ko="모든 지역에 0 이상의 가중치를 주세요.",
            )
        object.__setattr__(self, "weights", w)
        if _is_table(self.minutes):
            n_sites, n_dem = len(self.minutes.site_ids), len(self.minutes.area_ids)
        else:
            m = np.asarray(self.minutes, dtype=float)
            if m.ndim != 2:
                raise TravelError(
                    "Travel minutes must be a sites x areas matrix.",
                    "Pass a 2-D array.",
                    problem_ko="이동시간은 후보지 × 지역 행렬이어야 합니다.",
                    fix_ko="2차원 배열을 넘겨 주세요.",
                )
            if np.any(np.isnan(m)) or np.any(m < 0):
                raise TravelError(
                    "Travel minutes contain missing or negative values.",
                    "Use inf for unreachable pairs and non-negative minutes otherwise.",
                    problem_ko="이동시간에 빈 값이나 음수가 있습니다.",
                    fix_ko="갈 수 없는 쌍은 inf로, 나머지는 0 이상의 분으로 적어 주세요.",
                )
            object.__setattr__(self, "minutes", m)
            n_sites, n_dem = m.shape
        if n_dem != len(w):
            raise TravelError(
                f"The travel table has {n_dem} areas but there are {len(w)} demand weights.",
                "Build the travel table over the same demand areas, in the same order.",
                problem_ko=f"이동시간 표의 지역은 {n_dem}곳인데 수요 가중치는 {len(w)}개입니다.",
                fix_ko="같은 수요 지역을 같은 순서로 하여 이동시간 표를 다시 만들어 주세요.",
            )
        fixed = (
            np.zeros(n_sites, dtype=bool)
            if self.fixed is None
            else np.asarray(self.fixed, dtype=bool)
        )
        if fixed.shape != (n_sites,):
            raise DataError(
                f"`fixed` has {fixed.size} flags for {n_sites} sites.",
                "Give one flag per site.",
                problem_ko=f"`fixed` 표시가 {fixed.size}개인데 후보지는 {n_sites}곳입니다.",
                fix_ko="후보지마다 표시를 하나씩 주세요.",
            )
        object.__setattr__(self, "fixed", fixed)
        ids = (
            np.arange(n_sites) if self.site_ids is None else np.asarray(self.site_ids, dtype=object)
        )
        if len(ids) != n_sites:
            raise DataError(
                f"{len(ids)} site ids for {n_sites} sites.",
                "Give one id per site.",
                problem_ko=f"후보지는 {n_sites}곳인데 번호는 {len(ids)}개입니다.",
                fix_ko="후보지마다 번호를 하나씩 주세요.",
            )
        if len(set(ids.tolist())) != n_sites:
            raise DataError(
                "Site ids are not unique.",
                "Give every site its own id.",
                problem_ko="후보지 번호가 겹칩니다.",
                fix_ko="후보지마다 서로 다른 번호를 주세요.",
            )
        object.__setattr__(self, "site_ids", ids)
        for name in ("site_region", "site_cost", "capacity"):
            val = getattr(self, name)
            if val is None:
                continue
            arr = np.asarray(val, dtype=object if name == "site_region" else float)
            if arr.shape != (n_sites,):
                raise DataError(
                    f"`{name}` needs one value per site.",
                    f"Give {n_sites} values.",
                    problem_ko=f"`{name}`에는 후보지마다 값이 하나씩 있어야 합니다.",
                    fix_ko=f"값을 {n_sites}개 넣어 주세요.",
                )
            if name != "site_region" and (not np.all(np.isfinite(arr)) or np.any(arr < 0)):
                raise DataError(
                    f"`{name}` has missing or negative values.",
                    "Use numbers >= 0.",
                    problem_ko=f"`{name}`에 빈 값이나 음수가 있습니다.",
                    fix_ko="0 이상의 숫자를 넣어 주세요.",
                )
            object.__setattr__(self, name, arr)
        forced = _as_mask(self.forced, ids, "forced")
        excluded = _as_mask(self.excluded, ids, "excluded")
        object.__setattr__(self, "forced", forced & ~fixed)
        object.__setattr__(self, "excluded", excluded)
        both = forced & excluded
        if both.any():
            listed = ", ".join(map(str, ids[both][:5].tolist()))
            raise InfeasibleScenario(
                f"Sites are both forced and excluded: {listed}.",
                "Remove them from one of the two lists.",
                problem_ko=f"포함 지정과 제외 목록에 모두 있는 후보지가 있습니다: {listed}.",
                fix_ko="두 목록 중 한 곳에서 빼 주세요.",
            )
        if (excluded & fixed).any():
            listed = ", ".join(map(str, ids[excluded & fixed][:5].tolist()))
            raise InfeasibleScenario(
                f"Existing centers cannot be excluded: {listed}.",
                "Existing centers always stay open; exclude only candidate sites.",
                problem_ko=f"기존 센터는 제외할 수 없습니다: {listed}.",
                fix_ko="기존 센터는 항상 유지됩니다. 신규 후보지만 제외해 주세요.",
            )

    # ---- sizes -------------------------------------------------------------------------
    @property
    def n_sites(self) -> int:
        return len(self.site_ids)

    @property
    def n_demand(self) -> int:
        return len(self.weights)

    @property
    def n_fixed(self) -> int:
        return int(self.fixed.sum())

    def with_(self, **changes: Any) -> LocationProblem:
        """A copy with some fields replaced (the travel table is shared)."""
        fields = {
            k: getattr(self, k)
            for k in [
                "weights",
                "minutes",
                "fixed",
                "site_ids",
                "site_region",
                "site_cost",
                "capacity",
                "forced",
                "excluded",
                "demand_ids",
            ]
        }
        fields.update(changes)
        if "minutes" not in changes:  # travel views depend on the minutes only: share them
            fields["_cache"] = self._cache
        return LocationProblem(**fields)

    # ---- travel views (cached; the problem is immutable) -----------------------------------
    def cover(self, threshold: float) -> sp.csr_matrix:
        """Sites x demand boolean CSR: minutes <= threshold."""
        key = ("cover", float(threshold))
        if key not in self._cache:
            if _is_table(self.minutes):
                cutoff = float(self.minutes.cutoff)
                if threshold > cutoff + 1e-9:
                    raise TravelError(
                        f"The coverage threshold ({threshold:g} min) is above the travel table's "
                        f"cutoff ({cutoff:g} min).",
                        "Rebuild the travel table with a cutoff at least as large as the threshold.",
                        problem_ko=(
                            f"접근성 기준({threshold:g}분)이 이동시간 표의 상한({cutoff:g}분)보다 "
                            "깁니다."
                        ),
                        fix_ko="상한이 기준 이상이 되도록 이동시간 표를 다시 만들어 주세요.",
                    )
                csr = self.minutes.to_csr().tocsr()
                keep = csr.data <= threshold + 1e-9
                mat = sp.csr_matrix(
                    (keep.astype(np.int8), csr.indices, csr.indptr), shape=csr.shape
                )
                mat.eliminate_zeros()
            else:
                mat = sp.csr_matrix((self.minutes <= threshold + 1e-9).astype(np.int8))
            mat.sort_indices()
            self._cache[key] = mat
        return self._cache[key]

    def dense_minutes(self, penalty: float | None = None) -> np.ndarray:
        """Dense sites x demand minutes; unreachable pairs are inf, or ``penalty`` if given."""
        key = ("dense", penalty)
        if key not in self._cache:
            if _is_table(self.minutes):
                m = np.asarray(self.minutes.dense(fill=np.inf), dtype=float)
            else:
                m = self.minutes
            if penalty is not None:
                m = np.minimum(np.where(np.isfinite(m), m, penalty), penalty)
            self._cache[key] = m
        return self._cache[key]

    def nearest_fixed(self, penalty: float | None = None) -> tuple[np.ndarray, np.ndarray]:
        """(site index, minutes) of the nearest existing center per demand area (-1, inf if none)."""
        d = self.dense_minutes(penalty)
        fixed_idx = np.flatnonzero(self.fixed)
        if len(fixed_idx) == 0:
            return np.full(self.n_demand, -1), np.full(self.n_demand, np.inf)
        sub = d[fixed_idx]
        arg = np.argmin(sub, axis=0)
        best = sub[arg, np.arange(self.n_demand)]
        idx = np.where(np.isfinite(best), fixed_idx[arg], -1)
        return idx, best


def _is_table(obj: Any) -> bool:
    return hasattr(obj, "to_csr") and hasattr(obj, "site_ids") and hasattr(obj, "area_ids")


@dataclass(frozen=True, eq=False)
class Solution:
    """An optimizer result.

    ``open_sites``: ids of every open site (existing first, then new in rank order);
    ``new_sites``: ids of the proposed sites in rank order (rank 1 = largest marginal gain given
    the existing network and the sites ranked before it). ``objective`` is in the model's own
    units (covered weight; Σ weight x minutes; max minutes; number of new sites); ``bound`` is
    the best proven bound on it, ``gap`` = |objective - bound| / max(|objective|, 1e-9).
    ``sense``: ``'max'`` (coverage: the bound is an upper bound, 상한) or ``'min'`` (median,
    center, min-sites: a lower bound, 하한). ``threshold`` is None for median and center.
    ``notes``: what the solver did not do and why (e.g. an exact model skipped), in English;
    ``notes_ko`` the same in Korean.
    """

    model: str
    total: int
    open_mask: np.ndarray
    new_sites: np.ndarray
    open_sites: np.ndarray
    objective: float
    bound: float
    gap: float
    optimal: bool
    seconds: float
    method: str
    threshold: float | None = None
    penalty: float | None = None
    new_index: np.ndarray = field(default_factory=lambda: np.zeros(0, dtype=int))
    stats: dict = field(default_factory=dict)
    sense: str = "max"
    notes: tuple[str, ...] = ()
    notes_ko: tuple[str, ...] = ()

    @property
    def bound_label(self) -> str:
        """하한 (lower bound, minimisation) or 상한 (upper bound, maximisation)."""
        return "상한" if self.sense == "max" else "하한"

    @property
    def n_open(self) -> int:
        return int(self.open_mask.sum())

    def summary(self) -> dict:
        """JSON-ready headline numbers."""
        return {
            "model": self.model,
            "total": self.total,
            "open": self.n_open,
            "new": len(self.new_sites),
            "objective": float(self.objective),
            "bound": float(self.bound),
            "gap": float(self.gap),
            "optimal": bool(self.optimal),
            "seconds": float(self.seconds),
            "method": self.method,
            "threshold": self.threshold,
            "penalty": self.penalty,
            "sense": self.sense,
            "notes": list(self.notes),
            "stats": {k: _jsonable(v) for k, v in self.stats.items()},
        }


def _jsonable(v: Any) -> Any:
    if isinstance(v, np.generic):
        return v.item()
    if isinstance(v, dict):
        return {k: _jsonable(x) for k, x in v.items()}
    return v


def relative_gap(objective: float, bound: float) -> float:
    """|objective - bound| / max(|objective|, 1e-9), 0 when both are equal (incl. both inf)."""
    if objective == bound:
        return 0.0
    if not (np.isfinite(objective) and np.isfinite(bound)):
        return float("inf")
    return abs(objective - bound) / max(abs(objective), 1e-9)
