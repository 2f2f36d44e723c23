"""With SQLite (the default database of `make run`), requests that write at the same time wait for each other
instead of failing with "database is locked".

The race runs in a process of its own whose settings read an SQLite DATABASE_URL, so that it proves the portal's
SQLite options whatever database the suite itself runs on."""

import os
import subprocess
import sys
import threading
import time
from pathlib import Path

from django.db import connections, transaction
from django.db.backends.sqlite3.base import DatabaseWrapper

ROOT = Path(__file__).resolve().parents[2]
WRITERS, WRITES = 3, 20


def _write_after_reading(path, barrier, errors):
    """As a request does: read, then write, in one transaction; the portal's database options."""
    connections["race"] = DatabaseWrapper({**connections["default"].settings_dict, "NAME": str(path)}, alias="race")
    try:
        barrier.wait()
        for _ in range(WRITES):
            with transaction.atomic(using="race"), connections["race"].cursor() as cursor:
                cursor.execute("SELECT COUNT(*) FROM visit")
                count = cursor.fetchone()[0]
                time.sleep(0.002)  # as a request does work between its read and its write: the others get in
                cursor.execute("INSERT INTO visit (seen) VALUES (%s)", [count])
    except Exception as error:  # noqa: BLE001 - the failure is what the test reports
        errors.append(error)
    finally:
        connections["race"].close()


def test_two_writers_at_once_both_succeed(tmp_path):
    path = tmp_path / "db.sqlite3"
    environment = {
        **os.environ,
        "DATABASE_URL": f"sqlite:///{path}",
        "DEBUG": "true",
        "DJANGO_SETTINGS_MODULE": "cjhp.settings",
    }
    script = "import django; django.setup(); from tests.cjhp.test_sqlite_writes import race; race()"
    result = subprocess.run([sys.executable, "-c", script], cwd=ROOT, env=environment, capture_output=True, text=True)
    assert result.returncode == 0, result.stderr


def race():
    """Run in the process the test starts: the default database is the SQLite file it names."""
    path = connections["default"].settings_dict["NAME"]
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
