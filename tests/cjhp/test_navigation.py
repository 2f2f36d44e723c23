"""Each role sees the navigation it may use, and nothing else."""

import re

from django.urls import reverse


def nav_labels(response) -> list[str]:
    nav = re.search(r'<nav class="main-nav".*?</nav>', response.content.decode(), re.S)
    return re.findall(r"<a [^>]*>([^<]+)</a>", nav.group(0)) if nav else []


def test_focal_point_sees_home_countries_assessments_projects_and_events(login, fp_md):
    expected = ["Home", "Countries", "Assessments", "Projects", "Events"]
    assert nav_labels(login(fp_md).get(reverse("home"))) == expected


def test_staff_sees_the_administration_link(login, staff):
    staff.is_staff = True
    staff.save()
    labels = nav_labels(login(staff).get(reverse("home")))
    assert labels == ["Home", "Countries", "Assessments", "Projects", "Events", "Templates", "People", "Administration"]


def test_staff_without_admin_access_has_no_administration_link(login, staff):
    assert "Administration" not in nav_labels(login(staff).get(reverse("home")))


def test_admin_sees_everything(login, admin_user):
    labels = nav_labels(login(admin_user).get(reverse("home")))
    assert labels == ["Home", "Countries", "Assessments", "Projects", "Events", "Templates", "People", "Administration"]


def test_anonymous_sees_no_navigation(client, db):
    assert nav_labels(client.get(reverse("account_login"))) == []


def test_focal_point_home_shows_their_country_only(login, fp_md, ge):
    content = login(fp_md).get(reverse("home")).content.decode()
    assert "Republic of Moldova" in content
    assert "Georgia" not in content


def test_user_without_a_role_is_told_to_ask_for_access(login, outsider, md):
    content = login(outsider).get(reverse("home")).content.decode()
    assert "not linked to a country yet" in content
    assert "Republic of Moldova" not in content


def test_the_server_error_page_needs_neither_the_database_nor_the_user(rf):
    from cjhp.views import server_error

    response = server_error(rf.get("/"))
    assert response.status_code == 500
    assert "Nothing you saved before is lost" in response.content.decode()


def test_a_database_out_of_reach_gets_the_portals_503_page(client, db, monkeypatch):
    """The database gone in the middle of a request (here when the session is read): the portal's own page, status
    503 and Retry-After, not a traceback nor gunicorn's bare error."""
    from django.conf import settings
    from django.contrib.sessions.backends.db import SessionStore
    from django.db import OperationalError

    def gone(self):
        raise OperationalError("connection to server at 127.0.0.1, port 5432 failed: Connection refused")

    monkeypatch.setattr(SessionStore, "load", gone)
    client.raise_request_exception = False
    client.cookies[settings.SESSION_COOKIE_NAME] = "a" * 32
    response = client.get(reverse("home"))
    assert response.status_code == 503
    assert response["Retry-After"] == "30"
    page = response.content.decode()
    assert "The portal is briefly unavailable" in page and "Nothing you saved before is lost" in page
    assert "Traceback" not in page and "OperationalError" not in page
