"""A focal point's home: their country's open assessments with deadline and progress, what staff returned and
why, their open action items and their country's coming events — never another country's."""

from datetime import timedelta

from django.urls import reverse
from django.utils import timezone

from checklists.assessments.progress import Progress, progress_by_assessment, progress_of, with_progress
from checklists.assessments.services import assessment_return, assessment_submit
from checklists.models import ActionItem, Answer, Assessment, Item
from tests.checklists.factories import AssessmentFactory, RoundFactory, answer_all, make_template, questions
from tests.events.factories import EventFactory
from tests.projects.factories import ProjectFactory

TODAY = timezone.localdate()


def _returned(country, staff, message, question_message, name=None):
    template = make_template()
    name = name or f"Round of {country.code}"
    round = RoundFactory(template=template, name=name, deadline=TODAY + timedelta(days=12))
    assessment = AssessmentFactory(round=round, country=country)
    answer_all(assessment)
    assessment_submit(assessment=assessment, by=None)
    item = Item.objects.get(section__recommendation__template=template, key="1.1-q2")
    assessment_return(assessment=assessment, by=staff, message=message, question_messages={item: question_message})
    ActionItem.objects.create(
        assessment=assessment,
        recommendation=template.recommendations.first(),
        description=f"Train the doctors of {country.name}",
        responsible="Ministry",
        due_date=TODAY - timedelta(days=3),
    )
    EventFactory(country=country, title=f"Seminar in {country.name}", starts_on=TODAY + timedelta(days=7))
    return assessment


def test_a_focal_point_sees_what_is_due_from_their_country_and_nothing_of_another(md, ge, fp_md, staff, login):
    _returned(md, staff, "Please add the protocols.", "Which protocol is meant?")
    _returned(ge, staff, "Georgian evidence missing.", "Georgian question comment")
    # A regional project with Moldova holds an event in Georgia: Moldova may open it, but it is not theirs.
    regional = ProjectFactory(title="Regional project")
    regional.countries.add(md, ge)
    EventFactory(country=ge, title="Regional meeting in Tbilisi", starts_on=TODAY + timedelta(days=3)).projects.add(
        regional
    )

    page = login(fp_md).get(reverse("home")).content.decode()

    assert "Round of MD · Republic of Moldova" in page
    assert "12 days left" in page
    assert "Please add the protocols." in page
    assert "1.1-q2" in page and "Which protocol is meant?" in page
    assert "Train the doctors of Republic of Moldova" in page and "overdue since" in page
    assert "Seminar in Republic of Moldova" in page
    for other in [
        "Georgia",
        "Regional meeting in Tbilisi",
        "Round of GE",
        "Georgian evidence missing.",
        "Georgian question comment",
    ]:
        assert other not in page
    # Nor any of the staff dashboard.
    assert "Open assessment rounds" not in page and "Yes answers by country" not in page


def test_each_question_to_fix_links_to_that_question_on_the_assessment_page(md, fp_md, staff, login):
    assessment = _returned(md, staff, "Please add the protocols.", "Which protocol is meant?")
    client = login(fp_md)
    page = client.get(reverse("home")).content.decode()
    link = f"{assessment.get_absolute_url()}#question-1.1-q2"
    assert f'<a href="{link}"><span class="question__key">1.1-q2</span>' in page
    assert 'id="question-1.1-q2"' in client.get(assessment.get_absolute_url()).content.decode()


def test_what_is_due_comes_before_the_link_to_the_country(login, fp_md, md):
    AssessmentFactory(round=RoundFactory(template=make_template()), country=md)
    page = login(fp_md).get(reverse("home")).content.decode()
    assert page.index("Your assessments") < page.index("Your country")


def test_a_focal_points_home_query_count_does_not_grow(md, fp_md, staff, login, django_assert_num_queries):
    _returned(md, staff, "Please add the protocols.", "Which protocol is meant?")
    client = login(fp_md)
    client.get(reverse("home"))
    # Session, user, groups; their countries; their open assessments with progress (one query); the latest
    # returns with who returned them, and the questions commented; open action items; coming events.
    with django_assert_num_queries(9):
        client.get(reverse("home"))
    for index in range(3):
        _returned(md, staff, "More to add.", "Which one?", name=f"Round {index}")
    with django_assert_num_queries(9):
        page = client.get(reverse("home")).content.decode()
    assert page.count("Which one?") == 3


def test_progress_read_with_the_assessments_is_the_same_as_progress_by_assessment(md, ge, staff):
    returned = _returned(md, staff, "Please add the protocols.", "Which protocol is meant?")
    draft = AssessmentFactory(round=returned.round, country=ge)
    Answer.objects.create(assessment=draft, item=questions(returned.round.template)[0], value="no")

    read = list(with_progress(Assessment.objects.order_by("pk")))

    assert {a.pk: progress_of(a) for a in read} == progress_by_assessment(read)
    assert progress_of(read[1]) == Progress(total=6, answered=1, yes=0)


def test_the_home_page_lists_the_ten_action_items_due_first_and_links_to_all(md, fp_md, staff, login):
    assessment = _returned(md, staff, "Please add the protocols.", "Which protocol is meant?")
    recommendation = assessment.round.template.recommendations.first()
    for day in range(12):
        ActionItem.objects.create(
            assessment=assessment,
            recommendation=recommendation,
            description=f"Step due in {day + 1} days",
            due_date=TODAY + timedelta(days=day + 1),
        )
    page = login(fp_md).get(reverse("home")).content.decode()
    by_due = ActionItem.objects.filter(assessment__country=md).order_by("due_date", "pk")
    assert by_due.count() > 10
    shown = [action.description for action in by_due if f">{action.description}<" in page]
    assert shown == [action.description for action in by_due[:10]]
    assert f'<a href="{reverse("checklists:action_items")}">All your country\'s action items</a>' in page


def test_each_open_action_item_links_to_its_page_with_its_day(md, fp_md, staff, login):
    first = _returned(md, staff, "Please add the protocols.", "Which protocol is meant?")
    second = _returned(md, staff, "More to add.", "Which one?", name="Second round")
    later = ActionItem.objects.create(
        assessment=second,
        recommendation=second.round.template.recommendations.first(),
        description="Write the protocol",
        due_date=TODAY + timedelta(days=30),
        status=ActionItem.Status.IN_PROGRESS,
    )
    page = login(fp_md).get(reverse("home")).content.decode()
    for action in ActionItem.objects.filter(assessment__in=[first, second]):
        assert f'<a href="{reverse("checklists:action_item", args=[action.assessment_id, action.pk])}">' in page
    due = (TODAY + timedelta(days=30)).strftime("%-d %B %Y")
    assert f'In progress ·</span>\n      <span class="muted">due {due}</span>' in page
    assert later.description in page
