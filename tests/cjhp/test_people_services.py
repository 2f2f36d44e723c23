"""Staff bring people in and out: invitations, linking an existing account, resending, accepting, ending a
service; every step is recorded with who and when."""

from datetime import date, timedelta

import pytest
from django.contrib.auth.forms import SetPasswordForm
from django.core import mail
from django.core.exceptions import ValidationError
from django.db import transaction

from checklists.models import Assessment
from cjhp.lib.roles import FOCAL_POINT_GROUP, STAFF_GROUP
from cjhp.models import AccessRecord, Invitation, User
from cjhp.people import services
from cjhp.people.tokens import TokenState, invitation_token
from countries.models import Country, FocalPoint
from tests.factories import PASSWORD, FocalPointFactory, UserFactory

Kind = AccessRecord.Kind


@pytest.fixture(autouse=True)
def portal_url(settings):
    settings.PORTAL_URL = "https://cjhp.example.org"


def invite(country, by, email="Ana.Rusu@Example.org", **kwargs):
    values = {"name": "Ana Rusu", "email": email, "language": "en", "since": date(2026, 1, 1)} | kwargs
    return services.invite_focal_point(country=country, by=by, **values)


def test_inviting_a_new_focal_point_makes_an_account_that_waits_for_its_password(
    md, staff, django_capture_on_commit_callbacks
):
    with django_capture_on_commit_callbacks(execute=True):
        outcome = invite(md, staff, language="fr")

    user = outcome.user
    assert (user.username, user.email, user.first_name, user.last_name) == (
        "ana.rusu@example.org",
        "Ana.Rusu@Example.org",
        "Ana",
        "Rusu",
    )
    assert user.language == "fr" and not user.has_usable_password()
    assert user.groups.filter(name=FOCAL_POINT_GROUP).exists()
    assert FocalPoint.objects.filter(user=user, country=md, since=date(2026, 1, 1), until=None).exists()
    invitation = Invitation.objects.get(user=user)
    assert (invitation.country, invitation.role, invitation.invited_by, invitation.accepted_at) == (
        md,
        Invitation.Role.FOCAL_POINT,
        staff,
        None,
    )
    assert [(r.kind, r.country, r.by, r.on) for r in user.access_records.all()] == [
        (Kind.INVITED, md, staff, date(2026, 1, 1))
    ]
    assert outcome.email_sent is True and [message.to for message in mail.outbox] == [["Ana.Rusu@Example.org"]]


def test_an_email_that_already_has_an_account_links_it_whatever_its_case(
    md, ge, fp_ge, staff, django_capture_on_commit_callbacks
):
    with django_capture_on_commit_callbacks(execute=True):
        outcome = invite(md, staff, email="FP-GE@example.ORG")

    assert outcome.linked and outcome.user == fp_ge
    assert User.objects.filter(email__iexact="fp-ge@example.org").count() == 1
    assert set(Country.objects.visible_to(fp_ge)) == {md, ge}
    assert not Invitation.objects.exists()
    assert AccessRecord.objects.get(user=fp_ge).kind == Kind.LINKED
    assert mail.outbox[0].subject == "CJHP Portal: you now have access to Republic of Moldova"
    assert "https://cjhp.example.org/accounts/login/" in mail.outbox[0].body


def test_a_focal_point_already_serving_the_country_cannot_be_invited_again(md, fp_md, staff):
    with pytest.raises(services.AlreadyServing):
        invite(md, staff, email="fp-md@example.org")
    assert FocalPoint.objects.filter(user=fp_md).count() == 1
    assert not AccessRecord.objects.exists()


def test_a_former_focal_point_invited_again_serves_again_on_the_same_row(md, staff):
    former = FocalPointFactory(country=md, user=UserFactory(email="old@example.org"), until=date(2020, 1, 1))
    outcome = invite(md, staff, email="old@example.org", since=date(2026, 2, 1))
    former.refresh_from_db()
    assert outcome.linked and (former.since, former.until) == (date(2026, 2, 1), None)


def test_inviting_staff_gives_the_staff_role_and_refuses_someone_already_staff(staff, fp_md):
    outcome = services.invite_staff(name="Eva Marin", email="eva@example.org", language="en", by=staff)
    assert outcome.user.groups.filter(name=STAFF_GROUP).exists() and outcome.invitation.role == "staff"
    linked = services.invite_staff(name="", email="fp-md@example.org", language="en", by=staff)
    assert linked.linked and fp_md.groups.filter(name=STAFF_GROUP).exists()
    with pytest.raises(services.AlreadyStaff):
        services.invite_staff(name="", email="STAFF@example.org", language="en", by=staff)


def test_the_link_lets_the_person_choose_a_password_once(md, staff):
    user = invite(md, staff).user
    token = invitation_token.make_token(user)
    assert invitation_token.state(user, token) is TokenState.VALID

    form = SetPasswordForm(user, {"new_password1": "a-long-new-pass-42", "new_password2": "a-long-new-pass-42"})
    assert form.is_valid()
    invitation = services.accept_invitation(form=form)

    user.refresh_from_db()
    assert user.check_password("a-long-new-pass-42")
    assert invitation.country == md and Invitation.objects.get().accepted_at is not None
    assert AccessRecord.objects.filter(user=user, kind=Kind.ACCEPTED, by=user, country=md).exists()
    # Setting the password used the link up.
    assert invitation_token.state(user, token) is TokenState.INVALID


def test_a_resend_makes_the_earlier_link_invalid_and_the_new_one_valid(md, staff):
    outcome = invite(md, staff)
    user = outcome.user
    first = invitation_token.make_token(user)

    services.resend_invitation(invitation=outcome.invitation, by=staff)

    user.refresh_from_db()
    assert invitation_token.state(user, first) is TokenState.INVALID
    assert invitation_token.state(user, invitation_token.make_token(user)) is TokenState.VALID
    assert Invitation.objects.get().resent_at is not None
    assert [record.kind for record in user.access_records.order_by("pk")] == [Kind.INVITED, Kind.RESENT]


def test_an_accepted_invitation_cannot_be_resent(md, staff):
    outcome = invite(md, staff)
    outcome.user.set_password(PASSWORD)
    outcome.user.save()
    with pytest.raises(services.NotPending):
        services.resend_invitation(invitation=outcome.invitation, by=staff)


@pytest.mark.parametrize("timeout", [3600, 30 * 24 * 3600])
def test_a_link_lives_seven_days_whatever_the_password_reset_timeout(md, staff, settings, monkeypatch, timeout):
    settings.PASSWORD_RESET_TIMEOUT = timeout
    user = invite(md, staff).user
    token = invitation_token.make_token(user)
    now = invitation_token._now()
    monkeypatch.setattr(type(invitation_token), "_now", lambda self: now + timedelta(days=6, hours=23))
    assert invitation_token.state(user, token) is TokenState.VALID
    monkeypatch.setattr(type(invitation_token), "_now", lambda self: now + timedelta(days=7, hours=1))
    assert invitation_token.state(user, token) is TokenState.EXPIRED


def test_an_invitation_token_is_not_a_password_reset_token(md, staff):
    from django.contrib.auth.tokens import default_token_generator

    user = invite(md, staff).user
    assert not default_token_generator.check_token(user, invitation_token.make_token(user))
    assert invitation_token.state(user, default_token_generator.make_token(user)) is TokenState.INVALID


def test_ending_a_service_records_it_and_hides_the_country_from_the_next_day(md, fp_md, staff):
    focal_point = FocalPoint.objects.get(user=fp_md)
    yesterday = date.today() - timedelta(days=1)

    services.end_service(focal_point=focal_point, until=yesterday, by=staff)

    assert FocalPoint.objects.get(user=fp_md).until == yesterday
    assert list(Country.objects.visible_to(fp_md)) == []
    assert list(Assessment.objects.visible_to(fp_md)) == []
    record = AccessRecord.objects.get()
    assert (record.kind, record.country, record.by, record.on) == (Kind.SERVICE_ENDED, md, staff, yesterday)
    with pytest.raises(services.NotServing):
        services.end_service(focal_point=focal_point, until=yesterday, by=staff)


def test_a_service_cannot_end_before_it_started(md, staff):
    focal_point = FocalPointFactory(country=md, since=date(2026, 3, 1))
    with pytest.raises(ValidationError) as error:
        services.end_service(focal_point=focal_point, until=date(2026, 2, 28), by=staff)
    assert "cannot end before it started (1 March 2026)" in str(error.value.message_dict["until"])
    assert FocalPoint.objects.get(pk=focal_point.pk).until is None


def test_the_invitation_is_sent_after_commit_and_not_at_all_on_rollback(md, staff, django_capture_on_commit_callbacks):
    with django_capture_on_commit_callbacks() as callbacks:
        invite(md, staff)
        assert mail.outbox == []
    assert len(callbacks) == 1

    with django_capture_on_commit_callbacks(execute=True) as callbacks:
        with pytest.raises(RuntimeError), transaction.atomic():
            invite(md, staff, email="second@example.org")
            raise RuntimeError("the caller's transaction fails")
    assert callbacks == [] and mail.outbox == []
    assert not User.objects.filter(email="second@example.org").exists()
