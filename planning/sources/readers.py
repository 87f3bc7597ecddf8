"""Shared file readers for importers: bytes in, validated text/tables out.

Every importer accepts a path, raw ``bytes`` (what Streamlit uploads give) or a binary file-like
object. Files are only *parsed* (CSV text or XLSX cells), never executed or unpickled.
"""

from __future__ import annotations

import csv
import io
import math
import os
import re
from collections.abc import Iterable, Mapping, Sequence
from pathlib import Path
from typing import IO

import pandas as pd

from planning.errors import DataError

Source = str | os.PathLike | bytes | bytearray | IO[bytes]

_XLSX_MAGIC = b"PK\x03\x04"
_XLS_MAGIC = b"\xd0\xcf\x11\xe0"
_MAX_BYTES = 200 * 1024 * 1024


def source_name(source: Source) -> str:
    """A short label for messages: the file name, or ``"upload"`` for bytes."""
    if isinstance(source, (str, os.PathLike)):
        return Path(source).name
    return str(getattr(source, "name", "upload"))


def read_bytes(source: Source) -> bytes:
    """Return the raw bytes of a path, bytes or binary file-like object."""
    if isinstance(source, (bytes, bytearray)):
        data = bytes(source)
    elif isinstance(source, (str, os.PathLike)):
        path = Path(source)
        if not path.is_file():
            raise DataError(
                f"file not found: {path}",
                "check the path, or upload the file again",
                problem_ko=f"파일을 찾을 수 없습니다: {path}",
                fix_ko="경로를 확인하거나 파일을 다시 올려 주세요.",
            )
        data = path.read_bytes()
    elif hasattr(source, "read"):
        data = source.read()
        if isinstance(data, str):
            data = data.encode("utf-8")
    else:
        raise DataError(
            f"cannot read a {type(source).__name__} as a file",
            "pass a file path, the uploaded bytes or an open binary file",
            problem_ko=f"{type(source).__name__} 형식은 파일로 읽을 수 없습니다.",
            fix_ko="파일 경로, 올린 파일의 바이트 또는 열린 바이너리 파일을 넘겨 주세요.",
        )
    if not data or not data.strip():
        raise DataError(
            f"'{source_name(source)}' is empty",
            "export the table again; the file has no content",
            problem_ko=f"‘{source_name(source)}’ 파일이 비어 있습니다.",
            fix_ko="파일에 내용이 없습니다. 표를 다시 내려받아 올려 주세요.",
        )
    if len(data) > _MAX_BYTES:
        raise DataError(
            f"'{source_name(source)}' is larger than {_MAX_BYTES // 2**20} MB",
            "export only the columns and regions you need",
            problem_ko=f"‘{source_name(source)}’ 파일이 {_MAX_BYTES // 2**20} MB보다 큽니다.",
            fix_ko="필요한 열과 지역만 남겨 다시 내려받아 주세요.",
        )
    return data


def file_kind(data: bytes, name: str = "") -> str:
    """``"xlsx"`` or ``"csv"`` from the content (not the extension); old .xls is refused."""
    if data.startswith(_XLSX_MAGIC):
        return "xlsx"
    if data.startswith(_XLS_MAGIC) or name.lower().endswith(".xls"):
        raise DataError(
            f"'{name or 'upload'}' is an old Excel 97-2003 (.xls) workbook",
            "open it in Excel or LibreOffice and save it as .xlsx or as CSV (UTF-8)",
            problem_ko=f"‘{name or 'upload'}’ 파일은 예전 엑셀 97-2003(.xls) 형식입니다.",
            fix_ko="엑셀이나 리브레오피스에서 열어 .xlsx 또는 CSV(UTF-8)로 저장한 뒤 다시 올려 주세요.",
        )
    return "csv"


def _looks_korean(text: str) -> bool:
    """True when the non-ASCII characters are mostly Hangul (catches mis-decoded bytes)."""
    non_ascii = [ch for ch in text if ord(ch) > 127 and not ch.isspace()]
    if not non_ascii:
        return True
    hangul = sum(1 for ch in non_ascii if "\uac00" <= ch <= "\ud7a3" or "\u3131" <= ch <= "\u318e")
    common = sum(1 for ch in non_ascii if ch in "·※○●◎△▲▽▼□■%％~～–—‘’“”…℃㎡")
    return (hangul + common) / len(non_ascii) >= 0.6


def decode_text(data: bytes, name: str = "upload") -> tuple[str, str]:
    """Decode CSV bytes as UTF-8 (with or without BOM) or CP949/EUC-KR; return (text, encoding)."""
    for encoding in ("utf-8-sig", "cp949"):
        try:
            text = data.decode(encoding)
        except UnicodeDecodeError:
            continue
        if encoding == "cp949" and not _looks_korean(text):
            break
        if "\x00" in text:
            break
        return text, ("utf-8" if encoding == "utf-8-sig" else "cp949")
    raise DataError(
        f"the file '{name}' is not UTF-8 or CP949 (EUC-KR) text",
        "save it again as 'CSV UTF-8' (Excel: Save As > CSV UTF-8) or as .xlsx",
        problem_ko=f"‘{name}’ 파일의 글자 코드가 UTF-8이나 CP949(EUC-KR)가 아닙니다.",
        fix_ko=(
            "‘CSV UTF-8’(엑셀: 다른 이름으로 저장 > CSV UTF-8) 또는 .xlsx로 저장한 뒤 "
            "다시 올려 주세요."
        ),
    )


def read_rows(source: Source) -> tuple[list[list[str]], str]:
    """All cells of a CSV or the first XLSX sheet as strings (no header handling); and the kind."""
    data = read_bytes(source)
    name = source_name(source)
    kind = file_kind(data, name)
    if kind == "xlsx":
        frame = _read_xlsx(data, name, header=None)
        rows = [["" if _blank(v) else _cell_text(v) for v in row] for row in frame.to_numpy()]
    else:
        text, _ = decode_text(data, name)
        rows = list(csv.reader(io.StringIO(text), delimiter=_delimiter(text)))
    rows = [[c.strip() for c in row] for row in rows]
    while rows and not any(rows[-1]):
        rows.pop()
    if not rows:
        raise DataError(
            f"'{name}' has no rows",
            "export the table again with its data rows",
            problem_ko=f"‘{name}’ 파일에 행이 없습니다.",
            fix_ko="자료 행이 포함되도록 표를 다시 내려받아 주세요.",
        )
    return rows, kind


def _delimiter(text: str) -> str:
    """',' unless the first line has none and has tabs or semicolons (European Excel CSV)."""
    first = next((line for line in text.splitlines() if line.strip()), "")
    if "," in first:
        return ","
    if "\t" in first:
        return "\t"
    return ";" if ";" in first else ","


def _cell_text(value: object) -> str:
    if isinstance(value, float) and value.is_integer():
        return str(int(value))
    return str(value)


def _blank(value: object) -> bool:
    return value is None or (isinstance(value, float) and math.isnan(value)) or value is pd.NA


def _read_xlsx(data: bytes, name: str, header: int | None) -> pd.DataFrame:
    try:
        return pd.read_excel(io.BytesIO(data), sheet_name=0, header=header, engine="openpyxl")
    except Exception as exc:  # openpyxl raises many types for a broken workbook
        raise DataError(
            f"'{name}' looks like an .xlsx workbook but cannot be read ({type(exc).__name__}: {exc})",
            "open and save it again in Excel/LibreOffice, or export it as CSV (UTF-8)",
            problem_ko=(
                f"‘{name}’ 파일은 .xlsx 통합문서로 보이지만 읽을 수 없습니다"
                f"({type(exc).__name__}: {exc})."
            ),
            fix_ko="엑셀이나 리브레오피스에서 열어 다시 저장하거나, CSV(UTF-8)로 내려받아 올려 주세요.",
        ) from exc


def read_table(source: Source) -> pd.DataFrame:
    """A one-header-row CSV/XLSX table with every cell as a stripped string (empty -> NA)."""
    rows, _ = read_rows(source)
    name = source_name(source)
    header = rows[0]
    if not any(header):
        raise DataError(
            f"'{name}' has an empty first row",
            "put the column names in the first row",
            problem_ko=f"‘{name}’ 파일의 첫 행이 비어 있습니다.",
            fix_ko="첫 행에 열 이름을 적어 주세요.",
        )
    width = max(len(r) for r in rows)
    header = header + [""] * (width - len(header))
    header = [h if h else f"column {i + 1}" for i, h in enumerate(header)]
    body = [r + [""] * (width - len(r)) for r in rows[1:] if any(r)]
    if not body:
        raise DataError(
            f"'{name}' has column names but no data rows",
            "export the data rows too",
            problem_ko=f"‘{name}’ 파일에 열 이름만 있고 자료 행이 없습니다.",
            fix_ko="자료 행도 함께 내려받아 주세요.",
        )
    frame = pd.DataFrame(body, columns=header, dtype="string")
    return frame.replace("", pd.NA)


def normalize_header(text: str) -> str:
    """Lower-case, no spaces or punctuation: '실업자 (천명)' -> '실업자천명'."""
    return re.sub(r"[\s_\-()\[\]{}:.,/·%％]+", "", str(text)).lower()


def find_column(
    columns: Iterable[str],
    aliases: Sequence[str],
    *,
    exclude: Sequence[str] = (),
    exact: bool = False,
) -> str | None:
    """The first column whose normalised name equals, then (unless ``exact``) contains, one of
    ``aliases``. Containment is only tried for aliases of 3+ Latin or 2+ Korean characters, so
    'y' never matches 'city' and 'id' never matches 'width'."""
    cols = list(columns)
    normal = {c: normalize_header(c) for c in cols}
    keys = [normalize_header(a) for a in aliases]
    bad = [normalize_header(e) for e in exclude]
    ok = [c for c in cols if not any(b and b in normal[c] for b in bad)]
    for key in keys:
        for c in ok:
            if normal[c] == key:
                return c
    if exact:
        return None
    for key in keys:
        if len(key) < (2 if any(ord(ch) > 127 for ch in key) else 3):
            continue
        for c in ok:
            if key in normal[c]:
                return c
    return None


def require_columns(
    columns: Iterable[str],
    wanted: Mapping[str, Sequence[str]],
    *,
    name: str,
    how_to_export: str,
    how_to_export_ko: str = "",
) -> dict[str, str]:
    """Map each wanted key to a column (by its aliases) or raise naming the missing one."""
    cols = list(columns)
    found: dict[str, str] = {}
    for key, aliases in wanted.items():
        col = find_column(cols, aliases)
        if col is None:
            raise DataError(
                f"column '{aliases[0]}' missing in '{name}'; found: {cols}",
                how_to_export,
                problem_ko=missing_column_ko(aliases[0], name, cols),
                fix_ko=how_to_export_ko,
            )
        found[key] = col
    return found


_NUMBER_JUNK = re.compile(r"[,\s%％]")


def to_numbers(
    values: pd.Series,
    *,
    column: str,
    labels: Sequence[str],
    allow_missing: bool = False,
    zero_dash: bool = True,
    first_row: int = 2,
) -> pd.Series:
    """Parse '1,234', '-', '12.5' into floats; name the rows with text, NaN or negative values.

    ``first_row`` is the file line of the first value (2 below a one-line header), so messages
    say "row 12 '서울 종로구'" with the line a spreadsheet shows.
    """
    text = values.astype("string").str.strip()
    text = text.str.replace(_NUMBER_JUNK, "", regex=True)
    if zero_dash:
        text = text.mask(text.isin(["-", "−", "–"]), "0")
    number = pd.to_numeric(text, errors="coerce").astype("float64")
    bad_text = number.isna() & text.notna() & (text != "")
    if bad_text.any():
        rows = _describe(values, bad_text, labels, first_row)
        rows_ko = _describe(values, bad_text, labels, first_row, lang="ko")
        raise DataError(
            f"column '{column}' has values that are not numbers: {rows}",
            "remove footnote marks and text such as 'X' or '…' from the numbers, or leave the cell empty",
            problem_ko=f"‘{column}’ 열에 숫자가 아닌 값이 있습니다: {rows_ko}",
            fix_ko="숫자에서 각주 표시와 ‘X’, ‘…’ 같은 글자를 지우거나 칸을 비워 주세요.",
        )
    if not allow_missing and number.isna().any():
        rows = _describe(values, number.isna(), labels, first_row)
        rows_ko = _describe(values, number.isna(), labels, first_row, lang="ko")
        raise DataError(
            f"column '{column}' has empty (NaN) values: {rows}",
            "fill the missing values, or delete those rows before importing",
            problem_ko=f"‘{column}’ 열에 빈 값(NaN)이 있습니다: {rows_ko}",
            fix_ko="빈 값을 채우거나, 해당 행을 지운 뒤 다시 올려 주세요.",
        )
    negative = number < 0
    if negative.any():
        rows = _describe(values, negative.fillna(False), labels, first_row)
        rows_ko = _describe(values, negative.fillna(False), labels, first_row, lang="ko")
        raise DataError(
            f"column '{column}' has negative values: {rows}",
            "counts and rates must be zero or more; correct those rows",
            problem_ko=f"‘{column}’ 열에 음수 값이 있습니다: {rows_ko}",
            fix_ko="인원과 비율은 0 이상이어야 합니다. 해당 행을 고쳐 주세요.",
        )
    return pd.Series(number.to_numpy(), index=values.index, name=column)


def _describe(
    values: pd.Series,
    mask: pd.Series,
    labels: Sequence[str],
    first_row: int,
    limit: int = 5,
    lang: str = "en",
) -> str:
    idx = [i for i, m in enumerate(mask.fillna(False).to_numpy()) if m]
    if lang == "ko":
        parts = [f"{i + first_row}행 ‘{labels[i]}’ = {values.iloc[i]!r}" for i in idx[:limit]]
        more = f" 외 {len(idx) - limit}개 행" if len(idx) > limit else ""
    else:
        parts = [f"row {i + first_row} '{labels[i]}' = {values.iloc[i]!r}" for i in idx[:limit]]
        more = f" and {len(idx) - limit} more" if len(idx) > limit else ""
    return "; ".join(parts) + more


def missing_column_ko(column: str, name: str, found: Sequence[str]) -> str:
    """Korean text of "column X missing in file Y; found: [...]"."""
    return f"‘{name}’ 파일에 ‘{column}’ 열이 없습니다. 있는 열: {list(found)}"


def clean_name(text: object) -> str:
    """Collapse whitespace in a region or center name."""
    if _blank(text):
        return ""
    return re.sub(r"\s+", " ", str(text)).strip()
