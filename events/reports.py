"""The event report: the event, its materials, attendance by professional group, gender and country (charts and
tables with the same numbers) and, for programme staff, the list of participants."""

from collections import Counter
from pathlib import PurePath

from django.utils.translation import gettext as _

from cjhp.lib.charts import BarChart
from cjhp.lib.pdf import render_pdf_bytes
from cjhp.lib.roles import is_programme_staff
from events.models import Event, Gender, ProfessionalGroup
from projects.models import Project


def event_filename(event: Event) -> str:
    return f"cjhp-event-{event.slug}.pdf"


def certificates_pdf(*, event: Event, attendances, request=None) -> bytes:
    """The certificates of attendance of these attendees of the event, one page each: for the certificate pages
    and a participant's export."""
    return render_pdf_bytes("events/certificate.html", {"event": event, "attendances": attendances}, request)


def event_report(event: Event, user) -> dict:
    """Queries: projects, materials, recommendations, attendances with their participants and countries."""
    attendances = list(event.attendances.select_related("participant__country").order_by("participant__name"))
    attended = [attendance.participant for attendance in attendances if attendance.attended]
    by_group_gender = Counter((p.professional_group, p.gender) for p in attended)
    rows = []
    for group, label in ProfessionalGroup.choices:
        cells = [by_group_gender[(group, gender)] for gender in Gender.values]
        if any(cells):
            rows.append({"label": label, "cells": cells, "total": sum(cells)})
    totals = [sum(row["cells"][index] for row in rows) for index in range(len(Gender.values))]
    # The shape of events.summary.group_gender_table, so that the event page's table template shows it.
    table = {"genders": Gender.labels, "rows": rows, "totals": totals, "total": sum(totals)}
    by_country = Counter(p.country.local_name if p.country else "" for p in attended)
    country_rows = sorted(by_country.items(), key=lambda pair: (-pair[1], pair[0] or "~"))
    return {
        "event": event,
        "projects": list(Project.objects.visible_to(user).filter(events=event).order_by("title")),
        # (material, its file's name or its link)
        "materials": [(m, m.url or PurePath(m.file.name).name) for m in event.materials.all()],
        "recommendations": list(event.recommendations.order_by("number")),
        "registered": len(attendances),
        "attended": len(attended),
        "table": table,
        "country_rows": country_rows,
        "group_chart": group_gender_chart(table),
        "country_chart": _country_chart(country_rows) if country_rows else "",
        # Names are personal data: programme staff only, as on the event's page.
        "attendances": attendances if is_programme_staff(user) else None,
    }


def group_gender_chart(table: dict):
    """A stacked bar per professional group, one colour per gender, from a group_gender_table (for the event's
    page and its report); empty when nobody attended."""
    if not table["total"]:
        return ""
    return BarChart(
        title=_("Participants by professional group and gender"),
        categories=[str(row["label"]) for row in table["rows"]],
        series=[
            (str(label), [row["cells"][index] for row in table["rows"]]) for index, label in enumerate(table["genders"])
        ],
        stacked=True,
    ).svg()


def _country_chart(country_rows):
    return BarChart(
        title=_("Participants by country"),
        categories=[name or str(_("Country not recorded")) for name, _count in country_rows],
        series=[(str(_("Participants")), [count for _name, count in country_rows])],
    ).svg()
