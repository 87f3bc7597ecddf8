"""Why each proposed site was picked: one row per new site, in rank order.

Columns: ``rank``, ``site_id``; ``new_<indicator>``: demand within the threshold that this site
newly covers (not covered by an existing center nor by a higher-ranked new site; the ranks add
up to the network's gain), ``nearest_existing`` and ``minutes_to_existing`` (the time from the
existing center to the site's own area, i.e. the demand area closest to the site; pass
``site_minutes(from_idx, to_idx)`` for true site-to-site minutes, as the national instance and
the CLI do), ``best_alternative`` (the unopened, non-excluded candidate that would do best in this site's
place, all other sites unchanged), ``alternative_objective`` and ``alternative_loss`` (how much
worse the objective would be with the alternative: covered weight lost for coverage models,
extra weighted minutes for median, extra minutes for center), and ``explanation``: one sentence
(``lang="ko"`` or ``"en"``) for the app and reports.
"""

from __future__ import annotations

from collections.abc import Callable, Sequence

import numpy as np
import pandas as pd
import scipy.sparse as sp

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
) -> pd.DataFrame:
    """Explanation table for ``solution`` (see module docstring). ``indicators``: demand
    indicators (one row per demand area, in order or indexed by ``demand_ids``). ``order``: the
    new sites' ids in the caller's rank order (e.g. phase by phase), so that ranks, newly covered
    demand and sentences match the caller's table; default: ``solution.new_sites``."""
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
    alt, alt_obj = _alternatives(problem, solution, new_idx, threshold)
    rows["best_alternative"] = [problem.site_ids[k] if k >= 0 else None for k in alt]
    rows["alternative_objective"] = alt_obj.tolist()
    if solution.model in ("coverage", "min-sites"):
        loss = solution_value(problem, solution, threshold) - alt_obj
    else:
        loss = alt_obj - solution_value(problem, solution, threshold)
    rows["alternative_loss"] = loss.tolist()
    table = pd.DataFrame(rows)
    table["explanation"] = [_sentence(r, solution.model, lang) for _, r in table.iterrows()]
    return table


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


_LABELS = {
    "ko": {"population": "인구", "recipients": "기초생활수급자", "unemployed": "실업자"},
    "en": {"population": "population", "recipients": "recipients", "unemployed": "unemployed"},
}


def _sentence(row: pd.Series, model: str, lang: str) -> str:
    """One plain sentence per site: what it newly covers, how far the network was, and the
    runner-up."""
    ko = lang == "ko"
    labels = _LABELS["ko" if ko else "en"]
    parts = [
        f"{labels[k]} {row[f'new_{k}']:,.0f}{'명' if ko else ''}"
        for k in labels
        if f"new_{k}" in row and pd.notna(row[f"new_{k}"]) and row[f"new_{k}"] > 0
    ]
    if ko:
        text = f"{int(row['rank'])}순위: " + (
            "새로 포괄 " + ", ".join(parts) if parts else "새로 포괄하는 수요 없음"
        )
    else:
        text = f"Rank {int(row['rank'])}: " + (
            "newly covers " + ", ".join(parts) if parts else "covers no new demand"
        )
    mins = row.get("minutes_to_existing")
    if mins is not None and pd.notna(mins):
        if np.isfinite(mins):
            text += (
                f" · 가장 가까운 기존 센터 {row['nearest_existing']}까지 {mins:.0f}분"
                if ko
                else f" · nearest existing center {row['nearest_existing']}: {mins:.0f} min"
            )
        else:
            text += (
                " · 이동시간표 범위 안에 기존 센터 없음"
                if ko
                else " · no existing center within the table"
            )
    alt = row.get("best_alternative")
    if alt is not None and pd.notna(alt):
        loss = float(row["alternative_loss"])
        what = {
            "coverage": "포괄 수요" if ko else "covered demand",
            "min-sites": "포괄 수요" if ko else "covered demand",
            "median": "가중 이동시간" if ko else "weighted minutes",
            "center": "최장 이동시간" if ko else "worst minutes",
        }[model]
        if ko:
            text += f" · 최선의 대안 {alt}: {what} {abs(loss):.4g} " + (
                "손실" if loss > 0 else "차이 없음" if loss == 0 else "개선(다른 지정 조건 때문)"
            )
        else:
            text += f" · best alternative {alt}: {what} {'worse' if loss >= 0 else 'better'} by {abs(loss):.4g}"
    return text


def solution_value(problem: LocationProblem, solution: Solution, threshold: float | None) -> float:
    """The model objective of the open set, recomputed (covered weight for covering models)."""
    open_idx = np.flatnonzero(solution.open_mask)
    if solution.model in ("coverage", "min-sites"):
        hit = np.zeros(problem.n_demand, dtype=bool)
        hit[np.unique(problem.cover(threshold)[open_idx].indices)] = True
        return float(problem.weights[hit].sum())
    best = dist._finite(problem.dense_minutes(solution.penalty))[open_idx].min(axis=0)
    if solution.model == "median":
        return float(problem.weights @ best)
    live = problem.weights > 0
    return float(best[live].max(initial=0.0))


def _alternatives(
    problem: LocationProblem, solution: Solution, new_idx: np.ndarray, threshold: float | None
) -> tuple[np.ndarray, np.ndarray]:
    """Best replacement (site index, objective with it) for each new site."""
    pool = np.flatnonzero(~solution.open_mask & ~problem.excluded & ~problem.fixed)
    n_new = len(new_idx)
    if n_new == 0 or len(pool) == 0:
        return np.full(n_new, -1), np.full(n_new, np.nan)
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
        value = base - loss[:, None] + gain0[None, :] + overlap
        k = np.argmax(value, axis=1)
        return pool[k], value[np.arange(n_new), k]
    d = dist._finite(problem.dense_minutes(solution.penalty))
    dp = d[pool]
    live = w > 0
    alt = np.empty(n_new, dtype=np.int64)
    val = np.empty(n_new)
    for r, j in enumerate(new_idx):
        others = open_idx[open_idx != j]
        base = d[others].min(axis=0) if len(others) else np.full(problem.n_demand, dist.BIG)
        new = np.minimum(base[None, :], dp)
        vals = new @ w if solution.model == "median" else np.where(live, new, 0).max(axis=1)
        k = int(np.argmin(vals))
        alt[r], val[r] = pool[k], vals[k]
    return alt, val
