"""The capacity page's filter: a locality that is not one of the choices is
ignored and reported on the page."""

import django_filters as filters

from .models import Provider


class ProviderFilter(filters.FilterSet):
    locality = filters.ChoiceFilter(
        label="Locality", field_name="localities__code", choices=[]
    )

    class Meta:
        model = Provider
        fields: list[str] = []

    def __init__(self, data=None, *args, localities, **kwargs):
        super().__init__(data, *args, **kwargs)
        self.filters["locality"].extra["choices"] = [
            (locality.code, locality.name) for locality in localities
        ]
