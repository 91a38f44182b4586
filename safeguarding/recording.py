"""Pages that record what happens beside the section 42 stages, at any
stage: the clock stopped and restarted for a police investigation, an
independent advocate (Care Act s68), a position-of-trust referral, a
Safeguarding Adults Review, and the adult's identity and the national
categories the return counts them by. Leads (their localities) and
managers; each page checks that the concern is in the user's scope.
"""

from django.contrib import messages
from django.contrib.auth.decorators import permission_required
from django.core.exceptions import ValidationError
from django.shortcuts import get_object_or_404, redirect, render

from cases.taskviews import _add_errors

from . import forms, selectors, services
from .rules import RECORD


def _record(request, pk, *, form_class, title, intro, save, instance=None, done):
    concern = selectors.concern_get_for_user(user=request.user, pk=pk)
    form = form_class(request.POST or None, instance=instance)
    if request.method == "POST" and form.is_valid():
        try:
            save(concern, form)
        except ValidationError as error:
            _add_errors(form, error)
        else:
            messages.success(request, done)
            return redirect(concern.get_absolute_url())
    return render(
        request,
        "safeguarding/record.html",
        {"concern": concern, "form": form, "title": title, "intro": intro},
        status=422 if form.errors else 200,
    )


def _fields(form) -> dict:
    return {name: form.cleaned_data[name] for name in form._meta.fields}


@permission_required(RECORD, raise_exception=True)
def pause(request, pk: int):
    return _record(
        request,
        pk,
        form_class=forms.PauseForm,
        title="Stop the clock for a police investigation",
        intro="While the police investigate, the procedure's timescales stop: "
        "stopped working days count neither as time taken nor against any due "
        "date. Restart the clock when the police say the enquiry can go on.",
        save=lambda concern, form: services.clock_pause(
            concern=concern, actor=request.user, **_fields(form)
        ),
        done="Clock stopped.",
    )


@permission_required(RECORD, raise_exception=True)
def resume(request, pk: int):
    return _record(
        request,
        pk,
        form_class=forms.ResumeForm,
        title="Restart the clock",
        intro="The timescales run again from this day.",
        save=lambda concern, form: services.clock_resume(
            concern=concern, actor=request.user, **_fields(form)
        ),
        done="Clock restarted.",
    )


@permission_required(RECORD, raise_exception=True)
def advocacy(request, pk: int):
    return _record(
        request,
        pk,
        form_class=forms.AdvocacyForm,
        title="Refer for an independent advocate (Care Act s68)",
        intro="The council must arrange an independent advocate when the adult "
        "would have substantial difficulty being involved in the enquiry or "
        "review and there is no appropriate person to support them.",
        save=lambda concern, form: services.advocacy_refer(
            concern=concern, actor=request.user, **_fields(form)
        ),
        done="Advocacy referral recorded.",
    )


@permission_required(RECORD, raise_exception=True)
def trust(request, pk: int):
    return _record(
        request,
        pk,
        form_class=forms.TrustForm,
        title="Position-of-trust referral",
        intro="The person alleged to cause the risk works or volunteers with "
        "adults or children: record who they were referred to.",
        save=lambda concern, form: services.trust_refer(
            concern=concern, actor=request.user, **_fields(form)
        ),
        done="Position-of-trust referral recorded.",
    )


@permission_required(RECORD, raise_exception=True)
def adults_review(request, pk: int, review_pk: int | None = None):
    review = None
    if review_pk is not None:
        concern = selectors.concern_get_for_user(user=request.user, pk=pk)
        review = get_object_or_404(concern.adults_reviews, pk=review_pk)
    return _record(
        request,
        pk,
        form_class=forms.SarForm,
        instance=review,
        title="Safeguarding Adults Review (Care Act s44)",
        intro="A review the Safeguarding Adults Board arranged about this adult; "
        "the return (SG5) counts reviews commissioned and completed in the year.",
        save=lambda concern, form: services.adults_review_record(
            concern=concern, actor=request.user, review=review, **_fields(form)
        ),
        done="Safeguarding Adults Review recorded.",
    )


@permission_required(RECORD, raise_exception=True)
def identity(request, pk: int):
    concern = selectors.concern_get_for_user(user=request.user, pk=pk)
    return _record(
        request,
        pk,
        form_class=forms.IdentityForm,
        instance=concern.person,
        title="Confirm the adult's identity",
        intro="The concern came in with a name and address only. Their NHS "
        "number confirms who they are: a number the hub knows links the "
        "concern to that record.",
        save=lambda concern, form: services.identity_confirm(
            concern=concern, actor=request.user, **form.cleaned_data
        ),
        done="Identity confirmed.",
    )


@permission_required(RECORD, raise_exception=True)
def demographics(request, pk: int):
    concern = selectors.concern_get_for_user(user=request.user, pk=pk)
    return _record(
        request,
        pk,
        form_class=forms.DemographicsForm,
        instance=concern.person,
        title="The adult for the return",
        intro="Sex, ethnicity and primary support reason, in the national "
        "categories of the Safeguarding Adults Collection; \u201cnot recorded\u201d "
        "is allowed.",
        save=lambda concern, form: services.demographics_update(
            person=concern.person, actor=request.user, **form.cleaned_data
        ),
        done="Recorded.",
    )
