"""List pages export what they show — the same rows, with the page's filters — as CSV or XLSX.

A list view asks `export_format(request)`; when the user clicked an export link it answers "csv" or "xlsx"
and the view returns `export_response(...)` for its filtered queryset instead of the page.
"""

from django.http import HttpRequest, HttpResponse
from django.utils import timezone

FORMATS = {
    "csv": "text/csv; charset=utf-8",
    "xlsx": "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
}


def export_format(request: HttpRequest) -> str | None:
    value = request.GET.get("export", "")
    return value if value in FORMATS else None


def export_response(resource, queryset, fmt: str, basename: str) -> HttpResponse:
    """`resource` is a django-import-export resource; the file is named basename-YYYY-MM-DD.<fmt>."""
    dataset = resource.export(queryset=queryset)
    if fmt == "csv":
        # The byte-order mark lets spreadsheet programs read Cyrillic and Georgian names correctly.
        content = "\ufeff" + dataset.export("csv")
    else:
        content = dataset.export("xlsx")
    response = HttpResponse(content, content_type=FORMATS[fmt])
    response["Content-Disposition"] = f'attachment; filename="{basename}-{timezone.localdate():%Y-%m-%d}.{fmt}"'
    return response
