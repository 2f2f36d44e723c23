"""List pages export what they show — the same rows, with the page's filters — as CSV or XLSX.

A list view asks `export_format(request)`; when the user clicked an export link it answers "csv" or "xlsx"
and the view returns `export_response(...)` for its filtered queryset instead of the page.

A list's export is a `ListExport` (its column names, and its rows read straight from the database), or any
django-import-export resource (each row dehydrated from a model instance: fine for a few hundred rows).
"""

from collections.abc import Iterable, Sequence

from django.http import HttpRequest, HttpResponse
from django.utils import timezone

from cjhp.lib.spreadsheets import csv_text, xlsx_bytes

FORMATS = {
    "csv": "text/csv; charset=utf-8",
    "xlsx": "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
}


class ListExport:
    """A list as a spreadsheet: `headers` names the columns, `rows(queryset)` yields one sequence per object.

    Subclasses read only the values they show (`values_list()`), and turn codes into their labels through
    `labels()`, once per export rather than once per row: lists run to thousands of rows.
    """

    headers: Sequence[str] = ()

    def rows(self, queryset) -> Iterable[Sequence]:
        raise NotImplementedError


def labels(choices) -> dict[str, str]:
    """Each choice's label in the active language, by its value (what get_FOO_display() shows)."""
    return {value: str(label) for value, label in choices.choices}


def iso(value) -> str:
    """A date, or a moment as its local date, in ISO form; "" for none."""
    if value is None:
        return ""
    if hasattr(value, "tzinfo"):
        value = timezone.localtime(value).date()
    return value.isoformat()


def export_format(request: HttpRequest) -> str | None:
    value = request.GET.get("export", "")
    return value if value in FORMATS else None


def export_response(resource, queryset, fmt: str, basename: str) -> HttpResponse:
    """`resource` is a ListExport or a django-import-export resource; the file is named basename-YYYY-MM-DD.<fmt>."""
    if isinstance(resource, ListExport):
        headers, rows = resource.headers, resource.rows(queryset)
    else:
        dataset = resource.export(queryset=queryset)
        headers, rows = dataset.headers, dataset
    if fmt == "csv":
        # The byte-order mark lets spreadsheet programs read Cyrillic and Georgian names correctly.
        content = "\ufeff" + csv_text(headers, rows)
    else:
        content = xlsx_bytes(headers, rows, title=basename)
    response = HttpResponse(content, content_type=FORMATS[fmt])
    response["Content-Disposition"] = f'attachment; filename="{basename}-{timezone.localdate():%Y-%m-%d}.{fmt}"'
    return response
