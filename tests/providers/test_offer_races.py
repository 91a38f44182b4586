"""A coordinator cancelling a bed while the setting accepts it, at the same
moment (PostgreSQL row locks): the cancel waits for the answer and is written
after it, so the answer (who agreed, when) is kept in the row and the
history shows both, in order; never a cancel written over the answer from a
copy read before it."""

import threading
import time

from django.db import connection, connections, transaction
from test_bed_vacancies import _offer_bed, _publish, _to_placement

from pathways.models import Placement
from pathways.offer_services import offer_accept, offer_cancel
from testkit import ROW_LOCK_RACE, provider_staff

pytestmark = ROW_LOCK_RACE


def _waiting_on_a_lock() -> bool:
    with connection.cursor() as cursor:
        cursor.execute(
            "SELECT count(*) FROM pg_stat_activity "
            "WHERE wait_event_type = 'Lock' AND datname = current_database()"
        )
        return cursor.fetchone()[0] > 0


def test_a_cancel_at_the_moment_the_setting_accepts_keeps_the_answer(
    hub, portal, coordinator, care_home
):
    today = _publish(portal, care_home, beds=1)
    case = _to_placement(hub, coordinator)
    _offer_bed(hub, case, care_home, today)
    read_before = Placement.objects.get(case=case)  # the coordinator's page
    setting = provider_staff(care_home, username="matron_elm")
    accepted, release, errors = threading.Event(), threading.Event(), []

    def accept():
        try:
            with transaction.atomic():
                offer_accept(offer=Placement.objects.get(case=case), actor=setting)
                accepted.set()
                release.wait(timeout=15)  # answered, not yet committed
        except Exception as error:  # noqa: BLE001 - reported below
            errors.append(error)
        finally:
            connections.close_all()

    def cancel():
        try:
            offer_cancel(
                offer=read_before, actor=coordinator, reason="Family changed plan"
            )
        except Exception as error:  # noqa: BLE001 - reported below
            errors.append(error)
        finally:
            connections.close_all()

    answering = threading.Thread(target=accept)
    answering.start()
    assert accepted.wait(timeout=15)
    cancelling = threading.Thread(target=cancel)
    cancelling.start()
    for _ in range(100):  # until the cancel waits for the answer's lock
        if _waiting_on_a_lock():
            break
        time.sleep(0.05)
    release.set()
    answering.join()
    cancelling.join()

    assert not errors, errors
    placement = Placement.objects.get(case=case)
    assert placement.status == "cancelled"
    assert placement.answered_by == setting and placement.answered_at is not None
    reasons = [
        h.history_change_reason for h in placement.history.order_by("history_id")
    ]
    assert reasons[-2].startswith("offer accepted by Elm Court Care Home"), reasons
    assert reasons[-1] == "cancelled: Family changed plan", reasons
