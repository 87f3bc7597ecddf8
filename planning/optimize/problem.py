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
from planning.i18n import first, msg, t

MODELS = ("coverage", "median", "center", "min-sites")

Quotas = Mapping[Any, tuple[int, int] | Sequence[int]]

#: minutes that stand for 'unreachable' where arithmetic must stay finite
BIG = 1e9


def _as_mask(value: Any, site_ids: np.ndarray, name: str) -> np.ndarray:
    """A bool mask over sites from None, a bool array, or a collection of site ids."""
    n = len(site_ids)
    if value is None:
        return np.zeros(n, dtype=bool)
    arr = np.asarray(value)
    if arr.dtype == bool:
        if arr.shape != (n,):
            got = arr.shape[0] if arr.ndim else 0
            raise DataError.of("problem.mask_count", name=name, got=got, n=n)
        return arr.copy()
    wanted = list(np.atleast_1d(arr))
    index = {sid: i for i, sid in enumerate(site_ids.tolist())}
    missing = [sid for sid in wanted if sid not in index]
    if missing:
        ids = first(list(map(str, missing)), 5, sep=", ")
        raise DataError.of("problem.mask_unknown", what=msg(f"problem.mask.{name}"), ids=ids)
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
            raise DataError.of("problem.weights_1d")
        if not np.all(np.isfinite(w)) or np.any(w < 0):
            raise DataError.of("problem.weights_bad")
        object.__setattr__(self, "weights", w)
        if _is_table(self.minutes):
            n_sites, n_dem = len(self.minutes.site_ids), len(self.minutes.area_ids)
        else:
            m = np.asarray(self.minutes, dtype=float)
            if m.ndim != 2:
                raise TravelError.of("problem.minutes_2d")
            if np.any(np.isnan(m)) or np.any(m < 0):
                raise TravelError.of("problem.minutes_bad")
            object.__setattr__(self, "minutes", m)
            n_sites, n_dem = m.shape
        if n_dem != len(w):
            raise TravelError.of("problem.areas_mismatch", areas=n_dem, weights=len(w))
        fixed = (
            np.zeros(n_sites, dtype=bool)
            if self.fixed is None
            else np.asarray(self.fixed, dtype=bool)
        )
        if fixed.shape != (n_sites,):
            raise DataError.of(
                "problem.mask_count",
                fix_key="problem.fixed_count.fix",
                name="fixed",
                got=fixed.size,
                n=n_sites,
            )
        object.__setattr__(self, "fixed", fixed)
        ids = (
            np.arange(n_sites) if self.site_ids is None else np.asarray(self.site_ids, dtype=object)
        )
        if len(ids) != n_sites:
            raise DataError.of("problem.ids_count", got=len(ids), n=n_sites)
        if len(set(ids.tolist())) != n_sites:
            raise DataError.of("problem.ids_unique")
        object.__setattr__(self, "site_ids", ids)
        for name in ("site_region", "site_cost", "capacity"):
            val = getattr(self, name)
            if val is None:
                continue
            arr = np.asarray(val, dtype=object if name == "site_region" else float)
            if arr.shape != (n_sites,):
                raise DataError.of("problem.per_site", name=name, n=n_sites)
            if name != "site_region" and (not np.all(np.isfinite(arr)) or np.any(arr < 0)):
                raise DataError.of("problem.per_site_bad", name=name)
            object.__setattr__(self, name, arr)
        forced = _as_mask(self.forced, ids, "forced")
        excluded = _as_mask(self.excluded, ids, "excluded")
        object.__setattr__(self, "forced", forced & ~fixed)
        object.__setattr__(self, "excluded", excluded)
        both = forced & excluded
        if both.any():
            listed = first(list(map(str, ids[both].tolist())), 5, sep=", ")
            raise InfeasibleScenario.of("problem.forced_excluded", sites=listed)
        if (excluded & fixed).any():
            listed = first(list(map(str, ids[excluded & fixed].tolist())), 5, sep=", ")
            raise InfeasibleScenario.of("problem.exclude_existing", sites=listed)

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
                    raise TravelError.of(
                        "problem.threshold_cutoff", threshold=threshold, cutoff=cutoff
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
                # a fresh array of the table's (finite) minutes: absent pairs are filled with
                # the penalty at once and the cap applied in place (national, 3,539 x 3,501:
                # 0.24 s and two 100 MB temporaries before)
                fill = np.inf if penalty is None else float(penalty)
                m = np.asarray(self.minutes.dense(fill=fill), dtype=float)
                if penalty is not None:
                    np.minimum(m, penalty, out=m)
            else:
                m = self.minutes
                if penalty is not None:
                    m = np.minimum(np.where(np.isfinite(m), m, penalty), penalty)
            self._cache[key] = m
        return self._cache[key]

    def finite_minutes(self, penalty: float | None = None) -> np.ndarray:
        """:meth:`dense_minutes` with unreachable pairs at ``BIG`` minutes, the form the distance
        models compute with (a finite ``penalty`` leaves nothing unreachable: the same array)."""
        if penalty is not None and np.isfinite(penalty):
            return self.dense_minutes(penalty)
        key = ("finite", penalty)
        if key not in self._cache:
            m = self.dense_minutes(penalty)
            self._cache[key] = np.where(np.isfinite(m), m, BIG)
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

    def bound_label(self, lang: str = "ko") -> str:
        """The bound's name in ``lang`` by the objective's sense: 하한 / lower bound when
        minimising, 상한 / upper bound when maximising (catalog ``res.bound.*``)."""
        return t(f"res.bound.{self.sense}", lang)

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
