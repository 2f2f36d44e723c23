"""The event report: for whoever may see the event (Moldova's, built in tests/events/matrix.py)."""

from tests.matrix import COUNTRY_PAGE, Route

ROUTES = {
    "events:report": Route(get=COUNTRY_PAGE, kwargs=lambda world: {"slug": world.event.slug}),
}
