"""Raising a concern: from a discharge case, from its risk screen's
safeguarding indicator, or standalone for an adult not in a case."""

from django.contrib import messages
from django.contrib.auth.decorators import permission_required
from django.core.exceptions import ValidationError
from django.http import Http404
from django.shortcuts import redirect, render
from django.utils import timezone

from cases.selectors import case_get_for_user, person_get_by_nhs_number
from cases.taskviews import _add_errors

from . import selectors, services
from .codes import RaisedFrom, ReceivedVia
from .forms import NewPersonForm, PersonLookupForm, RaiseForm
from .rules import RAISE


def _case_and_origin(request):
    case_pk = request.GET.get("case", "")
    if not case_pk:
        return None, RaisedFrom.STANDALONE
    # isdigit() alone accepts "²" and other digits int() refuses.
    if not (case_pk.isascii() and case_pk.isdigit()):
        raise Http404("No such case in your localities.")
    case = case_get_for_user(user=request.user, pk=int(case_pk))
    screen = getattr(case, "risk_screen", None)
    if request.GET.get("from") == "risk_screen" and screen is not None:
        return case, RaisedFrom.RISK_SCREEN
    return case, RaisedFrom.CASE


def _initial(case, raised_from) -> dict:
    initial = {
        "received_via": ReceivedVia.HUB,
        "received_at": timezone.localtime().replace(second=0, microsecond=0),
    }
    if raised_from == RaisedFrom.RISK_SCREEN:
        initial["description"] = case.risk_screen.safeguarding_notes
    return initial


def _person(request, lookup, new_person):
    """The adult: found by NHS number, or added when the hub has no record;
    with no NHS number, added by name and address, identity unconfirmed."""
    if not lookup.is_valid():
        return None
    nhs_number = lookup.cleaned_data["nhs_number"]
    person = person_get_by_nhs_number(nhs_number) if nhs_number else None
    if person is not None:
        return person
    if not new_person.has_changed():
        lookup.add_error(
            "nhs_number",
            "No record with this NHS number: add the adult below."
            if nhs_number
            else "Give the NHS number, or the adult's name and address below.",
        )
        return None
    if not new_person.is_valid():
        return None
    try:
        return services.person_add(
            actor=request.user, nhs_number=nhs_number, **new_person.cleaned_data
        )
    except ValidationError as error:
        _add_errors(new_person, error)
        return None


@permission_required(RAISE, raise_exception=True)
def raise_concern(request):
    case, raised_from = _case_and_origin(request)
    data = request.POST or None
    form = RaiseForm(data, initial=_initial(case, raised_from))
    lookup = PersonLookupForm(data) if case is None else None
    new_person = NewPersonForm(data, prefix="person") if case is None else None
    if request.method == "POST" and form.is_valid():
        person = case.person if case else _person(request, lookup, new_person)
        if person is not None:
            try:
                concern = services.concern_raise(
                    actor=request.user,
                    person=person,
                    case=case,
                    raised_from=raised_from,
                    **form.cleaned_data,
                )
            except ValidationError as error:
                _add_errors(form, error)
            else:
                return _raised(request, concern, case)
    return render(
        request,
        "safeguarding/raise.html",
        {
            "form": form,
            "lookup": lookup,
            "new_person": new_person,
            "case": case,
            "from_risk_screen": raised_from == RaisedFrom.RISK_SCREEN,
        },
        status=422 if request.method == "POST" else 200,
    )


def _raised(request, concern, case):
    messages.success(
        request,
        f"Concern {concern.reference} raised: it is with the safeguarding leads.",
    )
    in_scope = selectors.Concern.objects.filter(
        selectors.concern_scope_q(request.user), pk=concern.pk
    )
    if in_scope.exists():
        return redirect(concern.get_absolute_url())
    if case is not None:
        return redirect(case.get_absolute_url() + "#safeguarding")
    return redirect("safeguarding:mine")
