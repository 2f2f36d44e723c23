"""`manage.py check` warns when production would send reminder emails linking to a local address."""

import pytest
from django.core import checks

from cjhp.checks import check_portal_url


@pytest.mark.parametrize("url", ["http://127.0.0.1:8000", "http://localhost", "", "http://[::1]:8000"])
def test_production_with_a_local_or_empty_portal_url_is_warned(settings, url):
    settings.DEBUG, settings.PORTAL_URL = False, url
    assert [warning.id for warning in check_portal_url()] == ["cjhp.W001"]


def test_production_with_the_public_address_is_not_warned(settings):
    settings.DEBUG, settings.PORTAL_URL = False, "https://cjhp.example.org"
    assert check_portal_url() == []


def test_development_with_the_local_address_is_not_warned(settings):
    settings.DEBUG, settings.PORTAL_URL = True, "http://127.0.0.1:8000"
    assert check_portal_url() == []


def test_the_check_runs_with_djangos_checks(db, settings):
    settings.DEBUG, settings.PORTAL_URL = False, "http://localhost:8000"
    assert "cjhp.W001" in [message.id for message in checks.run_checks()]
