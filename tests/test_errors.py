"""PlanningError: English str() for the CLI and logs, Korean texts for the app, English fallback."""

from __future__ import annotations

import copy
import pickle

import pytest

from planning.errors import DataError, InfeasibleScenario, PlanningError, TravelError
from planning.i18n import MESSAGES, Joined, msg, t
from planning.ui.components.errors import error_text

BOTH = DataError(
    "column 'x' missing in 'a.csv'",
    "export it again",
    problem_ko="‘a.csv’ 파일에 ‘x’ 열이 없습니다.",
    fix_ko="다시 내려받아 주세요.",
)


def test_str_stays_english_and_texts_follow_the_language() -> None:
    assert str(BOTH) == "column 'x' missing in 'a.csv' — export it again"
    assert BOTH.message == str(BOTH)
    assert BOTH.texts("en") == ("column 'x' missing in 'a.csv'", "export it again")
    assert BOTH.texts() == BOTH.texts("en")
    assert BOTH.texts("ko") == ("‘a.csv’ 파일에 ‘x’ 열이 없습니다.", "다시 내려받아 주세요.")


def test_korean_falls_back_to_english_text_by_text() -> None:
    english_only = TravelError("no network", "build it")
    assert english_only.texts("ko") == ("no network", "build it")
    assert english_only.problem_ko == "" and english_only.fix_ko == ""
    problem_only = InfeasibleScenario("too few", "raise it", problem_ko="너무 적습니다.")
    assert problem_only.texts("ko") == ("너무 적습니다.", "raise it")
    no_fix = PlanningError("bad", problem_ko="잘못됐습니다.")
    assert no_fix.texts("ko") == ("잘못됐습니다.", "")
    assert str(no_fix) == "bad"


def test_subclasses_pickle_copy_and_chaining_keep_every_text() -> None:
    for cls in (PlanningError, DataError, TravelError, InfeasibleScenario):
        exc = cls("p", "f", problem_ko="문제", fix_ko="해결")
        assert isinstance(exc, PlanningError)
        for clone in (pickle.loads(pickle.dumps(exc)), copy.copy(exc), copy.deepcopy(exc)):
            assert type(clone) is cls
            assert str(clone) == str(exc)
            assert clone.texts("en") == ("p", "f")
            assert clone.texts("ko") == ("문제", "해결")
    with pytest.raises(DataError) as info:
        try:
            raise ValueError("inner")
        except ValueError as inner:
            raise DataError("outer", "fix", problem_ko="바깥", fix_ko="고침") from inner
    assert isinstance(info.value.__cause__, ValueError)
    assert info.value.texts("ko") == ("바깥", "고침")


def test_keyword_only_korean_texts() -> None:
    with pytest.raises(TypeError):
        DataError("p", "f", "문제")  # type: ignore[misc]


def test_error_text_shows_the_language_texts_with_the_fix_label() -> None:
    ko = error_text(BOTH, "ko")
    assert (
        ko
        == f"‘a.csv’ 파일에 ‘x’ 열이 없습니다.\n\n**{t('err.fix', 'ko')}:** 다시 내려받아 주세요."
    )
    en = error_text(BOTH, "en")
    assert en == f"column 'x' missing in 'a.csv'\n\n**{t('err.fix', 'en')}:** export it again"
    assert error_text(PlanningError("only a problem", problem_ko="문제만"), "ko") == "문제만"
    assert "ValueError" in error_text(ValueError("boom"), "ko")


def test_errors_from_catalog_keys_carry_both_languages() -> None:
    exc = DataError.of("readers.empty", name="a.csv")
    assert (exc.key, exc.fmt) == ("readers.empty", {"name": "a.csv"})
    assert exc.texts("en") == (
        MESSAGES["readers.empty"]["en"].format(name="a.csv"),
        MESSAGES["readers.empty.fix"]["en"],
    )
    assert exc.texts("ko") == ("‘a.csv’ 파일이 비어 있습니다.", MESSAGES["readers.empty.fix"]["ko"])
    assert str(exc) == f"{exc.problem} — {exc.fix}"
    clone = pickle.loads(pickle.dumps(exc))
    assert type(clone) is DataError and clone.texts("ko") == exc.texts("ko")
    assert clone.key == "readers.empty"
    # composed placeholder values are rendered in each language
    reason = Joined([msg("crosswalk.reason.empty"), msg("crosswalk.reason.kosis_digits")])
    exc = DataError.of("crosswalk.unresolved", value="x", reason=reason, hint="")
    assert "(empty value; KOSIS area codes have 4 digits)" in exc.problem
    assert "(빈 값입니다; KOSIS 지역 코드는 4자리입니다)" in exc.problem_ko
    # an error without its fix text is refused where it is made
    with pytest.raises(KeyError):
        DataError.of("list.more", items="a", n=1)
    travel = TravelError.of("matrix.format", fix_key="mx.unreadable_fix", name="a.txt")
    assert travel.fix == MESSAGES["mx.unreadable_fix"]["en"]
    assert travel.problem_ko == "‘a.txt’는 이동시간표로 읽을 수 있는 형식이 아닙니다."
