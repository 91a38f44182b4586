"""Validation and formatting of NHS numbers, UK postcodes and dates."""

import datetime
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


# Dates: calendar arithmetic that survives 29 February, and plausible ranges.
# Any date typed into any form lies within these years (cases.forms.PlausibleDates):
# year 1 or 9999 is a slip of the keyboard, and date arithmetic on it overflows.
EARLIEST_DATE = datetime.date(1900, 1, 1)
LATEST_DATE = datetime.date(2199, 12, 31)
ADULT_AGE = 18
OLDEST_AGE = 120  # older than any living person: a mistyped year
REFERRAL_WINDOW_YEARS = 1  # admission and DRD lie within a year of the referral


def age_on(born: datetime.date, day: datetime.date) -> int:
    """Completed years on `day`. Someone born on 29 February has their
    birthday on 1 March in other years, as in English law."""
    return day.year - born.year - ((day.month, day.day) < (born.month, born.day))


def years_from(day: datetime.date, years: int) -> datetime.date:
    """The same date `years` later (or earlier when negative); 29 February
    becomes 28 February in a year without one."""
    try:
        return day.replace(year=day.year + years)
    except ValueError:
        return day.replace(year=day.year + years, day=28)


def implausible_date_error(value) -> str | None:
    """Why a date (or a date-time's date) is outside the plausible years, if it is."""
    day = value.date() if isinstance(value, datetime.datetime) else value
    if isinstance(day, datetime.date) and not EARLIEST_DATE <= day <= LATEST_DATE:
        return (
            f"Enter a date between {EARLIEST_DATE:%d/%m/%Y} and "
            f"{LATEST_DATE:%d/%m/%Y}: please check the year."
        )
    return None


def date_of_birth_errors(born: datetime.date, *, today: datetime.date) -> list[str]:
    if born > today:
        return ["Date of birth is in the future."]
    age = age_on(born, today)
    if age < ADULT_AGE:
        return ["The hub serves adults: the person must be 18 or over."]
    if age > OLDEST_AGE:
        return [f"This would make the person {age}: please check the year."]
    return []


def referral_date_errors(
    *,
    received: datetime.date,
    admission: datetime.date | None,
    ready: datetime.date | None,
) -> dict[str, list[str]]:
    """Admission within the year before the referral, never after it; the
    discharge ready date not before admission and within a year either side."""
    earliest = years_from(received, -REFERRAL_WINDOW_YEARS)
    latest = years_from(received, REFERRAL_WINDOW_YEARS)
    errors = {}
    if admission and admission > received:
        errors["admission_date"] = ["The admission date is after the referral."]
    elif admission and admission < earliest:
        errors["admission_date"] = [
            f"The admission date is more than a year before the referral "
            f"(earliest {earliest:%d/%m/%Y}): please check the year."
        ]
    if ready and admission and ready < admission:
        errors["discharge_ready_date"] = [
            "The discharge ready date is before admission."
        ]
    elif ready and not earliest <= ready <= latest:
        errors["discharge_ready_date"] = [
            f"The discharge ready date must be between {earliest:%d/%m/%Y} and "
            f"{latest:%d/%m/%Y}: please check the year."
        ]
    return errors
