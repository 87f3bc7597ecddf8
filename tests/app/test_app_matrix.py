"""AppTest: the user's own travel-time matrix as a travel engine (upload, choose, solve, errors)."""

from __future__ import annotations

import io

import numpy as np
import pandas as pd
import pytest

from planning import plan as service
from planning.plan import matrix as matrix_engine
from planning.ui import state

pytestmark = pytest.mark.slow

DATA = "planning/ui/pages/data.py"
PLAN = "planning/ui/pages/plan.py"
SLOWER = 1.4  # the uploaded "router" times: 1.4 x the straight-line minutes


@pytest.fixture(scope="module")
def od() -> pd.DataFrame:
    """A plausible router export: the straight pairs up to 30 min, 1.4 times slower; centers
    named half as in data/centers.csv (C001) and half as site ids (C:C002)."""
    base = service.load_base()
    frame = service.build_network(base).table.to_frame()
    frame = frame[frame["minutes"] <= 30].copy()
    dest = frame["site_id"].astype(str)
    is_center = dest.str.startswith(service.CENTER_PREFIX)
    bare = is_center & (np.arange(len(frame)) % 2 == 0)
    dest[bare] = dest[bare].str.removeprefix(service.CENTER_PREFIX)
    return pd.DataFrame(
        {
            "origin_id": frame["area_id"].astype(str),
            "destination_id": dest,
            "minutes": (frame["minutes"] * SLOWER).round(2),
        }
    )


def _csv(df: pd.DataFrame) -> bytes:
    return df.to_csv(index=False).encode("utf-8")


def _errors(at) -> list[str]:
    return [e.value for e in at.error]


def _warnings(at) -> list[str]:
    return [w.value for w in at.warning]


def _kpi(at, key: str, when: str = "after") -> float:
    return float(at.session_state[state.RESULT].kpis.set_index("key").loc[key, when])


def _upload(at, name: str, content: bytes) -> None:
    at.switch_page(DATA).run()
    at.session_state["pending_upload"] = ("matrix", name, content)
    at.run()
    assert not at.exception, [e.value for e in at.exception]


def test_upload_a_matrix_choose_it_and_the_kpis_change(app, od, monkeypatch) -> None:
    builds: list[str] = []
    real = matrix_engine.matrix_network

    def counting(base, matrix, **kw):
        builds.append(matrix.digest)
        return real(base, matrix, **kw)

    monkeypatch.setattr(matrix_engine, "matrix_network", counting)
    straight = app.session_state[state.RESULT]
    assert straight.scenario.engine == "straight"
    # no matrix yet: the engine box offers straight lines only, with a hint
    assert len(app.selectbox(key="w_engine").options) == 1

    _upload(app, "router.csv", _csv(od))
    assert not _errors(app)
    assert any("router.csv" in s.value for s in app.success)
    matrix = app.session_state[state.MATRIX]
    assert matrix is not None and matrix.rows == len(od)
    assert app.session_state[state.BASE_OVERRIDE] is None  # the bundled data is untouched
    n_builds = len(builds)
    assert n_builds == 1  # built and cached once, at the upload

    app.switch_page(PLAN).run()
    engine = app.selectbox(key="w_engine")
    assert len(engine.options) == 2
    engine.set_value("matrix").run()
    assert not app.exception and not _errors(app)
    result = app.session_state[state.RESULT]
    assert result.scenario.engine == "matrix"
    assert result.scenario.as_of == straight.scenario.as_of
    # independent check of the 'before' coverage: areas within 30 min of an open center
    base = service.load_base()
    fixed = base.centers.loc[service.open_by(base.centers) <= "2016-01", "center_id"]
    ids = set(fixed.astype(str)) | {service.CENTER_PREFIX + c for c in fixed.astype(str)}
    near = od[od["destination_id"].isin(ids) & (od["minutes"] <= 30)]["origin_id"].unique()
    pop = base.indicators["population"].fillna(0.0)
    expected = 100 * pop.loc[near].sum() / pop.sum()
    assert _kpi(app, "share_population", "before") == pytest.approx(expected)
    # slower times than the straight lines: less of the population within 30 minutes
    k_straight = straight.kpis.set_index("key")
    assert _kpi(app, "share_population", "before") < k_straight.loc["share_population", "before"]
    assert _kpi(app, "share_population") < k_straight.loc["share_population", "after"]
    # the threshold slider filters the same table; nothing is rebuilt
    app.select_slider(key="w_threshold").set_value(45).run()
    assert not app.exception and not _errors(app)
    assert app.session_state[state.RESULT].scenario.threshold == 45.0
    assert app.session_state[state.RESULT].scenario.engine == "matrix"
    assert _kpi(app, "share_population") > _kpi(app, "share_population", "before")
    assert len(builds) == n_builds

    # removing the matrix puts the plan back on straight lines, with a message
    app.switch_page(DATA).run()
    app.button(key="btn_matrix_remove").click().run()
    assert app.session_state[state.MATRIX] is None
    app.switch_page(PLAN).run()
    assert not app.exception
    assert any("직선거리로 계산합니다" in w for w in _warnings(app))
    assert app.session_state[state.RESULT].scenario.engine == "straight"
    assert len(app.selectbox(key="w_engine").options) == 1


def test_a_bad_matrix_shows_the_error_and_keeps_the_loaded_one(app, od) -> None:
    _upload(app, "first.csv", _csv(od.head(5000)))
    first = app.session_state[state.MATRIX]
    assert first is not None and not _errors(app)
    bad = pd.DataFrame(
        {"origin_id": ["99999999", "11010530"], "destination_id": ["C001", "C999"], "minutes": 5}
    )
    _upload(app, "bad.csv", _csv(bad))
    errors = _errors(app)
    assert errors and "99999999" in errors[0] and "C999" in errors[0]
    assert "center_id" in errors[0]  # the fix is shown with the problem
    assert "Traceback" not in " ".join(errors)
    assert app.session_state[state.MATRIX] is first  # the previous matrix stays in use
    assert [u["filename"] for u in app.session_state[state.UPLOADS]] == ["first.csv"]
    # NaN minutes: refused too
    _upload(app, "nan.csv", b"origin_id,destination_id,minutes\n11010530,C001,\n")
    assert _errors(app) and app.session_state[state.MATRIX] is first


def test_a_scenario_file_asking_for_a_matrix_without_one_falls_back(app) -> None:
    saved = app.session_state[state.SCENARIO].replace(name="도로망안", total=90, engine="matrix")
    app.file_uploader(key="w_file_scenario").upload(
        "road.json", saved.to_json().encode("utf-8"), "application/json"
    )
    app.run()
    assert not app.exception and not _errors(app)
    assert any("직선거리로 계산합니다" in w for w in _warnings(app))
    s = app.session_state[state.SCENARIO]
    assert s.engine == "straight"
    assert (s.name, s.total) == ("도로망안", 90)  # the rest of the file is kept
    assert app.session_state[state.RESULT].scenario.total == 90


def test_a_center_list_uploaded_after_the_matrix_is_checked_against_it(app, od) -> None:
    _upload(app, "router.csv", _csv(od))
    centers = "center_id,name,lat,lon\nC001,남양주센터,37.636,127.216\nX9,새센터,37.5665,126.978\n"
    app.session_state["pending_upload"] = ("centers", "centers.csv", centers.encode())
    app.run()
    assert not app.exception and not _errors(app)
    warnings = _warnings(app)
    assert any("새센터 (X9)" in w for w in warnings)  # a new center the matrix does not reach
    assert any("뺐습니다" in w and "destination_id C0" in w for w in warnings)  # old centers' rows
    app.switch_page(PLAN).run()
    app.selectbox(key="w_engine").set_value("matrix").run()
    assert not app.exception and not _errors(app)
    result = app.session_state[state.RESULT]
    assert result.scenario.engine == "matrix"
    assert "C:C001" in result.open_ids and "C:X9" in result.open_ids


def test_a_matrix_that_no_longer_fits_the_centers_falls_back_with_the_error(app) -> None:
    rows = "".join(f"11010530,C{i:03d},{i}\n" for i in range(1, 11)) + "11010540,11010540,2\n"
    _upload(app, "centers-only.csv", ("origin_id,destination_id,minutes\n" + rows).encode())
    assert not _errors(app) and app.session_state[state.MATRIX] is not None
    centers = "center_id,name,lat,lon\nX9,새센터,37.5665,126.978\n"
    app.session_state["pending_upload"] = ("centers", "centers.csv", centers.encode())
    app.run()
    assert any("C001" in e for e in _errors(app))  # the matrix's centers are gone: refused
    app.switch_page(PLAN).run()
    app.selectbox(key="w_engine").set_value("matrix").run()
    assert not app.exception
    assert any("C001" in e for e in _errors(app))
    assert any("직선거리로 계산합니다" in w for w in _warnings(app))
    assert app.session_state[state.RESULT].scenario.engine == "straight"
    assert app.session_state[state.MATRIX] is not None  # kept: the user decides what to upload


def test_the_file_uploader_takes_a_parquet_matrix(app, od) -> None:
    app.switch_page(DATA).run()
    app.radio(key="w_up_kind").set_value("matrix").run()
    assert any("origin_id" in c.value for c in app.caption)  # the columns are explained
    buf = io.BytesIO()
    od.head(2000).to_parquet(buf, index=False)
    app.file_uploader(key="w_file_data").upload(
        "router.parquet", buf.getvalue(), "application/octet-stream"
    )
    app.run()
    assert not app.exception and not _errors(app)
    assert app.session_state[state.MATRIX].filename == "router.parquet"
    assert app.session_state[state.MATRIX].rows == 2000
    assert any("router.parquet" in i.value for i in app.info)  # the loaded matrix is named
