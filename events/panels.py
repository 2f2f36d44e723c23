from django.db.models import Q
from django.utils import timezone

from cjhp.lib.panels import Panel
from cjhp.lib.roles import is_programme_staff
from events import overview
from events.models import AttendeeCount, Event
from events.summary import group_gender_table_from_counts
from projects.models import visible_country_ids

RECENT_EVENTS = 10
UPCOMING_EVENTS = 5


def country_events(country) -> Panel:
    """The country page's events: held there, most recent first.

    The country page already checked that the user may see the country (countries.page.country_for_page), and
    whoever sees a country sees every event held there (Event.objects.visible_to): no visibility subquery."""
    events = Event.objects.filter(country=country).order_by("-starts_on", "title")
    # One query: a row more than shown tells whether there are more.
    recent = list(events[: RECENT_EVENTS + 1])
    return Panel(
        "events/panels/country_events.html",
        {"country": country, "events": recent[:RECENT_EVENTS], "more": len(recent) > RECENT_EVENTS},
    )


def country_participants(country) -> Panel:
    """Counts, never names: the country's people who attended an event, by professional group and gender, read from
    the counts kept as attendances change (events.counts): a few rows however many people the country has."""
    counts = AttendeeCount.objects.filter(country=country, attendees__gt=0).values_list(
        "professional_group", "gender", "attendees"
    )
    table = group_gender_table_from_counts({(group, gender): n for group, gender, n in counts})
    return Panel("events/panels/country_participants.html", {"country": country, "table": table})


def home_upcoming_events(request) -> Panel | None:
    """The home page's next events: all of them for staff, a focal point's own country's."""
    events = Event.objects.visible_to(request.user)
    if not is_programme_staff(request.user):
        # Their country's events (and their projects' online ones), not a regional project's events elsewhere.
        events = events.filter(Q(country__in=visible_country_ids(request.user)) | Q(country__isnull=True))
    upcoming = list(
        events.filter(starts_on__gte=timezone.localdate())
        .select_related("country")
        .order_by("starts_on", "title")[:UPCOMING_EVENTS]
    )
    if not upcoming:
        return None
    return Panel("events/panels/home_upcoming.html", {"events": upcoming})


def home_event_charts() -> Panel:
    """Staff: events per year by kind and participants by professional group and gender, charts and tables."""
    events, participants = overview.programme_in_numbers()
    return Panel(
        "events/panels/home_charts.html",
        {
            "events": events,
            "events_chart": overview.events_chart(events) if events["total"] else None,
            "participants": participants,
            "participants_chart": overview.participants_chart(participants) if participants["total"] else None,
        },
    )
