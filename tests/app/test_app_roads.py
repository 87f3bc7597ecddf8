"""AppTest: the road network (osm engine) on the real Yeouido extract configured with
PLANNING_ROAD_FILE: offered, built once with a progress bar, a threshold change only filters it;
without a configured file the box explains how to configure one."""

from __future__ import annotations

from pathlib import Path

import numpy as np
import pytest

from planning.plan import network as plan_network
from planning.ui import cache, state

pytestmark = pytest.mark.slow

APP = str(Path(__file__).resolve().parents[2] / "app.py")


def _run_app(timeout: float = 240):
    from streamlit.testing.v1 import AppTest

    at = AppTest.from_file(APP, default_timeout=timeout)
    at.run()
    assert not at.exception, [e.value for e in at.exception]
    return at


@pytest.fixture
def yeouido(shared_data, monkeypatch) -> Path:
    path = shared_data / "osm-yeouido" / "yeouido.osm.pbf"
    if not path.is_file():
        pytest.skip("the Yeouido extract is absent")
    monkeypatch.setenv("PLANNING_CONFIG", str(path.parent / "absent-planning.toml"))
    monkeypatch.setenv("PLANNING_ROAD_FILE", str(path))
    monkeypatch.setenv("PLANNING_ROAD_SIDO", "11")
    cache._ROADS.clear()
    return path


def test_road_engine_runs_and_a_threshold_only_filters_it(yeouido, monkeypatch) -> None:
    builds: list[tuple] = []
    real = plan_network.road_network

    def counting(base, path, **kw):
        builds.append((str(path), kw.get("sido")))
        return real(base, path, **kw)

    monkeypatch.setattr(plan_network, "road_network", counting)
    at = _run_app()
    straight = at.session_state[state.RESULT]
    engine = at.selectbox(key="w_engine")
    assert "도로망(OSM)" in engine.options
    engine.set_value("osm").run()
    assert not at.exception and not at.error, [e.value for e in at.error]
    assert builds == [(str(yeouido), ("11",))]
    result = at.session_state[state.RESULT]
    assert result.scenario.engine == "osm"
    captions = " ".join(c.value for c in at.sidebar.caption)
    assert "yeouido.osm.pbf" in captions and "시도 11" in captions
    assert "잘랐습니다" in captions  # the clip is stated
    kpis = result.kpis.set_index("key")
    before_osm = kpis.loc["share_population", "before"]
    assert before_osm != straight.kpis.set_index("key").loc["share_population", "before"]
    # the new sites are Seoul sites reachable by road
    net = cache._ROADS[next(iter(cache._ROADS))]
    reach = np.diff(net.csr.indptr) > 0
    reachable = set(map(str, net.site_ids[reach]))
    assert result.new_ids and set(map(str, result.new_ids)) <= reachable | set(
        map(str, net.site_ids[: net.n_centers])
    )
    # fewer new centers than the total asks (no other site reaches anyone): the page says so
    assert len(result.new_ids) < 62
    assert any("신규 센터는" in w.value and "목표 62곳" in w.value for w in at.warning)
    # a threshold change filters the same table: no rebuild, more people within 60 minutes
    at.select_slider(key="w_threshold").set_value(60).run()
    assert not at.exception and not at.error
    assert at.session_state[state.RESULT].scenario.engine == "osm"
    assert at.session_state[state.RESULT].scenario.threshold == 60.0
    assert len(builds) == 1


def test_without_a_road_file_the_box_explains_how_to_configure_one(tmp_path, monkeypatch) -> None:
    monkeypatch.delenv("PLANNING_ROAD_FILE", raising=False)
    monkeypatch.setenv("PLANNING_CONFIG", str(tmp_path / "absent.toml"))
    at = _run_app()
    engine = at.selectbox(key="w_engine")
    assert "도로망(OSM)" not in engine.options
    assert "PLANNING_ROAD_FILE" in engine.help and "planning.toml" in engine.help
    assert "올리지 않습니다" in engine.help  # not an upload


def test_a_missing_road_file_shows_the_error_and_falls_back(tmp_path, monkeypatch) -> None:
    monkeypatch.setenv("PLANNING_CONFIG", str(tmp_path / "absent.toml"))
    monkeypatch.setenv("PLANNING_ROAD_FILE", str(tmp_path / "gone.osm.pbf"))
    monkeypatch.delenv("PLANNING_ROAD_SIDO", raising=False)
    cache._ROADS.clear()
    at = _run_app()
    at.selectbox(key="w_engine").set_value("osm").run()
    assert not at.exception
    errors = [e.value for e in at.error]
    assert any("gone.osm.pbf" in e and "PLANNING_ROAD_FILE" in e for e in errors), errors
    assert any("직선거리로 계산합니다" in w.value for w in at.warning)
    assert at.session_state[state.RESULT].scenario.engine == "straight"


def test_a_broken_planning_toml_is_shown_once(tmp_path, monkeypatch) -> None:
    cfg = tmp_path / "planning.toml"
    cfg.write_text("[roads\nfile = 1\n", encoding="utf-8")
    monkeypatch.setenv("PLANNING_CONFIG", str(cfg))
    monkeypatch.delenv("PLANNING_ROAD_FILE", raising=False)
    at = _run_app()
    # one error of the road settings (the tile settings read the same file and say so too)
    errors = [e.value for e in at.error if e.value.startswith("설정 파일")]
    assert len(errors) == 1 and "planning.toml" in errors[0], errors
    assert "도로망(OSM)" not in at.selectbox(key="w_engine").options
