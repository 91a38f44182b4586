"""Record history in the domain's words, for the timelines and their PDFs.

A field change reads as its label and its values as a user sees them on
the forms: "Coordinator: none → Cora North", "Flagged for OT review: no →
yes", "Priority: Routine → Urgent", dates as 23/11/2026.
"""

import datetime

from django.contrib.auth import get_user_model
from django.core.exceptions import FieldDoesNotExist
from django.db import models
from django.utils import timezone
from django.utils.text import capfirst

NONE = "none"
LONGEST = 120  # characters of a value shown before it is cut short


def who(user) -> str:
    if user is None:
        return "the system"
    return user.get_full_name() or user.get_username()


def short(text: str) -> str:
    return text if len(text) <= LONGEST else text[: LONGEST - 1] + "…"


class Wording:
    """Reads the changes of one timeline. A record an id points to is named
    once per id, however often it appears."""

    def __init__(self):
        self._names: dict[tuple[type, object], str] = {}

    def label(self, model, name: str) -> str:
        try:
            return capfirst(str(model._meta.get_field(name).verbose_name))
        except FieldDoesNotExist:
            return capfirst(name.replace("_", " "))

    def change(self, model, name: str, old, new) -> tuple[str, str, str]:
        """(label, old value, new value), each as the user reads it."""
        try:
            field = model._meta.get_field(name)
        except FieldDoesNotExist:
            return self.label(model, name), self.plain(old), self.plain(new)
        return self.label(model, name), self.value(field, old), self.value(field, new)

    def value(self, field, raw) -> str:
        if raw is None or raw == "" or raw == []:
            return NONE
        if field.choices:
            labels = {str(value): label for value, label in field.flatchoices}
            return str(labels.get(str(raw), raw))
        coded = [v.choices for v in field.validators if hasattr(v, "choices")]
        if coded and isinstance(raw, list):  # a list of codes (JSON)
            labels = dict(coded[0].choices)
            return "; ".join(str(labels.get(code, code)) for code in raw)
        if isinstance(field, models.BooleanField):
            return "yes" if raw in (True, "True") else "no"
        if isinstance(field, models.ForeignKey):
            return self.name(field.related_model, raw)
        if field.many_to_many:  # simple-history: the through rows, as dicts
            key = field.m2m_reverse_field_name()
            names = [self.name(field.related_model, row[key]) for row in raw]
            return ", ".join(names)
        return self.plain(raw)

    def plain(self, raw) -> str:
        if raw is None or raw == "":
            return NONE
        if isinstance(raw, datetime.datetime):
            return timezone.localtime(raw).strftime("%d/%m/%Y %H:%M")
        if isinstance(raw, datetime.date):
            return raw.strftime("%d/%m/%Y")
        if isinstance(raw, bool):
            return "yes" if raw else "no"
        return short(str(raw))

    def name(self, model, pk) -> str:
        key = (model, pk)
        if key not in self._names:
            obj = model._default_manager.filter(pk=pk).first()
            if obj is None:
                self._names[key] = f"a removed record ({pk})"
            elif model is get_user_model():
                self._names[key] = who(obj)
            else:
                self._names[key] = str(obj)
        return self._names[key]
