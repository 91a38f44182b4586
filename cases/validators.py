"""Validation and formatting of NHS numbers, UK postcodes and dates."""

import datetime
import re

from django.core.exceptions import ValidationError

# Royal Mail's format: the outward code is A9, A99, AA9, AA99, A9A or AA9A and
# the inward code 9AA, with letters each position never uses left out
# (BS 7666, as the Government Data Standards Catalogue gives it for postcodes,
# and Royal Mail's own format notes): Q, V and X never come first; I, J
# and Z never second; the third position of A9A takes only A-H, J, K, P, S, T,
# U, W and the fourth of AA9A only A, B, E, H, M, N, P, R, V, W, X and Y; the
# inward letters never include C, I, K, M, O or V (they look like digits or
# other letters when handwritten).
_FIRST = "A-PR-UWYZ"
_SECOND = "A-HK-Y"
_THIRD = "A-HJKPSTUW"
_FOURTH = "ABEHMNPRVWXY"
_INWARD = "ABD-HJLNP-UW-Z"
_POSTCODE = re.compile(
    rf"^([{_FIRST}][0-9]{{1,2}}|[{_FIRST}][{_SECOND}][0-9]{{1,2}}"
    rf"|[{_FIRST}][0-9][{_THIRD}]|[{_FIRST}][{_SECOND}][0-9][{_FOURTH}])"
    rf" ?([0-9][{_INWARD}]{{2}})$",
    re.ASCII,
)
# Postcodes outside the pattern that are real all the same:
# - GIR 0AA, Girobank's (now National Savings and Investments');
# - the British overseas territories that adopted a UK-style postcode
#   (Ascension, St Helena, Tristan da Cunha, British Indian Ocean Territory,
#   British Antarctic Territory, Falklands, Pitcairn, South Georgia, Turks and
#   Caicos): they are accepted so a visitor's home address can be recorded,
#   and belong to no locality, so the locality is then chosen by hand.
#   Gibraltar's GX11 1AA fits the pattern already. BFPO numbers ("BFPO 1234")
#   are a forces mail route, not an address: forces addresses in the UK use
#   their real postcode, and the BF1 postcodes fit the pattern.
# - NHS "pseudo-postcodes" (NHS Data Model and Dictionary): ZZ99 3VZ no fixed
#   abode, ZZ99 3WZ address not known, ZZ99 3CZ England not otherwise
#   specified, and the other ZZ99 codes for a country only (ZZ99 3GZ Wales,
#   ZZ99 1WZ Scotland, ZZ99 2WZ Northern Ireland, ZZ99 nAA... a country abroad).
_SPECIAL_POSTCODE = re.compile(
    r"^(GIR) ?(0AA)$"
    r"|^(ASCN|STHL|TDCU|BBND|BIQQ|FIQQ|PCRN|SIQQ|TKCA) ?(1ZZ)$"
    r"|^(ZZ99) ?([0-9][A-Z]{2})$",
    re.ASCII,
)
NO_FIXED_ABODE = "ZZ99 3VZ"


def _postcode_parts(value: str) -> tuple[str, str] | None:
    compact = re.sub(r"\s+", "", (value or "").upper())
    for pattern in (_POSTCODE, _SPECIAL_POSTCODE):
        if match := pattern.match(compact):
            outward, inward = (g for g in match.groups() if g is not None)
            return outward, inward
    return None


# A number in the 999 range, never issued to a patient, with a valid check digit.
NHS_NUMBER_EXAMPLE = "999 123 4578"


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
    # [0-9] and not \\d: \\d also matches other scripts' digits (Arabic-Indic,
    # full-width), which the database's check constraint refuses.
    if not re.fullmatch(r"[0-9]{10}", digits):
        raise ValidationError(
            f"An NHS number has 10 digits (0 to 9), e.g. {NHS_NUMBER_EXAMPLE}."
        )
    if nhs_check_digit(digits[:9]) != int(digits[9]):
        raise ValidationError(
            "This NHS number's check digit is wrong: please check it was typed "
            "correctly."
        )


def nhs_number_warning(value: str) -> str | None:
    """Why a number that passes the check is still doubtful, if it is.

    A number of one digit repeated (000 000 0000 to 999 999 9999) passes the
    modulus 11 check, but is never issued: it is a placeholder typed when
    the real number was not to hand. It is a warning, not a refusal, so a
    record is not held up by a number the person's GP can confirm later."""
    digits = nhs_number_normalise(value)
    if re.fullmatch(r"([0-9])\1{9}", digits):
        return (
            f"NHS number {nhs_number_format(digits)} is never issued (one digit "
            "repeated): please check it with the person's GP record."
        )
    return None


def nhs_number_format(value: str) -> str:
    digits = nhs_number_normalise(value)
    if len(digits) != 10:
        return value
    return f"{digits[:3]} {digits[3:6]} {digits[6:]}"


def postcode_normalise(value: str) -> str:
    """Upper case, one space before the inward code: 'wr11aa' -> 'WR1 1AA'."""
    parts = _postcode_parts(value)
    if parts is None:
        return (value or "").strip().upper()
    return " ".join(parts)


def validate_postcode(value: str) -> None:
    if _postcode_parts(value) is None:
        raise ValidationError(
            "Enter a full UK postcode, e.g. WR1 2AB, or ZZ99 3VZ for no fixed "
            "abode: please check each letter and number."
        )


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
