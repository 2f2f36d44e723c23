"""The country page's own facts: the country, its networks and its focal points, in one query."""

from django.contrib.auth import get_user_model
from django.db.models import F, FilteredRelation, Q
from django.http import Http404
from django.utils import timezone

from countries.models import Country, FocalPoint, Network

NETWORK_FIELDS = ["id", "name", "since", "source"]
FOCAL_POINT_FIELDS = ["id", "since", "until"]
USER_FIELDS = ["id", "username", "first_name", "last_name", "email"]


def country_for_page(user, code: str) -> Country:
    """The country with this code, or 404 when the user may not see it (as countries.access.get_country_for_user),
    with `network_list` (by name), `focal_point_list`, its focal points past, present and to come (by name, each
    with its user and `invitation_pending`: the person has not yet accepted an invitation), and
    `active_focal_points`, those of them serving today.

    One query: the country joined to its networks, its focal points, their users and their pending invitations; a
    row for each combination, a handful at most.
    """
    columns = {
        **{f"network_{name}": F(f"networks__{name}") for name in NETWORK_FIELDS},
        **{f"focal_point_{name}": F(f"focal_points__{name}") for name in FOCAL_POINT_FIELDS},
        **{f"user_{name}": F(f"focal_points__user__{name}") for name in USER_FIELDS},
        "focal_point_pending": F("pending__id"),
    }
    pending = FilteredRelation(
        "focal_points__user__invitations", condition=Q(focal_points__user__invitations__accepted_at__isnull=True)
    )
    rows = list(
        Country.objects.visible_to(user)
        .filter(code=code.upper())
        .annotate(pending=pending)
        .annotate(**columns)
        .order_by(
            "networks__name",
            "networks__id",
            "focal_points__user__last_name",
            "focal_points__user__first_name",
            "focal_points__user__username",
            "focal_points__id",
        )
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
        if row.focal_point_pending is not None:
            focal_points[row.focal_point_id].invitation_pending = True
    for name in columns:
        delattr(country, name)
    country.network_list = list(networks.values())
    # Each focal point comes first with the first network, so the database's order by user name holds.
    country.focal_point_list = list(focal_points.values())
    today = timezone.localdate()
    country.active_focal_points = [
        focal_point for focal_point in country.focal_point_list if focal_point.serves_on(today)
    ]
    return country
