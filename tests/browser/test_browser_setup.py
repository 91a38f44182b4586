"""Without Chromium the browser tests fail loudly in CI and skip elsewhere."""

import pytest

from .conftest import chromium_required


def test_ci_without_chromium_fails_loudly():
    with pytest.raises(pytest.fail.Exception, match="CI must run the browser tests"):
        chromium_required(None, {"CI": "true"})


@pytest.mark.parametrize("environ", [{}, {"CI": ""}, {"CI": "false"}])
def test_elsewhere_without_chromium_the_tests_skip_and_say_why(environ):
    with pytest.raises(pytest.skip.Exception, match="chromium is not installed"):
        chromium_required(None, environ)


def test_with_chromium_its_path_is_used():
    assert chromium_required("/usr/bin/chromium", {"CI": "true"}) == "/usr/bin/chromium"
