"""What safeguarding adds to the discharge gates (cases.gates): an open
concern does not stop a discharge, but whoever confirms it records that the
safeguarding lead was consulted. Only the stage is named, never the details."""

from cases.gates import discharge_caution
from cases.models import DischargeCase

from .selectors import concern_stage, person_concerns_open


@discharge_caution
def open_safeguarding_concern(case: DischargeCase) -> list[str]:
    return [
        f"An open safeguarding concern exists ({concern.reference}) — stage: "
        f"{concern_stage(concern)}."
        for concern in person_concerns_open(case)
    ]
