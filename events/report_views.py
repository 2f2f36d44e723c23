"""The event report as a PDF: for anyone who may see the event (names for programme staff only)."""

from django.http import HttpRequest, HttpResponse

from cjhp.lib.pdf import pdf_response
from events.access import get_event_for_user
from events.reports import event_filename, event_report


def event_pdf(request: HttpRequest, slug: str) -> HttpResponse:
    event = get_event_for_user(request.user, slug)
    return pdf_response(request, "events/reports/event.html", event_report(event, request.user), event_filename(event))
