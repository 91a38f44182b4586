"""The hub's pages load and work in a real browser, with no script errors and
no Content Security Policy violations (CSP reports them as console errors)."""

import pytest

pytestmark = pytest.mark.django_db(transaction=True)


def test_coordinator_pages_load_without_script_errors(
    watched, coordinator, hub, provider, catalogue
):
    import datetime

    from cases.delay_reasons import ensure_delay_reasons
    from cases.models import DelayReason

    ensure_delay_reasons()  # transactional: the migration's rows may be gone
    case = hub.as_user(coordinator).to_reablement_start()
    day_after = case.referral.discharge_ready_date + datetime.timedelta(days=1)
    posted = hub.client.post(  # a reason for delay: the board shows its form
        f"/hub/cases/{case.pk}/delays/",
        {
            "delay-reason": DelayReason.objects.get(code="transport").pk,
            "delay-from_date": day_after.isoformat(),
            "delay-owner_team": "Ward nursing team",
        },
    )
    assert posted.status_code == 302
    watched.log_in(coordinator.username)
    for path in [
        "/hub/",
        "/hub/cases/",
        "/hub/cases/?status=closed",
        "/hub/search/?q=Testcase",
        f"/hub/cases/{case.pk}/",
        f"/hub/cases/{case.pk}/timeline/",
        "/hub/capacity/",
        "/hub/allocation/",
        "/hub/huddle/",
        "/hub/cases/export/?status=all",
        "/hub/runs/",
        "/discharge/inbox/",
        "/discharge/queue/",
        "/safeguarding/raise/",
    ]:
        response = watched.goto(path)
        assert response.status == 200, (path, response.status)
    assert watched.errors == []


def test_capacity_locality_filter_submits_on_change(
    watched, coordinator, provider, localities
):
    watched.log_in(coordinator.username)
    watched.goto("/hub/capacity/")
    with watched.page.expect_navigation(timeout=5000):
        watched.page.select_option("select[name=locality]", localities[0].code)
    assert f"locality={localities[0].code}" in watched.page.url
    assert watched.errors == []
