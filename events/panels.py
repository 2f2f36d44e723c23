from django.utils import timezone

from cjhp.panels import Panel
from events.models import Event, Participant
from events.summary import group_gender_table

RECENT_EVENTS = 10
UPCOMING_EVENTS = 5


def country_events(request, country) -> Panel:
    """The country page's events: held there, most recent first."""
    events = Event.objects.visible_to(request.user).filter(country=country).order_by("-starts_on", "title")
    # One query: a row more than shown tells whether there are more.
    recent = list(events[: RECENT_EVENTS + 1])
    return Panel(
        "events/panels/country_events.html",
        {"country": country, "events": recent[:RECENT_EVENTS], "more": len(recent) > RECENT_EVENTS},
    )


def country_participants(request, country) -> Panel:
    """Counts, never names: the country's people who attended an event, by professional group and gender."""
    attended = Participant.objects.filter(
        country=country, pk__in=Participant.objects.filter(attendances__attended=True).values("pk")
    )
    return Panel("events/panels/country_participants.html", {"country": country, "table": group_gender_table(attended)})


def home_upcoming_events(request) -> Panel | None:
    """The home page's next events, for anyone who may see some."""
    upcoming = list(
        Event.objects.visible_to(request.user)
        .filter(starts_on__gte=timezone.localdate())
        .select_related("country")
        .order_by("starts_on", "title")[:UPCOMING_EVENTS]
    )
    if not upcoming:
        return None
    return Panel("events/panels/home_upcoming.html", {"events": upcoming})
