import calendar
from datetime import date

from django.contrib import messages
from django.core.paginator import Paginator
from django.db.models import Count, Q
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.utils import timezone
from django.utils.translation import gettext as _

from cjhp.lib.access import require_programme_staff
from cjhp.lib.exports import export_format, export_response
from cjhp.lib.roles import is_programme_staff
from events.access import get_event_for_user
from events.forms import EventFilterForm, EventForm
from events.models import Event, Participant
from events.reports import group_gender_chart
from events.resources import EventListResource
from events.summary import group_gender_table
from projects.models import Project
from projects.periods import Precision

PAGE_SIZE = 50


def event_list(request: HttpRequest) -> HttpResponse:
    form = EventFilterForm(data=request.GET or None, user=request.user)
    events = (
        form.filter_qs(Event.objects.visible_to(request.user)).select_related("country").order_by("-starts_on", "title")
    )
    if fmt := export_format(request):
        return export_response(EventListResource(), events, fmt, "cjhp-events")
    # The list shows the period, title, kind and place: the long texts (summary, venue, groups) are not read.
    events = events.only(*Event.LIST_COLUMNS)
    page = Paginator(events, PAGE_SIZE).get_page(request.GET.get("page"))
    query = request.GET.copy()
    query.pop("page", None)
    return render(
        request,
        "events/event_list.html",
        {"form": form, "page": page, "events": page.object_list, "query": query.urlencode()},
    )


def event_detail(request: HttpRequest, slug: str) -> HttpResponse:
    event = get_event_for_user(request.user, slug)
    staff = is_programme_staff(request.user)
    attended = Participant.objects.filter(attendances__event=event, attendances__attended=True)
    counts = event.attendances.aggregate(registered=Count("pk"), attended=Count("pk", filter=Q(attended=True)))
    summary = group_gender_table(attended)
    context = {
        "event": event,
        "projects": Project.objects.visible_to(request.user).filter(events=event),
        "recommendations": event.recommendations.order_by("number"),
        "materials": event.materials.all(),
        "summary": summary,
        "summary_chart": group_gender_chart(summary),
        "counts": counts,
        # Names and roles are personal data: programme staff only.
        "attendances": _registrations(event) if staff else None,
    }
    return render(request, "events/event_detail.html", context)


def _registrations(event):
    """The event's registrations with what the table shows of each person (not the rest of their record)."""
    return (
        event.attendances.select_related("participant__country")
        .order_by("participant__name", "pk")
        .only(
            "role",
            "attended",
            "certificate_issued_at",
            "participant__name",
            "participant__email",
            "participant__erased_at",
            "participant__organisation",
            "participant__professional_group",
            "participant__country__name",
            "participant__country__code",
        )
    )


def _get_event_to_edit(user, slug: str | None) -> Event:
    """A new event when there is no slug, else the event: 404 for one the user may not see, then 403 for anyone
    but programme staff."""
    if slug is None:
        require_programme_staff(user)
        return Event()
    event = get_event_for_user(user, slug)
    require_programme_staff(user)
    return event


def event_edit(request: HttpRequest, slug: str | None = None) -> HttpResponse:
    """Creates an event (events/new/, no slug) or edits one."""
    event = _get_event_to_edit(request.user, slug)
    created = event.pk is None
    form = EventForm(data=request.POST or None, instance=event)
    if request.method == "POST" and form.is_valid():
        event = form.save()
        message = _("The event “%(title)s” was created.") if created else _("The event “%(title)s” was saved.")
        messages.success(request, message % {"title": event.title})
        return redirect(event)
    return render(request, "events/event_form.html", {"form": form, "event": event})


def calendar_current(request: HttpRequest) -> HttpResponse:
    today = timezone.localdate()
    return redirect("events:calendar", year=today.year, month=today.month)


def calendar_month(request: HttpRequest, year: int, month: int) -> HttpResponse:
    if not (1971 <= year <= 2100 and 1 <= month <= 12):
        raise Http404
    first = date(year, month, 1)
    last = date(year, month, calendar.monthrange(year, month)[1])
    # Events overlapping the month: begun by its last day, not ended (or, with no end, not begun) before its first.
    events = list(
        Event.objects.visible_to(request.user)
        .filter(starts_on__lte=last)
        .filter(Q(ends_on__gte=first) | Q(ends_on__isnull=True, starts_on__gte=first))
        .select_related("country")
        .order_by("starts_on", "title")
    )
    dated = [event for event in events if event.start_precision == Precision.DAY]
    undated = [event for event in events if event.start_precision != Precision.DAY]
    weeks = []
    for week in calendar.Calendar(firstweekday=0).monthdatescalendar(year, month):
        days = []
        for day in week:
            on_day = [
                event
                for event in dated
                if event.starts_on <= day <= (event.end.last_day if event.end else event.starts_on)
            ]
            days.append({"date": day, "in_month": day.month == month, "events": on_day})
        weeks.append(days)
    previous = date(year - 1, 12, 1) if month == 1 else date(year, month - 1, 1)
    following = date(year + 1, 1, 1) if month == 12 else date(year, month + 1, 1)
    context = {
        "month": first,
        "weeks": weeks,
        "weekdays": [date(2024, 1, day) for day in range(1, 8)],  # 1 January 2024 was a Monday.
        "events": dated,
        "undated": undated,
        "previous": previous,
        "next": following,
        "today": timezone.localdate(),
    }
    return render(request, "events/calendar.html", context)
