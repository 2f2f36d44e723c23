"""What the home page and a country's page show of the assessments."""

from django.urls import reverse

from checklists.assessments.services import assessment_return, assessment_submit
from checklists.models import Assessment
from tests.checklists.factories import AssessmentFactory, answer_all, questions


def test_focal_point_home_shows_what_is_due_first(assessment, fp_md, staff, ge, login):
    AssessmentFactory(round=assessment.round, country=ge)
    answer_all(assessment)
    assessment_submit(assessment=assessment, by=fp_md)
    item = questions(assessment.round.template)[0]
    assessment_return(assessment=assessment, by=staff, message="Add the training plan.", question_messages={item: "?"})
    content = login(fp_md).get(reverse("home")).content.decode()
    assert "Your assessments" in content
    assert assessment.get_absolute_url() in content
    assert "Returned" in content and "Deadline: 31 December 2026" in content
    assert "Add the training plan." in content
    assert "1 question to fix." in content
    assert "6 of 6 questions answered (100%)" in content
    assert "Georgia" not in content


def test_approved_assessments_are_no_longer_due(assessment, fp_md, login):
    Assessment.objects.filter(pk=assessment.pk).update(status=Assessment.Status.APPROVED)
    assert "No assessment is waiting for you." in login(fp_md).get(reverse("home")).content.decode()


def test_staff_home_lists_the_assessments_waiting_for_review(assessment, fp_md, staff, login):
    content = login(staff).get(reverse("home")).content.decode()
    assert "Nothing is waiting for review." in content
    answer_all(assessment)
    assessment_submit(assessment=assessment, by=fp_md)
    content = login(staff).get(reverse("home")).content.decode()
    assert "Assessments waiting for review" in content
    assert assessment.get_absolute_url() in content


def test_the_country_page_lists_its_assessments(assessment, fp_md, login):
    content = login(fp_md).get(assessment.country.get_absolute_url()).content.decode()
    assert assessment.round.name in content
    assert assessment.get_absolute_url() in content


def test_focal_point_assessment_list_shows_only_their_country(assessment, ge, fp_md, login):
    other = AssessmentFactory(round=assessment.round, country=ge)
    content = login(fp_md).get(reverse("checklists:assessments")).content.decode()
    assert assessment.get_absolute_url() in content
    assert other.get_absolute_url() not in content


def test_a_user_without_a_role_gets_no_assessments_panel(assessment, outsider, login):
    assert "Your assessments" not in login(outsider).get(reverse("home")).content.decode()


def test_staff_home_review_and_open_round_texts_in_english_and_french(assessment, fp_md, staff, login):
    """The review list says when each assessment was submitted, how long it has waited and how far it is answered."""
    from datetime import timedelta

    from django.utils import timezone

    answer_all(assessment)
    assessment_submit(assessment=assessment, by=fp_md)
    submitted = timezone.now() - timedelta(days=3)
    Assessment.objects.filter(pk=assessment.pk).update(submitted_at=submitted)
    day = timezone.localdate(submitted)
    client = login(staff)
    content = client.get(reverse("home")).content.decode()
    assert f'<a href="{assessment.get_absolute_url()}">' in content
    assert f"submitted on {day.day} {day.strftime('%B')} {day.year} (waiting 3 days) · 100% answered" in content
    content = client.get(reverse("home"), HTTP_ACCEPT_LANGUAGE="fr").content.decode()
    assert "(en attente depuis 3 jours) · 100\u00a0% de réponses" in content
    assert "soumise le " in content
