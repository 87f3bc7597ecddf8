"""Why each proposed site was picked: one row per new site, in rank order.

Columns: ``rank``, ``site_id``; ``new_<indicator>``: demand within the threshold that this site
newly covers (not covered by an existing center nor by a higher-ranked new site; the ranks add
up to the network's gain), ``nearest_existing`` and ``minutes_to_existing`` (the time from the
existing center to the site's own area, i.e. the demand area closest to the site; pass
``site_minutes(from_idx, to_idx)`` for true site-to-site minutes, as the national instance and
the CLI do), ``best_alternative`` (the unopened, non-excluded candidate that would do best in this site's
place, all other sites unchanged, under the same region quotas; none for a forced site), ``alternative_objective`` and ``alternative_loss`` (how much
worse the objective would be with the alternative: covered weight lost for coverage models,
extra weighted minutes for median, extra minutes for center), and ``explanation``: one sentence
(``lang="ko"`` or ``"en"``) for the app and reports.
"""

from __future__ import annotations

from collections.abc import Callable, Collection, Sequence

import numpy as np
import pandas as pd
import scipy.sparse as sp

from planning.i18n import Joined, Msg, msg, t
from planning.optimize import distance as dist
from planning.optimize.problem import LocationProblem, Solution


def _indicator_matrix(problem: LocationProblem, indicators: pd.DataFrame | None) -> pd.DataFrame:
    cols = {"weight": problem.weights}
    if indicators is not None:
        if len(indicators) != problem.n_demand:
            if problem.demand_ids is not None:
                indicators = indicators.reindex(pd.Index(problem.demand_ids))
            else:
                raise ValueError("indicators need one row per demand area")
        for c in indicators.columns:
            vals = pd.to_numeric(indicators[c], errors="coerce").to_numpy(dtype=float)
            cols[str(c)] = np.nan_to_num(vals, nan=0.0)
    return pd.DataFrame(cols)


def explain(
    problem: LocationProblem,
    solution: Solution,
    indicators: pd.DataFrame | None = None,
    *,
    threshold: float | None = None,
    site_minutes: Callable[[np.ndarray, np.ndarray], np.ndarray] | None = None,
    lang: str = "ko",
    order: Sequence[object] | None = None,
    quotas: dict | None = None,
    langs: Sequence[str] = (),
    earlier: Collection[object] = (),
) -> pd.DataFrame:
    """Explanation table for ``solution`` (see module docstring). ``indicators``: demand
    indicators (one row per demand area, in order or indexed by ``demand_ids``). ``order``: the
    new sites' ids in the caller's rank order (e.g. phase by phase), so that ranks, newly covered
    demand and sentences match the caller's table; default: ``solution.new_sites``. ``quotas``:
    the solve's {region: (min, max)} new sites, so that an alternative keeps them. ``langs``:
    more languages to write the sentences in, as columns ``explanation_<lang>`` (a result shown
    in both languages is explained once). ``earlier``: the ids of sites an earlier phase of a
    phased plan opened (a better swap for the final network is then the phases' price, not a
    weak answer)."""
    new_idx = np.asarray(solution.new_index, dtype=np.int64)
    if order is not None:
        new_idx = _reorder(problem, new_idx, order)
    threshold = solution.threshold if threshold is None else threshold
    ind = _indicator_matrix(problem, indicators)
    rows: dict[str, list] = {
        "rank": list(range(1, len(new_idx) + 1)),
        "site_id": problem.site_ids[new_idx].tolist(),
    }
    if threshold is not None:
        cov = problem.cover(threshold)
        fixed = np.flatnonzero(problem.fixed)
        covered = np.zeros(problem.n_demand, dtype=bool)
        if len(fixed):
            covered[np.unique(cov[fixed].indices)] = True
        vals = ind.to_numpy()
        gains = []
        for j in new_idx:
            hit = np.zeros(problem.n_demand, dtype=bool)
            hit[cov[j].indices] = True
            newly = hit & ~covered
            gains.append(vals[newly].sum(axis=0))
            covered |= hit
        gains = np.asarray(gains).reshape(len(new_idx), vals.shape[1])
        for c, name in enumerate(ind.columns):
            rows[f"new_{name}"] = gains[:, c].tolist()
    # nearest existing center: site-to-site minutes when given, else the minutes from each
    # existing center to the site's own (closest) demand area (inf beyond the table cutoff)
    fixed = np.flatnonzero(problem.fixed)
    if len(fixed):
        if site_minutes is not None:
            sub = np.asarray(site_minutes(fixed, new_idx), dtype=float)
            sub = sub.reshape(len(fixed), len(new_idx))
        else:
            rows_new = _site_rows(problem, new_idx, solution.penalty)
            home = np.argmin(rows_new, axis=1) if len(new_idx) else np.zeros(0, int)
            sub = _site_rows(problem, fixed, solution.penalty)[:, home]
        arg = np.argmin(sub, axis=0)
        mins = sub[arg, np.arange(len(new_idx))]
        rows["nearest_existing"] = [
            problem.site_ids[fixed[a]] if np.isfinite(m) else None
            for a, m in zip(arg, mins, strict=True)
        ]
        rows["minutes_to_existing"] = [float(m) for m in mins]
    alt, alt_obj = _alternatives(problem, solution, new_idx, threshold, quotas)
    rows["best_alternative"] = [problem.site_ids[k] if k >= 0 else None for k in alt]
    rows["alternative_objective"] = alt_obj.tolist()
    if solution.model in ("coverage", "min-sites"):
        loss = solution_value(problem, solution, threshold) - alt_obj
    else:
        loss = alt_obj - solution_value(problem, solution, threshold)
    rows["alternative_loss"] = loss.tolist()
    table = pd.DataFrame(rows)
    table["locked"] = np.asarray(problem.forced, dtype=bool)[new_idx].tolist()
    table["demand_total"] = float(problem.weights.sum())
    kept = {str(x) for x in earlier}
    table["earlier_phase"] = [str(x) in kept for x in table["site_id"]]
    table["proven"] = bool(solution.optimal)
    cutoff = getattr(problem.minutes, "cutoff", None)
    table["explanation"] = [_sentence(r, solution.model, lang, cutoff) for _, r in table.iterrows()]
    for other in langs:
        table[f"explanation_{other}"] = [
            _sentence(r, solution.model, other, cutoff) for _, r in table.iterrows()
        ]
    return table.drop(columns=["demand_total", "earlier_phase", "proven"])


def _site_rows(problem: LocationProblem, idx: np.ndarray, penalty: float | None) -> np.ndarray:
    """Dense minutes of the sites ``idx`` only (inf where unreachable, or ``penalty``): a few
    rows, never the whole sites x demand matrix (12 M cells nationally)."""
    idx = np.asarray(idx, dtype=np.int64)
    m = problem.minutes
    if hasattr(m, "site_idx"):  # a TravelTable: long-form pairs
        pos = np.full(problem.n_sites, -1, dtype=np.int64)
        pos[idx] = np.arange(len(idx))
        row = pos[m.site_idx]
        sel = row >= 0
        out = np.full((len(idx), problem.n_demand), np.inf)
        out[row[sel], m.area_idx[sel]] = m.minutes[sel]
    else:
        out = np.asarray(m, dtype=float)[idx]
    if penalty is not None:
        out = np.minimum(np.where(np.isfinite(out), out, penalty), penalty)
    return out


def _reorder(problem: LocationProblem, new_idx: np.ndarray, order: Sequence[object]) -> np.ndarray:
    """``new_idx`` rearranged to follow ``order`` (site ids); it must list the same sites."""
    pos = {str(problem.site_ids[j]): int(j) for j in new_idx}
    ids = [str(i) for i in order]
    if len(ids) != len(pos) or set(ids) != set(pos):
        raise ValueError("order must list exactly the solution's new sites")
    return np.asarray([pos[i] for i in ids], dtype=np.int64)


#: the indicators a sentence names (explain.part.<key>), in this order
_PARTS = ("population", "recipients", "unemployed")


def _gains(row: pd.Series) -> Msg:
    """What the site newly covers ("newly covers population 1,234, recipients 56", or "covers
    no new demand") from the row's ``new_<indicator>`` values, in both languages."""
    parts = [
        msg(f"explain.part.{k}", n=float(row[f"new_{k}"]))
        for k in _PARTS
        if f"new_{k}" in row and pd.notna(row[f"new_{k}"]) and row[f"new_{k}"] > 0
    ]
    return msg("explain.new", parts=Joined(parts, sep=", ")) if parts else msg("explain.no_new")


def _sentence(row: pd.Series, model: str, lang: str, cutoff: float | None = None) -> str:
    """One plain sentence per site: what it newly covers, how far the network was, and the
    runner-up in the objective's own unit (%p of demand, minutes)."""
    text = t("explain.rank", lang, rank=int(row["rank"]), text=_gains(row))
    mins = row.get("minutes_to_existing")
    if mins is not None and pd.notna(mins):
        if np.isfinite(mins):
            text += t("explain.nearest", lang, center=row["nearest_existing"], minutes=mins)
        elif cutoff is not None and np.isfinite(cutoff):
            text += t("explain.none_within", lang, cutoff=cutoff)
        else:
            text += t("explain.none_reachable", lang)
    if bool(row.get("locked", False)):
        return text + t("explain.locked", lang)
    alt = row.get("best_alternative")
    if alt is not None and pd.notna(alt):
        loss = float(row["alternative_loss"])
        total = float(row.get("demand_total", 0.0)) or 1.0
        unit = "pp" if model in ("coverage", "min-sites") else "minutes"
        if unit == "pp":
            value = 100 * abs(loss) / total
            what, kind = msg("explain.what.coverage"), "coverage"
        else:
            value = abs(loss) / total if model == "median" else abs(loss)
            what, kind = msg(f"explain.what.{model}"), "time"
        # a loss that rounds to 0.00 reads "0.01%p 미만", not "0.00%p 줄어듦"
        amount = msg(f"explain.{unit}" if value >= 0.005 else f"explain.{unit}_below", value=value)
        fmt = {"alt": alt, "what": what, "amount": amount}
        if loss > 0:
            text += t("explain.next_best", lang, change=msg(f"explain.worse.{kind}"), **fmt)
        elif loss == 0:
            text += t("explain.same", lang, alt=alt)
        else:  # why the plan keeps this site all the same
            why = (
                "explain.better_alt_phase"
                if bool(row.get("earlier_phase", False))
                else "explain.better_alt_gap"
                if bool(row.get("proven", False))
                else "explain.better_alt"
            )
            text += t(why, lang, change=msg(f"explain.better.{kind}"), **fmt)
    return text


def solution_value(problem: LocationProblem, solution: Solution, threshold: float | None) -> float:
    """The model objective of the open set, recomputed (covered weight for covering models)."""
    open_idx = np.flatnonzero(solution.open_mask)
    if solution.model in ("coverage", "min-sites"):
        hit = np.zeros(problem.n_demand, dtype=bool)
        hit[np.unique(problem.cover(threshold)[open_idx].indices)] = True
        return float(problem.weights[hit].sum())
    best = problem.finite_minutes(solution.penalty)[open_idx].min(axis=0)
    if solution.model == "median":
        return float(problem.weights @ best)
    live = problem.weights > 0
    return float(best[live].max(initial=0.0))


def _allowed(problem: LocationProblem, solution: Solution, new_idx, pool, quotas) -> np.ndarray:
    """(new site x pool) mask of the swaps that keep the region quotas: dropping a site from a
    region at its minimum needs a replacement in that region; a region at its maximum takes
    none. Forced sites have no alternative."""
    ok = np.ones((len(new_idx), len(pool)), dtype=bool)
    ok[np.asarray(problem.forced, dtype=bool)[new_idx]] = False
    if not quotas or problem.site_region is None:
        return ok
    region = np.asarray(problem.site_region, dtype=object)
    new_open = solution.open_mask & ~problem.fixed
    count = pd.Series(region[new_open]).value_counts().to_dict()
    pool_region = region[pool]
    for r, j in enumerate(new_idx):
        rj = region[j]
        lo, _ = quotas.get(rj, (0, None))
        if count.get(rj, 0) - 1 < (lo or 0):
            ok[r] &= pool_region == rj
        for reg, (_, hi) in quotas.items():
            if hi is not None and reg != rj and count.get(reg, 0) + 1 > hi:
                ok[r] &= pool_region != reg
    return ok


def _two_nearest(d: np.ndarray, open_idx: np.ndarray) -> tuple[np.ndarray, ...]:
    """Per area: the nearest open site (an index of ``d``'s rows), its minutes and the minutes
    of the second-nearest (:data:`dist.BIG` when fewer than two are open)."""
    n = d.shape[1]
    if len(open_idx) == 0:
        return np.full(n, -1), np.full(n, dist.BIG), np.full(n, dist.BIG)
    sub = d[open_idx]
    k = np.argmin(sub, axis=0)
    cols = np.arange(n)
    best = sub[k, cols]
    if len(open_idx) == 1:
        return open_idx[k], best, np.full(n, dist.BIG)
    sub = sub.copy()
    sub[k, cols] = np.inf
    return open_idx[k], best, sub.min(axis=0)


def _alternatives(
    problem: LocationProblem,
    solution: Solution,
    new_idx: np.ndarray,
    threshold: float | None,
    quotas: dict | None = None,
) -> tuple[np.ndarray, np.ndarray]:
    """Best replacement (site index, objective with it) for each new site, under the quotas."""
    pool = np.flatnonzero(~solution.open_mask & ~problem.excluded & ~problem.fixed)
    n_new = len(new_idx)
    if n_new == 0 or len(pool) == 0:
        return np.full(n_new, -1), np.full(n_new, np.nan)
    ok = _allowed(problem, solution, new_idx, pool, quotas)
    w = problem.weights
    open_idx = np.flatnonzero(solution.open_mask)
    if solution.model in ("coverage", "min-sites"):
        cov = sp.csr_matrix(problem.cover(threshold), dtype=float)
        cnt = np.asarray(cov[open_idx].sum(axis=0)).ravel()
        w1, w0 = w * (cnt == 1), w * (cnt == 0)
        a_new = cov[new_idx]
        loss = a_new @ w1
        gain0 = cov[pool] @ w0
        overlap = (a_new.multiply(w1[None, :]).tocsr() @ cov[pool].T).toarray()
        base = float(w[cnt > 0].sum())
        value = np.where(ok, base - loss[:, None] + gain0[None, :] + overlap, -np.inf)
        k = np.argmax(value, axis=1)
        best = value[np.arange(n_new), k]
        has = np.isfinite(best)
        return np.where(has, pool[k], -1), np.where(has, best, np.nan)
    d = problem.finite_minutes(solution.penalty)
    live = w > 0
    if solution.model != "median":
        # max_i min(base_i, d_ki) over live areas is at least L, the all-open bound (every
        # open set's worst area is at least L); areas with base_i <= L cannot raise it above
        # L, so only the others are needed: value = max(L, max over them)
        allowed = ~problem.excluded | problem.fixed
        floor = float(d[allowed][:, live].min(axis=0).max(initial=0.0)) if live.any() else 0.0
    # every open site but j: the areas j serves fall back to their second-nearest open site
    near, best, second = _two_nearest(d, open_idx)
    sparse = None
    if solution.model == "median" and hasattr(problem.minutes, "to_csr"):
        # Σ_i w_i min(base_i, d_ki) = base·w - Σ_i w_i max(base_i - d_ki, 0): only the pairs
        # the table stores can be below base (the rest cost the penalty or more). The saving
        # with every open site is worked out once; dropping j changes only the pairs of the
        # areas j serves
        table = problem.minutes.to_csr()[pool].tocsr()
        rows = np.repeat(np.arange(len(pool)), np.diff(table.indptr))
        idx, minutes = table.indices, table.data
        saving_all = np.bincount(
            rows, w[idx] * np.maximum(best[idx] - minutes, 0.0), minlength=len(pool)
        )
        owner = near[idx]  # the open site serving each pair's area
        order = np.argsort(owner, kind="stable")
        starts = np.searchsorted(owner[order], open_idx)
        ends = np.searchsorted(owner[order], open_idx, side="right")
        sparse = (order, starts, ends, rows, idx, minutes, saving_all)
    alt = np.full(n_new, -1, dtype=np.int64)
    val = np.full(n_new, np.nan)
    pos = {int(j): k for k, j in enumerate(open_idx)}
    for r, j in enumerate(new_idx):
        if not ok[r].any():
            continue
        cand = pool[ok[r]]
        served = near == j
        base = np.where(served, second, best)
        if sparse is not None:
            order, starts, ends, rows, idx, minutes, saving_all = sparse
            sel = order[starts[pos[int(j)]] : ends[pos[int(j)]]]
            a, m = idx[sel], minutes[sel]
            change = w[a] * (np.maximum(second[a] - m, 0.0) - np.maximum(best[a] - m, 0.0))
            saving = saving_all + np.bincount(rows[sel], change, minlength=len(pool))
            vals = (float(base @ w) - saving)[ok[r]]
        elif solution.model == "median":
            vals = np.minimum(base[None, :], d[cand]) @ w
        else:
            cols = np.flatnonzero(live & (base > floor))
            if len(cols) == 0:
                vals = np.full(len(cand), floor)
            else:
                sub = np.minimum(base[cols][None, :], d[np.ix_(cand, cols)])
                vals = np.maximum(sub.max(axis=1), floor)
        k = int(np.argmin(vals))
        alt[r], val[r] = cand[k], vals[k]
    return alt, val
