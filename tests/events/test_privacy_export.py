"""Everything the portal holds about one person, as one ZIP file for programme staff: their details and
attendances as JSON, each issued certificate as the portal renders it, and a README in the staff member's
language."""

import io
import json
import zipfile

from django.urls import reverse
from django.utils import timezone
from pypdf import PdfReader

from events.models import Participant
from tests.events.factories import AttendanceFactory, EventFactory


def export(client, participant, **headers):
    return client.get(reverse("events:participant_export", args=[participant.pk]), headers=headers)


def archive(response) -> zipfile.ZipFile:
    return zipfile.ZipFile(io.BytesIO(response.content))


def test_the_export_is_a_zip_named_by_id_and_date_not_by_name(login, staff, training):
    stefan = Participant.objects.get(email="stefan@example.md")
    response = export(login(staff), stefan)
    assert response.status_code == 200
    assert response["Content-Type"] == "application/zip"
    today = timezone.localdate().isoformat()
    assert response["Content-Disposition"] == f'attachment; filename="cjhp-participant-{stefan.pk}-{today}.zip"'
    assert sorted(archive(response).namelist()) == ["README.txt", "participant.json"]


def test_the_json_holds_the_persons_details_and_every_attendance(login, staff, training, md):
    stefan = Participant.objects.get(email="stefan@example.md")
    stefan.organisation = "Pruncul Prison"
    stefan.save()
    opening = EventFactory(title="TC opening", kind="conference", country=md, starts_on="2016-03-01")
    AttendanceFactory(event=opening, participant=stefan, role="speaker", attended=False)
    document = json.loads(archive(export(login(staff), stefan)).read("participant.json"))
    assert document["participant"] == {
        "id": stefan.pk,
        "name": "Ștefan Țurcanu",
        "email": "stefan@example.md",
        "organisation": "Pruncul Prison",
        "country": "Republic of Moldova",
        "country_code": "MD",
        "professional_group": "prison-staff",
        "gender": "male",
        "recorded_on": stefan.created_at.isoformat(),
        "erased_at": None,
    }
    assert [
        (row["event"], row["starts_on"], row["ends_on"], row["role"], row["attended"], row["certificate_issued_at"])
        for row in document["attendances"]
    ] == [
        (training.title, "2015-05-25", "2015-05-28", "participant", True, None),
        ("TC opening", "2016-03-01", None, "speaker", False, None),
    ]


def test_each_issued_certificate_is_in_the_zip_as_the_portal_renders_it(login, staff, training):
    stefan = Participant.objects.get(email="stefan@example.md")
    client = login(staff)
    client.get(reverse("events:certificate", args=[training.slug, stefan.pk]))  # issues it
    zipped = archive(export(client, stefan))
    assert "certificates/certificate-tc-training.pdf" in zipped.namelist()
    [page] = PdfReader(io.BytesIO(zipped.read("certificates/certificate-tc-training.pdf"))).pages
    text = page.extract_text()
    assert "Certificate of attendance" in text and "Ștefan Țurcanu" in text
    assert "Training for Integrated Care in Therapeutic Communities" in text
    document = json.loads(zipped.read("participant.json"))
    assert document["attendances"][0]["certificate_issued_at"] is not None
    assert "certificates/certificate-tc-training.pdf" in zipped.read("README.txt").decode()


def test_a_certificate_not_yet_issued_is_not_in_the_zip(login, staff, training):
    """Exporting never issues a certificate: the file shows what the portal holds."""
    mihaela = Participant.objects.get(email="mihaela@example.md")
    zipped = archive(export(login(staff), mihaela))
    assert not [name for name in zipped.namelist() if name.endswith(".pdf")]
    assert "No certificate of attendance has been issued to them." in zipped.read("README.txt").decode()
    assert training.attendances.get(participant=mihaela).certificate_issued_at is None


def test_the_readme_is_in_the_staff_members_language(login, staff, training):
    stefan = Participant.objects.get(email="stefan@example.md")
    readme = archive(export(login(staff), stefan, accept_language="fr")).read("README.txt").decode()
    assert f"Tout ce que le portail CJHP détient sur le participant {stefan.pk}." in readme
    assert "participant.json" in readme


def test_the_participants_page_offers_the_export(login, staff, training):
    stefan = Participant.objects.get(email="stefan@example.md")
    page = login(staff).get(stefan.get_absolute_url()).content.decode()
    assert reverse("events:participant_export", args=[stefan.pk]) in page
    assert "Export everything held about this person" in page
