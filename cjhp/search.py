"""One search box for programme staff: countries, projects, events and participants, grouped, with counts.

At most eight queries however much data there is: the few countries and projects come with their count
(COUNT(*) OVER ()); events and participants, which run to thousands, are counted by a second query, and only
when there are more than the rows shown, up to COUNTED_AT_MOST. On PostgreSQL the participants' name, organisation
and email have trigram indexes (events/migrations/0007), which find a word anywhere in them without reading every
participant.
"""

from dataclasses import dataclass

from django import forms
from django.db.models import Count, Q, Window
from django.utils.translation import gettext_lazy as _

from countries.models import Country
from events.models import Event, Participant
from projects.models import Project

SHOWN_PER_GROUP = 20
# Beyond this many matches a group says "more than 1,000": counting further would read every match, and nobody
# reads a thousand rows rather than add a word to the search.
COUNTED_AT_MOST = 1_000


class SearchForm(forms.Form):
    q = forms.CharField(
        label=_("Search"),
        required=False,  # an empty box shows what can be searched, not an error
        min_length=2,
        max_length=100,
        strip=True,
        error_messages={"min_length": _("Type at least 2 characters.")},
        widget=forms.TextInput(attrs={"type": "search"}),
    )

    def query(self) -> str:
        return self.cleaned_data["q"] if self.is_valid() else ""


@dataclass
class ResultGroup:
    key: str
    label: str
    rows: list
    count: int
    more: bool = False  # more matches than `count` (COUNTED_AT_MOST): they were not all counted


def _words(query: str) -> list[str]:
    return query.split()[:5]


def _matching(queryset, fields: list[str], query: str):
    """Rows where every word of the query is found in one of the fields (case-insensitive)."""
    for word in _words(query):
        condition = Q()
        for name in fields:
            condition |= Q(**{f"{name}__icontains": word})
        queryset = queryset.filter(condition)
    return queryset


GROUPS = [
    # key, label, rows, fields searched, whether the table runs to thousands of rows
    ("countries", _("Countries"), lambda: Country.objects.order_by("name"), ["name", "code"], False),
    ("projects", _("Projects"), lambda: Project.objects.order_by("-starts_on", "title"), ["title", "summary"], False),
    (
        "events",
        _("Events"),
        lambda: Event.objects.select_related("country").order_by("-starts_on", "title"),
        ["title", "city", "summary"],
        True,
    ),
    (
        "participants",
        _("Participants"),
        lambda: Participant.objects.select_related("country").order_by("name", "pk"),
        ["name", "organisation", "email"],
        True,
    ),
]


def search(query: str) -> list[ResultGroup]:
    groups = []
    for key, label, queryset, fields, large in GROUPS:
        matching = _matching(queryset(), fields, query)
        if not large:
            # Every row shown carries how many rows match in all: no second query counts them.
            rows = list(matching.annotate(matches=Window(Count("pk")))[:SHOWN_PER_GROUP])
            count = rows[0].matches if rows else 0
        else:
            # A window count would read and sort every match; the first rows come in order from an index.
            rows = list(matching[: SHOWN_PER_GROUP + 1])
            count = len(rows) if len(rows) <= SHOWN_PER_GROUP else matching.order_by()[: COUNTED_AT_MOST + 1].count()
            rows = rows[:SHOWN_PER_GROUP]
        more = count > COUNTED_AT_MOST
        groups.append(ResultGroup(key, label, rows, min(count, COUNTED_AT_MOST), more))
    return groups
