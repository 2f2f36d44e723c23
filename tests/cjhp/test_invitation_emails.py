"""The invitation and the access notice: in the recipient's language, with the portal's links, sent once."""

from datetime import date

import pytest
from django.core import mail

from cjhp.people import services
from tests.factories import UserFactory


@pytest.fixture(autouse=True)
def portal_url(settings):
    settings.PORTAL_URL = "https://cjhp.example.org"


def invite(md, staff, **kwargs):
    values = {"name": "Ana Rusu", "email": "ana@example.org", "language": "en", "since": date(2026, 1, 1)} | kwargs
    return services.invite_focal_point(country=md, by=staff, **values)


def test_the_invitation_in_english_names_the_country_the_link_and_the_user_name(
    md, staff, django_capture_on_commit_callbacks
):
    with django_capture_on_commit_callbacks(execute=True):
        invite(md, staff)
    [message] = mail.outbox
    assert message.to == ["ana@example.org"]
    assert message.subject == "CJHP Portal: you are invited as focal point of Republic of Moldova"
    assert message.body.startswith("Dear Ana Rusu,")
    assert "https://cjhp.example.org/accounts/invitation/" in message.body
    assert "The link is valid for 7 days." in message.body
    assert "Your user name: ana@example.org" in message.body
    assert f"Invited by {staff}." in message.body


def test_the_invitation_is_in_the_language_staff_chose(md, staff, django_capture_on_commit_callbacks):
    with django_capture_on_commit_callbacks(execute=True):
        invite(md, staff, language="fr")
    [message] = mail.outbox
    assert message.subject == "Portail CJHP : vous êtes invité(e) en tant que point focal pour République de Moldova"
    assert "Choisissez votre mot de passe ici (le lien ne fonctionne qu’une fois) :" in message.body
    assert "Le lien est valable 7 jours." in message.body


def test_an_existing_account_is_told_in_its_own_language(md, staff, django_capture_on_commit_callbacks):
    UserFactory(username="ion", email="ion@example.org", language="fr")
    with django_capture_on_commit_callbacks(execute=True):
        invite(md, staff, email="ION@example.org", language="en")
    [message] = mail.outbox
    assert message.to == ["ion@example.org"]
    assert message.subject == "Portail CJHP : vous avez désormais accès à République de Moldova"
    assert "https://cjhp.example.org/accounts/login/" in message.body and "invitation/" not in message.body


def test_each_invitation_sends_one_email(md, staff, django_capture_on_commit_callbacks):
    with django_capture_on_commit_callbacks(execute=True) as callbacks:
        invite(md, staff)
    assert len(callbacks) == 1 and len(mail.outbox) == 1


def test_a_refused_email_is_remembered_on_the_invitation_and_cleared_by_a_resend_that_goes(
    md, staff, settings, django_capture_on_commit_callbacks
):
    settings.MAILERS = {"default": {"BACKEND": "tests.cjhp.failing_mailer.RefusingBackend"}}
    with django_capture_on_commit_callbacks(execute=True):
        outcome = invite(md, staff, email="refused@example.org")
    assert outcome.email_sent is False and mail.outbox == []
    invitation = outcome.invitation
    invitation.refresh_from_db()
    assert invitation.email_failed

    outcome.user.email = invitation.email = "ana@example.org"
    outcome.user.save()
    with django_capture_on_commit_callbacks(execute=True):
        services.resend_invitation(invitation=invitation, by=staff)
    invitation.refresh_from_db()
    assert not invitation.email_failed and [message.to for message in mail.outbox] == [["ana@example.org"]]
