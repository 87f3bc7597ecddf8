"""Optimizer placeholder docstring (rewritten below)."""

from planning.optimize.problem import LocationProblem, Solution
from planning.optimize.solve import solve

__all__ = ["LocationProblem", "Solution", "solve"]
