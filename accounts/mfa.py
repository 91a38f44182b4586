"""The second factor: a time-based code (TOTP, django-otp) for the roles that
see the most, asked after the password and before any other page."""

import logging
import math

import segno
from django.utils import timezone
from django_otp import login as otp_login
from django_otp.plugins.otp_totp.models import TOTPDevice

from cases import roles

log = logging.getLogger(__name__)

MFA_ROLES = (roles.MANAGER, roles.SAFEGUARDING_LEAD, roles.ADMIN)


def mfa_required(user) -> bool:
    """Managers, safeguarding leads, admins and superusers need a second factor."""
    if not user.is_authenticated:
        return False
    return user.is_superuser or bool(roles.user_roles(user) & set(MFA_ROLES))


def totp_device_confirmed(user) -> TOTPDevice | None:
    return TOTPDevice.objects.filter(user=user, confirmed=True).first()


def totp_enrolment_start(*, user) -> TOTPDevice:
    """A new secret for the user's authenticator app, not yet confirmed. Any
    earlier unconfirmed secret is discarded, so each one is shown only once."""
    TOTPDevice.objects.filter(user=user, confirmed=False).delete()
    return TOTPDevice.objects.create(
        user=user, name="Authenticator app", confirmed=False
    )


def totp_enrolment_pending(user) -> TOTPDevice | None:
    return TOTPDevice.objects.filter(user=user, confirmed=False).last()


def totp_enrolment_confirm(*, request, device: TOTPDevice, token: str) -> bool:
    """The first code from the app confirms the device and passes the factor."""
    if not device.verify_token(token):
        log.warning("TOTP enrolment: wrong code for %s", device.user)
        return False
    device.confirmed = True
    device.save(update_fields=["confirmed"])
    otp_login(request, device)
    log.info("TOTP enrolment: %s enrolled an authenticator app", device.user)
    return True


def totp_verify(*, request, device: TOTPDevice, token: str) -> bool:
    """A code from the user's confirmed app passes the second factor."""
    if not device.verify_token(token):
        log.warning("TOTP: wrong code for %s", device.user)
        return False
    otp_login(request, device)
    return True


def totp_wait_seconds(device: TOTPDevice) -> int:
    """Seconds before another code may be tried (wrong codes double the wait)."""
    allowed, data = device.verify_is_allowed()
    if allowed:
        return 0
    until = (data or {}).get("locked_until")
    left = (until - timezone.now()).total_seconds() if until else 1
    return max(1, math.ceil(left))


def totp_secret_text(device: TOTPDevice) -> str:
    """The secret as the apps expect it typed: base32, in groups of four."""
    from base64 import b32encode

    secret = b32encode(device.bin_key).decode()
    return " ".join(secret[i : i + 4] for i in range(0, len(secret), 4))


def totp_qr_svg(device: TOTPDevice) -> str:
    """The otpauth:// address as an inline SVG QR code (made here: no network)."""
    return segno.make(device.config_url, error="m").svg_inline(
        scale=4, dark="#000", light="#fff"
    )
