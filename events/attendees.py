"""The count of people who attended at least one event that has taken place, by professional group and gender
(AttendeeCount), kept exact in the transaction that changes what it counts.

Every change passes through `recount(participant_ids)`: the signals below call it for a saved or deleted
attendance, a saved participant and an event whose date moved; code that writes in bulk (the participant import)
calls it for the people it touched. `rebuild()` counts everything again (the bench's generated data, a repair).
An attendance can only be marked for an event that has begun (events.services, the import), so the passing of
days changes nothing the count holds.
"""

from collections import Counter
from collections.abc import Iterable

from django.db import transaction
from django.db.models import Exists, F, OuterRef
from django.db.models.signals import post_delete, post_save, pre_delete, pre_save
from django.dispatch import receiver

from events.models import Attendance, AttendeeCount, CountedAttendee, Event, Participant

BATCH = 2_000


def _attending(participants):
    """The participants among these who attended an event that has taken place, with their group and gender."""
    attended = Attendance.objects.attended().filter(participant=OuterRef("pk"))
    return participants.filter(Exists(attended)).values_list("pk", "professional_group", "gender")


def _add(delta: Counter) -> None:
    changes = {bucket: n for bucket, n in delta.items() if n}
    AttendeeCount.objects.bulk_create(
        [AttendeeCount(professional_group=group, gender=gender) for group, gender in changes],
        ignore_conflicts=True,
    )
    for (group, gender), n in changes.items():
        AttendeeCount.objects.filter(professional_group=group, gender=gender).update(attendees=F("attendees") + n)


@transaction.atomic
def recount(participant_ids: Iterable[int | None], *, leaving: bool = False) -> None:
    """Bring the counts in line with these participants as the database holds them now; `leaving`: they are being
    deleted, so they count for nothing."""
    ids = {pk for pk in participant_ids if pk is not None}
    if not ids:
        return
    before = {
        counted.participant_id: (counted.professional_group, counted.gender)
        for counted in CountedAttendee.objects.select_for_update().filter(participant_id__in=ids)
    }
    now = (
        {}
        if leaving
        else {pk: (group, gender) for pk, group, gender in _attending(Participant.objects.filter(pk__in=ids))}
    )
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
    CountedAttendee.objects.bulk_create(
        [
            CountedAttendee(participant_id=pk, professional_group=now[pk][0], gender=now[pk][1])
            for pk in moved & now.keys()
        ]
    )
    _add(delta)


@transaction.atomic
def rebuild() -> None:
    """Count everyone again from the attendances."""
    CountedAttendee.objects.all().delete()
    AttendeeCount.objects.all().delete()
    delta, batch = Counter(), []
    for pk, group, gender in _attending(Participant.objects.order_by()).iterator(chunk_size=BATCH):
        delta[(group, gender)] += 1
        batch.append(CountedAttendee(participant_id=pk, professional_group=group, gender=gender))
        if len(batch) == BATCH:
            CountedAttendee.objects.bulk_create(batch)
            batch = []
    CountedAttendee.objects.bulk_create(batch)
    _add(delta)


@receiver([post_save, post_delete], sender=Attendance, dispatch_uid="attendees-attendance")
def _attendance_changed(sender, instance, **kwargs):
    recount([instance.participant_id])


@receiver(post_save, sender=Participant, dispatch_uid="attendees-participant")
def _participant_saved(sender, instance, created, **kwargs):
    if not created:
        recount([instance.pk])


@receiver(pre_delete, sender=Participant, dispatch_uid="attendees-participant-deleted")
def _participant_deleted(sender, instance, **kwargs):
    recount([instance.pk], leaving=True)


@receiver(pre_save, sender=Event, dispatch_uid="attendees-event-date")
def _event_date_read(sender, instance, **kwargs):
    instance._starts_on_before = (
        Event.objects.filter(pk=instance.pk).values_list("starts_on", flat=True).first() if instance.pk else None
    )


@receiver(post_save, sender=Event, dispatch_uid="attendees-event-moved")
def _event_moved(sender, instance, created, **kwargs):
    if not created and getattr(instance, "_starts_on_before", instance.starts_on) != instance.starts_on:
        recount(instance.attendances.values_list("participant_id", flat=True))
