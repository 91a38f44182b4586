"""`field__any=[...]`: a field among many values, as one array parameter.

`field__in=[...]` writes one placeholder per value. A list of a few hundred
ids (the people a name search found) then costs the client as much as the
query: psycopg splits and quotes the query text around every placeholder, and
PostgreSQL parses them all. On PostgreSQL `any` sends the values as a single
array (`field = ANY(%s)`); elsewhere it is `in`. Give it ids, not model
instances (`in` on a relation takes either; this takes the values as they are).
"""

from django.db.models import Field, ForeignObject
from django.db.models.lookups import In


@ForeignObject.register_lookup  # a relation's own lookups (ids)
@Field.register_lookup
class AnyOf(In):
    lookup_name = "any"

    def as_postgresql(self, compiler, connection):
        if not self.rhs_is_direct_value():
            return self.as_sql(compiler, connection)
        lhs, lhs_params = self.process_lhs(compiler, connection)
        # `In` drops None and refuses an empty list (EmptyResultSet) here
        _placeholders, values = self.process_rhs(compiler, connection)
        return f"{lhs} = ANY(%s)", (*lhs_params, list(values))
