"""The episode's task views: form -> one service -> complete the task."""

from cases.taskviews import FlowTaskView

from . import forms, services
from .models import Episode


class EpisodeTaskView(FlowTaskView):
    template_name = "reablement/task.html"
    success_message = "{title} recorded."

    @property
    def episode(self) -> Episode:
        return self.activation.process

    def get_form_kwargs(self) -> dict:
        return {**super().get_form_kwargs(), "episode": self.episode}

    def get_context_data(self, **kwargs) -> dict:
        context = super().get_context_data(**kwargs)
        context.update(episode=self.episode, case=self.episode.case)
        return context


class GoalsView(EpisodeTaskView):
    form_class = forms.GoalsForm

    def perform(self, form) -> None:
        services.goals_record(
            episode=self.episode, goals=form.goal_map(), actor=self.request.user
        )


class ReviewView(EpisodeTaskView):
    form_class = forms.ReviewForm

    def get_form(self, form_class=None):
        if self.episode.state == Episode.State.ENDED:
            # Ended on readmission while this review waited: nothing to ask.
            return forms.EpisodeForm(**self.get_form_kwargs())
        return super().get_form(form_class)

    def perform(self, form) -> None:
        if self.episode.state == Episode.State.ENDED:
            return
        services.review_record(
            episode=self.episode,
            actor=self.request.user,
            held_on=form.cleaned_data["held_on"],
            progress=form.cleaned_data["progress"],
            scores=form.goal_values("score_"),
            call_changes=form.call_changes(),
            hours_without_plan=form.cleaned_data.get("hours"),
            end_now=form.cleaned_data["end_now"],
        )


class EndView(EpisodeTaskView):
    form_class = forms.EndForm

    def perform(self, form) -> None:
        data = form.cleaned_data
        services.episode_end(
            episode=self.episode,
            actor=self.request.user,
            ended_on=data["ended_on"],
            sequel=data["sequel"],
            note=data["note"],
            end_scores=form.goal_values("end_"),
            handover=form.handover(),
        )


class FollowUpView(EpisodeTaskView):
    form_class = forms.FollowUpForm

    def perform(self, form) -> None:
        data = form.cleaned_data
        services.followup_record(
            episode=self.episode,
            actor=self.request.user,
            where=data["where"],
            on=data["followup_on"],
            note=data["note"],
        )
