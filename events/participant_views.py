"""Participants, registration, attendance and participant-list imports: programme staff only."""

from urllib.parse import urlencode

import tablib
from django.contrib import messages
from django.core.exceptions import ValidationError
from django.db.models import Count, OuterRef, Q, Subquery
from django.db.models.functions import Coalesce
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from cjhp.lib.access import require_programme_staff
from cjhp.lib.exports import FORMATS, export_format, export_response
from cjhp.lib.paginator import CountingAtMostPaginator
from events import services
from events.access import get_event_for_user, get_participant_for_staff
from events.forms import AttendanceForm, ImportForm, MergeForm, ParticipantForm, RegistrationForm
from events.models import Attendance, Participant
from events.participant_import import TEMPLATE_FILENAME, participant_import_columns, participant_import_template
from events.resources import ParticipantListResource
from events.services import AlreadyRegistered


def register(request: HttpRequest, slug: str) -> HttpResponse:
    event = get_event_for_user(request.user, slug)
    require_programme_staff(request.user)
    form = RegistrationForm(data=request.POST or None)
    if request.method == "POST" and form.is_valid():
        try:
            attendance = services.attendance_register(event=event, data=form.cleaned_data)
        except AlreadyRegistered as error:
            form.add_error(None, _("%(name)s is already registered for this event.") % {"name": error.args[0]})
        except ValidationError as error:
            for name, problems in error.message_dict.items():
                form.add_error(name if name in form.fields else None, problems)
        else:
            messages.success(
                request, _("%(name)s is registered for the event.") % {"name": attendance.participant.name}
            )
            if "another" in request.POST:
                return redirect("events:register", slug=event.slug)
            return redirect(f"{event.get_absolute_url()}#participants")
    return render(request, "events/register.html", {"form": form, "event": event})


def attendance(request: HttpRequest, slug: str) -> HttpResponse:
    event = get_event_for_user(request.user, slug)
    require_programme_staff(request.user)
    try:
        services.require_taken_place(event)  # not even a form to fill in before the event
    except services.NotTakenPlace as refused:
        messages.error(request, refused.message)
        return redirect(f"{event.get_absolute_url()}#participants")
    attendances = event.attendances.select_related("participant__country")
    form = AttendanceForm(data=request.POST or None, attendances=attendances)
    if request.method == "POST" and form.is_valid():
        changed = services.attendance_mark(event=event, marks=form.marks())
        messages.success(request, _("Attendance saved (%(count)d changed).") % {"count": changed})
        return redirect(f"{event.get_absolute_url()}#participants")
    return render(request, "events/attendance.html", {"form": form, "event": event})


def _session_key(event) -> str:
    return f"participant-import-{event.pk}"


def import_participants(request: HttpRequest, slug: str) -> HttpResponse:
    """Upload → preview (every bad row named with its reason) → confirm; all rows are imported, or none."""
    event = get_event_for_user(request.user, slug)
    require_programme_staff(request.user)
    form, report = ImportForm(), None
    if request.method == "POST" and "confirm" in request.POST:
        stored = request.session.get(_session_key(event))
        if not stored:
            messages.error(request, _("The preview has expired: please choose the file again."))
            return redirect("events:import", slug=event.slug)
        dataset = tablib.Dataset().load(stored, format="json")
        report = services.participants_import(event=event, dataset=dataset, dry_run=False)
        if report.ok:
            del request.session[_session_key(event)]
            messages.success(
                request,
                _("%(count)d participants imported: %(new)d new, %(updated)d already on file.")
                % {"count": report.total, "new": report.new, "updated": report.updated},
            )
            return redirect(f"{event.get_absolute_url()}#participants")
    elif request.method == "POST":
        form = ImportForm(data=request.POST, files=request.FILES)
        if form.is_valid():
            try:
                dataset = services.participants_dataset(form.cleaned_data["file"])
            except ValueError as error:
                form.add_error("file", str(error))
            else:
                report = services.participants_import(event=event, dataset=dataset, dry_run=True)
                if report.ok:
                    request.session[_session_key(event)] = dataset.export("json")
    context = {"form": form, "event": event, "report": report, "columns": participant_import_columns()}
    return render(request, "events/import.html", context)


def import_template(request: HttpRequest, slug: str) -> HttpResponse:
    """The empty participant list to fill in, with the columns the import reads."""
    get_event_for_user(request.user, slug)
    require_programme_staff(request.user)
    response = HttpResponse(participant_import_template(), content_type=FORMATS["xlsx"])
    response["Content-Disposition"] = f'attachment; filename="{TEMPLATE_FILENAME}"'
    return response


def _count(rows):
    return Coalesce(Subquery(rows.annotate(count=Count("pk")).values("count")), 0)


PAGE_SIZE = 50
# Pages of the first 10,000 people at most (200 pages): past them, people search (cjhp.lib.paginator).
COUNTED_AT_MOST = 10_000


def participant_list(request: HttpRequest) -> HttpResponse:
    require_programme_staff(request.user)
    query = request.GET.get("q", "").strip()
    # The counts are correlated subqueries, not a GROUP BY: the paginator's COUNT leaves them out, and the
    # database works them out for the page's 50 rows only, however many people are on file.
    registrations = Attendance.objects.filter(participant=OuterRef("pk")).order_by().values("participant")
    participants = (
        Participant.objects.select_related("country")
        .annotate(
            events=_count(registrations),
            attended=_count(registrations.attended()),
        )
        .order_by("name", "pk")
    )
    if query:
        participants = participants.filter(
            Q(name__icontains=query) | Q(email__icontains=query) | Q(organisation__icontains=query)
        )
    if fmt := export_format(request):
        return export_response(ParticipantListResource(), participants, fmt, "cjhp-participants")
    paginator = CountingAtMostPaginator(participants, PAGE_SIZE, counted_at_most=COUNTED_AT_MOST)
    page = paginator.get_page(request.GET.get("page"))
    # The search stays in the page links.
    context = {"page": page, "q": query, "query": urlencode({"q": query}) if query else ""}
    return render(request, "events/participant_list.html", context)


def participant_detail(request: HttpRequest, pk: int) -> HttpResponse:
    participant = get_participant_for_staff(request.user, pk)
    attendances = participant.attendances.select_related("event__country").order_by("-event__starts_on")
    return render(request, "events/participant_detail.html", {"participant": participant, "attendances": attendances})


def _refuse_erased(request, participant):
    messages.info(request, _("This participant's identity was erased: the record can no longer be changed."))
    return redirect(participant)


def participant_edit(request: HttpRequest, pk: int) -> HttpResponse:
    participant = get_participant_for_staff(request.user, pk)
    if participant.is_erased:
        return _refuse_erased(request, participant)
    form = ParticipantForm(data=request.POST or None, instance=participant)
    if request.method == "POST" and form.is_valid():
        participant = form.save()
        messages.success(request, _("%(name)s was saved.") % {"name": participant.name})
        return redirect(participant)
    return render(request, "events/participant_form.html", {"form": form, "participant": participant})


def participant_merge(request: HttpRequest, pk: int) -> HttpResponse:
    participant = get_participant_for_staff(request.user, pk)
    if participant.is_erased:
        return _refuse_erased(request, participant)
    form = MergeForm(data=request.POST or None, participant=participant)
    if request.method == "POST" and form.is_valid():
        duplicate = form.cleaned_data["duplicate"]
        services.participant_merge(keep=participant, duplicate=duplicate)
        messages.success(
            request,
            _("%(duplicate)s was merged into %(name)s.") % {"duplicate": duplicate.name, "name": participant.name},
        )
        return redirect(participant)
    return render(request, "events/participant_merge.html", {"form": form, "participant": participant})


@require_POST
def unregister(request: HttpRequest, slug: str, pk: int) -> HttpResponse:
    event = get_event_for_user(request.user, slug)
    require_programme_staff(request.user)
    deleted, _rows = event.attendances.filter(pk=pk).delete()
    if deleted:
        messages.success(request, _("The registration was removed."))
    return redirect(f"{event.get_absolute_url()}#participants")
