"""Evidence files: a replaced or removed file leaves the storage once no answer refers to it, and an assessment's
files together stay within their limit."""

from pathlib import Path

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse

from checklists.models import Answer, Section
from tests.checklists.factories import section_data


@pytest.fixture
def section(assessment) -> Section:
    return Section.objects.get(recommendation__template=assessment.round.template, number="1.1")


def save(client, assessment, section, data):
    return client.post(reverse("checklists:assessment_section", args=[assessment.pk, section.pk]), data)


def pdf(name: str, size: int = 100) -> SimpleUploadedFile:
    return SimpleUploadedFile(name, b"%PDF-1.4" + b"x" * (size - 8), content_type="application/pdf")


def save_with_file(client, assessment, section, on_commit, size: int = 100) -> None:
    """Question 1.1-q1 answered Yes with a file, and what runs once the save commits run too."""
    with on_commit(execute=True):
        save(
            client,
            assessment,
            section,
            section_data(section, values={"1.1-q1": "yes"}, **{"1.1-q1-file": pdf("a.pdf", size)}),
        )


def stored(assessment) -> Path:
    return Path(Answer.objects.get(assessment=assessment, item__key="1.1-q1").evidence_file.path)


def test_a_replaced_file_leaves_the_storage_and_the_new_one_stays(
    assessment, section, fp_md, login, django_capture_on_commit_callbacks
):
    client = login(fp_md)
    save_with_file(client, assessment, section, django_capture_on_commit_callbacks)
    first = stored(assessment)
    assert first.exists()
    with django_capture_on_commit_callbacks(execute=True):
        response = save(
            client,
            assessment,
            section,
            section_data(section, version=1, values={"1.1-q1": "yes"}, **{"1.1-q1-file": pdf("b.pdf")}),
        )
    assert response.status_code == 302
    assert stored(assessment).exists() and stored(assessment) != first
    assert not first.exists()


def test_a_removed_file_leaves_the_storage(assessment, section, fp_md, login, django_capture_on_commit_callbacks):
    client = login(fp_md)
    save_with_file(client, assessment, section, django_capture_on_commit_callbacks)
    path = stored(assessment)
    data = section_data(section, version=1, values={"1.1-q1": "yes"})
    data[f"s{section.pk}-q{section.items.get(key='1.1-q1').pk}-remove_file"] = "on"
    with django_capture_on_commit_callbacks(execute=True):
        save(client, assessment, section, data)
    assert Answer.objects.get(assessment=assessment, item__key="1.1-q1").evidence_file == ""
    assert not path.exists()


def test_a_file_another_answer_still_refers_to_stays(
    assessment, section, fp_md, login, django_capture_on_commit_callbacks
):
    client = login(fp_md)
    save_with_file(client, assessment, section, django_capture_on_commit_callbacks)
    path = stored(assessment)
    other = Answer.objects.create(assessment=assessment, item=section.items.get(key="1.1-q2"), value="yes")
    other.evidence_file.name = Answer.objects.get(assessment=assessment, item__key="1.1-q1").evidence_file.name
    other.save()
    with django_capture_on_commit_callbacks(execute=True):
        save(
            client,
            assessment,
            section,
            section_data(
                section, version=1, values={"1.1-q1": "yes", "1.1-q2": "yes"}, **{"1.1-q1-file": pdf("b.pdf")}
            ),
        )
    assert path.exists()


def test_files_beyond_the_assessments_total_are_refused_and_the_input_kept(
    assessment, section, fp_md, login, settings, django_capture_on_commit_callbacks
):
    settings.ASSESSMENT_EVIDENCE_MAX_TOTAL = 250
    client = login(fp_md)
    save_with_file(client, assessment, section, django_capture_on_commit_callbacks, size=200)
    data = section_data(
        section,
        version=1,
        values={"1.1-q1": "yes", "1.1-q2": "no"},
        **{"1.1-q2-file": pdf("b.pdf", 100), "1.1-q2-note": "Kept note"},
    )
    response = save(client, assessment, section, data)
    page = response.content.decode()
    assert response.status_code == 400
    assert "An assessment’s evidence files may take up to 250\xa0bytes in all" in page.replace("&#x27;", "’").replace(
        "'", "’"
    )
    assert "300\xa0bytes" in page
    assert "Kept note" in page
    assert not Answer.objects.filter(assessment=assessment, item__key="1.1-q2").exists()
    # Replacing the file instead fits: the file it replaces no longer counts.
    data = section_data(section, version=1, values={"1.1-q1": "yes"}, **{"1.1-q1-file": pdf("c.pdf", 200)})
    assert save(client, assessment, section, data).status_code == 302
