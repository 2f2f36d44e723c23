"""Every URL of the portal, for every role, with GET and, where the view writes, POST; every response carries
the security headers (Content-Security-Policy without 'unsafe-inline', nosniff, Referrer-Policy, X-Frame-Options).

The URL patterns are discovered from the URLconf, so a URL added without an entry in its app's
tests/<app>/matrix.py makes `test_every_url_pattern_has_an_entry` fail.
"""

import re
from html import unescape
from importlib import import_module
from pathlib import Path
from types import SimpleNamespace

import pytest
from django.conf import settings
from django.db import transaction
from django.test import Client
from django.urls import URLPattern, URLResolver, get_resolver, reverse

from cjhp.api.tokens import token_create
from tests.conftest import client_for
from tests.factories import CountryFactory, UserFactory, make_focal_point, make_staff
from tests.matrix import ADMIN, ANON, FP_OTHER, FP_SAME, LOGIN, ROLES, SETUP_2FA, STAFF, STAFF_NO_2FA, expected
from tests.sessions import record_sign_in

# Each app lists its URLs in tests/<app>/matrix.py, or in several tests/<app>/matrix_<part>.py files.
MATRIX_MODULES = sorted(f"tests.{path.parent.name}.{path.stem}" for path in Path(__file__).parent.glob("*/matrix*.py"))
# Namespaces tested elsewhere: Django's admin has its own permission system (tests/cjhp/test_admin.py).
SKIPPED_NAMESPACES = {"admin"}


def _load_routes() -> dict:
    routes = {}
    for name in MATRIX_MODULES:
        module = import_module(name)
        assert not set(module.ROUTES) & set(routes), f"{name} repeats URLs listed elsewhere"
        routes.update(module.ROUTES)
    return routes


ROUTES = _load_routes()


def _url_names(patterns, namespace=""):
    for pattern in patterns:
        if isinstance(pattern, URLResolver):
            if pattern.namespace in SKIPPED_NAMESPACES:
                continue
            inner = f"{namespace}{pattern.namespace}:" if pattern.namespace else namespace
            yield from _url_names(pattern.url_patterns, inner)
        elif isinstance(pattern, URLPattern):
            assert pattern.name, f"URL pattern {pattern.pattern} has no name"
            yield f"{namespace}{pattern.name}"


def test_every_url_pattern_has_an_entry():
    discovered = set(_url_names(get_resolver().url_patterns))
    assert discovered - set(ROUTES) == set(), "URLs missing from the permission matrix"
    assert set(ROUTES) - discovered == set(), "matrix entries for URLs that do not exist"


def build_world():
    """Moldova owns every object under test; Georgia's focal point is the stranger."""
    md = CountryFactory(code="MD", name="Republic of Moldova", is_member=False)
    ge = CountryFactory(code="GE", name="Georgia")
    world = SimpleNamespace(md=md, ge=ge)
    world.users = {
        ANON: None,
        FP_SAME: make_focal_point("fp-md", md),
        FP_OTHER: make_focal_point("fp-ge", ge),
        STAFF: make_staff(),
        ADMIN: UserFactory(username="admin", is_staff=True, is_superuser=True),
        STAFF_NO_2FA: make_staff("staff-no-2fa", second_factor=False),
    }
    for name in MATRIX_MODULES:
        module = import_module(name)
        if hasattr(module, "build"):
            # Adds the objects its URLs need, owned by Moldova, to the world.
            module.build(world)
    return world


def _assert_hardened_headers(response, url):
    """Every response, whatever its status, carries the portal's security headers."""
    policy = response.get("Content-Security-Policy", "")
    directives = dict((part.strip().split(" ", 1) + [""])[:2] for part in policy.split(";") if part.strip())
    assert directives.get("default-src") == "'self'", f"{url}: Content-Security-Policy {policy!r}"
    assert directives.get("object-src") == "'none'" and directives.get("frame-ancestors") == "'none'", url
    assert "'unsafe-inline'" not in policy and "'unsafe-eval'" not in policy, f"{url}: {policy}"
    assert response.get("X-Content-Type-Options") == "nosniff", url
    assert response.get("Referrer-Policy") == "same-origin", url
    assert response.get("X-Frame-Options") == "DENY", url
    assert response.get("Cross-Origin-Opener-Policy") == "same-origin", url


def _client(user):
    """Confirmed their password a moment ago, as allauth records it in the session: the two-factor pages that ask
    for the password again before a change (allauth's reauthentication) open without asking."""
    client = client_for(user)
    if user is not None:
        record_sign_in(client, user, reauthenticated=True)
    return client


def _check(response, expected, url):
    _assert_hardened_headers(response, url)
    if expected == LOGIN:
        assert response.status_code == 302, f"{url}: {response.status_code}"
        assert response["Location"].startswith(reverse("account_login")), response["Location"]
    elif expected == SETUP_2FA:
        assert response.status_code == 302, f"{url}: {response.status_code}"
        assert response["Location"] == reverse("mfa_activate_totp"), f"{url}: {response['Location']}"
    else:
        assert response.status_code == expected, f"{url}: expected {expected}, got {response.status_code}"


@pytest.fixture(scope="module")
def world(django_db_setup, django_db_blocker):
    """Built once for the module, in a transaction rolled back at its end; each case runs in a savepoint of it
    (the `db` fixture), rolled back after the case, so every case starts from the same world."""
    with django_db_blocker.unblock(), transaction.atomic():
        yield build_world()
        transaction.set_rollback(True)


@pytest.mark.parametrize("role", ROLES)
@pytest.mark.parametrize("name", sorted(ROUTES))
def test_get(world, db, name, role):
    route = ROUTES[name]
    url = reverse(name, kwargs=route.kwargs(world))
    response = _client(world.users[role]).get(url)
    _check(response, expected(route.get, role), url)


@pytest.mark.parametrize("role", ROLES)
@pytest.mark.parametrize("name", sorted(name for name, route in ROUTES.items() if route.post))
def test_post(world, db, name, role):
    route = ROUTES[name]
    url = reverse(name, kwargs=route.kwargs(world))
    response = _client(world.users[role]).post(url, route.data(world))
    _check(response, expected(route.post, role), url)


API_ROUTES = sorted(name for name in ROUTES if name.startswith("api:"))


def _with_token(expectations: dict, role: str):
    """A token acts as its owner: what the session gets, except that staff without a second factor get 401 (a
    token cannot be sent to set one up)."""
    return 401 if role == STAFF_NO_2FA else expectations[role]


@pytest.mark.parametrize("role", ROLES)
@pytest.mark.parametrize("name", API_ROUTES)
def test_get_with_a_token(world, db, name, role):
    """Every API URL asked with the role's personal access token instead of a session (no token when signed out)."""
    route = ROUTES[name]
    url = reverse(name, kwargs=route.kwargs(world))
    user = world.users[role]
    headers = {"Authorization": f"Bearer {token_create(user=user, name='matrix').secret}"} if user else {}
    response = Client(headers=headers).get(url)
    _check(response, _with_token(route.get, role), url)


@pytest.mark.parametrize("role", [FP_SAME, STAFF])
def test_no_page_links_to_a_page_its_reader_cannot_open(world, db, role):
    """Every link on every page a person can open leads to a page they can open too (a focal point's project page
    links to no event they may not see)."""
    from tests.checkers import pages_for, signed_in_client

    client = signed_in_client(world.users[role])
    links = {}
    for url in pages_for(world, role):
        response = client.get(url)
        if response["Content-Type"].startswith("text/html"):
            for href in re.findall(r'<a [^>]*href="(/[^"#]*)', response.content.decode()):
                links.setdefault(unescape(href), url)
    assert len(links) >= {FP_SAME: 30, STAFF: 120}[role], f"only {len(links)} links were found"
    broken = []
    for href, found_on in sorted(links.items()):
        if href.startswith((settings.STATIC_URL, "/" + settings.STATIC_URL)):
            continue
        status = client.get(href).status_code
        if status not in (200, 302):
            broken.append(f"{href} (linked from {found_on}): {status}")
    assert broken == [], "\n".join(broken)
