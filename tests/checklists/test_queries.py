"""Page query counts stay the same however many questions, answers and countries there are."""

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from checklists.assessments.services import assessment_return, assessment_submit
from checklists.models import Answer, Item
from tests.checklists.factories import AssessmentFactory, RoundFactory, answer_all, make_template
from tests.factories import CountryFactory


def queries(client, url) -> int:
    with CaptureQueriesContext(connection) as captured:
        assert client.get(url).status_code == 200
    return len(captured)


def grow(assessment, *, countries: int, questions: int):
    """More questions in every section, answered, and more countries in the round."""
    for section_number, section in enumerate(
        Item.objects.filter(section__recommendation__template=assessment.round.template)
        .values_list("section", flat=True)
        .distinct()
    ):
        for n in range(questions):
            Item.objects.create(section_id=section, key=f"x{section_number}-{n}", text="More?", order=100 + n)
    answer_all(assessment, Answer.Value.NO)
    for n in range(countries):
        other = AssessmentFactory(round=assessment.round, country=CountryFactory(code=f"Z{chr(65 + n)}"))
        answer_all(other)


@pytest.fixture
def returned(assessment, fp_md, staff):
    """A returned assessment shows the most: answers, review comments, timeline, history."""
    answer_all(assessment)
    assessment_submit(assessment=assessment, by=fp_md)
    items = list(Item.objects.filter(section__recommendation__template=assessment.round.template, is_heading=False))
    assessment_return(
        assessment=assessment, by=staff, message="Fix", question_messages={item: "Why?" for item in items[:2]}
    )
    return assessment


@pytest.mark.parametrize("who", ["fp_md", "staff"])
def test_the_assessment_page_query_count_is_constant(returned, who, request, login, django_assert_max_num_queries):
    client = login(request.getfixturevalue(who))
    url = returned.get_absolute_url()
    small = queries(client, url)
    grow(returned, countries=5, questions=10)
    # Session, user, groups; the assessment; recommendations; sections with their comments and version; items
    # with their answers; the timeline with the returns' question comments; action items; for staff the
    # answers' history.
    with django_assert_max_num_queries(10 if who == "staff" else 9):
        client.get(url)
    assert queries(client, url) == small


def test_the_review_page_query_count_is_constant(assessment, fp_md, staff, login, django_assert_max_num_queries):
    answer_all(assessment)
    assessment_submit(assessment=assessment, by=fp_md)
    client, url = login(staff), reverse("checklists:assessment_review", args=[assessment.pk])
    small = queries(client, url)
    grow(assessment, countries=3, questions=10)
    # Session, user, groups; the assessment; recommendations; sections with their comments and version; items
    # with their answers; the timeline.
    with django_assert_max_num_queries(8):
        client.get(url)
    assert queries(client, url) == small


def test_the_round_page_and_lists_query_counts_are_constant(
    assessment, staff, fp_md, login, django_assert_max_num_queries
):
    answer_all(assessment)
    pages = [
        (login(staff), reverse("checklists:round", args=[assessment.round.slug])),
        (login(staff), reverse("checklists:rounds")),
        (login(staff), reverse("checklists:assessments")),
        # The staff home page (the dashboard) is pinned in tests/cjhp/test_dashboard_queries.py.
        (login(fp_md), reverse("home")),
        (login(fp_md), reverse("checklists:assessments")),
        (login(fp_md), assessment.country.get_absolute_url()),
    ]
    small = [queries(client, url) for client, url in pages]
    grow(assessment, countries=8, questions=10)
    RoundFactory(template=make_template())
    # Session, user, groups; the page's own rows; their progress (questions and answers, one query).
    # The country page: session, user, groups; the country with its networks and focal points; its assessments;
    # their questions joined to their answers (the progress, the Yes shares over time and the changes between
    # two rounds all come from these); the projects' and events' panels (projects, results, events,
    # participants: tests/countries/test_country_pages.py).
    for client, url in pages:
        with django_assert_max_num_queries(10):
            client.get(url)
    assert [queries(client, url) for client, url in pages] == small


def test_the_round_page_shows_each_countrys_progress_in_eight_queries(
    assessment, staff, login, django_assert_num_queries
):
    from checklists.assessments.progress import progress_by_assessment

    answer_all(assessment, Answer.Value.NO)
    grow(assessment, countries=3, questions=2)
    client, url = login(staff), reverse("checklists:round", args=[assessment.round.slug])
    # Session, user, groups; the round; the heat map's recommendations, assessments with their countries,
    # questions per recommendation and answer counts, whose sums are also the table's progress.
    with django_assert_num_queries(8):
        response = client.get(url)
    rows = response.context["rows"]
    expected = progress_by_assessment(assessment.round.assessments.all())
    assert len(rows) == 4
    assert [row.country.name for row, _progress in rows] == sorted(row.country.name for row, _progress in rows)
    for row, progress in rows:
        wanted = expected[row.pk]
        assert (progress.total, progress.answered, progress.yes) == (wanted.total, wanted.answered, wanted.yes)
    assert any(progress.answered for _row, progress in rows)


def test_a_section_save_reads_the_checklist_once(assessment, fp_md, login, django_assert_num_queries):
    from checklists.models import Section
    from tests.checklists.factories import section_data

    section = Section.objects.get(recommendation__template=assessment.round.template, number="1.1")
    client, url = login(fp_md), reverse("checklists:assessment_section", args=[assessment.pk, section.pk])
    client.post(url, section_data(section, values={"1.1-q1": "yes"}))
    # Session, user, groups; the assessment; the section; the items with their answers (for the form); the save:
    # savepoint, the assessment locked, the section's response, its answers, its questions, the answer changed and
    # its history, the response and its history, release; then the checklist shown again: recommendations,
    # sections with their comments and version, items with their answers, the timeline.
    data = section_data(section, version=1, values={"1.1-q1": "no"})
    with django_assert_num_queries(20):
        response = client.post(url, data, HTTP_X_SECTION_SAVE="1")
    assert response.status_code == 200
    # Refused for an invalid link, nothing saved: the items read for the form show the page, with its action items.
    # Session, user, groups; the assessment; the section; the items with their answers; recommendations; sections;
    # the timeline; the action items.
    data = section_data(section, version=2, **{"1.1-q1-link": "not a link"})
    with django_assert_num_queries(10):
        response = client.post(url, data)
    assert response.status_code == 400
