"""The shared cast: admin, staff, fp_md (Republic of Moldova), fp_ge (Georgia) and outsider."""

import pytest
from django.core.cache import cache
from django.test import Client
from django.utils import translation

from tests.bombs import no_parsing  # noqa: F401 (a fixture for every test)
from tests.factories import CountryFactory, UserFactory, make_focal_point, make_staff
from tests.sessions import record_sign_in


@pytest.fixture(autouse=True)
def fast_password_hashing(settings):
    # The real hasher is slow on purpose; tests create many users.
    settings.PASSWORD_HASHERS = ["django.contrib.auth.hashers.MD5PasswordHasher"]


@pytest.fixture(autouse=True)
def fresh_cache():
    # allauth keeps its rate limits and the authenticator codes already used in the cache: each test starts afresh.
    cache.clear()
    yield
    cache.clear()


@pytest.fixture(autouse=True)
def english_outside_requests():
    # A request leaves its language active in the thread; what a test then creates must not depend on the test
    # before it (a checklist's `text` is written in the active language's column).
    translation.activate("en")
    yield
    translation.activate("en")


@pytest.fixture
def md(db):
    return CountryFactory(code="MD", name="Republic of Moldova", is_member=False)


@pytest.fixture
def ge(db):
    return CountryFactory(code="GE", name="Georgia", is_member=True, member_since=2020)


@pytest.fixture
def admin_user(db):
    return UserFactory(username="admin", is_staff=True, is_superuser=True)


@pytest.fixture
def staff(db):
    return make_staff()


@pytest.fixture
def fp_md(md):
    return make_focal_point("fp-md", md)


@pytest.fixture
def fp_ge(ge):
    return make_focal_point("fp-ge", ge)


@pytest.fixture
def outsider(db):
    """Logged in, but neither staff nor the focal point of any country."""
    return UserFactory(username="outsider")


def client_for(user, *, reauthenticated=False) -> Client:
    """Signed in as the sign-in form leaves a session; reauthenticated: the password confirmed a moment ago."""
    client = Client()
    if user is not None:
        client.force_login(user, backend="django.contrib.auth.backends.ModelBackend")
        record_sign_in(client, user, reauthenticated=reauthenticated)
    return client


@pytest.fixture
def login():
    return client_for
