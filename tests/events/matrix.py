from tests.events.factories import AttendanceFactory, EventFactory, MaterialFactory, ParticipantFactory
from tests.matrix import (
    ADMIN,
    ANON,
    COUNTRY_PAGE,
    EVERYONE,
    FP_OTHER,
    FP_SAME,
    LOGIN,
    STAFF,
    STAFF_WRITE,
    Route,
    expect,
)

# Participants are personal data: programme staff only, whatever the country.
STAFF_ONLY = expect(fp_same=403, fp_other=403)
SAVED = {STAFF: 302, ADMIN: 302}
REDIRECTS = expect(fp_same=302, fp_other=302, staff=302, admin=302)
POST_ONLY = {ANON: LOGIN, FP_SAME: 405, FP_OTHER: 405, STAFF: 405, ADMIN: 405}


def build(world):
    world.event = EventFactory(title="TC training", slug="tc-training", country=world.md)
    world.attendance = AttendanceFactory(event=world.event, participant=ParticipantFactory(name="Ștefan Țurcanu"))
    world.participant = world.attendance.participant
    world.duplicate = ParticipantFactory(name="Stefan Turcanu", email="")
    world.material = MaterialFactory(event=world.event)


def event_data(world):
    return {
        "title": "TC training",
        "kind": "training",
        "starts_on": "2015-05-25",
        "country": world.md.pk,
        "city": "Chisinau",
    }


def participant_data(world):
    return {
        "name": "Ștefan Țurcanu",
        "email": world.participant.email,
        "professional_group": "prison-staff",
        "gender": "male",
    }


event = {"kwargs": lambda world: {"slug": world.event.slug}}
participant = {"kwargs": lambda world: {"pk": world.participant.pk}}

ROUTES = {
    "events:list": Route(get=EVERYONE),
    "events:create": Route(
        get=STAFF_ONLY, post={**STAFF_ONLY, **SAVED}, data=lambda world: {**event_data(world), "title": "New one"}
    ),
    "events:calendar_current": Route(get=REDIRECTS),
    "events:calendar": Route(get=EVERYONE, kwargs=lambda world: {"year": 2015, "month": 5}),
    "events:participants": Route(get=STAFF_ONLY),
    "events:participant": Route(get=STAFF_ONLY, **participant),
    "events:participant_edit": Route(
        get=STAFF_ONLY, post={**STAFF_ONLY, **SAVED}, data=participant_data, **participant
    ),
    "events:participant_merge": Route(
        get=STAFF_ONLY,
        post={**STAFF_ONLY, **SAVED},
        data=lambda world: {"duplicate": world.duplicate.pk},
        **participant,
    ),
    "events:participant_export": Route(get=STAFF_ONLY, **participant),
    # The confirmation page, then the erasure (a second POST is a no-op that redirects the same way).
    "events:participant_erase": Route(
        get=STAFF_ONLY, post={**STAFF_ONLY, **SAVED}, data=lambda world: {"confirm": "on"}, **participant
    ),
    "events:detail": Route(get=COUNTRY_PAGE, **event),
    "events:edit": Route(get=STAFF_WRITE, post={**STAFF_WRITE, **SAVED}, data=event_data, **event),
    "events:material_add": Route(
        get=STAFF_WRITE,
        post={**STAFF_WRITE, **SAVED},
        data=lambda world: {"title": "Photos", "kind": "photo", "url": "https://example.org/photos"},
        **event,
    ),
    # A link material sends the reader on to the link.
    "events:material": Route(
        get=expect(fp_same=302, staff=302, admin=302),
        kwargs=lambda world: {"slug": world.event.slug, "pk": world.material.pk},
    ),
    "events:material_delete": Route(
        get=POST_ONLY,
        post={**STAFF_WRITE, **SAVED},
        kwargs=lambda world: {"slug": world.event.slug, "pk": world.material.pk},
    ),
    "events:register": Route(
        get=STAFF_WRITE,
        post={**STAFF_WRITE, **SAVED},
        data=lambda world: {
            "name": "Ion Bălan",
            "email": "ion@example.md",
            "professional_group": "other",
            "gender": "male",
            "role": "participant",
        },
        **event,
    ),
    "events:unregister": Route(
        get=POST_ONLY,
        post={**STAFF_WRITE, **SAVED},
        kwargs=lambda world: {"slug": world.event.slug, "pk": world.attendance.pk},
    ),
    "events:attendance": Route(
        get=STAFF_WRITE,
        post={**STAFF_WRITE, **SAVED},
        data=lambda world: {f"attended-{world.attendance.pk}": "on", f"role-{world.attendance.pk}": "trainer"},
        **event,
    ),
    # Posting no file shows the form again with its error.
    "events:import": Route(get=STAFF_WRITE, post=STAFF_WRITE, **event),
    "events:import_template": Route(get=STAFF_WRITE, **event),
    "events:certificates": Route(get=STAFF_WRITE, **event),
    "events:certificate": Route(
        get=STAFF_WRITE, kwargs=lambda world: {"slug": world.event.slug, "participant_pk": world.participant.pk}
    ),
}
