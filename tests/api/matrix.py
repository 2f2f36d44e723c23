"""The data API under /api/v1/: JSON for every role. Signed out (no session, no token) is 401, never the sign-in
page; Georgia's focal point gets 404 for what Moldova owns, as on the pages; participants' names are for staff.
tests/test_permission_matrix.py asks each URL with a session and again with the role's token."""

from tests.factories import NetworkFactory
from tests.matrix import Route, expect

# A signed-out client gets 401 in JSON from every API URL, not a redirect to the sign-in page.
LIST = expect(anon=401, fp_other=200)
OWNED = expect(anon=401)
STAFF_ONLY = expect(anon=401, fp_same=403)


def build(world):
    world.network = NetworkFactory(name="Matrix network")
    world.network.countries.add(world.md)


ROUTES = {
    "api:country-list": Route(get=LIST),
    "api:country-detail": Route(get=OWNED, kwargs=lambda world: {"code": world.md.code}),
    "api:network-list": Route(get=LIST),
    # Every network is listed for everyone, with only the countries the reader may see.
    "api:network-detail": Route(get=LIST, kwargs=lambda world: {"pk": world.network.pk}),
    "api:project-list": Route(get=LIST),
    "api:project-detail": Route(get=OWNED, kwargs=lambda world: {"slug": world.project.slug}),
    "api:event-list": Route(get=LIST),
    "api:event-detail": Route(get=OWNED, kwargs=lambda world: {"slug": world.event.slug}),
    "api:event-participants": Route(get=STAFF_ONLY, kwargs=lambda world: {"slug": world.event.slug}),
    "api:template-list": Route(get=LIST),
    "api:template-detail": Route(get=OWNED, kwargs=lambda world: {"pk": world.template.pk}),
    "api:round-list": Route(get=LIST),
    "api:round-detail": Route(get=OWNED, kwargs=lambda world: {"slug": world.round.slug}),
    "api:round-heat-map": Route(get=OWNED, kwargs=lambda world: {"slug": world.round.slug}),
    "api:assessment-list": Route(get=LIST),
    "api:assessment-detail": Route(get=OWNED, kwargs=lambda world: {"pk": world.assessment.pk}),
    "api:action-item-list": Route(get=LIST),
    "api:action-item-detail": Route(get=OWNED, kwargs=lambda world: {"pk": world.action_item.pk}),
    "api:schema": Route(get=LIST),
    "api:docs": Route(get=LIST),
}
