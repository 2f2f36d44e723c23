from django.shortcuts import get_object_or_404

from cjhp.lib.access import require_programme_staff
from events.models import Event, Participant


def get_event_for_user(user, slug: str) -> Event:
    """The event, or 404 when it is not one the user may see (we do not confirm that it exists)."""
    return get_object_or_404(Event.objects.visible_to(user).select_related("country"), slug=slug)


def get_participant_for_staff(user, pk: int) -> Participant:
    """Participants' personal details are for programme staff only (403 for everyone else)."""
    require_programme_staff(user)
    return get_object_or_404(Participant.objects.select_related("country"), pk=pk)
