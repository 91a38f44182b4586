"""The allocation page speaks plainly: proposals are compared with "the
simple plan" (not "greedy"), and a run's time is what the user waited,
said sensibly ("0.9 s", "under 0.1 s"), never "0.0 s"."""

import html
import re
import time

import pytest

from pathways import allocator
from pathways.allocation import greedy
from pathways.templatetags.pathways_tags import against_simple_plan, seconds_text

pytestmark = pytest.mark.django_db


def visible(page: str) -> str:
    return " ".join(html.unescape(re.sub(r"<[^>]+>", " ", page)).split())


def test_proposals_are_compared_with_the_simple_plan_in_words(
    client, hub, coordinator, provider, run_tasks
):
    hub.as_user(coordinator)
    case = hub.to_reablement_start(priority="urgent", morning_minutes=30)
    assert client.post("/hub/allocation/run/").status_code == 302
    run_tasks()
    text = visible(client.get("/hub/allocation/").content.decode())
    assert "Compared with the simple plan" in text
    row = text.split(case.reference, 1)[1]
    assert "the same start as the simple plan" in row
    assert "greedy" not in text.lower()
    assert re.search(r"(under 0\.1 s|\b\d+\.\d s|\b\d+ s) to solve run", text)
    assert "0.0 s" not in text
    assert "short of the best possible score: the proven best" in text


def test_a_runs_time_is_all_the_solving_the_user_waited_for(
    hub, coordinator, provider, monkeypatch
):
    hub.as_user(coordinator)
    hub.to_reablement_start(morning_minutes=30)
    plain = greedy.solve_greedy

    def slow_simple_plan(problem):
        time.sleep(0.3)
        return plain(problem)

    monkeypatch.setattr(greedy, "solve_greedy", slow_simple_plan)
    run = allocator.allocation_run(actor=coordinator, time_limit_s=2)
    assert run.seconds >= 0.3


@pytest.mark.parametrize(
    "seconds, said",
    [(0.04, "under 0.1 s"), (0.9, "0.9 s"), (9.96, "10 s"), (12.4, "12 s")]
    + [(125, "2 min 5 s")],
)
def test_seconds_are_said_sensibly(seconds, said):
    assert seconds_text(seconds) == said


@pytest.mark.parametrize(
    "days, said",
    [
        (0, "the same start as the simple plan"),
        (1, "1 day sooner than the simple plan"),
        (-3, "3 days later than the simple plan"),
        (None, "the simple plan could not place this case"),
    ],
)
def test_a_start_against_the_simple_plan(days, said):
    assert against_simple_plan(days) == said
