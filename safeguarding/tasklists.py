"""The section 42 flow's inbox and queue as the leads' work lists: a row per
task with the adult, the concern, the locality and the step's own clock,
the step most overdue (earliest due) first."""

import datetime

from django.utils import timezone
from django.utils.html import format_html
from viewflow.workflow.flow import views as vf_views

from cases.tasklists import ScopedTasks, WorkListColumns

from .selectors import SIDE_RECORDS, STAGE_RECORDS, task_clock
from .timescales import clock_status

CONCERN = "process__concern__"


class ConcernWorkList(WorkListColumns, ScopedTasks):
    columns = ("task", "person", "reference", "locality", "due", "status", "waiting")

    def get_queryset(self):
        """Most urgent first: the earliest due step, then the longest waiting.
        Due dates count working days, so the list is sorted here (a lead's
        list is tens of tasks); a column the user sorts by comes first.
        The concern, its person, locality, policy and stage records come with
        the tasks: a fixed number of queries however long the list."""
        tasks = (
            super()
            .get_queryset()
            .select_related(f"{CONCERN}person__locality", f"{CONCERN}policy")
            .prefetch_related(
                *(f"{CONCERN}{key}" for key in STAGE_RECORDS + SIDE_RECORDS)
            )
        )
        if self.ordering_kwarg in self.request.GET:
            return tasks
        tasks = tasks.order_by("created", "pk")
        return sorted(tasks, key=lambda task: self._due(task) or datetime.date.max)

    def _clock(self, task):
        cache = self.__dict__.setdefault("_clocks", {})
        if task.pk not in cache:
            concern = task.process.concern
            cache[task.pk] = task_clock(concern, task, timezone.localdate())
        return cache[task.pk]

    def _due(self, task) -> datetime.date | None:
        clock = self._clock(task)
        return clock.due if clock else None

    def person(self, task):
        return task.process.concern.person.full_name

    person.short_description = "Person"
    person.orderby_column = f"{CONCERN}person__family_name"

    def reference(self, task):
        concern = task.process.concern
        return format_html(
            '<a href="{}">{}</a>', concern.get_absolute_url(), concern.reference
        )

    reference.short_description = "Concern"
    reference.orderby_column = "process_id"

    def locality(self, task):
        return task.process.concern.person.locality.name

    locality.short_description = "Locality"
    locality.orderby_column = f"{CONCERN}person__locality__name"

    def due(self, task):
        due = self._due(task)
        return due.strftime("%a %d/%m/%Y") if due else "—"

    due.short_description = "Due"

    def status(self, task):
        clock = self._clock(task)
        status = clock_status([clock], timezone.localdate()) if clock else None
        return str(status) if status else "—"

    status.short_description = "Timescale"


class ConcernInbox(ConcernWorkList, vf_views.FlowInboxListView):
    title = "My section 42 tasks"


class ConcernQueue(ConcernWorkList, vf_views.FlowQueueListView):
    title = "Leads' queue"
    take = True
