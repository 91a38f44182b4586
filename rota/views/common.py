import datetime

from django.contrib.auth.decorators import login_required, permission_required
from django.utils import timezone

from ..rules import USE


def day_from(request, name: str = "day") -> datetime.date:
    """The day a page shows (?day=YYYY-MM-DD), today when absent or not a date."""
    try:
        day = datetime.date.fromisoformat(request.GET.get(name, ""))
    except ValueError:
        return timezone.localdate()
    return day if 1900 <= day.year <= 2199 else timezone.localdate()


def rota_page(view):
    """Signed in and allowed the rota at all; each view checks its team."""
    return login_required(permission_required(USE, raise_exception=True)(view))
