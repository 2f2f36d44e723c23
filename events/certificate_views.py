"""Certificates of attendance for a training or e-learning course: one attendee, or all of them in one PDF."""

from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404
from django.utils.text import slugify

from cjhp.lib.access import require_programme_staff
from cjhp.lib.pdf import pdf_response
from events import services
from events.access import get_event_for_user


def _certified_event(request, slug):
    event = get_event_for_user(request.user, slug)
    require_programme_staff(request.user)
    if not event.gives_certificates:
        raise Http404("Only trainings and e-learning courses give certificates.")
    return event


def certificate(request: HttpRequest, slug: str, participant_pk: int) -> HttpResponse:
    event = _certified_event(request, slug)
    attendance = get_object_or_404(
        event.attendances.select_related("participant"), participant_id=participant_pk, attended=True
    )
    services.certificates_issue(attendances=[attendance])
    name = slugify(attendance.participant.name, allow_unicode=False) or f"participant-{participant_pk}"
    return pdf_response(
        request,
        "events/certificate.html",
        {"event": event, "attendances": [attendance]},
        f"cjhp-certificate-{event.slug}-{name}.pdf",
    )


def certificates(request: HttpRequest, slug: str) -> HttpResponse:
    event = _certified_event(request, slug)
    attendances = list(event.attendances.filter(attended=True).select_related("participant"))
    if not attendances:
        raise Http404("Nobody is marked as having attended.")
    services.certificates_issue(attendances=attendances)
    return pdf_response(
        request,
        "events/certificate.html",
        {"event": event, "attendances": attendances},
        f"cjhp-certificates-{event.slug}.pdf",
    )
