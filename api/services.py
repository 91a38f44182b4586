"""The API's writes: a referral received from a client (with its
idempotency record), and the audit of each call. The rules are the cases
services'; this module only adds the client's scope."""

import hashlib
import json
from dataclasses import dataclass, field

from django.core.exceptions import NON_FIELD_ERRORS, ValidationError
from django.db import IntegrityError, transaction
from rest_framework.exceptions import ValidationError as ParseError
from rest_framework.fields import SkipField
from rest_framework.renderers import JSONRenderer

from cases.driver import referral_start
from cases.forms import PERSON_FIELDS
from cases.models import DischargeCase
from cases.services import referral_validate

from .models import ApiCall, ApiClient, ApiReferral
from .selectors import referral_status
from .serializers import REFERRAL_API_FIELDS, PersonSerializer, ReferralSerializer

CONCURRENT = (
    "Another referral for this person was being saved at the same moment: "
    "send this one again (with an Idempotency-Key, a retry is always safe)."
)


@dataclass
class Answer:
    status: int
    body: dict
    case: DischargeCase | None = None
    replayed: bool = False


@dataclass
class Errors:
    """Field errors nested as the request is: person, referral, the whole."""

    tree: dict = field(default_factory=dict)

    def add(self, name: str, messages) -> None:
        if name in PERSON_FIELDS:
            where = self.tree.setdefault("person", {})
        elif name in REFERRAL_API_FIELDS:
            where = self.tree.setdefault("referral", {})
        else:
            where, name = self.tree, "non_field_errors"
        where.setdefault(name, []).extend(str(m) for m in messages)

    def add_all(self, error: ValidationError) -> None:
        if not hasattr(error, "error_dict"):
            self.add(NON_FIELD_ERRORS, error.messages)
            return
        for name, messages in error.message_dict.items():
            self.add(name, messages)


def request_digest(data) -> str:
    text = json.dumps(data, sort_keys=True, default=str, ensure_ascii=True)
    return hashlib.sha256(text.encode()).hexdigest()


def referral_submit(
    *, client: ApiClient, data, idempotency_key: str = "", flow_class
) -> Answer:
    """Receive a referral from a client: 201 with its status, or 400 with
    every field at fault. With an idempotency key, a retry of the same
    request gets the first answer, and the same key with another request 422."""
    digest = request_digest(data)
    if idempotency_key:
        earlier = _earlier(client, idempotency_key)
        if earlier is not None:
            return _replay(earlier, digest)
    errors = Errors()
    person, referral = _parse(data, errors)
    duplicate_reason = referral.pop("duplicate_reason", "") or ""
    try:
        person = referral_validate(person_fields=person, referral_fields=referral)
    except ValidationError as error:
        errors.add_all(error)
    _check_scope(client, person, referral, errors)
    if errors.tree:
        return Answer(400, errors.tree)
    try:
        with transaction.atomic():
            case = referral_start(
                flow_class=flow_class,
                actor=client.user,
                person_fields=person,
                referral_fields=referral,
                duplicate_reason=duplicate_reason,
            )
            body = referral_status(case)
            ApiReferral.objects.create(
                client=client,
                case=case,
                idempotency_key=idempotency_key,
                request_digest=digest,
                response=json.loads(JSONRenderer().render(body)),
            )
    except ValidationError as error:
        errors.add_all(error)
        return Answer(400, errors.tree)
    except IntegrityError:
        # Sent again while the first was being saved: the same key gets the
        # first answer; without one, the sender is told to try again.
        earlier = _earlier(client, idempotency_key) if idempotency_key else None
        if earlier is None:
            return Answer(409, {"detail": CONCURRENT})
        return _replay(earlier, digest)
    return Answer(201, body, case)


def _earlier(client: ApiClient, key: str) -> ApiReferral | None:
    return ApiReferral.objects.filter(client=client, idempotency_key=key).first()


def _replay(earlier: ApiReferral, digest: str) -> Answer:
    if earlier.request_digest != digest:
        return Answer(
            422,
            {
                "detail": "This Idempotency-Key was already used for a different "
                "referral. Use a new key for a new referral."
            },
        )
    return Answer(201, earlier.response, earlier.case, replayed=True)


def _parse(data, errors: Errors) -> tuple[dict, dict]:
    """Each part's fields that parse, and the errors of those that do not."""
    if not isinstance(data, dict):
        errors.add(NON_FIELD_ERRORS, ["Send a JSON object with person and referral."])
        return {}, {}
    parts = []
    for name, serializer in (
        ("person", PersonSerializer),
        ("referral", ReferralSerializer),
    ):
        given = data.get(name)
        if not isinstance(given, dict):
            errors.tree[name] = {"non_field_errors": ["Send an object."]}
            parts.append({})
            continue
        values, messages = _parse_part(serializer(), given)
        for field_name, detail in messages.items():
            errors.add(field_name, detail)
        parts.append(values)
    return parts[0], parts[1]


def _parse_part(serializer, given: dict) -> tuple[dict, dict]:
    values, messages = {}, {}
    for name, parser in serializer.fields.items():
        try:
            values[name] = parser.run_validation(parser.get_value(given))
        except SkipField:
            continue
        except ParseError as error:
            detail = error.detail
            messages[name] = detail if isinstance(detail, list) else [detail]
    return values, messages


def _check_scope(client: ApiClient, person: dict, referral: dict, errors) -> None:
    locality = person.get("locality")
    if locality is not None and not client.localities.filter(pk=locality.pk).exists():
        errors.add("locality", [f"This client may not refer for {locality.name}."])
    hospitals = client.hospital_list()
    hospital = referral.get("hospital", "")
    parsed = "hospital" not in errors.tree.get("referral", {})
    if hospitals and parsed and hospital not in hospitals:
        errors.add("hospital", [f"This client refers from: {', '.join(hospitals)}."])


def api_call_record(*, client, method: str, path: str, status: int, case=None) -> None:
    """The audit of one call; written outside the request's transaction, so a
    refused call is recorded too."""
    ApiCall.objects.create(
        client=client, method=method[:10], path=path[:300], status=status, case=case
    )
