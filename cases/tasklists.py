"""Viewflow's task lists as the hub's work lists: in scope, a row per task
that says who, which record, where and how urgent, most urgent first."""

from django.middleware.csrf import get_token
from django.utils import timezone
from django.utils.html import format_html
from viewflow.utils import viewprop
from viewflow.workflow.flow import views as vf_views

from . import taskfilters, worklist
from .listing import CappedPaginator, PageLinks, UncountedPaginator


class BoundedList:
    """List mixin for Viewflow's lists: counts stop at the cap (cases/listing)
    and filters come from the flow, not from a scan (cases/taskfilters)."""

    paginator_class = CappedPaginator

    def get_filterset_kwargs(self, filterset_class):
        kwargs = super().get_filterset_kwargs(filterset_class)
        if issubclass(filterset_class, taskfilters.FlowStepFilterSet):
            kwargs["flow_class"] = self.flow_class
        return kwargs


class ScopedTasks(BoundedList):
    """List mixin: Viewflow's task list, only for processes in scope. The
    scope is applied to the view's base queryset, so filters, counts and
    pages are all drawn from it; each row's process, as its summary shows
    it, comes in the same query."""

    filterset_class = taskfilters.TaskListFilter

    @viewprop
    def queryset(self):
        instance = self.flow_class.instance
        tasks = instance.task_scope(super().queryset, self.request.user)
        return tasks.select_related(*instance.task_list_related())


class WorkListColumns:
    """List mixin: the task's step with the button to do it (Open in the
    inbox, Take in the queue: taking goes straight on to the task)."""

    object_link_columns = ()  # each cell carries its own link
    take = False

    def task(self, task):
        if not self.take:
            return format_html(
                '{} <a class="mdc-button" href="{}">Open</a>',
                task.title,
                worklist.task_execute_url(task),
            )
        return format_html(
            '{} <form method="post" action="{}" style="display:inline-block">'
            '<input type="hidden" name="csrfmiddlewaretoken" value="{}">'
            '<button class="mdc-button" type="submit">Take</button></form>',
            task.title,
            worklist.task_take_url(task),
            get_token(self.request),
        )

    task.short_description = "Task"

    def waiting(self, task):
        return worklist.days_text(
            worklist.task_waiting_days(task, timezone.localdate())
        )

    waiting.short_description = "Waiting"
    waiting.orderby_column = "created"


class CaseWorkList(WorkListColumns, ScopedTasks):
    """The discharge flow's inbox and queue: most urgent first (priority,
    delay, then the longest waiting); one query for the whole page."""

    columns = (
        "task",
        "person",
        "reference",
        "locality",
        "priority",
        "drd",
        "delay",
        "waiting",
    )

    @viewprop
    def queryset(self):
        return worklist.tasks_by_urgency(super().queryset)

    def person(self, task):
        return task.process.dischargecase.referral.person.full_name

    person.short_description = "Person"
    person.orderby_column = f"{worklist.CASE}referral__person__family_name"

    def reference(self, task):
        case = task.process.dischargecase
        return format_html(
            '<a href="{}">{}</a>', case.get_absolute_url(), case.reference
        )

    reference.short_description = "Case"
    reference.orderby_column = "process_id"

    def locality(self, task):
        return task.process.dischargecase.locality.name

    locality.short_description = "Locality"
    locality.orderby_column = f"{worklist.CASE}locality__name"

    def priority(self, task):
        return task.process.dischargecase.get_priority_display()

    priority.short_description = "Priority"
    priority.orderby_column = "urgency"

    def drd(self, task):
        date = task.process.dischargecase.referral.discharge_ready_date
        return date.strftime("%d/%m/%Y") if date else "—"

    drd.short_description = "DRD"
    drd.orderby_column = worklist.DRD

    def delay(self, task):
        return worklist.delay_text(task.process.dischargecase.delay_days())

    delay.short_description = "Delay"


class ScopedInbox(CaseWorkList, vf_views.FlowInboxListView):
    title = "My tasks"


class ScopedQueue(CaseWorkList, vf_views.FlowQueueListView):
    title = "Task queue"
    take = True


class ScopedArchive(ScopedTasks, vf_views.FlowArchiveListView):
    """One's own finished tasks, newest first, paged without a count: a
    coordinator's years of finished tasks are not counted to show 25 of them
    (a page reads 26 rows; the pager links to the previous and next page)."""

    filterset_class = taskfilters.ArchiveFilter
    paginator_class = UncountedPaginator
    template_name = "cases/task_archive.html"

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        page = context["page_obj"]
        context["pages"] = PageLinks(self.request.GET, page, noun="task")
        return context


class ScopedTaskList(ScopedTasks, vf_views.DashboardTaskListView):
    filterset_class = taskfilters.AllTasksFilter

    @viewprop
    def queryset(self):
        return super().queryset.select_related("owner")
