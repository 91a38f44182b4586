"""The API's reference page works in a real browser under the strict CSP:
no script error, axe-clean, and its "Try it" form calls the API."""

import pytest

from api.tokens import api_client_create, api_token_issue

pytestmark = pytest.mark.django_db(transaction=True)


def test_the_api_reference_page_renders_and_tries_a_call(watched, localities):
    client = api_client_create(name="Browser PAS", actor=None)
    client.localities.set(localities)
    token = api_token_issue(client=client, actor=None)

    response = watched.goto("/api/v1/docs/", "API reference")
    assert response.status == 200
    page = watched.page
    assert page.locator("h1").inner_text().startswith("Locality Hub referral API")
    page.fill("#token", token)
    form = page.locator("form.try[data-method=GET]")
    form.locator("input[name=pk]").fill("424242")
    form.locator("button[type=submit]").click()
    answer = form.locator("output")
    answer.filter(has_text="404").wait_for(timeout=5000)
    assert "No such referral." in answer.inner_text()
    watched.assert_accessible()
    assert watched.errors == []
