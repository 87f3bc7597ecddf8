"""One evaluation of a set of open sites: each area's nearest open site, its minutes, and whether
it is covered at the threshold.

Every number the planner sees about a network (KPIs, areas left outside, the ranked table's gains,
the coverage curve, service areas and reach) reads from an :class:`Evaluation`, so "within T" has
one meaning (:func:`within`, one tolerance) everywhere.
"""

from __future__ import annotations

from dataclasses import dataclass

import numpy as np
import scipy.sparse as sp

#: minutes are floats from several engines; a trip of exactly T minutes is within T
WITHIN_TOLERANCE_MIN = 1e-9


def within(minutes: np.ndarray | float, threshold: float) -> np.ndarray | bool:
    """Minutes at most ``threshold`` (with the one tolerance of the project)."""
    return np.asarray(minutes) <= threshold + WITHIN_TOLERANCE_MIN


def nearest_open(csr: sp.csr_matrix, open_mask: np.ndarray) -> tuple[np.ndarray, np.ndarray]:
    """(site index, minutes) of the nearest open site per area; (-1, inf) when the table links
    the area to no open site. ``csr`` is sites x areas with the stored pairs only."""
    rows = np.flatnonzero(np.asarray(open_mask, dtype=bool))
    n = csr.shape[1]
    best_site = np.full(n, -1, dtype=np.int64)
    best_min = np.full(n, np.inf)
    if len(rows) == 0:
        return best_site, best_min
    sub = csr[rows].tocoo()
    if sub.nnz:
        order = np.lexsort((sub.data, sub.col))  # by area, then minutes
        col, data, row = sub.col[order], sub.data[order], sub.row[order]
        first = np.r_[True, col[1:] != col[:-1]]
        best_site[col[first]] = rows[row[first]]
        best_min[col[first]] = data[first]
    return best_site, best_min


@dataclass(frozen=True, eq=False)
class Evaluation:
    """The open sites of a network seen from every area.

    ``site``: index (into the network's sites) of the nearest open site, -1 when none is linked;
    ``minutes``: the minutes to it (inf when none); ``covered``: ``minutes`` within ``threshold``.
    """

    open_mask: np.ndarray
    site: np.ndarray
    minutes: np.ndarray
    threshold: float
    covered: np.ndarray

    @property
    def n_open(self) -> int:
        return int(np.asarray(self.open_mask, dtype=bool).sum())

    def covered_share(self, weights: np.ndarray) -> float:
        """Share (0–1) of ``weights`` within the threshold; NaN when the weights sum to 0."""
        w = np.asarray(weights, dtype=float)
        total = w.sum()
        return float(w[self.covered].sum() / total) if total > 0 else float("nan")

    def mean_minutes(self, weights: np.ndarray, *, unreached: float | None = None) -> float:
        """``weights``-weighted mean minutes to the nearest open site. Areas the table links to
        no open site count as ``unreached`` minutes, or make the mean inf when it is None."""
        w = np.asarray(weights, dtype=float)
        m = self.minutes
        if unreached is not None:
            m = np.where(np.isfinite(m), m, unreached)
        pos = w > 0
        total = w[pos].sum()
        return float((m[pos] * w[pos]).sum() / total) if total > 0 else float("nan")

    def worst(self, weights: np.ndarray | None = None) -> tuple[float, int]:
        """(minutes, area index) of the worst-served area among those with weight > 0 (all areas
        without ``weights``); (NaN, -1) when there is none."""
        m = self.minutes
        if weights is not None:
            m = np.where(np.asarray(weights, dtype=float) > 0, m, -np.inf)
        if len(m) == 0 or not (m > -np.inf).any():
            return float("nan"), -1
        i = int(np.argmax(m))
        return float(m[i]), i

    def beyond(self, minutes: float) -> np.ndarray:
        """Areas farther than ``minutes`` from every open site."""
        return ~within(self.minutes, minutes)

    def service_area(self, site_index: int) -> np.ndarray:
        """Areas whose nearest open site is ``site_index`` and which it serves within T."""
        return np.flatnonzero((self.site == site_index) & self.covered)


def evaluate(csr: sp.csr_matrix, open_mask: np.ndarray, threshold: float) -> Evaluation:
    """Evaluate the open sites ``open_mask`` on the sites x areas table ``csr`` at ``threshold``."""
    mask = np.asarray(open_mask, dtype=bool)
    site, minutes = nearest_open(csr, mask)
    return Evaluation(mask, site, minutes, float(threshold), np.asarray(within(minutes, threshold)))


def reach(csr: sp.csr_matrix, site_index: int, threshold: float) -> np.ndarray:
    """Areas within ``threshold`` of one site (its 도달 범위), whatever other sites are open."""
    start, end = csr.indptr[site_index], csr.indptr[site_index + 1]
    idx, mins = csr.indices[start:end], csr.data[start:end]
    return idx[within(mins, threshold)]
