"""The in-house reablement team's rota: who works (assistants, their
competencies and absences), what is needed (visit plans and the day's
visits), what was planned (published versions), done (visit records) and
paid (timesheets)."""

from .plans import Gender, PlannedCall, VisitPlan
from .staff import Absence, Assistant, Competency, Skill, Team
from .visits import RotaVersion, Timesheet, Visit, VisitRecord

__all__ = [
    "Absence",
    "Assistant",
    "Competency",
    "Gender",
    "PlannedCall",
    "RotaVersion",
    "Skill",
    "Team",
    "Timesheet",
    "Visit",
    "VisitPlan",
    "VisitRecord",
]
