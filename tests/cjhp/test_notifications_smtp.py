"""The notifications through a real SMTP server (aiosmtpd, started by the test), not only Django's outbox."""

import socket
from email import message_from_bytes, policy

import pytest
from aiosmtpd.controller import Controller

from checklists.assessments.services import assessment_return, assessment_submit
from cjhp.models import Notification
from tests.checklists.factories import AssessmentFactory, RoundFactory, answer_all, make_template
from tests.cjhp.test_notifications import daily
from tests.factories import make_focal_point


class Inbox:
    """An aiosmtpd handler that keeps what it receives."""

    def __init__(self):
        self.messages = []

    async def handle_DATA(self, server, session, envelope):
        message = message_from_bytes(envelope.content, policy=policy.default)
        # The subject as a mail reader shows it: a long one arrives folded over lines, unfolded here.
        subject = " ".join(str(message["Subject"]).split())
        self.messages.append((envelope.rcpt_tos, subject, message.get_content().replace("\r\n", "\n")))
        return "250 Message accepted for delivery"


def free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


@pytest.fixture
def port(settings) -> int:
    """A free port, where the portal's mailer sends (SMTP, no TLS)."""
    number = free_port()
    settings.MAILERS = {
        "default": {
            "BACKEND": "django.core.mail.backends.smtp.EmailBackend",
            "OPTIONS": {"host": "127.0.0.1", "port": number, "timeout": 5},
        }
    }
    return number


def serve(port: int) -> tuple[Controller, Inbox]:
    inbox = Inbox()
    controller = Controller(inbox, hostname="127.0.0.1", port=port)
    controller.start()
    return controller, inbox


@pytest.fixture
def smtp_server(port):
    controller, inbox = serve(port)
    yield inbox
    controller.stop()


@pytest.fixture
def assessment(md):
    assessment = AssessmentFactory(round=RoundFactory(template=make_template(recommendations=1), name="R"), country=md)
    answer_all(assessment)
    return assessment


def test_a_submission_and_a_return_reach_a_real_smtp_server_in_each_language(
    smtp_server, assessment, staff, md, django_capture_on_commit_callbacks
):
    focal_point = make_focal_point("fp-md-fr", md, language="fr")
    with django_capture_on_commit_callbacks(execute=True):
        assessment_submit(assessment=assessment, by=focal_point)
    with django_capture_on_commit_callbacks(execute=True):
        assessment_return(assessment=assessment, by=staff, message="Ajoutez les preuves.")

    assert [(to, subject) for to, subject, _body in smtp_server.messages] == [
        (["staff@example.org"], "CJHP Portal: Republic of Moldova submitted its assessment for “R”"),
        (
            ["fp-md-fr@example.org"],
            "Portail CJHP : l’évaluation de République de Moldova pour « R » a été renvoyée pour modifications",
        ),
    ]
    returned = smtp_server.messages[1][2]
    assert "L’équipe du programme a renvoyé l’évaluation de République de Moldova" in returned
    assert "Son message :\nAjoutez les preuves." in returned
    assert not Notification.objects.filter(sent_at=None).exists()


def test_when_no_server_listens_the_action_succeeds_and_the_daily_command_sends_it_later(
    port, assessment, staff, fp_md, django_capture_on_commit_callbacks
):
    with django_capture_on_commit_callbacks(execute=True):
        assessment_submit(assessment=assessment, by=fp_md)  # nothing listens on the port: refused

    assessment.refresh_from_db()
    assert assessment.status == assessment.Status.SUBMITTED
    notification = Notification.objects.get()
    assert (notification.sent_at, notification.attempts) == (None, 1)
    assert "ConnectionRefusedError" in notification.last_error

    controller, inbox = serve(port)
    try:
        daily()
    finally:
        controller.stop()
    assert [(to, subject) for to, subject, _body in inbox.messages] == [
        (["staff@example.org"], "CJHP Portal: Republic of Moldova submitted its assessment for “R”")
    ]
    assert Notification.objects.get().sent_at is not None
