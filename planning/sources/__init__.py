"""Bundled layers and importers for user files. Every importer returns an :class:`ImportResult`."""

from __future__ import annotations

from dataclasses import dataclass, field

import pandas as pd


@dataclass(frozen=True)
class ImportResult:
    """A validated table plus what could not be used, by name (never a silent drop).

    ``table`` is indexed by the canonical key of its level (``sigungu_code`` or ``area_code``).
    ``unmatched`` lists the input rows' names that did not join; ``warnings`` are human-readable.
    """

    table: pd.DataFrame
    unmatched: list[str] = field(default_factory=list)
    warnings: list[str] = field(default_factory=list)
    source: str = ""
    vintage: str = ""
    unit: str = ""

    @property
    def matched(self) -> int:
        return len(self.table)
