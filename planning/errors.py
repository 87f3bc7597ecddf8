"""Errors a planner can act on: each says what is wrong and how to fix it."""

from __future__ import annotations


class PlanningError(Exception):
    """Base error. ``problem`` says what is wrong, ``fix`` says what to do about it."""

    def __init__(self, problem: str, fix: str = "") -> None:
        self.problem = problem
        self.fix = fix
        super().__init__(f"{problem} {('— ' + fix) if fix else ''}".strip())

    @property
    def message(self) -> str:
        return str(self)


class DataError(PlanningError):
    """An input table, file or value is unusable (encoding, columns, codes, coordinates, values)."""


class TravelError(PlanningError):
    """A travel-time input or setting is unusable (missing network, bad threshold, unknown ids)."""


class InfeasibleScenario(PlanningError):
    """The optimization settings contradict each other (quotas over the total, budget too low...)."""
