"""The assessments of a round, the assessments list and the action items export exactly what they show, with
their filters, as CSV and XLSX; a focal point's export holds only their countries' rows."""

import csv
import io
from datetime import date, timedelta

import openpyxl
import pytest
from django.urls import reverse
from django.utils import timezone

from checklists.models import ActionItem, Answer, Assessment
from tests.checklists.factories import AssessmentFactory, RoundFactory, answer_all
from tests.factories import CountryFactory
from tests.formulae import FORMULA, assert_no_formula


def _csv_rows(response) -> list[dict]:
    assert response["Content-Type"].startswith("text/csv")
    assert response.content.startswith("\ufeff".encode())
    return list(csv.DictReader(io.StringIO(response.content.decode("utf-8-sig"))))


def _xlsx_rows(response) -> list[dict]:
    sheet = openpyxl.load_workbook(io.BytesIO(response.content)).active
    header, *rows = sheet.iter_rows(values_only=True)
    return [dict(zip(header, row, strict=True)) for row in rows]


@pytest.fixture
def ge_assessment(assessment_round, ge) -> Assessment:
    return AssessmentFactory(round=assessment_round, country=ge)


def _action(assessment, description, *, due, status=ActionItem.Status.OPEN, responsible="Ministry of Justice"):
    recommendation = assessment.round.template.recommendations.order_by("number").first()
    return ActionItem.objects.create(
        assessment=assessment,
        recommendation=recommendation,
        description=description,
        responsible=responsible,
        due_date=due,
        status=status,
    )


def test_round_export_holds_each_country_with_its_status_and_progress(login, staff, assessment, ge_assessment):
    answer_all(assessment, Answer.Value.YES)
    response = login(staff).get(reverse("checklists:round", kwargs={"slug": assessment.round.slug}), {"export": "csv"})
    assert response["Content-Disposition"].startswith('attachment; filename="cjhp-round-round-2026-')
    rows = {row["country code"]: row for row in _csv_rows(response)}
    assert set(rows) == {"MD", "GE"}
    assert rows["MD"]["country"] == "Republic of Moldova"
    assert rows["MD"]["status"] == "Draft"
    assert (rows["MD"]["questions"], rows["MD"]["answered"], rows["MD"]["yes %"]) == ("6", "6", "100")
    assert (rows["GE"]["answered"], rows["GE"]["answered %"]) == ("0", "0")
    assert rows["MD"]["deadline"] == "2026-12-31"


def test_round_export_reads_its_assessments_and_their_progress_in_one_query(
    login, staff, assessment, ge_assessment, django_assert_num_queries
):
    answer_all(assessment, Answer.Value.YES)
    AssessmentFactory(round=assessment.round, country=CountryFactory(name="Armenia", code="AM"))
    client, url = login(staff), reverse("checklists:round", kwargs={"slug": assessment.round.slug})
    # Session, user, groups; the round; its assessments with their countries and progress (subqueries).
    with django_assert_num_queries(5):
        response = client.get(url, {"export": "csv"})
    rows = _csv_rows(response)
    assert [row["country code"] for row in rows] == ["AM", "GE", "MD"]
    assert {row["round"] for row in rows} == {assessment.round.name}


def test_assessment_list_export_follows_the_round_filter(login, staff, assessment, ge_assessment, md):
    other_round = RoundFactory(template=assessment.round.template, name="Older round")
    AssessmentFactory(round=other_round, country=md)
    response = login(staff).get(reverse("checklists:assessments"), {"round": assessment.round.pk, "export": "xlsx"})
    rows = _xlsx_rows(response)
    assert sorted((row["country code"], row["round"]) for row in rows) == [
        ("GE", "Round 2026"),
        ("MD", "Round 2026"),
    ]


def test_focal_point_assessment_export_holds_only_their_country(login, fp_md, assessment, ge_assessment):
    response = login(fp_md).get(reverse("checklists:assessments"), {"export": "csv"})
    assert [row["country code"] for row in _csv_rows(response)] == ["MD"]


def test_action_item_list_shows_and_exports_the_filtered_items(login, staff, assessment, ge_assessment):
    today = timezone.localdate()
    _action(assessment, "Write the OAT protocol", due=today - timedelta(days=3))
    _action(assessment, "Train the doctors", due=today - timedelta(days=3), status=ActionItem.Status.DONE)
    _action(assessment, "Open a therapeutic community", due=today + timedelta(days=30))
    _action(ge_assessment, "Hire a psychologist", due=today - timedelta(days=1), responsible="Prison service")
    client = login(staff)

    page = client.get(reverse("checklists:action_items"), {"overdue": "on"})
    assert page.status_code == 200
    text = page.content.decode()
    assert "Write the OAT protocol" in text and "Hire a psychologist" in text
    assert "Train the doctors" not in text and "Open a therapeutic community" not in text
    assert f'href="{assessment.get_absolute_url()}#action-items"' in text

    rows = _csv_rows(client.get(reverse("checklists:action_items"), {"overdue": "on", "export": "csv"}))
    assert sorted(row["what will be done"] for row in rows) == ["Hire a psychologist", "Write the OAT protocol"]
    row = next(row for row in rows if row["country code"] == "MD")
    assert (row["status"], row["overdue"], row["round"]) == ("Open", "yes", "Round 2026")
    assert row["by when"] == (today - timedelta(days=3)).isoformat()

    rows = _xlsx_rows(client.get(reverse("checklists:action_items"), {"responsible": "prison", "export": "xlsx"}))
    assert [row["what will be done"] for row in rows] == ["Hire a psychologist"]
    rows = _xlsx_rows(
        client.get(
            reverse("checklists:action_items"),
            {"country": assessment.country.pk, "status": "done", "export": "xlsx"},
        )
    )
    assert [row["what will be done"] for row in rows] == ["Train the doctors"]


def test_focal_point_sees_and_exports_only_their_countrys_action_items(login, fp_md, assessment, ge_assessment):
    _action(assessment, "Write the OAT protocol", due=date(2026, 12, 1))
    _action(ge_assessment, "Hire a psychologist", due=date(2026, 12, 1))
    client = login(fp_md)
    text = client.get(reverse("checklists:action_items")).content.decode()
    assert "Write the OAT protocol" in text and "Hire a psychologist" not in text
    rows = _csv_rows(client.get(reverse("checklists:action_items"), {"export": "csv"}))
    assert [row["what will be done"] for row in rows] == ["Write the OAT protocol"]
    # Georgia's country cannot be chosen as a filter: the form refuses it and shows the focal point's rows.
    rows = _csv_rows(
        client.get(reverse("checklists:action_items"), {"country": ge_assessment.country.pk, "export": "csv"})
    )
    assert [row["what will be done"] for row in rows] == ["Write the OAT protocol"]


def test_action_item_list_queries_stay_constant_as_items_grow(login, staff, assessment, django_assert_max_num_queries):
    client = login(staff)
    for number in range(3):
        _action(assessment, f"Item {number}", due=date(2026, 12, 1))
    # session, user, groups (staff check), the country and round choices, the items with their assessment,
    # country, round, recommendation and question.
    with django_assert_max_num_queries(8) as few:
        client.get(reverse("checklists:action_items"))
    for number in range(20):
        _action(
            AssessmentFactory(country=CountryFactory(), round=assessment.round), f"More {number}", due=date(2026, 12, 1)
        )
    with django_assert_max_num_queries(len(few.captured_queries)):
        client.get(reverse("checklists:action_items"))


def test_action_item_export_holds_every_item_not_only_the_first_page_with_every_column(
    login, staff, assessment, django_assert_num_queries
):
    today = timezone.localdate()
    question = (
        assessment.round.template.recommendations.order_by("number")
        .first()
        .sections.first()
        .items.filter(is_heading=False)
        .first()
    )
    for number in range(60):
        _action(assessment, f"Step {number:02}", due=today + timedelta(days=number - 30))
    ActionItem.objects.filter(description="Step 00").update(item=question, status=ActionItem.Status.IN_PROGRESS)
    ActionItem.objects.filter(description="Step 01").update(status=ActionItem.Status.DONE)
    client = login(staff)
    # session, user, groups (staff check), the action items with their country, round, recommendation and question
    with django_assert_num_queries(4):
        response = client.get(reverse("checklists:action_items"), {"export": "xlsx", "page": "2"})
    rows = _xlsx_rows(response)
    assert len(rows) == 60
    assert list(rows[0]) == [
        "country",
        "country code",
        "round",
        "recommendation",
        "question",
        "what will be done",
        "who is responsible",
        "by when",
        "status",
        "overdue",
    ]
    recommendation = assessment.round.template.recommendations.order_by("number").first()
    first, second, last = rows[0], rows[1], rows[-1]
    assert first == {
        "country": "Republic of Moldova",
        "country code": "MD",
        "round": "Round 2026",
        "recommendation": f"{recommendation.number}. {recommendation.title}",
        "question": question.key,
        "what will be done": "Step 00",
        "who is responsible": "Ministry of Justice",
        "by when": (today - timedelta(days=30)).isoformat(),
        "status": "In progress",
        "overdue": "yes",
    }
    assert (second["status"], second["overdue"], second["question"]) == ("Done", "no", None)  # empty cell
    assert (last["what will be done"], last["overdue"]) == ("Step 59", "no")


def test_exports_are_in_the_language_of_the_page(login, staff, assessment):
    _action(assessment, "Write the OAT protocol", due=timezone.localdate() - timedelta(days=1))
    client = login(staff)
    client.post(reverse("set_language"), {"language": "fr", "next": reverse("checklists:action_items")})
    rows = _csv_rows(client.get(reverse("checklists:action_items"), {"export": "csv"}))
    assert (rows[0]["status"], rows[0]["overdue"]) == ("Ouverte", "oui")


def test_assessment_list_pages_keep_the_filters_and_the_export_holds_every_row(
    login, staff, assessment, ge_assessment, monkeypatch
):
    monkeypatch.setattr("checklists.assessments.views.PAGE_SIZE", 2)
    for number in range(3):
        AssessmentFactory(round=assessment.round, country=CountryFactory(code=f"Q{chr(65 + number)}"))
    AssessmentFactory(
        round=RoundFactory(template=assessment.round.template, name="Older round"), country=CountryFactory()
    )
    client, url = login(staff), reverse("checklists:assessments")
    filters = {"round": assessment.round.pk, "status": Assessment.Status.DRAFT}
    assert Assessment.objects.filter(round=assessment.round, status=Assessment.Status.DRAFT).count() == 5

    first = client.get(url, filters)
    assert first.context["page"].number == 1 and len(first.context["rows"]) == 2
    text = first.content.decode()
    assert "Page 1 of 3" in text
    assert f'href="?round={assessment.round.pk}&amp;status=draft&amp;page=2"' in text

    shown = []
    for number in (1, 2, 3):
        page = client.get(url, {**filters, "page": number})
        shown += [row.pk for row, _progress in page.context["rows"]]
    last = client.get(url, {**filters, "page": 3}).content.decode()
    assert f'href="?round={assessment.round.pk}&amp;status=draft&amp;page=2"' in last and 'rel="next"' not in last
    # Every page shows its rows' progress; together the pages show each matching assessment once.
    assert sorted(shown) == sorted(
        Assessment.objects.filter(round=assessment.round, status=Assessment.Status.DRAFT).values_list("pk", flat=True)
    )

    exported = _csv_rows(client.get(url, {**filters, "export": "csv"}))
    assert len(exported) == 5
    assert {row["round"] for row in exported} == {"Round 2026"}


@pytest.mark.parametrize("file_format", ["csv", "xlsx"])
def test_action_item_export_writes_a_typed_formula_as_text(login, staff, fp_md, assessment, file_format):
    _action(assessment, "Train staff", due=date(2026, 6, 1), responsible=FORMULA)
    response = login(staff).get(reverse("checklists:action_items"), {"export": file_format})
    assert_no_formula(response.content, file_format)
