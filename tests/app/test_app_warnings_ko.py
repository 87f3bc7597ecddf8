"""AppTest: an upload's warnings read in Korean, and in English after the language toggle.

The warnings are kept with the loaded file (``state.UPLOADS``) in both languages and shown under
the loaded files on the data page, so they follow the toggle.
"""

from __future__ import annotations

import re
from pathlib import Path

import pytest

from planning.ui import state

pytestmark = pytest.mark.slow

DATA = "planning/ui/pages/data.py"
SOURCES = Path(__file__).resolve().parents[1] / "fixtures" / "sources"


def _warnings(at) -> list[str]:
    return [w.value for w in at.warning]


def _upload(app, kind: str, name: str, content: bytes) -> None:
    app.switch_page(DATA).run()
    app.session_state["pending_upload"] = (kind, name, content)
    app.run()
    assert not app.exception, [e.value for e in app.exception]
    assert not [e.value for e in app.error]


def _to_english(app) -> None:
    app.get("button_group")[0].set_value("en")
    app.run()
    assert not app.exception


def test_kosis_upload_warnings_are_korean_then_english(app) -> None:
    """kosis_small.csv has a 서울특별시 total row and only four 시군구 of the country."""
    _upload(app, "kosis", "실업.csv", (SOURCES / "kosis_small.csv").read_bytes())
    assert [u["filename"] for u in app.session_state[state.UPLOADS]] == ["실업.csv"]
    ko = _warnings(app)
    assert "‘실업.csv’: 전국·시도 합계 행 1개는 건너뛰었습니다." in ko
    assert any("3999 경기 없는군" in w and "연결되지 않은 행 1개" in w for w in ko)
    assert any("전국 인구 1인당 실업자 비율로 추정했습니다" in w for w in ko)
    for w in ko:  # no English sentence left in the Korean page
        assert not re.search(r"\b(skipped|rows?|the|were|did not)\b", w), w

    _to_english(app)
    en = _warnings(app)
    assert "‘실업.csv’: skipped 1 전국/시도 total rows" in en
    assert any("1 rows did not match: 3999 경기 없는군" in w for w in en)
    assert any("estimated at the national rate" in w for w in en)
    assert not any("건너뛰었습니다" in w or "추정했습니다" in w for w in en)
    # the stored report is plain data in both languages
    stored = app.session_state[state.UPLOADS][0]["warnings"]
    assert {
        "en": "skipped 1 전국/시도 total rows",
        "ko": "전국·시도 합계 행 1개는 건너뛰었습니다.",
    } in (list(stored))


def test_table_and_center_uploads_warn_in_the_chosen_language(app) -> None:
    _to_english(app)
    table = "sido,sigungu,v\n경기도,송탄출장소,1\n서울특별시,종로구,3\n서울특별시,,9\n"
    _upload(app, "table", "표.csv", table.encode())
    centers = (SOURCES / "centers_list.csv").read_bytes()
    _upload(app, "centers", "센터.csv", centers)
    en = _warnings(app)
    assert any("skipped 출장소 rows" in w and "경기도 송탄출장소" in w for w in en)
    assert any(w.startswith("‘센터.csv’: location precision: ") for w in en)
    assert not any("건너뛰었습니다" in w or "위치 정확도" in w for w in en)

    app.get("button_group")[0].set_value("ko")
    app.run()
    assert not app.exception
    ko = _warnings(app)
    assert any("출장소 행은 건너뛰었습니다" in w and "경기도 송탄출장소" in w for w in ko)
    assert any(w.startswith("‘센터.csv’: 위치 정확도: ") for w in ko)
    assert any("시도 합계 행은 건너뛰었습니다: 서울특별시" in w for w in ko)
    assert not any("location precision" in w or "skipped" in w for w in ko)
