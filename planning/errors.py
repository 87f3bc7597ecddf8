"""Errors a planner can act on: each says what is wrong and how to fix it.

Every error carries English texts (``problem``, ``fix``; ``str(exc)`` for the CLI and logs) and,
for errors a user can trigger from the app, Korean texts (``problem_ko``, ``fix_ko``). The app
shows :meth:`PlanningError.texts` in its language; Korean falls back to English text by text.
"""

from __future__ import annotations


class PlanningError(Exception):
    """Base error. ``problem`` says what is wrong, ``fix`` says what to do about it."""

    def __init__(
        self, problem: str, fix: str = "", *, problem_ko: str = "", fix_ko: str = ""
    ) -> None:
        self.problem = problem
        self.fix = fix
        self.problem_ko = problem_ko
        self.fix_ko = fix_ko
        super().__init__(f"{problem} {('— ' + fix) if fix else ''}".strip())

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
