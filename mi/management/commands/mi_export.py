"""Write every management-information table as CSV (for a scheduler, and
for loading into the council's BI tools)."""

import datetime
from pathlib import Path

from django.core.management.base import BaseCommand, CommandError
from django.utils import timezone

from cases.models import Locality
from mi.export import table_csv
from mi.registry import Scope, tables


def _date(value: str) -> datetime.date:
    try:
        return datetime.date.fromisoformat(value)
    except ValueError as exc:
        raise CommandError(f"{value!r} is not a date (YYYY-MM-DD).") from exc


class Command(BaseCommand):
    help = "Write every management-information table as CSV into a directory."

    def add_arguments(self, parser):
        parser.add_argument("--from", dest="start", required=True, help="YYYY-MM-DD")
        parser.add_argument("--to", dest="end", required=True, help="YYYY-MM-DD")
        parser.add_argument("--locality", help="a locality's name (default: all)")
        parser.add_argument("--out", required=True, help="the directory to write")

    def handle(self, *args, start, end, locality, out, **options):
        start, end = _date(start), _date(end)
        if end < start:
            raise CommandError("--to is before --from.")
        localities = Locality.objects.all()
        if locality:
            localities = localities.filter(name__iexact=locality)
            if not localities:
                names = ", ".join(Locality.objects.values_list("name", flat=True))
                raise CommandError(f"No locality {locality!r}. Known: {names}.")
        scope = Scope(start, end, tuple(localities), timezone.localdate())
        directory = Path(out)
        directory.mkdir(parents=True, exist_ok=True)
        written = 0
        for _section, section_tables in tables(scope):
            for table in section_tables:
                path = directory / f"{table.slug}.csv"
                path.write_text(table_csv(table), encoding="utf-8")
                written += 1
        self.stdout.write(f"Wrote {written} tables to {directory}.")
