"""AppTest: the upload page (issue 11.6 MOIS files; 11.23 upload error texts)."""

from __future__ import annotations

import pytest

from planning.ui import state

pytestmark = pytest.mark.slow

MOIS = "mois-population-sigungu/2025_second_half_population_by_age_monthly.csv"


def _upload(app, kind: str, name: str, content: bytes) -> None:
    app.switch_page("planning/ui/pages/data.py").run()
    assert not app.exception
    app.session_state["pending_upload"] = (kind, name, content)
    app.run()
    assert not app.exception


def test_mois_age_file_loads_on_the_upload_page(app, shared_data) -> None:
    app.switch_page("planning/ui/pages/data.py").run()
    kinds = app.radio(key="w_up_kind")
    assert "mois" in kinds.options or any("주민등록" in o for o in kinds.options)
    path = shared_data / MOIS
    _upload(app, "mois", path.name, path.read_bytes())
    assert not app.error, [e.value for e in app.error]
    base = app.session_state[state.BASE_OVERRIDE]
    assert {"elderly", "residents"} <= set(base.indicators.columns)
    assert any(path.name in s.value for s in app.success)
    app.switch_page("planning/ui/pages/plan.py").run()
    assert not app.exception
    layer = app.selectbox(key="w_layer")
    assert "elderly" in layer.options or "65세 이상 인구" in layer.options
    assert "주민등록 거주자" in layer.options
