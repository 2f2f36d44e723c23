"""What the staff dashboard shows of the events: events per year by kind, participants by group and gender,
and the events and projects that address a recommendation. A fixed number of queries each."""

from django.db.models import Count, F
from django.db.models.functions import ExtractYear
from django.utils.translation import gettext as _

from cjhp.charts import BarChart
from events.models import Attendance, Event, Participant
from events.summary import group_gender_table
from projects.models import Project


def events_per_year_by_kind(events=None) -> dict:
    """Years (rows) × kinds (columns) with totals, for a stacked bar chart and its table; one query."""
    events = Event.objects.all() if events is None else events
    counts = {
        (row["year"], row["kind"]): row["n"]
        for row in events.order_by()
        .annotate(year=ExtractYear("starts_on"))
        .values("year", "kind")
        .annotate(n=Count("pk"))
    }
    years = sorted({year for year, _kind in counts})
    kinds = [(kind, label) for kind, label in Event.Kind.choices if any((y, kind) in counts for y in years)]
    rows = []
    for year in years:
        cells = [counts.get((year, kind), 0) for kind, _label in kinds]
        rows.append({"year": year, "cells": cells, "total": sum(cells)})
    totals = [sum(counts.get((year, kind), 0) for year in years) for kind, _label in kinds]
    return {"kinds": [label for _kind, label in kinds], "rows": rows, "totals": totals, "total": sum(totals)}


def events_chart(table: dict) -> BarChart:
    return BarChart(
        title=_("Events per year by kind"),
        categories=[str(row["year"]) for row in table["rows"]],
        series=[(str(kind), [row["cells"][i] for row in table["rows"]]) for i, kind in enumerate(table["kinds"])],
        stacked=True,
    )


def participants_by_group_and_gender() -> dict:
    """People who attended at least one event, by professional group and gender; one query.

    `pk IN (attendees)` rather than a correlated EXISTS: the database reads the attendances once, not once per
    participant (half the time over 50,000 participants and 100,000 attendances).
    """
    attendees = Attendance.objects.filter(attended=True).values("participant_id")
    return group_gender_table(Participant.objects.filter(pk__in=attendees))


def participants_chart(table: dict) -> BarChart:
    return BarChart(
        title=_("Participants by professional group and gender"),
        categories=[str(row["label"]) for row in table["rows"]],
        series=[(str(gender), [row["cells"][i] for row in table["rows"]]) for i, gender in enumerate(table["genders"])],
    )


def responses_by_recommendation(numbers) -> dict[int, dict[str, list]]:
    """The events and projects linked to each recommendation number (any template version); two queries.

    Matched on the number, not the row: people link "recommendation 3", which outlives template versions.
    """
    numbers = list(numbers)
    responses: dict[int, dict[str, list]] = {number: {"events": [], "projects": []} for number in numbers}
    event_links = (
        Event.recommendations.through.objects.filter(recommendation__number__in=numbers)
        .annotate(number=F("recommendation__number"))
        .select_related("event__country")
        .order_by("-event__starts_on", "event__title")
    )
    project_links = (
        Project.recommendations.through.objects.filter(recommendation__number__in=numbers)
        .annotate(number=F("recommendation__number"))
        .select_related("project")
        .order_by("-project__starts_on", "project__title")
    )
    for links, kind, attribute in ((event_links, "events", "event"), (project_links, "projects", "project")):
        found: dict[int, dict] = {number: {} for number in numbers}
        for link in links:
            # Keyed by id: an event linked to the same number in two template versions is listed once.
            found[link.number].setdefault(getattr(link, f"{attribute}_id"), getattr(link, attribute))
        for number in numbers:
            responses[number][kind] = list(found[number].values())
    return responses
