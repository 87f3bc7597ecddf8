"""Every message exists in Korean and English with the same placeholders; code uses only known keys."""

from __future__ import annotations

import re
import string
from pathlib import Path

import pytest

from planning.i18n import LANGS, MESSAGES, PARTICLES, Joined, josa, label, msg, t

ROOT = Path(__file__).resolve().parent.parent


def _fields(text: str) -> set[str]:
    """Placeholder names; a bare particle field (``{을}``) is not a placeholder."""
    return {f for _, f, _, _ in string.Formatter().parse(text) if f and f not in PARTICLES}


@pytest.mark.parametrize("key", sorted(MESSAGES))
def test_each_key_has_both_languages_and_same_placeholders(key: str) -> None:
    entry = MESSAGES[key]
    assert set(entry) == set(LANGS)
    assert all(entry[lang].strip() for lang in LANGS)
    assert _fields(entry["ko"]) == _fields(entry["en"])


def test_korean_is_default_and_korean_text_is_korean() -> None:
    assert t("app.title") == MESSAGES["app.title"]["ko"]
    assert re.search(r"[가-힣]", t("app.title"))
    assert t("app.title", "en") == "Employment-Welfare Plus Center planner"
    assert t("kpi.share_population", "ko", t=30) == "30분 내 인구 비율(%)"


def test_unknown_key_fails_loudly() -> None:
    with pytest.raises(KeyError):
        t("no.such.key")


def test_label_falls_back_to_korean() -> None:
    assert label({"ko": "인구"}, "en") == "인구"
    assert label({"ko": "인구", "en": "Population"}, "en") == "Population"


def test_all_keys_used_in_code_exist() -> None:
    used: set[str] = set()
    files = [ROOT / "app.py", *sorted((ROOT / "planning").rglob("*.py"))]
    for path in files:
        if not path.exists():
            continue
        text = path.read_text(encoding="utf-8")
        used |= set(re.findall(r"""(?:\bt|\bmsg|\.of)\(\s*["']([a-z_]+\.[a-z_.]+)["']""", text))
    missing = sorted(used - set(MESSAGES))
    assert not missing, f"unknown message keys: {missing}"
    assert used, "the UI should use message keys"


def _code_text() -> str:
    """app.py and planning/ without the catalog's key definitions (``    "key": {``)."""
    files = [ROOT / "app.py", *sorted((ROOT / "planning").rglob("*.py"))]
    text = "\n".join(p.read_text(encoding="utf-8") for p in files if p.exists())
    return re.sub(r'^\s+"[a-z][\w.]*": \{', "", text, flags=re.M)


def test_every_catalog_key_is_used_somewhere() -> None:
    """A text no code shows is dead weight a translator still maintains (retro.col.source and
    map.proposed stayed after their tables and layers changed). A key counts as used when code
    names it in quotes, builds it from a prefix (``f"retro.col.{c}"``), or it is the ``.fix`` /
    ``_fix`` of a used key."""
    code = _code_text()
    prefixes = tuple(set(re.findall(r"""f["']([a-z_][\w.]*)\{""", code)))

    def used(key: str) -> bool:
        base = re.sub(r"[._]fix$", "", key)
        return any(f"{q}{k}{q}" in code for k in {key, base} for q in "\"'") or key.startswith(
            prefixes
        )

    unused = sorted(k for k in MESSAGES if not used(k))
    assert not unused, f"catalog keys no code uses: {unused}"


def test_retired_retrospective_source_headers_are_gone() -> None:
    """The retrospective's sources sheet comes from export.sources_table now."""
    assert "retro.col.source" not in MESSAGES and "retro.col.source_vintage" not in MESSAGES


@pytest.mark.parametrize(
    ("word", "particle", "expected"),
    [
        ("서울", "을", "을"),  # ㄹ 받침
        ("부산", "를", "을"),  # the written form does not matter: the word decides
        ("수원시", "을", "를"),
        ("종로구", "이", "가"),
        ("강남구청", "가", "이"),
        ("센터", "은", "는"),
        ("행정동", "는", "은"),
        ("부산", "과", "과"),
        ("대구", "과", "와"),
        # (으)로: ㄹ takes 로 like a vowel
        ("서울", "으로", "로"),
        ("부산", "로", "으로"),
        ("수원시", "으로", "로"),
        ("CSV", "으로", "로"),
        ("HTML", "으로", "로"),  # 엘
        # digits as read in Korean
        ("3", "을", "을"),  # 삼
        ("2", "을", "를"),  # 이
        ("4", "이", "가"),  # 사
        ("1", "으로", "로"),  # 일 (ㄹ)
        ("7", "으로", "로"),  # 칠
        ("8", "은", "은"),  # 팔
        ("6", "으로", "으로"),  # 육
        ("10", "을", "을"),  # 십
        ("20", "로", "으로"),  # 이십
        ("100", "를", "을"),  # 백
        ("1,000", "가", "이"),  # 천
        ("20000", "는", "은"),  # 이만
        ("105", "을", "를"),  # 백오
        ("0", "를", "을"),  # 영
        ("2.5", "을", "를"),  # 이 점 오
        ("11010", "은", "은"),  # 만 일십 → 십
        ("1101", "은", "은"),  # 천백일 → 일
        # Latin letters as read in Korean
        ("A", "을", "를"),  # 에이
        ("B", "이", "가"),  # 비
        ("L", "을", "을"),  # 엘
        ("M", "은", "은"),  # 엠
        ("N", "가", "이"),  # 엔
        ("R", "으로", "로"),  # 알
        ("OSM", "을", "을"),  # 엠
        ("UTF-8", "을", "을"),  # 팔
        ("xlsx", "를", "를"),  # 엑스
        # closing quotes and a parenthesised part are skipped
        ("‘서울’", "을", "을"),
        ("‘수원시’", "을", "를"),
        ("'area_code'", "이", "가"),
        ("수원시(31010)", "을", "를"),
        ("종로구 (11010)", "이", "가"),
        ("서울특별시 종로구", "은", "는"),
        ("‘서울 (중구)’", "를", "을"),
    ],
)
def test_particle_follows_the_word(word: str, particle: str, expected: str) -> None:
    assert josa(word, particle) == expected


def test_particles_in_format_specs_and_bare_fields() -> None:
    MESSAGES["test.josa"] = {
        "ko": "‘{name}’{을} 읽었습니다. {n:,}개 {n:,이} {code!r:은} {where:으로}",
        "en": "read {name} {n:,} {code!r} {where}",
    }
    try:
        assert t("test.josa", "ko", name="서울", n=1000, code="A", where="부산") == (
            "‘서울’을 읽었습니다. 1,000개 1,000이 'A'는 부산으로"
        )
        assert t("test.josa", "ko", name="수원시", n=3, code="L", where="서울") == (
            "‘수원시’를 읽었습니다. 3개 3이 'L'은 서울로"
        )
        assert t("test.josa", "en", name="x", n=1000, code="A", where="y") == "read x 1,000 'A' y"
    finally:
        del MESSAGES["test.josa"]


def test_composed_texts_render_in_each_language() -> None:
    reason = Joined([msg("crosswalk.reason.empty"), msg("crosswalk.reason.kosis_digits")])
    error = msg("crosswalk.unresolved", value="x", reason=reason)
    assert (
        error.text("en")
        == "cannot resolve 'x' to a 시군구 (empty value; KOSIS area codes have 4 digits)"
    )
    assert error.text("ko") == (
        "‘x’에 해당하는 시군구를 찾을 수 없습니다(빈 값입니다; KOSIS 지역 코드는 4자리입니다)."
    )
    assert str(error) == error.text("en")
    rows = Joined(["a", "b"], more=3, more_key="list.more_rows")
    assert (rows.text("en"), rows.text("ko")) == ("a; b and 3 more", "a; b 외 3개 행")
    labels = Joined([{"en": "'a'", "ko": "‘a’"}], sep=", ")
    assert (labels.text("en"), labels.text("ko")) == ("'a'", "‘a’")
    with pytest.raises(KeyError):
        msg("no.such.key")


def test_no_korean_text_writes_both_particles() -> None:
    """Particles are chosen by the word: no "을(를)" anywhere in the catalog."""
    both = re.compile(
        r"을\(를\)|를\(을\)|이\(가\)|가\(이\)|은\(는\)|는\(은\)|\(으\)로|와\(과\)|과\(와\)"
    )
    bad = [key for key, entry in MESSAGES.items() if both.search(entry["ko"])]
    assert not bad, bad


def test_former_both_particle_texts_follow_the_word() -> None:
    assert t("scn.loaded", "ko", name="부산 우선안") == "시나리오 ‘부산 우선안’을 불러왔습니다."
    assert t("scn.kept", "ko", name="기본") == "비교 목록에 ‘기본’을 추가했습니다."
    assert t("travel_matrix.unreadable", "ko", name="od.csv", detail="x").startswith(
        "이동시간표 ‘od.csv’를 읽지 못했습니다"
    )
    assert "‘도로망(OSM)’을 쓸 수 없어" in t("ctl.engine_unavailable", "ko", engine="도로망(OSM)")
    assert t("ctl.phases_bad_problem", "ko", text="60, 8x") == (
        "단계별 누적 센터 수 ‘60, 8x’를 읽을 수 없습니다."
    )
    assert "그 하한을 그대로" in t("res.exact_too_large", "ko", size="1,000", bound_label="하한")


def test_retired_matrix_format_texts_are_gone() -> None:
    """mx.format / mx.format_fix were replaced by matrix.format(.fix): no code uses them."""
    assert "mx.format" not in MESSAGES and "mx.format_fix" not in MESSAGES


def test_no_catalog_key_is_written_twice() -> None:
    """A key written twice in the catalog's source silently keeps only the last text (two pages
    once shared 'retro.col.*' with different headers)."""
    from collections import Counter

    source = (ROOT / "planning" / "i18n.py").read_text(encoding="utf-8")
    keys = re.findall(r'^\s+"([a-z][\w.]*)": \{', source, re.M)
    twice = [k for k, n in Counter(keys).items() if n > 1]
    assert not twice, twice
