"""Flows of the programme's pages in Chromium: the dashboard's heat map beside its table, a participant list
with a bad row, the interface in French, and a focal point trying another country's addresses."""

import polib
import pytest
from django.conf import settings
from playwright.sync_api import expect

from checklists.models import Answer, Item
from events.models import Attendance, Participant
from tests.factories import PASSWORD

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


def yes_percent(assessment, recommendation_number: int) -> str:
    """Straight from the database: Yes answers as a share of the recommendation's questions."""
    questions = Item.objects.filter(
        section__recommendation__template=assessment.round.template,
        section__recommendation__number=recommendation_number,
        is_heading=False,
    )
    yes = Answer.objects.filter(assessment=assessment, item__in=questions, value=Answer.Value.YES).count()
    return f"{round(100 * yes / questions.count())}%"


def test_the_dashboards_heat_map_and_its_table_show_the_databases_numbers(live_server, log_in, programme):
    page = log_in("staff", PASSWORD)
    heat_map = page.locator("#heat-map")
    expect(heat_map.locator("svg[role=img]")).to_be_visible()
    expect(heat_map.locator("table caption")).to_contain_text("Yes answers in SEE baseline 2022")
    expected = {
        assessment.country.name: [yes_percent(assessment, number) for number in (1, 2)]
        for assessment in (programme.md_baseline, programme.ge_baseline)
    }
    assert expected == {"Republic of Moldova": ["75%", "100%"], "Georgia": ["75%", "0%"]}
    table = {
        row.locator("th").inner_text(): row.locator("td").all_inner_texts()
        for row in heat_map.locator("table tbody tr").all()
    }
    assert table == expected
    # The chart prints each cell's number after its row's label: the same numbers as the table.
    texts = heat_map.locator("svg text").all_text_contents()
    for country, cells in expected.items():
        start = texts.index(country) + 1
        assert texts[start : start + 2] == cells
    # A row's country leads to that assessment.
    heat_map.get_by_role("link", name="Georgia").click()
    expect(page.get_by_role("heading", level=1)).to_have_text("Georgia · SEE baseline 2022")


def test_a_participant_list_with_one_bad_row_imports_nothing_and_names_the_row(
    live_server, log_in, programme, tmp_path
):
    participants, attendances = Participant.objects.count(), Attendance.objects.count()
    sheet = tmp_path / "participants.csv"
    sheet.write_text(
        "name,email,organisation,country,professional_group,gender,role,attended\n"
        "Ion Bălan,ion@example.md,Pruncul Prison,MD,prison-healthcare,male,participant,yes\n"
        "Doina Lupașcu,doina.example.md,Rusca Prison,MD,prison-staff,female,participant,no\n"
        "Тарас Ковальчук,taras@example.ua,Lviv Institution No. 19,GE,prison-staff,male,trainer,yes\n",
        encoding="utf-8",
    )
    page = log_in("staff", PASSWORD)
    page.goto(f"{live_server.url}/events/tc-training/")
    page.get_by_role("link", name="Import a list").click()
    page.get_by_label("Participant list").set_input_files(sheet)
    page.get_by_role("button", name="Preview the import").click()
    errors = page.get_by_role("alert")
    expect(errors).to_contain_text("Nothing was imported: correct these rows and choose the file again.")
    expect(errors.locator("li")).to_have_text(["Row 3, email: Enter a valid email address."])
    expect(page.get_by_role("button", name="Import these participants")).to_have_count(0)
    assert (Participant.objects.count(), Attendance.objects.count()) == (participants, attendances)


def english_headings() -> set[str]:
    """Interface strings whose French differs: none of them may remain as a heading of a French page."""
    catalogue = polib.pofile(settings.BASE_DIR / "cjhp" / "locale" / "fr" / "LC_MESSAGES" / "django.po")
    return {entry.msgid for entry in catalogue if entry.msgstr and entry.msgstr != entry.msgid}


def assert_french(page, *headings):
    expect(page.locator("html")).to_have_attribute("lang", "fr")
    for heading in headings:
        expect(page.get_by_role("heading", name=heading, exact=True)).to_be_visible()
    shown = {text.strip() for text in page.locator("h1, h2, h3, caption, th, label, button").all_inner_texts()}
    assert not shown & english_headings(), f"{page.url} still in English: {shown & english_headings()}"


def test_staff_use_the_portal_in_french(live_server, log_in, programme):
    page = log_in("staff", PASSWORD)
    page.get_by_role("button", name="FR").click()
    page.wait_for_load_state()
    assert_french(page, f"Bienvenue, {programme.staff.first_name}", "Réponses « Oui » par pays et par recommandation")

    page.get_by_role("navigation", name="Principale").get_by_role("link", name="Pays").click()
    assert_french(page)
    page.get_by_role("link", name="République de Moldova").click()
    assert_french(page, "Adhésion au Groupe Pompidou", "Évaluations")

    page.goto(f"{live_server.url}{programme.md_follow_up.get_absolute_url()}")
    assert_french(page, "Avancement", "Chronologie")
    expect(page.get_by_role("link", name="Télécharger le PDF")).to_be_visible()
    # The choice holds: a new visit is still in French.
    page.goto(f"{live_server.url}/events/")
    expect(page.locator("html")).to_have_attribute("lang", "fr")


def test_a_focal_point_gets_the_portals_not_found_page_for_another_countrys_addresses(live_server, log_in, programme):
    md_assessment = programme.md_baseline
    addresses = [
        "/countries/MD/",
        "/countries/MD/pdf/",
        md_assessment.get_absolute_url(),
        f"/checklists/assessments/{md_assessment.pk}/pdf/",
        f"/checklists/assessments/{md_assessment.pk}/workbook/",
        f"/projects/{programme.md_project.slug}/",
        "/events/tc-training/",
        "/events/tc-training/pdf/",
    ]
    page = log_in("fp-ge", PASSWORD)
    for address in addresses:
        response = page.goto(f"{live_server.url}{address}")
        assert response.status == 404, f"{address}: {response.status}"
        expect(page.get_by_role("heading", level=1)).to_have_text("Page not found")
        # In the portal's layout: its navigation and the user's menu, and no word of Moldova's data.
        expect(page.get_by_role("navigation", name="Main").get_by_role("link", name="Home")).to_be_visible()
        expect(page.locator(".user-menu summary")).to_have_text(str(programme.fp_ge))
        assert "Moldova" not in page.inner_text("main")
    page.get_by_role("link", name="Go to the home page").click()
    expect(page.get_by_role("heading", name="Your country")).to_be_visible()
    expect(page.get_by_role("link", name="Georgia", exact=True)).to_be_visible()
