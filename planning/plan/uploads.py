"""Data uploads (without Streamlit): size and type checks, then the importers, into a new
:class:`~planning.plan.model.BaseData` for the session (the bundled data is never changed).

Files are parsed as data, never executed or unpickled; errors name the problem and the fix.
"""

from __future__ import annotations

import io
from dataclasses import dataclass

import geopandas as gpd
import pandas as pd

from planning.errors import DataError
from planning.i18n import Msg, first, msg
from planning.plan.model import ALWAYS, BaseData
from planning.sources import Notice

MAX_UPLOAD_MB = 20
DATA_KINDS = ("kosis", "mois", "centers", "table")  # apply_upload: added to the BaseData
#: the upload kinds offered; "matrix" (planning.plan.matrix.read_matrix_upload) is a
#: travel table kept in the session
MATRIX_KIND = "matrix"
UPLOAD_KINDS = (*DATA_KINDS, MATRIX_KIND)


@dataclass(frozen=True)
class UploadReport:
    kind: str
    filename: str
    rows: int
    columns: tuple[str, ...]
    unmatched: tuple[str, ...]
    warnings: tuple[Notice, ...]  # ``asdict``: ({"en": ..., "ko": ...}, ...)
    vintage: str


class _Named(io.BytesIO):
    """Bytes with a ``name`` so importers can name the file in their messages."""

    def __init__(self, data: bytes, name: str) -> None:
        super().__init__(data)
        self.name = name


def check_upload(
    filename: str,
    content: bytes,
    max_mb: float = MAX_UPLOAD_MB,
    *,
    suffixes: tuple[str, ...] = (".csv", ".xlsx", ".txt"),
) -> None:
    """Size and emptiness checks before any parsing (files are parsed as data, never executed)."""
    size_mb = len(content) / 1024 / 1024
    if size_mb > max_mb:
        raise DataError.of("uploads.too_large", name=filename, mb=size_mb, most=max_mb)
    if not content.strip():
        raise DataError.of("uploads.empty", name=filename)
    lower = filename.lower()
    if not lower.endswith(suffixes):
        raise DataError.of("uploads.format", name=filename)
    what = binary_kind(content)
    if lower.endswith((".csv", ".txt")) and what is not None:
        raise DataError.of("uploads.binary", name=filename, what=what)
    if lower.endswith(".xlsx") and not content.startswith(b"PK\x03\x04"):
        raise DataError.of("uploads.not_xlsx", name=filename)


#: leading bytes of files that are no text table -> the catalog key of what they are
_MAGIC = (
    (b"\x89PNG", "uploads.kind.png"),
    (b"\xff\xd8\xff", "uploads.kind.jpeg"),
    (b"GIF8", "uploads.kind.gif"),
    (b"%PDF", "uploads.kind.pdf"),
    (b"PK\x03\x04", "uploads.kind.zip"),
    (b"\xd0\xcf\x11\xe0", "uploads.kind.office"),
)


def binary_kind(content: bytes) -> Msg | None:
    """What a file that is no text looks like (a text in both languages), or None for text.
    Text in any Korean encoding (UTF-8, UTF-16 with BOM, CP949) has no NUL bytes outside UTF-16."""
    head = content[:4096]
    for magic, key in _MAGIC:
        if head.startswith(magic):
            return msg(key)
    if head.startswith((b"\xff\xfe", b"\xfe\xff")):  # UTF-16 text with its BOM
        return None
    if b"\x00" in head:
        return msg("uploads.kind.binary")
    return None


def sigungu_to_areas(base: BaseData, values: pd.Series) -> pd.Series:
    """Spread 시군구 (or 시) counts over their 행정동 by population (planning.demand's rule)."""
    from planning.demand import allocate_to_areas

    if "population" not in base.indicators.columns:
        raise DataError.of("uploads.no_population")
    allocated = allocate_to_areas(values, base.indicators["population"], base.areas)
    return allocated.reindex(base.indicators.index)


def apply_upload(
    base: BaseData, kind: str, filename: str, content: bytes
) -> tuple[BaseData, UploadReport]:
    """Run the importer for ``kind`` on the uploaded bytes and add the result to ``base``.

    Raises DataError with what to fix; the caller keeps the previous ``base`` on error.
    """
    check_upload(filename, content)
    src = _Named(content, filename)
    extra: list[Notice] = []
    if kind == "kosis":
        from planning.sources.kosis import read_kosis_employment

        res = read_kosis_employment(src)
        if "unemployed" not in res.table.columns:
            raise DataError.of("uploads.no_unemployed", name=filename)
        from planning.demand import fill_missing_at_national_rate

        allocated, estimated = fill_missing_at_national_rate(
            sigungu_to_areas(base, res.table["unemployed"]), base.indicators["population"]
        )
        new = base.with_indicator(
            "unemployed", allocated, f"{res.vintage} · {res.source}".strip(" ·")
        )
        cols: tuple[str, ...] = ("unemployed",)
        if len(estimated):
            est = base.areas.set_index("area_code").loc[estimated]
            names = (est["sido_ko"] + " " + est["sigungu_ko"]).drop_duplicates().tolist()
            extra.append(
                Notice.of(
                    "uploads.unemployed_estimated",
                    n=len(names),
                    areas=len(estimated),
                    names=first(names, 15, sep=", "),
                )
            )
    elif kind == "mois":
        from planning.sources.mois import read_mois_population

        res = read_mois_population(src)
        new = base
        added = []
        if "age_65_plus" in res.table.columns:  # 연령별 인구현황: the 65+ indicator
            new = new.with_indicator(
                "elderly",
                sigungu_to_areas(base, res.table["age_65_plus"]),
                f"{res.vintage} · {res.source}".strip(" ·"),
            )
            added.append("elderly")
        new = new.with_indicator(
            "residents",
            sigungu_to_areas(base, res.table["residents"]),
            f"{res.vintage} · {res.source}".strip(" ·"),
        )
        added.append("residents")
        cols = tuple(added)
    elif kind == "table":
        from planning.sources.generic import read_region_table

        res = read_region_table(src)
        new = base
        numeric = [c for c in res.table.columns if pd.api.types.is_numeric_dtype(res.table[c])]
        if not numeric:
            raise DataError.of("uploads.no_numeric", name=filename)
        for col in numeric:
            key = str(col)
            new = new.with_indicator(key, sigungu_to_areas(base, res.table[col]), f"{filename}")
        cols = tuple(map(str, numeric))
    elif kind == "centers":
        from planning.sources.centerlist import read_center_list

        res = read_center_list(src, strict=False)
        table = res.table.reset_index()
        table = table.rename(columns={"name": "name_ko", table.columns[0]: "center_id"})
        # a center without an opening month counts as existing at every 'as of' month
        if "opened" not in table.columns:
            table["opened"] = pd.NA
        table["open_by"] = table["opened"].fillna(ALWAYS).astype(str)
        table["opened"] = table["opened"].fillna("").astype(str)
        undated = int((table["open_by"] == ALWAYS).sum())
        if undated:
            extra.append(Notice.of("uploads.undated", undated=undated, n=len(table)))
        table["source_url"] = filename
        gdf = gpd.GeoDataFrame(
            table,
            geometry=gpd.points_from_xy(table["lon"].astype(float), table["lat"].astype(float)),
            crs=4326,
        )
        new = base.with_centers(gdf, filename)
        cols = ("center_id", "name_ko", "lat", "lon")
    else:
        raise DataError.of("uploads.unknown_kind", kind=kind, kinds=", ".join(DATA_KINDS))
    warnings = [*res.warnings, *extra, *_gaps(new, cols)]
    report = UploadReport(
        kind, filename, res.matched, cols, tuple(res.unmatched), tuple(warnings), res.vintage
    )
    return new, report


def _gaps(base: BaseData, columns: tuple[str, ...]) -> list[Notice]:
    """A warning per uploaded indicator that leaves some 시군구 without values."""
    out: list[Notice] = []
    for col in columns:
        if col not in base.indicators.columns:
            continue
        missing = base.indicators[col].isna().to_numpy()
        if missing.any():
            names = (
                (base.areas.loc[missing, "sido_ko"] + " " + base.areas.loc[missing, "sigungu_ko"])
                .drop_duplicates()
                .tolist()
            )
            out.append(
                Notice.of(
                    "uploads.gaps",
                    column=col,
                    n=len(names),
                    areas=int(missing.sum()),
                    names=first(names, 15, sep=", "),
                )
            )
    return out
