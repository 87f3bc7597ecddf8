"""KOSIS 지역별고용조사 시군구 export (경제활동인구 총괄) in its native layout.

The download has two header rows (period labels such as ``H202401 2024.1/2``, then item labels
such as ``T4 실업자 (천명)``), and a first column like ``"1101 서울 종로구"`` (KOSIS 4-digit area
code + short name). Counts are in thousands of persons, rates in percent. Cities with 일반구
are reported once at 시 level (``"3101 수원시"``); their 시-level code is kept and the demand
layer allocates it to 구/행정동.
"""

from __future__ import annotations

import re

import pandas as pd

from planning import crosswalk
from planning.errors import DataError
from planning.i18n import msg
from planning.sources import ImportResult, Notice
from planning.sources.readers import (
    Source,
    clean_name,
    find_column,
    missing_column,
    normalize_header,
    read_rows,
    source_name,
    to_numbers,
)

SOURCE = "통계청, 지역별고용조사 (KOSIS)"
# key -> (aliases, excluded words, required)
_ITEMS: dict[str, tuple[tuple[str, ...], tuple[str, ...], bool]] = {
    "unemployed": (("실업자",), ("실업률",), True),
    "unemployment_rate": (("실업률",), (), True),
    "labour_force": (("경제활동인구",), ("비경제활동", "참가율"), True),
    "employment_rate": (("고용률",), ("15~64", "1564", "15-64"), True),
    "employed": (("취업자",), (), False),
    "population_15plus": (("15세이상인구",), (), False),
}
_COUNTS = ("unemployed", "labour_force", "employed", "population_15plus")
_REGION = re.compile(r"^(\d{2,5})\s+(.+)$")


def _vintage(label: str) -> str:
    """'H202401 2024.1/2' -> '2024 H1'; '2024' -> '2024'; otherwise the label itself."""
    if m := re.search(r"(\d{4})\s*\.\s*([12])\s*/\s*2", label):
        return f"{m.group(1)} H{m.group(2)}"
    if m := re.search(r"H(\d{4})0([12])", label):
        return f"{m.group(1)} H{m.group(2)}"
    if m := re.fullmatch(r"\s*(\d{4})\s*(년)?\s*", label):
        return m.group(1)
    return label.strip()


def _header_rows(rows: list[list[str]], name: str) -> tuple[int, int | None]:
    """(item row, period row or None) among the first lines."""
    item_row = next(
        (i for i, r in enumerate(rows[:6]) if any("실업" in c for c in r[1:])),
        None,
    )
    if item_row is None:
        found = [c for r in rows[:2] for c in r if c][:12]
        raise DataError.of(
            "readers.missing", missing=missing_column("실업자", name, found), how=msg("kosis.how")
        )
    period_row = next(
        (
            i
            for i in range(item_row + 2)
            if i != item_row and i < len(rows) and any(re.search(r"\d{4}", c) for c in rows[i][1:])
        ),
        None,
    )
    return item_row, period_row


def read_kosis_employment(source: Source, period: str | None = None) -> ImportResult:
    """Unemployment per 시군구 from a KOSIS 지역별고용조사 export.

    Returns an :class:`ImportResult` indexed by KOSTAT ``sigungu_code`` with ``unemployed``,
    ``labour_force`` (and ``employed``, ``population_15plus`` when present) in *persons*
    (thousands x 1000), ``unemployment_rate`` and ``employment_rate`` in percent, plus
    ``kosis_code`` and ``name_ko``. ``period`` picks one period label (e.g. ``"2024 H1"``) when the
    export holds several; the latest is used by default. 시도 and 전국 total rows are skipped.
    """
    name = source_name(source)
    rows, _ = read_rows(source)
    item_row, period_row = _header_rows(rows, name)
    width = max(len(r) for r in rows)
    items = rows[item_row] + [""] * (width - len(rows[item_row]))
    periods = [""] * width
    if period_row is not None:
        last = ""
        for i, c in enumerate(rows[period_row] + [""] * (width - len(rows[period_row]))):
            last = c or last
            periods[i] = _vintage(last) if i else ""
    available = sorted({p for p in periods[1:] if p})
    if period is None:
        period = available[-1] if available else ""
    elif period not in available:
        raise DataError.of("kosis.period", name=name, period=period, available=available)
    cols = [i for i in range(1, width) if periods[i] == period]
    labels = {i: items[i] for i in cols}
    chosen: dict[str, int] = {}
    for key, (aliases, exclude, required) in _ITEMS.items():
        col = find_column([labels[i] for i in cols], aliases, exclude=exclude)
        if col is None:
            if required:
                found = [labels[i] for i in cols]
                raise DataError.of(
                    "readers.missing",
                    missing=missing_column(aliases[0], name, found),
                    how=msg("kosis.how"),
                )
            continue
        chosen[key] = next(i for i in cols if labels[i] == col)

    first_line = max(item_row, period_row or 0) + 2  # 1-based file line of the first region
    body = [r for r in rows[first_line - 1 :] if r and r[0]]
    if not body:
        raise DataError.of("kosis.no_regions", name=name, how=msg("kosis.how"))
    region = [clean_name(r[0]) for r in body]
    parsed = [_REGION.match(t) for t in region]
    codes = [m.group(1) if m else "" for m in parsed]
    names = [clean_name(m.group(2)) if m else t for m, t in zip(parsed, region, strict=True)]
    frame = pd.DataFrame({"kosis_code": codes, "name_ko": names, "label": region})
    for key, i in chosen.items():
        raw = pd.Series([r[i] if len(r) > i else "" for r in body], dtype="string")
        number = to_numbers(raw, column=items[i], labels=region, first_row=first_line)
        thousands = "천명" in normalize_header(items[i]) or (
            key in _COUNTS and "명" not in items[i]
        )
        frame[key] = number * 1000 if key in _COUNTS and thousands else number
    rate = frame["unemployment_rate"]
    if (rate > 100).any() or (frame["employment_rate"] > 100).any():
        bad = frame.loc[(rate > 100) | (frame["employment_rate"] > 100), "label"].tolist()
        raise DataError.of("kosis.rates", rows=bad[:5])

    aggregate = frame["name_ko"].isin(["전국", "계", "합계"]) | (frame["kosis_code"].str.len() == 2)
    warnings: list[Notice] = []
    if aggregate.any():
        n = int(aggregate.sum())
        warnings.append(Notice.of("kosis.totals_skipped", n=n))
    regions = frame[~aggregate].copy()
    keys = regions["label"].where(regions["kosis_code"] != "", regions["name_ko"])
    regions["sigungu_code"] = crosswalk.match_table(keys)["sigungu_code"].to_numpy()
    dup = regions["sigungu_code"].notna() & regions["sigungu_code"].duplicated(keep=False)
    if dup.any():
        rows = ", ".join(regions.loc[dup, "label"])
        warnings.append(Notice.of("kosis.duplicates", rows=rows))
    unmatched = regions.loc[regions["sigungu_code"].isna() | dup, "label"].tolist()
    table = (
        regions[regions["sigungu_code"].notna() & ~dup]
        .drop(columns="label")
        .set_index("sigungu_code")
        .sort_index()
    )
    return ImportResult(
        table=table,
        unmatched=unmatched,
        warnings=warnings,
        source=f"{SOURCE}: {name}",
        vintage=period,
        unit="persons; percent for rates",
    )


# --------------------------------------------------------------------------------------------
# The project's own small table: 2024 H1 시군구 unemployment (data/unemployment_sigungu.csv)
# --------------------------------------------------------------------------------------------

BUNDLED_COLUMNS = (
    "sigungu_code",
    "kosis_code",
    "name_ko",
    "labour_force_thousands",
    "unemployed_thousands",
    "unemployment_rate_pct",
)


def bundled_table_from_export(source: Source, period: str | None = None) -> pd.DataFrame:
    """The figures the project ships, from a KOSIS 지역별고용조사 시군구 export.

    One row per 시군구 (cities with 일반구 once, at 시 level) with the canonical ``sigungu_code``,
    the KOSIS 4-digit code and name, and the published figures only: 경제활동인구 and 실업자 in
    thousands (as KOSIS rounds them) and 실업률 in percent. Rows that do not join the crosswalk
    raise :class:`DataError`, so the shipped table never drops a 시군구 silently.
    """
    result = read_kosis_employment(source, period=period)
    if result.unmatched:
        raise DataError.of("kosis.unmatched", n=len(result.unmatched), rows=result.unmatched[:5])
    table = result.table
    out = pd.DataFrame(
        {
            "sigungu_code": table.index.astype(str),
            "kosis_code": table["kosis_code"].to_numpy(),
            "name_ko": table["name_ko"].to_numpy(),
            "labour_force_thousands": (table["labour_force"] / 1000).round().astype(int).to_numpy(),
            "unemployed_thousands": (table["unemployed"] / 1000).round().astype(int).to_numpy(),
            "unemployment_rate_pct": table["unemployment_rate"].to_numpy(float),
        }
    )
    out.attrs["vintage"] = result.vintage
    return out
