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
from planning.i18n import Joined, Msg, first, msg

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
            raise DataError.of("readers.not_found", path=path)
        data = path.read_bytes()
    elif hasattr(source, "read"):
        data = source.read()
        if isinstance(data, str):
            data = data.encode("utf-8")
    else:
        raise DataError.of("readers.not_a_file", kind=type(source).__name__)
    if not data or not data.strip():
        raise DataError.of("readers.empty", name=source_name(source))
    if len(data) > _MAX_BYTES:
        raise DataError.of("readers.too_large", name=source_name(source), mb=_MAX_BYTES // 2**20)
    return data


def file_kind(data: bytes, name: str = "") -> str:
    """``"xlsx"`` or ``"csv"`` from the content (not the extension); old .xls is refused."""
    if data.startswith(_XLSX_MAGIC):
        return "xlsx"
    if data.startswith(_XLS_MAGIC) or name.lower().endswith(".xls"):
        raise DataError.of("readers.xls", name=name or "upload")
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
    raise DataError.of("readers.encoding", name=name)


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
        raise DataError.of("readers.no_rows", name=name)
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
        raise DataError.of(
            "readers.xlsx_broken", name=name, detail=f"{type(exc).__name__}: {exc}"
        ) from exc


def read_table(source: Source) -> pd.DataFrame:
    """A one-header-row CSV/XLSX table with every cell as a stripped string (empty -> NA)."""
    rows, _ = read_rows(source)
    name = source_name(source)
    header = rows[0]
    if not any(header):
        raise DataError.of("readers.empty_header", name=name)
    width = max(len(r) for r in rows)
    header = header + [""] * (width - len(header))
    header = [h if h else f"column {i + 1}" for i, h in enumerate(header)]
    body = [r + [""] * (width - len(r)) for r in rows[1:] if any(r)]
    if not body:
        raise DataError.of("readers.no_data_rows", name=name)
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
    how_to_export: Msg,
) -> dict[str, str]:
    """Map each wanted key to a column (by its aliases) or raise naming the missing one;
    ``how_to_export`` (``msg(key)``) is the fix."""
    cols = list(columns)
    found: dict[str, str] = {}
    for key, aliases in wanted.items():
        col = find_column(cols, aliases)
        if col is None:
            raise DataError.of(
                "readers.missing",
                missing=missing_column(aliases[0], name, cols),
                how=how_to_export,
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
        raise DataError.of("readers.not_numbers", column=column, rows=rows)
    if not allow_missing and number.isna().any():
        rows = _describe(values, number.isna(), labels, first_row)
        raise DataError.of("readers.nan", column=column, rows=rows)
    negative = number < 0
    if negative.any():
        rows = _describe(values, negative.fillna(False), labels, first_row)
        raise DataError.of("readers.negative", column=column, rows=rows)
    return pd.Series(number.to_numpy(), index=values.index, name=column)


def _describe(
    values: pd.Series,
    mask: pd.Series,
    labels: Sequence[str],
    first_row: int,
    limit: int = 5,
) -> Joined:
    """The rows of ``mask`` as "row 12 '서울 종로구' = 'X'" (first ``limit``, and how many more)."""
    idx = [i for i, m in enumerate(mask.fillna(False).to_numpy()) if m]
    parts = [row_value(row_label(i + first_row, labels[i]), repr(values.iloc[i])) for i in idx]
    return first(parts, limit, more_key="list.more_rows")


def row_label(row: int, name: object) -> Msg:
    """ "row 12 '서울 종로구'" / "12행 ‘서울 종로구’"."""
    return msg("row.label", row=row, name=name)


def row_value(label: object, value: object) -> Msg:
    """ "row 12 '서울 종로구' = 'X'"."""
    return msg("row.value", label=label, value=value)


def missing_column(column: str, name: str, found: Sequence[str]) -> Msg:
    """ "column X missing in file Y; found: [...]" in both languages."""
    return msg("readers.missing_column", column=column, name=name, found=list(found))


def missing_column_ko(column: str, name: str, found: Sequence[str]) -> str:
    """Korean text of "column X missing in file Y; found: [...]"."""
    return missing_column(column, name, found).text("ko")


def clean_name(text: object) -> str:
    """Collapse whitespace in a region or center name."""
    if _blank(text):
        return ""
    return re.sub(r"\s+", " ", str(text)).strip()
