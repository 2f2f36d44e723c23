"""What staff see and do on the People pages and the country page, and what an invited person sees."""

import csv
import io
import re
from datetime import date, timedelta

import pytest
from django.core import mail
from django.urls import reverse
from django.utils.encoding import force_bytes
from django.utils.http import urlsafe_base64_encode

from cjhp.models import AccessRecord, Invitation, User
from cjhp.people import services
from cjhp.people.tokens import invitation_token
from countries.models import FocalPoint
from tests.checklists.factories import AssessmentFactory, make_round, make_template
from tests.factories import CountryFactory, FocalPointFactory, UserFactory, make_staff


@pytest.fixture(autouse=True)
def portal_url(settings):
    settings.PORTAL_URL = "https://cjhp.example.org"


def invite_data(**kwargs):
    return {"name": "Ana Rusu", "email": "ana@example.org", "language": "fr", "since": "2026-01-01"} | kwargs


def link_path(user) -> str:
    uidb64 = urlsafe_base64_encode(force_bytes(user.pk))
    return reverse("invitation_accept", kwargs={"uidb64": uidb64, "token": invitation_token.make_token(user)})


def pending_invitee(md, staff) -> User:
    return services.invite_focal_point(
        country=md, name="Ana Rusu", email="ana@example.org", language="fr", since=date(2026, 1, 1), by=staff
    ).user


# Inviting from the country page


def test_staff_invite_a_focal_point_from_the_country_page(login, staff, md, django_capture_on_commit_callbacks):
    client = login(staff)
    page = client.get(reverse("countries:detail", args=["MD"])).content.decode()
    assert reverse("countries:invite", args=["MD"]) in page and "Invite a focal point" in page

    with django_capture_on_commit_callbacks(execute=True):
        response = client.post(reverse("countries:invite", args=["MD"]), invite_data(), follow=True)

    assert response.redirect_chain[-1][0] == reverse("countries:detail", args=["MD"]) + "#focal-points"
    content = response.content.decode()
    assert "Ana Rusu was invited to Republic of Moldova as focal point: the invitation went to ana@example.org." in (
        content
    )
    assert re.search(r"Ana Rusu</a> · ana@example.org ·\s*<span[^>]*>invitation pending", content)
    assert mail.outbox[0].to == ["ana@example.org"]


def test_the_country_page_shows_staff_who_serves_who_served_and_who_is_invited(login, staff, md):
    FocalPointFactory(country=md, user=UserFactory(first_name="Old", last_name="Timer"), until=date(2020, 1, 1))
    FocalPointFactory(country=md, user=UserFactory(first_name="Now", last_name="Serving"))
    pending_invitee(md, staff)
    content = login(staff).get(reverse("countries:detail", args=["MD"])).content.decode()
    assert re.search(r"Old Timer</a>.*served until 1 January 2020", content, re.S)
    assert re.search(r"Now Serving</a>.*serving</li>", content, re.S)
    assert re.search(r"Ana Rusu</a>.*invitation pending", content, re.S)


def test_the_invite_page_speaks_french(login, staff, md):
    content = login(staff).get(reverse("countries:invite", args=["MD"]), headers={"accept-language": "fr"})
    content = content.content.decode()
    assert "Inviter un point focal pour République de Moldova" in content
    assert "En fonction à partir du" in content and "Envoyer l’invitation" in content


def test_a_focal_point_already_serving_is_a_form_error(login, staff, md, fp_md):
    response = login(staff).post(reverse("countries:invite", args=["MD"]), invite_data(email="FP-MD@example.org"))
    assert response.status_code == 200
    assert f"{fp_md} is already a focal point of Republic of Moldova." in response.content.decode()
    assert FocalPoint.objects.filter(country=md).count() == 1


@pytest.mark.django_db(transaction=True)
def test_a_refusing_mail_server_keeps_the_invitation_and_offers_to_resend(login, staff, md, settings):
    # Committed for real, as in production: the email goes (or not) before the page answers.
    settings.MAILERS = {"default": {"BACKEND": "tests.cjhp.failing_mailer.RefusingBackend"}}
    response = login(staff).post(
        reverse("countries:invite", args=["MD"]), invite_data(email="refused@example.org"), follow=True
    )
    assert response.status_code == 200
    invitation = Invitation.objects.get()
    assert invitation.email_failed and response.redirect_chain[-1][0] == reverse(
        "people:detail", args=[invitation.user_id]
    )
    content = response.content.decode()
    assert "but the email to refused@example.org could not be sent. Resend it below." in content
    assert "The email could not be sent." in content and "Resend the invitation" in content
    assert FocalPoint.objects.filter(user=invitation.user, country=md).exists()


def test_staff_resend_a_pending_invitation(login, staff, md, django_capture_on_commit_callbacks):
    invitee = pending_invitee(md, staff)
    invitation = Invitation.objects.get(user=invitee)
    with django_capture_on_commit_callbacks(execute=True):
        response = login(staff).post(reverse("people:resend", args=[invitation.pk]), follow=True)
    content = response.content.decode()
    assert "A new invitation went to ana@example.org; the earlier link no longer works." in content
    assert len(mail.outbox) == 1 and "https://cjhp.example.org/accounts/invitation/" in mail.outbox[0].body
    assert "Invitation resent" in content


def test_staff_invite_other_staff(login, staff, django_capture_on_commit_callbacks):
    with django_capture_on_commit_callbacks(execute=True):
        response = login(staff).post(
            reverse("people:invite"), {"name": "Eva Marin", "email": "eva@example.org", "language": "en"}, follow=True
        )
    assert "Eva Marin was invited to the portal as programme staff" in response.content.decode()
    assert mail.outbox[0].subject == "CJHP Portal: you are invited as programme staff"


# The invitation link


def test_the_link_sets_the_password_signs_in_and_lands_on_the_countrys_open_assessments(client, staff, md):
    AssessmentFactory(round=make_round(make_template(recommendations=1), name="SEE 2026"), country=md)
    invitee = pending_invitee(md, staff)
    path = link_path(invitee)
    page = client.get(path).content.decode()
    assert "You will sign in with the user name <strong>ana@example.org</strong>" in page

    refused = client.post(path, {"new_password1": "a-long-new-pass-42", "new_password2": "another-pass-42"})
    assert "The two password fields didn’t match." in refused.content.decode()
    response = client.post(path, {"new_password1": "a-long-new-pass-42", "new_password2": "a-long-new-pass-42"})

    assert response.status_code == 302 and response["Location"] == reverse("home")
    assert response.cookies["django_language"].value == "fr"
    home = client.get(reverse("home")).content.decode()
    assert "Bienvenue sur le portail CJHP" in home and "SEE 2026" in home
    assert AccessRecord.objects.filter(user=invitee, kind=AccessRecord.Kind.ACCEPTED).exists()
    # The same link again: used.
    client.logout()
    again = client.get(path).content.decode()
    assert "This invitation was already used" in again


def test_an_expired_link_says_so_and_sends_the_person_to_staff(client, staff, md, monkeypatch):
    path = link_path(pending_invitee(md, staff))
    later = invitation_token._now() + timedelta(days=8)
    monkeypatch.setattr(type(invitation_token), "_now", lambda self: later)
    content = client.get(path).content.decode()
    assert "The link has expired: an invitation is valid for 7 days." in content
    assert "Please ask the programme staff who invited you to send you a new invitation." in content
    assert 'name="new_password1"' not in content
    refused = client.post(path, {"new_password1": "a-long-new-pass-42", "new_password2": "a-long-new-pass-42"})
    assert (
        "has expired" in refused.content.decode()
        and not User.objects.get(email="ana@example.org").has_usable_password()
    )


def test_a_replaced_link_is_refused_in_french(client, staff, md):
    invitee = pending_invitee(md, staff)
    old = link_path(invitee)
    services.resend_invitation(invitation=Invitation.objects.get(), by=staff)
    content = client.get(old, headers={"accept-language": "fr"}).content.decode()
    assert "Le lien n’est pas valide" in content


# Ending a service


def test_staff_end_a_service_and_the_person_loses_the_country(login, staff, md, fp_md):
    assessment = AssessmentFactory(round=make_round(make_template(recommendations=1)), country=md)
    focal_point = FocalPoint.objects.get(user=fp_md)
    client = login(staff)
    form = client.get(reverse("people:end_service", args=[focal_point.pk])).content.decode()
    assert f'value="{date.today().isoformat()}"' in form

    yesterday = date.today() - timedelta(days=1)
    response = client.post(reverse("people:end_service", args=[focal_point.pk]), {"until": yesterday.isoformat()})

    assert response["Location"] == reverse("people:detail", args=[fp_md.pk])
    person = client.get(response["Location"]).content.decode()
    assert "Service ended" in person and f"by {staff}" in person
    focal_client = login(fp_md)
    assert focal_client.get(reverse("countries:detail", args=["MD"])).status_code == 404
    assert focal_client.get(assessment.get_absolute_url()).status_code == 404
    home = focal_client.get(reverse("home")).content.decode()
    assert "You no longer serve any country" in home and "Republic of Moldova" not in home


def test_a_service_cannot_end_before_it_started_says_the_form(login, staff, md):
    focal_point = FocalPointFactory(country=md, since=date(2026, 3, 1))
    response = login(staff).post(reverse("people:end_service", args=[focal_point.pk]), {"until": "2026-02-01"})
    assert "The service cannot end before it started (1 March 2026)." in response.content.decode()
    assert FocalPoint.objects.get(pk=focal_point.pk).until is None


# The People list and a person's page


@pytest.fixture
def cast(md, ge, staff, fp_md, fp_ge, admin_user, outsider):
    pending_invitee(md, staff)
    return None


def names(response) -> list[str]:
    table = re.search(r'<table class="table" id="people">.*?</table>', response.content.decode(), re.S).group(0)
    return re.findall(r'<a href="/people/\d+/">([^<]+)</a>', table)


def test_the_people_list_shows_every_account_with_its_role_countries_and_invitation(login, staff, cast):
    response = login(staff).get(reverse("people:list"))
    content = response.content.decode()
    assert len(names(response)) == 6
    row = re.search(r"Ana Rusu</a>.*?</tr>", content, re.S).group(0)
    assert "Focal point" in row and "Republic of Moldova" in row and "French" in row and "pending since" in row
    assert "never" in row and "Off" in row
    admin_row = re.search(r'<span class="muted">admin@example.org</span>.*?</tr>', content, re.S).group(0)
    assert "Administrator" in admin_row
    staff_row = re.search(rf'<span class="muted">{staff.email}</span>.*?</tr>', content, re.S).group(0)
    assert "Programme staff" in staff_row and "On" in staff_row and "Off" not in staff_row


@pytest.mark.parametrize(
    "query, expected",
    [
        ({"role": "staff"}, {"staff"}),
        ({"role": "admin"}, {"admin"}),
        ({"role": "none"}, {"outsider"}),
        ({"country": "GE"}, {"fp-ge"}),
        ({"invitation": "pending"}, {"ana@example.org"}),
        ({"q": "rusu ana"}, {"ana@example.org"}),
    ],
)
def test_the_people_list_filters_and_exports_what_it_shows(login, staff, cast, ge, query, expected):
    if "country" in query:
        query = {"country": ge.pk}
    client = login(staff)
    exported = client.get(reverse("people:list"), {**query, "export": "csv"})
    rows = list(csv.DictReader(io.StringIO(exported.content.decode().lstrip("\ufeff"))))
    assert {row["username"] for row in rows} == expected
    shown = client.get(reverse("people:list"), query).content.decode()
    for username in expected:
        assert username in shown


def test_the_people_list_exports_as_xlsx(login, staff, cast):
    response = login(staff).get(reverse("people:list"), {"export": "xlsx"})
    assert response["Content-Type"].startswith("application/vnd.openxmlformats")
    assert response["Content-Disposition"].startswith('attachment; filename="cjhp-people-')


def test_the_people_list_speaks_french(login, staff, cast):
    content = login(staff).get(reverse("people:list"), headers={"accept-language": "fr"}).content.decode()
    assert "<h1>Personnes</h1>" in content and "Dernière connexion" in content and "en attente depuis" in content


def test_the_people_list_keeps_its_query_count(login, staff, md, django_assert_max_num_queries):
    client = login(staff)
    for _round in range(2):
        # session, user, groups, count, the page's people with role and invitation, their countries, the
        # countries of the filter
        with django_assert_max_num_queries(7):
            client.get(reverse("people:list"))
        for number in range(5):
            services.invite_focal_point(
                country=CountryFactory(),
                name="X Y",
                email=f"p{number}{_round}@x.org",
                language="en",
                since=None,
                by=None,
            )
            make_staff(f"staff{number}{_round}")


def test_a_persons_page_shows_their_countries_invitations_and_history(login, staff, md, ge):
    invitee = pending_invitee(md, staff)
    services.invite_focal_point(country=ge, name="", email="ana@example.org", language="fr", since=None, by=staff)
    content = login(staff).get(reverse("people:detail", args=[invitee.pk])).content.decode()
    assert "Countries served" in content and "Georgia" in content and "Republic of Moldova" in content
    assert content.count("Resend the invitation") == 1
    history = re.search(r'id="history".*?</section>', content, re.S).group(0)
    assert history.count("Invited") == 2 and f"by {staff}" in history


def test_the_people_pages_are_closed_to_focal_points(login, fp_md, staff, md):
    invitee = pending_invitee(md, staff)
    client = login(fp_md)
    assert client.get(reverse("people:list")).status_code == 403
    assert client.get(reverse("people:detail", args=[invitee.pk])).status_code == 403
    assert client.get(reverse("countries:invite", args=["MD"])).status_code == 403


# Everyone's settings


def test_a_person_changes_their_name_email_and_language(login, fp_md):
    client = login(fp_md)
    response = client.post(
        reverse("account_settings"),
        {"first_name": "Ion", "last_name": "Ceban", "email": "ion@example.org", "language": "fr"},
        follow=True,
    )
    assert "Vos paramètres ont été enregistrés." in response.content.decode()
    fp_md.refresh_from_db()
    assert (fp_md.get_full_name(), fp_md.email, fp_md.language) == ("Ion Ceban", "ion@example.org", "fr")


def test_the_settings_refuse_an_email_of_another_account(login, fp_md, fp_ge):
    response = login(fp_md).post(
        reverse("account_settings"), {"first_name": "", "last_name": "", "email": "FP-GE@example.org", "language": "en"}
    )
    assert "Another account already uses this email." in response.content.decode()


def test_the_menu_links_to_settings_for_everyone_and_to_people_for_staff(login, fp_md, staff):
    assert reverse("account_settings") in login(fp_md).get(reverse("home")).content.decode()
    assert 'href="/people/"' not in login(fp_md).get(reverse("home")).content.decode()
    assert 'href="/people/"' in login(staff).get(reverse("home")).content.decode()


def test_a_persons_page_keeps_its_query_count(login, staff, md, django_assert_max_num_queries):
    invitee = pending_invitee(md, staff)
    client = login(staff)
    for _round in range(2):
        # session, user, groups, the person with role and invitation, their countries now, every country they
        # served, their invitations, the record of their access, their API access tokens
        with django_assert_max_num_queries(9):
            client.get(reverse("people:detail", args=[invitee.pk]))
        for _ in range(3):
            country = CountryFactory()
            services.invite_focal_point(
                country=country, name="", email="ana@example.org", language="fr", since=None, by=staff
            )
            services.end_service(
                focal_point=FocalPoint.objects.get(user=invitee, country=country), until=date.today(), by=staff
            )


def test_a_person_turns_off_the_emails_for_information_and_on_again(login, staff):
    client = login(staff)
    page = client.get(reverse("account_settings")).content.decode()
    assert "Emails for information" in page and 'name="informational_emails"' in page and "checked" in page
    data = {"first_name": "", "last_name": "", "email": staff.email or "staff@example.org", "language": "en"}
    client.post(reverse("account_settings"), data)
    staff.refresh_from_db()
    assert staff.informational_emails is False
    client.post(reverse("account_settings"), {**data, "informational_emails": "on"})
    staff.refresh_from_db()
    assert staff.informational_emails is True


def test_the_settings_offer_the_countrys_languages_first(login, fp_md):
    page = login(fp_md).get(reverse("account_settings")).content.decode()
    start = page.index('name="working_language"')
    select = page[start : page.index("</select>", start)]
    assert '<option value="" selected>Same as the pages (English or French)</option>' in select
    ours, others = select.split('<optgroup label="Other languages">')
    assert '<optgroup label="Your country&#x27;s languages">' in ours
    assert '<option value="ro">Română (Romanian)</option>' in ours
    assert 'value="ka"' not in ours and '<option value="ka">ქართული (Georgian)</option>' in others


def test_staff_choose_a_working_language_from_one_list(login, staff):
    page = login(staff).get(reverse("account_settings")).content.decode()
    assert "Your country&#x27;s languages" not in page
    assert '<option value="ro">Română (Romanian)</option>' in page


def test_a_focal_point_saves_a_working_language_and_an_unknown_one_is_refused(login, fp_md):
    client = login(fp_md)
    data = {"first_name": "", "last_name": "", "email": fp_md.email, "language": "en", "working_language": "ro"}
    assert client.post(reverse("account_settings"), data).status_code == 302
    fp_md.refresh_from_db()
    assert fp_md.working_language == "ro"
    response = client.post(reverse("account_settings"), {**data, "working_language": "xx"})
    assert "Select a valid choice. xx is not one of the available choices." in response.content.decode()
    fp_md.refresh_from_db()
    assert fp_md.working_language == "ro"
