"""Certificates of attendance: one attendee or everyone in one PDF, names in every European script."""

import io
from urllib.parse import unquote

from django.urls import reverse
from pypdf import PdfReader

from events.models import Event, Participant


def pdf_pages(response) -> list[str]:
    return [page.extract_text() for page in PdfReader(io.BytesIO(response.content)).pages]


def test_one_certificate_names_the_participant_and_the_event(login, staff, training):
    stefan = Participant.objects.get(email="stefan@example.md")
    response = login(staff).get(reverse("events:certificate", args=[training.slug, stefan.pk]))
    assert response["Content-Type"] == "application/pdf"
    assert response["Content-Disposition"] == ('attachment; filename="cjhp-certificate-tc-training-stefan-turcanu.pdf"')
    [text] = pdf_pages(response)
    assert "Ștefan Țurcanu" in text
    assert "Training for Integrated Care in Therapeutic Communities" in text
    assert "Certificate of attendance" in text and "25 May 2015 – 28 May 2015" in text
    assert "DRAFT" not in text
    assert training.attendances.get(participant=stefan).certificate_issued_at is not None


def test_a_certificate_in_another_script_is_named_after_the_person_in_that_script(login, staff, training):
    olena = Participant.objects.get(name="Олена Шевчук")
    response = login(staff).get(reverse("events:certificate", args=[training.slug, olena.pk]))
    disposition = response["Content-Disposition"]
    assert disposition.startswith("attachment; filename*=utf-8''")
    assert unquote(disposition.removeprefix("attachment; filename*=utf-8''")) == (
        "cjhp-certificate-tc-training-олена-шевчук.pdf"
    )


def test_all_certificates_come_in_one_pdf_with_a_page_per_attendee(login, staff, training):
    response = login(staff).get(reverse("events:certificates", args=[training.slug]))
    assert response["Content-Disposition"] == 'attachment; filename="cjhp-certificates-tc-training.pdf"'
    pages = pdf_pages(response)
    assert len(pages) == 3  # the no-show gets none
    names = ["Ștefan Țurcanu", "Mihaela Țîrdea", "Олена Шевчук"]
    assert sorted(name for name in names for page in pages if name in page) == sorted(names)
    assert all("Training for Integrated Care in Therapeutic Communities" in page for page in pages)
    assert not any("No Show" in page for page in pages)
    assert training.attendances.filter(attended=True, certificate_issued_at__isnull=True).count() == 0


def test_georgian_names_render(login, staff, training):
    participant = Participant.objects.get(email="olena@example.ua")
    participant.name = "ნათია ჯაფარიძე"
    participant.save()
    response = login(staff).get(reverse("events:certificate", args=[training.slug, participant.pk]))
    assert "ნათია ჯაფარიძე" in pdf_pages(response)[0]


def test_no_certificate_for_someone_who_did_not_attend(login, staff, training):
    no_show = Participant.objects.get(email="noshow@example.md")
    assert login(staff).get(reverse("events:certificate", args=[training.slug, no_show.pk])).status_code == 404


def test_only_trainings_and_e_learning_courses_give_certificates(login, staff, training):
    training.kind = Event.Kind.CONFERENCE
    training.save()
    assert login(staff).get(reverse("events:certificates", args=[training.slug])).status_code == 404
    assert "All certificates (PDF)" not in login(staff).get(training.get_absolute_url()).content.decode()


def test_focal_points_cannot_download_certificates(login, fp_md, fp_ge, training):
    assert login(fp_md).get(reverse("events:certificates", args=[training.slug])).status_code == 403
    assert login(fp_ge).get(reverse("events:certificates", args=[training.slug])).status_code == 404
