"""The what-if upload: bad files are refused with the fields at fault, before
anything is solved or stored; a what-if run never books anything."""

import json

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile

from pathways import allocator
from pathways.models import AllocationProposal, AllocationRun

pytestmark = pytest.mark.django_db
URL = "/hub/allocation/what-if/"


@pytest.fixture
def problem(client, hub, coordinator, provider):
    hub.as_user(coordinator).to_reablement_start()
    return json.loads(client.get("/hub/allocation/problem.json").content)


def upload(client, content: bytes):
    return client.post(URL, {"problem": SimpleUploadedFile("p.json", content)})


@pytest.mark.parametrize("content", [b"null", b"[]", b'"text"', b"42"])
def test_a_what_if_of_anything_but_an_object_is_refused_and_stores_nothing(
    client, problem, content
):
    response = upload(client, content)
    assert response.status_code == 400
    assert response.context["errors"] == ["problem: must be an object"]
    assert not AllocationRun.objects.exists()
    assert not AllocationProposal.objects.exists()


def test_deeply_nested_json_is_a_400_not_a_crash(client, problem):
    problem["providers"][0]["extra"] = json.loads("[" * 500 + "]" * 500)
    response = upload(client, json.dumps(problem).encode())
    assert response.status_code == 400
    assert response.context["errors"] == ["problem: nested more than 8 deep"]
    deeper = b"[" * 100_000 + b"]" * 100_000
    assert upload(client, deeper).status_code == 400
    assert not AllocationRun.objects.exists()


@pytest.mark.parametrize("note", ["a\x00b", "a\ud800b", float("nan")])
def test_what_postgresql_cannot_store_is_a_400_not_a_crash(client, problem, note):
    """A NUL, half a character or NaN anywhere in the file was a 500 on
    PostgreSQL (the file is stored with the run)."""
    problem["note"] = note
    response = upload(client, json.dumps(problem).encode())
    assert response.status_code == 400
    assert response.context["errors"][0].startswith("problem: ")
    assert not AllocationRun.objects.exists()


def test_dates_out_of_range_name_the_field(client, problem):
    problem["horizon"]["start"] = "9999-12-25"
    problem["cases"][0]["earliest_start"] = "9999-12-31"
    response = upload(client, json.dumps(problem).encode())
    assert response.status_code == 400
    assert response.context["errors"] == [
        "horizon.start: 9999-12-25 must be between 2000-01-01 and 2099-12-31",
        "cases[0].earliest_start: 9999-12-31 must be between 2000-01-01 and 2099-12-31",
    ]
    assert "horizon.start" in response.content.decode()
    assert not AllocationRun.objects.exists()


def test_an_oversized_file_is_refused_unread(client, problem, monkeypatch):
    from pathways.allocation import parse

    monkeypatch.setattr(parse, "UPLOAD_MAX_BYTES", 1000)
    response = upload(client, json.dumps(problem).encode() + b" " * 1000)
    assert response.status_code == 400
    assert response.context["errors"] == [
        "problem: the file is larger than 1,000 bytes"
    ]


def test_a_sound_what_if_is_solved_with_a_time_limit(
    client, problem, monkeypatch, run_tasks
):
    limits = []
    solve = allocator.solve_problem

    def spy(parsed, *, time_limit_s, **kwargs):
        limits.append(time_limit_s)
        return solve(parsed, time_limit_s=time_limit_s, **kwargs)

    monkeypatch.setattr(allocator, "solve_problem", spy)
    response = upload(client, json.dumps(problem).encode())
    assert response.status_code == 302
    run_tasks()
    run = AllocationRun.objects.get()
    assert run.what_if and run.run_by.username == "cora_north"
    assert limits == [5.0]
    assert not AllocationProposal.objects.exists()


def test_too_many_cases_is_a_400_and_nothing_is_queued(client, problem):
    from background.models import BackgroundRun

    problem["cases"] = [problem["cases"][0]] * 1001
    response = upload(client, json.dumps(problem).encode())
    assert response.status_code == 400
    assert response.context["errors"] == ["cases: 1,001 cases; at most 1,000"]
    assert "at most 1000 cases" in response.content.decode()  # said beforehand
    assert not BackgroundRun.objects.exists()
