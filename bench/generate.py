"""Fill the bench database with the programme's data at a chosen scale, fast (bulk_create).

Scale 1 is the programme's real size: the 46 countries of the reference data, 1 round, about 10 events. Scale 10
is the proof's target (issue 7): 46 countries, 10 rounds with every country invited, 2,000 events, 50,000
participants, 100,000 attendances, 5,000 action items. Between the two the counts grow linearly; below 1 and
above 10 they are proportional.

Each generator is one function `generate_<what>(world) -> dict[str, int]` (rows created, by model) listed in
GENERATORS in the order they build on each other. Projects, events, participants and attendances get one each
when their models exist; the scale already says how many of each to make.
"""

import random
from collections import Counter
from dataclasses import dataclass, field
from datetime import datetime, time, timedelta

from allauth.mfa.totp.internal.auth import TOTP, generate_totp_secret
from django.contrib.auth.models import Group
from django.core.management import call_command
from django.db import connection, transaction
from django.utils import timezone

from checklists.models import ActionItem, Answer, Assessment, AssessmentRound, Item, SectionResponse, Template
from cjhp.lib.roles import FOCAL_POINT_GROUP, STAFF_GROUP
from cjhp.models import User
from countries.models import Country, FocalPoint
from events import counts as kept_counts
from events.models import Attendance, Event, Gender, Participant, ProfessionalGroup

REAL_SIZE = {"rounds": 1, "events": 10, "participants": 250, "attendances": 500, "action_items": 100}
TARGET_SIZE = {"rounds": 10, "events": 2_000, "participants": 50_000, "attendances": 100_000, "action_items": 5_000}
STAFF_COUNT = 4
# The country whose focal point the pages are measured for (the first country if it is missing).
MEASURED_COUNTRY = "MD"
BATCH = 2_000


@dataclass(frozen=True)
class Scale:
    factor: float
    rounds: int
    events: int
    participants: int
    attendances: int
    action_items: int

    @classmethod
    def at(cls, factor: float) -> "Scale":
        def count(what: str) -> int:
            real, target = REAL_SIZE[what], TARGET_SIZE[what]
            if factor <= 1:
                return round(real * factor)
            if factor <= 10:
                return round(real + (target - real) * (factor - 1) / 9)
            return round(target * factor / 10)

        counts = {what: count(what) for what in REAL_SIZE}
        # At least one of each, so that every measured page has something to show.
        counts = {what: max(1, count) for what, count in counts.items()}
        return cls(factor=factor, **counts)


@dataclass
class World:
    """What the generators made, for the next generators and for the pages' URLs and users."""

    scale: Scale
    rng: random.Random
    created: dict[str, int] = field(default_factory=dict)
    countries: list[Country] = field(default_factory=list)
    country: Country | None = None
    staff: User | None = None
    focal_point: User | None = None
    focal_points: dict[int, User] = field(default_factory=dict)  # country id -> user
    template: Template | None = None
    rounds: list[AssessmentRound] = field(default_factory=list)
    assessments: list[Assessment] = field(default_factory=list)
    # The measured country's assessment in the latest round.
    assessment: Assessment | None = None
    events: list[Event] = field(default_factory=list)
    participants: list[Participant] = field(default_factory=list)
    # The event with the most registrations: its page and report are measured.
    busiest_event: Event | None = None

    def user(self, role: str) -> User:
        return {"staff": self.staff, "focal_point": self.focal_point}[role]


def generate(scale: Scale, *, seed: int = 1) -> World:
    world = World(scale=scale, rng=random.Random(seed))
    call_command("load_reference_data", verbosity=0)
    with transaction.atomic():
        for generator in GENERATORS:
            world.created |= generator(world)
    # What the database's autovacuum does soon after rows arrive in bulk: the statistics the query planner reads
    # (without them PostgreSQL plans for tables of their size before the load: seconds instead of milliseconds
    # for the participants' first page at scale 100) and, on PostgreSQL, the map of pages all visible, which lets
    # a count be read from an index alone. VACUUM runs outside a transaction.
    vacuum = connection.vendor == "postgresql" and not connection.in_atomic_block
    with connection.cursor() as cursor:
        cursor.execute("VACUUM ANALYZE" if vacuum else "ANALYZE")
    return world


def generate_people(world: World) -> dict[str, int]:
    """Programme staff, and one focal point per country (a few of them French-speaking)."""
    world.countries = list(Country.objects.order_by("name"))
    world.country = next((c for c in world.countries if c.code == MEASURED_COUNTRY), world.countries[0])
    staff = [
        User(username="bench-staff" if n == 0 else f"bench-staff-{n}", email=f"staff{n}@bench.example.org")
        for n in range(STAFF_COUNT)
    ]
    focal_points = [
        User(
            username=f"fp-{country.code.lower()}",
            first_name=f"Focal point of {country.name}",
            email=f"fp-{country.code.lower()}@bench.example.org",
            language=world.rng.choice(["en", "en", "fr"]),
        )
        for country in world.countries
    ]
    for user in staff + focal_points:
        user.password = "!"  # unusable: nobody logs in to the bench database
    User.objects.bulk_create(staff + focal_points, batch_size=BATCH)
    # Programme staff sign in with a second factor; the portal sends those without one to set it up.
    for user in staff:
        TOTP.activate(user, generate_totp_secret())
    staff_group, focal_group = Group.objects.get(name=STAFF_GROUP), Group.objects.get(name=FOCAL_POINT_GROUP)
    Membership = User.groups.through
    Membership.objects.bulk_create(
        [Membership(user_id=user.pk, group_id=staff_group.pk) for user in staff]
        + [Membership(user_id=user.pk, group_id=focal_group.pk) for user in focal_points]
    )
    FocalPoint.objects.bulk_create(
        [FocalPoint(user=user, country=country) for user, country in zip(focal_points, world.countries, strict=True)]
    )
    world.focal_points = {country.pk: user for user, country in zip(focal_points, world.countries, strict=True)}
    world.staff, world.focal_point = staff[0], world.focal_points[world.country.pk]
    return {"users": len(staff) + len(focal_points), "focal points": len(focal_points)}


def generate_assessments(world: World) -> dict[str, int]:
    """Rounds a year apart, every country invited; the latest round is open and mixed, the older ones reviewed.

    Reviewed assessments answer every question; drafts and returned ones part of them.
    """
    # The programme's checklist, from the reference data.
    world.template = Template.objects.filter(name__contains="South-East Europe").latest("created_at")
    questions = list(Item.objects.filter(section__recommendation__template=world.template, is_heading=False))
    sections = list({item.section_id for item in questions})
    today = timezone.localdate()
    count = world.scale.rounds
    rounds = []
    for n in range(count):
        years_ago = count - 1 - n
        opens_on = today.replace(year=today.year - years_ago) - timedelta(days=30)
        rounds.append(
            AssessmentRound(
                name=f"Bench round {n + 1} ({opens_on.year})",
                slug=f"bench-round-{n + 1}",
                template=world.template,
                opens_on=opens_on,
                deadline=opens_on + timedelta(days=40),
            )
        )
    world.rounds = AssessmentRound.objects.bulk_create(rounds)
    rng = world.rng
    assessments = []
    for round in world.rounds:
        latest = round is world.rounds[-1]
        for country in world.countries:
            status = (
                rng.choice(list(Assessment.Status))
                if latest
                else rng.choices([Assessment.Status.APPROVED, Assessment.Status.SUBMITTED], [9, 1])[0]
            )
            submitted = status in (Assessment.Status.SUBMITTED, Assessment.Status.APPROVED)
            submitted_at = (
                timezone.make_aware(datetime.combine(round.deadline - timedelta(days=rng.randint(0, 20)), time(10)))
                if submitted
                else None
            )
            assessments.append(
                Assessment(
                    round=round,
                    country=country,
                    status=status,
                    submitted_at=submitted_at,
                    approved_at=submitted_at if status == Assessment.Status.APPROVED else None,
                )
            )
    world.assessments = Assessment.objects.bulk_create(assessments, batch_size=BATCH)
    world.assessment = next(
        a for a in world.assessments if a.round_id == world.rounds[-1].pk and a.country_id == world.country.pk
    )
    answers, responses = [], []
    now = timezone.now()
    for assessment in world.assessments:
        complete = assessment.status in (Assessment.Status.SUBMITTED, Assessment.Status.APPROVED)
        share = 1.0 if complete else rng.random()
        author = world.focal_points[assessment.country_id]
        for item in questions:
            if rng.random() < share:
                answers.append(
                    Answer(
                        assessment=assessment,
                        item=item,
                        value=rng.choices(["yes", "no"], [55, 45])[0],
                        note="Protocol adopted by the ministry in 2021." if rng.random() < 0.1 else "",
                        answered_by=author,
                        answered_at=now,
                    )
                )
        for section_id in sections:
            responses.append(
                SectionResponse(
                    assessment=assessment,
                    section_id=section_id,
                    comments="Discussed with the prison health service." if rng.random() < 0.3 else "",
                    version=1,
                    updated_by=author,
                    updated_at=now,
                )
            )
    Answer.objects.bulk_create(answers, batch_size=BATCH)
    SectionResponse.objects.bulk_create(responses, batch_size=BATCH)
    return {
        "rounds": len(world.rounds),
        "assessments": len(world.assessments),
        "answers": len(answers),
        "section responses": len(responses),
    }


def generate_action_items(world: World) -> dict[str, int]:
    """Action items on the assessments' recommendations, some on a question answered No."""
    rng = world.rng
    recommendations = list(world.template.recommendations.all())
    recommendation_of = dict(
        Item.objects.filter(section__recommendation__template=world.template).values_list(
            "pk", "section__recommendation_id"
        )
    )
    items_by_assessment: dict[int, list[int]] = {}
    for assessment_id, item_id in Answer.objects.filter(value="no").values_list("assessment_id", "item_id"):
        items_by_assessment.setdefault(assessment_id, []).append(item_id)
    today = timezone.localdate()
    action_items = []
    for n in range(world.scale.action_items):
        assessment = rng.choice(world.assessments)
        item_ids = items_by_assessment.get(assessment.pk)
        item_id = rng.choice(item_ids) if item_ids and rng.random() < 0.5 else None
        action_items.append(
            ActionItem(
                assessment=assessment,
                recommendation_id=recommendation_of[item_id] if item_id else rng.choice(recommendations).pk,
                item_id=item_id,
                description=f"Train prison healthcare staff on opioid agonist treatment ({n + 1}).",
                responsible="Prison health department",
                due_date=today + timedelta(days=rng.randint(-200, 400)),
                status=rng.choice(list(ActionItem.Status)),
            )
        )
    ActionItem.objects.bulk_create(action_items, batch_size=BATCH)
    return {"action items": len(action_items)}


def generate_events(world: World) -> dict[str, int]:
    """Events over the last fifteen years and the next one, in the invited countries or online, each addressing
    one or two recommendations."""
    rng = world.rng
    recommendations = list(world.template.recommendations.all())
    today = timezone.localdate()
    events = []
    for n in range(world.scale.events):
        starts_on = today + timedelta(days=rng.randint(-15 * 365, 365))
        online = rng.random() < 0.15
        events.append(
            Event(
                title=f"Training on health care in prisons {n + 1}",
                slug=f"bench-event-{n + 1}",
                kind=rng.choice(list(Event.Kind)),
                city="" if online else "Chisinau",
                country=None if online else rng.choice(world.countries),
                online=online,
                starts_on=starts_on,
                ends_on=starts_on + timedelta(days=rng.randint(0, 3)),
                summary="Opioid agonist treatment, continuity of care after release.",
            )
        )
    world.events = Event.objects.bulk_create(events, batch_size=BATCH)
    Link = Event.recommendations.through
    links = [
        Link(event_id=event.pk, recommendation_id=recommendation.pk)
        for event in world.events
        for recommendation in rng.sample(recommendations, k=min(len(recommendations), rng.randint(1, 2)))
    ]
    Link.objects.bulk_create(links, batch_size=BATCH)
    return {"events": len(world.events), "event recommendations": len(links)}


def generate_participants(world: World) -> dict[str, int]:
    """People from the countries, most with an email; their professional group and gender."""
    rng = world.rng
    participants = [
        Participant(
            name=f"Participant {n + 1}",
            organisation=rng.choice(["Ministry of Justice", "Prison health service", "National NGO", ""]),
            country=rng.choice(world.countries),
            professional_group=rng.choice(list(ProfessionalGroup)),
            gender=rng.choices(list(Gender), [50, 45, 5])[0],
            email=f"participant{n + 1}@bench.example.org" if rng.random() < 0.8 else "",
        )
        for n in range(world.scale.participants)
    ]
    world.participants = Participant.objects.bulk_create(participants, batch_size=BATCH)
    return {"participants": len(world.participants)}


def generate_attendances(world: World) -> dict[str, int]:
    """Each attendance a distinct (event, participant) pair; most attended."""
    rng = world.rng
    if not world.events or not world.participants:
        return {"attendances": 0}
    wanted = min(world.scale.attendances, len(world.events) * len(world.participants))
    pairs: set[tuple[int, int]] = set()
    while len(pairs) < wanted:
        pairs.add((rng.choice(world.events).pk, rng.choice(world.participants).pk))
    attendances = [
        Attendance(event_id=event_id, participant_id=participant_id, attended=rng.random() < 0.85)
        for event_id, participant_id in sorted(pairs)
    ]
    Attendance.objects.bulk_create(attendances, batch_size=BATCH)
    # Written in bulk, as no page writes: the attendee counts the dashboard reads are counted once, at the end.
    kept_counts.rebuild()
    busiest_pk = Counter(event_id for event_id, _ in pairs).most_common(1)[0][0]
    world.busiest_event = next(event for event in world.events if event.pk == busiest_pk)
    return {"attendances": len(attendances)}


GENERATORS = [
    generate_people,
    generate_assessments,
    generate_action_items,
    generate_events,
    generate_participants,
    generate_attendances,
]
