"""The country profile report: membership, networks, projects with their results, events with their participants
by professional group and gender, assessment history and open action items.

Everything goes through each app's `visible_to(user)`, like the country page; the number of queries is fixed,
however many projects, events, rounds and action items there are.
"""

from collections import Counter

from django.db.models import Count, Prefetch
from django.utils.translation import gettext as _

from checklists.assessments.progress import Progress
from checklists.languages import in_reader_language
from checklists.models import ActionItem, Assessment, Recommendation
from checklists.rounds.comparison import yes_share_over_rounds
from cjhp.lib.charts import LineChart
from countries.models import Country
from events.models import Attendance, Event, Gender, ProfessionalGroup
from events.reports import group_gender_chart
from projects.models import Project, Result


def country_filename(country: Country) -> str:
    return f"cjhp-country-{country.code}.pdf"


def country_report(country: Country, user) -> dict:
    return {
        "country": country,
        "networks": list(country.networks.order_by("name")),
        **_projects(country, user),
        **_events(country, user),
        **_assessments(country, user),
    }


def _projects(country, user) -> dict:
    """Two queries for the projects and their results, one for the country's own results."""
    results = Result.objects.visible_to(user)
    projects = (
        Project.objects.visible_to(user)
        .filter(pk__in=Project.countries.through.objects.filter(country=country).values("project"))
        .prefetch_related(Prefetch("results", queryset=results))
        .order_by("-starts_on", "title")
    )
    return {"projects": list(projects), "country_results": list(results.filter(country=country))}


def _events(country, user) -> dict:
    """The events held in the country, each with its attendees by gender, and all of them by professional group
    and gender: two queries."""
    events = list(Event.objects.visible_to(user).filter(country=country).order_by("-starts_on", "title"))
    counts = (
        Attendance.objects.attended()
        .filter(event__in=[event.pk for event in events])
        .values_list("event", "participant__professional_group", "participant__gender")
        .annotate(n=Count("pk"))
        .order_by()
    )
    by_event: dict[int, Counter] = {event.pk: Counter() for event in events}
    by_group_gender = Counter()
    for event_id, group, gender, n in counts:
        by_event[event_id][gender] += n
        by_group_gender[(group, gender)] += n
    rows = []
    for group, label in ProfessionalGroup.choices:
        cells = [by_group_gender[(group, gender)] for gender in Gender.values]
        if any(cells):
            rows.append({"label": label, "cells": cells, "total": sum(cells)})
    totals = [sum(row["cells"][index] for row in rows) for index in range(len(Gender.values))]
    table = {"genders": Gender.labels, "rows": rows, "totals": totals, "total": sum(totals)}
    event_rows = [
        (event, [by_event[event.pk][gender] for gender in Gender.values], sum(by_event[event.pk].values()))
        for event in events
    ]
    return {"event_rows": event_rows, "attendance_table": table, "attendance_chart": group_gender_chart(table)}


def _assessments(country, user) -> dict:
    """Each round's status, progress and Yes share per recommendation, and the open action items: the three
    queries of yes_share_over_rounds, then assessments, recommendations and action items."""
    rounds, shares = yes_share_over_rounds(country)
    assessments = {
        a.round_id: a for a in Assessment.objects.visible_to(user).filter(country=country).select_related("round")
    }
    numbers = sorted({number for _round_id, number in shares})
    latest_template = rounds[-1].template_id if rounds else None
    titles = dict(
        Recommendation.objects.filter(template=latest_template).values_list("number", in_reader_language("title"))
    )
    history = []
    previous = None
    for assessment_round in rounds:
        assessment = assessments.get(assessment_round.pk)
        if assessment is None:
            continue
        cells = [shares.get((assessment_round.pk, number)) for number in numbers]
        overall = sum((cell for cell in cells if cell), Progress())
        change = overall.yes_percent - previous.yes_percent if previous else None
        history.append({"assessment": assessment, "progress": overall, "cells": cells, "change": change})
        previous = overall
    chart = ""
    if len(history) > 1:
        chart = LineChart(
            title=_("Yes share per recommendation, round by round"),
            points=[row["assessment"].round.name for row in history],
            series=[
                (
                    f"{number}. {titles.get(number, '')}",
                    [
                        (cell.yes / cell.total) if cell and cell.total else None
                        for cell in (row["cells"][i] for row in history)
                    ],
                )
                for i, number in enumerate(numbers)
            ],
        ).svg()
    open_actions = (
        ActionItem.objects.filter(
            assessment__in=[a.pk for a in assessments.values()],
            status__in=[ActionItem.Status.OPEN, ActionItem.Status.IN_PROGRESS],
        )
        .select_related("assessment__round", "recommendation", "item")
        .order_by("due_date", "pk")
    )
    return {
        "history": history,
        "recommendation_numbers": [(number, titles.get(number, "")) for number in numbers],
        "history_chart": chart,
        "open_action_items": list(open_actions),
    }
