"""The allocator's problem, runs, proposals and messages stay in the user's scope."""

import datetime
import json

import pytest
from django.utils import timezone

from pathways import allocator
from pathways.models import AllocationProposal, Band, Provider, ProviderCapacity

pytestmark = pytest.mark.django_db


@pytest.fixture
def south_provider(localities):
    p = Provider.objects.create(
        name="South Care", code="south-care", skills=["dementia"]
    )
    p.localities.add(localities[1])
    today = timezone.localdate()
    ProviderCapacity.objects.bulk_create(
        ProviderCapacity(
            provider=p, date=today + datetime.timedelta(days=i), band=band, minutes=120
        )
        for i in range(14)
        for band in Band.values
    )
    return p


@pytest.fixture
def north_case(hub, coordinator, provider):
    return hub.as_user(coordinator).to_reablement_start()


@pytest.fixture
def south_case(hub, other_coordinator, south_provider):
    case = hub.as_user(other_coordinator).to_reablement_start(
        nhs_number="999 000 0034", postcode="sb1 2ab", family_name="Southcase"
    )
    assert case.locality.code == "southbrook"
    screen = case.risk_screen
    screen.cognitive_impairment = True  # a health need the problem carries
    screen.save()
    return case


def problem_of(client, user) -> dict:
    client.force_login(user)
    return json.loads(client.get("/hub/allocation/problem.json").content)


def test_problem_json_holds_only_the_coordinators_cases_and_providers(
    client, coordinator, manager, north_case, south_case
):
    mine = problem_of(client, coordinator)
    assert [c["id"] for c in mine["cases"]] == [str(north_case.pk)]
    assert [p["id"] for p in mine["providers"]] == ["north-reablement"]
    assert "dementia" not in json.dumps(mine["cases"])
    county = problem_of(client, manager)
    both = {str(north_case.pk), str(south_case.pk)}
    assert {c["id"] for c in county["cases"]} == both
    assert {p["id"] for p in county["providers"]} == {"north-reablement", "south-care"}


def test_a_coordinators_run_plans_their_localities_and_says_so_in_its_counts(
    client, coordinator, localities, north_case, south_case, run_tasks
):
    client.force_login(coordinator)
    response = client.post("/hub/allocation/run/")
    run_tasks()
    run = allocator.AllocationRun.objects.get()
    assert list(run.localities.all()) == [localities[0]]
    assert [c["id"] for c in run.problem["cases"]] == [str(north_case.pk)]
    assert [p.case for p in run.proposals.all()] == [north_case]
    status = client.get(response["Location"] + "status.json").json()
    assert status["words"] == "Done. 1 proposed, 0 could not be placed."
    assert status["next"] == f"/hub/allocation/{run.pk}/"
    page = client.get(status["next"])
    assert page.context["waiting"] == 1


def test_a_run_opens_only_for_those_whose_scope_covers_it(
    client, coordinator, other_coordinator, manager, north_case, south_case
):
    north_run = allocator.allocation_run(actor=coordinator, time_limit_s=2)
    county_run = allocator.allocation_run(actor=manager, time_limit_s=2)
    client.force_login(other_coordinator)
    for run in (north_run, county_run):
        assert client.get(f"/hub/allocation/{run.pk}/").status_code == 404
    page = client.get("/hub/allocation/")
    assert page.context["run"] is None and list(page.context["runs"]) == []
    client.force_login(coordinator)
    assert client.get("/hub/allocation/").context["run"] == north_run
    assert client.get(f"/hub/allocation/{county_run.pk}/").status_code == 404
    client.force_login(manager)
    assert client.get(f"/hub/allocation/{north_run.pk}/").status_code == 200
    assert client.get("/hub/allocation/").context["run"] == county_run


def test_proposals_of_a_run_out_of_scope_are_refused(
    client, other_coordinator, manager, south_case, north_case
):
    county_run = allocator.allocation_run(actor=manager, time_limit_s=2)
    south = county_run.proposals.get(case=south_case)
    client.force_login(other_coordinator)
    for url in (
        f"/hub/allocation/proposals/{south.pk}/accept/",
        f"/hub/allocation/proposals/{south.pk}/reject/",
        f"/hub/allocation/{county_run.pk}/accept-all/",
    ):
        assert client.post(url, {"reason": "no"}).status_code == 404, url
    assert set(county_run.proposals.values_list("status", flat=True)) == {"proposed"}


def test_a_what_if_run_is_its_makers_and_books_nothing(
    client, coordinator, manager, north_case
):
    from django.core.exceptions import ValidationError

    from pathways.allocation.parse import problem_from_json

    data = allocator.problem_build(coordinator)
    run = allocator.what_if_run(
        actor=coordinator, data=data, problem=problem_from_json(data), time_limit_s=2
    )
    client.force_login(manager)
    assert client.get(f"/hub/allocation/{run.pk}/").status_code == 404
    client.force_login(coordinator)
    assert client.get(f"/hub/allocation/{run.pk}/").status_code == 200
    # Even a proposal written against a what-if run cannot be accepted.
    proposal = AllocationProposal.objects.create(
        run=run,
        case=north_case,
        provider=Provider.objects.get(code="north-reablement"),
        start_date=timezone.localdate(),
    )
    url = f"/hub/allocation/proposals/{proposal.pk}/accept/"
    assert client.post(url).status_code == 404
    with pytest.raises(ValidationError, match="what-if run books nothing"):
        allocator.proposal_accept(proposal=proposal, actor=coordinator)
    assert not hasattr(north_case, "reablement_start")


def test_a_coordinator_with_no_locality_is_told_and_nothing_runs(
    client, make_user, north_case
):
    nobody = make_user("noel_nowhere", "coordinator", [])
    client.force_login(nobody)
    response = client.post("/hub/allocation/run/", follow=True)
    assert "no localities to plan for" in response.content.decode()
    assert not allocator.AllocationRun.objects.exists()
    assert json.loads(client.get("/hub/allocation/problem.json").content)["cases"] == []
