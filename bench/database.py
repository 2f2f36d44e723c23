"""The bench's own database, created fresh and migrated the way Django's test runner does it.

SQLite: a temporary file (not in memory, to measure what a server reads from disk). PostgreSQL: the database
named in DATABASE_URL with `_bench` appended, on the same server. The developer's database is never touched.
"""

import shutil
import tempfile
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path

from django.db import connection


@contextmanager
def bench_database(*, keep: bool = False) -> Iterator[str]:
    """Create, migrate and yield the bench database's name; drop it afterwards unless `keep`."""
    folder = None
    if connection.vendor == "sqlite":
        folder = Path(tempfile.mkdtemp(prefix="cjhp-bench-"))
        name = str(folder / "bench.sqlite3")
    else:
        name = f"{connection.settings_dict['NAME']}_bench"
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


def database_version() -> str:
    if connection.vendor == "sqlite":
        import sqlite3

        return f"SQLite {sqlite3.sqlite_version}"
    with connection.cursor() as cursor:
        cursor.execute("SHOW server_version")
        return f"PostgreSQL {cursor.fetchone()[0].split()[0]}"
