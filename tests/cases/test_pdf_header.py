"""Names in the PDF page header and footer print as written: they sit in a
CSS string (`content:`), escaped for CSS, not for JavaScript or HTML."""

import io

import pytest
from pypdf import PdfReader

from cases.templatetags.hub import css_string

pytestmark = pytest.mark.django_db
FAMILY = 'O\'Brien "Test"'


def pdf_text(content: bytes) -> str:
    return "\n".join(
        page.extract_text() for page in PdfReader(io.BytesIO(content)).pages
    )


def test_header_and_footer_print_names_as_written(hub, coordinator):
    coordinator.first_name, coordinator.last_name = "Cora-Lee", 'D\'Arcy "CJ"'
    coordinator.save()
    hub.as_user(coordinator)
    case = hub.start(given_name="Mary-Jane", family_name=FAMILY)
    response = hub.client.get(f"/hub/cases/{case.pk}/timeline.pdf")
    assert response.status_code == 200
    text = pdf_text(response.content)
    assert f"Mary-Jane {FAMILY} · NHS 999 000 0018 · {case.reference}" in text
    assert 'Printed by Cora-Lee D\'Arcy "CJ",' in text
    assert "u002D" not in text and "u0027" not in text and "u0022" not in text


def test_a_name_cannot_break_out_of_the_header():
    assert css_string('a\\b"c</style><h1>x\r\ny') == (
        "a\\5c b\\22 c\\3c /style\\3e \\3c h1\\3e x  y"
    )


def test_a_backslash_or_a_style_tag_in_a_name_prints_as_written(hub, coordinator):
    hub.as_user(coordinator)
    case = hub.start(given_name="Back\\slash", family_name="</style><h1>Injected")
    text = pdf_text(hub.client.get(f"/hub/cases/{case.pk}/timeline.pdf").content)
    header = f"Back\\slash </style><h1>Injected · NHS 999 000 0018 · {case.reference}"
    assert header in text
