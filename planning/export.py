"""Exports for officials: site list (CSV with BOM, XLSX), GeoJSON, and a one-page printable summary.

Every function takes data and returns bytes or text; nothing here touches Streamlit or the network.
Headers are Korean (``lang="ko"``, the default) or English (``lang="en"``), all from the text
catalog (``export.*`` keys of :mod:`planning.i18n`); each export carries the explanations and the
data vintages, and the HTML uses system Korean fonts only (no web fonts, no external URLs) so it
prints on a closed network.

Values are written as an official would read them: numbers stay numbers (Excel formats with
thousands separators), minutes beyond the 90-minute travel table are blank with a note
("90분 초과"), yes/no reads 예/아니오, indicators and engines carry their Korean names, and values
allocated from 시군구 to 행정동 by population share are marked 추정 (estimate). The one-page PDF
report is :mod:`planning.report`.
"""

from __future__ import annotations

import html
import io
import json
import re
import unicodedata
from collections.abc import Iterable, Mapping
from datetime import datetime

import geopandas as gpd
import numpy as np
import pandas as pd

from planning.i18n import MESSAGES, period, t
from planning.scenario import MAX_THRESHOLD_MIN, Scenario

try:  # the map engineer's constant, when it lands
    from planning.offline import KOREAN_FONT_STACK
except ImportError:  # pragma: no cover - depends on build order
    KOREAN_FONT_STACK = (
        '"Noto Sans CJK KR", "Noto Sans KR", "Malgun Gothic", "맑은 고딕", '
        '"Apple SD Gothic Neo", "NanumGothic", "Nanum Gothic", sans-serif'
    )

#: Columns of the app's result tables, in export order; headers are ``export.col.<column>``.
SITE_COLUMNS: tuple[str, ...] = (
    "rank",
    "phase",
    "site_id",
    "area_code",
    "name_ko",
    "sigungu_code",
    "sigungu_ko",
    "sido_code",
    "sido_ko",
    "lat",
    "lon",
    "locked",
    "gain",
    "population_gain",
    "recipients_gain",
    "unemployed_gain",
    "nearest_before_min",
    "explanation",
)
#: Excel number formats by column (thousands separators; 6-decimal coordinates)
_COLUMN_FORMATS: dict[str, str] = {
    "rank": "0",
    "phase": "0",
    "lat": "0.000000",
    "lon": "0.000000",
    "gain": "#,##0.000",
    "population_gain": "#,##0",
    "recipients_gain": "#,##0",
    "unemployed_gain": "#,##0",
    "nearest_before_min": "#,##0.0",
}
KPI_COLUMNS: tuple[str, ...] = ("metric", "before", "after", "change")
MAX_MINUTES = MAX_THRESHOLD_MIN  # the travel table's reach
ENGINES: tuple[str, ...] = ("straight", "osm", "matrix")
MODELS: tuple[str, ...] = ("coverage", "average", "worst")


def site_headers(lang: str = "ko") -> dict[str, str]:
    """Result-table column -> export header in ``lang`` (``"rank"`` -> 순위 / Rank)."""
    return {c: t(f"export.col.{c}", lang) for c in SITE_COLUMNS}


def kpi_headers(lang: str = "ko") -> dict[str, str]:
    """KPI-table column -> header (``metric, before, after, change`` -> 지표, 현재, 계획, 변화)."""
    return {c: t(f"export.kpi.{c}", lang) for c in KPI_COLUMNS}


def number_formats(lang: str = "ko") -> dict[str, str]:
    """Excel number formats by the site list's headers in ``lang``."""
    headers = site_headers(lang)
    return {headers[c]: fmt for c, fmt in _COLUMN_FORMATS.items()}


def beyond(lang: str = "ko") -> str:
    """``"90분 초과"`` / ``"beyond 90 min"``: a time beyond the travel table's reach."""
    return t("export.beyond", lang, m=f"{MAX_MINUTES:g}")


def engine_label(engine: str, lang: str = "ko") -> str:
    """Name of a travel engine (``osm`` -> 도로망(OpenStreetMap)); unknown engines as given."""
    return t(f"export.engine.{engine}", lang) if engine in ENGINES else engine


def model_label(model: str, lang: str = "ko") -> str:
    """Name of an objective (``coverage`` -> 기준 시간 내 수요 최대화); unknown ones as given."""
    return t(f"export.model.{model}", lang) if model in MODELS else model


#: Korean headers and texts (the default language), for callers that show Korean tables
SITE_HEADERS: dict[str, str] = site_headers("ko")
KPI_HEADERS: dict[str, str] = kpi_headers("ko")
NUMBER_FORMATS: dict[str, str] = number_formats("ko")
VINTAGE_HEADER = t("export.vintage_header", "ko")
NOTE_HEADER = t("export.note_header", "ko")
BEYOND = beyond("ko")
YES, NO = t("export.yes", "ko"), t("export.no", "ko")
ESTIMATE_NOTE = t("export.estimate_note", "ko")
ENGINE_LABELS = {e: engine_label(e, "ko") for e in ENGINES}
MODEL_LABELS = {m: model_label(m, "ko") for m in MODELS}
CENTERS_LABEL = t("export.centers", "ko")

#: KPI keys of ``PlanResult.kpis`` whose values rest on indicators allocated from 시군구
_KPI_INDICATOR = {"share_recipients": "recipients", "share_unemployed": "unemployed"}
_KPI_MINUTES = {"avg_minutes", "worst_minutes"}
DEMAND_LABEL = t("export.demand", "ko")  # BaseData.vintages["demand"]


# -- labels ---------------------------------------------------------------------------------------


def indicator_label(key: str, lang: str = "ko") -> str:
    """Name of an indicator key (``recipients`` -> 기초생활수급자 / Basic livelihood recipients);
    unknown keys as given."""
    from planning.demand import INDICATORS

    if key == "centers":
        return t("export.centers", lang)
    if key == "demand":
        return t("export.demand", lang)
    ind = INDICATORS.get(key)
    if ind is None:
        return key
    return ind.label_en if lang == "en" and ind.label_en else ind.label_ko


def is_estimate(key: str) -> bool:
    """Whether indicator ``key`` is allocated from 시군구 to 행정동 (uploaded 시군구 tables are)."""
    from planning.demand import INDICATORS

    if key in ("centers", "demand"):
        return False
    ind = INDICATORS.get(key)
    return True if ind is None else bool(ind.allocated_from_sigungu)


def _split_vintage(text: str) -> tuple[str, str]:
    """``"2020 · 보건복지부 ..."`` -> ("2020", "보건복지부 ..."); text without a year -> ("", text)."""
    head, sep, tail = str(text).partition(" · ")
    if sep and re.fullmatch(r"\d{4}(-\d{2}| H[12])?|as imported", head.strip()):
        return head.strip(), tail.strip()
    return "", str(text).strip()


def bundled_source(key: str, year: str, lang: str = "ko") -> str:
    """The citation of bundled indicator ``key`` in ``lang`` for the year in use: under the
    2015 demand vintage the population is the 2015 census, not the default's 2025 (the
    catalog's citation names the default year)."""
    from planning.demand import INDICATORS

    ind = INDICATORS[key]
    source = ind.source_text(lang)
    if year and ind.vintage and year != ind.vintage and ind.vintage in source:
        source = source.replace(ind.vintage, year)
    return source


def sources_table(vintages: Mapping[str, str], lang: str = "ko") -> pd.DataFrame:
    """One row per data source: 자료 (its name), 기준 시점, 출처, 비고 (추정, license), all in
    ``lang`` (a bundled indicator's citation and license from the catalog)."""
    from planning.demand import INDICATORS, describe_vintage

    rows = []
    for key, text in vintages.items():
        year, source = _split_vintage(text)
        ind = INDICATORS.get(key)
        if ind is not None and source == ind.source:
            source = bundled_source(key, year, lang)
        elif key == "demand" and year:
            source = describe_vintage(year, lang)
        year = t("export.src.as_imported", lang) if year == "as imported" else period(year, lang)
        notes = []
        if is_estimate(key):
            notes.append(t("export.src.estimate", lang, note=t("export.estimate_note", lang)))
        if ind is not None:
            notes.append(ind.license_text(lang))
        if key == "centers" and source == "data/centers.csv":
            source = t("export.src.centers_csv", lang)
        rows.append((indicator_label(key, lang), year, source, "; ".join(notes)))
    columns = [t(f"export.src.{c}", lang) for c in ("data", "vintage", "source")]
    return pd.DataFrame(rows, columns=[*columns, t("export.note_header", lang)])


def labelled(computed: Scenario, current: Scenario | None) -> Scenario:
    """The scenario to print on a result's exports: its own settings, under the current name and
    note when the current settings are the ones it was computed with (a result is reused from
    the cache for a loaded scenario that differs only in name, note or 정확해)."""
    if current is None:
        return computed
    if current.replace(exact=False).key() != computed.replace(exact=False).key():
        return computed
    if (current.name, current.note) == (computed.name, computed.note):
        return computed
    return computed.replace(name=current.name, note=current.note)


def file_stem(name: str, *, max_len: int = 60, lang: str = "ko") -> str:
    """A scenario name made safe for a file name on Windows, macOS and Linux (Korean kept):
    ``'부산 우선/안: 1차'`` -> ``'부산_우선_안_1차'``."""
    text = unicodedata.normalize("NFC", str(name))
    text = re.sub(r'[\\/:*?"<>|\x00-\x1f\x7f]+', " ", text)
    text = re.sub(r"\s+", "_", text.strip()).strip("._")
    return text[:max_len].rstrip("._") or t("export.stem_default", lang)


def site_table(
    sites: pd.DataFrame,
    vintages: Mapping[str, str] | None = None,
    *,
    sources_column: bool = True,
    lang: str = "ko",
) -> pd.DataFrame:
    """The site list with headers in ``lang``, in rank order: numbers as numbers (no ``inf``: blank
    with a 비고), 예/아니오 for yes/no, coordinates to 6 decimals; ``자료 기준`` (short: each
    source's name and year, 추정 marked) unless ``sources_column=False`` (the workbook lists the
    sources once, in its own sheet)."""
    headers = site_headers(lang)
    yes, no, beyond_text = t("export.yes", lang), t("export.no", lang), beyond(lang)
    table = sites.drop(columns=["geometry"], errors="ignore").copy()
    if "rank" in table.columns:
        table = table.sort_values("rank", kind="stable")
    notes = [[] for _ in range(len(table))]
    for col in table.columns:
        values = table[col]
        if pd.api.types.is_bool_dtype(values) or (
            values.dtype == object
            and len(values)
            and values.map(lambda v: isinstance(v, bool | np.bool_) or v is None).all()
        ):
            table[col] = [
                yes if v is True or v is np.True_ else "" if v is None else no for v in values
            ]
        elif pd.api.types.is_float_dtype(values):
            arr = values.to_numpy(float)
            far = np.isinf(arr)
            if far.any():
                what = headers.get(col, col).split("(")[0].strip()
                note = t("export.col_beyond", lang, what=what, beyond=beyond_text)
                for i in np.flatnonzero(far):
                    notes[i].append(note)
                table[col] = np.where(far, np.nan, arr)
    for col in ("lat", "lon"):
        if col in table.columns:
            table[col] = pd.to_numeric(table[col], errors="coerce").round(6)
    if any(notes):
        table[t("export.note_header", lang)] = ["; ".join(n) for n in notes]
    ordered = [c for c in headers if c in table.columns]
    rest = [c for c in table.columns if c not in headers]
    table = table[ordered + rest].rename(columns=headers)
    if vintages and sources_column:
        table[t("export.vintage_header", lang)] = vintages_text(vintages, lang)
    return table.reset_index(drop=True)


def phase_totals_text(scenario: Scenario) -> str:
    """The network total after each phase, the last one (up to the target) included:
    ``phases = (60, 80)`` with a target of 100 -> ``"60 → 80 → 100"``."""
    totals = list(scenario.phases)
    if not totals or totals[-1] < scenario.total:
        totals.append(scenario.total)
    return " → ".join(f"{p:,}" for p in totals)


def vintages_text(vintages: Mapping[str, str], lang: str = "ko") -> str:
    """``"인구 2025; 기초생활수급자 2020(추정); 기존 센터 목록 data/centers.csv"``: each
    source's name and year, in a stable order (the full text: :func:`sources_table`)."""
    parts = []
    for key, text in vintages.items():
        year, source = _split_vintage(text)
        what = period(year, lang) if year and year != "as imported" else source
        mark = t("export.estimate_mark", lang) if is_estimate(key) else ""
        parts.append(f"{indicator_label(key, lang)} {what}{mark}")
    return "; ".join(parts)


def sites_csv(
    sites: pd.DataFrame, vintages: Mapping[str, str] | None = None, *, lang: str = "ko"
) -> bytes:
    """UTF-8 with BOM, so Excel on Windows opens the Korean text correctly."""
    table = site_table(sites, vintages, lang=lang)
    return table.to_csv(index=False, lineterminator="\r\n").encode("utf-8-sig")


def sites_xlsx(
    sites: pd.DataFrame,
    vintages: Mapping[str, str] | None = None,
    *,
    scenario: Scenario | None = None,
    kpis: pd.DataFrame | None = None,
    formula: str = "",
    names: Mapping[str, str] | None = None,
    lang: str = "ko",
) -> bytes:
    """An Excel workbook: 입지 목록, 핵심 지표, 시나리오 and 자료 출처 sheets (English names
    with ``lang="en"``).

    ``kpis``: ``PlanResult.kpis`` (``key, before, after``: numbers, labelled here) or a table
    with a ``metric`` column (written as given). ``names``: readable names for the codes in the
    scenario's lists (시도 codes, locked and excluded 행정동). Numbers are stored as numbers with
    number formats, headers are frozen and the site list has an autofilter.
    """
    sheets = {k: t(f"export.sheet.{k}", lang) for k in ("sites", "kpis", "scenario", "sources")}
    buf = io.BytesIO()
    with pd.ExcelWriter(buf, engine="openpyxl") as xl:
        table = site_table(sites, vintages, sources_column=False, lang=lang)
        table.to_excel(xl, sheet_name=sheets["sites"], index=False)
        kpi_formats: list[str] = []
        if kpis is not None and len(kpis):
            if "key" in kpis.columns:
                threshold = scenario.threshold if scenario is not None else 30.0
                weights = dict(scenario.weights) if scenario is not None else None
                sheet = kpi_sheet(kpis, threshold, weights=weights, lang=lang)
                kpi_formats = [_kpi_format(k) for k in kpis["key"]]
            else:
                sheet = kpi_table(kpis, lang)
            sheet.to_excel(xl, sheet_name=sheets["kpis"], index=False)
        if scenario is not None:
            scenario_table(scenario, formula, names=names, lang=lang).to_excel(
                xl, sheet_name=sheets["scenario"], index=False
            )
        if vintages:
            sources_table(vintages, lang).to_excel(xl, sheet_name=sheets["sources"], index=False)
        book = xl.book
        _format_sheet(book[sheets["sites"]], number_formats(lang), autofilter=True)
        if sheets["kpis"] in book.sheetnames:
            ws = book[sheets["kpis"]]
            _format_sheet(ws, {})
            for r, fmt in enumerate(kpi_formats, start=2):
                for c in range(2, 5):
                    ws.cell(row=r, column=c).number_format = fmt
        for name in (sheets["scenario"], sheets["sources"]):
            if name in book.sheetnames:
                _format_sheet(book[name], {})
    return buf.getvalue()


def _whole(value: float) -> float | int:
    return int(value) if float(value).is_integer() else value


def _kpi_is_count(key: str) -> bool:
    """Centers and people: whole numbers (60분 밖 인구 read '5,785,820.0')."""
    return key.startswith(("n_", "people_"))


def _kpi_format(key: str) -> str:
    return "#,##0" if _kpi_is_count(key) else "#,##0.0"


def _format_sheet(ws, formats: Mapping[str, str], *, autofilter: bool = False) -> None:
    """Frozen header row, column widths from the content, number formats by header."""
    from openpyxl.styles import Alignment, Font

    ws.freeze_panes = "A2"
    if autofilter and ws.max_row > 1:
        ws.auto_filter.ref = ws.dimensions
    for cell in ws[1]:
        cell.font = Font(bold=True)
    for col in ws.columns:
        header = str(col[0].value or "")
        fmt = formats.get(header)
        if fmt:
            for cell in col[1:]:
                if isinstance(cell.value, int | float):
                    cell.number_format = fmt
        width = max(_display_width(c.value) for c in col)
        letter = col[0].column_letter
        ws.column_dimensions[letter].width = min(70, max(8, width + 2))
        if width > 70:
            for cell in col[1:]:
                cell.alignment = Alignment(wrap_text=True, vertical="top")


def _display_width(value: object) -> float:
    """Approximate Excel column width of a value (Korean and other wide characters count 2)."""
    text = "" if value is None else (f"{value:,.1f}" if isinstance(value, float) else str(value))
    return sum(2 if unicodedata.east_asian_width(ch) in "WF" else 1 for ch in text)


def kpi_table(kpis: pd.DataFrame, lang: str = "ko") -> pd.DataFrame:
    """A KPI table that already has a ``metric`` column (labels), with headers in ``lang``."""
    table = kpis[[c for c in KPI_COLUMNS if c in kpis.columns]].copy()
    if "change" not in table.columns and {"before", "after"} <= set(table.columns):
        table["change"] = table["after"] - table["before"]
    return table.rename(columns=kpi_headers(lang))


def kpi_label(
    key: str, threshold: float, weights: Mapping[str, float] | None = None, lang: str = "ko"
) -> str:
    """KPI label (``"30분 내 기초생활수급자 비율(%, 추정)"``): 추정 where the value rests on
    indicators allocated from 시군구 (the composite index too when its weights use one)."""
    name = f"kpi.{key}"
    text = t(name, lang, t=f"{threshold:g}") if name in MESSAGES else key
    estimate = is_estimate(_KPI_INDICATOR[key]) if key in _KPI_INDICATOR else False
    if key == "share_index" and weights:
        estimate = any(is_estimate(k) for k, w in weights.items() if w > 0)
    if estimate:
        word = t("export.estimate_word", lang)
        text = text[:-1] + f", {word})" if text.endswith(")") else text + f" ({word})"
    return text


def kpi_sheet(
    kpis: pd.DataFrame,
    threshold: float,
    *,
    weights: Mapping[str, float] | None = None,
    lang: str = "ko",
) -> pd.DataFrame:
    """``PlanResult.kpis`` (``key, before, after``) as numbers with labels: 지표, 현재, 계획,
    변화, 비고. Minutes beyond the travel table (``inf``) are blank with the note
    ``"90분 초과"``; the mean time counts such areas as 90 minutes, which the note says."""
    headers = kpi_headers(lang)
    beyond_text = beyond(lang)
    rows = []
    for key, before, after in kpis[["key", "before", "after"]].itertuples(index=False):
        b, a = float(before), float(after)
        notes = []
        for when, v in ((headers["before"], b), (headers["after"], a)):
            if np.isinf(v):
                notes.append(t("export.kpi_beyond", lang, when=when, beyond=beyond_text))
        if key == "avg_minutes":
            notes.append(t("export.kpi_mean_note", lang, beyond=beyond_text, m=f"{MAX_MINUTES:g}"))
        b_out = np.nan if not np.isfinite(b) else b
        a_out = np.nan if not np.isfinite(a) else a
        change = a_out - b_out if np.isfinite(b_out) and np.isfinite(a_out) else np.nan
        if _kpi_is_count(key):  # counts: whole numbers
            b_out, a_out, change = (
                int(round(x)) if np.isfinite(x) else x for x in (b_out, a_out, change)
            )
        elif key in _KPI_MINUTES or key.startswith("share_"):
            b_out, a_out, change = (
                round(x, 1) if np.isfinite(x) else x for x in (b_out, a_out, change)
            )
        label = kpi_label(key, threshold, weights, lang)
        rows.append((label, b_out, a_out, change, "; ".join(notes)))
    # object columns keep the counts whole (37, not 37.0) next to the decimal shares
    columns = [*(headers[c] for c in KPI_COLUMNS), t("export.note_header", lang)]
    return pd.DataFrame(rows, columns=columns, dtype=object)


def scenario_table(
    scenario: Scenario,
    formula: str = "",
    *,
    names: Mapping[str, str] | None = None,
    lang: str = "ko",
) -> pd.DataFrame:
    """Scenario settings as two columns (항목, 값) for the workbook and the summary, in ``lang``:
    numbers as numbers, engine and objective by name, indicator weights by their names,
    codes with their names when ``names`` has them."""
    names = names or {}

    def row(key: str, value: object) -> tuple[str, object]:
        return t(f"export.scn.{key}", lang), value

    def named(codes: Iterable[str]) -> str:
        return ", ".join(f"{names[c]}({c})" if c in names else str(c) for c in codes)

    weights = ", ".join(f"{indicator_label(k, lang)} {v:g}" for k, v in scenario.weights)
    rows: list[tuple[str, object]] = [
        row("name", scenario.name),
        row("as_of", scenario.as_of),
        row("total", int(scenario.total)),
        row("engine", engine_label(scenario.engine, lang)),
        # 30, not "30.0" in the printable summary (a whole number of minutes stays an int)
        row("threshold", _whole(float(scenario.threshold))),
        row("model", model_label(scenario.model, lang)),
        row("weights", weights),
        row("solve", t("export.scn.exact" if scenario.exact else "export.scn.heuristic", lang)),
    ]
    if formula:
        rows.append(row("formula", formula))
    if scenario.sido_min:
        minimums = ", ".join(
            t("export.scn.sido_min_item", lang, name=names.get(k, k), n=v)
            for k, v in scenario.sido_min
        )
        rows.append(row("sido_min", minimums))
    if scenario.locked:
        rows.append(row("locked", named(scenario.locked)))
    if scenario.excluded:
        rows.append(row("excluded", named(scenario.excluded)))
    if scenario.phases:
        rows.append(row("phases", phase_totals_text(scenario)))
    if scenario.note:
        rows.append(row("note", scenario.note))
    return pd.DataFrame(rows, columns=[t("export.scn.item", lang), t("export.scn.value", lang)])


# -- GeoJSON ------------------------------------------------------------------------------------


#: coordinates are written to 6 decimals (~0.1 m), enough for any map or GIS
COORD_DIGITS = 6
#: property -> decimals for the exported GeoJSON (0: a whole number): people counts whole (the
#: allocated 시군구 figures are estimates anyway), minutes to 0.1, coordinates as the geometry
GEOJSON_DIGITS: dict[str, int] = {
    "population": 0,
    "recipients": 0,
    "unemployed": 0,
    "threshold_min": 1,
    "nearest_before_min": 1,
    "minutes": 1,
    "lat": COORD_DIGITS,
    "lon": COORD_DIGITS,
    "site_lat": COORD_DIGITS,
    "site_lon": COORD_DIGITS,
}


def _clean(value: object, digits: int | None = None) -> object:
    if isinstance(value, np.generic):
        value = value.item()
    if isinstance(value, float) and not np.isfinite(value):
        return None
    if value is pd.NA or value is pd.NaT:
        return None
    if digits is not None and isinstance(value, float):
        return int(round(value)) if digits == 0 else round(value, digits)
    return value


def _rounded(geom):
    """``geom`` with its coordinates rounded to :data:`COORD_DIGITS` decimals."""
    import shapely

    return shapely.transform(geom, lambda xy: np.round(xy, COORD_DIGITS))


def geojson(frame: gpd.GeoDataFrame, *, members: Mapping[str, object] | None = None) -> bytes:
    """A GeoJSON FeatureCollection in EPSG:4326, UTF-8 (Korean kept as text, not escapes);
    coordinates to :data:`COORD_DIGITS` decimals, the properties of :data:`GEOJSON_DIGITS`
    rounded (people whole, minutes to 0.1); ``members``: extra top-level members (RFC 7946
    foreign members), e.g. notes."""
    gdf = frame if frame.crs is None else frame.to_crs(4326)
    features = []
    props = [c for c in gdf.columns if c != gdf.geometry.name]
    digits = [GEOJSON_DIGITS.get(c) for c in props]
    for row, geom in zip(gdf[props].itertuples(index=False), gdf.geometry, strict=True):
        features.append(
            {
                "type": "Feature",
                "properties": {c: _clean(v, d) for c, v, d in zip(props, row, digits, strict=True)},
                "geometry": None if geom is None else _rounded(geom).__geo_interface__,
            }
        )
    doc = {"type": "FeatureCollection", **(members or {}), "features": features}
    return json.dumps(doc, ensure_ascii=False, default=str).encode("utf-8")


def sites_geojson(sites: pd.DataFrame, *, lang: str = "ko") -> bytes:
    """Proposed sites as points (from ``lat``/``lon`` when there is no geometry). Properties
    allocated from 시군구 (``recipients_gain``, ...) are listed in the collection's
    ``estimated_properties`` member, with the note saying how they were estimated."""
    if isinstance(sites, gpd.GeoDataFrame):
        gdf = sites
    else:
        gdf = gpd.GeoDataFrame(
            sites.copy(), geometry=gpd.points_from_xy(sites["lon"], sites["lat"]), crs=4326
        )
    estimated = [
        c
        for c in gdf.columns
        if c.endswith("_gain") and c != "population_gain" and is_estimate(c.removesuffix("_gain"))
    ]
    notes = (
        {"estimated_properties": estimated, "estimate_note": t("export.estimate_note", lang)}
        if estimated
        else None
    )
    return geojson(gdf, members=notes)


# -- printable one-page summary ----------------------------------------------------------------


def _fmt(value: object, digits: int = 1) -> str:
    if isinstance(value, float | np.floating):
        if not np.isfinite(value):
            return "–"
        return f"{value:,.{digits}f}"
    if isinstance(value, int | np.integer):
        return f"{int(value):,}"
    return "" if value is None else str(value)


def shorten(text: str, limit: int) -> str:
    """``text`` cut to at most ``limit`` characters at a word or clause boundary, with "…";
    never in the middle of a word or number."""
    text = " ".join(text.split())
    if len(text) <= limit:
        return text
    cut = text[: limit - 1]
    for sep in (" · ", ", ", " "):
        at = cut.rfind(sep)
        if at > limit // 3:
            return cut[:at].rstrip(" ·,") + "…"
    return cut + "…"


def _table(frame: pd.DataFrame) -> str:
    head = "".join(f"<th>{html.escape(str(c))}</th>" for c in frame.columns)
    body = "".join(
        "<tr>" + "".join(f"<td>{html.escape(_fmt(v))}</td>" for v in row) + "</tr>"
        for row in frame.itertuples(index=False)
    )
    return f"<table><thead><tr>{head}</tr></thead><tbody>{body}</tbody></table>"


SUMMARY_COLUMNS = ["rank", "phase", "name_ko", "sigungu_ko", "sido_ko", "explanation"]


def summary_html(
    scenario: Scenario,
    kpis: pd.DataFrame,
    sites: pd.DataFrame,
    vintages: Mapping[str, str],
    *,
    formula: str = "",
    max_sites: int = 25,
    generated: datetime | None = None,
    lang: str = "ko",
) -> str:
    """A self-contained one-page HTML (A4, print CSS) for meetings. No scripts, fonts or URLs."""
    when = (generated or datetime.now()).strftime("%Y-%m-%d %H:%M")
    shown = sites.sort_values("rank") if "rank" in sites.columns else sites
    cols = [c for c in SUMMARY_COLUMNS if c in shown.columns]
    top = shown[cols].head(max_sites)
    if "explanation" in top.columns:
        top = top.assign(explanation=[shorten(str(x), 120) for x in top["explanation"]])
    top = top.rename(columns=site_headers(lang))
    more = len(shown) - len(top)
    more_html = (
        f"<p class='note'>{html.escape(t('sum.more', lang, n=more))}</p>" if more > 0 else ""
    )
    note_header = t("export.note_header", lang)
    if not len(kpis):
        kpi = pd.DataFrame()
    elif "key" in kpis.columns:
        kpi = kpi_sheet(kpis, scenario.threshold, weights=dict(scenario.weights), lang=lang)
        kpi = kpi.drop(columns=[note_header]) if not kpi[note_header].any() else kpi
    else:
        kpi = kpi_table(kpis, lang)
    settings = scenario_table(scenario, formula, lang=lang)
    src = "".join(
        f"<li>{html.escape(' '.join(str(x) for x in row[:3] if x))}"
        + (f" — {html.escape(row[3])}" if row[3] else "")
        + "</li>"
        for row in sources_table(vintages, lang).itertuples(index=False)
    )
    title = t("export.summary_title", lang, name=scenario.name)
    heads = {k: html.escape(t(f"sum.{k}", lang)) for k in ("settings", "sites", "sources")}
    kpi_head = html.escape(t("export.summary_kpis", lang))
    generated_word = html.escape(t("sum.generated", lang))
    return f"""<!DOCTYPE html>
<html lang="{"en" if lang == "en" else "ko"}">
<head>
<meta charset="utf-8">
<title>{html.escape(title)}</title>
<style>
@page {{ size: A4; margin: 12mm; }}
html, body {{ font-family: {KOREAN_FONT_STACK}; font-size: 9.5pt; color: #111; margin: 0; }}
body {{ padding: 4mm; }}
h1 {{ font-size: 15pt; margin: 0 0 2mm 0; }}
h2 {{ font-size: 11pt; margin: 4mm 0 1.5mm 0; border-bottom: 1px solid #888; }}
table {{ border-collapse: collapse; width: 100%; }}
th, td {{ border: 1px solid #bbb; padding: 1mm 1.5mm; text-align: left; vertical-align: top; }}
th {{ background: #eef2f7; }}
td:nth-child(n+2) {{ font-variant-numeric: tabular-nums; }}
.cols {{ display: flex; gap: 5mm; }}
.cols > div {{ flex: 1; }}
.note, .meta {{ color: #555; font-size: 8.5pt; }}
ul {{ margin: 0; padding-left: 5mm; }}
@media print {{ body {{ padding: 0; }} h2 {{ break-after: avoid; }} tr {{ break-inside: avoid; }} }}
</style>
</head>
<body>
<h1>{html.escape(title)}</h1>
<p class="meta">{generated_word} {html.escape(when)}</p>
<div class="cols">
<div><h2>{heads["settings"]}</h2>{_table(settings)}</div>
<div><h2>{kpi_head}</h2>{_table(kpi) if len(kpi) else ""}</div>
</div>
<h2>{heads["sites"]}</h2>
{_table(top)}
{more_html}
<h2>{heads["sources"]}</h2>
<ul>{src}</ul>
</body>
</html>
"""
