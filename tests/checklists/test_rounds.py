"""Staff open a round for the invited countries; each gets its assessment in draft."""

from datetime import date

import pytest
from django.urls import reverse

from checklists.models import Answer, Assessment, AssessmentRound
from tests.checklists.factories import AssessmentFactory, RoundFactory, answer_all
from tests.factories import CountryFactory, NetworkFactory


@pytest.fixture
def see_network(md, ge):
    network = NetworkFactory(name="South-East Europe network")
    network.countries.set([CountryFactory(code=code, name=f"Country {code}") for code in ["HR", "RS", "SI"]])
    CountryFactory(code="UA", name="Ukraine")
    CountryFactory(code="FR", name="France")
    return network


def form_data(template, **changes) -> dict:
    return {
        "name": "SEE follow-up 2027",
        "slug": "",
        "template": template.pk,
        "opens_on": "2027-01-15",
        "deadline": "2027-04-30",
        **changes,
    }


def test_staff_open_a_round_for_the_see_network_plus_moldova_georgia_and_ukraine(template, see_network, staff, login):
    response = login(staff).post(reverse("checklists:round_create"), form_data(template, invite_see="on"))
    assessment_round = AssessmentRound.objects.get()
    assert response.status_code == 302
    assert response["Location"] == reverse("checklists:round", args=["see-follow-up-2027"])
    assert (assessment_round.opens_on, assessment_round.deadline) == (date(2027, 1, 15), date(2027, 4, 30))
    assert assessment_round.created_by == staff
    codes = set(assessment_round.assessments.values_list("country__code", flat=True))
    assert codes == {"HR", "RS", "SI", "MD", "GE", "UA"}
    assert set(assessment_round.assessments.values_list("status", flat=True)) == {Assessment.Status.DRAFT}


def test_staff_pick_countries_one_by_one(template, md, ge, staff, login):
    login(staff).post(reverse("checklists:round_create"), form_data(template, slug="fu-27", countries=[ge.pk]))
    assert list(Assessment.objects.values_list("round__slug", "country__code")) == [("fu-27", "GE")]


@pytest.mark.parametrize(
    ("changes", "message"),
    [
        ({"deadline": "2027-01-01"}, "The deadline cannot come before the opening date."),
        ({"name": "Taken"}, "A round with this name already exists: choose another name."),
        ({"slug": "taken"}, "A round with this short name already exists: choose another one."),
        ({"countries": []}, "Invite at least one country."),
        ({"opens_on": ""}, "This field is required."),
    ],
)
def test_a_round_with_bad_input_is_refused_with_a_clear_message(template, md, staff, login, changes, message):
    RoundFactory(name="Taken", slug="taken", template=template)
    data = form_data(template, countries=[md.pk]) | changes
    response = login(staff).post(reverse("checklists:round_create"), data)
    assert response.status_code == 400
    assert message in response.content.decode()
    assert AssessmentRound.objects.count() == 1
    # What was typed is still there.
    assert 'value="2027-04-30"' in response.content.decode() or "deadline" in changes


def test_the_round_page_shows_each_countrys_status_progress_and_deadline(assessment, ge, staff, login):
    Assessment.objects.create(round=assessment.round, country=ge, status=Assessment.Status.SUBMITTED)
    content = login(staff).get(reverse("checklists:round", args=[assessment.round.slug])).content.decode()
    assert "Republic of Moldova" in content and "Georgia" in content
    assert "Submitted" in content and "Draft" in content
    assert "0/6 (0%)" in content
    assert "31 December 2026" in content


def test_the_round_list_counts_the_countries(assessment, staff, login):
    content = login(staff).get(reverse("checklists:rounds")).content.decode()
    assert assessment.round.name in content
    assert "<td>1</td>" in content


def test_the_round_list_shows_the_latest_twenty_rounds_a_page(template, staff, login):
    for year in range(2000, 2025):
        RoundFactory(template=template, name=f"Round {year}", opens_on=date(year, 3, 1), deadline=date(year, 6, 1))
    client = login(staff)
    first = client.get(reverse("checklists:rounds")).content.decode()
    second = client.get(reverse("checklists:rounds"), {"page": 2}).content.decode()
    assert first.index("Round 2024") < first.index("Round 2023") < first.index("Round 2005")
    assert "Round 2004" not in first and "Page 1 of 2" in first
    assert all(f"Round {year}" in second for year in range(2000, 2005)) and "Round 2005" not in second


def test_the_assessment_list_and_round_page_link_each_row_to_its_assessment(assessment, staff, login):
    client = login(staff)
    for url in (reverse("checklists:assessments"), reverse("checklists:round", args=[assessment.round.slug])):
        html = client.get(url).content.decode()
        assert f'<a href="{assessment.get_absolute_url()}">{assessment.country.name}' in html


def test_the_round_page_shows_each_recommendations_yes_share_and_a_dash_where_nothing_is_answered(
    assessment, ge, staff, login
):
    georgia = AssessmentFactory(round=assessment.round, country=ge)
    answer_all(georgia, Answer.Value.NO)
    page = login(staff).get(reverse("checklists:round", args=[assessment.round.slug])).content.decode()
    table = page[page.index('class="table table--compact table--labelled comparison"') :]
    moldova = table[table.index("Republic of Moldova") :].split("</tr>")[0]
    georgia_row = table[table.index("Georgia") :].split("</tr>")[0]
    recommendations = assessment.round.template.recommendations.count()
    # Moldova answered nothing: no share, not 0%, for the Yes column and each recommendation.
    assert moldova.count('">—</td>') == 1 + recommendations
    assert "0%</td>" in moldova  # answered: 0%
    # Georgia answered No to everything: 0% Yes is a real share.
    assert georgia_row.count('">0%</td>') == 1 + recommendations
    assert "—" not in georgia_row
