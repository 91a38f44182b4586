"""Documents rendered by WeasyPrint from Django templates."""

from django.conf import settings
from django.template.loader import render_to_string
from django.utils import timezone

from . import eligibility
from .timeline import case_timeline


def render_pdf(template: str, context: dict) -> bytes:
    return _document(template, context).write_pdf()


def _document(template: str, context: dict):
    import weasyprint  # imported here: it takes a second to load

    html = render_to_string(template, {**context, "printed_at": timezone.localtime()})
    return weasyprint.HTML(string=html, base_url=str(settings.BASE_DIR)).render()


def support_plan_pdf(*, plan, printed_by) -> bytes:
    case = plan.case
    return render_pdf(
        "cases/pdf/support_plan.html",
        {
            "plan": plan,
            "case": case,
            "person": case.person,
            "needs": plan.needs.all(),
            "determination": plan.determination,
            "carer": getattr(plan, "carer_assessment", None),
            "carer_health_wording": eligibility.CARER_HEALTH,
            "start": _start_held(case),
            "orders": case.equipment_orders.select_related("item").exclude(
                status="cancelled"
            ),
            "printed_by": printed_by,
        },
    )


def _start_held(case):
    """The reablement start, while offered or agreed: one declined, expired
    or cancelled is not the person's plan (its record stays on the case)."""
    start = getattr(case, "reablement_start", None)
    return start if start is not None and start.status in start.HOLDING else None


def case_timeline_pdf(*, case, printed_by) -> bytes:
    return render_pdf(
        "cases/pdf/timeline.html",
        {
            "case": case,
            "person": case.person,
            "events": case_timeline(case),
            "printed_by": printed_by,
        },
    )


def timeline_pack_pdf(*, cases, printed_by, on_case=None) -> bytes:
    """Many cases' timelines in one PDF, each from a new page under its own
    running header (its person and reference). `on_case(n)` hears each one
    done, for a background run's progress."""
    documents = []
    for done, case in enumerate(cases, 1):
        documents.append(
            _document(
                "cases/pdf/timeline.html",
                {
                    "case": case,
                    "person": case.person,
                    "events": case_timeline(case),
                    "printed_by": printed_by,
                },
            )
        )
        if on_case:
            on_case(done)
    pages = [page for document in documents for page in document.pages]
    return documents[0].copy(pages).write_pdf()
