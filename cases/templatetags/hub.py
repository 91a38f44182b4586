import html

from django import template
from django.urls import reverse
from django.utils.html import conditional_escape, format_html
from django.utils.safestring import SafeString, mark_safe

register = template.Library()


@register.simple_tag
def delay_clock(case):
    """Days since the discharge ready date, coloured by how long it has been."""
    drd = case.referral.discharge_ready_date
    if drd is None and case.is_open and case.referral.meets_criteria_to_reside:
        return format_html('<span class="badge">{}</span>', "meets criteria to reside")
    if drd is None and case.is_open:
        return format_html('<span class="badge warn">{}</span>', "DRD needed")
    if drd is None:
        return format_html('<span class="badge">{}</span>', "no DRD")
    days = case.delay_days()
    if days is None:
        return format_html('<span class="badge">{}</span>', "closed")
    if days == 0:
        from django.utils import timezone

        if not case.actual_discharge and drd > timezone.localdate():
            return format_html(
                '<span class="badge info">ready {}</span>', drd.strftime("%d/%m")
            )
        return format_html('<span class="badge ok">{}</span>', "0 days delayed")
    level = "warn" if days <= 2 else "bad"
    return format_html(
        '<span class="badge {} delay">{} day{} delayed</span>',
        level,
        days,
        "" if days == 1 else "s",
    )


BADGE_CAP = 99  # a menu badge counts this many tasks, then says "99+"


@register.simple_tag(takes_context=True)
def task_counts(context, app_name: str) -> dict[str, int | str]:
    """The menu's badges: how many tasks of the flow mounted as `app_name`
    the user holds ("inbox") and may take ("queue"), counted in their scope
    (the flow viewset's own scoped lists, cases/scoping.py). Counting stops
    past `BADGE_CAP` ("99+"): the badge is on every page, and a manager's
    queue of 770 tasks took 2.7 ms to count where 100 take 0.5 ms; the
    queue's own page says how many."""
    request = context["request"]
    site = getattr(request.resolver_match, "site", None)
    for viewset in getattr(site, "_children", ()):
        if getattr(viewset, "app_name", None) == app_name:
            lists = viewset.get_context_data(request)
            return {
                "inbox": _badge(lists["user_inbox"]),
                "queue": _badge(lists["user_queue"]),
            }
    return {}


def _badge(tasks) -> int | str:
    count = tasks.order_by()[: BADGE_CAP + 1].count()
    return f"{BADGE_CAP}+" if count > BADGE_CAP else count


PRIORITY_BADGES = {"urgent": "bad", "high": "warn"}


@register.simple_tag
def priority_badge(case):
    """The case's priority in words, urgent and high ones marked."""
    level = PRIORITY_BADGES.get(case.priority)
    if level is None:
        return case.get_priority_display()
    return format_html(
        '<span class="badge {}">{}</span>', level, case.get_priority_display()
    )


@register.simple_tag(name="days_text")
def days_text_tag(days):
    """ "today", "1 day", "3 days": how long something has waited."""
    from cases.worklist import days_text

    return days_text(days)


@register.simple_tag
def case_stage(case):
    tasks = getattr(case, "open_tasks", None)
    if tasks is None:
        from cases.selectors import case_active_tasks

        tasks = list(case_active_tasks(case))
    if tasks:
        return " + ".join(task.flow_task.task_title for task in tasks)
    return case.get_outcome_display()


NO_PATHWAY = mark_safe('<span class="muted">—</span>')
# The address of a case's page, reversed once per rendering of a table with
# this id in it (then replaced by each row's): `reverse()` is ~20 µs a row.
CASE_URL_KEY = "hub.case_url"
CASE_URL_PK = 2147483647


@register.simple_tag(takes_context=True)
def case_cells(context, case) -> SafeString:
    """The cells of a case's row in the case table (case, person, NHS number,
    locality, priority, pathway, stage, DRD, delay clock), built in Python as
    Django's admin builds its change list's rows (`items_for_result`):
    through the template engine's lookups and filters a row took ~250 µs on
    a slow machine, and a page of 25 rows against one of 2 was most of the
    difference between a search at 1,000 cases and at 100,000. Text is
    escaped with the standard library's `html.escape` (what Django's `escape`
    calls) rather than `format_html`, whose lazy-string checks of ten
    arguments were half of a row's time."""
    url = context.render_context.get(CASE_URL_KEY)
    if url is None:
        url = reverse("hub:case_detail", args=[CASE_URL_PK])
        context.render_context[CASE_URL_KEY] = url
    person = case.referral.person
    drd = case.referral.discharge_ready_date
    pathway = NO_PATHWAY if case.pathway is None else text(case.pathway)
    cells = (
        f'<td><a href="{url.replace(str(CASE_URL_PK), str(case.pk))}">'
        f"{case.reference}</a></td>"
        f"<td>{text(person.full_name)}</td>"
        f"<td>{text(person.nhs_number_display)}</td>"
        f"<td>{text(case.locality)}</td>"
        f"<td>{conditional_escape(priority_badge(case))}</td>"
        f"<td>{pathway}</td>"
        f"<td>{text(case_stage(case))}</td>"
        f"<td>{drd.strftime('%d/%m/%Y') if drd else '—'}</td>"
        f"<td>{delay_clock(case)}</td>"
    )
    return mark_safe(cells)  # noqa: S308 - every text above is escaped


def text(value) -> str:
    """Text for HTML: `html.escape` of it as a string (as Django's `escape`)."""
    return html.escape(str(value))


_CSS_ESCAPES = {"\\": "\\5c ", '"': "\\22 ", "<": "\\3c ", ">": "\\3e "}


@register.filter
def css_string(value) -> SafeString:
    """Text for a double-quoted CSS string, e.g. a PDF header's `content:`.

    Backslash and double quote become CSS escapes (`\\5c `, `\\22 `), and so
    do < and > so that no text can close the <style> element; newlines and
    other control characters become spaces. HTML escaping would be wrong here
    (entities are not decoded inside <style>), and so is escapejs (CSS does
    not read \\u002D)."""
    text = "".join(
        _CSS_ESCAPES.get(char, " " if char < " " or char == "\x7f" else char)
        for char in str(value)
    )
    return mark_safe(text)  # noqa: S308 - every character that matters is escaped
