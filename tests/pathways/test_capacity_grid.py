"""The capacity grid reads at a glance: free, nearly full, full and
overbooked in colours a legend explains, every figure on the page (none
only in hover titles), and providers' skills in words."""

import re

import pytest
from django.utils import timezone

from pathways.selectors import capacity_level

pytestmark = pytest.mark.django_db


def _book(hub, coordinator, provider, *, minutes, carers):
    hub.as_user(coordinator)
    case = hub.to_reablement_start()
    hub.do(
        case,
        "reablement_start",
        {
            "provider": provider.pk,
            "length_days": 42,
            "start_date": timezone.localdate().isoformat(),
            "morning_minutes": minutes,
            "morning_carers": carers,
            "lunch_carers": 1,
            "tea_carers": 1,
            "bed_carers": 1,
        },
    )


def _cells(page: str, band: str) -> list[tuple[str, str]]:
    """The first provider's row for a band: [(level, text), ...]."""
    row = re.search(rf"<th>{band}</th>(.*?)</tr>", page, re.S).group(1)
    return [
        (level, " ".join(re.sub(r"<[^>]+>", " ", text).split()))
        for level, text in re.findall(r'<td class="cap-(\w+)">(.*?)</td>', row, re.S)
    ]


def test_the_grid_shows_free_of_published_and_how_full(hub, coordinator, provider):
    _book(hub, coordinator, provider, minutes=45, carers=2)  # 90 of 120
    page = hub.client.get("/hub/capacity/").content.decode()
    morning = _cells(page, "Morning")
    assert morning[0] == ("nearly_full", "30 / 120")
    assert _cells(page, "Lunch")[0] == ("free", "120 / 120")
    legend = " ".join(re.sub(r"<[^>]+>", " ", page.split("capacity-legend")[1]).split())
    for words in ("Free", "Nearly full", "Full", "Overbooked", "free carer-minutes"):
        assert words in legend, words
    table = re.search(r'<table class="capacity">.*?</table>', page, re.S).group(0)
    assert "title=" not in table  # nothing only on hover


def test_providers_skills_are_in_words(hub, coordinator, provider):
    page = hub.as_user(coordinator).client.get("/hub/capacity/").content.decode()
    assert "Double-handed care, Dementia" in page
    assert "double_handed" not in page


@pytest.mark.parametrize(
    "published, booked, level",
    [
        (120, 0, "free"),
        (120, 89, "free"),
        (120, 90, "nearly_full"),
        (120, 120, "full"),
        (120, 150, "over"),
        (0, 30, "over"),
        (0, 0, "none"),
    ],
)
def test_capacity_levels(published, booked, level):
    assert capacity_level(published, booked) == level
