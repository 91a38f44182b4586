"""The episode pages: the list (the manager's view and the coordinator's),
one episode, and the readmission and resume forms."""

from django.contrib import messages
from django.core.exceptions import PermissionDenied, ValidationError
from django.http import Http404
from django.shortcuts import redirect, render
from django.utils import timezone
from django.views.decorators.http import require_http_methods

from cases.taskviews import _add_errors
from cases.worklist import task_action

from . import forms, services
from .models import Episode
from .rules import VIEW, WORK
from .selectors import episode_scope, episodes_filtered

SHOWN = 200
CHOICES = [
    ("active", "Active and paused"),
    ("overdue", "Review or follow-up overdue"),
    ("paused", "Paused (in hospital)"),
    ("ended", "Ended"),
]


def _episode(request, pk: int, permission: str = VIEW) -> Episode:
    try:
        episode = episode_scope(request.user).get(pk=pk)
    except Episode.DoesNotExist:
        raise Http404("No such episode in your localities.") from None
    if not request.user.has_perm(permission, episode):
        raise PermissionDenied
    return episode


def index(request):
    if not request.user.has_perm(VIEW):
        raise PermissionDenied
    show = request.GET.get("show", "active")
    show = show if show in dict(CHOICES) else "active"
    today = timezone.localdate()
    episodes = episodes_filtered(request.user, show, today).order_by(
        "next_review_due", "-started_on", "pk"
    )
    return render(
        request,
        "reablement/index.html",
        {
            "episodes": episodes[:SHOWN],
            "count": episodes.count(),
            "shown": SHOWN,
            "show": show,
            "choices": CHOICES,
            "today": today,
        },
    )


def detail(request, pk: int):
    episode = _episode(request, pk)
    tasks = episode.task_set.filter(
        flow_task_type="HUMAN", finished__isnull=True
    ).order_by("created")
    return render(
        request,
        "reablement/episode.html",
        {
            "episode": episode,
            "case": episode.case,
            "goals": episode.goals.prefetch_related("scores__review"),
            "reviews": episode.reviews.select_related("reviewed_by"),
            "readmissions": episode.readmissions.all(),
            "tasks": [(t, task_action(t, request.user)) for t in tasks],
            "today": timezone.localdate(),
            "may_work": request.user.has_perm(WORK, episode),
        },
    )


@require_http_methods(["GET", "POST"])
def readmission(request, pk: int):
    episode = _episode(request, pk, WORK)
    if episode.state != Episode.State.ACTIVE:
        messages.error(request, "Only an active episode can be paused or ended.")
        return redirect(episode)
    form = forms.ReadmissionForm(request.POST or None, episode=episode)
    if request.method == "POST" and form.is_valid():
        data = form.cleaned_data
        try:
            services.readmission_record(
                episode=episode,
                actor=request.user,
                admitted_on=data["admitted_on"],
                reason=data["reason"],
                ends=data["ends"],
                sequel=data["sequel"],
                handover=form.handover(),
            )
        except ValidationError as error:
            _add_errors(form, error)
        else:
            messages.success(request, "Readmission recorded.")
            return redirect(episode)
    return render(
        request,
        "reablement/form.html",
        {
            "form": form,
            "episode": episode,
            "case": episode.case,
            "title": "Readmitted to hospital",
            "submit": "Record the readmission",
        },
    )


@require_http_methods(["GET", "POST"])
def resume(request, pk: int):
    episode = _episode(request, pk, WORK)
    form = forms.ResumeForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        try:
            services.episode_resume(
                episode=episode,
                actor=request.user,
                resumed_on=form.cleaned_data["resumed_on"],
            )
        except ValidationError as error:
            _add_errors(form, error)
        else:
            messages.success(request, "Reablement resumed.")
            return redirect(episode)
    return render(
        request,
        "reablement/form.html",
        {
            "form": form,
            "episode": episode,
            "case": episode.case,
            "title": "Home again: resume reablement",
            "submit": "Resume",
        },
    )
