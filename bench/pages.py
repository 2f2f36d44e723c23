"""The pages `make bench` measures: one line each, with the URL built from the generated world and the user.

Add a page with one line: `Page(name, lambda world: <its URL>, "staff" or "focal_point")`. World (in
bench.generate) holds the measured country, its latest assessment, the rounds, ...
"""

from collections.abc import Callable
from dataclasses import dataclass

from django.urls import reverse

from bench.generate import World


@dataclass(frozen=True)
class Page:
    name: str
    url: Callable[[World], str]
    user: str = "staff"  # "staff" or "focal_point" (the focal point of World.country)


PAGES = [
    Page("Home", lambda world: reverse("home"), "staff"),
    Page("Home", lambda world: reverse("home"), "focal_point"),
    Page("Countries", lambda world: reverse("countries:list"), "staff"),
    Page("Country page", lambda world: world.country.get_absolute_url(), "staff"),
    Page("Country page", lambda world: world.country.get_absolute_url(), "focal_point"),
    Page("Action items", lambda world: reverse("checklists:action_items"), "staff"),
    Page("Action items", lambda world: reverse("checklists:action_items"), "focal_point"),
    Page("Action items, XLSX export", lambda world: reverse("checklists:action_items") + "?export=xlsx", "staff"),
    Page(
        "Round assessments, CSV export",
        lambda world: reverse("checklists:round", kwargs={"slug": world.rounds[-1].slug}) + "?export=csv",
        "staff",
    ),
    Page("Projects, CSV export", lambda world: reverse("projects:list") + "?export=csv", "staff"),
    Page("Events, XLSX export", lambda world: reverse("events:list") + "?export=xlsx", "staff"),
]
