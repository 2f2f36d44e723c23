"""With SQLite (the default database), requests that write at the same time wait for each other instead of
failing with "database is locked"."""

import threading

import pytest
from django.conf import settings
from django.db import connections, transaction
from django.db.backends.sqlite3.base import DatabaseWrapper

pytestmark = pytest.mark.skipif(
    settings.DATABASES["default"]["ENGINE"] != "django.db.backends.sqlite3", reason="the default database is not SQLite"
)
WRITERS, WRITES = 2, 25


def _write_after_reading(path, barrier, errors):
    """As a request does: read, then write, in one transaction; the portal's database options."""
    connections["race"] = DatabaseWrapper({**connections["default"].settings_dict, "NAME": str(path)}, alias="race")
    try:
        barrier.wait()
        for _ in range(WRITES):
            with transaction.atomic(using="race"), connections["race"].cursor() as cursor:
                cursor.execute("SELECT COUNT(*) FROM visit")
                count = cursor.fetchone()[0]
                cursor.execute("INSERT INTO visit (seen) VALUES (%s)", [count])
    except Exception as error:  # noqa: BLE001 - the failure is what the test reports
        errors.append(error)
    finally:
        connections["race"].close()


def test_two_writers_at_once_both_succeed(tmp_path, django_db_blocker):
    # A database of its own, in a file as `make run` uses: not the test database.
    with django_db_blocker.unblock():
        _race(tmp_path / "db.sqlite3")


def _race(path):
    setup = DatabaseWrapper({**connections["default"].settings_dict, "NAME": str(path)}, alias="setup")
    with setup.cursor() as cursor:
        cursor.execute("CREATE TABLE visit (id INTEGER PRIMARY KEY, seen INTEGER)")
    barrier, errors = threading.Barrier(WRITERS), []
    threads = [threading.Thread(target=_write_after_reading, args=(path, barrier, errors)) for _ in range(WRITERS)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    assert errors == []
    with setup.cursor() as cursor:
        cursor.execute("SELECT COUNT(*), COUNT(DISTINCT seen) FROM visit")
        # Each transaction saw every write before it: none read a count another was changing.
        assert cursor.fetchone() == (WRITERS * WRITES, WRITERS * WRITES)
    setup.close()
