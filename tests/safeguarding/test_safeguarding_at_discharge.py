"""An open safeguarding concern is visible where decisions are made: on the
case page to everyone who can see the case (that it exists and its stage,
never what it says), and at discharge, which then needs a recorded
acknowledgement that the safeguarding lead was consulted."""

import pytest
from django.core.exceptions import ValidationError
from django.utils import timezone
from sg_kit import concern_for, raise_for_case

from cases import services
from cases.models import Discharge
from safeguarding.services import concern_close_early

# As the root conftest's PLAN_DETERMINATION: this directory has a conftest of
# its own, so "from conftest import" would find that one.
PLAN_DETERMINATION = {
    "from_impairment": "yes",
    "impairment_detail": "Fractured neck of femur",
    "wellbeing_impact": "yes",
    "determination_reasons": "Cannot wash or cook safely since the fall.",
}

pytestmark = pytest.mark.django_db

DESCRIPTION = "Daughter takes his pension"
TYPE = "Financial or material"


def to_discharge(hub, case):
    """The fixture's case (triaged, risk screened) taken to its discharge task."""
    hub.do(
        case,
        "pathway",
        {
            "chosen": 0,
            "override_reason": "Family will support",
            "length_days": 42,
            **{f"{band}_carers": 1 for band in ("morning", "lunch", "tea", "bed")},
        },
    )
    hub.do(case, "equipment", {"no_equipment_needed": "on"})
    hub.do(
        case,
        "support_plan",
        {
            "personal_goals": "Home",
            "review_date": timezone.localdate().isoformat(),
            "nutrition_need": "Meals",
            "nutrition_met_by": "family",
            **PLAN_DETERMINATION,
        },
    )
    return case


def discharge_data(**extra):
    return {
        "discharged_at": timezone.localtime().strftime("%Y-%m-%dT%H:%M"),
        "transport": "Taxi",
        "access_arrangements": "Daughter holds keys",
        **extra,
    }


ACKNOWLEDGEMENT = {
    "consulted": "Lena Lead, safeguarding lead",
    "consulted_at": timezone.localtime().strftime("%Y-%m-%dT%H:%M"),
    "consultation_agreed": "Discharge home; the lead visits on Monday",
}


def test_discharge_page_shows_an_open_concern_and_its_stage_not_its_details(hub, case):
    raise_for_case(hub.client, case)
    to_discharge(hub, case)
    task = hub.task(case, "discharge")
    hub.client.post(task.flow_task.reverse("assign", args=[case.pk, task.pk]))
    page = hub.client.get(
        task.flow_task.reverse("execute", args=[case.pk, task.pk])
    ).content.decode()
    assert "An open safeguarding concern exists" in page
    assert "stage: Screening" in page
    assert "All discharge gates are clear" not in page
    assert DESCRIPTION not in page and TYPE not in page


def test_discharge_with_an_open_concern_needs_the_leads_consultation_recorded(
    hub, case, coordinator
):
    raise_for_case(hub.client, case)
    to_discharge(hub, case)
    response = hub.do(case, "discharge", discharge_data(), expect=200)
    errors = response.context["form"].errors
    assert set(errors) == {"consulted", "consulted_at", "consultation_agreed"}
    assert response.context["form"]["transport"].value() == "Taxi"  # kept
    assert not Discharge.objects.exists() and case.status == "NEW"

    hub.do(case, "discharge", discharge_data(**ACKNOWLEDGEMENT))
    discharge = Discharge.objects.get()
    assert discharge.consulted == "Lena Lead, safeguarding lead"
    assert discharge.consultation_agreed.startswith("Discharge home")
    assert "stage: Screening" in discharge.cautions_acknowledged
    record = discharge.history.get()
    assert record.history_user == coordinator
    assert record.consulted == "Lena Lead, safeguarding lead"
    assert "acknowledged" in record.history_change_reason
    assert case.status == "DONE"
    page = hub.client.get(case.get_absolute_url()).content.decode()
    assert "the lead visits on Monday" in page


def test_the_service_refuses_an_unacknowledged_concern_even_for_a_manager(
    hub, case, manager
):
    concern_for(case.person, actor=manager, case=case)
    with pytest.raises(ValidationError) as error:
        services.discharge_confirm(
            case=case,
            actor=manager,
            discharged_at=timezone.now(),
            transport="Taxi",
            access_arrangements="Keys with neighbour",
            override_reason="Manager says go",
        )
    assert "consulted" in error.value.message_dict
    assert not Discharge.objects.exists()


def test_a_concern_raised_elsewhere_about_the_same_person_counts(hub, case, manager):
    concern_for(case.person, actor=manager)  # standalone, not on this case
    to_discharge(hub, case)
    response = hub.do(case, "discharge", discharge_data(), expect=200)
    assert "consulted" in response.context["form"].errors


def test_a_closed_concern_needs_no_acknowledgement(hub, case, manager):
    concern = concern_for(case.person, actor=manager, case=case)
    concern_close_early(concern=concern, actor=manager, reason="Raised in error")
    to_discharge(hub, case)
    hub.do(case, "discharge", discharge_data())
    assert Discharge.objects.get().cautions_acknowledged == ""


@pytest.mark.parametrize("who", ["same_locality_coordinator", "ot"])
def test_everyone_who_can_see_the_case_sees_the_concern_and_its_stage(
    client, case, coordinator, ot, make_user, localities, who
):
    raise_for_case(client, case)
    users = {
        "same_locality_coordinator": make_user(
            "nina_north", "coordinator", [localities[0]]
        ),
        "ot": ot,
    }
    client.force_login(users[who])
    page = client.get(case.get_absolute_url()).content.decode()
    assert "An open safeguarding concern exists" in page
    assert "stage: Screening" in page
    assert DESCRIPTION not in page and TYPE not in page
    assert "/safeguarding/concerns/" not in page  # no link to the details


def test_other_locality_staff_cannot_open_the_case_at_all(
    client, case, other_coordinator
):
    raise_for_case(client, case)
    client.force_login(other_coordinator)
    assert client.get(case.get_absolute_url()).status_code == 404
