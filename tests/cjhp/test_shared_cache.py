"""Instances of the portal given one REDIS_URL share their cache: what one process writes, another reads.

Each instance is a `manage.py shell` process of its own, as gunicorn on another machine would be, on the Redis
server that .ci/run starts on 127.0.0.1:6379, in a database of its own (9) emptied first.
"""

import uuid

import pytest
import redis

from tests.cjhp.test_settings import shell_json

REDIS_URL = "redis://127.0.0.1:6379/9"


@pytest.fixture(autouse=True)
def empty_redis_database():
    try:
        redis.Redis.from_url(REDIS_URL, socket_connect_timeout=2).flushdb()
    except redis.ConnectionError as error:
        pytest.fail(f"Redis does not answer on 127.0.0.1:6379 (.ci/run starts it): {error}")


def instance(code):
    return shell_json(code, DEBUG="true", REDIS_URL=REDIS_URL)


def test_a_value_cached_by_one_instance_is_read_by_another():
    key = f"shared-{uuid.uuid4().hex}"
    instance(f"from django.core.cache import cache\ncache.set({key!r}, 'from the first', 60)\nfound = True")

    assert instance(f"from django.core.cache import cache\nfound = cache.get({key!r})") == "from the first"


def test_a_rate_limit_is_counted_across_instances():
    # allauth lets one address ask for 5 password resets a minute (ACCOUNT_RATE_LIMITS' "5/m/key"): 3 asked of one
    # instance and 3 of another make 6, and the sixth is refused.
    ask_three_times = f"""
from allauth.core import ratelimit
from django.test import RequestFactory
request = RequestFactory().post("/accounts/password/reset/", REMOTE_ADDR="203.0.113.7")
key = "{uuid.uuid4().hex}@example.org"
found = [ratelimit.consume(request, action="reset_password", key=key) for _ in range(3)]
"""
    assert instance(ask_three_times) == [True, True, True]
    assert instance(ask_three_times) == [True, True, False]
