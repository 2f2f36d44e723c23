"""One search box for programme staff: countries, projects, events and participants, grouped, with counts.

Two queries per group (the first rows and the count), so eight however much data there is.
"""

from dataclasses import dataclass

from django import forms
from django.db.models import Q
from django.utils.translation import gettext_lazy as _

from countries.models import Country
from events.models import Event, Participant
from projects.models import Project

SHOWN_PER_GROUP = 20


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
    ("countries", _("Countries"), lambda: Country.objects.order_by("name"), ["name", "code"]),
    ("projects", _("Projects"), lambda: Project.objects.order_by("-starts_on", "title"), ["title", "summary"]),
    (
        "events",
        _("Events"),
        lambda: Event.objects.select_related("country").order_by("-starts_on", "title"),
        ["title", "city", "summary"],
    ),
    (
        "participants",
        _("Participants"),
        lambda: Participant.objects.select_related("country").order_by("name", "pk"),
        ["name", "organisation", "email"],
    ),
]


def search(query: str) -> list[ResultGroup]:
    groups = []
    for key, label, queryset, fields in GROUPS:
        matching = _matching(queryset(), fields, query)
        groups.append(ResultGroup(key, label, list(matching[:SHOWN_PER_GROUP]), matching.count()))
    return groups
