"""The bench's own database, created fresh and migrated the way Django's test runner does it.

SQLite: a temporary file (not in memory, to measure what a server reads from disk). PostgreSQL: the database
named in DATABASE_URL with `_bench` appended, on the same server. The developer's database is never touched.
"""

import copy
import shutil
import tempfile
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path

from django.db import connection, connections
from django.db.backends.base.base import BaseDatabaseWrapper


@contextmanager
def bench_database(*, keep: bool = False, label: str = "") -> Iterator[str]:
    """Create, migrate and yield the bench database's name (`label` appended: _bench100); drop it afterwards
    unless `keep`. It is the default connection's database meanwhile."""
    folder = None
    if connection.vendor == "sqlite":
        folder = Path(tempfile.mkdtemp(prefix="cjhp-bench-"))
        name = str(folder / f"bench{label}.sqlite3")
    else:
        name = f"{connection.settings_dict['NAME']}_bench{label}"
    connection.settings_dict["TEST"] = {**connection.settings_dict.get("TEST", {}), "NAME": name}
    original = connection.creation.create_test_db(verbosity=0, autoclobber=True, serialize=False)
    try:
        yield name
    finally:
        if keep:
            print(f"Kept the bench database: {name}")
        else:
            connection.creation.destroy_test_db(original, verbosity=0)
            if folder:
                shutil.rmtree(folder, ignore_errors=True)


@contextmanager
def second_connection(name: str) -> Iterator[BaseDatabaseWrapper]:
    """A connection of its own, to the database `name` on the same server, made the default meanwhile: a second
    bench database lives on it while the first stays open on the other (the first is the default again after)."""
    first = connections["default"]
    # Django's connection shares its settings with settings.DATABASES, which creating and dropping the second test
    # database rewrite: the first keeps a copy of its own, so that it stays on its database.
    first.settings_dict = copy.deepcopy(first.settings_dict)
    settings_dict = copy.deepcopy(first.settings_dict)
    settings_dict["NAME"] = name
    second = first.__class__(settings_dict, "default")
    connections["default"] = second
    try:
        yield second
    finally:
        second.close()
        connections["default"] = first


def database_version() -> str:
    if connection.vendor == "sqlite":
        import sqlite3

        return f"SQLite {sqlite3.sqlite_version}"
    with connection.cursor() as cursor:
        cursor.execute("SHOW server_version")
        return f"PostgreSQL {cursor.fetchone()[0].split()[0]}"
