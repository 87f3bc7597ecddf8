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
        raise DataError(
            f"The file ‘{filename}’ is too large ({size_mb:.1f} MB).",
            f"Make it at most {max_mb:g} MB, e.g. keep only the 시군구 and columns you need.",
            problem_ko=f"‘{filename}’ 파일이 너무 큽니다({size_mb:.1f} MB).",
            fix_ko=f"{max_mb:g} MB 이하로 줄이거나 필요한 시군구/열만 남겨 올려 주세요.",
        )
    if not content.strip():
        raise DataError(
            f"The file ‘{filename}’ is empty.",
            "Upload a CSV or XLSX file with data in it.",
            problem_ko=f"‘{filename}’이(가) 빈 파일입니다.",
            fix_ko="내용이 있는 CSV 또는 XLSX 파일을 올려 주세요.",
        )
    lower = filename.lower()
    if not lower.endswith(suffixes):
        raise DataError(
            f"‘{filename}’ is not a format that can be read.",
            "Upload a CSV (.csv) or Excel (.xlsx) file.",
            problem_ko=f"‘{filename}’은(는) 읽을 수 있는 형식이 아닙니다.",
            fix_ko="CSV(.csv) 또는 엑셀(.xlsx) 파일을 올려 주세요.",
        )
    what = binary_kind(content)
    if lower.endswith((".csv", ".txt")) and what is not None:
        en, ko = what
        raise DataError(
            f"‘{filename}’ is not a text table: it looks like {en}, renamed to .csv.",
            "Upload the table itself: save it from Excel as CSV (UTF-8) or upload the .xlsx.",
            problem_ko=f"‘{filename}’은(는) 글자로 된 표가 아닙니다. 확장자만 .csv로 바꾼 "
            f"{ko}로 보입니다.",
            fix_ko="표 파일 자체를 올려 주세요. 엑셀에서 CSV(UTF-8)로 저장하거나 .xlsx 파일을 "
            "그대로 올리면 됩니다.",
        )
    if lower.endswith(".xlsx") and not content.startswith(b"PK\x03\x04"):
        raise DataError(
            f"‘{filename}’ is not an Excel (.xlsx) workbook.",
            "Open it in Excel and save it as .xlsx (or as CSV), then upload it again.",
            problem_ko=f"‘{filename}’은(는) 엑셀(.xlsx) 통합 문서가 아닙니다.",
            fix_ko="엑셀에서 열어 .xlsx(또는 CSV)로 다시 저장한 뒤 올려 주세요.",
        )


#: leading bytes of files that are no text table: (magic, English, Korean name)
_MAGIC = (
    (b"\x89PNG", "a PNG image", "PNG 그림 파일"),
    (b"\xff\xd8\xff", "a JPEG image", "JPEG 그림 파일"),
    (b"GIF8", "a GIF image", "GIF 그림 파일"),
    (b"%PDF", "a PDF document", "PDF 문서"),
    (
        b"PK\x03\x04",
        "a ZIP archive (an .xlsx workbook?)",
        "ZIP 압축 파일(.xlsx 통합 문서일 수 있음)",
    ),
    (b"\xd0\xcf\x11\xe0", "an old Office file (.xls/.hwp?)", "예전 오피스 파일(.xls 또는 .hwp)"),
)


def binary_kind(content: bytes) -> tuple[str, str] | None:
    """(English, Korean) name of what a file that is no text looks like, or None for text.
    Text in any Korean encoding (UTF-8, UTF-16 with BOM, CP949) has no NUL bytes outside UTF-16."""
    head = content[:4096]
    for magic, en, ko in _MAGIC:
        if head.startswith(magic):
            return en, ko
    if head.startswith((b"\xff\xfe", b"\xfe\xff")):  # UTF-16 text with its BOM
        return None
    if b"\x00" in head:
        return "a binary file", "이진(바이너리) 파일"
    return None


def sigungu_to_areas(base: BaseData, values: pd.Series) -> pd.Series:
    """Spread 시군구 (or 시) counts over their 행정동 by population (planning.demand's rule)."""
    from planning.demand import allocate_to_areas

    if "population" not in base.indicators.columns:
        raise DataError(
            "Without the population indicator, 시군구 values cannot be spread over 행정동.",
            "Reload the bundled data.",
            problem_ko="인구 지표가 없어 시군구 값을 행정동에 나눌 수 없습니다.",
            fix_ko="기본 자료를 다시 불러와 주세요.",
        )
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
            raise DataError(
                f"The KOSIS file ‘{filename}’ has no 실업자 (unemployed) column.",
                "Download it again with the item ‘실업자’ included.",
                problem_ko=f"KOSIS 파일 ‘{filename}’에 실업자 열이 없습니다.",
                fix_ko="‘실업자’ 항목을 포함해 다시 내려받아 올려 주세요.",
            )
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
            listed = ", ".join(names[:15])
            extra.append(
                Notice(
                    f"The unemployed of {len(names)} 시군구 missing from the KOSIS file "
                    f"({len(estimated)} 행정동: {listed}) were estimated at the national rate "
                    "per inhabitant.",
                    f"KOSIS 파일에 없는 시군구 {len(names)}곳({len(estimated)}개 행정동: "
                    f"{listed})의 실업자 수는 전국 인구 1인당 실업자 비율로 추정했습니다.",
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
            raise DataError(
                f"‘{filename}’ has no numeric column.",
                "Upload a table with a region column and numeric indicator columns.",
                problem_ko=f"‘{filename}’에 숫자 열이 없습니다.",
                fix_ko="지역 열과 숫자 지표 열이 있는 표를 올려 주세요.",
            )
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
            extra.append(
                Notice(
                    f"{undated} of {len(table)} centers have no opening month: they count as "
                    "open at every 'as of' month. To count them by the 'Network as of' slider, "
                    "give their opening month (YYYY-MM) in a column such as '개소일'.",
                    f"센터 {len(table)}곳 중 {undated}곳은 개소 월이 없어 모든 기준 시점에 문을 "
                    "연 것으로 셉니다. 기준 시점에 맞춰 세려면 ‘개소일’ 같은 열에 개소 월"
                    "(YYYY-MM)을 적어 주세요.",
                )
            )
        table["source_url"] = filename
        gdf = gpd.GeoDataFrame(
            table,
            geometry=gpd.points_from_xy(table["lon"].astype(float), table["lat"].astype(float)),
            crs=4326,
        )
        new = base.with_centers(gdf, filename)
        cols = ("center_id", "name_ko", "lat", "lon")
    else:
        kinds = ", ".join(DATA_KINDS)
        raise DataError(
            f"Unknown kind of data ‘{kind}’.",
            f"Choose one of {kinds}.",
            problem_ko=f"알 수 없는 자료 종류 ‘{kind}’입니다.",
            fix_ko=f"{kinds} 중 하나를 골라 주세요.",
        )
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
            n_areas, listed = int(missing.sum()), ", ".join(names[:15])
            out.append(
                Notice(
                    f"{len(names)} 시군구 ({n_areas} 행정동) have no ‘{col}’ value: {listed}. "
                    "To weight this indicator, upload a file with values for these 시군구.",
                    f"‘{col}’ 값이 없는 시군구 {len(names)}곳({n_areas}개 행정동): {listed}. "
                    "이 지표에 가중치를 주려면 이 시군구의 값이 든 파일을 올려 주세요.",
                )
            )
    return out
