"""The rota planner: pure Python, no Django (contract: CONTRACT.md in this folder)."""

from .check import check
from .model import ProblemError
from .solver import replan, replan_problem, solve

__all__ = ["ProblemError", "check", "replan", "replan_problem", "solve"]
