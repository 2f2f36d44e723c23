"""Pages that gather several apps' information — a country's page, the home page — ask each app for a panel.

A panel function takes the request (and the country, for a country page) and returns a Panel, or None when
it has nothing to show this user. Apps register their functions here by dotted path, so a page never needs to
know the other apps' models, and each app keeps its queries and template to itself.
"""

from dataclasses import dataclass, field

from django.utils.module_loading import import_string

# f(request, country) -> Panel | None, shown on the country page in this order.
COUNTRY_PANELS: list[str] = [
    "checklists.panels.country_assessments",
    "projects.panels.country_projects",
    "events.panels.country_events",
    "events.panels.country_participants",
    "checklists.panels.country_over_time",
]
# f(request) -> Panel | None, shown on the home page in this order.
HOME_PANELS: list[str] = [
    # Staff: the dashboard.
    "checklists.panels.home_open_rounds",
    "checklists.panels.home_review",
    "checklists.panels.home_overdue_actions",
    # A focal point: what is due from their country.
    "checklists.panels.home_due",
    "checklists.panels.home_action_items",
    # Everyone: the events they may see.
    "events.panels.home_upcoming_events",
    # Staff: the programme in numbers.
    "checklists.panels.home_heat_map",
    "events.panels.home_event_charts",
]


@dataclass
class Panel:
    template: str
    context: dict = field(default_factory=dict)


def collect(paths: list[str], *args) -> list[Panel]:
    panels = (import_string(path)(*args) for path in paths)
    return [panel for panel in panels if panel is not None]
