"""The ``matrix`` engine: a user-supplied origin-destination table of minutes.

The file (CSV or Parquet) has the columns ``origin_id``, ``destination_id``, ``minutes`` (e.g.
exported from OSRM's table service or a transit router), in the direction people travel:
``origin_id`` is the 행정동 where they live (8-digit ``area_code``), ``destination_id`` the site
(a candidate's ``area_code``, or an existing center's ``center_id`` ``C001`` or ``C:C001``). The
app's upload and ``python -m planning catchments --travel matrix`` read the same file. Ids are
compared as text, so keep leading zeros. Duplicate pairs keep their smallest minutes.
"""

from __future__ import annotations

from collections.abc import Sequence
from pathlib import Path

import numpy as np
import pandas as pd

from planning.errors import TravelError
from planning.i18n import Msg, msg
from planning.travel.table import TravelTable

COLUMNS = ("origin_id", "destination_id", "minutes")
#: an existing center's site id is this prefix + its ``center_id`` (``C:C001``)
CENTER_PREFIX = "C:"


SUFFIXES = (".csv", ".txt", ".tsv", ".gz", ".parquet", ".pq")  # read_matrix (CLI)


def clean_ids(col: pd.Series) -> pd.Series:
    """Ids as text; integer-valued numbers (a Parquet int column, ``11010530.0``) lose the ``.0``."""
    if pd.api.types.is_numeric_dtype(col) and not pd.api.types.is_bool_dtype(col):
        num = pd.to_numeric(col, errors="coerce")
        if num.dropna().mod(1).eq(0).all():
            return num.astype("Int64").astype("string")
    text = col.astype("string").str.strip()
    return text.str.replace(r"^(\d+)\.0+$", r"\1", regex=True)


def parse_matrix(
    name: str, content: bytes, *, max_rows: int | None = None, cutoff: float = 90.0
) -> pd.DataFrame:
    """An OD table from the bytes of a file called ``name``: Parquet, or CSV (optionally gzipped)
    separated by commas or tabs in UTF-8 (with or without BOM) or CP949. Read as data, never unpickled or executed;
    ids cleaned (:func:`clean_ids`), nothing validated yet (:func:`validate_matrix`). A Parquet
    file over ``max_rows`` rows is refused before it is read. The app's upload and
    :func:`read_matrix` (the CLI) both read files through here."""
    import io

    buf = io.BytesIO(content)
    try:
        if name.lower().endswith((".parquet", ".pq")):
            import pyarrow.parquet as pq

            n = pq.ParquetFile(io.BytesIO(content)).metadata.num_rows
            if max_rows is not None and n > max_rows:
                raise TravelError.of(
                    "travel_matrix.too_many_rows",
                    fix_key="mx.too_many_rows_fix",
                    name=name,
                    n=n,
                    max=max_rows,
                    cutoff=int(cutoff),
                )
            df = pd.read_parquet(buf)
        else:
            if content[:2] == b"\x1f\x8b":  # gzip-compressed CSV (read_matrix only)
                import gzip

                content = gzip.decompress(content)
                buf = io.BytesIO(content)
            head = content[:4096].split(b"\n", 1)[0]
            sep = "\t" if b"\t" in head and b"," not in head else ","
            ids = {"origin_id": "string", "destination_id": "string"}
            try:
                df = pd.read_csv(buf, sep=sep, dtype=ids, encoding="utf-8-sig")
            except UnicodeDecodeError:
                df = pd.read_csv(io.BytesIO(content), sep=sep, dtype=ids, encoding="cp949")
    except TravelError:
        raise
    except Exception as exc:  # noqa: BLE001 - any parser failure is the file's problem
        detail = str(exc)[:200]
        raise TravelError.of(
            "travel_matrix.unreadable", fix_key="mx.unreadable_fix", name=name, detail=detail
        ) from exc
    for col in ("origin_id", "destination_id"):
        if col in df.columns:
            df[col] = clean_ids(df[col])
    return df


def read_matrix(path: str | Path) -> pd.DataFrame:
    """Read and validate an OD table file (as :func:`parse_matrix`): ``origin_id`` and
    ``destination_id`` as text, ``minutes`` as finite numbers ``>= 0``."""
    path = Path(path)
    if not path.exists():
        raise TravelError.of("travel_matrix.missing", path=path)
    if not path.name.lower().endswith(SUFFIXES):
        raise TravelError.of("travel_matrix.suffix", name=path.name)
    return validate_matrix(parse_matrix(path.name, path.read_bytes()), name=path.name)


def validate_matrix(df: pd.DataFrame, *, name: str = "the matrix") -> pd.DataFrame:
    missing = [c for c in COLUMNS if c not in df.columns]
    if missing:
        raise TravelError.of(
            "travel_matrix.columns",
            name=name,
            missing=", ".join(missing),
            found=", ".join(map(str, df.columns)),
        )
    out = pd.DataFrame(
        {
            "origin_id": df["origin_id"].astype("string").str.strip(),
            "destination_id": df["destination_id"].astype("string").str.strip(),
            "minutes": pd.to_numeric(df["minutes"], errors="coerce"),
        }
    )
    bad = out["origin_id"].isna() | out["destination_id"].isna()
    bad |= ~np.isfinite(out["minutes"].to_numpy(dtype=float, na_value=np.nan))
    bad |= out["minutes"] < 0
    if bad.any():
        row = int(np.flatnonzero(bad.to_numpy())[0])
        raise TravelError.of("travel_matrix.bad_rows", name=name, n=int(bad.sum()), row=row + 2)
    if out.empty:
        raise TravelError.of("travel_matrix.empty", name=name)
    return out


def _unknown(ids: np.ndarray, known: set[str]) -> list[str]:
    return [i for i in ids if i not in known]


def site_aliases(site_ids: Sequence) -> pd.DataFrame:
    """The ids an OD table may use for each site, as rows ``id`` (text) -> ``si`` (position in
    ``site_ids``): the site id itself (a candidate's 8-digit ``area_code``, an existing center's
    ``C:C001``) and, for a center, its bare ``center_id`` (``C001``) unless another site has
    exactly that id (the 행정동 wins). Several sites may share an id (two sites in one 행정동)."""
    ids = pd.Series([str(s).strip() for s in site_ids], dtype=object)
    exact = pd.DataFrame({"id": ids, "si": np.arange(len(ids))})
    is_center = ids.str.startswith(CENTER_PREFIX).to_numpy(dtype=bool)
    bare = pd.DataFrame(
        {
            "id": ids[is_center].str.removeprefix(CENTER_PREFIX).to_numpy(dtype=object),
            "si": np.flatnonzero(is_center),
        }
    )
    bare = bare[~bare["id"].isin(set(ids))]
    return pd.concat([exact, bare], ignore_index=True)


def looks_reversed(od: pd.DataFrame, site_ids: Sequence, area_ids: Sequence) -> bool:
    """Whether an OD table that does not fit the sites and areas reads as written the other way
    round (origin = site, destination = 행정동): every destination is a known 행정동, and either
    the unknown origins are all site ids (``C001``) or every site is an origin while none is a
    destination. Only used to word an error, never to guess the direction."""
    areas = {str(a) for a in area_ids}
    dests = set(od["destination_id"].unique())
    if not dests <= areas:
        return False
    origins = set(od["origin_id"].unique())
    keys = site_aliases(site_ids)
    unknown = origins - areas
    if unknown:
        return unknown <= set(keys["id"])
    sites = {str(s).strip() for s in site_ids}
    return bool(sites) and sites <= origins and not (set(keys["id"]) & dests)


def _swap_hint(reversed_: bool) -> Msg | str:
    """The hint that the file looks reversed, or nothing."""
    return msg("travel_matrix.swap") if reversed_ else ""


def matrix_table(
    od: pd.DataFrame | str | Path,
    site_ids: Sequence,
    area_ids: Sequence,
    *,
    cutoff: float,
) -> TravelTable:
    """Travel table from an OD table whose ``origin_id`` is the 행정동 where people live and
    ``destination_id`` the site they travel to (the app's upload format).

    ``area_ids`` are looked up among the origins and ``site_ids`` among the destinations, by the
    rules of :func:`site_aliases` (a center ``C:C001`` also as ``C001``). Every origin must be a
    known area and every site a destination, otherwise :class:`TravelError` (saying when the
    file looks reversed); destinations that are no site are ignored."""
    if cutoff is None or not np.isfinite(cutoff) or cutoff <= 0:
        raise TravelError.of("travel.threshold", cutoff=cutoff)
    df = read_matrix(od) if isinstance(od, (str, Path)) else validate_matrix(od)
    s_ids = np.array([str(s) for s in site_ids], dtype=object)
    a_ids = np.array([str(a) for a in area_ids], dtype=object)
    keys = site_aliases(s_ids)
    unknown = _unknown(list(df["origin_id"].unique()), set(a_ids))
    if unknown:
        raise TravelError.of(
            "travel_matrix.unknown_origins",
            n=len(unknown),
            examples=", ".join(map(str, unknown[:3])),
            hint=_swap_hint(looks_reversed(df, s_ids, a_ids)),
        )
    dests = set(df["destination_id"].unique())
    found = set(keys.loc[keys["id"].isin(dests), "si"])
    missing = [s for i, s in enumerate(s_ids) if i not in found]
    missing = list(dict.fromkeys(missing))
    if missing:
        raise TravelError.of(
            "travel_matrix.missing_sites",
            n=len(missing),
            examples=", ".join(missing[:3]),
            hint=_swap_hint(looks_reversed(df, s_ids, a_ids)),
        )
    if len(set(a_ids)) != len(a_ids):
        raise TravelError.of("travel_matrix.duplicate_areas")
    sites = pd.DataFrame(
        {"destination_id": pd.array(keys["id"], dtype="string"), "si": keys["si"].to_numpy()}
    )
    areas = pd.DataFrame(
        {"origin_id": pd.array(a_ids, dtype="string"), "ai": np.arange(len(a_ids))}
    )
    pairs = df.merge(sites, on="destination_id").merge(areas, on="origin_id")
    return TravelTable.from_pairs(
        np.asarray(site_ids),
        np.asarray(area_ids),
        pairs["si"].to_numpy(),
        pairs["ai"].to_numpy(),
        pairs["minutes"].to_numpy(dtype=float),
        cutoff=cutoff,
        engine="matrix",
    )
