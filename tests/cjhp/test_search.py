"""One search box for staff over countries, projects, events and participants, grouped with counts."""

from django.urls import reverse

from tests.events.factories import EventFactory, ParticipantFactory
from tests.factories import CountryFactory
from tests.projects.factories import ProjectFactory


def _data(md):
    ProjectFactory(title="Opioid treatment in prisons", summary="Methadone in Moldovan prisons")
    ProjectFactory(title="Human rights", summary="Nothing about it")
    EventFactory(title="Seminar", city="Chisinau", country=md)
    EventFactory(title="Opioid substitution training", city="Tbilisi", country=md)
    ParticipantFactory(name="Ion Opioidu", organisation="Ministry of Health", email="ion@example.org")
    ParticipantFactory(name="Maria", organisation="Prison opioid service")


def test_results_are_grouped_with_counts_and_links(md, staff, login):
    _data(md)

    response = login(staff).get(reverse("search"), {"q": "opioid"})

    groups = {g.key: g for g in response.context["groups"]}
    assert {key: g.count for key, g in groups.items()} == {
        "countries": 0,
        "projects": 1,
        "events": 1,
        "participants": 2,
    }
    page = response.content.decode()
    assert "4 results for “opioid”." in page
    assert groups["events"].rows[0].get_absolute_url() in page


def test_every_word_must_match_somewhere(md, staff, login):
    _data(md)

    response = login(staff).get(reverse("search"), {"q": "moldova prisons"})

    groups = {g.key: g.count for g in response.context["groups"]}
    assert groups == {"countries": 0, "projects": 1, "events": 0, "participants": 0}
    response = login(staff).get(reverse("search"), {"q": "md"})
    assert [c.code for c in response.context["groups"][0].rows] == ["MD"]


def test_empty_and_too_short_queries_are_answered_gracefully(md, staff, login):
    client = login(staff)

    empty = client.get(reverse("search"), {"q": "  "})
    short = client.get(reverse("search"), {"q": "o"})

    assert empty.status_code == short.status_code == 200
    assert "Search countries (name or code)" in empty.content.decode()
    assert "Type at least 2 characters." in short.content.decode()
    assert empty.context["groups"] == short.context["groups"] == []


def test_focal_points_get_no_search(md, fp_md, staff, login):
    assert login(fp_md).get(reverse("search"), {"q": "opioid"}).status_code == 403
    assert 'action="/search/"' not in login(fp_md).get(reverse("home")).content.decode()
    assert 'action="/search/"' in login(staff).get(reverse("home")).content.decode()


def test_the_search_query_count_does_not_grow(md, staff, login, django_assert_num_queries):
    client = login(staff)
    _data(md)
    # Session, user, groups; for each of the four groups its first rows (the countries and projects carry the
    # count of all their matches); events and participants have no more matches than shown, so no count.
    with django_assert_num_queries(7):
        client.get(reverse("search"), {"q": "opioid"})
    for batch in range(2):
        for n in range(30):
            country = CountryFactory(name=f"Opioidland {batch}-{n}")
            EventFactory(title=f"Opioid day {batch}-{n}", country=country)
            ProjectFactory(title=f"Opioid project {batch}-{n}")
            ParticipantFactory(name=f"Opioid person {batch}-{n}", country=country)
        # More matches than shown: the events and the participants are counted too (two more queries), and no
        # more however many there are.
        with django_assert_num_queries(9):
            response = client.get(reverse("search"), {"q": "opioid"})
        counts = {g.key: g.count for g in response.context["groups"]}
        grown = 30 * (batch + 1)
        assert counts["events"] == grown + 1 and counts["participants"] >= grown and counts["countries"] >= grown
        assert counts["projects"] >= grown
        assert all(len(group.rows) == 20 for group in response.context["groups"])
        assert f"The first 20 of {grown + 1}" in response.content.decode()


def test_every_result_links_to_its_page(md, staff, login):
    _data(md)
    response = login(staff).get(reverse("search"), {"q": "op"})
    page = response.content.decode()
    shown = 0
    for group in response.context["groups"]:
        for row in group.rows:
            assert f'<a href="{row.get_absolute_url()}">' in page
            shown += 1
    assert shown


def test_a_word_found_in_more_than_a_thousand_participants_is_counted_only_that_far(md, staff, login, monkeypatch):
    monkeypatch.setattr("cjhp.search.COUNTED_AT_MOST", 25)
    for n in range(30):
        ParticipantFactory(name=f"Prison officer {n}", country=md)
    response = login(staff).get(reverse("search"), {"q": "prison officer"})
    [participants] = [group for group in response.context["groups"] if group.key == "participants"]
    assert (participants.count, participants.more, len(participants.rows)) == (25, True, 20)
    page = response.content.decode()
    assert 'Participants <span class="muted">(more than 25)</span>' in page
    assert "The first 20 of more than 25: add a word to narrow the search." in page
    assert "More than 25 results for “prison officer”." in page
