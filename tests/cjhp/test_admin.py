"""The admin is for superusers and for staff users with permissions."""

from django.urls import reverse


def test_focal_point_cannot_use_the_admin(login, fp_md):
    response = login(fp_md).get(reverse("admin:index"))
    assert response.status_code == 302
    assert reverse("admin:login") in response["Location"]


def test_programme_staff_flagged_as_staff_manage_countries_in_the_admin(login, staff, md):
    from cjhp.lib.roles import ensure_roles

    ensure_roles()
    staff.is_staff = True
    staff.save()
    client = login(staff)
    assert client.get(reverse("admin:countries_country_changelist")).status_code == 200
    # ...but not the accounts, which stay with the administrators.
    assert client.get(reverse("admin:cjhp_user_changelist")).status_code == 403


def test_superuser_reaches_every_admin_page(login, admin_user, md, fp_md):
    client = login(admin_user)
    for name in [
        "admin:index",
        "admin:cjhp_user_changelist",
        "admin:countries_country_changelist",
        "admin:countries_network_changelist",
        "admin:countries_focalpoint_changelist",
        "admin:countries_country_import",
        "admin:countries_country_export",
    ]:
        assert client.get(reverse(name)).status_code == 200, name


def test_the_admin_shows_a_persons_invitations_and_access_record_without_letting_them_be_edited(
    login, admin_user, staff, md
):
    from datetime import date

    from cjhp.people import services

    invitee = services.invite_focal_point(
        country=md, name="Ana Rusu", email="ana@example.org", language="fr", since=date(2026, 1, 1), by=staff
    ).user
    page = login(admin_user).get(reverse("admin:cjhp_user_change", args=[invitee.pk])).content.decode()
    assert "ana@example.org" in page and "Invited" in page and "Republic of Moldova" in page
    assert 'name="invitations-0-email"' not in page and 'name="access_records-0-kind"' not in page
