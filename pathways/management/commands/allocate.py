from django.core.management.base import BaseCommand

from pathways.allocator import allocation_run


class Command(BaseCommand):
    help = "Run the capacity allocator on today's waiting cases and print its figures."

    def add_arguments(self, parser):
        parser.add_argument("--time-limit", type=float, default=10.0)
        parser.add_argument("--workers", type=int, default=2)

    def handle(self, *args, time_limit: float, workers: int, **options):
        run = allocation_run(actor=None, time_limit_s=time_limit, workers=workers)
        gap = f"{run.gap_percent:.2f}%" if run.gap_percent is not None else "—"
        better = (
            f"{run.improvement_percent:+.1f}%"
            if run.improvement_percent is not None
            else "—"
        )
        self.stdout.write(
            f"run {run.pk}: {len(run.problem['cases'])} waiting cases, "
            f"{len(run.result['assignments'])} proposed, "
            f"{len(run.result['unassigned'])} unplaced\n"
            f"score {run.score}, bound {run.bound}, gap {gap}, {run.status}, "
            f"{run.seconds:.2f} s; greedy {run.greedy_score} ({better} better)"
        )
