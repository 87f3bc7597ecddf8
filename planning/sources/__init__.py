"""Bundled layers and importers for user files. Every importer returns an :class:`ImportResult`."""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass, field

import pandas as pd

from planning.i18n import MESSAGES, Msg


@dataclass(frozen=True)
class Notice:
    """A warning for the user in English and Korean. ``str()`` is the English text (CLI, logs);
    the app shows :meth:`text` in its language. ``dataclasses.asdict`` keeps it plain data
    (``{"en": ..., "ko": ...}``) and :meth:`of` reads it back."""

    en: str
    ko: str = ""

    def text(self, lang: str = "en") -> str:
        """The text in ``lang`` ("ko" or "en"); a missing Korean text falls back to English."""
        return (self.ko or self.en) if lang == "ko" else self.en

    def __str__(self) -> str:
        return self.en

    @classmethod
    def of(cls, value: Notice | Msg | Mapping[str, str] | str, /, **fmt: object) -> Notice:
        """A notice from a catalog key and its placeholder values (``Notice.of("key", n=3)``,
        both languages from :data:`planning.i18n.MESSAGES`), a :class:`~planning.i18n.Msg`, a
        notice, its ``asdict`` form or a plain (English) string."""
        if isinstance(value, str) and value in MESSAGES:
            value = Msg(value, fmt)
        if isinstance(value, Msg):
            return cls(value.text("en"), value.text("ko"))
        if isinstance(value, Notice):
            return value
        if isinstance(value, Mapping):
            return cls(str(value.get("en", "")), str(value.get("ko", "")))
        return cls(str(value))


@dataclass(frozen=True)
class ImportResult:
    """A validated table plus what could not be used, by name (never a silent drop).

    ``table`` is indexed by the canonical key of its level (``sigungu_code`` or ``area_code``).
    ``unmatched`` lists the input rows' names that did not join; ``warnings`` are
    :class:`Notice` texts in English and Korean.
    """

    table: pd.DataFrame
    unmatched: list[str] = field(default_factory=list)
    warnings: list[Notice] = field(default_factory=list)
    source: str = ""
    vintage: str = ""
    unit: str = ""

    @property
    def matched(self) -> int:
        return len(self.table)
