# The counts by country of the people who attended an event, filled in once the fields and their indexes exist.

from collections import Counter

from django.db import migrations
from django.db.models import Exists, OuterRef
from django.utils import timezone


def count_by_country(apps, schema_editor):
    """The counts again, each person under their country (events.counts.rebuild, with this migration's models)."""
    Attendance = apps.get_model("events", "Attendance")
    Participant = apps.get_model("events", "Participant")
    AttendeeCount = apps.get_model("events", "AttendeeCount")
    CountedAttendee = apps.get_model("events", "CountedAttendee")
    CountedAttendee.objects.all().delete()
    AttendeeCount.objects.all().delete()
    attended = Attendance.objects.filter(
        participant=OuterRef("pk"), attended=True, event__starts_on__lte=timezone.localdate()
    )
    rows = Participant.objects.order_by().filter(Exists(attended)).values_list(
        "pk", "country_id", "professional_group", "gender"
    )
    delta, batch = Counter(), []
    for pk, country_id, group, gender in rows.iterator(chunk_size=2000):
        delta[(country_id, group, gender)] += 1
        batch.append(
            CountedAttendee(participant_id=pk, country_id=country_id, professional_group=group, gender=gender)
        )
    CountedAttendee.objects.bulk_create(batch, batch_size=2000)
    AttendeeCount.objects.bulk_create(
        [
            AttendeeCount(country_id=country_id, professional_group=group, gender=gender, attendees=n)
            for (country_id, group, gender), n in delta.items()
        ]
    )


class Migration(migrations.Migration):
    dependencies = [
        ("events", "0008_attendee_counts_by_country"),
    ]

    operations = [
        migrations.RunPython(count_by_country, migrations.RunPython.noop),
    ]
