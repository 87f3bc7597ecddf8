"""The national retrospective: the real centres of a window beside the optimum, on the bundled data.

:func:`national_retrospective` builds the national problem the app solves (all 행정동 as demand and
candidates, the cited centres open at the start month as the fixed network, the default index of
the chosen demand vintage, the straight-line travel table) with the pipeline's own
:func:`planning.plan.load_base`, :func:`~planning.plan.build_network`,
:func:`~planning.plan.demand_weights` and :func:`~planning.plan.make_problem`; the centres that really opened in the window are made candidates (their own sites) and compared with
:func:`planning.retrospective.compare`. It returns one frozen :class:`NationalRetrospective` with
everything a report or an app page shows; :func:`kpi_table`, :func:`site_table`,
:func:`sites_csv` and :func:`workbook` turn it into Korean tables and files.

The comparison covers the **cited centres only** (``data/centers.csv``): ``gaps`` says how many
centres of the programme the table lacks and which rows have no known opening month.
"""

from __future__ import annotations

import io
from collections.abc import Mapping
from dataclasses import dataclass, field
from typing import Any

import numpy as np
import pandas as pd

from planning import export
from planning.i18n import msg, t
from planning.optimize import LocationProblem
from planning.retrospective import KPI_INDICATORS, Retrospective, compare, gain_rank, own_gains

ENGINE_KO = t("retro.engine", "ko")


def _pair(key: str) -> tuple[str, str]:
    """(Korean, English) text of a catalog key."""
    return t(key, "ko"), t(key, "en")


def _pair_of(key: str, **fmt: object) -> tuple[str, str]:
    return t(key, "ko", **fmt), t(key, "en", **fmt)


#: labels of the site sets and the networks (Korean, English), from the catalog (``retro.*``)
SET_LABELS = {k: _pair(f"retro.set.{k}") for k in ("real", "optimal", "both", "same_sigungu")}
KPI_ROWS = tuple(
    (k, *_pair(f"retro.kpi.{k}"))
    for k in (
        "new_centers",
        "covered_share",
        "share_population",
        "share_recipients",
        "share_unemployed",
        "avg_minutes",
        "worst_minutes",
    )
)
NETWORK_COLUMNS = {k: _pair(f"retro.net.{k}") for k in ("start", "real", "optimal", "same_sigungu")}


@dataclass(frozen=True, eq=False)
class NationalRetrospective:
    """The national comparison and its context (frozen; DataFrames are not to be mutated)."""

    after: str
    until: str
    threshold: float
    vintage: str
    vintages: Mapping[str, str]
    vintage_text: Mapping[str, str]  # {"ko": ..., "en": ...}
    weights: Mapping[str, float]
    formula: Mapping[str, str]  # {"ko": ..., "en": ...}
    engine: str
    result: Retrospective
    start_centers: pd.DataFrame
    real_centers: pd.DataFrame
    sites: pd.DataFrame
    gaps: Mapping[str, Any]
    notes: tuple[str, ...] = field(default_factory=tuple)

    def summary(self) -> dict:
        """What ``summary.json`` holds: the settings, ``real`` and ``optimal`` (each with
        ``new_centers``, ``covered_share`` and the KPIs), the restricted optimum, the share of
        the optimum's gain reached, per-centre gains and ranks, and the table's gaps."""
        out = self.result.summary()
        real_list = self.real_centers[
            ["center_id", "name_ko", "open_by", "own_gain", "own_gain_rank", "in_optimal"]
        ]
        out["real"]["centers"] = _records(real_list)
        opt = self.sites[self.sites["set"].isin(["optimal", "both"])]
        out["optimal"]["sites"] = _records(
            opt[["site_id", "name_ko", "sigungu_ko", "rank", "own_gain", "own_gain_rank"]]
        )
        gaps = dict(self.gaps)
        gaps["unknown_opening"] = _records(gaps["unknown_opening"])
        return {
            "window": {"after": self.after, "until": self.until},
            "threshold": self.threshold,
            "vintage": self.vintage,
            "vintages": dict(self.vintages),
            "vintage_text": dict(self.vintage_text),
            "weights": dict(self.weights),
            "formula": dict(self.formula),
            "engine": self.engine,
            "start_centers": len(self.start_centers),
            **{k: v for k, v in out.items() if k != "threshold"},
            "coverage_note": (
                "The comparison covers the cited centres of data/centers.csv only; see gaps."
            ),
            "gaps": gaps,
            "notes": [*out["notes"], *self.notes],
        }


def _records(frame: pd.DataFrame) -> list[dict]:
    out = []
    for row in frame.to_dict("records"):
        clean = {}
        for k, v in row.items():
            if isinstance(v, np.generic):
                v = v.item()
            if isinstance(v, float) and not np.isfinite(v) or v is pd.NA:
                v = None
            clean[k] = v
        out.append(clean)
    return out


def national_retrospective(
    after: str = "2016-01",
    until: str = "2017-12",
    *,
    threshold: float = 30.0,
    vintage: str | None = None,
    weights: Mapping[str, float] | None = None,
    exact: bool = True,
    time_limit: float | None = None,
) -> NationalRetrospective:
    """Compare the centres that opened after ``after`` and by ``until`` with the optimum of the
    same count from the network of ``after`` (see the module docstring)."""
    from planning import demand
    from planning.centers import parse_as_of, table_gaps
    from planning.errors import DataError
    from planning.plan.model import load_base
    from planning.plan.network import build_network
    from planning.plan.run import demand_weights, make_problem
    from planning.scenario import DEFAULT_WEIGHTS, Scenario
    from planning.vintage import parse_vintage

    after, until = parse_as_of(after), parse_as_of(until)
    if until <= after:
        raise DataError.of("retro.window", until=until, after=after)
    v = parse_vintage(vintage)
    base = load_base(vintage=v.key)
    indicators = base.indicators
    vintages = base.vintages
    net = build_network(base)
    n_centers = net.n_centers
    opened = net.opened[:n_centers]
    start = opened <= after
    window = (opened > after) & (opened <= until)
    real = np.flatnonzero(window)
    if len(real) == 0:
        raise DataError.of("retro.no_openings", after=after, until=until)
    weight_map = dict(weights or dict(DEFAULT_WEIGHTS))
    scenario = Scenario(
        name="retrospective",
        as_of=after,
        total=int(start.sum()) + len(real),
        threshold=float(threshold),
        weights=tuple(weight_map.items()),
        vintage=v.key,
    )
    index = demand_weights(base, scenario)
    problem = make_problem(base, net, scenario, index)
    real_mask = np.zeros(problem.n_sites, dtype=bool)
    real_mask[real] = True
    problem = problem.with_(excluded=problem.excluded & ~real_mask)
    centers = base.centers.reset_index(drop=True)
    areas = base.areas.reset_index(drop=True)
    site_sigungu = np.concatenate(
        [centers["sigungu_code"].astype(str).to_numpy(), areas["sigungu_code"].astype(str)]
    )
    kpi_indicators = {
        k: indicators[k].fillna(0.0).to_numpy(float) for k in KPI_INDICATORS if k in indicators
    }
    result = compare(
        problem,
        real,
        threshold=float(threshold),
        indicators=kpi_indicators,
        site_sigungu=site_sigungu,
        exact=exact,
        time_limit=time_limit,
    )
    names = np.concatenate(
        [centers["name_ko"].astype(str).to_numpy(), areas["full_name_ko"].astype(str).to_numpy()]
    )
    sigungu_names = _sigungu_names(site_sigungu)
    sites = _site_sets(result, problem, names, sigungu_names, net.lat, net.lon, n_centers, centers)
    real_centers = centers.loc[real, ["center_id", "name_ko", "sigungu", "open_by"]].reset_index(
        drop=True
    )
    real_centers = pd.concat(
        [real_centers, result.real_sites.drop(columns=["site_index"]).reset_index(drop=True)],
        axis=1,
    )
    start_centers = centers.loc[start, ["center_id", "name_ko", "sigungu", "open_by"]]
    formula = {
        "ko": demand.index_formula({k: w for k, w in weight_map.items() if k in indicators}, "ko"),
        "en": demand.index_formula({k: w for k, w in weight_map.items() if k in indicators}, "en"),
    }
    return NationalRetrospective(
        after=after,
        until=until,
        threshold=float(threshold),
        vintage=v.key,
        vintages=vintages,
        vintage_text={
            "ko": demand.describe_vintage(v.key, "ko"),
            "en": demand.describe_vintage(v.key, "en"),
        },
        weights=weight_map,
        formula=formula,
        engine="straight (great-circle km at the calibrated door-to-door speed; the app's default table)",
        result=result,
        start_centers=start_centers.reset_index(drop=True),
        real_centers=real_centers,
        sites=sites,
        gaps=table_gaps(until),
        notes=(t("retro.note.locations", "en"), t("retro.note.candidates", "en")),
    )


def _sigungu_names(codes: np.ndarray) -> np.ndarray:
    from planning import crosswalk

    table = crosswalk.sigungu_table().set_index("sigungu_code")["full_name_ko"]
    return pd.Series(codes).map(table).fillna(pd.Series(codes)).to_numpy(dtype=object)


def _site_sets(
    result: Retrospective,
    problem: LocationProblem,
    names: np.ndarray,
    sigungu_names: np.ndarray,
    lat: np.ndarray,
    lon: np.ndarray,
    n_centers: int,
    centers: pd.DataFrame,
) -> pd.DataFrame:
    site_ids = problem.site_ids
    gains = own_gains(problem, result.threshold)
    ranks = gain_rank(gains)
    real = result.real_sites.set_index("site_index")
    opt = result.optimal_sites.set_index("site_index")
    same = (
        set()
        if result.same_sigungu_solution is None
        else set(result.same_sigungu_solution.new_index.tolist())
    )
    rows = []
    extra = sorted(same - set(real.index) - set(opt.index))
    order = list(real.index) + [i for i in opt.index if i not in real.index] + extra
    for idx in order:
        if idx in real.index:
            kind = "both" if idx in opt.index else "real"
        else:
            kind = "optimal" if idx in opt.index else "same_sigungu"
        rows.append(
            {
                "set": kind,
                "site_id": str(site_ids[idx]),
                "name_ko": names[idx],
                "sigungu_ko": sigungu_names[idx],
                "opened": centers["open_by"].iloc[idx] if idx < n_centers else "",
                "lat": round(float(lat[idx]), 6),
                "lon": round(float(lon[idx]), 6),
                "rank": int(opt.loc[idx, "rank"]) if idx in opt.index else None,
                "own_gain": float(gains[idx]),
                "own_gain_rank": int(ranks[idx]),
                "in_same_sigungu_optimum": idx in same,
            }
        )
    table = pd.DataFrame(rows)
    table["rank"] = table["rank"].astype("Int64")
    return table


# -- tables and files ---------------------------------------------------------------------------


def kpi_table(report: NationalRetrospective, lang: str = "ko") -> pd.DataFrame:
    """KPIs side by side: one row per measure, one column per network (percent for shares)."""
    col = 0 if lang == "ko" else 1
    kpis = {"start": report.result.start, "real": report.result.real}
    kpis["optimal"] = report.result.optimal
    if report.result.same_sigungu is not None:
        kpis["same_sigungu"] = report.result.same_sigungu
    measure = t("retro.measure", lang)
    data: dict[str, list] = {measure: []}
    for key in kpis:
        data[NETWORK_COLUMNS[key][col]] = []
    cap = report.result.start.minutes_cap
    for key, ko, en in KPI_ROWS:
        if key == "worst_minutes" and np.isfinite(cap):
            ko, en = _pair_of("retro.kpi.worst_capped", cap=cap)
        data[measure].append(ko if lang == "ko" else en)
        for net, k in kpis.items():
            value = k.to_dict().get(key)
            if value is not None and (key.startswith("share_") or key == "covered_share"):
                value = round(100 * value, 2)
            elif isinstance(value, float):
                value = round(value, 1)
            data[NETWORK_COLUMNS[net][col]].append(value)
    return pd.DataFrame(data, dtype=object)  # counts stay whole numbers beside percentages


#: the site table's columns, headed from the catalog (``retro.col.*``)
SITE_COLUMNS = (
    "set",
    "site_id",
    "name_ko",
    "sigungu_ko",
    "opened",
    "lat",
    "lon",
    "rank",
    "own_gain",
    "own_gain_rank",
    "in_same_sigungu_optimum",
)


def site_headers(lang: str = "ko") -> dict[str, str]:
    """The site table's column headers in ``lang``, from the catalog (``retro.col.*``)."""
    return {c: t(f"retro.col.{c}", lang) for c in SITE_COLUMNS}


#: Korean column headers of the site table
SITE_HEADERS_KO = site_headers("ko")


def site_table(report: NationalRetrospective, lang: str = "ko") -> pd.DataFrame:
    """Both site sets in one table, headers and labels in ``lang`` (Korean by default)."""
    table = report.sites.copy()
    col = 0 if lang == "ko" else 1
    table["set"] = table["set"].map({k: v[col] for k, v in SET_LABELS.items()})
    table["own_gain"] = table["own_gain"].round(4)
    yes = t("retro.yes", lang)
    table["in_same_sigungu_optimum"] = table["in_same_sigungu_optimum"].map({True: yes, False: ""})
    return table.rename(columns=site_headers(lang))


def sites_csv(report: NationalRetrospective, lang: str = "ko") -> bytes:
    """UTF-8 with BOM (Excel on Windows reads the Korean text)."""
    table = site_table(report, lang)
    return table.to_csv(index=False, lineterminator="\r\n").encode("utf-8-sig")


def workbook(report: NationalRetrospective, lang: str = "ko") -> bytes:
    """Excel: 입지 비교, 핵심 지표, 실제 센터, 누락 센터, 설정, 자료 출처 (texts in ``lang``)."""

    def tr(key: str, **fmt: object) -> str:
        return t(key, lang, **fmt)

    buf = io.BytesIO()
    columns = {
        c: tr(f"retro.col.{c}")
        for c in (
            "center_id",
            "center_name",
            "sigungu",
            "open_by",
            "site_id",
            "own_gain",
            "own_gain_rank",
            "in_optimal",
            "sigungu_code",
            "cohort",
        )
    }
    columns["name_ko"] = columns.pop("center_name")
    real = report.real_centers.assign(
        in_optimal=report.real_centers["in_optimal"].map({True: tr("retro.yes"), False: ""}),
        own_gain=report.real_centers["own_gain"].astype(float).round(4),
    ).rename(columns=columns)
    gaps = report.gaps
    missing = gaps["unknown_opening"].rename(columns=columns)
    status = tr("retro.col.status")
    missing[status] = tr("retro.status.unknown_opening")
    named = pd.DataFrame(
        {
            columns["name_ko"]: [
                tr("retro.not_tabulated", name=n) for n in gaps["named_not_tabulated"]
            ]
        }
    ).assign(**{status: tr("retro.status.not_tabulated")})
    # the plan workbook's 자료 출처 sheet: names, years, citations and licenses in ``lang``
    sources = export.sources_table(report.vintages, lang)
    count = gaps.get("programme_count")
    settings = pd.DataFrame(
        {
            tr("retro.col.item"): [
                tr(f"retro.setting.{k}")
                for k in ("window", "threshold", "vintage", "formula", "engine", "scope")
            ],
            tr("retro.col.value"): [
                tr("retro.window_text", after=report.after, until=report.until),
                int(report.threshold)
                if float(report.threshold).is_integer()
                else float(report.threshold),
                report.vintage_text[lang],
                report.formula[lang],
                tr("retro.engine"),
                tr(
                    "retro.scope",
                    until=report.until,
                    n=gaps["cited_open"],
                    programme=msg("retro.scope.programme", n=count) if count else "",
                ),
            ],
        }
    )
    with pd.ExcelWriter(buf, engine="openpyxl") as xl:
        site_table(report, lang).to_excel(xl, sheet_name=tr("retro.sheet.sites"), index=False)
        kpi_table(report, lang).to_excel(xl, sheet_name=tr("retro.sheet.kpis"), index=False)
        real.to_excel(xl, sheet_name=tr("retro.sheet.real"), index=False)
        pd.concat([missing, named], ignore_index=True).to_excel(
            xl, sheet_name=tr("retro.sheet.missing"), index=False
        )
        settings.to_excel(xl, sheet_name=tr("retro.sheet.settings"), index=False)
        sources.to_excel(xl, sheet_name=tr("retro.sheet.sources"), index=False)
        coordinates = {tr("retro.col.lat"), tr("retro.col.lon")}
        gains = {tr("retro.col.own_gain")}
        for ws in xl.book.worksheets:
            ws.freeze_panes = "A2"
            for column in ws.columns:
                width = max(len(str(c.value or "")) for c in column)
                ws.column_dimensions[column[0].column_letter].width = min(60, max(8, width * 1.6))
                # numbers as numbers with a format: thousands separators, fixed decimals
                head = str(column[0].value)
                for cell in column[1:]:
                    if isinstance(cell.value, bool) or not isinstance(cell.value, int | float):
                        continue
                    if isinstance(cell.value, int):
                        cell.number_format = "#,##0"
                    elif head in coordinates:
                        cell.number_format = "0.000000"
                    elif head in gains:
                        cell.number_format = "0.0000"
                    else:
                        cell.number_format = "#,##0.00"
    return buf.getvalue()
