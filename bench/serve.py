"""Serve pages of bench/pages.py in this process (Django's test client,
DEBUG off), one database, on request: each line read from stdin is JSON
{"url", "role", "what"}. "first" requests the page twice, to warm it
(templates, URL resolver, session) and to count its queries, and answers the
queries and what the page answered (the rows shown of how many); "time"
requests it once and answers how long that took (ms). The first line written
names the search terms and the database's size; an empty request ({})
answers with the process's peak memory and ends it.

    DATABASE_URL=postgres://.../hub_bench_1000 python bench/serve.py

bench/pages.py keeps one such process per database and asks them in turn,
request by request, so each page is timed at both sizes under the same load.
"""

import json
import os
import re
import resource
import sys
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))
os.environ.setdefault("DJANGO_SETTINGS_MODULE", "config.settings.base")

import django  # noqa: E402

django.setup()

from django.contrib.auth.models import User  # noqa: E402
from django.db import connection  # noqa: E402
from django.db.models import Count  # noqa: E402
from django.test import Client  # noqa: E402
from django.test.utils import CaptureQueriesContext  # noqa: E402

from cases.models import DischargeCase, Person  # noqa: E402

USERS = {"manager": "manager.northfield", "coordinator": "coordinator.northfield"}


def client_for(username: str) -> Client:
    """Signed in, the second factor passed (as the tests' conftest does)."""
    from django_otp import DEVICE_ID_SESSION_KEY
    from django_otp.plugins.otp_totp.models import TOTPDevice

    from accounts.mfa import mfa_required

    user = User.objects.get(username=username)
    client = Client()
    client.force_login(user)
    if mfa_required(user):
        device, _ = TOTPDevice.objects.get_or_create(
            user=user, confirmed=True, defaults={"name": "bench"}
        )
        session = client.session
        session[DEVICE_ID_SESSION_KEY] = device.persistent_id
        session.save()
    return client


def search_terms() -> dict[str, str]:
    """A common surname (one that is no other's beginning, as "Smith" is of
    "Smithson"), a full name and an NHS number of the north."""
    people = Person.objects.filter(locality__code="northfield")
    counts = people.values("family_name").annotate(n=Count("pk")).order_by("-n")
    names = [row["family_name"] for row in counts]
    surname = next(
        name
        for name in names
        if not any(other != name and other.startswith(name) for other in names)
    )
    person = people.filter(family_name=surname).order_by("pk").first()
    return {
        "surname": surname,
        "fullname": f"{person.given_name}+{person.family_name}",
        "nhs": person.nhs_number,
    }


def get(client: Client, url: str):
    response = client.get(url, secure=True)
    if response.streaming:
        b"".join(response.streaming_content)
    if response.status_code != 200:
        raise SystemExit(f"{url}: {response.status_code}")
    return response


# The pager's "1–25 of 122 cases" (or "of more than 5,000"; Viewflow's lists
# "1-25 of 160"), an uncounted list's "Tasks 1–25", or "No cases".
PAGER = re.compile(
    r'(?:list-count|pagination-summary)">\s*(?:No |[A-Z][a-z]+ )?'
    r"(?:(\d[\d,]*)\s*[–-]\s*(\d[\d,]*)(?: of ((?:more than )?[\d,]+))?)?"
)


def answer(response) -> str:
    """What the page answered: the rows it shows of how many, or the cases
    of today's problem."""
    if response.get("Content-Type", "").startswith("application/json"):
        return f"{len(json.loads(response.content)['cases'])} cases"
    if response.streaming:
        return ""
    found = PAGER.search(response.content.decode())
    if found is None:
        return ""
    first, last, total = found.groups()
    if first is None:  # "No cases"
        return "0"
    first, last = (int(n.replace(",", "")) for n in (first, last))
    shown = last - first + 1 if last else 0
    return f"{shown} of {total}" if total else f"{shown}"


def first(client: Client, url: str) -> dict:
    """The page warmed, then its queries and what it answered."""
    get(client, url)
    with CaptureQueriesContext(connection) as queries:
        response = get(client, url)
    return {"queries": len(queries), "answer": answer(response)}


def timed(client: Client, url: str) -> dict:
    started = time.perf_counter()
    get(client, url)
    return {"ms": (time.perf_counter() - started) * 1000}


def main() -> None:
    from viewflow.workflow.models import Task

    terms = search_terms()
    clients = {role: client_for(name) for role, name in USERS.items()}
    say(
        {
            "cases": DischargeCase.objects.count(),
            "tasks": Task.objects.count(),
            "terms": terms,
        }
    )
    for line in sys.stdin:
        asked = json.loads(line)
        if not asked:
            break
        url = asked["url"].format(**terms)
        serve = first if asked["what"] == "first" else timed
        say(serve(clients[asked["role"]], url))
    say({"rss_mb": resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024})


def say(answer: dict) -> None:
    print(json.dumps(answer), flush=True)


if __name__ == "__main__":
    main()
