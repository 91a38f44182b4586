"""Validation and formatting of NHS numbers and UK postcodes."""

import re

from django.core.exceptions import ValidationError

_POSTCODE = re.compile(r"^([A-Z]{1,2}[0-9][A-Z0-9]?) ?([0-9][A-Z]{2})$")


def nhs_number_normalise(value: str) -> str:
    """Digits only: '999 123 4567' and '999-123-4567' become '9991234567'."""
    return re.sub(r"[\s-]", "", value or "")


def nhs_check_digit(first_nine: str) -> int | None:
    """Modulus 11 over weights 10..2; None when the number cannot be valid."""
    total = sum(int(d) * w for d, w in zip(first_nine, range(10, 1, -1), strict=True))
    check = 11 - total % 11
    if check == 11:
        return 0
    if check == 10:
        return None
    return check


def validate_nhs_number(value: str) -> None:
    digits = nhs_number_normalise(value)
    if not re.fullmatch(r"\d{10}", digits):
        raise ValidationError("An NHS number has 10 digits, e.g. 999 123 4560.")
    if nhs_check_digit(digits[:9]) != int(digits[9]):
        raise ValidationError(
            "This NHS number's check digit is wrong: please check it was typed "
            "correctly."
        )


def nhs_number_format(value: str) -> str:
    digits = nhs_number_normalise(value)
    if len(digits) != 10:
        return value
    return f"{digits[:3]} {digits[3:6]} {digits[6:]}"


def postcode_normalise(value: str) -> str:
    """Upper case, one space before the inward code: 'wr11aa' -> 'WR1 1AA'."""
    compact = re.sub(r"\s+", "", (value or "").upper())
    match = _POSTCODE.match(compact)
    if not match:
        return (value or "").strip().upper()
    return f"{match.group(1)} {match.group(2)}"


def validate_postcode(value: str) -> None:
    if not _POSTCODE.match(re.sub(r"\s+", "", (value or "").upper())):
        raise ValidationError("Enter a full UK postcode, e.g. WR1 2AB.")


def postcode_district(value: str) -> str:
    """The outward code of a postcode: 'WR1 2AB' -> 'WR1'."""
    return postcode_normalise(value).split(" ")[0]
