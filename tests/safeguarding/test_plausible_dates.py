"""Every date a form takes lies within plausible years (1900-2199): a year
typed as 9999 or 0001 is a field error, never a record whose page crashes
on date arithmetic (a strategy meeting "held" on 31/12/9999 made every page
of the concern a 500)."""

import importlib

import pytest
from django import forms
from django.apps import apps
from sg_kit import Lead, raise_for_case

from cases.forms import PlausibleDates
from safeguarding.driver import open_task

pytestmark = pytest.mark.django_db


@pytest.fixture
def concern(client, case):
    return raise_for_case(client, case)


@pytest.mark.parametrize("held_on", ["9999-12-31", "0001-01-01", "1899-12-31"])
def test_a_far_year_is_a_field_error_and_the_concern_still_opens(
    client, concern, lead, held_on
):
    worker = Lead(client, lead)
    worker.screen(concern)
    worker.decide(concern, "s42")
    task = open_task(concern, "strategy")
    client.post(task.flow_task.reverse("assign", args=[concern.pk, task.pk]))
    url = task.flow_task.reverse("execute", args=[concern.pk, task.pk])
    data = {
        "held_on": held_on,
        "attendees": "Lena Lead (chair)",
        "agencies": "Police",
        "decisions": "Council leads",
        "enquiry_lead": "Lena Lead",
    }
    response = client.post(url, data)
    assert response.status_code == 200
    assert "please check the year" in str(response.context["form"].errors["held_on"])
    assert open_task(concern, "strategy") is not None  # nothing recorded
    assert client.get(f"/safeguarding/concerns/{concern.pk}/").status_code == 200
    assert client.get(url).status_code == 200


def _project_forms():
    for config in apps.get_app_configs():
        if "site-packages" in config.path:
            continue
        try:
            module = importlib.import_module(f"{config.name}.forms")
        except ModuleNotFoundError:
            continue
        for value in vars(module).values():
            if (
                isinstance(value, type)
                and issubclass(value, forms.BaseForm)
                and value.__module__ == module.__name__
            ):
                yield value


def test_every_form_that_takes_a_date_checks_its_year():
    """A new form with a date field cannot skip the check unnoticed."""
    dated = [
        form
        for form in _project_forms()
        if any(
            isinstance(field, forms.DateField | forms.DateTimeField)
            for field in form.base_fields.values()
        )
    ]
    assert len(dated) >= 8
    assert [f.__name__ for f in dated if not issubclass(f, PlausibleDates)] == []
