"""Saving a section: answers, notes, comments and evidence, guarded by the section's version number."""

import re
from html.parser import HTMLParser

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse

from checklists.assessments.services import assessment_submit
from checklists.models import Answer, Section, SectionResponse
from tests.checklists.factories import answer_all, make_template, section_data
from tests.factories import make_focal_point


@pytest.fixture
def section(assessment) -> Section:
    return Section.objects.get(recommendation__template=assessment.round.template, number="1.1")


def save(client, assessment, section, data, **headers):
    return client.post(reverse("checklists:assessment_section", args=[assessment.pk, section.pk]), data, **headers)


def values(assessment) -> dict:
    return dict(Answer.objects.filter(assessment=assessment).values_list("item__key", "value"))


def checked(content: str, section, item_key: str) -> str:
    """The value of the checked radio button of a question in the rendered form."""
    item = section.items.get(key=item_key)
    radios = re.findall(rf'<input type="radio" name="s{section.pk}-q{item.pk}-value"[^>]*>', content)
    return next(re.search(r'value="([^"]*)"', radio).group(1) for radio in radios if "checked" in radio)


class SectionInputs(HTMLParser):
    """The inputs of the section's form in a page: each one's name, type and attributes (not its value), and what a
    browser posts from them (checked radio buttons and boxes, text areas, other inputs but files)."""

    # What an input holds, or says about the input's errors: not part of what the input is.
    STATE = {"value", "checked", "aria-invalid", "aria-describedby"}

    def __init__(self, content: str, action: str):
        super().__init__()
        self.action, self.inside, self.textarea = action, False, None
        self.fields, self.posted = [], {}
        self.feed(content)

    def handle_starttag(self, tag, attrs):
        attrs = dict(attrs)
        if tag == "form":
            self.inside = attrs.get("action") == self.action
        if not self.inside or tag not in ("input", "textarea") or attrs.get("name") == "csrfmiddlewaretoken":
            return
        name, kind = attrs["name"], attrs.get("type", tag)
        shape = {key: value for key, value in attrs.items() if key not in self.STATE}
        self.fields.append((name, kind, attrs.get("value") if kind == "radio" else None, sorted(shape.items())))
        if tag == "textarea":
            self.textarea, self.posted[name] = name, ""
        elif kind in ("radio", "checkbox"):
            if "checked" in attrs:
                self.posted[name] = attrs.get("value", "on")
        elif kind != "file":
            self.posted[name] = attrs.get("value", "")

    def handle_data(self, data):
        if self.textarea:
            self.posted[self.textarea] += data

    def handle_endtag(self, tag):
        if tag == "textarea" and self.textarea:
            # A browser drops the new line that follows <textarea>.
            self.posted[self.textarea] = self.posted[self.textarea].removeprefix("\n")
            self.textarea = None
        elif tag == "form":
            self.inside = False


def answer_every_kind(assessment, section) -> None:
    """Yes with a note to escape, No with a link, an answer with an evidence file, a question not answered."""
    items = list(section.items.filter(is_heading=False).order_by("order"))
    Answer.objects.create(assessment=assessment, item=items[0], value="yes", note='Law <b>"2021"</b> & decree')
    Answer.objects.create(
        assessment=assessment, item=items[1], value="no", evidence_link="https://example.org/?a=1&b=2"
    )
    Answer.objects.create(
        assessment=assessment, item=items[2], value="", evidence_file=SimpleUploadedFile("plan.pdf", b"%PDF-1.4")
    )
    SectionResponse.objects.create(assessment=assessment, section=section, comments="Seen <with> the ministry")


def test_the_form_re_shown_after_a_refused_save_posts_what_the_page_as_loaded_posts(assessment, section, fp_md, login):
    answer_every_kind(assessment, section)
    colleague = make_focal_point("fp-md-2", assessment.country)
    action = reverse("checklists:assessment_section", args=[assessment.pk, section.pk])
    loaded = SectionInputs(login(fp_md).get(assessment.get_absolute_url()).content.decode(), action)
    items = list(section.items.filter(is_heading=False).order_by("order"))
    link, remove_file = f"s{section.pk}-q{items[0].pk}-link", f"s{section.pk}-q{items[2].pk}-remove_file"
    assert (remove_file, "checkbox", None) in [field[:3] for field in loaded.fields]
    assert loaded.posted[f"s{section.pk}-q{items[0].pk}-note"] == 'Law <b>"2021"</b> & decree'
    assert loaded.posted[f"s{section.pk}-q{items[1].pk}-value"] == "no"
    assert loaded.posted[f"s{section.pk}-comments"] == "Seen <with> the ministry"
    # A validation error: the same inputs, holding what was posted.
    response = save(login(fp_md), assessment, section, {**loaded.posted, link: "not a link", remove_file: "on"})
    assert response.status_code == 400
    refused = SectionInputs(response.content.decode(), action)
    assert refused.fields == loaded.fields
    assert refused.posted == {**loaded.posted, link: "not a link", remove_file: "on"}
    # A colleague saved meanwhile: the same inputs again, now carrying the section's new version.
    value = f"s{section.pk}-q{items[3].pk}-value"
    save(login(colleague), assessment, section, {**loaded.posted, value: "yes"})
    response = save(login(fp_md), assessment, section, loaded.posted, HTTP_X_SECTION_SAVE="1")
    assert response.status_code == 409
    conflict = SectionInputs(response.content.decode(), action)
    assert conflict.fields == loaded.fields
    assert conflict.posted == {**loaded.posted, f"s{section.pk}-version": "1"}


def test_saving_the_page_as_loaded_keeps_every_answer(assessment, section, fp_md, login):
    answer_every_kind(assessment, section)
    fields = ["item__key", "value", "note", "evidence_link", "evidence_file"]
    before = list(Answer.objects.filter(assessment=assessment).order_by("item__order").values_list(*fields))
    client = login(fp_md)
    action = reverse("checklists:assessment_section", args=[assessment.pk, section.pk])
    loaded = SectionInputs(client.get(assessment.get_absolute_url()).content.decode(), action)
    assert save(client, assessment, section, loaded.posted).status_code == 302
    assert list(Answer.objects.filter(assessment=assessment).order_by("item__order").values_list(*fields)) == before
    assert SectionResponse.objects.get(assessment=assessment, section=section).comments == "Seen <with> the ministry"


def test_the_progress_bars_show_the_checklist_and_each_recommendation_in_english_and_french(
    assessment, section, fp_md, login
):
    client = login(fp_md)
    page = client.get(assessment.get_absolute_url()).content.decode()
    recommendations = assessment.round.template.recommendations.count()
    assert page.count('<div class="progress">') == 1 + recommendations
    assert "0 of 6 questions answered (0%)" in page and "Yes: 0 (0% of the questions)" in page
    save(client, assessment, section, section_data(section, values={"1.1-q1": "yes", "1.1-q2": "no"}))
    page = client.get(assessment.get_absolute_url(), headers={"accept-language": "fr"}).content.decode()
    assert '<progress max="100" value="33" aria-label="Répondu">33%</progress>' in page
    assert "2 questions sur 6 répondues (33 %)" in page and "Oui : 1 (17 % des questions)" in page
    assert "questions answered" not in page


def test_focal_point_saves_a_section(assessment, section, fp_md, login):
    data = section_data(
        section, values={"1.1-q1": "yes", "1.1-q2": "no"}, comments="Training plan 2026", **{"1.1-q2-note": "Not yet"}
    )
    response = save(login(fp_md), assessment, section, data)
    assert response.status_code == 302
    assert response["Location"].endswith(f"#section-{section.pk}")
    assert values(assessment) == {"1.1-q1": "yes", "1.1-q2": "no"}
    assert Answer.objects.get(assessment=assessment, item__key="1.1-q2").note == "Not yet"
    saved = SectionResponse.objects.get(assessment=assessment, section=section)
    assert (saved.version, saved.comments, saved.updated_by) == (1, "Training plan 2026", fp_md)
    content = login(fp_md).get(assessment.get_absolute_url()).content.decode()
    assert "2 of 6 questions answered (33%)" in content  # 2 questions and 2 sub-questions in 1.1, 2 in 2.1
    assert "Yes: 1 (17% of the questions)" in content


def test_the_section_script_gets_the_section_and_the_progress_back(assessment, section, fp_md, login):
    data = section_data(section, values={"1.1-q1": "yes"})
    response = save(login(fp_md), assessment, section, data, HTTP_X_SECTION_SAVE="1")
    content = response.content.decode()
    assert response.status_code == 200
    assert f'id="section-{section.pk}"' in content
    assert 'id="progress-overview"' in content
    assert f'id="progress-recommendation-{section.recommendation_id}"' in content
    assert "Section 1.1 was saved." in content
    assert "<html" not in content


def test_a_second_save_on_a_stale_version_is_refused_and_keeps_both_peoples_data(assessment, section, fp_md, login):
    colleague = make_focal_point("fp-md-2", assessment.country, first_name="Ion")
    # Both opened the page at version 0; Ana saves first.
    save(login(fp_md), assessment, section, section_data(section, values={"1.1-q1": "yes"}, comments="Ana's"))
    mine = section_data(section, values={"1.1-q1": "no", "1.1-q2": "yes"}, comments="Ion's")
    response = save(login(colleague), assessment, section, mine)
    content = response.content.decode()
    assert response.status_code == 409
    # Nothing of Ion's save was applied: Ana's answers and comments are intact.
    assert values(assessment) == {"1.1-q1": "yes"}
    assert SectionResponse.objects.get(assessment=assessment, section=section).comments == "Ana's"
    # Ion is told what changed meanwhile, by whom, old → new ...
    assert "Someone else saved this section after you opened it" in content
    assert f"<strong>{fp_md}</strong>" in content
    assert "1.1-q1: answer “Not answered yet” → “Yes”" in content
    assert "comments “—” → “Ana&#x27;s”" in content
    assert content.count("Saved meanwhile:") == 1  # at 1.1-q1, the only question Ana changed
    # ... and his own input is still in the form, now carrying the current version.
    assert checked(content, section, "1.1-q1") == "no"
    assert checked(content, section, "1.1-q2") == "yes"
    assert "Ion&#x27;s" in content
    assert f'name="s{section.pk}-version" value="1"' in content
    # Having seen the changes, he saves his version on top of Ana's.
    assert save(login(colleague), assessment, section, {**mine, f"s{section.pk}-version": "1"}).status_code == 302
    assert values(assessment) == {"1.1-q1": "no", "1.1-q2": "yes"}
    assert SectionResponse.objects.get(assessment=assessment, section=section).version == 2


def test_a_stale_form_after_submission_is_refused(assessment, section, fp_md, login):
    answer_all(assessment, "no")
    assessment_submit(assessment=assessment, by=fp_md)
    client = login(fp_md)
    response = save(client, assessment, section, section_data(section, values={"1.1-q1": "yes"}))
    assert response.status_code == 302
    assert set(values(assessment).values()) == {"no"}
    page = client.get(response["Location"]).content.decode()
    assert "it can no longer be changed, and nothing you sent was saved" in page
    # Submitted assessments are read-only for the focal point: no section forms.
    assert "Save section" not in page
    fragment = save(login(fp_md), assessment, section, section_data(section), HTTP_X_SECTION_SAVE="1")
    assert fragment.status_code == 409
    assert "nothing you sent was saved" in fragment.content.decode()


def test_every_change_of_an_answer_is_kept_and_shown_to_staff(assessment, section, fp_md, staff, login):
    client = login(fp_md)
    save(client, assessment, section, section_data(section, values={"1.1-q1": "yes"}))
    save(client, assessment, section, section_data(section, version=1, values={"1.1-q1": "no"}))
    # Saving again without a change adds no history row.
    save(client, assessment, section, section_data(section, version=2, values={"1.1-q1": "no"}))
    answer = Answer.objects.get(assessment=assessment, item__key="1.1-q1")
    rows = list(answer.history.order_by("history_date").values_list("value", "history_user__username"))
    assert rows == [("yes", "fp-md"), ("no", "fp-md")]
    staff_page = login(staff).get(assessment.get_absolute_url()).content.decode()
    assert "History of the answers" in staff_page
    assert "answer: “Yes” → “No”" in staff_page
    assert "History of the answers" not in client.get(assessment.get_absolute_url()).content.decode()


def test_staff_see_the_answers_read_only(assessment, section, staff, login):
    Answer.objects.create(assessment=assessment, item=section.items.get(key="1.1-q1"), value="yes", note="Since 2024")
    content = login(staff).get(assessment.get_absolute_url()).content.decode()
    assert "Save section" not in content
    assert "Since 2024" in content
    assert "These questions were drafted from the recommendation" in content


def test_an_evidence_file_is_stored_and_served_only_to_those_who_may_see_it(assessment, section, fp_md, fp_ge, login):
    upload = SimpleUploadedFile("training report.pdf", b"%PDF-1.4 report", content_type="application/pdf")
    data = section_data(section, values={"1.1-q1": "yes"}, **{"1.1-q1-file": upload})
    assert save(login(fp_md), assessment, section, data).status_code == 302
    answer = Answer.objects.get(assessment=assessment, item__key="1.1-q1")
    assert answer.evidence_file.name.startswith(f"evidence/{assessment.pk}/")
    url = reverse("checklists:assessment_evidence", args=[assessment.pk, answer.pk])
    response = login(fp_md).get(url)
    assert response.status_code == 200
    assert b"".join(response.streaming_content) == b"%PDF-1.4 report"
    assert "attachment" in response["Content-Disposition"]
    assert login(fp_ge).get(url).status_code == 404


@pytest.mark.parametrize(
    ("name", "content", "limit", "message"),
    [
        ("script.exe", b"MZ", 1000, "“script.exe” cannot be uploaded: send a PDF"),
        ("big.pdf", b"x" * 2000, 1000, "“big.pdf” is 2.0\xa0KB: files may be up to 1000\xa0bytes."),
    ],
)
def test_a_forbidden_or_too_large_file_is_refused_and_the_rest_is_kept(
    assessment, section, fp_md, login, settings, name, content, limit, message
):
    settings.FILE_UPLOAD_MAX_SIZE = limit
    data = section_data(
        section,
        values={"1.1-q1": "yes", "1.1-q2": "no"},
        comments="Kept comments",
        **{"1.1-q1-file": SimpleUploadedFile(name, content), "1.1-q2-note": "Kept note"},
    )
    response = save(login(fp_md), assessment, section, data)
    page = response.content.decode()
    assert response.status_code == 400
    assert message in page
    assert "This section was not saved" in page
    assert checked(page, section, "1.1-q2") == "no"
    assert "Kept note" in page and "Kept comments" in page
    assert not Answer.objects.filter(assessment=assessment).exists()


def test_an_invalid_link_is_refused_with_a_message(assessment, section, fp_md, login):
    data = section_data(section, values={"1.1-q1": "yes"}, **{"1.1-q1-link": "not a link"})
    response = save(login(fp_md), assessment, section, data)
    assert response.status_code == 400
    assert "Enter a valid URL." in response.content.decode()
    assert not Answer.objects.exists()


def test_a_section_of_another_template_is_not_found(assessment, fp_md, login):
    other = Section.objects.filter(recommendation__template=make_template()).first()
    assert save(login(fp_md), assessment, other, section_data(other, values={"1.1-q1": "yes"})).status_code == 404
    assert not Answer.objects.exists()


def test_each_section_form_posts_to_its_own_address(assessment, fp_md, login):
    page = login(fp_md).get(assessment.get_absolute_url()).content.decode()
    sections = Section.objects.filter(recommendation__template=assessment.round.template)
    actions = re.findall(r'<form method="post" enctype="multipart/form-data" action="([^"]*)"', page)
    assert actions and sorted(actions) == sorted(
        reverse("checklists:assessment_section", args=[assessment.pk, section.pk]) for section in sections
    )
