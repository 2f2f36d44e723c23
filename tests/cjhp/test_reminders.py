"""`manage.py send_reminders`: the right people hear about due assessments and waiting reviews, once a day."""

from datetime import date, datetime, timedelta
from io import StringIO

import pytest
from django.core import mail
from django.core.management import CommandError, call_command
from django.urls import reverse
from django.utils import timezone

from checklists.models import Assessment
from cjhp.models import SentReminder
from cjhp.reminders import reminders_for
from countries.models import FocalPoint
from tests.checklists.factories import AssessmentFactory, answer, make_round, make_template
from tests.cjhp.test_settings import manage
from tests.factories import CountryFactory, UserFactory, make_focal_point, make_staff

TODAY = date(2026, 3, 10)
Status = Assessment.Status


@pytest.fixture(autouse=True)
def portal_url(settings):
    settings.PORTAL_URL = "https://cjhp.example.org"


@pytest.fixture
def template(db):
    """Four questions: 1.1-q1, 1.1-q2, and the heading 1.1-qh's 1.1-qha and 1.1-qhb."""
    return make_template(recommendations=1)


def due_in(days: int, template, country, **kwargs) -> Assessment:
    return AssessmentFactory(
        round=make_round(template, deadline=TODAY + timedelta(days=days)), country=country, **kwargs
    )


def submitted(days_ago: int, template, country) -> Assessment:
    moment = timezone.make_aware(datetime.combine(TODAY - timedelta(days=days_ago), datetime.min.time())).replace(
        hour=23
    )
    return due_in(30, template, country, status=Status.SUBMITTED, submitted_at=moment)


def recipients() -> list[str]:
    return sorted(address for message in mail.outbox for address in message.to)


def run(*args: str, on: date = TODAY) -> str:
    out = StringIO()
    call_command("send_reminders", "--date", on.isoformat(), *args, stdout=out)
    return out.getvalue()


# Focal points


def test_focal_point_hears_of_an_assessment_due_in_14_days(template, md, fp_md):
    assessment = due_in(14, template, md)
    answer(assessment, "1.1-q1", "yes")
    answer(assessment, "1.1-qha", "no")
    answer(assessment, "1.1-q2", "")  # a row without a value is not an answer

    run()

    assert recipients() == ["fp-md@example.org"]
    message = mail.outbox[0]
    assert message.subject == "CJHP Portal: 1 assessment to complete"
    assert "Republic of Moldova – Round due 2026-03-24" in message.body
    assert "Deadline: 24 March 2026 (14 days left)" in message.body
    assert "Status: Draft" in message.body
    assert "Progress: 2 of 4 questions answered" in message.body
    assert f"https://cjhp.example.org{assessment.get_absolute_url()}" in message.body


def test_focal_point_does_not_hear_of_an_assessment_due_in_15_days(template, md, fp_md):
    due_in(15, template, md)
    run()
    assert mail.outbox == []


def test_focal_point_hears_of_an_overdue_assessment_and_of_one_due_today(template, md, fp_md):
    due_in(-3, template, md)
    due_in(0, template, md)

    run()

    assert recipients() == ["fp-md@example.org"]
    body = mail.outbox[0].body
    assert mail.outbox[0].subject == "CJHP Portal: 2 assessments to complete"
    assert "(3 days overdue)" in body
    assert "(due today)" in body
    # The most urgent first.
    assert body.index("days overdue") < body.index("due today")


@pytest.mark.parametrize("status", [Status.DRAFT, Status.RETURNED])
def test_focal_point_hears_of_an_assessment_they_can_still_change(template, md, fp_md, status):
    due_in(5, template, md, status=status)
    run()
    assert recipients() == ["fp-md@example.org"]
    assert f"Status: {status.label}" in mail.outbox[0].body


@pytest.mark.parametrize("status", [Status.SUBMITTED, Status.APPROVED])
def test_focal_point_does_not_hear_of_a_submitted_or_approved_assessment(template, md, fp_md, status):
    due_in(-2, template, md, status=status, submitted_at=timezone.now())
    run()
    assert mail.outbox == []


def test_a_round_that_has_not_opened_reminds_nobody(template, md, fp_md):
    not_open = make_round(template, opens_on=TODAY + timedelta(days=1), deadline=TODAY + timedelta(days=10))
    AssessmentFactory(round=not_open, country=md)
    run()
    assert mail.outbox == []


def test_only_the_countrys_own_serving_focal_points_hear_of_it(template, md, ge, fp_md, fp_ge):
    due_in(3, template, md)
    former = make_focal_point("fp-md-former", CountryFactory(code="RO", name="Romania"))
    FocalPoint.objects.create(user=former, country=md, since=date(2020, 1, 1), until=TODAY - timedelta(days=1))
    not_yet = UserFactory(username="fp-md-next")
    FocalPoint.objects.create(user=not_yet, country=md, since=TODAY + timedelta(days=1))
    make_focal_point("fp-md-left", md, is_active=False)
    make_focal_point("fp-md-no-email", md, email="")

    run()

    assert recipients() == ["fp-md@example.org"]


def test_a_focal_point_of_two_countries_gets_one_email_listing_both(template, md, ge, fp_md):
    FocalPoint.objects.create(user=fp_md, country=ge)
    due_in(10, template, md)
    due_in(2, template, ge)

    run()

    assert recipients() == ["fp-md@example.org"]
    body = mail.outbox[0].body
    assert "Georgia" in body and "Republic of Moldova" in body
    assert body.index("Georgia") < body.index("Republic of Moldova")  # due first


# Programme staff


def test_staff_hear_of_submissions_waiting_more_than_7_days(template, md, ge, staff, admin_user, fp_md):
    waiting = submitted(8, template, md)
    submitted(7, template, ge)  # exactly a week: not yet
    make_staff("staff-left", is_active=False)
    make_staff("staff-no-email", email="")

    run()

    assert recipients() == ["admin@example.org", "staff@example.org"]
    message = next(message for message in mail.outbox if message.to == ["staff@example.org"])
    assert message.subject == "CJHP Portal: 1 submission waiting for review"
    assert "Republic of Moldova – Round due 2026-04-09" in message.body
    assert "Submitted on 2 March 2026 (8 days ago)" in message.body
    assert f"https://cjhp.example.org{waiting.get_absolute_url()}" in message.body
    assert "Georgia" not in message.body


def test_staff_hear_nothing_while_no_submission_waits_a_week(template, md, staff):
    submitted(7, template, md)
    due_in(3, template, md)  # a focal point's matter, not staff's
    run()
    assert mail.outbox == []


# Once a day


def test_a_second_run_on_the_same_day_sends_nothing(template, md, fp_md, staff):
    assessment = due_in(3, template, md)
    submitted(10, template, CountryFactory(code="RO", name="Romania"))

    first = run()
    assert recipients() == ["fp-md@example.org", "staff@example.org"]
    assert "Sent 2 reminder(s): 1 to focal points, 1 to programme staff" in first
    record = SentReminder.objects.get(recipient=fp_md)
    assert (record.kind, record.sent_on, list(record.assessments.all())) == (
        SentReminder.Kind.ASSESSMENT_DUE,
        TODAY,
        [assessment],
    )

    mail.outbox.clear()
    second = run()
    assert mail.outbox == []
    assert "Sent 0 reminder(s)" in second and "2 already sent that day" in second
    assert SentReminder.objects.count() == 2


def test_the_next_day_sends_again_while_the_assessment_is_due(template, md, fp_md):
    assessment = due_in(3, template, md)
    run()
    mail.outbox.clear()

    run(on=TODAY + timedelta(days=1))
    assert recipients() == ["fp-md@example.org"]
    assert "(2 days left)" in mail.outbox[0].body

    # Submitted: no more reminders.
    Assessment.objects.filter(pk=assessment.pk).update(status=Status.SUBMITTED, submitted_at=timezone.now())
    mail.outbox.clear()
    run(on=TODAY + timedelta(days=2))
    assert mail.outbox == []


def test_a_new_assessment_due_the_same_day_waits_for_the_next_day(template, md, ge, fp_md):
    FocalPoint.objects.create(user=fp_md, country=ge)
    due_in(3, template, md)
    run()
    due_in(3, template, ge)
    mail.outbox.clear()

    run()
    assert mail.outbox == []


# Language, dry run, failures


def test_a_french_speaking_focal_point_gets_the_email_in_french(template, md, fp_md):
    fp_md.language = "fr"
    fp_md.save()
    assessment = due_in(-1, template, md, status=Status.RETURNED)
    answer(assessment, "1.1-q1", "no")

    run()

    message = mail.outbox[0]
    assert message.subject == "Portail CJHP : 1 évaluation à compléter"
    assert "Bonjour" in message.body
    assert "Échéance : 9 mars 2026 (1 jour de retard)" in message.body
    assert "Statut : Renvoyée" in message.body
    assert "Avancement : 4 questions, 1 avec réponse" in message.body


def test_a_french_speaking_staff_member_gets_the_email_in_french(template, md):
    make_staff(language="fr")
    submitted(9, template, md)

    run()

    assert mail.outbox[0].subject == "Portail CJHP : 1 soumission en attente d’examen"
    assert "Soumise le 1 mars 2026 (il y a 9 jours)" in mail.outbox[0].body


def test_a_dry_run_says_who_would_get_what_and_sends_and_records_nothing(template, md, fp_md, staff):
    due_in(3, template, md)
    submitted(8, template, CountryFactory(code="RO", name="Romania"))

    output = run("--dry-run")

    assert mail.outbox == []
    assert not SentReminder.objects.exists()
    assert "assessment_due to fp-md <fp-md@example.org> (en): Republic of Moldova – Round due 2026-03-13" in output
    assert "review_waiting to staff <staff@example.org> (en): Romania – Round due 2026-04-09" in output
    assert "Would send 2 reminder(s): 1 to focal points, 1 to programme staff" in output


def test_a_reminder_that_could_not_be_sent_is_not_recorded_and_the_others_go(template, md, ge, fp_md, fp_ge, settings):
    settings.MAILERS = {"default": {"BACKEND": "tests.cjhp.failing_mailer.RefusingBackend"}}
    fp_ge.email = "refused@example.org"
    fp_ge.save()
    due_in(3, template, md)
    due_in(3, template, ge)

    with pytest.raises(CommandError, match="1 reminder"):
        run()

    assert [record.recipient for record in SentReminder.objects.all()] == [fp_md]


def test_finding_the_reminders_takes_four_queries_however_many_there_are(
    template, md, ge, fp_md, fp_ge, staff, django_assert_num_queries
):
    for days in range(5):
        due_in(days, template, md)
        due_in(days, template, ge)
        submitted(8 + days, template, CountryFactory())
    # 1. assessments due with their progress, 2. their focal points with their users,
    # 3. submissions waiting, 4. programme staff.
    with django_assert_num_queries(4):
        reminders = reminders_for(TODAY)
    assert [(reminder.recipient.username, len(reminder.assessments)) for reminder in reminders] == [
        ("fp-ge", 5),
        ("fp-md", 5),
        ("staff", 5),
    ]


def test_administrators_read_what_was_sent_in_the_admin(template, md, fp_md, admin_user, login):
    due_in(3, template, md)
    run()
    record = SentReminder.objects.get()
    client = login(admin_user)
    listing = client.get(reverse("admin:cjhp_sentreminder_changelist"))
    assert listing.status_code == 200
    assert str(fp_md) in listing.content.decode()
    assert client.get(reverse("admin:cjhp_sentreminder_change", args=[record.pk])).status_code == 200


def test_the_links_take_the_portals_address_from_the_environment():
    show = "from django.conf import settings; print(settings.PORTAL_URL)"
    configured = manage("shell", "-v", "0", "-c", show, DEBUG="true", PORTAL_URL="https://cjhp.example.org/")
    assert configured.stdout.strip() == "https://cjhp.example.org", configured.stderr
    default = manage("shell", "-v", "0", "-c", show, DEBUG="true")
    assert default.stdout.strip() == "http://127.0.0.1:8000", default.stderr
