"""The country profile PDF: staff and the country's focal points; 404 for another country's."""

from tests.matrix import COUNTRY_PAGE, Route

ROUTES = {
    "countries:report": Route(get=COUNTRY_PAGE, kwargs=lambda world: {"code": world.md.code}),
}
