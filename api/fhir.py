"""A referral as a FHIR R4 Bundle (UK Core Patient, ServiceRequest and
Encounter), parsed and validated by fhir.resources and mapped to the same
fields as the JSON API, so the same rules decide.

fhir.resources 8 models R5 at its top level and R4B in `fhir.resources.R4B`;
R4B is R4 with errata, and Bundle, Patient, ServiceRequest, Encounter and
Practitioner are unchanged between them, so R4 bundles validate as R4B.

Where each field comes from is in FIELD_PATHS (also the README's table).
"""

import datetime

from fhir.resources.R4B.bundle import Bundle
from pydantic import ValidationError as ModelError

NHS_NUMBER_SYSTEM = "https://fhir.nhs.uk/Id/nhs-number"

# our field -> where it is in the bundle (used in OperationOutcome.expression)
FIELD_PATHS = {
    "nhs_number": "Patient.identifier (system https://fhir.nhs.uk/Id/nhs-number)",
    "given_name": "Patient.name.given",
    "family_name": "Patient.name.family",
    "date_of_birth": "Patient.birthDate",
    "address_line_1": "Patient.address.line[0]",
    "address_line_2": "Patient.address.line[1]",
    "town": "Patient.address.city",
    "postcode": "Patient.address.postalCode",
    "locality": "Patient.address.postalCode",
    "phone": "Patient.telecom (phone)",
    "gp_practice": "Patient.generalPractitioner.display",
    "interpreter_language": "Patient.communication.language (preferred)",
    "next_of_kin_name": "Patient.contact.name.text",
    "next_of_kin_relationship": "Patient.contact.relationship.text",
    "next_of_kin_phone": "Patient.contact.telecom (phone)",
    "presenting_needs": "ServiceRequest.note.text",
    "discharge_ready_date": "ServiceRequest.occurrenceDateTime",
    "referrer_name": "ServiceRequest.requester.display (or Practitioner.name)",
    "referrer_contact": "Practitioner.telecom",
    "admission_date": "Encounter.period.start",
    "reason_for_admission": "Encounter.reasonCode.text",
    "hospital": "Encounter.serviceProvider.display",
    "ward": "Encounter.location.location.display",
}


class BundleError(ValueError):
    """The bundle is not valid FHIR, or lacks what a referral needs:
    `issues` are (expression, message)."""

    def __init__(self, issues: list[tuple[str, str]]):
        super().__init__("; ".join(message for _where, message in issues))
        self.issues = issues


def bundle_to_referral(data) -> dict:
    """{"person": {...}, "referral": {...}} from a referral Bundle, with the
    values as text, to be parsed and checked as the JSON API's are."""
    if not isinstance(data, dict) or data.get("resourceType") != "Bundle":
        raise BundleError([("Bundle", "Send a FHIR Bundle (resourceType Bundle).")])
    try:
        bundle = Bundle.model_validate(data)
    except ModelError as error:
        raise BundleError(
            [(_location(e["loc"]), e["msg"]) for e in error.errors()]
        ) from None
    resources = {}
    for entry in bundle.entry or []:
        if entry.resource is not None:
            resources.setdefault(entry.resource.get_resource_type(), entry.resource)
    missing = [
        (kind, f"The bundle needs a {kind}.")
        for kind in ("Patient", "ServiceRequest")
        if kind not in resources
    ]
    if missing:
        raise BundleError(missing)
    return {
        "person": _person(resources["Patient"]),
        "referral": _referral(
            resources["ServiceRequest"],
            resources.get("Encounter"),
            resources.get("Practitioner"),
        ),
    }


def _location(loc) -> str:
    return "Bundle." + ".".join(str(part) for part in loc)


def _person(patient) -> dict:
    person = {}
    for identifier in patient.identifier or []:
        if identifier.system == NHS_NUMBER_SYSTEM and identifier.value:
            person["nhs_number"] = identifier.value
    name = _first(patient.name, lambda n: n.use in (None, "official", "usual"))
    if name is not None:
        person["given_name"] = " ".join(name.given or [])
        person["family_name"] = name.family or ""
    if patient.birthDate:
        person["date_of_birth"] = patient.birthDate.isoformat()
    address = _first(patient.address, lambda a: a.use in (None, "home"))
    if address is not None:
        lines = address.line or []
        person["address_line_1"] = lines[0] if lines else ""
        person["address_line_2"] = ", ".join(lines[1:])
        person["town"] = address.city or ""
        person["postcode"] = address.postalCode or ""
    if phone := _phone(patient.telecom):
        person["phone"] = phone
    if patient.generalPractitioner:
        person["gp_practice"] = patient.generalPractitioner[0].display or ""
    language = _first(patient.communication, lambda c: c.preferred)
    if language is not None:
        coding = language.language.coding or []
        person["interpreter_language"] = language.language.text or (
            coding[0].display if coding else ""
        )
    kin = _first(patient.contact, lambda c: True)
    if kin is not None:
        person["next_of_kin_name"] = kin.name.text if kin.name else ""
        relationship = kin.relationship[0].text if kin.relationship else ""
        person["next_of_kin_relationship"] = relationship or ""
        person["next_of_kin_phone"] = _phone(kin.telecom)
    return {key: value or "" for key, value in person.items()}


def _referral(request, encounter, practitioner) -> dict:
    referral = {"source": "acute_ward"}
    notes = [note.text for note in request.note or [] if note.text]
    referral["presenting_needs"] = "\n".join(notes)
    if request.occurrenceDateTime is not None:
        referral["discharge_ready_date"] = _day(request.occurrenceDateTime)
    if request.requester is not None and request.requester.display:
        referral["referrer_name"] = request.requester.display
    if practitioner is not None:
        name = _first(practitioner.name, lambda n: True)
        if name is not None and "referrer_name" not in referral:
            referral["referrer_name"] = name.text or " ".join(
                [*(name.given or []), name.family or ""]
            )
        if contact := _phone(practitioner.telecom) or _email(practitioner.telecom):
            referral["referrer_contact"] = contact
    if encounter is not None:
        if encounter.period is not None and encounter.period.start is not None:
            referral["admission_date"] = _day(encounter.period.start)
        reasons = [code.text for code in encounter.reasonCode or [] if code.text]
        referral["reason_for_admission"] = "\n".join(reasons)
        if encounter.serviceProvider is not None:
            referral["hospital"] = encounter.serviceProvider.display or ""
        ward = _first(encounter.location, lambda loc: True)
        if ward is not None:
            referral["ward"] = ward.location.display or ""
    return referral


def _day(when) -> str:
    """A FHIR date or dateTime as the day it falls on (dateTime may be a date)."""
    if isinstance(when, datetime.datetime):
        return when.date().isoformat()
    return when.isoformat()


def _first(items, wanted):
    return next((item for item in items or [] if wanted(item)), None)


def _phone(telecom) -> str:
    point = _first(telecom, lambda t: t.system == "phone" and t.value)
    return point.value if point else ""


def _email(telecom) -> str:
    point = _first(telecom, lambda t: t.system == "email" and t.value)
    return point.value if point else ""


def operation_outcome(issues: list[tuple[str, str]]) -> dict:
    """A FHIR OperationOutcome listing each problem and where it is."""
    return {
        "resourceType": "OperationOutcome",
        "issue": [
            {
                "severity": "error",
                "code": "invalid",
                "diagnostics": message,
                "expression": [where],
            }
            for where, message in issues
        ],
    }


def field_errors_as_issues(tree: dict) -> list[tuple[str, str]]:
    """The JSON API's nested field errors, placed in the bundle."""
    issues = []
    for part in ("person", "referral"):
        for name, messages in tree.get(part, {}).items():
            where = FIELD_PATHS.get(name, f"{part}.{name}")
            issues += [(where, str(message)) for message in messages]
    issues += [("Bundle", str(m)) for m in tree.get("non_field_errors", [])]
    if "detail" in tree:
        issues.append(("Bundle", str(tree["detail"])))
    return issues
