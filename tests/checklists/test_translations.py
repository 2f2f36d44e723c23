"""Translating a template version: completeness per language, a language's spreadsheet out and back in after a
preview, refused rows, stale previews, frozen versions, and the reference French of the SEE checklist."""

import json

import pytest
import tablib
from django.core.files.uploadedfile import SimpleUploadedFile
from django.core.management import call_command
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from checklists.definition.spreadsheets import read_dataset
from checklists.definition.translations import (
    TranslationStale,
    read_translation_plan,
    template_completeness,
    text_keys,
    translation_apply,
    translation_export,
)
from checklists.models import Item, Recommendation, Section, Template, TemplateTranslation
from checklists.reference import FRENCH_FILE, load_see_checklist
from tests.checklists.factories import make_round, make_template


def filled(content: bytes, texts: dict[str, str], english: dict[str, str] | None = None, extra=()) -> bytes:
    """The exported spreadsheet with translations written in (and, for the tests, English edited, rows added)."""
    dataset = read_dataset(content, "xlsx")
    rows = []
    for values in dataset:
        key = values[0]
        values = list(values)
        if key in texts:
            values[2] = texts[key]
        if english and key in english:
            values[1] = english[key]
        rows.append(values)
    rows.extend([*row, "", ""] for row in extra)
    return tablib.Dataset(*rows, headers=dataset.headers).export("xlsx")


def upload(content: bytes, name="checklist-ro.xlsx") -> SimpleUploadedFile:
    return SimpleUploadedFile(name, content)


def url(name: str, template: Template, **kwargs) -> str:
    return reverse(f"checklists:{name}", kwargs={"pk": template.pk, **kwargs})


def preview(client, template, content, language="ro"):
    return client.post(url("template_translation_import", template), {"language": language, "file": upload(content)})


def token_of(response) -> str:
    return response.context["token"]


ROMANIAN = {
    "recommendation.1.title": "Recomandarea 1",
    "recommendation.1.text": "Textul recomandării 1.",
    "section.1.1.title": "Evaluare",
    "item.1.1-q1.text": "Întrebarea 1?",
    "item.1.1-q1.help_text": "Ajutor pentru întrebarea 1.",
    "item.1.1-qh.text": "Formările vizează:",
}


def test_completeness_counts_questions_recommendations_and_sections_per_language(template):
    first = template.recommendations.get(number=1)
    first.title_ro, first.text_ro = "Recomandarea 1", "Textul recomandării 1."
    first.save()
    second = template.recommendations.get(number=2)
    second.title_ro = "Recomandarea 2"  # no text: the recommendation is not translated yet
    second.save()
    Section.objects.filter(recommendation=first).update(title_ro="Evaluare")
    Item.objects.filter(key__in=["1.1-q1", "1.1-qh", "1.1-qha"], section__recommendation=first).update(text_ro="Tradus")
    Item.objects.filter(key="1.1-q2").update(text_ro="")  # an empty text is no translation

    completeness = {entry.language: entry for entry in template_completeness(template)}

    assert "en" not in completeness and len(completeness) == 13
    assert str(completeness["ro"]) == "Romanian: 3 of 7 questions and headings, 1 of 2 recommendations, 1 of 2 sections"
    assert str(completeness["fr"]) == "French: 0 of 7 questions and headings, 0 of 2 recommendations, 0 of 2 sections"
    assert not completeness["ro"].is_complete


def test_the_export_lists_every_text_with_its_english(template):
    dataset = read_dataset(translation_export(template, "ro"), "xlsx")
    assert dataset.headers == ["template", template.name, template.version, "language", "ro"]
    assert list(dataset[0][:3]) == ["key", "English", "translation (ro)"]
    keys = [row[0] for row in list(dataset)[1:]]
    # Help texts only where the English has one (the odd questions).
    assert keys[:6] == [
        "recommendation.1.title",
        "recommendation.1.text",
        "section.1.1.title",
        "item.1.1-q1.text",
        "item.1.1-q1.help_text",
        "item.1.1-q2.text",
    ]
    assert "item.1.1-q2.help_text" not in keys
    assert list(dataset[4][:2]) == ["item.1.1-q1.text", "Question 1.1-q1?"]


def test_export_fill_import_writes_the_language_columns_only(login, staff, template):
    client = login(staff)
    exported = client.get(url("template_translation_export", template, language="ro"))
    assert exported.status_code == 200
    assert exported["Content-Disposition"].endswith('-ro.xlsx"')

    response = preview(client, template, filled(exported.content, ROMANIAN))
    assert response.status_code == 200
    page = response.content.decode()
    assert response.context["plan"].counts == {"new": 6, "changed": 0, "unchanged": 0, "empty": 9}
    assert "Întrebarea 1?" in page and "Question 1.1-q1?" in page
    assert Item.objects.get(key="1.1-q1").text_ro is None  # nothing saved before the confirmation

    response = client.post(
        url("template_translation_confirm", template),
        {"token": token_of(response), "provenance": "programme", "note": "Translated by the ministry."},
    )
    assert response.status_code == 302
    question = Item.objects.get(key="1.1-q1")
    assert (question.text_ro, question.help_text_ro) == ("Întrebarea 1?", "Ajutor pentru întrebarea 1.")
    assert (question.text_en, question.help_text_en) == ("Question 1.1-q1?", "Help for question 1.")
    recommendation = template.recommendations.get(number=1)
    assert (recommendation.title_ro, recommendation.text_ro) == ("Recomandarea 1", "Textul recomandării 1.")
    assert recommendation.title_en == "Recommendation 1"
    assert Section.objects.get(number="1.1").title_ro == "Evaluare"
    record = TemplateTranslation.objects.get(template=template, language="ro")
    assert (record.provenance, record.note, record.updated_by) == ("programme", "Translated by the ministry.", staff)
    assert record.history.get().history_user == staff

    page = client.get(url("template_detail", template)).content.decode()
    assert "2 of 7 questions and headings, 1 of 2 recommendations, 1 of 2 sections" in page
    assert "The programme&#x27;s translation" in page or "The programme's translation" in page

    # Importing the same file again finds it unchanged; a changed text replaces the old one.
    again = preview(client, template, filled(exported.content, {**ROMANIAN, "item.1.1-q1.text": "Întrebarea unu?"}))
    assert again.context["plan"].counts == {"new": 0, "changed": 1, "unchanged": 5, "empty": 9}
    client.post(url("template_translation_confirm", template), {"token": token_of(again), "provenance": "draft"})
    assert Item.objects.get(key="1.1-q1").text_ro == "Întrebarea unu?"
    assert Item.objects.get(key="1.1-qh").text_ro == "Formările vizează:"


def test_an_empty_translation_is_skipped_and_keeps_the_one_held(login, staff, template):
    Item.objects.filter(key="1.1-q2").update(text_ro="Întrebarea 2?")
    client = login(staff)
    response = preview(client, template, filled(translation_export(template, "ro"), {"item.1.1-q2.text": ""}))
    assert response.context["plan"].counts["unchanged"] == 0  # the export held it: the empty cell is a skip
    client.post(url("template_translation_confirm", template), {"token": token_of(response), "provenance": "draft"})
    assert Item.objects.get(key="1.1-q2").text_ro == "Întrebarea 2?"


def test_one_unknown_key_refuses_the_whole_file_and_names_its_row(login, staff, template):
    client = login(staff)
    content = filled(translation_export(template, "ro"), ROMANIAN, extra=[("item.9.9-q9.text", "?", "Nimic?")])
    response = preview(client, template, content)
    page = response.content.decode()
    assert "Nothing was imported" in page
    assert "item.9.9-q9.text" in page and "<td>18</td>" in page  # the info row, the header, 15 texts, then it
    assert 'name="token"' not in page
    assert not Item.objects.exclude(text_ro=None).exists()
    assert not TemplateTranslation.objects.exists()


def test_a_row_whose_english_changed_since_the_export_is_refused(login, staff, template):
    exported = translation_export(template, "ro")
    Item.objects.filter(key="1.1-q1").update(text_en="Reworded question?")
    response = preview(login(staff), template, filled(exported, ROMANIAN))
    plan = response.context["plan"]
    assert plan.sorted_errors == [(6, ["“item.1.1-q1.text”: the English text changed since the export: export again."])]
    assert 'name="token"' not in response.content.decode()


def test_a_stale_preview_does_not_apply(login, staff, template):
    client = login(staff)
    response = preview(client, template, filled(translation_export(template, "ro"), ROMANIAN))
    token = token_of(response)
    Item.objects.filter(key="1.1-q1").update(text_en="Reworded question?")

    response = client.post(url("template_translation_confirm", template), {"token": token, "provenance": "draft"})
    assert response.status_code == 400
    assert "the English text changed since the export" in response.content.decode()
    assert not Item.objects.exclude(text_ro=None).exists()
    assert not Recommendation.objects.exclude(title_ro=None).exists()
    assert not TemplateTranslation.objects.exists()


def test_applying_a_plan_checks_the_english_again(staff, template):
    plan = read_translation_plan(
        template, "ro", read_dataset(filled(translation_export(template, "ro"), ROMANIAN), "xlsx")
    )
    Recommendation.objects.filter(template=template, number=1).update(text_en="Another text.")
    with pytest.raises(TranslationStale):
        translation_apply(plan=plan, provenance="draft", note="", by=staff)
    assert not Item.objects.exclude(text_ro=None).exists()


def test_a_frozen_version_accepts_a_translation(login, staff, template):
    make_round(template)
    assert template.is_frozen
    client = login(staff)
    response = preview(
        client, template, filled(translation_export(template, "fr"), {"item.1.1-q1.text": "Question ?"}), "fr"
    )
    client.post(url("template_translation_confirm", template), {"token": token_of(response), "provenance": "portal"})
    assert Item.objects.get(key="1.1-q1").text_fr == "Question ?"


def test_a_file_for_another_language_or_template_is_refused_and_the_form_kept(login, staff, template):
    client = login(staff)
    response = preview(client, template, filled(translation_export(template, "ro"), ROMANIAN), language="fr")
    assert response.status_code == 200
    page = response.content.decode()
    assert "This file holds the Romanian translation, not the French one" in page
    assert response.context["form"]["language"].value() == "fr"

    other = make_template(version="another")
    response = preview(client, template, translation_export(other, "ro"))
    assert "not for this version: export this version again" in response.content.decode()

    response = client.post(
        url("template_translation_import", template), {"language": "ro", "file": upload(b"not a zip", "ro.xlsx")}
    )
    assert "could not be read as a XLSX spreadsheet" in response.content.decode()
    response = client.post(
        url("template_translation_import", template), {"language": "ro", "file": upload(b"x", "ro.pdf")}
    )
    assert "The file must end in .csv or .xlsx." in response.content.decode()
    assert not TemplateTranslation.objects.exists()


def test_focal_points_cannot_reach_translations(login, fp_md, template):
    client = login(fp_md)
    assert client.get(url("template_translation_export", template, language="ro")).status_code == 403
    assert client.get(url("template_translation_import", template)).status_code == 403
    content = filled(translation_export(template, "ro"), ROMANIAN)
    assert preview(client, template, content).status_code == 403
    assert client.post(url("template_translation_confirm", template), {"token": "x"}).status_code == 403
    assert not TemplateTranslation.objects.exists()


def test_english_is_no_language_to_export(login, staff, template):
    assert login(staff).get(url("template_translation_export", template, language="en")).status_code == 404


def _held(template, languages):
    for code in languages:
        Item.objects.filter(section__recommendation__template=template).update(**{f"text_{code}": "…"})
        TemplateTranslation.objects.create(template=template, language=code, updated_by=None)


@pytest.mark.parametrize("languages", [["ro"], ["ro", "fr", "ka", "uk", "tr"]])
def test_the_translations_panel_costs_the_same_queries_whatever_the_languages(login, staff, template, languages):
    _held(template, languages)
    with CaptureQueriesContext(connection) as queries:
        template_completeness(template)
    # The counts for every language at once, then the translations with who changed them.
    assert len(queries) == 2


def test_the_version_page_costs_the_same_queries_with_one_or_five_languages(login, staff, template):
    client = login(staff)
    page = url("template_detail", template)
    client.get(page)  # the session's first request records the sign-in
    _held(template, ["ro"])
    with CaptureQueriesContext(connection) as one:
        client.get(page)
    _held(template, ["fr", "ka", "uk", "tr"])
    with CaptureQueriesContext(connection) as five:
        response = client.get(page)
    assert len(five) == len(one)
    assert response.content.decode().count("7 of 7 questions") == 5


def test_reference_french_covers_every_text_of_the_see_checklist(db):
    load_see_checklist()
    template = Template.objects.get()
    keys = text_keys(template, "fr")
    assert keys and all(text.translation for text in keys), [text.key for text in keys if not text.translation]
    french = json.loads(FRENCH_FILE.read_text(encoding="utf-8"))
    assert set(french) == {text.key for text in keys}
    record = TemplateTranslation.objects.get(template=template, language="fr")
    assert record.provenance == TemplateTranslation.Provenance.PORTAL
    assert "not the programme" in record.note
    assert Item.objects.get(key="1.1-q1").text_en.startswith("Is the content of existing training curricula")


def test_reference_french_reaches_an_existing_install_once(db):
    load_see_checklist()
    Item.objects.update(text_fr=None)
    TemplateTranslation.objects.all().delete()

    assert load_see_checklist() == {"checklist templates": 0, "checklist translations": 1}
    assert not Item.objects.filter(text_fr=None).exists()
    Item.objects.filter(key="1.1-q1").update(text_fr="Changé par l’équipe")
    assert load_see_checklist() == {"checklist templates": 0, "checklist translations": 0}
    assert Item.objects.get(key="1.1-q1").text_fr == "Changé par l’équipe"
    assert TemplateTranslation.objects.filter(language="fr").count() == 1


def test_the_demo_holds_a_romanian_draft_of_section_1_1(db, settings):
    settings.DEBUG = True
    call_command("load_demo", verbosity=0)
    template = Template.objects.get()
    record = TemplateTranslation.objects.get(template=template, language="ro")
    assert (record.provenance, record.note, record.updated_by.username) == (
        "draft",
        "Unofficial draft for demonstration",
        "staff",
    )
    section = Section.objects.get(recommendation__template=template, number="1.1")
    assert section.title_ro == "Evaluare"
    assert all(item.text_ro for item in section.items.all())
    assert not Item.objects.filter(section__number="2.1").exclude(text_ro=None).exists()
    romanian = {entry.language: entry for entry in template_completeness(template)}["ro"]
    assert (romanian.questions, romanian.recommendations, romanian.sections) == (8, 1, 1)

    call_command("load_demo", verbosity=0)
    assert TemplateTranslation.objects.filter(language="ro").get().history.count() == 1
