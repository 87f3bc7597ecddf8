"""The files a result exports, built the same way for the app's download buttons and for
``python -m planning run``: the site list (CSV, Excel), GeoJSON of the sites, their reach
(도달 범위) and service areas (담당 구역), the meeting summary, and ``summary.json``.

:func:`output_files` names each file and how to build it (built only when asked: the app builds a
file when its button is clicked); :func:`write_outputs` writes them all into a folder.
"""

from __future__ import annotations

import json
from collections.abc import Callable
from dataclasses import asdict, dataclass
from pathlib import Path

import numpy as np
import pandas as pd

from planning import export
from planning.i18n import LANGS, t
from planning.plan.model import MAX_THRESHOLD, BaseData, Network
from planning.plan.run import PlanResult
from planning.scenario import Scenario, shown_name

PERCENT_KEYS = {"share_population", "share_recipients", "share_unemployed", "share_index"}
MINUTE_KEYS = {"avg_minutes", "worst_minutes"}
COUNT_KEYS = {"people_beyond_60", "people_beyond_90"}
#: the KPI table's note on ``> 90`` values, by language (``outputs.beyond_note``)
BEYOND_NOTE = {lang: t("outputs.beyond_note", lang, m=f"{MAX_THRESHOLD:g}") for lang in LANGS}
#: the exported files: key -> (catalog key of the file name's prefix, suffix, MIME type)
_FILES = {
    "csv": ("outputs.file.sites", ".csv", "text/csv"),
    "xlsx": (
        "outputs.file.sites",
        ".xlsx",
        "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
    ),
    "pdf": ("outputs.file.report", ".pdf", "application/pdf"),
    "geo_sites": ("outputs.file.geo_sites", ".geojson", "application/geo+json"),
    "geo_service": ("outputs.file.geo_service", ".geojson", "application/geo+json"),
    "geo_reach": ("outputs.file.geo_reach", ".geojson", "application/geo+json"),
    "html": ("outputs.file.summary", ".html", "text/html"),
}


def _fmt_minutes(v: float) -> str:
    """Minutes, or ``> 90`` when the area is beyond the travel table's cutoff (``inf``)."""
    if np.isnan(v):
        return "–"
    return f"> {MAX_THRESHOLD:g}" if not np.isfinite(v) else f"{v:.1f}"


def minutes_change(before: float, after: float) -> tuple[str, int]:
    """(text, sign) of a change in minutes when either side may be beyond the cutoff.

    ``> 90`` -> 45.2 is ``< -44.8`` (shorter by more than 44.8 minutes); 45.2 -> ``> 90`` is
    ``> +44.8``; beyond the cutoff on both sides the change is unknown (``–``).
    """
    if np.isnan(before) or np.isnan(after):
        return "–", 0
    if np.isfinite(before) and np.isfinite(after):
        d = after - before
        return f"{d:+.1f}", int(np.sign(round(d, 1)))
    if np.isfinite(after):
        return f"< {after - MAX_THRESHOLD:+.1f}", -1
    if np.isfinite(before):
        return f"> {MAX_THRESHOLD - before:+.1f}", 1
    return "–", 0


def kpi_frame(result: PlanResult, lang: str) -> pd.DataFrame:
    """KPIs as display text in the chosen language (also used by the exports and the compare
    page). Minutes beyond the 90-minute table read ``> 90``, and their change ``< -x``."""
    thr = f"{result.scenario.threshold:g}"
    rows = []
    for key, before, after in result.kpis[["key", "before", "after"]].itertuples(index=False):
        before, after = float(before), float(after)
        if key in MINUTE_KEYS:
            b, a = _fmt_minutes(before), _fmt_minutes(after)
            change = minutes_change(before, after)[0]
        else:
            digits = 0 if key == "n_centers" or key in COUNT_KEYS else 1
            b, a = (("–" if np.isnan(v) else f"{v:,.{digits}f}") for v in (before, after))
            d = after - before
            change = "–" if np.isnan(d) else f"{d:+,.{digits}f}"
        rows.append((t(f"kpi.{key}", lang, t=thr), b, a, change))
    return pd.DataFrame(rows, columns=["metric", "before", "after", "change"])


@dataclass(frozen=True)
class OutputFile:
    """One exported file: its name, MIME type and how to build its bytes."""

    key: str
    filename: str
    mime: str
    build: Callable[[], bytes]


def printed_scenario(
    result: PlanResult, current: Scenario | None = None, lang: str = "ko"
) -> Scenario:
    """The scenario printed on a result's files: its own settings, under ``current``'s name and
    note when ``current`` asks for the same settings (a cached result reused for a loaded
    scenario that differs only in its name). The default name (``scn.default_name``, 기본
    시나리오) reads in ``lang``; a name someone typed is kept as typed."""
    shown = export.labelled(result.scenario, current)
    return shown.replace(name=shown_name(shown.name, lang))


def file_stem(scenario: Scenario, lang: str = "ko") -> str:
    """``'부산_우선안_2016-01_100곳_30분'``: the scenario's name (made safe) and its settings
    (``'부산_우선안_2016-01_100_centers_30min'`` in English)."""
    s = scenario
    name = export.file_stem(s.name, lang=lang)
    return t("outputs.stem", lang, name=name, as_of=s.as_of, total=s.total, t=f"{s.threshold:g}")


def _names(base: BaseData) -> dict[str, str]:
    """Readable names for the codes in a scenario: 시도 codes and candidate 행정동."""
    from planning.plan.run import site_names

    names = dict(zip(base.areas["sido_code"].astype(str), base.areas["sido_ko"], strict=True))
    names.update(site_names(base))
    return names


def output_files(
    base: BaseData,
    net: Network,
    result: PlanResult,
    *,
    scenario: Scenario | None = None,
    lang: str = "ko",
) -> list[OutputFile]:
    """Every export of ``result``, its names, headers and notes in ``lang`` (Korean files by
    default). Nothing is built until asked. ``scenario``: the current settings, whose name and
    note the files carry when they match the result's."""
    from planning import report
    from planning.plan.catchments import reach_polygons, service_areas
    from planning.plan.model import centers_as_of

    vintages = base.vintages
    shown = printed_scenario(result, scenario, lang)
    stem = file_stem(shown, lang)

    def pdf() -> bytes:
        centers = centers_as_of(base.centers, shown.as_of)
        inp = report.report_input(
            result, centers, vintages, scenario=shown, names=_names(base), lang=lang
        )
        return report.report_pdf(inp)

    sites, formula = result.sites_in(lang), result.formula_in(lang)  # in the files' language
    builders: dict[str, Callable[[], bytes]] = {
        "csv": lambda: export.sites_csv(sites, vintages, lang=lang),
        "xlsx": lambda: export.sites_xlsx(
            sites,
            vintages,
            scenario=shown,
            kpis=result.kpis,
            formula=formula,
            names=_names(base),
            lang=lang,
        ),
        "pdf": pdf,
        "geo_sites": lambda: export.sites_geojson(sites, lang=lang),
        "geo_service": lambda: export.geojson(service_areas(base, net, result)),
        "geo_reach": lambda: export.geojson(reach_polygons(base, net, result)),
        "html": lambda: export.summary_html(
            shown, result.kpis, sites, vintages, formula=formula, lang=lang
        ).encode("utf-8"),
    }
    return [
        OutputFile(key, f"{t(prefix, lang)}_{stem}{suffix}", mime, builders[key])
        for key, (prefix, suffix, mime) in _FILES.items()
    ]


def _number(value: object) -> object:
    """JSON-safe: NaN and inf become None (a note says what None means where it matters)."""
    if isinstance(value, float | np.floating):
        return float(value) if np.isfinite(value) else None
    if isinstance(value, np.integer):
        return int(value)
    if isinstance(value, np.bool_):
        return bool(value)
    return value


def summary(base: BaseData, net: Network, result: PlanResult) -> dict:
    """``summary.json``: the solution's objective, bound, gap, optimality and time, every
    setting of the scenario, the KPIs before and after, and the data vintages."""
    sol = result.solution
    kpis = {
        str(k): {"before": _number(b), "after": _number(a)}
        for k, b, a in result.kpis[["key", "before", "after"]].itertuples(index=False)
    }
    return {
        "scenario": asdict(result.scenario),
        "solution": {
            "model": getattr(sol, "model", None),
            "method": getattr(sol, "method", None),
            "objective": _number(getattr(sol, "objective", None)),
            "bound": _number(getattr(sol, "bound", None)),
            "gap": _number(getattr(sol, "gap", None)),
            "optimal": bool(getattr(sol, "optimal", False)),
            "seconds": _number(getattr(sol, "seconds", None)),
        },
        "seconds": result.seconds,
        "formula": result.formula,
        "kpis": kpis,
        "kpi_note": f"minutes: null = no center within the {MAX_THRESHOLD:g}-minute table",
        "n_new_sites": len(result.new_ids),
        "new_sites": result.new_ids,
        "open_sites": result.open_ids,
        "engine": getattr(net.table, "engine", ""),
        "vintages": dict(base.vintages),
    }


def write_outputs(
    base: BaseData, net: Network, result: PlanResult, out: Path, *, lang: str = "ko"
) -> dict[str, Path]:
    """Write every :func:`output_files` file and ``summary.json`` into ``out``."""
    out.mkdir(parents=True, exist_ok=True)
    written: dict[str, Path] = {}
    for f in output_files(base, net, result, lang=lang):
        path = out / f.filename
        path.write_bytes(f.build())
        written[f.key] = path
    path = out / "summary.json"
    path.write_text(
        json.dumps(summary(base, net, result), ensure_ascii=False, indent=2, default=str),
        encoding="utf-8",
    )
    written["summary"] = path
    return written


__all__ = [
    "BEYOND_NOTE",
    "MINUTE_KEYS",
    "PERCENT_KEYS",
    "OutputFile",
    "file_stem",
    "printed_scenario",
    "kpi_frame",
    "minutes_change",
    "output_files",
    "summary",
    "write_outputs",
]
