"""The README's way to get a second-factor code without a phone works: its
Python one-liner, given the key the enrol page shows, makes a code that
completes the enrolment."""

import re
import subprocess
import sys
from pathlib import Path

import pytest

pytestmark = pytest.mark.django_db

README = Path(__file__).resolve().parents[2] / "README.md"
ENROL = "/accounts/mfa/enrol/"


def _readme_one_liner() -> str:
    found = re.search(r"^python3 -c '(.+)' \"[A-Z2-7 ]+\"$", README.read_text(), re.M)
    assert found, "the README shows no one-liner for a code"
    return found[1]


def test_the_readme_one_liner_makes_a_code_that_enrols(client, make_user, localities):
    make_user("mona_lead", "safeguarding_lead", [localities[0]])
    signed = client.post(
        "/accounts/login/", {"username": "mona_lead", "password": "pw"}
    )
    assert signed.status_code == 302
    page = client.get(ENROL).content.decode()
    key = re.search(r'class="hub-mfa__secret">([A-Z2-7 =]+)<', page)[1]
    code = subprocess.run(
        [sys.executable, "-c", _readme_one_liner(), key],
        capture_output=True,
        text=True,
        check=True,
    ).stdout.strip()
    assert re.fullmatch(r"\d{6}", code)
    done = client.post(ENROL, {"code": code, "next": "/safeguarding/"})
    assert done.status_code == 302 and done["Location"] == "/safeguarding/"
