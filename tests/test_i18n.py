"""Every message exists in Korean and English with the same placeholders; code uses only known keys."""

from __future__ import annotations

import re
import string
from pathlib import Path

import pytest

from planning.i18n import LANGS, MESSAGES, label, t

ROOT = Path(__file__).resolve().parent.parent


def _fields(text: str) -> set[str]:
    return {f for _, f, _, _ in string.Formatter().parse(text) if f}


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
        used |= set(re.findall(r"""\bt\(\s*["']([a-z_]+\.[a-z_.]+)["']""", text))
    missing = sorted(used - set(MESSAGES))
    assert not missing, f"unknown message keys: {missing}"
    assert used, "the UI should use message keys"
