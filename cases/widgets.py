"""Widgets the hub's forms share."""

from django import forms


class Radios(forms.RadioSelect):
    """Radio buttons without the blank "---------" choice when an answer is required.

    A model field with choices and no default gives its form field a blank
    first choice; in a <select> it reads as "choose one", but as a radio button
    it is an answer the user can pick and the form then refuses. Optional
    fields keep it, as the way to say "none".
    """

    def optgroups(self, name, value, attrs=None):
        if self.is_required:
            # Drop it before numbering, so the first real answer is id_<name>_0,
            # the id the error summary links to.
            self.choices = [c for c in self.choices if c[0] not in ("", None)]
        return super().optgroups(name, value, attrs)
