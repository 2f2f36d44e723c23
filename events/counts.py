"""The counts the dashboard and the country pages read instead of counting every row, each kept exact in the
transaction that changes what it counts:

- the people who attended at least one event that has taken place, by country, professional group and gender
  (AttendeeCount). Every change passes through `recount(participant_ids)`: the signals below call it for a saved
  or deleted attendance, a saved participant and an event whose date moved; code that writes in bulk (the
  participant import) calls it for the people it touched. An attendance can only be marked for an event that has
  begun (events.services, the import), so the passing of days changes nothing the count holds;
- the events by year and kind (EventCount), moved by the signals of an event's creation, deletion and change of
  date or kind (events are written one at a time).

`rebuild()` counts everything again (the bench's generated data, a repair).
"""

from collections import Counter
from collections.abc import Iterable

from django.db import transaction
from django.db.models import Count, Exists, F, OuterRef
from django.db.models.functions import ExtractYear
from django.db.models.signals import post_delete, post_save, pre_delete, pre_save
from django.dispatch import receiver

from events.models import Attendance, AttendeeCount, CountedAttendee, Event, EventCount, Participant

BATCH = 2_000
BUCKET = ("country_id", "professional_group", "gender")


def _attending(participants):
    """The participants among these who attended an event that has taken place, each as (pk, bucket)."""
    attended = Attendance.objects.attended().filter(participant=OuterRef("pk"))
    rows = participants.filter(Exists(attended)).values_list("pk", *BUCKET)
    return ((pk, tuple(bucket)) for pk, *bucket in rows.iterator(chunk_size=BATCH))


def _counted(participant_id, bucket) -> CountedAttendee:
    return CountedAttendee(participant_id=participant_id, **dict(zip(BUCKET, bucket, strict=True)))


def _add(model, fields: tuple[str, ...], counted: str, delta: Counter) -> None:
    """Add each bucket's change (`delta`: a count by the values of `fields`) to the model's `counted` field, its
    rows made when missing: an UPDATE of F() per bucket, so that concurrent changes add up."""
    changes = {bucket: n for bucket, n in delta.items() if n}
    model.objects.bulk_create(
        [model(**dict(zip(fields, bucket, strict=True))) for bucket in changes], ignore_conflicts=True
    )
    for bucket, n in changes.items():
        model.objects.filter(**dict(zip(fields, bucket, strict=True))).update(**{counted: F(counted) + n})


def _add_attendees(delta: Counter) -> None:
    _add(AttendeeCount, BUCKET, "attendees", delta)


def _add_events(delta: Counter) -> None:
    _add(EventCount, ("year", "kind"), "events", delta)


@transaction.atomic
def recount(participant_ids: Iterable[int | None], *, leaving: bool = False) -> None:
    """Bring the counts in line with these participants as the database holds them now; `leaving`: they are being
    deleted, so they count for nothing."""
    ids = {pk for pk in participant_ids if pk is not None}
    if not ids:
        return
    before = {
        pk: tuple(bucket)
        for pk, *bucket in CountedAttendee.objects.select_for_update()
        .filter(participant_id__in=ids)
        .values_list("participant_id", *BUCKET)
    }
    now = {} if leaving else dict(_attending(Participant.objects.filter(pk__in=ids)))
    moved = {pk for pk in ids if before.get(pk) != now.get(pk)}
    if not moved:
        return
    delta = Counter()
    for pk in moved:
        if pk in before:
            delta[before[pk]] -= 1
        if pk in now:
            delta[now[pk]] += 1
    CountedAttendee.objects.filter(participant_id__in=moved & before.keys()).delete()
    CountedAttendee.objects.bulk_create([_counted(pk, now[pk]) for pk in moved & now.keys()])
    _add_attendees(delta)


@transaction.atomic
def rebuild() -> None:
    """Count every event and everyone again, from the events and the attendances."""
    EventCount.objects.all().delete()
    by_year = Event.objects.order_by().values_list(ExtractYear("starts_on"), "kind").annotate(n=Count("pk"))
    _add_events(Counter({(year, kind): n for year, kind, n in by_year}))
    CountedAttendee.objects.all().delete()
    AttendeeCount.objects.all().delete()
    delta, batch = Counter(), []
    for pk, bucket in _attending(Participant.objects.order_by()):
        delta[bucket] += 1
        batch.append(_counted(pk, bucket))
        if len(batch) == BATCH:
            CountedAttendee.objects.bulk_create(batch)
            batch = []
    CountedAttendee.objects.bulk_create(batch)
    _add_attendees(delta)


@receiver([post_save, post_delete], sender=Attendance, dispatch_uid="counts-attendance")
def _attendance_changed(sender, instance, **kwargs):
    recount([instance.participant_id])


@receiver(post_save, sender=Participant, dispatch_uid="counts-participant")
def _participant_saved(sender, instance, created, **kwargs):
    if not created:
        recount([instance.pk])


@receiver(pre_delete, sender=Participant, dispatch_uid="counts-participant-deleted")
def _participant_deleted(sender, instance, **kwargs):
    recount([instance.pk], leaving=True)


@receiver(pre_save, sender=Event, dispatch_uid="counts-event-read")
def _event_read(sender, instance, **kwargs):
    """The event's date and kind as the database holds them, before the save changes them."""
    instance._stored = (
        Event.objects.filter(pk=instance.pk).values_list("starts_on", "kind").first() if instance.pk else None
    )


@receiver(post_save, sender=Event, dispatch_uid="counts-event-saved")
def _event_saved(sender, instance, created, **kwargs):
    stored = getattr(instance, "_stored", None)
    # The date as saved (code may have given the text of one).
    starts_on = Event._meta.get_field("starts_on").to_python(instance.starts_on)
    delta = Counter({(starts_on.year, instance.kind): 1})
    if stored is not None:
        stored_starts_on, stored_kind = stored
        delta[(stored_starts_on.year, stored_kind)] -= 1
        if stored_starts_on != starts_on:
            recount(instance.attendances.values_list("participant_id", flat=True))
    _add_events(delta)


@receiver(post_delete, sender=Event, dispatch_uid="counts-event-deleted")
def _event_deleted(sender, instance, **kwargs):
    starts_on = Event._meta.get_field("starts_on").to_python(instance.starts_on)
    _add_events(Counter({(starts_on.year, instance.kind): -1}))
