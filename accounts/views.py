"""The second-factor pages: enrol an authenticator app, or enter its code."""

from urllib.parse import urlencode

from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils.http import url_has_allowed_host_and_scheme

from . import mfa
from .forms import CodeForm


def _next_url(request) -> str:
    wanted = request.POST.get("next") or request.GET.get("next") or ""
    if url_has_allowed_host_and_scheme(
        wanted, allowed_hosts={request.get_host()}, require_https=request.is_secure()
    ):
        return wanted
    return "/"


def mfa_enrol(request):
    """Shows a new secret (QR code and key, shown this once) and confirms it
    with the first code the app gives."""
    if not mfa.mfa_required(request.user):
        return redirect(_next_url(request))
    if mfa.totp_device_confirmed(request.user) is not None:
        return redirect(_with_next("accounts:mfa_verify", _next_url(request)))
    device = mfa.totp_enrolment_pending(request.user)
    form = CodeForm(request.POST or None)
    if request.method == "POST" and device is not None and form.is_valid():
        if mfa.totp_enrolment_confirm(
            request=request, device=device, token=form.cleaned_data["code"]
        ):
            return redirect(_next_url(request))
        _wrong_code(form, device)
    if device is None or request.method == "GET":
        device = mfa.totp_enrolment_start(user=request.user)
    context = {
        "form": form,
        "next": _next_url(request),
        "qr_svg": mfa.totp_qr_svg(device),
        "secret": mfa.totp_secret_text(device),
    }
    return render(request, "accounts/mfa_enrol.html", context, status=_status(form))


def mfa_verify(request):
    """Asks for the current code from the user's enrolled app."""
    if not mfa.mfa_required(request.user):
        return redirect(_next_url(request))
    device = mfa.totp_device_confirmed(request.user)
    if device is None:
        return redirect(_with_next("accounts:mfa_enrol", _next_url(request)))
    form = CodeForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        if mfa.totp_verify(
            request=request, device=device, token=form.cleaned_data["code"]
        ):
            return redirect(_next_url(request))
        _wrong_code(form, device)
    context = {"form": form, "next": _next_url(request)}
    return render(request, "accounts/mfa_verify.html", context, status=_status(form))


def _wrong_code(form, device) -> None:
    wait = mfa.totp_wait_seconds(device)
    message = "That code is not right, or has expired."
    if wait:
        message += f" Wait {wait} seconds, then enter the code the app shows now."
    form.add_error("code", message)


def _status(form) -> int:
    return 422 if form.errors else 200


def _with_next(name: str, next_url: str) -> str:
    return f"{reverse(name)}?{urlencode({'next': next_url})}"
