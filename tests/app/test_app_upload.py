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


def test_uploads_are_listed_in_korean_can_be_removed_and_say_which_is_used(
    app, shared_data
) -> None:
    """Issue 11.20/21: the loaded-files table read kind/filename/rows; a file could not be
    removed and it was not clear which of two files of a kind was in use."""
    folder = shared_data / "mois-population-sigungu"
    first = folder / "2025_second_half_registered_population_and_household_monthly.csv"
    second = folder / "2026_first_half_registered_population_and_household_monthly.csv"
    _upload(app, "mois", first.name, first.read_bytes())
    _upload(app, "mois", second.name, second.read_bytes())
    table = next(d.value for d in app.dataframe if "파일 이름" in d.value.columns)
    assert list(table.columns) == [
        "자료 종류",
        "파일 이름",
        "읽은 지역·행 수",
        "기준 시점",
        "사용 여부",
    ]
    assert table["사용 여부"].tolist() == ["나중 파일로 대체됨", "사용 중"]
    used = app.session_state[state.BASE_OVERRIDE].vintages["residents"]
    assert "2026" in used
    app.button(key="btn_remove_upload_1").click()
    app.run()
    assert not app.exception and not app.error
    assert [u["filename"] for u in app.session_state[state.UPLOADS]] == [first.name]
    assert "2025" in app.session_state[state.BASE_OVERRIDE].vintages["residents"]
    app.button(key="btn_remove_upload_0").click()
    app.run()
    assert app.session_state[state.BASE_OVERRIDE] is None and not app.session_state[state.UPLOADS]


def test_sources_table_and_uploader_read_korean(app) -> None:
    """Issue 11.21: 'persons', 'as imported', True/False, 'via', 'KOGL Type 1' and the
    uploader's 'Upload' button read in English in the Korean page."""
    app.switch_page("planning/ui/pages/data.py").run()
    table = next(d.value for d in app.dataframe if "단위" in d.value.columns)
    text = table.to_string()
    english_words = ("persons", "facilities", "True", "False", "via", "KOGL Type", "as imported")
    for english in (*english_words, "H1"):  # the unemployment's period: 2024년 상반기
        assert english not in text, english
    assert "명" in table["단위"].tolist() and "공공누리 제1유형, 출처표시" in text
    css = " ".join(h.proto.body for h in app.get("html"))
    assert "파일 고르기" in css


PNG = b"\x89PNG\r\n\x1a\n" + bytes(range(256)) * 8


def test_a_png_renamed_csv_is_not_a_text_table(app) -> None:
    """Issue 11.23: it was reported as an encoding problem."""
    _upload(app, "kosis", "표.csv", PNG)
    errors = [e.value for e in app.error]
    assert len(errors) == 1 and "글자로 된 표가 아닙니다" in errors[0] and "PNG" in errors[0]
    assert "인코딩" not in errors[0] and "을(를)" not in errors[0] and "은(는)" not in errors[0]


def test_column_lists_read_as_words(app, fixtures) -> None:
    """Issue 11.23: 'found: ['T1 ...', ...]' as a Python list."""
    text = (fixtures / "sources" / "kosis_small.csv").read_text(encoding="utf-8")
    _upload(app, "kosis", "k.csv", text.replace("T4 실업자 (천명)", "T4 무엇 (천명)").encode())
    (error,) = [e.value for e in app.error]
    assert "['" not in error and "‘T8 실업률" in error, error


def test_a_center_without_location_is_left_out_with_a_warning(app, fixtures) -> None:
    """Issue 11.23: one row without coordinates, address or 시군구 refused the whole list."""
    text = (fixtures / "sources" / "centers_list.csv").read_text(encoding="utf-8")
    text += "S9,위치 없는 센터,,,,,\n"
    _upload(app, "centers", "centers.csv", text.encode("utf-8"))
    assert not app.error, [e.value for e in app.error]
    base = app.session_state[state.BASE_OVERRIDE]
    assert "위치 없는 센터" not in set(base.centers["name_ko"])
    assert len(base.centers) == text.count("\n") - 2  # every other row
    warnings = " ".join(w.value for w in app.warning)
    assert "위치를 찾지 못한 센터 1곳" in warnings and "위치 없는 센터" in warnings


def test_sources_table_names_the_years_of_the_chosen_vintage(app) -> None:
    """Under the 2015 demand the data page said 2025 (population) and 2020 (recipients)."""
    app.selectbox(key="w_vintage").set_value("2015").run()
    assert not app.exception
    app.switch_page("planning/ui/pages/data.py").run()
    table = next(d.value for d in app.dataframe if "단위" in d.value.columns)
    rows = table.set_index("지표")
    assert rows.loc["인구", "기준 시점"] == "2015" and "2015" in rows.loc["인구", "출처"]
    assert rows.loc["기초생활수급자", "기준 시점"] == "2015"
    assert "2020" not in rows.loc["기초생활수급자", "출처"]
