"""Every report and certificate is a tagged PDF (PDF/UA-1): a structure tree a screen reader follows, the
language it is written in and its title, which a viewer shows in place of the file's name."""

import io
from datetime import date

import pytest
from django.urls import reverse
from pypdf import PdfReader

from tests.checklists.factories import AssessmentFactory, RoundFactory, make_template
from tests.events.factories import AttendanceFactory, EventFactory, ParticipantFactory


@pytest.fixture
def programme(md):
    """Moldova's assessment in a round, and a training with two attendees."""
    assessment_round = RoundFactory(
        template=make_template(), name="SEE baseline 2022", slug="see-baseline-2022", opens_on=date(2022, 3, 1)
    )
    assessment = AssessmentFactory(round=assessment_round, country=md)
    event = EventFactory(title="Therapeutic community training", slug="tc-training", country=md)
    stefan = AttendanceFactory(event=event, participant=ParticipantFactory(name="Ștefan Țurcanu", country=md))
    AttendanceFactory(event=event, participant=ParticipantFactory(name="Ana Ciobanu", country=md))
    return {"assessment": assessment, "event": event, "stefan": stefan.participant}


# (what the PDF is, its URL, its title in English and in French)
PDFS = {
    "assessment": (
        lambda p: reverse("checklists:assessment_pdf", args=[p["assessment"].pk]),
        {"en": "Republic of Moldova · SEE baseline 2022", "fr": "République de Moldova · SEE baseline 2022"},
    ),
    "round": (
        lambda p: reverse("checklists:round_pdf", args=["see-baseline-2022"]),
        {"en": "SEE baseline 2022", "fr": "SEE baseline 2022"},
    ),
    "country profile": (
        lambda p: reverse("countries:report", args=["MD"]),
        {"en": "Republic of Moldova", "fr": "République de Moldova"},
    ),
    "event report": (
        lambda p: reverse("events:report", args=["tc-training"]),
        {"en": "Therapeutic community training", "fr": "Therapeutic community training"},
    ),
    "certificate": (
        lambda p: reverse("events:certificate", args=["tc-training", p["stefan"].pk]),
        {
            "en": "Certificate of attendance: Ștefan Țurcanu, Therapeutic community training",
            "fr": "Attestation de participation : Ștefan Țurcanu, Therapeutic community training",
        },
    ),
    "certificates": (
        lambda p: reverse("events:certificates", args=["tc-training"]),
        {
            "en": "Certificates of attendance: Therapeutic community training",
            "fr": "Attestations de participation : Therapeutic community training",
        },
    ),
}


@pytest.mark.parametrize("language", ["en", "fr"])
@pytest.mark.parametrize("kind", PDFS)
def test_every_pdf_is_tagged_with_its_language_and_title(login, staff, programme, kind, language):
    url, titles = PDFS[kind]
    staff.language = language
    staff.save()
    client = login(staff)
    client.cookies["django_language"] = language
    response = client.get(url(programme), HTTP_ACCEPT_LANGUAGE=language)
    assert response.status_code == 200
    assert response["Content-Type"] == "application/pdf"
    reader = PdfReader(io.BytesIO(response.content))
    catalog = reader.trailer["/Root"]
    assert "/StructTreeRoot" in catalog
    assert catalog["/StructTreeRoot"].get_object()["/K"]  # the tree holds the document's parts
    assert catalog["/MarkInfo"]["/Marked"].value is True
    assert catalog["/Lang"] == language
    assert reader.metadata.title == titles[language]
    assert catalog["/ViewerPreferences"]["/DisplayDocTitle"].value is True
