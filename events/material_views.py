import mimetypes
from pathlib import Path

from django.contrib import messages
from django.http import FileResponse, Http404, HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from cjhp.lib.access import require_programme_staff
from events.access import get_event_for_user
from events.forms import MaterialForm
from events.models import EventMaterial

INLINE_TYPES = {"image/jpeg", "image/png", "image/gif", "image/webp", "application/pdf"}


def material_add(request: HttpRequest, slug: str) -> HttpResponse:
    event = get_event_for_user(request.user, slug)
    require_programme_staff(request.user)
    form = MaterialForm(data=request.POST or None, files=request.FILES or None, instance=EventMaterial(event=event))
    if request.method == "POST" and form.is_valid():
        material = form.save()
        messages.success(request, _("“%(title)s” was added to the event.") % {"title": material.title})
        return redirect(f"{event.get_absolute_url()}#materials")
    return render(request, "events/material_form.html", {"form": form, "event": event})


def material_download(request: HttpRequest, slug: str, pk: int) -> HttpResponse:
    """Uploaded files are private: served here, only to those who may see the event."""
    event = get_event_for_user(request.user, slug)
    material = get_object_or_404(event.materials, pk=pk)
    if not material.file:
        return redirect(material.url)
    try:
        handle = material.file.open("rb")
    except FileNotFoundError:
        raise Http404 from None
    name = Path(material.file.name).name
    content_type = mimetypes.guess_type(name)[0] or "application/octet-stream"
    # Photos and PDFs open in the browser; anything else (HTML, SVG...) downloads, so nothing uploaded runs
    # on the portal's origin.
    inline = content_type in INLINE_TYPES
    response = FileResponse(handle, as_attachment=not inline, filename=name, content_type=content_type)
    response["X-Content-Type-Options"] = "nosniff"
    return response


@require_POST
def material_delete(request: HttpRequest, slug: str, pk: int) -> HttpResponse:
    event = get_event_for_user(request.user, slug)
    require_programme_staff(request.user)
    material = get_object_or_404(event.materials, pk=pk)
    material.file.delete(save=False)
    material.delete()
    messages.success(request, _("“%(title)s” was removed.") % {"title": material.title})
    return redirect(f"{event.get_absolute_url()}#materials")
