"""How the core reaches this app: a pathway 1 discharge home starts an
episode (cases.services.discharge_confirm calls the `after_discharge`
registry), and the case timeline shows the episode's records."""

from cases.registry_hooks import after_discharge, timeline_records


@after_discharge.register
def start_episode(case, discharge, actor) -> None:
    from .services import episode_start_for

    episode_start_for(case=case, discharge=discharge, actor=actor)


@timeline_records.register
def episode_records(case):
    episode = getattr(case, "episode", None)
    if episode is None:
        return []
    rows = [("Reablement episode", episode.history.all(), True)]
    for goal in episode.goals.all():
        rows.append((f"Goal: {goal.get_outcome_display()}", goal.history.all(), True))
    for review in episode.reviews.all():
        rows.append((str(review), review.history.all(), True))
    for readmission in episode.readmissions.all():
        rows.append(("Readmission", readmission.history.all(), True))
    return rows
