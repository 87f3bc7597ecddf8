"""MOIS 주민등록 인구통계 exports (jumin.mois.go.kr) -> residents (and 65+) per 시군구.

Two layouts are read, monthly, as downloaded (CP949 or UTF-8 with BOM, CSV or XLSX):

* 주민등록 인구 및 세대현황: ``행정기관코드, 행정기관, 총 거주자수 (or 총인구수), 세대수, ...``
  repeated per month under a month label row (``2025년12월``);
* 연령별 인구현황: the same per month and per sex (``계/남/여``) with age bands
  (``0~9세 ... 100세 이상``, or 5-year or 1-year bands).

Rows: 10-digit 행정기관코드. 시도 rows (``..00000000``) are used only to check the totals; a
city with 일반구 has a 시 row *and* 구 rows, so the 시 row is dropped and its 구 kept (the 구 sum
is checked against it); 출장소 rows are branch offices whose residents are counted in their
parent 시군구 and are skipped (a non-zero one is reported in ``warnings``).
"""

from __future__ import annotations

import re
from dataclasses import dataclass

import pandas as pd

from planning import crosswalk
from planning.errors import DataError
from planning.i18n import first, msg
from planning.sources import ImportResult, Notice
from planning.sources.readers import (
    Source,
    clean_name,
    missing_column,
    normalize_header,
    read_rows,
    source_name,
    to_numbers,
)

SOURCE = "행정안전부 주민등록 인구통계 (jumin.mois.go.kr)"
_HOW = msg("mois.how")
_MONTH = re.compile(r"(\d{4})\s*년\s*(\d{1,2})\s*월")
_RESIDENTS = ("총거주자수", "총인구수", "거주자수", "인구수", "계거주자수")
_BAND = re.compile(r"^(\d+)\s*[~～\-]\s*(\d+)\s*세$")
_OPEN_BAND = re.compile(r"^(\d+)\s*세\s*이상$")
_ONE_YEAR = re.compile(r"^(\d+)\s*세$")


@dataclass(frozen=True)
class _Column:
    index: int
    month: str  # "YYYY-MM" or ""
    sex: str  # "계", "남", "여" or ""
    item: str  # normalised header


def _ffill(row: list[str], width: int) -> list[str]:
    out, last = [], ""
    for i in range(width):
        cell = row[i] if i < len(row) else ""
        if cell:
            last = cell
        out.append(last)
    return out


def _layout(rows: list[list[str]], name: str) -> tuple[int, int, int, list[_Column]]:
    header = next(
        (
            i
            for i, r in enumerate(rows[:20])
            if any(normalize_header(c) == "행정기관코드" for c in r)
        ),
        None,
    )
    if header is None:
        found = [c for r in rows[:3] for c in r if c][:12]
        raise DataError.of(
            "mois.not_mois", missing=missing_column("행정기관코드", name, found), how=_HOW
        )
    cells = [normalize_header(c) for c in rows[header]]
    code_col = cells.index("행정기관코드")
    name_col = cells.index("행정기관") if "행정기관" in cells else code_col + 1
    width = len(rows[header])
    month_row = sex_row = None
    for i in range(header - 1, -1, -1):
        if month_row is None and any(_MONTH.search(c) for c in rows[i]):
            month_row = i
        elif sex_row is None and month_row is None and {"계", "남", "여"} & set(rows[i]):
            sex_row = i
    months = _ffill(rows[month_row], width) if month_row is not None else [""] * width
    title_month = ""
    if month_row is None:  # single-month export: the month may sit in a title line
        for r in rows[:header]:
            for c in r:
                if _MONTH.search(c):
                    title_month = c
    sexes = _ffill(rows[sex_row], width) if sex_row is not None else [""] * width
    columns = []
    for i in range(width):
        if i in (code_col, name_col):
            continue
        m = _MONTH.search(months[i] or title_month)
        month = f"{int(m.group(1)):04d}-{int(m.group(2)):02d}" if m else ""
        columns.append(_Column(i, month, sexes[i].strip(), cells[i]))
    return header, code_col, name_col, columns


def _age_bands(columns: list[_Column]) -> list[tuple[_Column, int, int]]:
    bands = []
    for col in columns:
        text = col.item
        if m := _BAND.match(text):
            bands.append((col, int(m.group(1)), int(m.group(2))))
        elif m := _OPEN_BAND.match(text):
            bands.append((col, int(m.group(1)), 200))
        elif m := _ONE_YEAR.match(text):
            bands.append((col, int(m.group(1)), int(m.group(1))))
    return bands


def read_mois_population(source: Source, month: str | None = None) -> ImportResult:
    """Residents per 시군구 (KOSTAT ``sigungu_code``) for one month (the latest by default).

    Table columns: ``mois_code`` (10-digit), ``name_ko``, ``residents``, and ``households`` when
    present; the age file adds ``age_65_plus``. With 10-year bands (``60~69세``) the 65-69 share
    is estimated as half of that band (said in ``warnings``); 5- or 1-year bands give it exactly.
    """
    name = source_name(source)
    if month is not None and not re.fullmatch(r"\d{4}-(0[1-9]|1[0-2])", str(month)):
        raise DataError.of("mois.month_format", month=month)
    rows, _ = read_rows(source)
    header, code_col, name_col, columns = _layout(rows, name)
    available = sorted({c.month for c in columns if c.month})
    if month is None:
        month = available[-1] if available else ""
    elif month not in available:
        raise DataError.of("mois.month_missing", month=month, name=name, available=available)
    in_month = [c for c in columns if c.month == month and c.sex in ("", "계")]
    residents_col = next((c for k in _RESIDENTS for c in in_month if c.item == k), None)
    if residents_col is None:
        found = sorted({c.item for c in columns})[:15]
        key = "mois.no_residents_month" if month else "mois.no_residents"
        raise DataError.of(key, name=name, month=month, found=found, how=_HOW)
    households_col = next((c for c in in_month if c.item == "세대수"), None)
    bands = _age_bands(in_month)

    body = [r for r in rows[header + 1 :] if len(r) > code_col and r[code_col]]
    codes = [r[code_col].replace("-", "").strip() for r in body]
    bad = [(i, c) for i, c in enumerate(codes) if not re.fullmatch(r"\d{10}", c)]
    if bad:
        i, c = bad[0]
        raise DataError.of("mois.bad_code", row=header + 2 + i, code=c, n=len(bad), how=_HOW)
    frame = pd.DataFrame(
        {
            "mois_code": codes,
            "name_ko": [clean_name(r[name_col]) if len(r) > name_col else "" for r in body],
        }
    )
    labels = list(frame["name_ko"])

    def column(col: _Column) -> pd.Series:
        raw = pd.Series([r[col.index] if len(r) > col.index else "" for r in body], dtype="string")
        values = to_numbers(
            raw,
            column=f"{month} {col.item}",
            labels=labels,
            allow_missing=True,
            first_row=header + 2,
        )
        # 출장소 (branch office) rows carry no population and are blank in newer exports
        branch = frame["name_ko"].str.contains("출장소")
        missing = values.isna() & ~branch
        if missing.any():
            names = [f"'{n}'" for n in frame.loc[missing, "name_ko"]]
            rows = first(names, sep=", ", more_key="mois.more_places")
            raise DataError.of("mois.empty_count", column=col.item, month=month, rows=rows)
        return values.fillna(0.0)

    frame["residents"] = column(residents_col)
    if households_col is not None:
        frame["households"] = column(households_col)
    warnings: list[Notice] = []
    if bands:
        elderly = pd.Series(0.0, index=frame.index)
        for col, lo, hi in bands:
            if lo >= 65:
                elderly += column(col)
            elif hi >= 65:
                share = (hi - 65 + 1) / (hi - lo + 1)
                elderly += share * column(col)
                warnings.append(Notice.of("mois.age_band", hi=hi, lo=lo, share=share))
        frame["age_65_plus"] = elderly.round()
    return _to_sigungu(frame, name=name, month=month, warnings=warnings)


def _to_sigungu(
    frame: pd.DataFrame, *, name: str, month: str, warnings: list[Notice]
) -> ImportResult:
    matched = crosswalk.match_table(frame["mois_code"], system="mois")
    frame = frame.join(matched[["sigungu_code", "kind"]])
    # 시도-level 출장소 (경기 북부출장소, 강원 동해출장소) are not in the crosswalk; with no
    # residents they are branch offices like the others, otherwise they stay unmatched.
    loose = frame["sigungu_code"].isna() & frame["name_ko"].str.contains("출장소")
    loose &= frame["residents"] == 0
    if loose.any():
        frame.loc[loose, "kind"] = "branch"
        rows = ", ".join(frame.loc[loose, "name_ko"])
        warnings.append(Notice.of("mois.branch_skipped", rows=rows))
    for row in frame[(frame["kind"] == "branch") & (frame["residents"] > 0)].itertuples():
        warnings.append(
            Notice.of("mois.branch_residents", name=row.name_ko, residents=row.residents)
        )
    values = [c for c in ("residents", "households", "age_65_plus") if c in frame]
    table = crosswalk.collapse_to_units(frame, values)
    units = frame[frame["kind"] == "unit"]
    for city in frame[frame["kind"] == "city"].itertuples():
        members = crosswalk.city_members(city.sigungu_code)
        present = units[units["sigungu_code"].isin(members)]
        gu_sum = present["residents"].sum()
        if len(present) == len(members) and abs(gu_sum - city.residents) > 0.5:
            warnings.append(
                Notice.of(
                    "mois.city_sum", name=city.name_ko, gu_sum=gu_sum, residents=city.residents
                )
            )
        elif 0 < len(present) < len(members) and city.sigungu_code in table.index:
            # some 구 rows missing: the 시 row keeps only what is not in the 구 rows given
            rest = table.loc[city.sigungu_code, values] - present[values].sum()
            if (rest < 0).any():
                raise DataError.of("mois.city_over", name=city.name_ko)
            table.loc[city.sigungu_code, values] = rest
            warnings.append(
                Notice.of(
                    "mois.city_partial",
                    name=city.name_ko,
                    present=len(present),
                    members=len(members),
                    rest=rest["residents"],
                )
            )
    kind_rank = frame["kind"].map({"unit": 0, "city": 1, "part": 2}).fillna(9)
    lead = (
        frame.assign(_rank=kind_rank)
        .sort_values("_rank", kind="stable")
        .drop_duplicates("sigungu_code")
        .set_index("sigungu_code")
    )
    table.insert(0, "name_ko", lead["name_ko"].reindex(table.index))
    table.insert(0, "mois_code", lead["mois_code"].reindex(table.index))
    unmatched = frame.loc[
        frame["sigungu_code"].isna() & frame["kind"].ne("branch").fillna(True), "name_ko"
    ].tolist()
    sido_total = frame.loc[frame["kind"] == "sido", "residents"].sum()
    if sido_total and abs(table["residents"].sum() - sido_total) > 0.5 and not unmatched:
        total = table["residents"].sum()
        warnings.append(Notice.of("mois.sido_sum", total=total, sido_total=sido_total))
    return ImportResult(
        table=table,
        unmatched=unmatched,
        warnings=warnings,
        source=f"{SOURCE}: {name}",
        vintage=month,
        unit="persons",
    )


def sido_totals(source: Source, month: str | None = None) -> pd.Series:
    """Residents of the 시도 rows (10-digit code -> residents), e.g. to check a national total."""
    rows, _ = read_rows(source)
    header, code_col, name_col, columns = _layout(rows, source_name(source))
    months = sorted({c.month for c in columns if c.month})
    month = month or (months[-1] if months else "")
    col = next(
        c
        for k in _RESIDENTS
        for c in columns
        if c.month == month and c.sex in ("", "계") and c.item == k
    )
    body = [r for r in rows[header + 1 :] if len(r) > code_col and r[code_col].endswith("00000000")]
    raw = pd.Series([r[col.index] for r in body], dtype="string")
    values = to_numbers(raw, column=col.item, labels=[r[name_col] for r in body])
    return pd.Series(values.to_numpy(), index=[r[code_col] for r in body], name="residents")
