"""The retention period: the daily command erases the identity of participants whose last event ended more than
PARTICIPANT_RETENTION_YEARS years ago (default 5), lists them with --dry-run, and respects --date."""

import io
from datetime import UTC, date, datetime

import pytest
from django.core.management import call_command

from events import privacy
from events.models import Participant
from projects.periods import Period
from tests.events.factories import AttendanceFactory, EventFactory, ParticipantFactory


def run(day: str, *args) -> str:
    out = io.StringIO()
    call_command("send_reminders", "--date", day, *args, stdout=out)
    return out.getvalue()


def registered(*, starts: str, ends: str | None = None, **person) -> Participant:
    event = EventFactory()
    event.set_period(Period.parse(starts), Period.parse(ends) if ends else None)
    event.save()
    return AttendanceFactory(event=event, participant=ParticipantFactory(**person)).participant


def erased(participant) -> bool:
    participant.refresh_from_db()
    return participant.erased_at is not None


@pytest.fixture
def june_2020(db):
    """Someone whose only event ran from 28 to 30 June 2020."""
    return registered(starts="2020-06-28", ends="2020-06-30")


def test_a_person_is_kept_until_the_day_the_period_ends(june_2020):
    assert "Anonymised 0 participant(s)" in run("2025-06-30")
    assert not erased(june_2020)


def test_a_person_is_erased_the_day_after(june_2020):
    output = run("2025-07-01")
    assert "Anonymised 1 participant(s) last on file before 2020-07-01 (retention period passed)." in output
    assert erased(june_2020)
    june_2020.refresh_from_db()
    assert (june_2020.name, june_2020.email, june_2020.erasure_reason) == ("", "", "retention")
    assert june_2020.erased_by is None
    assert june_2020.attendances.count() == 1


def test_the_end_of_the_latest_event_counts_then_its_start(june_2020):
    later = EventFactory(starts_on=date(2021, 3, 10))  # no end: the start
    AttendanceFactory(event=later, participant=june_2020)
    run("2026-03-10")
    assert not erased(june_2020)
    run("2026-03-11")
    assert erased(june_2020)


def test_a_coming_event_keeps_the_person(june_2020):
    AttendanceFactory(event=EventFactory(starts_on=date(2031, 1, 1)), participant=june_2020)
    run("2030-01-01")
    assert not erased(june_2020)


def test_a_person_with_no_event_counts_from_the_day_they_were_recorded(db):
    person = ParticipantFactory(created_at=datetime(2019, 2, 1, 12, tzinfo=UTC))
    run("2024-02-01")
    assert not erased(person)
    run("2024-02-02")
    assert erased(person)


def test_the_dry_run_lists_ids_and_dates_and_changes_nothing(june_2020):
    kept = registered(starts="2024-01-01")
    output = run("2025-07-01", "--dry-run")
    assert f"Participant {june_2020.pk}: last on file 2020-06-30" in output
    assert "Would anonymise 1 participant(s) last on file before 2020-07-01" in output
    assert f"Participant {kept.pk}" not in output and june_2020.name not in output
    assert not erased(june_2020)


def test_erased_people_are_not_erased_again(june_2020):
    run("2025-07-01")
    first = Participant.objects.get(pk=june_2020.pk).erased_at
    assert "Anonymised 0 participant(s)" in run("2025-07-02")
    assert Participant.objects.get(pk=june_2020.pk).erased_at == first


def test_the_period_comes_from_the_settings(settings, june_2020):
    settings.PARTICIPANT_RETENTION_YEARS = 2
    run("2022-07-01")
    assert erased(june_2020)


def test_a_29_february_cutoff_falls_on_the_28th(db):
    assert privacy.retention_cutoff(date(2028, 2, 29)) == date(2023, 2, 28)
