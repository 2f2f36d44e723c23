"""Everyone is told what happened: each email once, in its recipient's language, after the action commits, never
when it rolls back, and never making the action fail when the mail server is down."""

from datetime import date, timedelta
from io import StringIO

import pytest
from django.core import mail
from django.core.management import CommandError, call_command
from django.db import connection, transaction
from django.test.utils import CaptureQueriesContext
from django.urls import reverse
from django.utils import timezone

from checklists.assessments.services import (
    assessment_approve,
    assessment_reopen,
    assessment_return,
    assessment_submit,
    round_open,
)
from checklists.models import ActionItem, Assessment, QuestionComment
from cjhp.models import Notification
from cjhp.notifications import MAX_ATTEMPTS
from tests.checklists.factories import AssessmentFactory, RoundFactory, answer_all, make_template, questions
from tests.factories import CountryFactory, make_focal_point, make_staff

Kind = Notification.Kind
PORTAL = "https://cjhp.example.org"


@pytest.fixture(autouse=True)
def portal_url(settings):
    settings.PORTAL_URL = PORTAL


@pytest.fixture
def committed(django_capture_on_commit_callbacks):
    """Run what the block registers with transaction.on_commit when it ends, as a commit would."""

    def block():
        return django_capture_on_commit_callbacks(execute=True)

    return block


@pytest.fixture
def template(db):
    return make_template(recommendations=1)


@pytest.fixture
def assessment(template, md) -> Assessment:
    """Moldova's draft assessment in "Round 2026", open since 1 January, due 31 December."""
    return AssessmentFactory(round=RoundFactory(template=template, name="Round 2026", slug="round-2026"), country=md)


@pytest.fixture
def fp_md_fr(md):
    """Moldova's second focal point, who reads French."""
    return make_focal_point("fp-md-fr", md, language="fr")


@pytest.fixture
def staff_fr(db):
    return make_staff("staff-fr", language="fr")


def to(address: str) -> mail.EmailMessage:
    [message] = [message for message in mail.outbox if message.to == [address]]
    return message


def recipients() -> list[str]:
    return sorted(address for message in mail.outbox for address in message.to)


def daily(*args: str) -> str:
    out = StringIO()
    call_command("send_reminders", *args, stdout=out, stderr=StringIO())
    return out.getvalue()


def submitted(assessment: Assessment, by) -> Assessment:
    answer_all(assessment)
    assessment_submit(assessment=assessment, by=by)
    assessment.refresh_from_db()
    return assessment


# A round opens


def test_the_focal_points_of_each_invited_country_hear_that_a_round_opened(
    committed, template, md, ge, staff, fp_md, fp_ge
):
    fp_ge.language = "fr"
    fp_ge.save()
    today = timezone.localdate()
    deadline = today + timedelta(days=90)

    with committed():
        new = round_open(
            name="Follow-up 2027",
            slug="follow-up-2027",
            template=template,
            opens_on=today,
            deadline=deadline,
            countries=[md, ge],
            by=staff,
        )

    assert recipients() == ["fp-ge@example.org", "fp-md@example.org"]
    english, french = to("fp-md@example.org"), to("fp-ge@example.org")
    moldova = new.assessments.get(country=md)
    georgia = new.assessments.get(country=ge)
    assert english.subject == "CJHP Portal: the round “Follow-up 2027” is open"
    assert "The assessment round “Follow-up 2027” is open." in english.body
    assert f"Checklist: {template}" in english.body
    assert f"Deadline: {deadline.day} {deadline:%B} {deadline.year}" in english.body
    assert f"Republic of Moldova\n  {PORTAL}{moldova.get_absolute_url()}" in english.body
    assert "Georgia" not in english.body
    assert french.subject == "Portail CJHP : le cycle « Follow-up 2027 » est ouvert"
    assert "Le cycle d’évaluation « Follow-up 2027 » est ouvert." in french.body
    assert f"Liste de contrôle : {template}" in french.body
    assert f"{PORTAL}{georgia.get_absolute_url()}" in french.body
    assert "You receive this email for information" not in english.body  # it asks them to act: never optional


def test_a_round_that_opens_later_is_announced_by_the_daily_command_on_its_opening_day(
    committed, template, md, staff, fp_md
):
    opens_on = timezone.localdate() + timedelta(days=5)
    with committed():
        round_open(
            name="Later",
            slug="later",
            template=template,
            opens_on=opens_on,
            deadline=opens_on + timedelta(days=60),
            countries=[md],
            by=staff,
        )
    assert mail.outbox == []

    daily("--date", (opens_on - timedelta(days=1)).isoformat())
    assert mail.outbox == []

    output = daily("--date", opens_on.isoformat())
    assert recipients() == ["fp-md@example.org"]
    assert mail.outbox[0].subject == "CJHP Portal: the round “Later” is open"
    assert "Sent 1 notification(s); 0 failed; 0 given up after 5 attempts." in output

    daily("--date", (opens_on + timedelta(days=1)).isoformat())
    assert len(mail.outbox) == 1  # once only


# Submitted, returned, approved, reopened


def test_programme_staff_hear_of_a_submission_in_their_language(committed, assessment, staff, staff_fr, fp_md):
    with committed():
        submitted(assessment, fp_md)

    assert recipients() == ["staff-fr@example.org", "staff@example.org"]
    english, french = to("staff@example.org"), to("staff-fr@example.org")
    link = f"{PORTAL}{assessment.get_absolute_url()}"
    assert english.subject == "CJHP Portal: Republic of Moldova submitted its assessment for “Round 2026”"
    assert f"{fp_md} submitted the assessment of Republic of Moldova in the round “Round 2026” for review." in (
        english.body
    )
    assert link in english.body
    assert "You can turn off such emails in your settings: https://cjhp.example.org/accounts/settings/" in english.body
    assert french.subject == "Portail CJHP : République de Moldova a soumis son évaluation pour « Round 2026 »"
    assert f"{fp_md} a soumis l’évaluation de République de Moldova dans le cycle « Round 2026 » pour examen." in (
        french.body
    )
    assert link in french.body


def test_the_focal_points_hear_what_to_fix_on_each_question_of_a_returned_assessment(
    committed, assessment, staff, fp_md, fp_md_fr
):
    submitted(assessment, fp_md)
    first, second = questions(assessment.round.template)[:2]
    mail.outbox.clear()

    with committed():
        assessment_return(
            assessment=assessment,
            by=staff,
            message="Please add the evidence.",
            question_messages={first: "Name the law.", second: "Which prisons?"},
        )

    assert recipients() == ["fp-md-fr@example.org", "fp-md@example.org"]
    english, french = to("fp-md@example.org"), to("fp-md-fr@example.org")
    link = f"{PORTAL}{assessment.get_absolute_url()}"
    assert (
        english.subject
        == "CJHP Portal: the assessment of Republic of Moldova for “Round 2026” was returned for changes"
    )
    assert "Their message:\nPlease add the evidence." in english.body
    assert "The questions to fix:" in english.body
    for item, comment in ((first, "Name the law."), (second, "Which prisons?")):
        assert f"{item.key} {item.text}\n  {comment}\n  {link}#question-{item.key}" in english.body
        assert f"{link}#question-{item.key}" in french.body
    assert english.body.index(first.key) < english.body.index(second.key)
    assert french.subject == (
        "Portail CJHP : l’évaluation de République de Moldova pour « Round 2026 » a été renvoyée pour modifications"
    )
    assert "Son message :\nPlease add the evidence." in french.body
    assert "Les questions à corriger :" in french.body


def test_the_question_links_lead_to_the_questions_on_the_assessment_page(assessment, staff, fp_md, login):
    submitted(assessment, fp_md)
    item = questions(assessment.round.template)[0]
    assessment_return(assessment=assessment, by=staff, message="Fix it.", question_messages={item: "This one."})
    page = login(fp_md).get(assessment.get_absolute_url()).content.decode()
    assert f'id="question-{item.key}"' in page


def test_the_focal_points_hear_that_their_assessment_was_approved(committed, assessment, staff, fp_md, fp_md_fr):
    submitted(assessment, fp_md)
    mail.outbox.clear()

    with committed():
        assessment_approve(assessment=assessment, by=staff, message="Well done.")

    assert recipients() == ["fp-md-fr@example.org", "fp-md@example.org"]
    english, french = to("fp-md@example.org"), to("fp-md-fr@example.org")
    assert english.subject == "CJHP Portal: the assessment of Republic of Moldova for “Round 2026” was approved"
    assert "The programme staff approved the assessment of Republic of Moldova" in english.body
    assert "Their message:\nWell done." in english.body
    assert f"{PORTAL}{assessment.get_absolute_url()}" in english.body
    assert french.subject == "Portail CJHP : l’évaluation de République de Moldova pour « Round 2026 » a été approuvée"
    assert "L’équipe du programme a approuvé l’évaluation de République de Moldova" in french.body


def test_the_focal_points_hear_why_their_assessment_was_reopened(committed, assessment, staff, fp_md, fp_md_fr):
    submitted(assessment, fp_md)
    assessment_approve(assessment=assessment, by=staff)
    mail.outbox.clear()

    with committed():
        assessment_reopen(assessment=assessment, by=staff, reason="The law changed in May.")

    assert recipients() == ["fp-md-fr@example.org", "fp-md@example.org"]
    english, french = to("fp-md@example.org"), to("fp-md-fr@example.org")
    assert english.subject == "CJHP Portal: the assessment of Republic of Moldova for “Round 2026” was reopened"
    assert "The reason:\nThe law changed in May." in english.body
    assert f"{PORTAL}{assessment.get_absolute_url()}" in english.body
    assert french.subject == "Portail CJHP : l’évaluation de République de Moldova pour « Round 2026 » a été rouverte"
    assert "La raison :\nThe law changed in May." in french.body


def test_nobody_hears_of_their_own_action_nor_another_country_nor_a_former_focal_point(
    committed, assessment, ge, staff, fp_md, fp_ge
):
    former = make_focal_point("former", assessment.country)
    former.focal_points.update(until=date(2025, 12, 31))
    make_staff("no-email", email="")
    with committed():
        submitted(assessment, staff)  # staff may submit too (here: on the country's behalf)
    assert "staff@example.org" not in recipients()
    mail.outbox.clear()
    with committed():
        assessment_approve(assessment=assessment, by=staff)
    assert recipients() == ["fp-md@example.org"]


# Once only, never on a rollback, never failing the action


def test_each_notification_goes_once_and_the_daily_command_sends_nothing_more(committed, assessment, staff, fp_md):
    with committed():
        submitted(assessment, fp_md)
    assert recipients() == ["staff@example.org"]
    notification = Notification.objects.get()
    assert (notification.kind, notification.recipient, notification.attempts) == (Kind.ASSESSMENT_SUBMITTED, staff, 1)
    assert notification.sent_at is not None

    output = daily()
    assert recipients() == ["staff@example.org"]
    assert "Sent 0 notification(s); 0 failed" in output


@pytest.mark.parametrize("step", ["round", "submit", "return", "approve", "reopen", "action item"])
def test_nothing_is_written_or_sent_when_the_transaction_rolls_back(
    committed, step, template, assessment, md, staff, fp_md
):
    if step in ("return", "approve"):
        submitted(assessment, fp_md)
    elif step == "reopen":
        submitted(assessment, fp_md)
        assessment_approve(assessment=assessment, by=staff)
    actions = {
        "round": lambda: round_open(
            name="R",
            slug="r",
            template=template,
            opens_on=timezone.localdate(),
            deadline=timezone.localdate(),
            countries=[md],
            by=staff,
        ),
        "submit": lambda: submitted(assessment, fp_md),
        "return": lambda: assessment_return(assessment=assessment, by=staff, message="Fix."),
        "approve": lambda: assessment_approve(assessment=assessment, by=staff),
        "reopen": lambda: assessment_reopen(assessment=assessment, by=staff, reason="Why not."),
        "action item": lambda: assign(assessment, fp_md, by=staff),
    }
    Notification.objects.all().delete()
    mail.outbox.clear()

    with committed(), pytest.raises(RuntimeError), transaction.atomic():
        actions[step]()
        assert Notification.objects.exists()  # written in the action's transaction...
        raise RuntimeError("something later in the request failed")

    assert not Notification.objects.exists()  # ... and gone with it
    assert mail.outbox == []


def test_the_action_succeeds_when_the_mail_server_refuses_and_the_daily_command_sends_it(
    committed, assessment, fp_md, staff, settings, login
):
    answer_all(assessment)
    staff.email = "refused@example.org"
    staff.save()
    settings.MAILERS = {"default": {"BACKEND": "tests.cjhp.failing_mailer.RefusingBackend"}}

    with committed():
        response = login(fp_md).post(reverse("checklists:assessment_submit", args=[assessment.pk]))

    assert response.status_code == 302
    assert Assessment.objects.get(pk=assessment.pk).status == Assessment.Status.SUBMITTED
    assert mail.outbox == []
    notification = Notification.objects.get()
    assert (notification.sent_at, notification.attempts) == (None, 1)
    assert "SMTPRecipientsRefused" in notification.last_error

    with pytest.raises(CommandError, match="1 notification"):
        daily()
    assert Notification.objects.get().attempts == 2

    settings.MAILERS = {"default": {"BACKEND": "django.core.mail.backends.locmem.EmailBackend"}}
    daily()
    assert recipients() == ["refused@example.org"]
    assert Notification.objects.get().sent_at is not None


def test_the_daily_command_gives_up_after_the_last_attempt(assessment, fp_md, staff, settings):
    submitted(assessment, fp_md)
    Notification.objects.update(attempts=MAX_ATTEMPTS)
    output = daily()
    assert mail.outbox == []
    assert f"Sent 0 notification(s); 0 failed; 1 given up after {MAX_ATTEMPTS} attempts." in output


def test_the_dry_run_says_what_would_be_sent_and_sends_nothing(assessment, fp_md, staff):
    submitted(assessment, fp_md)  # the commit never comes in this test: the notification waits
    output = daily("--dry-run")
    assert "assessment_submitted to staff <staff@example.org> (en)" in output
    assert "Would send 1 notification(s)" in output
    assert mail.outbox == []
    assert Notification.objects.get().attempts == 0


# Turning the informational emails off


def test_a_person_who_turned_informational_emails_off_still_hears_what_asks_them_to_act(
    committed, assessment, staff, fp_md, staff_fr
):
    for user in (staff, fp_md):
        user.informational_emails = False
        user.save()
    with committed():
        submitted(assessment, fp_md)
    assert recipients() == ["staff-fr@example.org"]  # staff turned submissions off
    mail.outbox.clear()
    with committed():
        assessment_approve(assessment=assessment, by=staff_fr)
    assert mail.outbox == []  # so did the focal point, for approvals
    with committed():
        assessment_reopen(assessment=assessment, by=staff_fr, reason="Check 1.1 again.")
    assert recipients() == ["fp-md@example.org"]  # a reopened assessment asks them to act


# Action items assigned to someone


def assign(assessment, user, *, by, action_item=None):
    from checklists.assessments.services import action_item_save

    action_item = action_item or ActionItem(
        assessment=assessment,
        recommendation=assessment.round.template.recommendations.first(),
        description="Train the prison doctors",
        responsible="Prison health department",
        due_date=date(2027, 3, 31),
        created_by=by,
    )
    action_item.assignee = user
    return action_item_save(action_item=action_item, by=by)


def test_the_person_an_action_item_is_assigned_to_hears_of_it(committed, assessment, staff, fp_md, fp_md_fr):
    with committed():
        action_item = assign(assessment, fp_md, by=staff)
    english = to("fp-md@example.org")
    assert english.subject == "CJHP Portal: an action item of Republic of Moldova is assigned to you"
    assert "Train the prison doctors" in english.body
    assert "Who is responsible: Prison health department" in english.body
    assert "By when: 31 March 2027" in english.body
    assert f"{PORTAL}{action_item.get_absolute_url()}" in english.body

    with committed():
        assign(assessment, fp_md_fr, by=staff, action_item=action_item)
    french = to("fp-md-fr@example.org")
    assert french.subject == "Portail CJHP : une action de République de Moldova vous est confiée"
    assert "Échéance : 31 mars 2027" in french.body
    assert len(mail.outbox) == 2


def test_an_unchanged_save_or_assigning_oneself_sends_nothing(committed, assessment, staff, fp_md):
    with committed():
        action_item = assign(assessment, fp_md, by=staff)
        action_item.status = ActionItem.Status.IN_PROGRESS
        assign(assessment, fp_md, by=fp_md, action_item=action_item)
    assert len(mail.outbox) == 1
    mail.outbox.clear()
    with committed():
        assign(assessment, staff, by=staff)
    assert mail.outbox == []


# The demo


def test_loading_the_demo_sends_and_queues_nothing(db, committed, settings):
    settings.DEBUG = True
    with committed():
        call_command("load_demo", verbosity=0)
    assert mail.outbox == []
    assert Notification.objects.exists()  # the made-up history is recorded as told...
    assert not Notification.objects.filter(sent_at=None).exists()
    output = daily()  # ... so the daily command has nothing to announce about it
    assert "Sent 0 notification(s); 0 failed" in output
    assert not [message for message in mail.outbox if "is open" in message.subject or "submitted" in message.subject]


def test_the_return_email_lists_only_the_questions_commented(committed, assessment, staff, fp_md):
    submitted(assessment, fp_md)
    with committed():
        assessment_return(assessment=assessment, by=staff, message="See the whole.")
    body = to("fp-md@example.org").body
    assert not QuestionComment.objects.exists()
    assert "question to fix" not in body and "questions to fix" not in body
    assert "Their message:\nSee the whole." in body


def test_a_focal_point_of_two_invited_countries_gets_one_email_with_both_links(committed, template, md, staff, fp_md):
    other = CountryFactory(code="XK", name="Kosovo*")
    fp_md.focal_points.create(country=other)
    with committed():
        new = round_open(
            name="Both",
            slug="both",
            template=template,
            opens_on=timezone.localdate(),
            deadline=timezone.localdate(),
            countries=[md, other],
            by=staff,
        )
    message = to("fp-md@example.org")
    for assessment in new.assessments.all():
        assert f"{PORTAL}{assessment.get_absolute_url()}" in message.body


def test_the_number_of_queries_of_a_review_does_not_grow_with_the_recipients(assessment, md, staff, login):
    """The rows are written in one insert; the emails go after the commit, outside the request's queries."""

    def queries_of_return(focal_points: int) -> int:
        for n in range(focal_points):
            make_focal_point(f"fp-{focal_points}-{n}", md)
        submitted(assessment, staff)
        with CaptureQueriesContext(connection) as queries:
            response = client.post(reverse("checklists:assessment_review", args=[assessment.pk]), {"message": "Fix."})
        assert response.status_code == 302
        Assessment.objects.filter(pk=assessment.pk).update(status=Assessment.Status.DRAFT)
        return len(queries)

    client = login(staff)
    assert queries_of_return(1) == queries_of_return(5)
    assert Notification.objects.filter(kind=Kind.ASSESSMENT_RETURNED).count() == 1 + 6  # one, then six focal points
