"""``python -m planning run``: one scenario file through the single pipeline; every field of the
scenario changes the result as it should; the files are the app's export files."""

from __future__ import annotations

import json
from pathlib import Path

import openpyxl
import pandas as pd
import pytest

from planning.cli import main
from planning.scenario import Scenario

pytestmark = pytest.mark.slow


def _run(tmp_path: Path, name: str, scenario: Scenario, *extra: str) -> tuple[dict, pd.DataFrame]:
    src = tmp_path / f"{name}.toml"
    src.write_text(scenario.to_toml(), encoding="utf-8")
    out = tmp_path / name
    assert main(["run", str(src), "--out", str(out), *extra]) == 0
    summary = json.loads((out / "summary.json").read_text(encoding="utf-8"))
    (csv,) = out.glob("입지목록_*.csv")
    sites = pd.read_csv(csv, encoding="utf-8-sig", dtype=str)
    return summary, sites


@pytest.fixture(scope="module")
def default(tmp_path_factory) -> tuple[dict, pd.DataFrame]:
    return _run(tmp_path_factory.mktemp("run"), "default", Scenario(name="기본"))


def _new(summary: dict) -> list[str]:
    return summary["new_sites"]


def test_run_writes_the_app_files_and_a_full_summary(default, tmp_path) -> None:
    summary, sites = default
    assert summary["scenario"]["name"] == "기본"
    assert summary["kpis"]["n_centers"]["after"] == summary["scenario"]["total"]
    for key in ("objective", "bound", "gap", "optimal", "seconds"):
        assert key in summary["solution"]
    assert summary["vintages"] and summary["engine"] == "straight"
    assert len(sites) == len(_new(summary))
    assert "선정 이유" in sites.columns


def test_total_sets_the_number_of_new_sites(default, tmp_path) -> None:
    summary, _ = _run(tmp_path, "t80", Scenario(name="80", total=80))
    n_fixed = int(default[0]["kpis"]["n_centers"]["before"])
    assert len(_new(summary)) == 80 - n_fixed
    assert len(_new(default[0])) == 100 - n_fixed


def test_month_changes_the_existing_network(default, tmp_path) -> None:
    summary, _ = _run(tmp_path, "m2017", Scenario(name="2017", as_of="2017-12"))
    assert summary["kpis"]["n_centers"]["before"] > default[0]["kpis"]["n_centers"]["before"]


def test_threshold_widens_the_covered_share(default, tmp_path) -> None:
    summary, _ = _run(tmp_path, "t45", Scenario(name="45", threshold=45))
    assert summary["scenario"]["threshold"] == 45
    share = summary["kpis"]["share_index"]
    assert share["before"] > default[0]["kpis"]["share_index"]["before"]
    assert share["after"] > default[0]["kpis"]["share_index"]["after"]


def test_weights_change_the_picks(default, tmp_path) -> None:
    summary, _ = _run(
        tmp_path, "w", Scenario(name="수급자", weights=(("population", 0.0), ("recipients", 1.0)))
    )
    assert summary["formula"] != default[0]["formula"]
    assert set(_new(summary)) != set(_new(default[0]))
    # the objective is the recipients' share, which this run covers at least as well as default
    assert summary["kpis"]["share_recipients"]["after"] >= (
        default[0]["kpis"]["share_recipients"]["after"] - 1e-9
    )


def test_vintage_2015_loads_the_demand_of_its_time(default, tmp_path) -> None:
    """The scenario's demand vintage reaches the data: 2015 figures (another population, so
    other shares and picks) and the vintages of the summary say 2015."""
    summary, _ = _run(tmp_path, "v2015", Scenario(name="2015", vintage="2015"))
    assert summary["vintages"]["population"].startswith("2015")
    assert summary["vintages"]["recipients"].startswith("2015")
    assert "2015" in summary["vintages"]["demand"]
    assert not default[0]["vintages"]["population"].startswith("2015")
    before = summary["kpis"]["share_index"]["before"]
    assert before != pytest.approx(default[0]["kpis"]["share_index"]["before"], abs=1e-6)
    assert set(_new(summary)) != set(_new(default[0]))


def test_model_average_minimises_the_mean_time(default, tmp_path) -> None:
    summary, _ = _run(tmp_path, "avg", Scenario(name="평균", model="average"))
    assert summary["solution"]["model"] == "median"
    assert summary["kpis"]["avg_minutes"]["after"] <= default[0]["kpis"]["avg_minutes"]["after"]


def test_sido_minimum_locks_and_excludes_are_honoured(default, tmp_path) -> None:
    _, sites = default
    first = str(sites["후보지 ID"].iloc[0])
    picks = {c: sum(s.startswith(c) for s in _new(default[0])) for c in ("32", "33", "36", "37")}
    sido = min(picks, key=picks.get)
    need = picks[sido] + 3
    summary, out = _run(
        tmp_path,
        "rules",
        Scenario(
            name="규칙",
            sido_min=((sido, need),),
            locked=("11010530",),
            excluded=(first,),
        ),
    )
    new = _new(summary)
    assert "11010530" in new and first not in new
    assert "11010530" not in _new(default[0])
    assert sum(code.startswith(sido) for code in new) >= need


def test_phases_are_nested_and_labelled(tmp_path) -> None:
    """Phases are cumulative network totals (60, 80, then the target 100)."""
    summary, sites = _run(tmp_path, "phases", Scenario(name="단계", phases=(60, 80)))
    n_fixed = int(summary["kpis"]["n_centers"]["before"])
    phases = sites["단계"].astype(int)
    assert set(phases) == {1, 2, 3}
    assert (phases.diff().dropna() >= 0).all()  # ranked phase by phase
    assert (phases == 1).sum() == 60 - n_fixed and (phases == 2).sum() == 20
    assert n_fixed + len(sites) == 100


def test_version_1_phases_count_from_the_centers_of_the_run(tmp_path, capsys) -> None:
    """A version-1 file's phase sizes (new centers per phase) become totals with the centers of
    this run: with ``--centers`` giving 30 of them, a first phase of 10 new sites ends at 40.
    The run says so, as the app does when it loads such a file."""
    centers = pd.read_csv(Path(__file__).parents[1] / "data/centers.csv", dtype=str)
    opened = centers[centers["open_by"] <= "2016-01"].head(30)
    own = tmp_path / "centers.csv"
    opened.to_csv(own, index=False)
    text = Scenario(name="v1", total=60, phases=(40, 50)).to_toml()
    src = tmp_path / "v1.toml"
    src.write_text(
        text.replace("version = 2", "version = 1").replace("phases = [40, 50]", "phases = [10]"),
        encoding="utf-8",
    )
    out = tmp_path / "out"
    assert main(["run", str(src), "--centers", str(own), "--out", str(out)]) == 0
    err = capsys.readouterr().err
    assert "v1.toml: " in err and "40" in err, err
    summary = json.loads((out / "summary.json").read_text(encoding="utf-8"))
    assert summary["kpis"]["n_centers"]["before"] == 30
    assert summary["scenario"]["phases"] == [40]
    (csv,) = out.glob("입지목록_*.csv")
    phases = pd.read_csv(csv, encoding="utf-8-sig", dtype=str)["단계"].astype(int)
    assert (phases == 1).sum() == 10 and (phases == 2).sum() == 20


def test_run_errors_name_the_fix(tmp_path, capsys) -> None:
    src = tmp_path / "matrix.toml"
    src.write_text(Scenario(engine="matrix").to_toml(), encoding="utf-8")
    assert main(["run", str(src), "--out", str(tmp_path / "o")]) == 2
    assert "--matrix" in capsys.readouterr().err
    assert main(["run", str(tmp_path / "missing.toml"), "--out", str(tmp_path / "o")]) == 2


def _xlsx_values(data: bytes | Path) -> dict[str, list[tuple]]:
    import io

    wb = openpyxl.load_workbook(io.BytesIO(data) if isinstance(data, bytes) else data)
    return {ws.title: [tuple(r) for r in ws.iter_rows(values_only=True)] for ws in wb.worksheets}


def _strip_time(html: bytes) -> bytes:
    import re

    return re.sub(rb"\d{4}-\d{2}-\d{2} \d{2}:\d{2}", b"", html)


def _pdf_text(data: bytes, tmp_path: Path) -> str:
    import re
    import subprocess

    src = tmp_path / "x.pdf"
    src.write_bytes(data)
    text = subprocess.run(
        ["pdftotext", "-layout", str(src), "-"], capture_output=True, text=True, check=True
    ).stdout
    return re.sub(r"\d{4}-\d{2}-\d{2} \d{2}:\d{2}", "", text)


def test_the_app_and_run_give_the_same_files(tmp_path, monkeypatch) -> None:
    """The same scenario file loaded in the app (AppTest, reading the data of its download
    buttons) and run by ``run`` gives the same export files."""
    import shutil

    from streamlit.elements.widgets.button import ButtonMixin
    from streamlit.testing.v1 import AppTest

    from planning.ui import state

    seen: dict[str, tuple[str, object]] = {}
    original = ButtonMixin.download_button

    def spy(self, label, data, *args, **kwargs):
        seen[kwargs.get("key", label)] = (kwargs.get("file_name"), data)
        return original(self, label, data, *args, **kwargs)

    monkeypatch.setattr(ButtonMixin, "download_button", spy)
    scenario = Scenario(name="비교안", total=80, threshold=45, sido_min=(("37", 4),))
    at = AppTest.from_file(str(Path(__file__).parents[1] / "app.py"), default_timeout=240)
    at.run()
    at.file_uploader(key="w_file_scenario").upload(
        "비교안.toml", scenario.to_toml().encode("utf-8"), "application/toml"
    )
    seen.clear()
    at.run()
    assert not at.exception
    assert at.session_state[state.RESULT].scenario.key() == scenario.key()
    app_files = {
        name: (data() if callable(data) else data)
        for key, (name, data) in seen.items()
        if key.startswith("dl_") and name and not name.endswith((".json", ".toml"))
    }
    assert {"dl_csv", "dl_xlsx", "dl_pdf", "dl_geo_service", "dl_geo_reach"} <= set(seen)

    src = tmp_path / "비교안.toml"
    src.write_text(scenario.to_toml(), encoding="utf-8")
    out = tmp_path / "out"
    assert main(["run", str(src), "--out", str(out)]) == 0
    written = {p.name: p.read_bytes() for p in out.iterdir() if p.name != "summary.json"}
    assert set(written) == set(app_files)
    for name, data in app_files.items():
        if name.endswith(".xlsx"):
            assert _xlsx_values(data) == _xlsx_values(written[name]), name
        elif name.endswith(".html"):
            assert _strip_time(data) == _strip_time(written[name]), name
        elif name.endswith(".pdf"):
            if shutil.which("pdftotext"):
                assert _pdf_text(data, tmp_path) == _pdf_text(written[name], tmp_path), name
        else:
            assert data == written[name], name


def test_run_geojson_people_are_whole_and_coordinates_short(tmp_path) -> None:
    """The service-area and reach files: people as whole numbers, minutes to 0.1, coordinates
    to 6 decimals (~0.1 m), still a valid FeatureCollection of polygons."""
    import shapely.geometry

    src = tmp_path / "g.toml"
    src.write_text(Scenario(name="기본").to_toml(), encoding="utf-8")
    out = tmp_path / "g"
    assert main(["run", str(src), "--out", str(out)]) == 0
    for pattern in ("담당구역_*.geojson", "도달범위_*.geojson", "입지_*.geojson"):
        (path,) = out.glob(pattern)
        doc = json.loads(path.read_text(encoding="utf-8"))
        assert doc["type"] == "FeatureCollection" and doc["features"], pattern
        for f in doc["features"]:
            props = f["properties"]
            for key in ("population", "recipients", "unemployed"):
                if key in props:
                    assert isinstance(props[key], int), (pattern, key, props[key])
            for key in ("lat", "lon"):
                if key in props:
                    assert round(props[key], 6) == props[key]
            shape = shapely.geometry.shape(f["geometry"])
            assert not shape.is_empty
            coords = shapely.get_coordinates(shape)
            assert (coords.round(6) == coords).all(), pattern


def test_run_lang_en_writes_english_files(default, tmp_path) -> None:
    """``--lang en``: the same plan, its files named and headed in English."""
    src = tmp_path / "en.toml"
    src.write_text(Scenario(name="기본").to_toml(), encoding="utf-8")
    out = tmp_path / "en"
    assert main(["run", str(src), "--out", str(out), "--lang", "en"]) == 0
    names = sorted(p.name for p in out.iterdir())
    stem = "기본_2016-01_100_centers_30min"
    assert names == sorted(
        [
            f"sites_{stem}.csv",
            f"sites_{stem}.xlsx",
            f"report_{stem}.pdf",
            f"site_points_{stem}.geojson",
            f"service_areas_{stem}.geojson",
            f"reach_{stem}.geojson",
            f"summary_{stem}.html",
            "summary.json",
        ]
    )
    sites = pd.read_csv(out / f"sites_{stem}.csv", encoding="utf-8-sig", dtype=str)
    assert {"Rank", "Latitude", "Why this site"} <= set(sites.columns)
    summary = json.loads((out / "summary.json").read_text(encoding="utf-8"))
    assert summary["new_sites"] == default[0]["new_sites"]  # the language changes no answer
    book = openpyxl.load_workbook(out / f"sites_{stem}.xlsx")
    assert book.sheetnames == ["Sites", "Key figures", "Scenario", "Sources"]
    assert '<html lang="en">' in (out / f"summary_{stem}.html").read_text(encoding="utf-8")


def test_the_default_name_reads_in_the_files_language(tmp_path) -> None:
    """English files of an unnamed scenario were named 'sites_기본_시나리오_…': the default name
    (``scn.default_name``) is written in the files' language; a typed name stays as typed."""
    from planning.i18n import t

    src = tmp_path / "default.toml"
    src.write_text(Scenario().to_toml(), encoding="utf-8")
    assert Scenario().name == t("scn.default_name", "ko")
    assert main(["run", str(src), "--out", str(tmp_path / "en"), "--lang", "en"]) == 0
    names = sorted(p.name for p in (tmp_path / "en").iterdir())
    assert "sites_Default_scenario_2016-01_100_centers_30min.csv" in names, names
    assert not any("기본" in n for n in names), names
    html = next((tmp_path / "en").glob("summary_*.html")).read_text(encoding="utf-8")
    assert "Default scenario" in html and "기본 시나리오" not in html
    book = openpyxl.load_workbook(next((tmp_path / "en").glob("sites_*.xlsx")))
    values = [v for row in book["Scenario"].iter_rows(values_only=True) for v in row]
    assert "Default scenario" in values
    assert main(["run", str(src), "--out", str(tmp_path / "ko")]) == 0
    assert any(p.name.startswith("입지목록_기본_시나리오_") for p in (tmp_path / "ko").iterdir())
    typed = tmp_path / "typed.toml"
    typed.write_text(Scenario(name="기본 시나리오 2").to_toml(), encoding="utf-8")
    assert main(["run", str(typed), "--out", str(tmp_path / "t"), "--lang", "en"]) == 0
    assert any(p.name.startswith("sites_기본_시나리오_2_") for p in (tmp_path / "t").iterdir())
