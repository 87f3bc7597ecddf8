"""The osm engine end to end in ``python -m planning run`` on the real Yeouido extract, the road
file settings (planning.toml, environment variable, --osm) and their errors."""

from __future__ import annotations

import json
from pathlib import Path

import numpy as np
import pytest

from planning.cli import main
from planning.errors import DataError, TravelError
from planning.plan import load_base, open_by
from planning.plan.network import road_network, road_notices
from planning.scenario import Scenario
from planning.settings import RoadSettings, road_settings

pytestmark = pytest.mark.slow


@pytest.fixture(scope="module")
def yeouido(shared_data) -> Path:
    path = shared_data / "osm-yeouido" / "yeouido.osm.pbf"
    if not path.is_file():
        pytest.skip("the Yeouido extract is absent")
    return path


@pytest.fixture(scope="module")
def base():
    return load_base()


def _scenario(tmp_path: Path, base, **kw) -> Path:
    n_fixed = int((open_by(base.centers) <= "2016-01").sum())
    s = Scenario(name="여의도", engine="osm", total=n_fixed + 1, threshold=30, **kw)
    path = tmp_path / "osm.toml"
    path.write_text(s.to_toml(), encoding="utf-8")
    return path


def test_run_with_osm_picks_a_seoul_site_reachable_by_road(
    yeouido, base, tmp_path, capsys, monkeypatch
) -> None:
    monkeypatch.delenv("PLANNING_ROAD_FILE", raising=False)
    src = _scenario(tmp_path, base)
    out = tmp_path / "out"
    args = ["run", str(src), "--osm", str(yeouido), "--sido", "11", "--out", str(out)]
    assert main(args) == 0
    err = capsys.readouterr().err
    assert "100 %" in err and "[####" in err  # the progress bar
    assert "시도 11" in err  # the clip is stated
    summary = json.loads((out / "summary.json").read_text(encoding="utf-8"))
    assert summary["engine"] == "osm"
    (site,) = summary["new_sites"]
    assert site.startswith("11")  # a Seoul 행정동
    net = road_network(base, yeouido, sido=["11"])  # the cached table the run used
    row = int(np.flatnonzero(net.site_ids == site)[0])
    assert net.csr.indptr[row + 1] > net.csr.indptr[row]  # it reaches areas by road
    assert site not in set(net.table.meta["sites_unrouted"])


def test_road_network_says_what_the_clip_leaves_out(yeouido, base) -> None:
    net = road_network(base, yeouido, sido=["11"])
    assert net.table.engine == "osm" and net.table.cutoff == 90
    areas = net.table.area_ids[net.table.area_idx]
    assert len(areas) and all(str(a).startswith("11") for a in areas)
    keys = [n.en for n in road_notices(base, net)]
    assert any("clipped to 시도 11" in k for k in keys)
    assert any("sites" in k and "never chosen" in k for k in keys)
    assert net.csr.nnz > 0 and net.csr.data.max() <= 90


def test_run_osm_without_a_road_file_names_the_three_ways(
    base, tmp_path, monkeypatch, capsys
) -> None:
    monkeypatch.delenv("PLANNING_ROAD_FILE", raising=False)
    monkeypatch.setenv("PLANNING_CONFIG", str(tmp_path / "absent.toml"))
    src = _scenario(tmp_path, base)
    assert main(["run", str(src), "--out", str(tmp_path / "o")]) != 0
    err = capsys.readouterr().err
    assert "no road file is configured" in err
    for way in ("--osm", "PLANNING_ROAD_FILE", "planning.toml"):
        assert way in err
    assert not (tmp_path / "o" / "summary.json").exists()


def test_bad_road_files_get_bilingual_errors(base, tmp_path) -> None:
    with pytest.raises(TravelError) as exc:
        road_network(base, tmp_path / "missing.osm.pbf")
    assert exc.value.key == "roads.no_file" and "없습니다" in exc.value.problem_ko
    bad = tmp_path / "roads.csv"
    bad.write_text("a,b\n1,2\n", encoding="utf-8")
    with pytest.raises(TravelError) as exc:
        road_network(base, bad)
    assert exc.value.key == "roads.format" and "GraphML" in exc.value.problem
    rivers = tmp_path / "rivers.osm"  # a valid OSM file whose only way is a river
    rivers.write_text(
        '<?xml version="1.0"?>\n<osm version="0.6">'
        '<node id="1" lat="37.5" lon="126.9" version="1"/>'
        '<node id="2" lat="37.51" lon="126.91" version="1"/>'
        '<way id="3" version="1"><nd ref="1"/><nd ref="2"/><tag k="waterway" v="river"/></way>'
        "</osm>\n",
        encoding="utf-8",
    )
    with pytest.raises(TravelError) as exc:
        road_network(base, rivers)
    # the reader's own bilingual error (osm.no_roads), or the pipeline's for an empty graph
    assert exc.value.key in ("osm.no_roads", "roads.no_roads"), exc.value.key
    assert "도로가 없습니다" in exc.value.problem_ko and "roads" in exc.value.problem


def test_road_settings_env_wins_over_planning_toml(tmp_path) -> None:
    cfg = tmp_path / "planning.toml"
    cfg.write_text('[roads]\nfile = "/data/kr.osm.pbf"\nsido = ["11", "23"]\n', encoding="utf-8")
    assert road_settings({}, cfg) == RoadSettings(Path("/data/kr.osm.pbf"), ("11", "23"))
    env = {"PLANNING_ROAD_FILE": "/x/y.graphml", "PLANNING_ROAD_SIDO": "31"}
    assert road_settings(env, cfg) == RoadSettings(Path("/x/y.graphml"), ("31",))
    assert road_settings({}, tmp_path / "none.toml") is None
    cfg.write_text("[roads\n", encoding="utf-8")
    with pytest.raises(DataError) as exc:
        road_settings({}, cfg)
    assert exc.value.key == "roads.config"


def test_run_accepts_an_osmnx_graphml_file(shared_data, base, tmp_path, monkeypatch) -> None:
    gml = shared_data / "roads-calibration" / "osm-seoul-central"
    gml = gml / "seoul_central_jongno_jung_drive.graphml"
    if not gml.is_file():
        pytest.skip("the central Seoul GraphML is absent")
    monkeypatch.delenv("PLANNING_ROAD_FILE", raising=False)
    # configured through planning.toml this time
    cfg = tmp_path / "planning.toml"
    cfg.write_text(f'[roads]\nfile = "{gml}"\nsido = ["11"]\n', encoding="utf-8")
    monkeypatch.setenv("PLANNING_CONFIG", str(cfg))
    out = tmp_path / "out"
    assert main(["run", str(_scenario(tmp_path, base)), "--out", str(out)]) == 0
    summary = json.loads((out / "summary.json").read_text(encoding="utf-8"))
    assert summary["engine"] == "osm"
    (site,) = summary["new_sites"]
    assert site[:5] in {"11010", "11020"}  # 종로구 or 중구: the graph's two 구
    net = road_network(base, gml, sido=["11"])
    assert net.table.meta["filename"] == gml.name and net.csr.nnz > 1000


def test_worst_model_on_a_road_extract_names_the_areas_it_cannot_reach(yeouido, base) -> None:
    """최장 이동시간 on a road file that reaches only part of the demand: a message naming the
    행정동 by name and the ways out (the solver's own said to give a penalty, which neither the
    app nor a scenario file can)."""
    from planning.errors import InfeasibleScenario
    from planning.plan import run_scenario

    net = road_network(base, yeouido, sido=["11"])
    n_fixed = int((open_by(base.centers) <= "2016-01").sum())
    s = Scenario(engine="osm", model="worst", total=n_fixed + 2)
    with pytest.raises(InfeasibleScenario) as err:
        run_scenario(base, net, s)
    assert err.value.key == "roads.worst_unreachable"
    problem, fix = err.value.texts("ko")
    assert "최장 이동시간" in problem and "종로구" in problem and "penalty" not in problem + fix
    assert "직선거리" in fix and "평균 이동시간" in fix
    # the average model on the same table still answers (unreached areas count at the cap)
    assert run_scenario(base, net, s.replace(model="average")).new_ids
