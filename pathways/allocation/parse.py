"""Problem JSON -> Problem, with every field error collected (SPEC.md field rules).

Beyond the SPEC, every number and date has a plausible range, so no input
can overflow a date or the solver's integers. An uploaded problem (the
hub's what-if) is also held to limits of size, nesting and work, checked
before anything is solved, so one upload cannot hold a worker for long.
"""

from __future__ import annotations

import datetime as dt
import json
import re
from typing import Any

from .instance import eligible
from .model import (
    PROBLEM_SCHEMA,
    Case,
    Horizon,
    Option,
    Problem,
    ProblemError,
    Provider,
    Visit,
)

MAX_WEIGHT = 1_000_000
MAX_DAYS = 60
MAX_LENGTH_DAYS = 366
MAX_MINUTES = 24 * 60  # a visit, or travel to it, within a day
MAX_CARERS = 10
MAX_AMOUNT = 1_000_000  # carer-minutes of capacity a day, or a cost
FIRST_DATE, LAST_DATE = dt.date(2000, 1, 1), dt.date(2099, 12, 31)
MISSING = object()  # a required field that is absent, already reported

# Limits of an uploaded problem (what-if), checked in this order.
UPLOAD_MAX_BYTES = 2_000_000
UPLOAD_MAX_DEPTH = 8  # a valid problem nests 5 deep
UPLOAD_MAX_CASES = 1000
UPLOAD_MAX_PROVIDERS = 100
UPLOAD_MAX_BANDS = 12
UPLOAD_MAX_WORK = 100_000  # eligible (case, provider) pairs x horizon days


class FieldReader:
    """Reads typed fields and records, rather than raises, each failure."""

    def __init__(self) -> None:
        self.errors: list[str] = []

    def fail(self, path: str, message: str) -> None:
        self.errors.append(f"{path}: {message}")

    def obj(self, value: Any, path: str) -> dict[str, Any] | None:
        if value is MISSING:
            return None
        if isinstance(value, dict):
            return value
        self.fail(path, "must be an object")
        return None

    def field(self, data: dict[str, Any], key: str, path: str) -> Any:
        if key not in data:
            self.fail(f"{path}.{key}" if path else key, "is required")
            return MISSING
        return data[key]

    def integer(
        self, value: Any, path: str, low: int = 0, high: int | None = MAX_AMOUNT
    ):
        if value is MISSING:
            return None
        if isinstance(value, bool) or not isinstance(value, int):
            self.fail(path, f"{value!r} is not an integer")
            return None
        if value < low or (high is not None and value > high):
            limit = f"between {low} and {high}" if high is not None else f">= {low}"
            self.fail(path, f"{value} must be {limit}")
            return None
        return value

    def text(self, value: Any, path: str) -> str | None:
        if value is MISSING:
            return None
        if isinstance(value, str) and value:
            return value
        self.fail(path, f"{value!r} is not a non-empty string")
        return None

    def date(self, value: Any, path: str) -> dt.date | None:
        if value is MISSING:
            return None
        try:
            day = dt.date.fromisoformat(value) if isinstance(value, str) else None
        except ValueError:
            day = None
        if day is None:
            self.fail(path, f"{value!r} is not an ISO date YYYY-MM-DD")
        elif not FIRST_DATE <= day <= LAST_DATE:
            self.fail(path, f"{value} must be between {FIRST_DATE} and {LAST_DATE}")
            day = None
        return day

    def items(self, value: Any, path: str, default: list | None = None) -> list:
        if value is MISSING:
            return []
        if value is None and default is not None:
            return default
        if isinstance(value, list):
            return value
        self.fail(path, "must be a list")
        return []

    def strings(self, value: Any, path: str) -> tuple[str, ...]:
        out = []
        for i, item in enumerate(self.items(value, path, default=[])):
            name = self.text(item, f"{path}[{i}]")
            if name is not None:
                out.append(name)
        return tuple(out)

    def unique_ids(self, records: list, path: str) -> None:
        seen: set[str] = set()
        for i, record in enumerate(records):
            key = record.get("id") if isinstance(record, dict) else None
            if not isinstance(key, str):
                continue  # reported as not a string when the record is read
            if key in seen:
                self.fail(f"{path}[{i}].id", f"{key!r} is not unique")
            seen.add(key)


def problem_from_json(data: Any) -> Problem:
    """Build a Problem, or raise ProblemError listing every broken field."""
    r = FieldReader()
    root = r.obj(data, "problem")
    if root is None:
        raise ProblemError(r.errors)
    schema = root.get("schema", PROBLEM_SCHEMA)
    if schema != PROBLEM_SCHEMA:
        r.fail("schema", f"{schema!r} is not {PROBLEM_SCHEMA!r}")
    horizon = _horizon(r, r.field(root, "horizon", ""))
    bands = r.strings(r.field(root, "bands", ""), "bands")
    if len(set(bands)) != len(bands):
        r.fail("bands", "band names are not unique")
    raw_providers = r.items(r.field(root, "providers", ""), "providers")
    raw_cases = r.items(r.field(root, "cases", ""), "cases")
    r.unique_ids(raw_providers, "providers")
    r.unique_ids(raw_cases, "cases")
    days = horizon.days if horizon else None
    providers = [
        _provider(r, raw, f"providers[{i}]", set(bands), days)
        for i, raw in enumerate(raw_providers)
    ]
    provider_ids = {p.id for p in providers if p is not None}
    cases = [
        _case(r, raw, f"cases[{i}]", set(bands), provider_ids)
        for i, raw in enumerate(raw_cases)
    ]
    if r.errors:
        raise ProblemError(r.errors)
    return Problem(horizon, bands, tuple(providers), tuple(cases))


def _horizon(r: FieldReader, raw: Any) -> Horizon | None:
    data = r.obj(raw, "horizon")
    if data is None:
        return None
    start = r.date(r.field(data, "start", "horizon"), "horizon.start")
    days = r.integer(r.field(data, "days", "horizon"), "horizon.days", 1, MAX_DAYS)
    if start is None or days is None:
        return None
    return Horizon(start, days)


def _provider(r: FieldReader, raw: Any, path: str, bands: set[str], days: int | None):
    data = r.obj(raw, path)
    if data is None:
        return None
    pid = r.text(r.field(data, "id", path), f"{path}.id")
    localities = r.strings(r.field(data, "localities", path), f"{path}.localities")
    skills = r.strings(data.get("skills"), f"{path}.skills")
    capacity: dict[str, tuple[int, ...]] = {}
    raw_capacity = r.obj(r.field(data, "capacity", path), f"{path}.capacity") or {}
    for band, row in raw_capacity.items():
        where = f"{path}.capacity.{band}"
        if band not in bands:
            r.fail(where, f"{band!r} is not in bands")
        values = r.items(row, where)
        if days is not None and len(values) != days:
            r.fail(where, f"has {len(values)} values, horizon.days is {days}")
        ints = [r.integer(v, f"{where}[{d}]") for d, v in enumerate(values)]
        capacity[band] = tuple(v or 0 for v in ints)
    if pid is None:
        return None
    return Provider(pid, localities, skills, capacity)


def _case(r: FieldReader, raw: Any, path: str, bands: set[str], provider_ids: set[str]):
    data = r.obj(raw, path)
    if data is None:
        return None
    cid = r.text(r.field(data, "id", path), f"{path}.id")
    locality = r.text(r.field(data, "locality", path), f"{path}.locality")
    weight = r.integer(r.field(data, "weight", path), f"{path}.weight", 1, MAX_WEIGHT)
    earliest = r.date(r.field(data, "earliest_start", path), f"{path}.earliest_start")
    length = r.integer(
        r.field(data, "length_days", path), f"{path}.length_days", 1, MAX_LENGTH_DAYS
    )
    skills = r.strings(data.get("skills"), f"{path}.skills")
    visits = []
    for i, raw_visit in enumerate(r.items(data.get("visits"), f"{path}.visits", [])):
        visits.append(_visit(r, raw_visit, f"{path}.visits[{i}]", bands))
    options = None
    if data.get("options") is not None:
        raw_options = r.obj(data["options"], f"{path}.options") or {}
        options = {}
        for pid, raw_option in raw_options.items():
            where = f"{path}.options.{pid}"
            if pid not in provider_ids:
                r.fail(where, f"{pid!r} is not a provider id")
            options[pid] = _option(r, raw_option, where)
    if r.errors:
        return None
    return Case(cid, locality, weight, earliest, length, tuple(visits), skills, options)


def _visit(r: FieldReader, raw: Any, path: str, bands: set[str]) -> Visit | None:
    data = r.obj(raw, path)
    if data is None:
        return None
    band = r.text(r.field(data, "band", path), f"{path}.band")
    if band is not None and band not in bands:
        r.fail(f"{path}.band", f"{band!r} is not in bands")
    minutes = r.integer(
        r.field(data, "minutes", path), f"{path}.minutes", 0, MAX_MINUTES
    )
    carers = r.integer(data.get("carers", 1), f"{path}.carers", 1, MAX_CARERS)
    return Visit(band or "", minutes or 0, carers or 1)


def _option(r: FieldReader, raw: Any, path: str) -> Option:
    data = r.obj(raw, path) or {}
    cost = r.integer(data.get("cost", 0), f"{path}.cost")
    travel = r.integer(
        data.get("travel_minutes", 0), f"{path}.travel_minutes", 0, MAX_MINUTES
    )
    return Option(cost or 0, travel or 0)


def problem_from_upload(raw: bytes) -> tuple[dict[str, Any], Problem]:
    """An uploaded problem file, as JSON and as a Problem, or ProblemError.

    Size, nesting and counts are checked before the JSON is read whole, and
    the work it would make (placements to weigh) before anything is solved.
    """
    if len(raw) > UPLOAD_MAX_BYTES:
        raise ProblemError(
            [f"problem: the file is larger than {UPLOAD_MAX_BYTES:,} bytes"]
        )
    try:
        text = raw.decode("utf-8")
    except UnicodeDecodeError:
        raise ProblemError(["problem: the file is not UTF-8 text"]) from None
    if _nesting(text, UPLOAD_MAX_DEPTH) > UPLOAD_MAX_DEPTH:
        raise ProblemError([f"problem: nested more than {UPLOAD_MAX_DEPTH} deep"])
    try:
        data = json.loads(text)
    except ValueError as exc:  # JSONDecodeError, or an integer too long to read
        raise ProblemError([f"problem: not valid JSON ({exc})"]) from None
    _check_storable(data)
    _check_counts(data)
    problem = problem_from_json(data)
    work = _work(problem)
    if work > UPLOAD_MAX_WORK:
        raise ProblemError(
            [
                f"problem: {work:,} (case, provider, day) choices to weigh; at most "
                f"{UPLOAD_MAX_WORK:,} (fewer cases, providers or horizon days)"
            ]
        )
    return data, problem


def _check_storable(data: Any) -> None:
    """The file is kept with its run as JSON, which PostgreSQL refuses when
    it holds NaN or an infinite number, half a character or a NUL."""
    try:
        stored = json.dumps(data, ensure_ascii=False, allow_nan=False)
        stored.encode("utf-8")
    except UnicodeEncodeError:
        raise ProblemError(["problem: a text holds half of a character"]) from None
    except ValueError:
        raise ProblemError(["problem: NaN or Infinity is not a number"]) from None
    if _NUL_ESCAPE.search(stored):
        raise ProblemError(["problem: contains a NUL character (\\u0000)"])


_NESTING = re.compile(r'[\[\]{}"\\]')
# \u0000 after an even number of backslashes (an escaped backslash is not one).
_NUL_ESCAPE = re.compile(r"(?<!\\)(?:\\\\)*\\u0000")


def _nesting(text: str, limit: int) -> int:
    """How deep arrays and objects nest (strings skipped), read without
    recursion and stopping past `limit`, so any input costs one pass."""
    depth = deepest = 0
    in_string, skip_to = False, -1
    for match in _NESTING.finditer(text):
        at, char = match.start(), match.group()
        if at < skip_to:
            continue
        if in_string:
            if char == "\\":
                skip_to = at + 2  # the escaped character
            elif char == '"':
                in_string = False
        elif char == '"':
            in_string = True
        elif char in "[{":
            depth += 1
            deepest = max(deepest, depth)
            if deepest > limit:
                break
        else:
            depth -= 1
    return deepest


def _check_counts(data: Any) -> None:
    if not isinstance(data, dict):
        return  # problem_from_json names it
    errors = []
    for key, limit in (
        ("cases", UPLOAD_MAX_CASES),
        ("providers", UPLOAD_MAX_PROVIDERS),
        ("bands", UPLOAD_MAX_BANDS),
    ):
        value = data.get(key)
        if isinstance(value, list) and len(value) > limit:
            errors.append(f"{key}: {len(value):,} {key}; at most {limit:,}")
    if errors:
        raise ProblemError(errors)


def _work(problem: Problem) -> int:
    pairs = sum(
        eligible(problem, case, provider)
        for case in problem.cases
        for provider in problem.providers
    )
    return pairs * problem.horizon.days
