"""Corrects texts that reference data wrote in an earlier release, once, without touching texts edited since."""

from collections.abc import Iterable, Mapping

from django.db.models import QuerySet


def reword(queryset: QuerySet, *, key: str, field: str, former: Iterable[str], current: Mapping) -> int:
    """Gives each row whose `field` still holds one of the `former` wordings its `current[row.key]` text.

    A row whose text has changed since (an edit in the portal, a spreadsheet import) holds no former wording and
    stays as it is; a second run finds nothing left to change.
    """
    former = list(former)
    stale = queryset.filter(**{f"{field}__in": former})
    changed = 0
    for row_key in stale.values_list(key, flat=True).order_by():
        if row_key in current:
            changed += stale.filter(**{key: row_key}).update(**{field: current[row_key]})
    return changed
