"""The country page's own facts: the country, its networks and its focal points, in one query."""

from django.contrib.auth import get_user_model
from django.db.models import F, FilteredRelation, Q
from django.http import Http404

from countries.models import Country, FocalPoint, Network, active_focal_point

NETWORK_FIELDS = ["id", "name", "since", "source"]
FOCAL_POINT_FIELDS = ["id", "since", "until"]
USER_FIELDS = ["id", "username", "first_name", "last_name", "email"]


def country_for_page(user, code: str, *, every_focal_point: bool = False) -> Country:
    """The country with this code, or 404 when the user may not see it (as countries.access.get_country_for_user),
    with `network_list` (by name) and `active_focal_points` (by user name, each with its user); with
    `every_focal_point` (staff's view), `focal_point_list` instead: the focal points past, present and to come, by
    name, each with its user and `invitation_pending` (the person has not yet accepted an invitation).

    One query: the country joined to its networks and to its focal points and their users (and, for every focal
    point, their pending invitations); a row for each combination, a handful at most.
    """
    if every_focal_point:
        relations = {
            "pending": FilteredRelation(
                "focal_points__user__invitations",
                condition=Q(focal_points__user__invitations__accepted_at__isnull=True),
            )
        }
        serving, extra = "focal_points", {"focal_point_pending": F("pending__id")}
        order = ["focal_points__user__last_name", "focal_points__user__first_name", "focal_points__user__username"]
    else:
        relations = {"serving": FilteredRelation("focal_points", condition=active_focal_point(prefix="focal_points__"))}
        serving, extra, order = "serving", {}, ["serving__user__username"]
    columns = {
        **{f"network_{name}": F(f"networks__{name}") for name in NETWORK_FIELDS},
        **{f"focal_point_{name}": F(f"{serving}__{name}") for name in FOCAL_POINT_FIELDS},
        **{f"user_{name}": F(f"{serving}__user__{name}") for name in USER_FIELDS},
        **extra,
    }
    rows = list(
        Country.objects.visible_to(user)
        .filter(code=code.upper())
        .annotate(**relations)
        .annotate(**columns)
        .order_by("networks__name", "networks__id", *order, f"{serving}__id")
    )
    if not rows:
        raise Http404("No country matches the given query.")
    country = rows[0]
    db = country._state.db
    networks, focal_points = {}, {}
    for row in rows:
        if row.network_id is not None and row.network_id not in networks:
            networks[row.network_id] = Network.from_db(
                db, NETWORK_FIELDS, [getattr(row, f"network_{name}") for name in NETWORK_FIELDS]
            )
        if row.focal_point_id is not None and row.focal_point_id not in focal_points:
            focal_point = FocalPoint.from_db(
                db, FOCAL_POINT_FIELDS, [getattr(row, f"focal_point_{name}") for name in FOCAL_POINT_FIELDS]
            )
            focal_point.country = country
            focal_point.user = get_user_model().from_db(
                db, USER_FIELDS, [getattr(row, f"user_{name}") for name in USER_FIELDS]
            )
            focal_point.invitation_pending = False
            focal_points[focal_point.pk] = focal_point
        if getattr(row, "focal_point_pending", None) is not None:
            focal_points[row.focal_point_id].invitation_pending = True
    for name in columns:
        delattr(country, name)
    country.network_list = list(networks.values())
    # Each focal point comes first with the first network, so the database's order by user name holds.
    if every_focal_point:
        country.focal_point_list = list(focal_points.values())
    else:
        country.active_focal_points = list(focal_points.values())
    return country
