"""An uploaded problem is checked whole before it is solved: size, nesting,
counts, ranges and work; any input ends in a Problem or a ProblemError."""

import copy
import json
import time
from pathlib import Path

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from pathways.allocation import parse
from pathways.allocation.generate import generate_problem
from pathways.allocation.model import Problem, ProblemError
from pathways.allocation.parse import problem_from_json, problem_from_upload
from pathways.allocation.solve import solve

TINY = (Path(__file__).parent / "fixtures" / "tiny.json").read_bytes()
BASE = generate_problem(5, 2, 7, seed=2)


def upload_errors(raw: bytes) -> list[str]:
    with pytest.raises(ProblemError) as caught:
        problem_from_upload(raw)
    return caught.value.errors


def as_bytes(data) -> bytes:
    return json.dumps(data).encode()


def test_a_sound_problem_passes_as_json_and_problem():
    data, problem = problem_from_upload(TINY)
    assert data == json.loads(TINY) and len(problem.cases) == 7


@pytest.mark.parametrize("value", [None, [], 3, "text"])
def test_anything_but_an_object_is_refused(value):
    assert upload_errors(as_bytes(value)) == ["problem: must be an object"]


def test_deep_nesting_is_refused_before_it_is_read():
    deep = b'{"schema": ' + b"[" * 200_000 + b"]" * 200_000 + b"}"
    assert upload_errors(deep) == ["problem: nested more than 8 deep"]
    # Brackets inside strings are text, not nesting.
    data = copy.deepcopy(BASE)
    data["cases"][0]["id"] = '[[[[[[[[[[{{{{{{{{{{\\"[[[['
    assert problem_from_upload(as_bytes(data))[1].cases[0].id.startswith("[[[")


def test_size_is_capped(monkeypatch):
    monkeypatch.setattr(parse, "UPLOAD_MAX_BYTES", len(TINY) - 1)
    assert upload_errors(TINY) == [
        f"problem: the file is larger than {len(TINY) - 1:,} bytes"
    ]


def test_not_json_or_not_text_is_refused():
    assert upload_errors(b"\xff\xfe{")[0] == "problem: the file is not UTF-8 text"
    assert upload_errors(b"{'a': 1}")[0].startswith("problem: not valid JSON")
    huge = b'{"schema": ' + b"9" * 10_000 + b"}"  # past Python's int digit limit
    assert upload_errors(huge)[0].startswith("problem: not valid JSON")


@pytest.mark.parametrize(
    "extra, error",
    [
        ('"a\\u0000b"', "problem: contains a NUL character (\\u0000)"),
        ('{"k\\u0000": 1}', "problem: contains a NUL character (\\u0000)"),
        ('"a\\ud800b"', "problem: a text holds half of a character"),
        ("NaN", "problem: NaN or Infinity is not a number"),
        ("-Infinity", "problem: NaN or Infinity is not a number"),
        ("1e999", "problem: NaN or Infinity is not a number"),
    ],
)
def test_what_postgresql_cannot_store_is_refused(extra, error):
    """The file is kept with its run (JSON in PostgreSQL): these were a 500."""
    raw = TINY.rstrip().removesuffix(b"}") + b', "note": ' + extra.encode() + b"}"
    assert upload_errors(raw) == [error]


def test_an_escaped_backslash_before_u0000_is_text_not_a_nul():
    data = copy.deepcopy(BASE)
    data["note"] = "C:\\u0000 and \\\\u0000"
    assert problem_from_upload(as_bytes(data))[0]["note"] == data["note"]


def test_dates_out_of_range_are_named_not_overflowed():
    data = copy.deepcopy(BASE)
    data["horizon"]["start"] = "9999-12-31"
    data["cases"][0]["earliest_start"] = "0001-01-01"
    errors = upload_errors(as_bytes(data))
    assert "horizon.start: 9999-12-31 must be between 2000-01-01 and 2099-12-31" in (
        errors
    )
    assert (
        "cases[0].earliest_start: 0001-01-01 must be between 2000-01-01 and "
        "2099-12-31" in errors
    )


def test_numbers_out_of_range_are_named():
    data = copy.deepcopy(BASE)
    case = data["cases"][0]
    case["weight"] = 10**12
    case["length_days"] = 10**9
    case["visits"][0]["minutes"] = 10**6
    case["visits"][0]["carers"] = 99
    case["options"] = {data["providers"][0]["id"]: {"travel_minutes": 10**5}}
    data["providers"][0]["capacity"]["morning"][0] = 10**15
    errors = upload_errors(as_bytes(data))
    provider = data["providers"][0]["id"]
    for message in (
        "cases[0].weight: 1000000000000 must be between 1 and 1000000",
        "cases[0].length_days: 1000000000 must be between 1 and 366",
        "cases[0].visits[0].minutes: 1000000 must be between 0 and 1440",
        "cases[0].visits[0].carers: 99 must be between 1 and 10",
        f"cases[0].options.{provider}.travel_minutes: 100000 must be between 0 "
        "and 1440",
        "providers[0].capacity.morning[0]: 1000000000000000 must be between 0 "
        "and 1000000",
    ):
        assert message in errors


def test_counts_are_capped_before_the_problem_is_read():
    data = copy.deepcopy(BASE)
    data["cases"] = [data["cases"][0]] * 1001
    data["providers"] = [data["providers"][0]] * 101
    assert upload_errors(as_bytes(data)) == [
        "cases: 1,001 cases; at most 1,000",
        "providers: 101 providers; at most 100",
    ]


def everywhere(data: dict) -> None:
    """Every case eligible with every provider: the most work per size."""
    for provider in data["providers"]:
        provider["localities"] = sorted({c["locality"] for c in data["cases"]})
    for case in data["cases"]:
        case["skills"] = []
        case.pop("options", None)


def test_work_is_capped_before_solving():
    data = generate_problem(400, 10, 30, seed=3)
    everywhere(data)
    errors = upload_errors(as_bytes(data))
    assert errors == [
        "problem: 120,000 (case, provider, day) choices to weigh; at most 100,000 "
        "(fewer cases, providers or horizon days)"
    ]


def test_the_largest_problem_let_through_solves_in_bounded_time():
    """Every case eligible everywhere, just under the work cap: the solve
    keeps near its time limit (the cap bounds what it builds first)."""
    data = generate_problem(500, 14, 14, seed=4)
    everywhere(data)
    _, problem = problem_from_upload(as_bytes(data))
    assert parse._work(problem) == 98_000
    began = time.perf_counter()
    solve(problem, time_limit_s=1.0, workers=2)
    assert time.perf_counter() - began < 6  # 18 s seen before the caps


JSON = st.recursive(
    st.none() | st.booleans() | st.integers() | st.floats() | st.text(max_size=5),
    lambda inner: (
        st.lists(inner, max_size=4)
        | st.dictionaries(st.text(max_size=8), inner, max_size=4)
    ),
    max_leaves=20,
)
KEYS = ["schema", "horizon", "bands", "providers", "cases", "id", "capacity"]


@settings(max_examples=300, deadline=None)
@given(
    value=JSON,
    field=st.sampled_from(KEYS),
    where=st.sampled_from(["root", "case", "provider", "visit", "horizon"]),
)
def test_any_json_in_any_field_is_a_problem_or_a_problem_error(value, field, where):
    data = copy.deepcopy(BASE)
    target = {
        "root": data,
        "case": data["cases"][0],
        "provider": data["providers"][0],
        "visit": data["cases"][0]["visits"][0],
        "horizon": data["horizon"],
    }[where]
    target[field] = value
    try:
        assert isinstance(problem_from_json(data), Problem)
    except ProblemError as error:
        assert error.errors and all(isinstance(e, str) for e in error.errors)
