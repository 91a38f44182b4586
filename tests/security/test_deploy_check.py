"""Production settings pass `manage.py check --deploy` with no warning."""

import os
import secrets
import subprocess
import sys

from django.conf import settings


def test_check_deploy_is_clean_with_production_settings():
    inherited = {k: v for k, v in os.environ.items() if not k.startswith("DJANGO_")}
    env = {
        **inherited,
        "DJANGO_SETTINGS_MODULE": "config.settings.base",
        "DJANGO_DEBUG": "false",
        "DJANGO_SECRET_KEY": secrets.token_urlsafe(50),
        "DJANGO_ALLOWED_HOSTS": "hub.example.gov.uk",
    }
    result = subprocess.run(
        [sys.executable, "manage.py", "check", "--deploy", "--fail-level", "WARNING"],
        cwd=settings.BASE_DIR,
        env=env,
        capture_output=True,
        text=True,
        check=False,
    )
    assert result.returncode == 0, result.stdout + result.stderr
    assert "System check identified no issues" in result.stdout
