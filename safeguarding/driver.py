"""Complete a section 42 task from code, through the same services as the
task views: used to build demo data (with backdated times) and in tests.

The task is taken by the actor if nobody holds it, the stage's service runs
and the flow moves on, all under the flow's lock.
"""

from cases.driver import open_task, task_complete

from . import services
from .models import Concern


def stage_complete(concern: Concern, node_name: str, *, actor, record, at=None):
    """Record a stage (an unsaved stage record) and complete its task."""
    task = open_task(concern, node_name)
    if task is None:
        raise ValueError(f"{concern.reference} has no open {node_name} task.")
    return task_complete(
        task,
        actor=actor,
        perform=lambda process: services.stage_record(
            concern=process, record=record, actor=actor, at=at
        ),
    )


def screening_complete(concern, *, actor, screening, coding, risk_types, at=None):
    task = open_task(concern, "screening")
    return task_complete(
        task,
        actor=actor,
        perform=lambda process: services.screening_record(
            concern=process,
            actor=actor,
            screening=screening,
            coding=coding,
            risk_types=risk_types,
            at=at,
        ),
    )
