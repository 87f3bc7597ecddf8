"""AppTest: a bad KOSIS upload shows its error in Korean, and in English after the toggle."""

from __future__ import annotations

import re
from pathlib import Path

import pytest

from planning.ui import state

pytestmark = pytest.mark.slow

FIXTURE = Path(__file__).resolve().parents[1] / "fixtures" / "sources" / "kosis_small.csv"
NAME = "지역별고용조사.csv"


def _bad_kosis_cp949() -> bytes:
    """The KOSIS export as a Korean office saves it (CP949), with the 실업자 column renamed."""
    text = FIXTURE.read_text(encoding="utf-8")
    assert "T4 실업자 (천명)" in text
    return text.replace("T4 실업자 (천명)", "T4 무엇 (천명)").encode("cp949")


def _upload_error(app) -> str:
    app.switch_page("planning/ui/pages/data.py").run()
    assert not app.exception
    app.session_state["pending_upload"] = ("kosis", NAME, _bad_kosis_cp949())
    app.run()
    assert not app.exception
    errors = [e.value for e in app.error]
    assert len(errors) == 1, errors
    assert app.session_state[state.BASE_OVERRIDE] is None  # nothing was loaded
    return errors[0]


def test_bad_kosis_upload_error_is_korean_then_english(app) -> None:
    ko = _upload_error(app)
    assert "Traceback" not in ko
    problem, fix = ko.split("\n\n**해결 방법:** ")
    assert problem.startswith(f"‘{NAME}’ 파일에 ‘실업자’ 열이 없습니다.")
    assert "T8 실업률" in problem  # the columns found are listed
    assert "다시 올려 주세요" in fix and "지역별고용조사 > 시군구" in fix
    assert not re.search(r"\b(missing|found|export|column)\b", ko), ko

    app.get("button_group")[0].set_value("en")
    app.run()
    assert not app.exception
    en = _upload_error(app)
    problem, fix = en.split("\n\n**How to fix:** ")
    assert problem.startswith(f"column '실업자' missing in '{NAME}'; found:")
    assert "T8 실업률" in problem
    assert fix.startswith("export it from KOSIS")
    assert "없습니다" not in en and "해결 방법" not in en
