"""The real expansion of a window beside the optimum of the same size, from the same start.

Pure functions on a :class:`planning.optimize.LocationProblem` whose ``fixed`` mask is the start
network and whose candidates include the sites of the centres that really opened in the window
(so the real set is one feasible answer of the same problem). :func:`compare` returns one frozen
:class:`Retrospective` with everything a report or an app page needs:

* the coverage model's best choice of the same number of new sites (``planning.optimize.solve``,
  exact, with its proof status and gap);
* KPIs of start, real and optimal networks side by side: index weight, population, recipients and
  unemployed within ``threshold`` minutes, population-weighted average and worst minutes;
* the share of the optimum's gain that the real expansion reached;
* each real centre's own gain (added alone to the start network) and its rank among all
  candidates by that gain;
* the optimum restricted to the 시군구 where the real centres went, with the real number of
  new sites per 시군구 (``same_sigungu``): real → same_sigungu isolates the choice of the site
  within the city, same_sigungu → optimal the choice of the cities.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass, field

import numpy as np
import pandas as pd
import scipy.sparse as sp

from planning.errors import DataError
from planning.i18n import Joined, msg, t
from planning.optimize import LocationProblem, Solution, solve
from planning.optimize.evaluate import evaluate

KPI_INDICATORS = ("population", "recipients", "unemployed")


@dataclass(frozen=True)
class NetworkKpis:
    """One network's KPIs. Shares are fractions (0..1) of the national total within
    ``threshold``; minutes are population-weighted (average) and over populated areas (worst),
    nearest open site, capped at ``minutes_cap`` (the travel table's cutoff) when unreachable."""

    new_centers: int
    covered_weight: float
    covered_share: float
    gain: float
    shares: Mapping[str, float]
    avg_minutes: float
    worst_minutes: float
    minutes_cap: float

    def to_dict(self) -> dict:
        out = {
            "new_centers": self.new_centers,
            "covered_weight": self.covered_weight,
            "covered_share": self.covered_share,
            "gain": self.gain,
            "avg_minutes": self.avg_minutes,
            "worst_minutes": self.worst_minutes,
            "minutes_cap": self.minutes_cap,
        }
        out |= {f"share_{k}": v for k, v in self.shares.items()}
        return {k: v if isinstance(v, int) else _json_number(v) for k, v in out.items()}


@dataclass(frozen=True, eq=False)
class Retrospective:
    """Real vs optimal expansion (see the module docstring). Site tables are DataFrames with
    ``site_index`` and ``site_id``; ``optimal_solution`` / ``same_sigungu_solution`` are the
    optimizer's results (``optimal`` = proven within the gap)."""

    threshold: float
    start: NetworkKpis
    real: NetworkKpis
    optimal: NetworkKpis
    same_sigungu: NetworkKpis | None
    share_of_optimal_gain: float
    real_sites: pd.DataFrame
    optimal_sites: pd.DataFrame
    optimal_solution: Solution
    same_sigungu_solution: Solution | None
    n_candidates: int
    notes: tuple[str, ...] = field(default_factory=tuple)

    @property
    def optimal_is_proven(self) -> bool:
        return bool(self.optimal_solution.optimal)

    def summary(self) -> dict:
        """JSON-ready headline numbers (what ``summary.json`` holds besides the context)."""
        return {
            "threshold": self.threshold,
            "n_candidates": self.n_candidates,
            "start": self.start.to_dict(),
            "real": self.real.to_dict(),
            "optimal": self.optimal.to_dict()
            | {
                "proven_optimal": self.optimal_is_proven,
                "gap": _json_number(self.optimal_solution.gap),
                "bound": _json_number(self.optimal_solution.bound),
                "seconds": round(self.optimal_solution.seconds, 3),
            },
            "same_sigungu": None
            if self.same_sigungu is None
            else self.same_sigungu.to_dict()
            | {"proven_optimal": bool(self.same_sigungu_solution.optimal)},
            "share_of_optimal_gain": _json_number(self.share_of_optimal_gain),
            "real_in_optimal": int(self.real_sites["in_optimal"].sum()),
            "notes": list(self.notes),
        }


def _json_number(v: float) -> float | None:
    v = float(v)
    return v if np.isfinite(v) else None


# -- pieces -------------------------------------------------------------------------------------


def travel_csr(problem: LocationProblem) -> sp.csr_matrix:
    """The problem's sites x areas minutes as CSR with the stored pairs only (a dense matrix keeps
    every finite pair, zero minutes included), as :func:`planning.optimize.evaluate` reads it."""
    key = ("retrospective_csr",)
    if key not in problem._cache:
        minutes = problem.minutes
        if hasattr(minutes, "to_csr"):
            csr = minutes.to_csr().tocsr()
        else:
            m = np.asarray(minutes, dtype=float)
            rows, cols = np.nonzero(np.isfinite(m))
            csr = sp.csr_matrix((m[rows, cols], (rows, cols)), shape=m.shape)
        csr.sort_indices()
        problem._cache[key] = csr
    return problem._cache[key]


def _cap(problem: LocationProblem) -> float:
    cutoff = getattr(problem.minutes, "cutoff", None)
    return float(cutoff) if cutoff is not None else float("inf")


def network_kpis(
    problem: LocationProblem,
    open_mask: np.ndarray,
    threshold: float,
    indicators: Mapping[str, np.ndarray],
    *,
    start_weight: float = 0.0,
) -> NetworkKpis:
    """KPIs of the network ``open_mask`` (see :class:`NetworkKpis`), read from the project's one
    evaluation (:func:`planning.optimize.evaluate.evaluate`)."""
    ev = evaluate(travel_csr(problem), open_mask, threshold)
    w = problem.weights
    covered = float(w[ev.covered].sum())
    shares = {key: ev.covered_share(values) for key, values in indicators.items()}
    cap = _cap(problem)
    pop = np.asarray(indicators.get("population", np.ones(problem.n_demand)), dtype=float)
    unreached = cap if np.isfinite(cap) else None
    worst, _ = ev.worst(pop)
    return NetworkKpis(
        new_centers=int(np.asarray(open_mask).sum() - problem.fixed.sum()),
        covered_weight=covered,
        covered_share=covered / float(w.sum()) if w.sum() > 0 else float("nan"),
        gain=covered - start_weight,
        shares=shares,
        avg_minutes=ev.mean_minutes(pop, unreached=unreached),
        worst_minutes=min(worst, cap),
        minutes_cap=cap,
    )


def own_gains(problem: LocationProblem, threshold: float) -> np.ndarray:
    """Per site: the weight it would newly cover if added alone to the start network
    (``fixed``); ``nan`` for fixed and excluded sites."""
    cover = problem.cover(threshold)
    start = np.asarray(cover[np.flatnonzero(problem.fixed)].sum(axis=0)).ravel() > 0
    uncovered = np.where(start, 0.0, problem.weights)
    gains = np.asarray(cover @ uncovered).ravel().astype(float)
    gains[problem.fixed | problem.excluded] = np.nan
    return gains


def gain_rank(gains: np.ndarray) -> np.ndarray:
    """Rank of each candidate by own gain (1 = largest; ties share the best rank)."""
    return pd.Series(gains).rank(ascending=False, method="min").to_numpy()


def _check_real(problem: LocationProblem, real: np.ndarray) -> np.ndarray:
    real = np.asarray(real, dtype=np.int64)
    problems = []
    if len(real) == 0:
        problems.append(msg("retro.real.none"))
    if len(np.unique(real)) != len(real):
        problems.append(msg("retro.real.twice"))
    if len(real) and (real.min() < 0 or real.max() >= problem.n_sites):
        problems.append(msg("retro.real.range"))
    elif len(real) and (problem.fixed[real].any() or problem.excluded[real].any()):
        problems.append(msg("retro.real.fixed"))
    if problems:
        raise DataError.of("retro.real_unusable", problems=Joined(problems))
    return real


# -- the comparison ------------------------------------------------------------------------------


def compare(
    problem: LocationProblem,
    real: np.ndarray,
    *,
    threshold: float = 30.0,
    indicators: Mapping[str, np.ndarray] | None = None,
    site_sigungu: np.ndarray | None = None,
    exact: bool = True,
    time_limit: float | None = None,
) -> Retrospective:
    """Compare the real new sites ``real`` (site indices) with the coverage optimum of the same
    count from the same start (``problem.fixed``), under the same weights and ``threshold``.

    ``indicators`` (name -> per-area counts) give the KPI shares (population, recipients,
    unemployed); ``site_sigungu`` (per site) enables the optimum restricted to the real centres'
    시군구 with the same number per 시군구.
    """
    real = _check_real(problem, real)
    indicators = dict(indicators or {})
    n_real = len(real)
    total = problem.n_fixed + int(problem.forced.sum()) + n_real
    start_mask = problem.fixed.copy()
    start = network_kpis(problem, start_mask, threshold, indicators)
    real_mask = start_mask.copy()
    real_mask[real] = True
    real_kpis = network_kpis(
        problem, real_mask, threshold, indicators, start_weight=start.covered_weight
    )
    sol = solve(
        problem,
        model="coverage",
        total=total,
        threshold=threshold,
        exact=exact,
        time_limit=time_limit,
    )
    opt_kpis = network_kpis(
        problem, sol.open_mask, threshold, indicators, start_weight=start.covered_weight
    )
    notes: list[str] = []
    if opt_kpis.covered_weight + 1e-9 < real_kpis.covered_weight:
        notes.append(t("retro.note.not_optimal", "en", gap=sol.gap))
    share = (
        real_kpis.gain / opt_kpis.gain if opt_kpis.gain > 0 else float("nan")
    )  # nan: no new site can add anything

    gains = own_gains(problem, threshold)
    ranks = gain_rank(gains)
    candidates = int(np.isfinite(gains).sum())
    opt_new = np.asarray(sol.new_index, dtype=np.int64)
    ids = problem.site_ids
    real_sites = pd.DataFrame(
        {
            "site_index": real,
            "site_id": ids[real],
            "own_gain": gains[real],
            "own_gain_rank": ranks[real].astype(int),
            "in_optimal": np.isin(real, opt_new),
        }
    )
    optimal_sites = pd.DataFrame(
        {
            "site_index": opt_new,
            "site_id": ids[opt_new],
            "rank": np.arange(1, len(opt_new) + 1),
            "own_gain": gains[opt_new],
            "own_gain_rank": ranks[opt_new].astype(int),
            "is_real": np.isin(opt_new, real),
        }
    )
    same = same_sol = None
    if site_sigungu is not None:
        sgg = np.asarray(site_sigungu).astype(str)
        real_sites["sigungu_code"] = sgg[real]
        optimal_sites["sigungu_code"] = sgg[opt_new]
        counts = pd.Series(sgg[real]).value_counts()
        outside = ~np.isin(sgg, counts.index.to_numpy())
        restricted = problem.with_(
            excluded=problem.excluded | (outside & ~problem.fixed), site_region=sgg
        )
        same_sol = solve(
            restricted,
            model="coverage",
            total=total,
            threshold=threshold,
            quotas={str(k): (int(v), int(v)) for k, v in counts.items()},
            exact=exact,
            time_limit=time_limit,
        )
        same = network_kpis(
            problem, same_sol.open_mask, threshold, indicators, start_weight=start.covered_weight
        )
    return Retrospective(
        threshold=float(threshold),
        start=start,
        real=real_kpis,
        optimal=opt_kpis,
        same_sigungu=same,
        share_of_optimal_gain=float(share),
        real_sites=real_sites,
        optimal_sites=optimal_sites,
        optimal_solution=sol,
        same_sigungu_solution=same_sol,
        n_candidates=candidates,
        notes=tuple(notes),
    )
