"""The README's curl example works: replayed through the test client with a
real token, it opens a case, and its retry with the same key opens none."""

import datetime
import re
import shlex
from pathlib import Path
from urllib.parse import urlsplit
from zoneinfo import ZoneInfo

import pytest
import time_machine
from api_kit import Api

from cases.models import DischargeCase

pytestmark = pytest.mark.django_db
README = Path(__file__).resolve().parents[2] / "README.md"
# The example's dates are plausible on the day it was written.
WRITTEN = datetime.datetime(2026, 11, 23, 12, tzinfo=ZoneInfo("Europe/London"))


def _readme_curl() -> list[str]:
    block = re.search(
        r"```sh\n(curl -sS \S+/api/v1/referrals \\\n.*?)```", README.read_text(), re.S
    )
    assert block, "the README shows no curl example for a referral"
    return shlex.split(block[1].replace("\\\n", " "))


def test_the_readme_curl_example_sends_a_referral(token):
    words = _readme_curl()
    headers = dict(
        words[i + 1].split(": ", 1) for i, word in enumerate(words) if word == "-H"
    )
    headers["Authorization"] = headers["Authorization"].replace("$HUB_API_TOKEN", token)
    body = words[words.index("-d") + 1]
    path = urlsplit(words[2]).path
    sent = Api(None)

    with time_machine.travel(WRITTEN):
        first = sent.post(
            path, body, headers=headers, content_type=headers.pop("Content-Type")
        )
        again = sent.post(path, body, headers=headers)

    assert first.status_code == 201, first.json()
    assert first.json()["stage"] == "Triage" and first.json()["delay_days"] == 3
    assert again.json() == first.json() and DischargeCase.objects.count() == 1
