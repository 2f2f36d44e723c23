"""The countries list and a country's page, as staff and focal points see them."""

from django.core.management import call_command
from django.urls import reverse

from countries.models import Country
from tests.factories import FocalPointFactory, NetworkFactory, UserFactory


def test_staff_see_every_country_with_the_list_source_and_date(login, staff):
    call_command("load_reference_data", verbosity=0)
    response = login(staff).get(reverse("countries:list"))
    content = response.content.decode()
    assert len(response.context["countries"]) == 46
    assert "41 member states" in content
    assert "Membership as of 23 March 2022" in content
    assert "no single public list of the 41 names was available" in content


def test_focal_point_sees_only_their_own_country_in_the_list(login, fp_md, ge):
    response = login(fp_md).get(reverse("countries:list"))
    assert [country.code for country in response.context["countries"]] == ["MD"]
    assert "Georgia" not in response.content.decode()


def test_filters_return_exactly_the_matching_countries(login, staff):
    call_command("load_reference_data", verbosity=0)
    client = login(staff)

    def codes(**params):
        return {country.code for country in client.get(reverse("countries:list"), params).context["countries"]}

    assert codes(membership="partner") == {"MD", "ME", "MK", "RS"}
    assert codes(membership="former") == {"RU"}
    assert len(codes(membership="member")) == 41
    see = client.get(reverse("countries:list")).context["form"].fields["network"].queryset.get()
    assert len(codes(network=see.pk)) == 11
    assert codes(q="georgia") == {"GE"}
    # A code matches exactly; a name matches anywhere in it (LithUAnia).
    assert codes(q="ua") == {"UA", "LT"}


def test_an_invalid_filter_says_so_and_shows_everything(login, staff, md, ge):
    response = login(staff).get(reverse("countries:list"), {"membership": "bogus"})
    assert "Select a valid choice" in response.content.decode()
    assert len(response.context["countries"]) == 2


def test_country_page_shows_membership_networks_and_focal_points(login, staff, md):
    NetworkFactory(name="Eastern Partnership").countries.add(md)
    FocalPointFactory(country=md, user=UserFactory(username="ana", first_name="Ana", last_name="Rusu"))
    content = login(staff).get(reverse("countries:detail", args=["MD"])).content.decode()
    assert "Republic of Moldova" in content
    assert "Partner country" in content
    assert "Eastern Partnership" in content
    assert "Ana Rusu" in content


def test_every_network_and_active_focal_point_is_listed_once_in_order(login, staff, md, ge):
    """The country, its networks and its focal points come from one query joining them: each appears once."""
    for name in ["South-East Europe", "Eastern Partnership", "Black Sea"]:
        NetworkFactory(name=name, since=2010).countries.add(md)
    NetworkFactory(name="Caucasus").countries.add(ge)
    for username, first in [("zoe", "Zoe"), ("ana", "Ana"), ("ion", "Ion")]:
        FocalPointFactory(country=md, user=UserFactory(username=username, first_name=first, last_name="Rusu"))
    FocalPointFactory(
        country=md, user=UserFactory(username="old", first_name="Old", last_name="Rusu"), until="2020-01-01"
    )
    FocalPointFactory(country=ge, user=UserFactory(username="geo", first_name="Geo", last_name="Rusu"))
    content = login(staff).get(reverse("countries:detail", args=["MD"])).content.decode()
    networks = ["Black Sea (since 2010)", "Eastern Partnership (since 2010)", "South-East Europe (since 2010)"]
    assert [content.count(name) for name in networks] == [1, 1, 1]
    assert content.index(networks[0]) < content.index(networks[1]) < content.index(networks[2])
    # Staff see the focal points who served before too (countries.page.country_for_page).
    assert [content.count(f"{first} Rusu") for first in ["Ana", "Ion", "Zoe", "Old", "Geo"]] == [1, 1, 1, 1, 0]
    assert content.index("Ana Rusu") < content.index("Ion Rusu") < content.index("Zoe Rusu")
    assert "Caucasus" not in content


def test_a_country_without_networks_or_focal_points_says_so(login, staff, md):
    content = login(staff).get(reverse("countries:detail", args=["MD"])).content.decode()
    assert "Not part of a network." in content
    assert "No focal point yet." in content
    assert login(staff).get(reverse("countries:detail", args=["XX"])).status_code == 404


def test_former_focal_points_are_listed_as_such_for_staff_only(login, staff, fp_md, md):
    FocalPointFactory(country=md, user=UserFactory(first_name="Former", last_name="Person"), until="2020-01-01")
    staff_page = login(staff).get(reverse("countries:detail", args=["MD"])).content.decode()
    assert "Former Person" in staff_page and "served until" in staff_page
    assert "Former Person" not in login(fp_md).get(reverse("countries:detail", args=["MD"])).content.decode()


def test_focal_point_gets_404_for_another_country(login, fp_md, ge):
    response = login(fp_md).get(reverse("countries:detail", args=["GE"]))
    assert response.status_code == 404
    assert "Page not found" in response.content.decode()


def test_staff_correct_a_membership_in_the_portal(login, staff, md):
    response = login(staff).post(
        reverse("countries:edit", args=["MD"]),
        {"name": "Republic of Moldova", "code": "MD", "is_member": "on", "member_since": "2024"},
    )
    assert response.status_code == 302
    md.refresh_from_db()
    assert (md.is_member, md.member_since) == (True, 2024)


def test_contradictory_membership_is_refused_with_a_clear_message(login, staff, md):
    response = login(staff).post(
        reverse("countries:edit", args=["MD"]),
        {
            "name": "Republic of Moldova",
            "code": "MD",
            "is_member": "on",
            "member_since": "2020",
            "left_in": "2022",
        },
    )
    assert response.status_code == 200
    assert "A current member cannot have left" in response.content.decode()
    md.refresh_from_db()
    assert md.is_member is False


def test_focal_point_may_not_edit_their_own_country(login, fp_md, md):
    response = login(fp_md).post(reverse("countries:edit", args=["MD"]), {"name": "Changed", "code": "MD"})
    assert response.status_code == 403
    assert Country.objects.get(code="MD").name == "Republic of Moldova"


def test_list_and_detail_query_counts_do_not_grow_with_the_data(login, staff, django_assert_max_num_queries):
    call_command("load_reference_data", verbosity=0)
    client = login(staff)
    # session, user, groups, countries, networks prefetch, member count, network choices in the filter form
    with django_assert_max_num_queries(8):
        client.get(reverse("countries:list"))
    # session, user, groups; the country with its networks and focal points with their users; the panels:
    # projects, results, events, participants by group and gender; the country's assessments (none here: no
    # questions to load, no chart over time); the country's focal points past and present, for staff
    with django_assert_max_num_queries(10):
        client.get(reverse("countries:detail", args=["RO"]))


def test_an_invalid_edit_keeps_the_saved_name_in_the_heading(login, staff, md):
    response = login(staff).post(reverse("countries:edit", args=["MD"]), {"name": "", "code": "MD"})
    content = response.content.decode()
    assert "This field is required." in content
    assert "Edit Republic of Moldova" in content


def test_panels_appear_once_in_the_page_body(login, staff, md):
    content = login(staff).get(reverse("countries:detail", args=["MD"])).content.decode()
    main = content[content.index("<main") :]
    for heading in ("Assessments", "Projects", "Events", "Participants in events"):
        assert content.count(f">{heading}</h2>") == 1, heading
        assert f">{heading}</h2>" in main, heading
    assert "<title>Republic of Moldova · CJHP Portal</title>" in content


def test_the_country_list_links_each_country_and_names_its_networks(login, staff, md, ge):
    NetworkFactory(name="Eastern Partnership").countries.add(md, ge)
    NetworkFactory(name="South-East Europe").countries.add(md)
    content = login(staff).get(reverse("countries:list")).content.decode()
    assert '<a href="/countries/MD/">Republic of Moldova</a>' in content
    assert f'<a href="{ge.get_absolute_url()}">{ge.name}</a>' in content
    assert "Eastern Partnership, South-East Europe" in content


def test_serving_today_is_the_same_rule_read_in_python_as_in_the_database(md):
    """The country page reads every focal point once and picks those serving today with FocalPoint.serves_on; the
    other pages ask the database (FocalPoint.objects.active()): both say the same of every kind of period."""
    from datetime import timedelta

    from django.utils import timezone

    from countries.models import FocalPoint

    today = timezone.localdate()
    day = timedelta(days=1)
    periods = [
        (None, None),
        (today, None),
        (None, today),
        (today + day, None),
        (None, today - day),
        (today - day, today),
    ]
    for since, until in periods:
        FocalPointFactory(country=md, since=since, until=until)

    in_python = {focal_point.pk for focal_point in FocalPoint.objects.all() if focal_point.serves_on(today)}
    assert in_python == set(FocalPoint.objects.active().values_list("pk", flat=True))
    assert len(in_python) == 4
