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
    (csv,) = out.glob("sites_*.csv")
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
    # network totals: 37 centers at 2016-01, then 57, 77, and the target 100
    summary, sites = _run(tmp_path, "phases", Scenario(name="단계", phases=(57, 77)))
    phases = sites["단계"].astype(int)
    assert set(phases) == {1, 2, 3}
    assert (phases.diff().dropna() >= 0).all()  # ranked phase by phase
    assert (phases == 1).sum() == 20 and (phases == 2).sum() == 20


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


def test_the_app_and_run_give_the_same_files(tmp_path) -> None:
    """The same scenario file loaded in the app (AppTest) and run by ``run`` gives the same
    export files: the app's download buttons are :func:`planning.plan.outputs.output_files` of
    the app's own result."""
    from streamlit.testing.v1 import AppTest

    from planning.plan.outputs import output_files
    from planning.ui import cache, state

    scenario = Scenario(name="비교안", total=80, threshold=45, sido_min=(("37", 4),))
    at = AppTest.from_file(str(Path(__file__).parents[1] / "app.py"), default_timeout=240)
    at.run()
    at.file_uploader(key="w_file_scenario").upload(
        "비교안.toml", scenario.to_toml().encode("utf-8"), "application/toml"
    )
    at.run()
    assert not at.exception
    result = at.session_state[state.RESULT]
    assert result.scenario.key() == scenario.key()
    base = cache.bundled_base()
    net = cache.network(base)
    app_files = {f.filename: f.build() for f in output_files(base, net, result)}
    labels = {b.label for b in at.get("download_button")}
    assert {"입지 목록 CSV", "입지 목록 엑셀", "담당 구역 GeoJSON", "도달 범위 GeoJSON"} <= labels

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
        else:
            assert data == written[name], name
