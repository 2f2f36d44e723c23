"""The checklist in the countries' languages, end to end: a focal point of Moldova reads section 1.1 in Romanian
with the English beneath, answers it and downloads the PDF in Romanian; staff on French pages read the questions
in French and the country as "République de Moldova"."""

from datetime import date
from pathlib import Path

import pytest
from django.core.management import call_command
from playwright.sync_api import expect
from pypdf import PdfReader

from checklists.definition.translations import translation_save
from checklists.demo import ROMANIAN_1_1
from checklists.models import Answer, Assessment, AssessmentRound, Item, Template, TemplateTranslation
from cjhp.models import User
from countries.models import Country
from tests.factories import PASSWORD, make_focal_point, make_staff

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]

Q1_RO = ROMANIAN_1_1["item.1.1-q1.text"]


@pytest.fixture
def moldova_assessment():
    call_command("load_reference_data", verbosity=0)  # with the portal's French translation
    template = Template.objects.get()
    staff = make_staff("staff")
    translation_save(
        template=template,
        language="ro",
        texts=ROMANIAN_1_1,
        provenance=TemplateTranslation.Provenance.DRAFT,
        note="Unofficial draft",
        by=staff,
    )
    assessment_round = AssessmentRound.objects.create(
        name="SEE follow-up 2026",
        slug="see-follow-up-2026",
        template=template,
        opens_on=date(2026, 1, 1),
        deadline=date(2026, 12, 31),
    )
    make_focal_point("fp-md", Country.objects.get(code="MD"))
    return Assessment.objects.create(round=assessment_round, country=Country.objects.get(code="MD"))


def pdf_text(page, link) -> str:
    with page.expect_download() as started:
        link.click()
    reader = PdfReader(Path(started.value.path()))
    return " ".join(" ".join(p.extract_text().split()) for p in reader.pages)


def test_romanian_for_the_focal_point_french_for_staff(live_server, page, log_in, moldova_assessment):
    assessment = moldova_assessment
    english_q1 = Item.objects.get(key="1.1-q1").text_en

    # fp-md chooses Romanian in Settings: their country's languages come first.
    page = log_in("fp-md", PASSWORD)
    page.goto(f"{live_server.url}/accounts/settings/")
    language = page.get_by_label("Working language of the checklists")
    expect(language.locator("optgroup").first).to_have_attribute("label", "Your country's languages")
    language.select_option("ro")
    page.get_by_role("button", name="Save").click()
    expect(page.get_by_text("saved", exact=False).first).to_be_visible()

    # Section 1.1 in Romanian, the English beneath (open at 1280 px), each with its lang attribute.
    page.goto(f"{live_server.url}{assessment.get_absolute_url()}")
    q1 = page.locator('[id="question-1.1-q1"]')
    expect(q1.locator('[lang="ro"]').first).to_have_text(Q1_RO)
    beneath = q1.locator("details.text-beside")
    expect(beneath.locator('[lang="en"]').first).to_have_text(english_q1)
    expect(beneath.locator('[lang="en"]').first).to_be_visible()
    # Section 2.1 has no Romanian yet: the English is shown, marked.
    expect(page.locator('[id="question-2.1-q1"]').get_by_text("Not yet translated into Romanian")).to_be_visible()

    # They answer in Romanian; the answers saved are those an English page saves.
    q1.get_by_label("Yes").check()
    q1.get_by_text("Note and evidence").click()
    q1.get_by_label("Note").fill("Ordinul nr. 12 al Administrației Naționale a Penitenciarelor")
    page.get_by_role("button", name="Save section 1.1").click()
    expect(page.locator(".checklist-section").get_by_text("Section 1.1 was saved.")).to_be_visible()
    answer = Answer.objects.get(assessment=assessment, item__key="1.1-q1")
    assert (answer.value, answer.note_language) == (Answer.Value.YES, "ro")
    assessment.refresh_from_db()
    assert assessment.language == "ro"

    # The PDF holds the Romanian question, and the English one.
    text = pdf_text(page, page.get_by_role("link", name="Download PDF"))
    assert " ".join(Q1_RO.split()) in text and " ".join(english_q1.split()) in text

    # On a phone the English is folded away.
    page.set_viewport_size({"width": 390, "height": 844})
    page.reload()
    q1 = page.locator('[id="question-1.1-q1"]')
    expect(q1.locator('[lang="ro"]').first).to_be_visible()
    expect(q1.locator("details.text-beside").locator('[lang="en"]').first).to_be_hidden()

    # Staff whose pages are in French: the questions in French, the country in French.
    User.objects.filter(username="staff").update(language="fr")
    page.context.clear_cookies()
    page.set_viewport_size({"width": 1280, "height": 900})
    page = log_in("staff", PASSWORD)
    page.goto(f"{live_server.url}{assessment.get_absolute_url()}")
    expect(page.get_by_role("heading", level=1)).to_contain_text("République de Moldova")
    french_q1 = Item.objects.get(key="1.1-q1").text_fr
    expect(page.locator('[id="question-1.1-q1"]').locator('[lang="fr"]').first).to_have_text(french_q1)
    # …and can show the language the country answered in beside them.
    page.get_by_role("link", name="Afficher aussi les questions en : Roumain").click()
    expect(page.locator('[id="question-1.1-q1"]').locator('[lang="ro"]').first).to_have_text(Q1_RO)
