"""Deployment settings come from the environment; production passes `check --deploy`; bad values stop cleanly."""

import os
import subprocess
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]
PRODUCTION = {
    "DEBUG": "false",
    "SECRET_KEY": "k9#Vq2!rT7zL0wXp4sN8bY1cF6hJ3mD5gA0eU2iO7uR9tK4lQ-production-like-key",
    "ALLOWED_HOSTS": "portal.example.org",
    "PORTAL_URL": "https://portal.example.org",
    "DATABASE_URL": "sqlite:////tmp/cjhp-deploy-check.sqlite3",
    "EMAIL_URL": "smtp+tls://portal:secret@mail.example.org:587",
}


def manage(*args, **env):
    environment = {
        key: value
        for key, value in os.environ.items()
        if key not in {"DEBUG", "DATABASE_URL", "DJANGO_ALLOW_ASYNC_UNSAFE"}
    }
    environment.update(env)
    return subprocess.run(
        [sys.executable, "manage.py", *args],
        cwd=ROOT,
        env=environment,
        capture_output=True,
        text=True,
        timeout=60,
    )


def test_production_settings_pass_the_deploy_check_without_warnings():
    result = manage("check", "--deploy", "--fail-level", "WARNING", **PRODUCTION)
    assert result.returncode == 0, result.stdout + result.stderr
    assert "System check identified no issues" in result.stdout


def test_production_without_a_secret_key_stops_with_one_line():
    environment = {key: value for key, value in PRODUCTION.items() if key != "SECRET_KEY"}
    result = manage("check", **environment)
    assert result.returncode == 1
    assert result.stderr.strip() == "Configuration error: SECRET_KEY must be set when DEBUG is false."


def test_a_wrong_database_url_stops_with_one_clear_line():
    result = manage("check", DEBUG="true", DATABASE_URL="mysqlish://db.example.org/cjhp")
    assert result.returncode == 1
    assert len(result.stderr.strip().splitlines()) == 1
    assert "DATABASE_URL must start with postgres:// or sqlite:///" in result.stderr


def test_an_unreachable_database_stops_with_one_clear_line():
    result = manage("migrate", DEBUG="true", DATABASE_URL="postgres://nobody@127.0.0.1:1/nothing")
    assert result.returncode == 1
    assert len(result.stderr.strip().splitlines()) == 1
    assert result.stderr.startswith("Cannot use the database named by DATABASE_URL:")


def test_development_prints_email_on_the_console(settings):
    from cjhp import settings as portal_settings

    assert portal_settings.MAILERS["default"]["BACKEND"].endswith("console.EmailBackend")


def test_production_sends_email_through_the_configured_server():
    code = "from django.conf import settings; print(settings.MAILERS['default'])"
    result = manage("shell", "-c", code, **PRODUCTION)
    assert "smtp.EmailBackend" in result.stdout
    assert "mail.example.org" in result.stdout and "587" in result.stdout


def test_load_demo_refuses_to_run_in_production():
    result = manage("load_demo", **PRODUCTION)
    assert result.returncode != 0
    assert "runs only with DEBUG=true" in result.stderr


def test_production_without_a_portal_url_is_warned():
    environment = {key: value for key, value in PRODUCTION.items() if key != "PORTAL_URL"}
    result = manage("check", "--deploy", **environment)
    assert "cjhp.W001" in result.stderr + result.stdout
