"""Certificates of attendance for a training or e-learning course: one attendee, or all of them in one PDF."""

from django.contrib import messages
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.utils.http import content_disposition_header
from django.utils.text import slugify

from cjhp.lib.access import require_programme_staff
from events import services
from events.access import get_event_for_user
from events.reports import certificates_pdf


def _certified_event(request, slug):
    event = get_event_for_user(request.user, slug)
    require_programme_staff(request.user)
    if not event.gives_certificates:
        raise Http404("Only trainings and e-learning courses give certificates.")
    return event


def _download(pdf: bytes, filename: str) -> HttpResponse:
    response = HttpResponse(pdf, content_type="application/pdf")
    # A name in Cyrillic or Georgian script is sent as RFC 6266's filename*, which browsers save as it is.
    response["Content-Disposition"] = content_disposition_header(True, filename)
    return response


def _refused(request, event, refused: services.NotTakenPlace) -> HttpResponse:
    messages.error(request, refused.message)
    return redirect(f"{event.get_absolute_url()}#participants")


def certificate(request: HttpRequest, slug: str, participant_pk: int) -> HttpResponse:
    event = _certified_event(request, slug)
    attendance = get_object_or_404(
        event.attendances.select_related("participant"), participant_id=participant_pk, attended=True
    )
    if attendance.participant.is_erased:
        # Nobody's name is left to print: the page says so rather than a certificate made out to no one.
        context = {"event": event, "participant": attendance.participant}
        return render(request, "events/certificate_erased.html", context, status=410)
    try:
        services.certificates_issue(event=event, attendances=[attendance])
    except services.NotTakenPlace as refused:
        return _refused(request, event, refused)
    # Latin letters lose their accents (stefan-turcanu); other scripts keep their letters (олена-шевчук).
    name = attendance.participant.name
    name = slugify(name) or slugify(name, allow_unicode=True) or f"participant-{participant_pk}"
    pdf = certificates_pdf(event=event, attendances=[attendance], request=request)
    return _download(pdf, f"cjhp-certificate-{event.slug}-{name}.pdf")


def certificates(request: HttpRequest, slug: str) -> HttpResponse:
    event = _certified_event(request, slug)
    attendances = list(
        event.attendances.filter(attended=True, participant__erased_at__isnull=True).select_related("participant")
    )
    if not attendances:
        raise Http404("Nobody is marked as having attended.")
    try:
        services.certificates_issue(event=event, attendances=attendances)
    except services.NotTakenPlace as refused:
        return _refused(request, event, refused)
    pdf = certificates_pdf(event=event, attendances=attendances, request=request)
    return _download(pdf, f"cjhp-certificates-{event.slug}.pdf")
