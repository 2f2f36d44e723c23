"""The staff dashboard shows what the database holds: open rounds, reviews, overdue action items, a round's
heat map, events per year by kind and participants by group and gender; its query count does not grow."""

from datetime import date, timedelta

import pytest
from django.urls import reverse
from django.utils import timezone

from checklists.assessments.progress import Progress, progress_by_assessment
from checklists.assessments.services import assessment_approve, assessment_submit
from checklists.models import ActionItem, Answer, Assessment, Item
from checklists.overview import overdue_action_items, staff_dashboard
from events.models import Event, Gender, ProfessionalGroup
from events.overview import programme_in_numbers
from tests.checklists.factories import AssessmentFactory, RoundFactory, answer_all, make_template, questions
from tests.events.factories import AttendanceFactory, EventFactory, ParticipantFactory
from tests.factories import CountryFactory

TODAY = timezone.localdate()


@pytest.fixture
def known_round(md, ge):
    """A round past its deadline: Moldova still in draft (overdue), Georgia submitted, Armenia approved,
    Albania in draft too (overdue), Serbia returned (overdue)."""
    template = make_template()
    round = RoundFactory(
        template=template, name="Follow-up", opens_on=TODAY - timedelta(days=60), deadline=TODAY - timedelta(days=5)
    )
    am, al, rs = (CountryFactory(code=c, name=n) for c, n in [("AM", "Armenia"), ("AL", "Albania"), ("RS", "Serbia")])
    draft = AssessmentFactory(round=round, country=md)
    items = questions(template)
    for item in items[:3]:  # 3 of 6 answered, 2 Yes
        Answer.objects.create(assessment=draft, item=item, value="yes" if item != items[2] else "no")
    submitted = AssessmentFactory(round=round, country=ge)
    answer_all(submitted)
    assessment_submit(assessment=submitted, by=None)
    approved = AssessmentFactory(round=round, country=am)
    answer_all(approved, "no")
    assessment_submit(assessment=approved, by=None)
    assessment_approve(assessment=approved, by=None)
    AssessmentFactory(round=round, country=al)
    AssessmentFactory(round=round, country=rs, status=Assessment.Status.RETURNED)
    return round


def test_open_rounds_list_each_country_with_status_progress_and_days_left_overdue_first(known_round):
    [open] = staff_dashboard().open_rounds

    assert open.round == known_round
    rows = [(r.assessment.country.code, r.assessment.status, r.progress.answered, r.progress.yes) for r in open.rows]
    # Overdue (still with the country, past the deadline) first, then the others, each by name.
    assert rows == [
        ("AL", "draft", 0, 0),
        ("MD", "draft", 3, 2),
        ("RS", "returned", 0, 0),
        ("AM", "approved", 6, 0),
        ("GE", "submitted", 6, 6),
    ]
    assert [r.days_left for r in open.rows] == [-5] * 5
    assert open.overdue_count == 3
    assert {status: count for status, _label, count in open.status_counts} == {
        "draft": 2,
        "submitted": 1,
        "returned": 1,
        "approved": 1,
    }


def test_a_round_whose_countries_all_handed_in_is_not_open(md):
    round = RoundFactory(template=make_template())
    assessment = AssessmentFactory(round=round, country=md)
    answer_all(assessment)
    assessment_submit(assessment=assessment, by=None)

    assert staff_dashboard().open_rounds == []


def test_the_dashboard_shows_the_open_round_overdue_first(known_round, staff, login):
    page = login(staff).get(reverse("home")).content.decode()

    assert "Open assessment rounds" in page
    assert page.index("Albania") < page.index("Republic of Moldova") < page.index("Serbia") < page.index("Armenia")
    assert "5 days overdue" in page
    assert "3/6 (50%)" in page  # Moldova: 3 of 6 questions answered
    # Waiting for review: Georgia's submission.
    review = page[page.index("Assessments waiting for review") :]
    assert "Georgia · Follow-up" in review


def test_overdue_action_items_are_counted_by_country(known_round, md, ge, staff, login):
    moldova, georgia = known_round.assessments.get(country=md), known_round.assessments.get(country=ge)
    recommendation = known_round.template.recommendations.first()

    def item(assessment, due, status=ActionItem.Status.OPEN):
        ActionItem.objects.create(
            assessment=assessment,
            recommendation=recommendation,
            description="Train",
            responsible="Ministry",
            due_date=due,
            status=status,
        )

    item(moldova, TODAY - timedelta(days=10))
    item(moldova, TODAY - timedelta(days=30), ActionItem.Status.IN_PROGRESS)
    item(moldova, TODAY - timedelta(days=40), ActionItem.Status.DONE)  # done: not overdue
    item(moldova, TODAY + timedelta(days=1))  # not yet due
    item(georgia, TODAY - timedelta(days=2))

    rows = [(row.country_code, row.count, row.oldest_due) for row in overdue_action_items()]
    assert rows == [("MD", 2, TODAY - timedelta(days=30)), ("GE", 1, TODAY - timedelta(days=2))]
    page = login(staff).get(reverse("home")).content.decode()
    overdue = page[page.index("Action items overdue") :]
    assert 'Republic of Moldova</a></td><td class="num">2</td>' in overdue


def test_the_heat_map_cells_are_the_yes_shares_of_each_country_and_recommendation(known_round, staff, login):
    response = login(staff).get(reverse("home"))

    heat_map = response.context["panels"]
    [panel] = [p for p in heat_map if p.template.endswith("home_heat_map.html")]
    assert panel.context["round"] == known_round  # the latest round with answers
    cells = {
        assessment.country.code: [(c.yes, c.total) for c in row]
        for assessment, row in panel.context["heat_map"].table_rows()
    }
    # Recommendation 1 has 4 questions, recommendation 2 has 2. Moldova answered 3 of recommendation 1 (2 Yes).
    assert cells["MD"] == [(2, 4), (0, 2)]
    assert cells["GE"] == [(4, 4), (2, 2)]
    assert cells["AM"] == [(0, 4), (0, 2)]
    page = response.content.decode()
    assert "<svg" in page and "Yes answers in Follow-up" in page
    assert reverse("checklists:round_gaps", args=[known_round.slug]) in page
    chart = panel.context["heat_map"].chart()
    row = chart.rows.index("Republic of Moldova")
    assert chart.values[(row, 0)] == 0.5
    assert chart.values[(row, 1)] is None  # nothing of recommendation 2 answered: no share
    assert chart.values[(chart.rows.index("Georgia"), 1)] == 1.0
    assert chart.values[(chart.rows.index("Albania"), 0)] is None  # nothing answered: no share


def test_the_heat_maps_chart_names_the_countries_in_the_pages_language(known_round, staff, login):
    page = login(staff).get(reverse("home"), headers={"accept-language": "fr"}).content.decode()

    chart = page[page.index("<svg") : page.index("</svg>")]
    assert "République de Moldova" in chart and "Géorgie" in chart
    assert "Republic of Moldova" not in chart


def test_the_heat_map_shows_the_round_chosen_in_the_form(known_round, md, staff, login):
    other = RoundFactory(
        template=make_template(), name="Baseline", opens_on=date(2020, 1, 1), deadline=date(2020, 3, 1)
    )
    answer_all(AssessmentFactory(round=other, country=md), "no")

    response = login(staff).get(reverse("home"), {"round": other.slug})

    [panel] = [p for p in response.context["panels"] if p.template.endswith("home_heat_map.html")]
    assert panel.context["round"] == other
    # An unknown round falls back to the latest one with answers.
    response = login(staff).get(reverse("home"), {"round": "no-such-round"})
    [panel] = [p for p in response.context["panels"] if p.template.endswith("home_heat_map.html")]
    assert panel.context["round"] == known_round


def test_events_are_counted_per_year_and_kind(md, staff, login):
    for year, kind in [(2019, "training"), (2019, "training"), (2019, "conference"), (2021, "training")]:
        EventFactory(starts_on=date(year, 3, 1), kind=kind, country=md)

    table, _participants = programme_in_numbers()

    assert table["kinds"] == [Event.Kind.TRAINING.label, Event.Kind.CONFERENCE.label]
    assert [(row["year"], row["cells"], row["total"]) for row in table["rows"]] == [
        (2019, [2, 1], 3),
        (2021, [1, 0], 1),
    ]
    assert table["totals"] == [3, 1] and table["total"] == 4
    page = login(staff).get(reverse("home")).content.decode()
    assert page.count("Events per year by kind") >= 2 and page.count("<svg") == 1, page


def test_participants_who_attended_are_counted_by_group_and_gender(md):
    event = EventFactory(country=md)
    nurse = ParticipantFactory(professional_group=ProfessionalGroup.PRISON_HEALTHCARE, gender=Gender.FEMALE)
    AttendanceFactory(event=event, participant=nurse)
    AttendanceFactory(event=EventFactory(country=md), participant=nurse)  # twice: still one person
    AttendanceFactory(event=event, participant=ParticipantFactory(professional_group="justice", gender=Gender.MALE))
    AttendanceFactory(event=event, attended=False)  # registered, did not come

    _events, table = programme_in_numbers()

    assert [(row["label"], row["cells"]) for row in table["rows"]] == [
        (ProfessionalGroup.PRISON_HEALTHCARE.label, [1, 0, 0]),
        (ProfessionalGroup.JUSTICE.label, [0, 1, 0]),
    ]
    assert table["total"] == 2


def _grow(n):
    """n more countries, each in a new round with answers, an overdue action item, events and attendances."""
    template = make_template()
    for index in range(n):
        country = CountryFactory()
        round = RoundFactory(template=template, opens_on=TODAY - timedelta(days=index + 10), deadline=TODAY)
        assessment = AssessmentFactory(round=round, country=country)
        answer_all(assessment)
        ActionItem.objects.create(
            assessment=assessment,
            recommendation=template.recommendations.first(),
            description="Train",
            responsible="Ministry",
            due_date=TODAY - timedelta(days=1),
        )
        for year in (2018 + index, 2030):
            AttendanceFactory(event=EventFactory(country=country, starts_on=date(year, 1, 1)))


def test_the_dashboard_query_count_does_not_grow_with_countries_rounds_and_events(
    known_round, staff, login, django_assert_num_queries
):
    client = login(staff)
    _grow(1)
    client.get(reverse("home"))
    # Session, user, groups; member and country counts (one query); the open rounds, the reviews and the heat
    # map together: every round, the recommendations shown with their question counts, the assessments shown
    # with their answers counted by recommendation; overdue action items; upcoming events; events per year and
    # participants (one query).
    with django_assert_num_queries(10):
        client.get(reverse("home"))
    _grow(6)
    with django_assert_num_queries(10):
        client.get(reverse("home"))
    # Another round's heat map: the same queries.
    with django_assert_num_queries(10):
        client.get(reverse("home"), {"round": known_round.slug})


def test_the_heat_map_starts_on_the_latest_round_handed_in_not_on_one_just_opened(known_round, md, staff, login):
    just_opened = RoundFactory(
        template=make_template(), name="Next", opens_on=TODAY, deadline=TODAY + timedelta(days=90)
    )
    draft = AssessmentFactory(round=just_opened, country=md)
    Answer.objects.create(assessment=draft, item=questions(just_opened.template)[0], value="yes")

    response = login(staff).get(reverse("home"))

    [panel] = [p for p in response.context["panels"] if p.template.endswith("home_heat_map.html")]
    assert panel.context["round"] == known_round


def test_the_dashboard_counts_progress_as_every_other_page_does(known_round, md, ge):
    """The dashboard adds each assessment's answers up by recommendation in one query: the same figures as
    progress_by_assessment, the assessment list's and the round page's."""
    # An answer to a heading is not a question's answer; another round's submission waits for review too.
    heading = Item.objects.filter(section__recommendation__template=known_round.template, is_heading=True).first()
    Answer.objects.create(assessment=known_round.assessments.get(country=md), item=heading, value="yes")
    other = RoundFactory(template=make_template(recommendations=3), name="Other", opens_on=date(2020, 1, 1))
    waiting = AssessmentFactory(round=other, country=md)
    answer_all(waiting, "no")
    assessment_submit(assessment=waiting, by=None)

    dashboard = staff_dashboard()

    shown = [(row.assessment, row.progress) for open in dashboard.open_rounds for row in open.rows]
    shown += dashboard.waiting_for_review
    assert {a.pk for a, _progress in dashboard.waiting_for_review} == {
        waiting.pk,
        known_round.assessments.get(country=ge).pk,
    }
    expected = progress_by_assessment([assessment for assessment, _progress in shown])
    assert {assessment.pk: progress for assessment, progress in shown} == expected
    assert expected[known_round.assessments.get(country=md).pk] == Progress(total=6, answered=3, yes=2)


def test_an_empty_round_choice_shows_the_latest_round_with_answers(known_round, staff, login):
    RoundFactory(template=make_template(), name="Baseline", opens_on=date(2020, 1, 1), deadline=date(2020, 3, 1))

    page = login(staff).get(reverse("home"), {"round": ""}).content.decode()

    assert "Yes answers in Follow-up" in page
    assert f'<option value="{known_round.slug}" selected>Follow-up</option>' in page


def test_the_programme_in_numbers_are_the_two_tables_read_in_one_query(md, django_assert_num_queries):
    nurse = ParticipantFactory(professional_group=ProfessionalGroup.PRISON_HEALTHCARE, gender=Gender.FEMALE)
    for year, kind in [(2019, "training"), (2019, "conference"), (2021, "training")]:
        AttendanceFactory(event=EventFactory(starts_on=date(year, 3, 1), kind=kind, country=md), participant=nurse)
    AttendanceFactory(event=EventFactory(country=md, starts_on=date(2021, 5, 1)), attended=False)

    with django_assert_num_queries(1):
        events, participants = programme_in_numbers()

    assert [(row["year"], row["total"]) for row in events["rows"]] == [(2019, 2), (2021, 2)]
    assert [(row["label"], row["cells"]) for row in participants["rows"]] == [
        (ProfessionalGroup.PRISON_HEALTHCARE.label, [1, 0, 0])
    ]
    assert participants["total"] == 1


def test_a_chosen_round_without_invitations_says_so(known_round, staff, login):
    empty = RoundFactory(template=make_template(), name="Empty", opens_on=date(2021, 1, 1), deadline=date(2021, 3, 1))

    page = login(staff).get(reverse("home"), {"round": empty.slug}).content.decode()

    assert "No country was invited to this round." in page
    assert f'<option value="{empty.slug}" selected>Empty</option>' in page
    # The open round is still listed above with its countries.
    assert "Open assessment rounds" in page and "Follow-up" in page
