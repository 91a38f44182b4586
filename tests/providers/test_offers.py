"""Offers: a booked reablement start is offered to the provider, who accepts
it or declines it with a reason before a deadline, in its portal; a decline
or an expired offer returns the case to the waiting list and tells the
coordinator. A provider sees only its own offers, and no council record."""

import datetime

import pytest
import time_machine
from django.core.management import call_command
from django.test import Client
from django.urls import reverse
from django.utils import timezone

from pathways.models import Provider, ProviderCapacity, ReablementStart
from pathways.offer_deadlines import deadline_after
from pathways.selectors import booked, waiting_cases
from testkit import OTHER_BANDS, PLAN_DETERMINATION, provider_staff

pytestmark = pytest.mark.django_db
INBOX = "/provider/offers/"


def _offered(hub, coordinator, provider, **referral):
    case = hub.as_user(coordinator).to_reablement_start(
        morning_minutes=45, carers=2, **referral
    )
    hub.do(
        case,
        "reablement_start",
        {
            "provider": provider.pk,
            "start_date": timezone.localdate().isoformat(),
            "length_days": 42,
            "morning_minutes": 45,
            "morning_carers": 2,
            **OTHER_BANDS,
        },
    )
    return case, ReablementStart.objects.get(case=case)


@pytest.fixture
def portal():
    """The provider's own browser (the hub's client is the coordinator's)."""
    return Client()


def _answer(portal, start, **data):
    return portal.post(f"{INBOX}{start.pk}/", data)


def _my_day(client, user):
    client.force_login(user)
    return client.get(reverse("hub:index")).content.decode()


def test_the_provider_sees_what_it_needs_and_accepts(
    hub, portal, coordinator, provider
):
    case, start = _offered(hub, coordinator, provider)
    assert start.status == "offered" and start.offer_deadline > timezone.now()
    # Offered is not agreed: the discharge gate names the waiting offer.
    blockers = hub.client.get(case.get_absolute_url()).context["blockers"]
    assert "offered to North Reablement is not yet agreed" in " ".join(blockers)
    portal.force_login(provider_staff(provider))
    inbox = portal.get(INBOX).content.decode()
    assert f"Offer {start.pk}" in inbox and "double-handed" in inbox
    page = portal.get(f"{INBOX}{start.pk}/")
    text = page.content.decode()
    assert "Morning: 45 minutes × 2 carers" in text and "Northfield (NF1)" in text
    for secret in ("Testcase", "999 000 0018", "9990000018", "Mill Lane", "washing"):
        assert secret not in text and secret not in inbox
    response = _answer(portal, start, answer="accept")
    assert response.status_code == 302 and response.url == INBOX
    start.refresh_from_db()
    assert start.status == "agreed" and start.answered_by.provider_staff
    hub.as_user(coordinator)
    assert not hub.client.get(case.get_absolute_url()).context["blockers"]
    timeline = hub.client.get(f"/hub/cases/{case.pk}/timeline/").content.decode()
    assert "Reablement start offered to North Reablement" in timeline
    assert "offer accepted by North Reablement" in timeline
    # Answered: it cannot be answered again.
    again = _answer(portal, start, answer="decline", reason="Changed our mind")
    assert again.status_code == 422 and "no longer open" in again.content.decode()


def test_a_declined_offer_returns_the_case_and_tells_the_coordinator(
    hub, portal, coordinator, provider
):
    case, start = _offered(hub, coordinator, provider)
    day = timezone.localdate()
    assert booked([provider], [day])[(provider.pk, day, "morning")] == 90
    portal.force_login(provider_staff(provider))
    refused = _answer(portal, start, answer="decline", reason="  ")
    assert refused.status_code == 422
    assert "Say why you decline" in refused.content.decode()
    _answer(portal, start, answer="decline", reason="No double-handed team free")
    start.refresh_from_db()
    assert start.status == "declined"
    assert not booked([provider], [day])  # the carers are free again
    assert case in waiting_cases()  # back on the allocator's waiting list
    my_day = _my_day(hub.client, coordinator)
    assert "Offers declined or expired" in my_day
    assert "Offer declined: No double-handed team free" in my_day
    page = hub.client.get(case.get_absolute_url()).content.decode()
    assert "offer declined" in page and "back on the waiting list" in page
    timeline = hub.client.get(f"/hub/cases/{case.pk}/timeline/").content.decode()
    assert "offer declined by North Reablement: No double-handed team free" in timeline
    # Offered again (to the same provider here): off My day, capacity held.
    response = hub.client.post(
        reverse("hub:start_rebook", args=[case.pk]),
        {
            "provider": provider.pk,
            "start_date": day.isoformat(),
            "length_days": 42,
            "morning_minutes": 45,
            "morning_carers": 2,
            **OTHER_BANDS,
        },
    )
    assert response.status_code == 302
    start.refresh_from_db()
    assert start.status == "offered" and not start.decline_reason
    assert "Offers declined or expired" not in _my_day(hub.client, coordinator)
    assert case not in waiting_cases()


def test_an_unanswered_offer_expires_at_its_deadline(
    hub, portal, coordinator, provider
):
    case, start = _offered(hub, coordinator, provider)
    staff = provider_staff(provider)
    call_command("expire_offers")
    start.refresh_from_db()
    assert start.status == "offered"  # not yet
    with time_machine.travel(start.offer_deadline + datetime.timedelta(minutes=1)):
        call_command("expire_offers")
        start.refresh_from_db()
        assert start.status == "expired"
        assert not booked([provider], [start.start_date])
        assert case in waiting_cases()
        assert "Offer expired unanswered" in _my_day(hub.client, coordinator)
        portal.force_login(staff)
        late = _answer(portal, start, answer="accept")
        assert late.status_code == 422 and "no longer open" in late.content.decode()
    latest = start.history.latest()
    assert latest.history_change_reason.startswith("offer expired")


def test_opening_the_inbox_expires_offers_past_their_deadline(
    hub, portal, coordinator, provider
):
    _, start = _offered(hub, coordinator, provider)
    with time_machine.travel(start.offer_deadline + datetime.timedelta(minutes=1)):
        portal.force_login(provider_staff(provider))
        inbox = portal.get(INBOX).content.decode()
    start.refresh_from_db()
    assert start.status == "expired"
    assert "No offer is waiting for your answer" in inbox


def test_a_provider_sees_nothing_of_another_providers_offers(
    hub, portal, coordinator, provider
):
    case, start = _offered(hub, coordinator, provider)
    other = Provider.objects.create(name="Elsewhere Care", code="elsewhere")
    portal.force_login(provider_staff(other))
    assert f"Offer {start.pk}" not in portal.get(INBOX).content.decode()
    assert portal.get(f"{INBOX}{start.pk}/").status_code == 404
    assert _answer(portal, start, answer="accept").status_code == 404
    assert _answer(portal, start, answer="decline", reason="x").status_code == 404
    start.refresh_from_db()
    assert start.status == "offered"
    # Its own staff reach the offer, but no council record of the case.
    portal.force_login(provider_staff(provider))
    assert portal.get(f"{INBOX}{start.pk}/").status_code == 200
    for url in (
        case.get_absolute_url(),
        f"/hub/cases/{case.pk}/timeline/",
        reverse("hub:start_rebook", args=[case.pk]),
    ):
        assert portal.get(url).status_code in (403, 404), url
    # Hub staff do not answer for the provider.
    portal.force_login(coordinator)
    assert portal.get(INBOX).status_code == 403
    assert _answer(portal, start, answer="accept").status_code == 403


def test_an_offer_is_refused_when_the_capacity_is_held_by_another_offer(
    hub, coordinator, provider
):
    ProviderCapacity.objects.filter(provider=provider, band="morning").update(
        minutes=100
    )
    _offered(hub, coordinator, provider)  # holds 90 of the 100 minutes
    case = hub.to_reablement_start(morning_minutes=45, nhs_number="9990000026")
    response = hub.do(
        case,
        "reablement_start",
        {
            "provider": provider.pk,
            "start_date": timezone.localdate().isoformat(),
            "length_days": 42,
            "morning_minutes": 45,
            "morning_carers": 1,
            **OTHER_BANDS,
        },
        expect=200,
    )
    assert "has not enough capacity" in response.content.decode()


def _local(*args) -> datetime.datetime:
    return datetime.datetime(*args, tzinfo=timezone.get_current_timezone())


@pytest.mark.parametrize(
    ("made", "due"),
    [
        (_local(2026, 12, 7, 10, 0), _local(2026, 12, 7, 14, 0)),  # Monday morning
        (_local(2026, 12, 4, 15, 0), _local(2026, 12, 7, 11, 0)),  # Friday 3 pm
        (_local(2026, 12, 5, 20, 0), _local(2026, 12, 7, 13, 0)),  # a Saturday
        (_local(2026, 12, 24, 16, 0), _local(2026, 12, 29, 12, 0)),  # Christmas
    ],
)
def test_the_deadline_counts_working_hours(made, due, settings):
    settings.HUB_OFFER_WORKING_HOURS = 4
    assert deadline_after(made) == due


def test_the_coordinator_records_an_answer_given_by_telephone(
    hub, coordinator, other_coordinator, provider
):
    """The in-house team and providers with nobody on the hub answer another
    way: the coordinator records it, with who said so, in the same history."""
    case, start = _offered(hub, coordinator, provider)
    answer = reverse("hub:start_answer", args=[case.pk])
    assert answer in hub.client.get(case.get_absolute_url()).content.decode()
    refused = hub.client.post(answer, {"answer": "decline", "who": ""})
    assert refused.status_code == 422
    page = refused.content.decode()
    assert "Say why the provider declined." in page and "This field is required" in page
    start.refresh_from_db()
    assert start.status == "offered"  # nothing changed
    response = hub.client.post(answer, {"answer": "accept", "who": "Sam, rota lead"})
    assert response.status_code == 302
    start.refresh_from_db()
    assert start.status == "agreed" and start.answered_by == coordinator
    assert not hub.client.get(case.get_absolute_url()).context["blockers"]
    timeline = hub.client.get(f"/hub/cases/{case.pk}/timeline/").content.decode()
    assert "offer accepted by North Reablement (told by Sam, rota lead" in timeline
    # Answered: the page sends the coordinator back to the case.
    assert hub.client.get(answer).status_code == 302
    # A coordinator of another locality cannot answer for this case.
    hub.client.force_login(other_coordinator)
    assert hub.client.post(answer, {"answer": "accept", "who": "x"}).status_code == 404


def test_each_waiting_offer_opens_from_its_first_column(
    hub, portal, coordinator, provider
):
    """On a phone the inbox scrolls sideways; the offer's own name, in the
    first column, opens it, not only the Answer link at the far right, and
    its deadline comes next."""
    _, start = _offered(hub, coordinator, provider)
    portal.force_login(provider_staff(provider))
    inbox = portal.get(INBOX).content.decode()
    row = f'<a href="{INBOX}{start.pk}/">Offer {start.pk}</a></td><td>'
    deadline = timezone.localtime(start.offer_deadline)
    assert row + f"{deadline:%a %d/%m/%Y}" in inbox  # then the deadline


def test_a_returned_offer_links_its_case_by_reference(
    hub, portal, coordinator, provider
):
    case, start = _offered(hub, coordinator, provider)
    portal.force_login(provider_staff(provider))
    _answer(portal, start, answer="decline", reason="No team free")
    my_day = _my_day(hub.client, coordinator)
    panel = my_day.split("Offers declined or expired")[1].split("<h2")[0]
    assert f'<a href="{case.get_absolute_url()}">{case.reference}</a>' in panel


def _plan_form(hub, case) -> str:
    """The support plan step's page, as it opens (its visit pattern prefilled)."""
    task = hub.task(case, "support_plan")
    if task.owner_id is None:
        hub.client.post(task.flow_task.reverse("assign", args=[case.pk, task.pk]))
    url = task.flow_task.reverse("execute", args=[case.pk, task.pk])
    return hub.client.get(url).content.decode()


def test_the_support_plan_shows_an_offered_start_as_not_yet_confirmed(
    hub, portal, coordinator, provider, pdf_text
):
    case, start = _offered(hub, coordinator, provider)
    assert "North Reablement from" in _plan_form(hub, case)
    portal.force_login(provider_staff(provider))
    _answer(portal, start, answer="decline", reason="No double-handed team free")
    # A declined offer is nobody's plan: not prefilled as the visits.
    assert "North Reablement from" not in _plan_form(hub, case)
    day = timezone.localdate()
    again = {"provider": provider.pk, "start_date": day.isoformat()}
    again |= {"length_days": 42, "morning_minutes": 45, "morning_carers": 2}
    hub.client.post(reverse("hub:start_rebook", args=[case.pk]), again | OTHER_BANDS)
    review = day + datetime.timedelta(days=14)
    hub.do(case, "support_plan", PLAN | {"review_date": review.isoformat()})
    pdf = f"/hub/cases/{case.pk}/support-plan.pdf"

    def read() -> str:
        return " ".join(pdf_text(hub.client.get(pdf).content).split())

    offered = read()
    assert "Reablement visits (not yet confirmed)" in offered
    assert "North Reablement from" in offered and "has not yet agreed" in offered
    _answer(portal, start, answer="accept")
    agreed = read()
    assert "Reablement visits North Reablement from" in agreed
    assert "not yet confirmed" not in agreed
    cancel = reverse("hub:start_cancel", args=[case.pk])
    assert hub.client.post(cancel, {"reason": "Provider withdrew"}).status_code == 302
    assert "Reablement visits" not in read()


PLAN = {
    "personal_goals": "Walk to the shop",
    **PLAN_DETERMINATION,
    "hygiene_need": "Help to shower",
    "hygiene_met_by": "reablement",
    "hygiene_unable": "endangers",
    "hygiene_unable_why": "Falls getting in and out of the bath",
    "nutrition_need": "Meals",
    "nutrition_met_by": "family",
    "nutrition_unable": "pain",
    "nutrition_unable_why": "Standing at the cooker hurts her hip",
}


def test_the_planned_discharge_is_the_day_a_held_start_begins_and_none_after(
    hub, portal, coordinator, provider
):
    """The planned discharge date follows the start held for the case: set by
    the offer, cleared when it is declined, expires or the case closes (the
    equipment figures count a delivery after it as late)."""
    from cases.services import case_close

    today = timezone.localdate()
    case, start = _offered(hub, coordinator, provider)
    case.refresh_from_db()
    assert case.planned_discharge == today
    portal.force_login(provider_staff(provider))
    _answer(portal, start, answer="decline", reason="No carers that week")
    case.refresh_from_db()
    assert case.planned_discharge is None
    assert case.history.first().history_user.provider_staff  # who, recorded

    case, start = _offered(hub, coordinator, provider, nhs_number="999 000 0026")
    with time_machine.travel(start.offer_deadline + datetime.timedelta(minutes=1)):
        call_command("expire_offers")
    case.refresh_from_db()
    assert case.planned_discharge is None

    case, start = _offered(hub, coordinator, provider, nhs_number="999 000 0034")
    case_close(
        case=case, actor=coordinator, closed_because="died", reason="Died on the ward"
    )
    case.refresh_from_db()
    assert case.outcome == "closed" and case.planned_discharge is None
