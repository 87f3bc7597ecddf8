"""The user's own travel-time matrix as the app's travel engine (without Streamlit).

An uploaded OD table (:func:`read_matrix_upload`) becomes a :class:`~planning.plan.model.Network`
for the current data (:func:`matrix_network`); :func:`matrix_options` adapts the objectives to a
table that may leave 행정동 unlinked, and :func:`matrix_notices` says what the table leaves out.
"""

from __future__ import annotations

import time
from dataclasses import dataclass

import numpy as np
import pandas as pd

from planning.errors import InfeasibleScenario, TravelError
from planning.i18n import Joined, msg, t
from planning.plan.model import (
    MAX_THRESHOLD,
    BaseData,
    Network,
    assemble_network,
    network_sites,
)
from planning.plan.uploads import check_upload
from planning.scenario import Scenario
from planning.sources import Notice
from planning.travel.matrix import CENTER_PREFIX, site_aliases

# -- the user's own travel-time matrix ----------------------------------------------------------
#
# File: origin_id (the 행정동 where people live: KOSTAT 8-digit area_code), destination_id (a
# site: a candidate 행정동's area_code, or an existing center as its center_id from
# data/centers.csv, e.g. ``C001``, or as the app's site id ``C:C001``), minutes. A bare id that
# is both an area_code and a center_id means the 행정동. Pairs absent from the file are not
# reachable; minutes above MAX_THRESHOLD are not reachable either (like the straight table).

MATRIX_SUFFIXES = (".csv", ".txt", ".parquet", ".pq")
#: a Parquet file can hold far more rows than its size suggests; refuse before reading it all
MATRIX_MAX_ROWS = 5_000_000
#: rows whose ids match nothing: up to this share of the file they are dropped with a warning
#: (e.g. a few 행정동 recoded since the 2020 boundaries); above it the file is refused
MATRIX_MAX_UNKNOWN_SHARE = 0.05
#: warn when more than this share of the 행정동 has no site at all in the table
MATRIX_MAX_EMPTY_AREA_SHARE = 0.5
_SHOW_IDS = 5


@dataclass(frozen=True, eq=False)
class TravelMatrix:
    """An uploaded OD table, validated by :func:`planning.travel.matrix.validate_matrix`.

    ``digest`` hashes the validated rows: the app caches the Network by it."""

    od: pd.DataFrame  # origin_id, destination_id (string), minutes (float)
    filename: str
    digest: str

    @property
    def rows(self) -> int:
        return len(self.od)


def read_matrix_upload(filename: str, content: bytes, lang: str = "ko") -> TravelMatrix:
    """Parse an uploaded OD table (CSV or Parquet; read as data, never unpickled or executed):
    the upload size checks, then :func:`~planning.travel.matrix.validate_matrix` (columns,
    missing ids, minutes that are NaN or negative). Ids are checked by :func:`matrix_network`.

    Errors carry English and Korean texts; ``lang`` is kept for callers and not needed."""
    import hashlib

    from planning.travel.matrix import parse_matrix, validate_matrix

    if not filename.lower().endswith(MATRIX_SUFFIXES):
        raise TravelError.of("matrix.format", name=filename)
    check_upload(filename, content, suffixes=MATRIX_SUFFIXES)
    od = validate_matrix(
        parse_matrix(filename, content, max_rows=MATRIX_MAX_ROWS, cutoff=MAX_THRESHOLD),
        name=filename,
    )
    od = od.reset_index(drop=True)
    digest = hashlib.sha256(pd.util.hash_pandas_object(od, index=False).to_numpy().tobytes())
    return TravelMatrix(od, filename, digest.hexdigest()[:20])


def site_lookup(base: BaseData) -> dict[str, int]:
    """Every id a matrix may use for a site -> the site's position in :func:`network_sites`:
    ``C:`` + center_id and the bare center_id for centers, area_code for candidates (the 행정동
    wins when a bare id is both), by :func:`planning.travel.matrix.site_aliases` as in the CLI."""
    ids = [CENTER_PREFIX + c for c in base.centers["center_id"].astype(str).str.strip()]
    keys = site_aliases([*ids, *base.areas["area_code"].astype(str)])
    return dict(zip(keys["id"], keys["si"].tolist(), strict=True))


def _ranked_unknown(ids: pd.Series) -> list[str]:
    """Unknown ids, the most frequent first."""
    return [str(i) for i in ids.value_counts().index]


def _unknown_fix(base: BaseData, origins: list[str], dests: list[str]) -> Joined:

    area_codes = set(base.areas["area_code"].astype(str))
    lookup = site_lookup(base)
    hints = []
    if origins and sum(o in lookup and o not in area_codes for o in origins) * 2 >= len(origins):
        hints.append(msg("mx.hint_swapped"))
    if any(len(i) == 10 and i.isdigit() for i in [*origins, *dests]):
        hints.append(msg("mx.hint_mois"))
    example = str(base.areas["area_code"].iloc[0])
    center = str(base.centers["center_id"].iloc[0]) if len(base.centers) else "C001"
    if origins:
        hints.append(msg("mx.hint_origin", example=example))
    if dests:
        hints.append(msg("mx.hint_destination", example=example, center=center))
    hints.append(msg("mx.hint_share", pct=f"{100 * MATRIX_MAX_UNKNOWN_SHARE:g}"))
    return Joined(hints, sep=" ")


def matrix_network(
    base: BaseData, matrix: TravelMatrix, *, cutoff: float = MAX_THRESHOLD, lang: str = "ko"
) -> Network:
    """The app's sites (as :func:`build_network`) with travel minutes from the uploaded table.

    Rows whose ids match nothing are refused with :class:`~planning.errors.TravelError` (naming
    a few and the fix) when they are more than :data:`MATRIX_MAX_UNKNOWN_SHARE` of the file or
    all of it; otherwise they are dropped and listed by :func:`matrix_notices`. Duplicate pairs
    (also a center named both ways) keep the smallest minutes. The error carries English and
    Korean texts (``lang`` is kept for callers and not needed)."""
    from planning.travel import TravelTable

    t0 = time.perf_counter()
    sites = network_sites(base)
    od = matrix.od
    area_ids = base.areas["area_code"].astype(str).to_numpy(dtype=object)
    area_idx = pd.Index(area_ids).get_indexer(od["origin_id"].to_numpy(dtype=object))
    codes, uniques = pd.factorize(od["destination_id"])
    lookup = site_lookup(base)
    site_idx = np.array([lookup.get(str(u), -1) for u in uniques], dtype=np.int64)[codes]
    bad_origin = area_idx < 0
    bad_dest = site_idx < 0
    unknown = bad_origin | bad_dest
    n_unknown = int(unknown.sum())
    origins = _ranked_unknown(od["origin_id"][bad_origin])
    dests = _ranked_unknown(od["destination_id"][bad_dest])
    if n_unknown and (n_unknown == len(od) or n_unknown > MATRIX_MAX_UNKNOWN_SHARE * len(od)):
        shown = [f"origin_id {i}" for i in origins[:_SHOW_IDS]]
        shown += [f"destination_id {i}" for i in dests[:_SHOW_IDS]]
        raise TravelError.of(
            "mx.unknown",
            fix_key="mx.unknown_hints",
            name=matrix.filename,
            n=n_unknown,
            rows=len(od),
            pct=f"{100 * n_unknown / len(od):.1f}",
            ids=", ".join(shown),
            hints=_unknown_fix(base, origins, dests),
        )
    keep = ~unknown
    minutes = od["minutes"].to_numpy(dtype=float)
    table = TravelTable.from_pairs(
        sites.ids,
        area_ids,
        site_idx[keep],
        area_idx[keep],
        minutes[keep],
        cutoff=cutoff,
        engine="matrix",
        meta={
            "filename": matrix.filename,
            "digest": matrix.digest,
            "rows": len(od),
            "unknown_rows": n_unknown,
            "unknown_origins": origins,
            "unknown_destinations": dests,
            "above_cutoff": int((minutes[keep] > cutoff).sum()),
        },
    )
    return assemble_network(sites, table, t0)


def matrix_options(
    net: Network, scenario: Scenario, index: pd.Series, lang: str = "ko"
) -> dict[str, float]:
    """Solver options for a table from an uploaded matrix, which may leave 행정동 without any
    site: ``average`` counts them at :data:`MAX_THRESHOLD` minutes (the cap of the average-time
    KPI); ``worst`` cannot rank sites then and refuses, naming them (in English and Korean;
    ``lang`` is kept for callers and not needed). Nothing for other tables."""
    if getattr(net.table, "engine", "") != "matrix" or scenario.model == "coverage":
        return {}
    if scenario.model == "average":
        return {"penalty": float(MAX_THRESHOLD)}
    lost = net.unreached(index)
    if lost.any():
        ids = np.asarray(net.table.area_ids)[lost][:_SHOW_IDS]
        raise InfeasibleScenario.of(
            "mx.worst_unreachable",
            fix_key="mx.worst_unreachable_fix",
            n=f"{int(lost.sum()):,}",
            ids=", ".join(map(str, ids)),
        )
    return {}


def matrix_summary(net: Network, lang: str = "ko") -> str:
    """One sentence on what an uploaded table gives: rows, pairs kept, areas and sites reached."""

    meta = net.table.meta
    csr = net.csr
    return t(
        "mx.summary",
        lang,
        name=meta.get("filename", ""),
        rows=f"{meta.get('rows', 0):,}",
        pairs=f"{csr.nnz:,}",
        areas=f"{int((np.diff(csr.tocsc().indptr) > 0).sum()):,}",
        n_areas=f"{csr.shape[1]:,}",
        sites=f"{int((np.diff(csr.indptr) > 0).sum()):,}",
        cutoff=f"{net.table.cutoff:g}",
        above=f"{meta.get('above_cutoff', 0):,}",
    )


def matrix_notices(base: BaseData, net: Network) -> list[Notice]:
    """What the user must know about an uploaded table: dropped rows with unknown ids, existing
    centers no 행정동 can reach in it, and most 행정동 reaching no site."""

    meta = net.table.meta
    out: list[Notice] = []
    if meta.get("unknown_rows"):
        shown = [f"origin_id {i}" for i in meta["unknown_origins"][: 2 * _SHOW_IDS]]
        shown += [f"destination_id {i}" for i in meta["unknown_destinations"][: 2 * _SHOW_IDS]]
        out.append(
            Notice.of(
                "mx.dropped",
                n=f"{meta['unknown_rows']:,}",
                pct=f"{100 * meta['unknown_rows'] / max(meta['rows'], 1):.1f}",
                ids=", ".join(shown),
            )
        )
    per_site = np.diff(net.csr.indptr)
    lonely = np.flatnonzero(per_site[: net.n_centers] == 0)
    if len(lonely):
        names = base.centers["name_ko"].astype(str).to_numpy()[lonely]
        ids = base.centers["center_id"].astype(str).to_numpy()[lonely]
        listed = [f"{n} ({i})" for n, i in zip(names, ids, strict=True)]
        out.append(
            Notice.of(
                "mx.centers_without_pairs",
                n=len(lonely),
                total=net.n_centers,
                cutoff=f"{net.table.cutoff:g}",
                names=", ".join(listed[:10]) + (", …" if len(listed) > 10 else ""),
            )
        )
    empty = int((np.diff(net.csr.tocsc().indptr) == 0).sum())
    n_areas = net.csr.shape[1]
    if n_areas and empty > MATRIX_MAX_EMPTY_AREA_SHARE * n_areas:
        out.append(
            Notice.of(
                "mx.areas_without_pairs",
                n=f"{empty:,}",
                total=f"{n_areas:,}",
                cutoff=f"{net.table.cutoff:g}",
            )
        )
    return out
