"""Erasing a participant's identity: a page that says what goes and what stays, then one POST that blanks the
name, email and organisation, scrubs the admin's log and records when, why and by whom, naming nobody."""

import io
import json

import pytest
from django.contrib.admin.models import CHANGE, LogEntry
from django.contrib.contenttypes.models import ContentType
from django.urls import reverse
from pypdf import PdfReader

from events import privacy
from events.models import Attendance, Participant


@pytest.fixture
def stefan(training):
    return Participant.objects.get(email="stefan@example.md")


def erase(client, participant, data=None):
    return client.post(reverse("events:participant_erase", args=[participant.pk]), data or {"confirm": "on"})


def log(obj, message="[]", user=None):
    return LogEntry.objects.create(
        user=user,
        content_type=ContentType.objects.get_for_model(obj),
        object_id=str(obj.pk),
        object_repr=str(obj),
        action_flag=CHANGE,
        change_message=message,
    )


def test_the_confirmation_page_says_what_goes_and_what_stays(login, staff, stefan, training):
    client = login(staff)
    client.get(reverse("events:certificate", args=[training.slug, stefan.pk]))
    log(stefan, user=staff)
    page = client.get(reverse("events:participant_erase", args=[stefan.pk])).content.decode()
    goes, stays = page.split("What is removed")[1].split("What stays, for the counts")
    assert "Ștefan Țurcanu" in goes and "stefan@example.md" in goes
    assert "The name on 1 issued certificate: it cannot be issued again." in goes
    assert "The name and email in 1 entry of the administrators' log" in goes
    assert "Republic of Moldova" in stays and "Other prison staff" in stays and "Male" in stays
    assert "1 registration, with its role and attendance" in stays
    Participant.objects.get(pk=stefan.pk, name="Ștefan Țurcanu")  # nothing changed yet


def test_erasing_blanks_the_identity_and_keeps_what_the_counts_need(login, staff, stefan, training):
    response = erase(login(staff), stefan)
    assert response.status_code == 302 and response["Location"] == stefan.get_absolute_url()
    stefan.refresh_from_db()
    assert (stefan.name, stefan.email, stefan.organisation) == ("", "", "")
    assert (stefan.country.code, stefan.professional_group, stefan.gender) == ("MD", "prison-staff", "male")
    assert stefan.erased_at is not None and stefan.erasure_reason == "request" and stefan.erased_by == staff
    assert Attendance.objects.filter(participant=stefan, event=training, attended=True).exists()
    assert str(stefan) == f"Erased participant {stefan.pk}"


def test_nothing_is_erased_without_the_confirmation(login, staff, stefan):
    response = erase(login(staff), stefan, data={"other": "x"})
    assert response.status_code == 200
    assert "Tick the box to confirm the erasure." in response.content.decode()
    stefan.refresh_from_db()
    assert stefan.name == "Ștefan Țurcanu" and stefan.erased_at is None


def test_the_admins_log_keeps_its_entries_without_the_identity(login, staff, stefan, training):
    attendance = training.attendances.get(participant=stefan)
    own, registration = log(stefan, user=staff), log(attendance, user=staff)
    added = [{"added": {"name": "attendance", "object": str(attendance)}}]
    inline = log(training, json.dumps(added), user=staff)
    unrelated = log(Participant.objects.get(email="mihaela@example.md"), user=staff)
    erase(login(staff), stefan)
    for entry in (own, registration, inline, unrelated):
        entry.refresh_from_db()
    assert own.object_repr == registration.object_repr == privacy.SCRUBBED
    assert "Ștefan" not in inline.change_message and privacy.SCRUBBED in inline.change_message
    assert inline.object_repr == training.title
    assert unrelated.object_repr == "Mihaela Țîrdea"
    assert LogEntry.objects.count() == 4
    haystack = " ".join(f"{e.object_repr} {e.change_message}" for e in LogEntry.objects.all())
    assert "Ștefan Țurcanu" not in haystack and "stefan@example.md" not in haystack


def test_search_no_longer_finds_the_old_name_or_email(login, staff, stefan):
    client = login(staff)
    erase(client, stefan)
    for query in ("Țurcanu", "stefan@example.md"):
        assert stefan.get_absolute_url() not in client.get(reverse("search"), {"q": query}).content.decode()
        listed = client.get(reverse("events:participants"), {"q": query}).content.decode()
        assert "No participant found." in listed


def test_lists_and_event_pages_show_the_person_as_erased(login, staff, stefan, training):
    client = login(staff)
    erase(client, stefan)
    placeholder = f"Erased participant {stefan.pk}"
    assert placeholder in client.get(reverse("events:participants")).content.decode()
    event_page = client.get(training.get_absolute_url()).content.decode()
    assert placeholder in event_page and "Identity erased" in event_page and "Ștefan" not in event_page
    exported = client.get(reverse("events:participants"), {"format": "csv"}).content.decode()
    assert placeholder in exported and "Ștefan" not in exported
    detail = client.get(stefan.get_absolute_url()).content.decode()
    assert "This person's identity was erased on" in detail
    assert reverse("events:participant_erase", args=[stefan.pk]) not in detail
    assert reverse("events:participant_edit", args=[stefan.pk]) not in detail


def test_erasing_twice_changes_nothing_and_says_so(login, staff, stefan):
    client = login(staff)
    erase(client, stefan)
    erased_at = Participant.objects.get(pk=stefan.pk).erased_at
    response = erase(client, stefan)
    assert response.status_code == 302
    page = client.get(response["Location"]).content.decode()
    assert "This participant&#x27;s identity was already erased: nothing more to do." in page
    assert Participant.objects.get(pk=stefan.pk).erased_at == erased_at
    assert privacy.participant_erase(participant=stefan) is False


def test_an_erased_person_receives_no_certificate_and_the_page_says_why(login, staff, stefan, training):
    client = login(staff)
    erase(client, stefan)
    response = client.get(reverse("events:certificate", args=[training.slug, stefan.pk]))
    assert response.status_code == 410
    assert "no name is left to print on a certificate" in response.content.decode()
    everyone = client.get(reverse("events:certificates", args=[training.slug]))
    texts = [page.extract_text() for page in PdfReader(io.BytesIO(everyone.content)).pages]
    assert len(texts) == 2 and not any("Erased participant" in text for text in texts)
    assert training.attendances.get(participant=stefan).certificate_issued_at is None


def test_an_erased_record_is_neither_edited_nor_merged(login, staff, stefan):
    client = login(staff)
    erase(client, stefan)
    mihaela = Participant.objects.get(email="mihaela@example.md")
    edit = client.post(reverse("events:participant_edit", args=[stefan.pk]), {"name": "Back again"})
    assert edit.status_code == 302
    merge = client.get(reverse("events:participant_merge", args=[mihaela.pk])).content.decode()
    assert f"Erased participant {stefan.pk}" not in merge
    assert Participant.objects.get(pk=stefan.pk).name == ""


def test_the_erasure_pages_speak_french(login, staff, stefan, training):
    client = login(staff)
    page = client.get(reverse("events:participant_erase", args=[stefan.pk]), headers={"accept-language": "fr"})
    content = page.content.decode()
    assert "Ce qui est supprimé" in content and "Ce qui reste, pour les comptes" in content
    erase(client, stefan)
    detail = client.get(stefan.get_absolute_url(), headers={"accept-language": "fr"}).content.decode()
    assert f"Participant effacé {stefan.pk}" in detail
    certificate = reverse("events:certificate", args=[training.slug, stefan.pk])
    refused = client.get(certificate, headers={"accept-language": "fr"})
    assert "Pas d’attestation pour un participant effacé" in refused.content.decode()
