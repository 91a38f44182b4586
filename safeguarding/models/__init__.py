"""Safeguarding concerns, the section 42 stage records, the timescale policy
and the log of who looked at a concern.

The concern is the section 42 flow's process (as DischargeCase is the
discharge flow's); each stage writes one history-tracked record.
"""

from .actions import (
    AdvocacyReferral,
    ClockPause,
    PositionOfTrustReferral,
    SafeguardingAdultsReview,
)
from .concern import Concern, Note, RiskTypeCode, TimescalePolicy, ViewLog
from .stages import (
    Closure,
    Decision,
    Enquiry,
    Outcome,
    PlanReview,
    SafeguardingPlan,
    Screening,
    StageRecord,
    StrategyDiscussion,
)

__all__ = [
    "TimescalePolicy",
    "RiskTypeCode",
    "Concern",
    "Note",
    "ViewLog",
    "StageRecord",
    "Screening",
    "Decision",
    "StrategyDiscussion",
    "Enquiry",
    "Outcome",
    "SafeguardingPlan",
    "PlanReview",
    "Closure",
    "ClockPause",
    "AdvocacyReferral",
    "PositionOfTrustReferral",
    "SafeguardingAdultsReview",
]
