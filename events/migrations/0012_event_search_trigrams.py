"""On PostgreSQL, trigram indexes for the staff search (cjhp/search.py) on an event's title, city and summary, as
0007 made for the participants: the events containing a word are found through the index, and the statistics
gathered on the indexed expressions tell the planner how many do (without them it guesses a handful, and sorts
them all rather than reading the latest through the date index)."""

from django.db import migrations

FIELDS = ["title", "city", "summary"]


def create(apps, schema_editor):
    if schema_editor.connection.vendor != "postgresql":
        return
    schema_editor.execute("CREATE EXTENSION IF NOT EXISTS pg_trgm")
    for field in FIELDS:
        schema_editor.execute(
            f"CREATE INDEX IF NOT EXISTS event_{field}_trgm ON events_event "
            f"USING gin (UPPER({field}::text) gin_trgm_ops)"
        )


def drop(apps, schema_editor):
    if schema_editor.connection.vendor != "postgresql":
        return
    for field in FIELDS:
        schema_editor.execute(f"DROP INDEX IF EXISTS event_{field}_trgm")


class Migration(migrations.Migration):
    dependencies = [("events", "0011_event_date_index")]

    operations = [migrations.RunPython(create, drop)]
