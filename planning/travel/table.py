"""``TravelTable``: sparse travel minutes from sites to demand areas, kept only up to a cutoff.

The table is long form (``site_idx``, ``area_idx``, ``minutes``): one row per pair that is
reachable within ``cutoff`` minutes. Pairs that are absent are unreachable within the cutoff.
"""

from __future__ import annotations

from dataclasses import dataclass, field

import numpy as np
import pandas as pd
from scipy import sparse

from planning.errors import TravelError

#: minutes stored in the CSR matrix are clamped to at least this, so a 0-minute pair
#: (a site exactly on an area point) is not confused with a missing entry.
ZERO_MINUTES = 1e-6


#: the arrays every table file holds (:meth:`TravelTable.save_npz`)
_NPZ_CORE = frozenset({"cutoff", "site_idx", "area_idx", "minutes"})


@dataclass(frozen=True)
class TravelTable:
    """Sparse minutes from ``site_ids`` (rows) to ``area_ids`` (columns), all ``<= cutoff``.

    ``cutoff`` may be ``math.inf`` (uncapped: every reachable pair is kept); the threshold of a
    covering model then only filters (:meth:`within`).

    ``site_idx[k]``, ``area_idx[k]`` and ``minutes[k]`` describe one reachable pair.
    Pairs are unique; ``minutes`` are finite, ``>= 0`` and ``<= cutoff``.
    """

    site_ids: np.ndarray
    area_ids: np.ndarray
    cutoff: float
    site_idx: np.ndarray
    area_idx: np.ndarray
    minutes: np.ndarray
    engine: str = "straight"
    meta: dict = field(default_factory=dict, compare=False, hash=False)

    def __post_init__(self) -> None:
        site_idx = np.asarray(self.site_idx, dtype=np.int64)
        area_idx = np.asarray(self.area_idx, dtype=np.int64)
        minutes = np.asarray(self.minutes, dtype=np.float64)
        if not (len(site_idx) == len(area_idx) == len(minutes)):
            raise ValueError("site_idx, area_idx and minutes must have the same length")
        if np.isnan(self.cutoff) or self.cutoff <= 0:
            raise TravelError.of("table.cutoff", cutoff=self.cutoff)
        n_s, n_a = len(self.site_ids), len(self.area_ids)
        if len(site_idx) and (site_idx.min() < 0 or site_idx.max() >= n_s):
            raise ValueError("site_idx out of range")
        if len(area_idx) and (area_idx.min() < 0 or area_idx.max() >= n_a):
            raise ValueError("area_idx out of range")
        if len(minutes) and (not np.all(np.isfinite(minutes)) or minutes.min() < 0):
            raise ValueError("minutes must be finite and >= 0")
        if len(minutes) and minutes.max() > self.cutoff * (1 + 1e-12):
            raise ValueError("minutes above the cutoff must not be stored")
        object.__setattr__(self, "site_ids", np.asarray(self.site_ids))
        object.__setattr__(self, "area_ids", np.asarray(self.area_ids))
        object.__setattr__(self, "cutoff", float(self.cutoff))
        object.__setattr__(self, "site_idx", site_idx)
        object.__setattr__(self, "area_idx", area_idx)
        object.__setattr__(self, "minutes", minutes)

    # ---- constructors -------------------------------------------------------------------
    @classmethod
    def from_pairs(
        cls,
        site_ids: np.ndarray,
        area_ids: np.ndarray,
        site_idx: np.ndarray,
        area_idx: np.ndarray,
        minutes: np.ndarray,
        *,
        cutoff: float,
        engine: str,
        meta: dict | None = None,
    ) -> TravelTable:
        """Build a table from raw pairs: drops pairs above ``cutoff`` and keeps the minimum of
        duplicate pairs, then sorts by (site, area)."""
        site_idx = np.asarray(site_idx, dtype=np.int64)
        area_idx = np.asarray(area_idx, dtype=np.int64)
        minutes = np.asarray(minutes, dtype=np.float64)
        keep = np.isfinite(minutes) & (minutes <= cutoff)
        site_idx, area_idx, minutes = site_idx[keep], area_idx[keep], minutes[keep]
        n_a = max(len(area_ids), 1)
        key = site_idx * n_a + area_idx
        order = np.argsort(key, kind="stable")
        if len(key) > 1 and np.any(key[order][1:] == key[order][:-1]):
            order = np.lexsort((minutes, key))  # duplicates: the smallest minutes first
        key, minutes = key[order], minutes[order]
        first = np.ones(len(key), dtype=bool)
        first[1:] = key[1:] != key[:-1]
        key, minutes = key[first], minutes[first]
        return cls(
            site_ids=np.asarray(site_ids),
            area_ids=np.asarray(area_ids),
            cutoff=float(cutoff),
            site_idx=key // n_a,
            area_idx=key % n_a,
            minutes=minutes,
            engine=engine,
            meta=dict(meta or {}),
        )

    # ---- shape --------------------------------------------------------------------------
    @property
    def n_sites(self) -> int:
        return len(self.site_ids)

    @property
    def n_areas(self) -> int:
        return len(self.area_ids)

    @property
    def nnz(self) -> int:
        return len(self.minutes)

    def __len__(self) -> int:
        return self.nnz

    # ---- views --------------------------------------------------------------------------
    def save_npz(self, path, **extra: np.ndarray) -> None:
        """Write the pairs (and ``extra`` arrays) to ``path`` atomically: a disk cache that a
        concurrent reader never sees half written. Ids are not stored: the cache key holds them."""
        import os
        from pathlib import Path

        path = Path(path)
        tmp = path.with_suffix(f".{os.getpid()}.tmp.npz")
        np.savez(
            tmp,
            cutoff=np.float64(self.cutoff),
            site_idx=self.site_idx,
            area_idx=self.area_idx,
            minutes=self.minutes,
            **extra,
        )
        os.replace(tmp, path)

    @classmethod
    def load_npz(
        cls, path, site_ids: np.ndarray, area_ids: np.ndarray, *, engine: str
    ) -> tuple[TravelTable, dict[str, np.ndarray]]:
        """A table written by :meth:`save_npz` for these ids, and its extra arrays. Raises on a
        missing, truncated or foreign file (callers rebuild the cache then)."""
        with np.load(path, allow_pickle=False) as z:
            table = cls(
                site_ids=site_ids,
                area_ids=area_ids,
                cutoff=float(z["cutoff"]),
                site_idx=z["site_idx"],
                area_idx=z["area_idx"],
                minutes=z["minutes"],
                engine=engine,
            )
            extra = {k: z[k] for k in z.files if k not in _NPZ_CORE}
        return table, extra

    def to_csr(self) -> sparse.csr_matrix:
        """Sites x areas CSR matrix of minutes; 0-minute pairs are stored as ``1e-6``."""
        data = np.maximum(self.minutes, ZERO_MINUTES)
        shape = (self.n_sites, self.n_areas)
        key = self.site_idx * max(self.n_areas, 1) + self.area_idx
        if np.all(key[1:] > key[:-1]):  # sorted, no duplicates (from_pairs): rows as they lie
            indptr = np.zeros(self.n_sites + 1, dtype=np.int64)
            np.cumsum(np.bincount(self.site_idx, minlength=self.n_sites), out=indptr[1:])
            return sparse.csr_matrix((data, self.area_idx, indptr), shape=shape)
        return sparse.csr_matrix((data, (self.site_idx, self.area_idx)), shape=shape)

    def dense(self, fill: float = np.inf) -> np.ndarray:
        """Dense ``(n_sites, n_areas)`` minutes; unreachable pairs get ``fill``."""
        out = np.full((self.n_sites, self.n_areas), fill, dtype=np.float64)
        out[self.site_idx, self.area_idx] = self.minutes
        return out

    def filled(self, fallback: np.ndarray, dtype=np.float64) -> np.ndarray:
        """Dense ``(n_sites, n_areas)`` minutes with every pair priced: the table's minutes
        where it has them, else ``max(fallback, cutoff)`` (an absent pair is known to take more
        than the cutoff). E.g. a road table at a generous cutoff completed by the calibrated
        straight model (:func:`planning.travel.straight.straight_minutes`) for the median /
        center objectives; an uncapped table (``cutoff=inf``) needs no fallback."""
        fallback = np.asarray(fallback, dtype=dtype)
        if fallback.shape != (self.n_sites, self.n_areas):
            raise ValueError(
                f"fallback must be {self.n_sites} x {self.n_areas} (got {fallback.shape})"
            )
        out = np.maximum(fallback, np.asarray(self.cutoff, dtype=dtype))
        out[self.site_idx, self.area_idx] = self.minutes
        return out

    def nearest(self) -> tuple[np.ndarray, np.ndarray]:
        """Per area: index of the nearest site (``-1`` if none within the cutoff) and its minutes
        (``inf`` if none). Ties go to the lowest site index."""
        best_site = np.full(self.n_areas, -1, dtype=np.int64)
        best_min = np.full(self.n_areas, np.inf)
        if self.nnz:
            order = np.lexsort((self.site_idx, self.minutes, self.area_idx))
            a = self.area_idx[order]
            first = np.ones(len(a), dtype=bool)
            first[1:] = a[1:] != a[:-1]
            sel = order[first]
            best_site[self.area_idx[sel]] = self.site_idx[sel]
            best_min[self.area_idx[sel]] = self.minutes[sel]
        return best_site, best_min

    def within(self, threshold: float) -> TravelTable:
        """The same table restricted to pairs ``<= threshold`` (which must be <= cutoff)."""
        if threshold <= 0:
            raise TravelError.of("table.threshold", threshold=threshold)
        if threshold > self.cutoff:
            raise TravelError.of("table.over_cutoff", threshold=threshold, cutoff=self.cutoff)
        keep = self.minutes <= threshold
        return TravelTable(
            site_ids=self.site_ids,
            area_ids=self.area_ids,
            cutoff=float(threshold),
            site_idx=self.site_idx[keep],
            area_idx=self.area_idx[keep],
            minutes=self.minutes[keep],
            engine=self.engine,
            meta=dict(self.meta),
        )

    def to_frame(self) -> pd.DataFrame:
        """Long table with the ids: ``site_id``, ``area_id``, ``minutes``."""
        return pd.DataFrame(
            {
                "site_id": self.site_ids[self.site_idx],
                "area_id": self.area_ids[self.area_idx],
                "minutes": self.minutes,
            }
        )
