"""Errors a planner can act on: each says what is wrong and how to fix it.

Errors are made from catalog keys (:mod:`planning.i18n`):
``DataError.of("readers.empty", name="a.csv")`` takes its problem text from
``MESSAGES["readers.empty"]`` and its fix from ``MESSAGES["readers.empty.fix"]``, in Korean and
English, with the same placeholder values (texts such as :class:`planning.i18n.Msg` or
:class:`planning.i18n.Joined` among them are rendered in each language). A key without its
``.fix`` entry is a ``KeyError``: every error says what to do (``fix_key=`` names another
entry as the fix, e.g. a fix shared by several problems).

Every error carries English texts (``problem``, ``fix``; ``str(exc)`` for the CLI and logs) and
Korean texts (``problem_ko``, ``fix_ko``); ``key`` and ``fmt`` say where they came from. The app
shows :meth:`PlanningError.texts` in its language. Korean text comes only from the catalog: the
plain constructor ``DataError(problem, fix)`` makes an English-only error (its Korean texts fall
back to the English ones), and ``tests/test_catalog_only.py`` keeps it out of the library.
"""

from __future__ import annotations

from typing import Self

from planning.i18n import t


class PlanningError(Exception):
    """Base error. ``problem`` says what is wrong, ``fix`` says what to do about it."""

    key: str | None = None
    fmt: dict[str, object] = {}
    problem_ko: str = ""
    fix_ko: str = ""

    def __init__(self, problem: str, fix: str = "") -> None:
        self.problem = problem
        self.fix = fix
        super().__init__(f"{problem} {('— ' + fix) if fix else ''}".strip())

    @classmethod
    def of(cls, key: str, /, *, fix_key: str | None = None, **fmt: object) -> Self:
        """The error whose texts are the catalog entries ``key`` (problem) and ``key.fix`` (or
        ``fix_key``), both filled from ``fmt``."""
        fix = fix_key or key + ".fix"
        error = cls(t(key, "en", **fmt), t(fix, "en", **fmt))
        error.problem_ko, error.fix_ko = t(key, "ko", **fmt), t(fix, "ko", **fmt)
        error.key, error.fmt = key, dict(fmt)
        return error

    @property
    def message(self) -> str:
        return str(self)

    def texts(self, lang: str = "en") -> tuple[str, str]:
        """``(problem, fix)`` in ``lang`` ("ko" or "en"); a missing Korean text falls back to
        the English one."""
        if lang == "ko":
            return self.problem_ko or self.problem, self.fix_ko or self.fix
        return self.problem, self.fix


class DataError(PlanningError):
    """An input table, file or value is unusable (encoding, columns, codes, coordinates, values)."""


class TravelError(PlanningError):
    """A travel-time input or setting is unusable (missing network, bad threshold, unknown ids)."""


class InfeasibleScenario(PlanningError):
    """The optimization settings contradict each other (quotas over the total, budget too low...)."""
