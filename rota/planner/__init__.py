"""The rota planner: pure Python, no Django (contract: CONTRACT.md in this folder)."""

from .check import check
from .model import ProblemError
from .solver import replan, solve

__all__ = ["ProblemError", "check", "replan", "solve"]
