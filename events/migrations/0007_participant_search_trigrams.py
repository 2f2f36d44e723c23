"""On PostgreSQL, trigram indexes for the staff search (cjhp/search.py): a participant's name, organisation or email
containing a word (`icontains`, which PostgreSQL writes UPPER(column) LIKE UPPER('%word%')) is found through the
index instead of by reading every participant. SQLite, the development database, searches without them."""

from django.db import migrations

FIELDS = ["name", "organisation", "email"]


def create(apps, schema_editor):
    if schema_editor.connection.vendor != "postgresql":
        return
    schema_editor.execute("CREATE EXTENSION IF NOT EXISTS pg_trgm")
    for field in FIELDS:
        schema_editor.execute(
            f"CREATE INDEX IF NOT EXISTS participant_{field}_trgm ON events_participant "
            f"USING gin (UPPER({field}::text) gin_trgm_ops)"
        )


def drop(apps, schema_editor):
    if schema_editor.connection.vendor != "postgresql":
        return
    for field in FIELDS:
        schema_editor.execute(f"DROP INDEX IF EXISTS participant_{field}_trgm")


class Migration(migrations.Migration):
    dependencies = [("events", "0006_attendee_counts")]

    operations = [migrations.RunPython(create, drop)]
