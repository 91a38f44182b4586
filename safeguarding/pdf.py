"""The concern's timeline as an A4 PDF (WeasyPrint), for managers' audit."""

import datetime

from cases.pdf import render_pdf

from .selectors import concern_clock
from .timeline import concern_timeline


def concern_timeline_pdf(*, concern, printed_by, today: datetime.date) -> bytes:
    """Every page carries the person, NHS number, concern reference, and who
    printed it and when."""
    return render_pdf(
        "safeguarding/pdf/timeline.html",
        {
            "concern": concern,
            "person": concern.person,
            "clocks": concern_clock(concern, today),
            "events": concern_timeline(concern, today),
            "printed_by": printed_by,
        },
    )
