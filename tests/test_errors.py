"""PlanningError: English str() for the CLI and logs, Korean texts for the app, English fallback."""

from __future__ import annotations

import copy
import pickle

import pytest

from planning.errors import DataError, InfeasibleScenario, PlanningError, TravelError
from planning.i18n import MESSAGES, Joined, msg, t
from planning.ui.components.errors import error_text

BOTH = DataError.of("readers.empty", name="a.csv")
EN = (t("readers.empty", "en", name="a.csv"), t("readers.empty.fix", "en"))
KO = ("‘a.csv’ 파일이 비어 있습니다.", MESSAGES["readers.empty.fix"]["ko"])


def test_str_stays_english_and_texts_follow_the_language() -> None:
    assert str(BOTH) == f"{EN[0]} — {EN[1]}"
    assert BOTH.message == str(BOTH)
    assert BOTH.texts("en") == EN
    assert BOTH.texts() == BOTH.texts("en")
    assert BOTH.texts("ko") == KO


def test_korean_falls_back_to_english_text_by_text() -> None:
    english_only = TravelError("no network", "build it")
    assert english_only.texts("ko") == ("no network", "build it")
    assert english_only.problem_ko == "" and english_only.fix_ko == ""
    no_fix = PlanningError("bad")
    assert no_fix.texts("ko") == ("bad", "")
    assert str(no_fix) == "bad"


def test_subclasses_pickle_copy_and_chaining_keep_every_text() -> None:
    for cls in (PlanningError, DataError, TravelError, InfeasibleScenario):
        exc = cls.of("readers.empty", name="a.csv")
        assert isinstance(exc, PlanningError)
        for clone in (pickle.loads(pickle.dumps(exc)), copy.copy(exc), copy.deepcopy(exc)):
            assert type(clone) is cls
            assert str(clone) == str(exc)
            assert clone.texts("en") == EN
            assert clone.texts("ko") == KO
            assert (clone.key, clone.fmt) == ("readers.empty", {"name": "a.csv"})
    with pytest.raises(DataError) as info:
        try:
            raise ValueError("inner")
        except ValueError as inner:
            raise DataError.of("readers.empty", name="a.csv") from inner
    assert isinstance(info.value.__cause__, ValueError)
    assert info.value.texts("ko") == KO


def test_korean_texts_come_only_from_the_catalog() -> None:
    """No constructor takes hand-written Korean: the catalog (``of``) is the one way."""
    with pytest.raises(TypeError):
        DataError("p", "f", problem_ko="문제", fix_ko="해결")  # type: ignore[call-arg]
    with pytest.raises(TypeError):
        DataError("p", "f", "문제")  # type: ignore[call-arg]


def test_error_text_shows_the_language_texts_with_the_fix_label() -> None:
    ko = error_text(BOTH, "ko")
    assert ko == f"{KO[0]}\n\n**{t('err.fix', 'ko')}:** {KO[1]}"
    en = error_text(BOTH, "en")
    assert en == f"{EN[0]}\n\n**{t('err.fix', 'en')}:** {EN[1]}"
    assert error_text(PlanningError("only a problem"), "ko") == "only a problem"
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
