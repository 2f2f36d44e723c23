"""Production settings (DEBUG=false) answer real requests with HTTPS-only cookies, HSTS, a strict
Content-Security-Policy and the other hardening headers; plain HTTP is sent to HTTPS."""

import json

import pytest

from tests.cjhp.test_settings import PRODUCTION, manage

# Runs in the production-configured process: a fresh database and the static files manifest, as in production,
# then the login page over HTTP and HTTPS, a real login, and the home page.
REQUESTS = """
import json
from django.core.management import call_command
from django.test import Client
from cjhp.models import User

call_command("migrate", verbosity=0)
call_command("collectstatic", interactive=False, verbosity=0, ignore_patterns=["admin", "import_export"])
User.objects.create_user("reader", password="a-long-production-password-17")
client = Client(HTTP_HOST="portal.example.org")

def seen(response):
    cookies = {
        name: {"secure": bool(morsel["secure"]), "httponly": bool(morsel["httponly"])}
        for name, morsel in response.cookies.items()
    }
    return {
        "status": response.status_code,
        "headers": dict(response.headers),
        "cookies": cookies,
        "logged_in": b"Log out" in response.content,
    }

print(json.dumps({
    "plain": seen(client.get("/accounts/login/")),
    "login_page": seen(client.get("/accounts/login/", secure=True)),
    "login": seen(client.post(
        "/accounts/login/", {"login": "reader", "password": "a-long-production-password-17"}, secure=True
    )),
    "home": seen(client.get("/", secure=True)),
}))
"""


@pytest.fixture(scope="module")
def production_responses(tmp_path_factory):
    folder = tmp_path_factory.mktemp("production")
    result = manage(
        "shell",
        "-c",
        REQUESTS,
        **{**PRODUCTION, "DATABASE_URL": f"sqlite:///{folder / 'db.sqlite3'}", "STATIC_ROOT": str(folder / "static")},
    )
    assert result.returncode == 0, result.stdout + result.stderr
    return json.loads(result.stdout.strip().splitlines()[-1])


def test_plain_http_is_redirected_to_https(production_responses):
    plain = production_responses["plain"]
    assert plain["status"] == 301
    assert plain["headers"]["Location"] == "https://portal.example.org/accounts/login/"


def test_every_https_response_carries_hsts_and_the_hardening_headers(production_responses):
    for name in ("login_page", "login", "home"):
        headers = production_responses[name]["headers"]
        assert headers["Strict-Transport-Security"] == "max-age=31536000; includeSubDomains; preload", name
        assert headers["X-Content-Type-Options"] == "nosniff", name
        assert headers["Referrer-Policy"] == "same-origin", name
        assert headers["X-Frame-Options"] == "DENY", name
        assert headers["Cross-Origin-Opener-Policy"] == "same-origin", name
    home = production_responses["home"]
    assert (home["status"], home["logged_in"]) == (200, True)


def test_the_content_security_policy_allows_only_the_portals_own_files(production_responses):
    policy = production_responses["home"]["headers"]["Content-Security-Policy"]
    directives = {part.split()[0]: part.split()[1:] for part in policy.split("; ")}
    assert directives == {
        "default-src": ["'self'"],
        "img-src": ["'self'", "data:"],
        "object-src": ["'none'"],
        "base-uri": ["'self'"],
        "frame-ancestors": ["'none'"],
        "form-action": ["'self'"],
    }


def test_the_session_and_csrf_cookies_are_https_only(production_responses):
    login_page, login = production_responses["login_page"], production_responses["login"]
    assert login["status"] == 302 and login["headers"]["Location"] == "/"
    assert login_page["cookies"]["csrftoken"]["secure"]
    assert login["cookies"]["sessionid"] == {"secure": True, "httponly": True}
