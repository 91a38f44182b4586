"""`field__any`: the rows of `field__in`, with the values as one array
parameter on PostgreSQL (a name search passes hundreds of people's ids)."""

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from test_worklists import new_case

from cases.models import DischargeCase, Person

pytestmark = pytest.mark.django_db


def test_any_finds_what_in_finds(coordinator, localities):
    cases = [new_case(coordinator, localities[0], family=f"Any{n}") for n in range(4)]
    people = [case.referral.person_id for case in cases]
    for asked in (people[:1], people[1:3], [*people, None], [people[0], 10**9]):
        assert set(Person.objects.filter(pk__any=asked)) == set(
            Person.objects.filter(pk__in=asked)
        )
    # through a relation, as the search asks for the people's cases
    found = DischargeCase.objects.filter(referral__person_id__any=people[2:])
    assert set(found) == set(cases[2:])
    assert not Person.objects.filter(pk__any=[])
    assert not Person.objects.filter(pk__any=[None])


@pytest.mark.skipif(connection.vendor != "postgresql", reason="PostgreSQL arrays")
def test_on_postgresql_the_values_are_one_parameter(coordinator, localities):
    many = list(range(1, 301))
    with CaptureQueriesContext(connection) as captured:
        list(DischargeCase.objects.filter(referral__person_id__any=many))
    sql = captured[0]["sql"]
    assert "person_id\" = ANY('{1,2,3," in sql, sql  # one array literal
