"""How every hub form is drawn for people using assistive technology: a
GOV.UK-style error summary at the top, and each field's widget described by
its error and help text."""

from django import template
from django.forms import BoundField
from django.forms.forms import NON_FIELD_ERRORS

register = template.Library()


@register.inclusion_tag("hub/error_summary.html")
def error_summary(*forms) -> dict:
    """Every error of the forms, each linking to its field. A form is
    summarised once: the first `hub/fields.html` of a form shows it, and a
    page with several forms can name them all at its top."""
    items = []
    for form in forms:
        if form is None or getattr(form, "hub_summarised", False):
            continue
        form.hub_summarised = True
        items += _summary_items(form)
    return {"items": items}


@register.inclusion_tag("hub/error_summary.html")
def message_summary(messages, target: str = "") -> dict:
    """The summary for a page whose view reports errors as text, not a form:
    each message links to the one field it is about."""
    if not messages:
        return {"items": []}
    if isinstance(messages, str):
        messages = [messages]
    return {"items": [(target, str(message)) for message in messages]}


def _summary_items(form) -> list[tuple[str, str]]:
    items = [("", str(error)) for error in form.errors.get(NON_FIELD_ERRORS, [])]
    for name, errors in form.errors.items():
        if name == NON_FIELD_ERRORS or name not in form.fields:
            continue
        field = form[name]
        target = "" if field.is_hidden else field_target_id(field)
        items += [(target, f"{field.label}: {error}") for error in errors]
    return items


@register.filter
def field_target_id(field: BoundField) -> str:
    """The element to focus for a field: its input, or a group's first option."""
    return field.id_for_label or (f"{field.auto_id}_0" if field.auto_id else "")


@register.filter
def described_by(field: BoundField) -> str:
    """The ids of the field's error message and help text, as the page has them."""
    if not field.auto_id:
        return ""
    ids = []
    if field.errors:
        ids.append(f"{field.auto_id}_error")
    if field.help_text:
        ids.append(f"{field.auto_id}_helptext")
    return " ".join(ids)


@register.filter
def widget_described(field: BoundField) -> str:
    """The field's widget, telling screen readers about its error and help."""
    ids = described_by(field)
    if not ids or "aria-describedby" in field.field.widget.attrs:
        return field.as_widget()
    return field.as_widget(attrs={"aria-describedby": ids})
