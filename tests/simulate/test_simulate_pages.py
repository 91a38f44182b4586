"""The simulator in the hub: a manager sets it up, it runs in the background
and its page shows the figures as tables and charts; nobody else may run it
or read another's results."""

import pytest
from django_tasks_db.models import DBTaskResult

from background.models import BackgroundRun

pytestmark = pytest.mark.django_db

FORM = {
    "days": "10",
    "seed": "4",
    "referrals_per_weekday": "8",
    "weekend_capacity": "85",
    "sickness_chance": "25",
    "decline_share": "30",
    "time_limit_s": "0.5",
    "policies": ["greedy", "allocator", "allocator-declines"],
    "what_if": "on",
    "capacity_morning": "950",
    "capacity_lunch": "160",
    "capacity_tea": "400",
    "capacity_bed": "720",
}


def test_a_manager_runs_the_simulator_and_reads_the_results(client, manager, run_tasks):
    client.force_login(manager)
    page = client.get("/hub/simulation/")
    assert page.status_code == 200
    assert "Run the simulation" in page.content.decode()

    response = client.post("/hub/simulation/", FORM)
    run = BackgroundRun.objects.get()
    assert response["Location"] == f"/hub/runs/{run.pk}/"
    assert run.kind == "simulation" and run.status == "queued"

    run_tasks()
    run.refresh_from_db()
    assert run.status == "done", run.error
    status = client.get(f"/hub/runs/{run.pk}/status.json").json()
    assert status["next"] == f"/hub/simulation/{run.pk}/"
    words = status["words"]  # the policies by the names the form gives them
    assert "By hand: longest waiting first, first provider with room:" in words
    assert "greedy" not in words and "delayed bed-days" in words

    html = client.get(status["next"]).content.decode()
    assert "10 days from 2027-01-04, seed 4" in html
    for policy in ("greedy", "allocator", "allocator-declines"):
        assert f'<th scope="col">{policy}</th>' in html
    assert html.count('<img src="data:image/svg+xml;base64,') == 3
    assert 'alt="Chart: Delayed bed-days by policy. greedy: All pathways' in html
    assert "What extra capacity would halve the delays?" in html
    report = run.result["report"]
    greedy = report["policies"]["greedy"]
    assert f"<td>{greedy['delayed_bed_days']}</td>" in html
    # The page lists the run among the manager's simulations.
    listed = client.get("/hub/simulation/").content.decode()
    assert f"/hub/simulation/{run.pk}/" in listed


def test_the_same_settings_give_the_same_figures(client, manager, run_tasks):
    client.force_login(manager)
    form = {**FORM, "policies": ["greedy"], "what_if": ""}
    client.post("/hub/simulation/", form)
    client.post("/hub/simulation/", form)
    run_tasks()
    first, second = BackgroundRun.objects.order_by("pk")
    assert first.status == second.status == "done"
    assert first.result["report"] == second.result["report"]


def test_settings_out_of_range_are_shown_with_the_form(client, manager):
    client.force_login(manager)
    response = client.post("/hub/simulation/", {**FORM, "days": "400", "policies": []})
    assert response.status_code == 422
    html = response.content.decode()
    assert "There is a problem" in html
    assert "Ensure this value is less than or equal to 180." in html
    assert not BackgroundRun.objects.exists()


def test_a_coordinator_may_not_run_or_read_simulations(
    client, coordinator, manager, run_tasks
):
    client.force_login(manager)
    client.post("/hub/simulation/", {**FORM, "policies": ["greedy"], "what_if": ""})
    run_tasks()
    run = BackgroundRun.objects.get()

    client.force_login(coordinator)
    assert client.get("/hub/simulation/").status_code == 403
    assert client.post("/hub/simulation/", FORM).status_code == 403
    assert client.get(f"/hub/simulation/{run.pk}/").status_code == 403
    assert BackgroundRun.objects.count() == DBTaskResult.objects.count() == 1


def test_a_managers_results_are_their_own(client, manager, make_user, run_tasks):
    client.force_login(manager)
    client.post("/hub/simulation/", {**FORM, "policies": ["greedy"], "what_if": ""})
    run_tasks()
    run = BackgroundRun.objects.get()
    other = make_user("max_manager", "manager", [])
    client.force_login(other)
    assert client.get(f"/hub/simulation/{run.pk}/").status_code == 404
    assert (
        f"/hub/simulation/{run.pk}/"
        not in client.get("/hub/simulation/").content.decode()
    )


def test_the_menu_offers_the_simulator_to_managers_only(client, manager, coordinator):
    client.force_login(manager)
    assert 'href="/hub/simulation/"' in client.get("/hub/").content.decode()
    client.force_login(coordinator)
    assert 'href="/hub/simulation/"' not in client.get("/hub/").content.decode()


def test_the_bedtime_call_is_not_mistaken_for_a_bed(client, manager):
    client.force_login(manager)
    page = client.get("/hub/simulation/").content.decode()
    assert "Bedtime call capacity (carer-minutes a weekday, per provider)" in page
    assert "Bed capacity" not in page
