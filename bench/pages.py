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
    Page("Dashboard, another round's heat map", lambda world: f"{reverse('home')}?round={world.rounds[0].slug}"),
    Page("Gaps and responses", lambda world: reverse("checklists:round_gaps", args=[world.rounds[-1].slug])),
    Page("Search", lambda world: f"{reverse('search')}?q=prison"),
]
