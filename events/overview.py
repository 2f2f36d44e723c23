"""What the staff dashboard shows of the events: events per year by kind, participants by group and gender,
and the events and projects that address a recommendation. A fixed number of queries each."""

from dataclasses import dataclass, field
from itertools import islice

from django.db.models import CharField, F, Sum, Value
from django.db.models.functions import Cast
from django.utils.translation import gettext as _

from cjhp.lib.charts import BarChart
from events.models import AttendeeCount, Event, EventCount
from events.summary import group_gender_table_from_counts
from projects.models import Project


def _events_table(counts: dict[tuple[int, str], int]) -> dict:
    years = sorted({year for year, _kind in counts})
    kinds = [(kind, label) for kind, label in Event.Kind.choices if any((y, kind) in counts for y in years)]
    rows = []
    for year in years:
        cells = [counts.get((year, kind), 0) for kind, _label in kinds]
        rows.append({"year": year, "cells": cells, "total": sum(cells)})
    totals = [sum(counts.get((year, kind), 0) for year in years) for kind, _label in kinds]
    return {"kinds": [label for _kind, label in kinds], "rows": rows, "totals": totals, "total": sum(totals)}


def programme_in_numbers() -> tuple[dict, dict]:
    """The dashboard's two tables in one query, both read from counts kept as events and attendances change
    (events.counts): events per year by kind, and people who attended at least one event by group and gender (the
    sum of the countries' counts); the two read one after the other (UNION ALL), each row tagged with its table."""
    events = (
        EventCount.objects.filter(events__gt=0)
        .order_by()
        .annotate(table=Value("events"), first=Cast("year", CharField()))
        .values_list("table", "first", "kind", "events")
    )
    people = (
        AttendeeCount.objects.filter(attendees__gt=0)
        .order_by()
        .annotate(table=Value("people"))
        .values_list("table", "professional_group", "gender")
        .annotate(n=Sum("attendees"))
    )
    events_counts, people_counts = {}, {}
    for table, first, second, n in events.union(people, all=True).order_by():
        if table == "events":
            events_counts[(int(first), second)] = n
        else:
            people_counts[(first, second)] = n
    return _events_table(events_counts), group_gender_table_from_counts(people_counts)


def events_chart(table: dict) -> BarChart:
    return BarChart(
        title=_("Events per year by kind"),
        categories=[str(row["year"]) for row in table["rows"]],
        series=[(str(kind), [row["cells"][i] for row in table["rows"]]) for i, kind in enumerate(table["kinds"])],
        stacked=True,
    )


def participants_chart(table: dict) -> BarChart:
    return BarChart(
        title=_("Participants by professional group and gender"),
        categories=[str(row["label"]) for row in table["rows"]],
        series=[(str(gender), [row["cells"][i] for row in table["rows"]]) for i, gender in enumerate(table["genders"])],
    )


SHOWN_RESPONSES = 8  # events and projects listed under each gap; the others are counted


@dataclass
class Responses:
    """The events or projects that address one recommendation: how many, and the latest few of them."""

    count: int = 0
    shown: list = field(default_factory=list)


def responses_by_recommendation(numbers, *, shown: int = SHOWN_RESPONSES) -> dict[int, dict[str, Responses]]:
    """The events and projects linked to each recommendation number (any template version), latest first:
    how many, and the first `shown` of each; three queries however many are linked.

    Matched on the number, not the row: people link "recommendation 3", which outlives template versions. At ten
    times the programme's size a recommendation has hundreds of events: only their ids are read, to count and
    order them, and only the events shown are loaded. Projects are few: they are loaded in one query.
    """
    numbers = list(numbers)
    event_ids: dict[int, dict[int, None]] = {number: {} for number in numbers}
    event_links = (
        Event.recommendations.through.objects.filter(recommendation__number__in=numbers)
        .order_by("-event__starts_on", "event__title", "event_id")
        .values_list("recommendation__number", "event_id")
    )
    for number, event_id in event_links:
        # Keyed by id: an event linked to the same number in two template versions is listed once.
        event_ids[number].setdefault(event_id)
    latest = {number: list(islice(ids, shown)) for number, ids in event_ids.items()}
    events = Event.objects.select_related("country").in_bulk({pk for ids in latest.values() for pk in ids})
    project_links = (
        Project.recommendations.through.objects.filter(recommendation__number__in=numbers)
        .annotate(number=F("recommendation__number"))
        .select_related("project")
        .order_by("-project__starts_on", "project__title", "project_id")
    )
    projects: dict[int, dict[int, Project]] = {number: {} for number in numbers}
    for link in project_links:
        projects[link.number].setdefault(link.project_id, link.project)
    return {
        number: {
            "events": Responses(len(event_ids[number]), [events[pk] for pk in latest[number]]),
            "projects": Responses(len(projects[number]), list(islice(projects[number].values(), shown))),
        }
        for number in numbers
    }
