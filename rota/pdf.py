"""The assistant's printable day sheet."""

import datetime

from cases.pdf import render_pdf

from .board import board_runs


def day_sheet_pdf(*, assistant, day: datetime.date, printed_by=None) -> bytes:
    runs, _, _ = board_runs(assistant.team, day)
    run = next((r for r in runs if r.assistant == assistant), None)
    return render_pdf(
        "rota/pdf/day_sheet.html",
        {
            "assistant": assistant,
            "day": day,
            "run": run,
            "printed_by": printed_by,
        },
    )
