"""A participant's personal data: the export of everything on file, and the erasure of their identity
(events/privacy.py). Programme staff only."""

from django.contrib import messages
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.utils import timezone
from django.utils.translation import gettext as _

from events import privacy
from events.access import get_participant_for_staff
from events.forms import EraseForm


def participant_export(request: HttpRequest, pk: int) -> HttpResponse:
    participant = get_participant_for_staff(request.user, pk)
    response = HttpResponse(privacy.participant_export(participant=participant, request=request))
    response["Content-Type"] = "application/zip"
    filename = privacy.export_filename(participant, timezone.localdate())
    response["Content-Disposition"] = f'attachment; filename="{filename}"'
    return response


def participant_erase(request: HttpRequest, pk: int) -> HttpResponse:
    """A preview of what goes and what stays, then the erasure on a confirmed POST; a second erasure is a no-op."""
    participant = get_participant_for_staff(request.user, pk)
    if participant.is_erased:
        messages.info(request, _("This participant's identity was already erased: nothing more to do."))
        return redirect(participant)
    form = EraseForm(data=request.POST or None)
    if request.method == "POST" and form.is_valid():
        privacy.participant_erase(participant=participant, by=request.user)
        messages.success(
            request,
            _("The identity of participant %(id)s was erased; their attendances still count.") % {"id": pk},
        )
        return redirect(participant)
    context = {"participant": participant, "preview": privacy.erasure_preview(participant), "form": form}
    return render(request, "events/participant_erase.html", context)
