"""OR-Library p-median instances (Beasley 1990, ``pmed1``-``pmed40``) as location problems.

File format: first line ``n_vertices n_edges p``, then one undirected edge ``i j cost`` per line
(vertices 1-based). Some edges appear twice; as OR-Library's description says, the last cost
given is used. Distances are shortest paths; every vertex is a demand point of weight 1 and a
candidate site, and no site is open beforehand. The files are not shipped with the project
(see README: where to get them); ``PMED_OPTIMA`` are the published optimal values (OR-Library
``pmedinfo``; Beasley, J. Oper. Res. Soc. 41 (1990) 1069-1072).
"""

from __future__ import annotations

from pathlib import Path

import numpy as np
import scipy.sparse as sp
from scipy.sparse.csgraph import shortest_path

from planning.errors import DataError
from planning.optimize.problem import LocationProblem

#: published optimal objective per instance (OR-Library pmedinfo)
PMED_OPTIMA = {
    1: 5819, 2: 4093, 3: 4250, 4: 3034, 5: 1355, 6: 7824, 7: 5631, 8: 4445, 9: 2734, 10: 1255,
    11: 7696, 12: 6634, 13: 4374, 14: 2968, 15: 1729, 16: 8162, 17: 6999, 18: 4809, 19: 2845,
    20: 1789, 21: 9138, 22: 8579, 23: 4619, 24: 2961, 25: 1828, 26: 9917, 27: 8307, 28: 4498,
    29: 3033, 30: 1989, 31: 10086, 32: 9297, 33: 4700, 34: 3013, 35: 10400, 36: 9934, 37: 5057,
    38: 11060, 39: 9423, 40: 5128,
}  # fmt: skip


def read_pmed(path: str | Path) -> tuple[np.ndarray, int]:
    """(n x n shortest-path distances, p) from an OR-Library pmed file."""
    try:
        tokens = Path(path).read_text().split()
        n, m, p = (int(t) for t in tokens[:3])
        edges = np.asarray(tokens[3 : 3 + 3 * m], dtype=np.int64).reshape(m, 3)
    except (OSError, ValueError) as exc:
        raise DataError.of("pmed.unreadable", path=str(path), detail=str(exc)) from exc
    last: dict[tuple[int, int], int] = {}
    for i, j, c in edges.tolist():
        last[(min(i, j) - 1, max(i, j) - 1)] = c
    ij = np.asarray(list(last.keys()), dtype=np.int64).reshape(-1, 2)
    c = np.asarray(list(last.values()), dtype=float)
    g = sp.csr_matrix((c, (ij[:, 0], ij[:, 1])), shape=(n, n))
    return shortest_path(g, directed=False), p


def pmed_problem(path: str | Path) -> tuple[LocationProblem, int]:
    """The instance as a LocationProblem (sites = demand = vertices, no site fixed) and p."""
    d, p = read_pmed(path)
    return LocationProblem(weights=np.ones(len(d)), minutes=d), p
