"""A run of background work, as the person who started it follows it."""

from django.conf import settings
from django.db import models
from simple_history.models import HistoricalRecords


class BackgroundRun(models.Model):
    """One piece of long work: queued by a page, done by the task worker.

    The result is written in one transaction with the status `done`; a run
    whose worker stops answering is marked failed (services.runs_fail_stale).
    """

    class Status(models.TextChoices):
        QUEUED = "queued", "Waiting for the worker"
        RUNNING = "running", "Running"
        DONE = "done", "Done"
        FAILED = "failed", "Failed"

    kind = models.SlugField(max_length=40)
    title = models.CharField(max_length=200)
    status = models.CharField(
        max_length=10, choices=Status.choices, default=Status.QUEUED
    )
    progress = models.PositiveSmallIntegerField(default=0, help_text="Percent.")
    step = models.CharField(
        max_length=200, blank=True, help_text="What the run is doing, in words."
    )
    started_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="background_runs",
    )
    created_at = models.DateTimeField(auto_now_add=True)
    started_at = models.DateTimeField(null=True, blank=True)
    heartbeat_at = models.DateTimeField(
        null=True, blank=True, help_text="When the worker last reported progress."
    )
    quiet_seconds = models.PositiveIntegerField(
        default=120,
        help_text="How long the current step may go without a report before "
        "the run counts as abandoned by its worker.",
    )
    finished_at = models.DateTimeField(null=True, blank=True)
    error = models.TextField(blank=True)
    task_id = models.CharField(max_length=64, blank=True)
    params = models.JSONField(default=dict, blank=True)
    result = models.JSONField(default=dict, blank=True)
    # Progress ticks change `progress`, `step` and `heartbeat_at` without a
    # history row each; params are written once (a what-if problem can be
    # 2 MB) and need no copy per status change.
    history = HistoricalRecords(excluded_fields=["params"])

    class Meta:
        ordering = ["-created_at", "-pk"]
        indexes = [
            models.Index(
                fields=["started_by", "-created_at"], name="bg_run_owner_recent"
            ),
            models.Index(fields=["status"], name="bg_run_status"),
        ]

    def __str__(self) -> str:
        return f"{self.title} ({self.get_status_display().lower()})"

    @property
    def finished(self) -> bool:
        return self.status in (self.Status.DONE, self.Status.FAILED)


class BackgroundFile(models.Model):
    """A run's output file (a CSV, a PDF pack), kept in the database so any
    web server can hand it out, whichever node's worker made it."""

    run = models.OneToOneField(
        BackgroundRun, on_delete=models.CASCADE, related_name="file"
    )
    name = models.CharField(max_length=200)
    content_type = models.CharField(max_length=100)
    size = models.PositiveBigIntegerField()
    content = models.BinaryField()

    def __str__(self) -> str:
        return self.name
