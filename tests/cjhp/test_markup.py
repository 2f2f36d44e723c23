"""Markup that assistive technology reads as it is meant: landmarks with names, lists where lists may be, table
rows as wide as their table."""

from html.parser import HTMLParser

from django.urls import reverse

from tests.events.factories import EventFactory


class Elements(HTMLParser):
    """Every element with its attributes and the tags it sits in."""

    VOID = {"area", "base", "br", "col", "embed", "hr", "img", "input", "link", "meta", "source", "track", "wbr"}

    def __init__(self, html: str):
        super().__init__()
        self.stack, self.found = [], []
        self.feed(html)

    def handle_starttag(self, tag, attrs):
        self.found.append((tag, dict(attrs), list(self.stack)))
        if tag not in self.VOID:
            self.stack.append(tag)

    def handle_endtag(self, tag):
        if tag in self.stack:
            while self.stack.pop() != tag:
                pass

    def all(self, tag):
        return [(attrs, ancestors) for found, attrs, ancestors in self.found if found == tag]


def test_a_help_text_holding_a_list_is_not_a_paragraph(login, staff):
    page = login(staff).get(reverse("account_change_password")).content.decode()

    lists = Elements(page).all("ul")
    assert lists, "the password rules are a list"
    assert all("p" not in ancestors for _attrs, ancestors in lists)


def test_the_search_landmarks_have_names_of_their_own(login, staff):
    page = login(staff).get(reverse("search"), {"q": "prison"}).content.decode()

    names = [attrs.get("aria-label") for attrs, _ in Elements(page).all("form") if attrs.get("role") == "search"]
    assert len(names) == 2 and all(names) and len(set(names)) == 2


def test_an_event_without_registrations_says_so_across_its_table(login, staff, md):
    for event in [EventFactory(country=md, kind="training"), EventFactory(country=md, kind="round-table")]:
        page = login(staff).get(event.get_absolute_url()).content.decode()
        elements = Elements(page)
        columns = sum(1 for attrs, ancestors in elements.all("th") if "thead" in ancestors and "tbody" not in ancestors)
        empty = [attrs for attrs, _ in elements.all("td") if attrs.get("colspan")]
        assert "Nobody is registered yet." in page
        assert [int(attrs["colspan"]) for attrs in empty] == [columns]
