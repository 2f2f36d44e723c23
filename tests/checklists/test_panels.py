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


def test_staff_home_lists_the_ten_waiting_longest_and_links_to_all(template, md, staff, login):
    """Twelve rounds' submissions of one country: the dashboard names the ten submitted first and links to the
    assessment list of every one waiting."""
    from datetime import timedelta

    from django.utils import timezone

    from tests.checklists.factories import RoundFactory

    waiting = []
    for days in range(12):
        submitted = AssessmentFactory(round=RoundFactory(template=template, name=f"Round of {days}"), country=md)
        Assessment.objects.filter(pk=submitted.pk).update(
            status=Assessment.Status.SUBMITTED, submitted_at=timezone.now() - timedelta(days=30 + days)
        )
        waiting.append(submitted)
    content = login(staff).get(reverse("home")).content.decode()
    review = content.split('id="review-heading"')[1].split("</section>")[0]
    for longest in waiting[2:]:
        assert longest.get_absolute_url() in review
    for latest in waiting[:2]:
        assert latest.get_absolute_url() not in review
    all_waiting = reverse("checklists:assessments") + "?status=submitted"
    assert f'href="{all_waiting}">All 12 assessments waiting for review' in review


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


def test_the_country_page_shows_the_latest_ten_rounds_and_links_to_every_assessment(template, md, ge, staff, login):
    from datetime import date

    from tests.checklists.factories import RoundFactory

    rounds = [
        RoundFactory(template=template, name=f"Round {year}", opens_on=date(year, 1, 1), deadline=date(year, 6, 1))
        for year in range(2010, 2022)
    ]
    assessments = [AssessmentFactory(round=round_, country=md) for round_ in rounds]
    other = AssessmentFactory(round=rounds[0], country=ge)
    client = login(staff)

    page = client.get(md.get_absolute_url()).content.decode()
    panel = page.split('id="country-assessments-heading"')[1].split("</section>")[0]
    assert all(a.get_absolute_url() in panel for a in assessments[2:])
    assert assessments[0].get_absolute_url() not in panel and assessments[1].get_absolute_url() not in panel
    all_of_them = f"{reverse('checklists:assessments')}?country={md.pk}"
    assert f'href="{all_of_them}">All the assessments of Republic of Moldova' in panel

    listed = client.get(all_of_them).content.decode()
    assert assessments[0].get_absolute_url() in listed and other.get_absolute_url() not in listed
