"""Counts of people by professional group and gender: for an event's page, a country's page and reports."""

from django.db.models import Count

from events.models import Gender, ProfessionalGroup


def group_gender_table(participants) -> dict:
    """Rows per professional group, columns per gender, with totals. `participants`: a Participant queryset."""
    counts = {
        (row["professional_group"], row["gender"]): row["n"]
        for row in participants.order_by().values("professional_group", "gender").annotate(n=Count("pk"))
    }
    return group_gender_table_from_counts(counts)


def group_gender_table_from_counts(counts: dict[tuple[str, str], int]) -> dict:
    """The same table from counts by (professional group, gender) already read."""
    rows = []
    for group, label in ProfessionalGroup.choices:
        cells = [counts.get((group, gender), 0) for gender in Gender.values]
        if any(cells):
            rows.append({"label": label, "cells": cells, "total": sum(cells)})
    totals = [sum(counts.get((group, gender), 0) for group in ProfessionalGroup.values) for gender in Gender.values]
    return {"genders": Gender.labels, "rows": rows, "totals": totals, "total": sum(totals)}
