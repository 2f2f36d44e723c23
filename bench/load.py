"""python -m bench.load [--users 120] [--seconds 180]: the load test, what `make load` runs (PostgreSQL only).

It creates a fresh database (the one named in DATABASE_URL with `_load` appended), migrates it, loads the
reference data, focal points for every country (one or two each) and staff, an open round with every country
invited and the programme's events; collects the static files to a temporary folder; and serves the portal with
gunicorn (2 workers) on 127.0.0.1 with its production settings, a Redis database of its own as the cache
(flushed first) and a temporary folder for the uploaded files. Then, with locust (bench/locustfile.py):

1. one user alone, without pauses, as a focal point then as staff: each request's p95 when nothing waits;
2. people: 120 users reading and answering with 5–15 s between requests, arriving two a second (signed in
   already, as people coming back within a session's life, but one in ten who signs in), then 3 minutes with all
   of them; each request's p95 must stay within 3× its p95 alone, with no error;
3. capacity (bench/load_capacity.py): users without pauses, twice as many at each step until the p95 passes
   1 s, with the same requests and then with the bench's bare Django view: requests per second per worker;
4. the people step again against two gunicorn instances on two ports, sharing only PostgreSQL, the uploaded
   files' folder and the cache, the users taking them in turn; then the proofs of bench/load_instances.py.

gunicorn and locust are stopped whatever happens. The database is checked against every section save recorded
(no answer lost), and the results are written to docs/performance.md (its own section). The exit status is 1
when a request failed, an answer was lost or a proof across instances failed; a p95 beyond its target is
reported, not failed, as the machine may be busy with other work.
"""

import argparse
import math
import os
import sys
import tempfile
from collections import defaultdict
from dataclasses import dataclass, field
from pathlib import Path
from urllib.parse import urlsplit, urlunsplit

from bench.load_locust import CAPACITY_LOCUSTFILE, run_locust

# The serving helpers live in bench.load_servers and stay importable from here.
from bench.load_servers import (
    ROOT,
    WORKERS,
    flush_redis,
    free_port,
    load_average,
    portal_environment,
    server_errors,
    start_gunicorn,
    stop,
    wait_until_serving,
)

DEFAULT_OUTPUT = ROOT / "docs" / "performance.md"
PASSWORD = "load-test-password-46"
# Enough for the people step's staff to sign in with codes of their own (a code is accepted once; bench.load_stats
# spreads the users) and for the user alone to sign in again as others.
STAFF_COUNT = 20
ALONE_STAFF = 8
# The people step's users come back to the portal signed in, as people do within a session's life, except one in
# this many, who signs in as they arrive.
SIGN_IN_EVERY = 10
DEFAULT_REDIS_URL = "redis://127.0.0.1:6379/14"


# --- The database: focal points, staff, the open round, the events ---------------------------------------------


def prepare(*, password: str = PASSWORD) -> dict:
    """Fill a migrated database for the load test; returns the plan the locust users follow (accounts, URLs)."""
    import random

    from allauth.mfa.totp.internal.auth import TOTP, generate_totp_secret
    from django.contrib.auth.hashers import make_password
    from django.contrib.auth.models import Group
    from django.core.management import call_command
    from django.db import transaction
    from django.utils import timezone

    from bench.generate import Scale, World, generate_attendances, generate_events, generate_participants
    from checklists.assessments.services import round_open
    from checklists.models import Assessment, Template
    from cjhp.lib.roles import FOCAL_POINT_GROUP, STAFF_GROUP
    from cjhp.models import User
    from cjhp.notifications import recorded_as_sent
    from countries.models import Country, FocalPoint

    call_command("load_reference_data", verbosity=0)
    with transaction.atomic():
        hashed = make_password(password)  # once: hashing it for each account would take seconds
        countries = list(Country.objects.order_by("name"))
        staff = User.objects.bulk_create(
            User(username=f"load-staff-{n + 1}", email=f"staff{n + 1}@load.example.org", password=hashed)
            for n in range(STAFF_COUNT)
        )
        # Every other country has two focal points, listed next to each other: the locust users take the
        # accounts in this order, so most of them share their country's assessment with a colleague.
        pairs = [(country, n) for country in countries[::2] for n in range(2)]
        pairs += [(country, 0) for country in countries[1::2]]
        focal_points = User.objects.bulk_create(
            User(
                username=f"load-fp-{country.code.lower()}-{n + 1}",
                email=f"fp-{country.code.lower()}-{n + 1}@load.example.org",
                password=hashed,
            )
            for country, n in pairs
        )
        Membership = User.groups.through
        staff_group, focal_group = Group.objects.get(name=STAFF_GROUP), Group.objects.get(name=FOCAL_POINT_GROUP)
        Membership.objects.bulk_create(
            [Membership(user_id=user.pk, group_id=staff_group.pk) for user in staff]
            + [Membership(user_id=user.pk, group_id=focal_group.pk) for user in focal_points]
        )
        FocalPoint.objects.bulk_create(
            FocalPoint(user=user, country=country) for user, (country, _n) in zip(focal_points, pairs, strict=True)
        )
        # Programme staff sign in with an authenticator app: the locust users compute its codes from the secret.
        secrets_by_user = {user.username: generate_totp_secret() for user in staff}
        for user in staff:
            TOTP.activate(user, secrets_by_user[user.username])
        template = Template.objects.filter(name__contains="South-East Europe").latest("created_at")
        today = timezone.localdate()
        # Made-up accounts: the round opens without emailing them (the submissions during the test do notify).
        with recorded_as_sent():
            load_round = round_open(
                name="Load test round",
                slug="load-test-round",
                template=template,
                opens_on=today,
                deadline=today.replace(year=today.year + 1),
                countries=countries,
                by=staff[0],
            )
        assessments = dict(Assessment.objects.filter(round=load_round).values_list("country_id", "pk"))
        world = World(scale=Scale.at(1), rng=random.Random(1), countries=countries, template=template)
        created = generate_events(world) | generate_participants(world) | generate_attendances(world)
    return {
        "password": password,
        "round": load_round.slug,
        "staff": [{"username": user.username, "totp_secret": secrets_by_user[user.username]} for user in staff],
        "focal_points": [
            {"username": user.username, "country": country.code, "assessment": assessments[country.pk]}
            for user, (country, _n) in zip(focal_points, pairs, strict=True)
        ],
        "created": {"countries": len(countries), "focal points": len(focal_points), **created},
    }


# --- The check: every answer saved with success is in the database ---------------------------------------------


@dataclass
class SaveCheck:
    saved: int = 0
    conflicts: int = 0
    errors: int = 0
    sections: int = 0
    answers: int = 0
    problems: list[str] = field(default_factory=list)


def check_saves(records: list[dict]) -> SaveCheck:
    """Compare the database with the saves the users recorded; exact, as each save changes every note.

    A save posts every question of its section with a new note, so each successful save moves the section's
    version on by one. For each section saved, the successful saves must therefore be those posted at versions
    0, 1, 2... each exactly once (two at one version would mean one overwrote the other unseen), the section must
    now be at the number of successful saves, and its answers and comments must be those of the last of them:
    every earlier save's answers were superseded by that later save of the same questions.
    """
    from checklists.models import Answer, SectionResponse

    check = SaveCheck(
        saved=sum(r["outcome"] == "saved" for r in records),
        conflicts=sum(r["outcome"] == "conflict" for r in records),
        errors=sum(r["outcome"] == "error" for r in records),
    )
    by_section = defaultdict(list)
    for record in records:
        if record["outcome"] == "saved":
            by_section[record["assessment"], record["section"]].append(record)
    responses = {(r.assessment_id, r.section_id): r for r in SectionResponse.objects.filter(version__gt=0)}
    for key in responses.keys() - by_section.keys():
        check.problems.append(f"assessment {key[0]} section {key[1]}: saved in the database, never recorded")
    for (assessment, section), saves in sorted(by_section.items()):
        where = f"assessment {assessment} section {section}"
        saves.sort(key=lambda record: record["version"])
        versions = [record["version"] for record in saves]
        if versions != list(range(len(saves))):
            check.problems.append(f"{where}: successful saves posted at versions {versions}")
        response = responses.get((assessment, section))
        if response is None or response.version != len(saves):
            found = response.version if response else 0
            check.problems.append(f"{where}: at version {found} after {len(saves)} successful saves")
        last = saves[-1]
        stored = {
            str(answer.item_id): [answer.value, answer.note]
            for answer in Answer.objects.filter(assessment_id=assessment, item__section_id=section)
        }
        for item, expected in last["answers"].items():
            check.answers += 1
            if stored.get(item) != expected:
                check.problems.append(f"{where} question {item}: {stored.get(item)} instead of {expected}")
        if last["comments"] is not None and response is not None and response.comments != last["comments"]:
            check.problems.append(f"{where}: comments {response.comments!r} instead of {last['comments']!r}")
    check.sections = len(by_section)
    return check


# --- Sessions opened beforehand, for the capacity step -----------------------------------------------------------


def open_sessions(usernames: list[str]) -> dict[str, str]:
    """A signed-in session for each account, written as the portal's session engine keeps them (as Django's test
    client's force_login does): the capacity step's users start signed in, without hashing a password."""
    from importlib import import_module

    from django.conf import settings
    from django.contrib.auth import login
    from django.http import HttpRequest

    from cjhp.models import User

    engine = import_module(settings.SESSION_ENGINE)
    sessions = {}
    for user in User.objects.filter(username__in=usernames):
        request = HttpRequest()
        request.session = engine.SessionStore()
        login(request, user, backend="django.contrib.auth.backends.ModelBackend")
        request.session.save()
        sessions[user.username] = request.session.session_key
    return sessions


# --- The whole run -----------------------------------------------------------------------------------------------


def load_database_url(database_url: str, name: str | None) -> tuple[str, str, str]:
    """(the load database's URL, its name, the URL of the server's maintenance database `postgres`)."""
    parts = urlsplit(database_url)
    name = name or f"{parts.path.lstrip('/')}_load"
    return urlunsplit(parts._replace(path=f"/{name}")), name, urlunsplit(parts._replace(path="/postgres"))


def recreate_database(maintenance_url: str, name: str, *, drop_only: bool = False) -> None:
    import psycopg
    from psycopg import sql

    with psycopg.connect(maintenance_url, autocommit=True) as connection:
        connection.execute(sql.SQL("DROP DATABASE IF EXISTS {} WITH (FORCE)").format(sql.Identifier(name)))
        if not drop_only:
            connection.execute(sql.SQL("CREATE DATABASE {}").format(sql.Identifier(name)))


def parse(argv: list[str] | None) -> argparse.Namespace:
    parser = argparse.ArgumentParser(prog="python -m bench.load", description=__doc__.split("\n\n")[0])
    parser.add_argument("--users", type=int, default=120, help="the people step's users (default 120)")
    parser.add_argument(
        "--seconds", type=int, default=180, help="the people step with every user there, after their arrival (180)"
    )
    parser.add_argument("--spawn-rate", type=float, default=2, help="people arriving per second (default 2)")
    parser.add_argument(
        "--alone-seconds", type=int, default=48, help="one user alone, first as a focal point (3/4), then as staff"
    )
    parser.add_argument("--step-seconds", type=int, default=10, help="each capacity step (default 10; 0: none)")
    parser.add_argument("--max-users", type=int, default=1024, help="the capacity search's last step at most")
    parser.add_argument(
        "--redis-url", default=DEFAULT_REDIS_URL, help=f"the cache, flushed (default {DEFAULT_REDIS_URL})"
    )
    parser.add_argument("--database", help="the load database's name (default: DATABASE_URL's name + _load)")
    parser.add_argument("--keep", action="store_true", help="keep the load database afterwards, to look into it")
    parser.add_argument("--output", type=Path, default=DEFAULT_OUTPUT, help="default docs/performance.md")
    parser.add_argument("--no-write", action="store_true", help="print the section only")
    args = parser.parse_args(argv)
    if args.users < 1 or args.seconds < 1 or args.alone_seconds < 4 or args.spawn_rate <= 0:
        parser.error("--users, --seconds and --spawn-rate must be positive, --alone-seconds at least 4")
    database_url = os.environ.get("DATABASE_URL", "")
    if urlsplit(database_url).scheme not in {"postgres", "postgresql", "pgsql"}:
        parser.error("the load test runs on PostgreSQL: set DATABASE_URL=postgres://user@127.0.0.1:5432/name")
    args.url, args.name, args.maintenance_url = load_database_url(database_url, args.database)
    if args.name in {urlsplit(database_url).path.lstrip("/"), "postgres", "template0", "template1"}:
        parser.error(f"the load test drops and recreates its database: give it one of its own, not {args.name!r}")
    return args


@dataclass
class Plans:
    """The plan as each step's users see it: the people step's staff and the user alone's are different accounts,
    so that nobody signs in twice with one second-factor code; the people step's users are signed in already but
    one in SIGN_IN_EVERY, the capacity step's all of them."""

    people: dict
    alone: dict
    signed_in: dict


def one_instance(results, args: argparse.Namespace, env: dict, plans: Plans, folder: Path, log: Path) -> None:
    """The user alone, the people step and the capacity search, against one instance with the bench's URLs (the
    bare view, the capacity step's yardstick) besides the portal's."""
    port = free_port()
    host = f"http://127.0.0.1:{port}"
    server = start_gunicorn({**env, "DJANGO_SETTINGS_MODULE": "bench.load_settings"}, port, log)
    try:
        wait_until_serving(host, server)
        print(f"Serving on {host} with gunicorn ({WORKERS} workers).")
        focal_seconds = args.alone_seconds * 3 // 4
        print(f"One user alone: {focal_seconds} s as a focal point, then as staff...")
        alone = {"host": host, "plan": plans.alone, "users": 1, "pause": "0,0"}
        alone["extra_env"] = {"LOAD_SIGN_IN_AGAIN": "4"}
        results.alone = [
            run_locust(
                **alone, folder=folder / "alone-focal-point", seconds=focal_seconds, classes=("FocalPointUser",)
            ),
            run_locust(
                **alone,
                folder=folder / "alone-staff",
                seconds=args.alone_seconds - focal_seconds,
                classes=("StaffUser",),
            ),
        ]
        results.load_before["people"] = load_average()
        arrival = math.ceil(args.users / args.spawn_rate)
        print(f"People: {args.users} users arriving over {arrival} s, then {args.seconds} s...")
        results.people = run_locust(
            host=host,
            plan=plans.people,
            folder=folder / "people",
            users=args.users,
            seconds=arrival + args.seconds,
            spawn_rate=args.spawn_rate,
        )
        results.checks["people"] = check_saves(results.all_records())
        if not args.step_seconds:
            return
        capacity = {"host": host, "plan": plans.signed_in, "locustfile": CAPACITY_LOCUSTFILE, "pause": "0,0"}
        capacity["extra_env"] = {"LOAD_STEP_SECONDS": str(args.step_seconds), "LOAD_MAX_USERS": str(args.max_users)}
        capacity["timeout"] = args.step_seconds * (args.max_users.bit_length() + 1) + 150
        results.load_before["capacity"] = load_average()
        print("Capacity: the same requests without pauses, twice the users at each step...")
        results.capacity = run_locust(**capacity, folder=folder / "capacity", classes=("FocalPointUser", "StaffUser"))
        print("Capacity: the bare view...")
        results.bare = run_locust(**capacity, folder=folder / "bare", classes=("BareUser",))
        results.checks["capacity"] = check_saves(results.all_records())
    finally:
        stop(server)


def two_instances(results, args: argparse.Namespace, env: dict, plans: Plans, folder: Path, logs: list[Path]):
    """The people step against two instances, as two machines behind a proxy would be: nothing shared but
    PostgreSQL, the uploaded files and the cache; then the proofs across them. Returns the proofs' saves."""
    from django.conf import settings

    from bench.load_instances import prove

    flush_redis(args.redis_url)
    ports = [free_port()]
    while len(ports) < 2:
        ports += [port for port in [free_port()] if port not in ports]
    hosts = [f"http://127.0.0.1:{port}" for port in ports]
    servers = []
    try:
        for port, log in zip(ports, logs, strict=True):
            servers.append(start_gunicorn(env, port, log))
        for host, server in zip(hosts, servers, strict=True):
            wait_until_serving(host, server)
        # Fresh workers load templates and code on their first requests: a few seconds of them first, as the
        # user alone gave the single instance.
        results.warm_up = run_locust(
            host=hosts[0],
            plan={**plans.signed_in, "hosts": hosts},
            folder=folder / "warm-up",
            users=4,
            seconds=10,
            pause="0,0",
        )
        print(f"Two instances, {' and '.join(hosts)}: the people step again...")
        results.load_before["two instances"] = load_average()
        results.two_hosts = hosts
        results.two = run_locust(
            host=hosts[0],
            plan={**plans.people, "hosts": hosts},
            folder=folder / "two",
            users=args.users,
            seconds=math.ceil(args.users / args.spawn_rate) + args.seconds,
            spawn_rate=args.spawn_rate,
        )
        print("Across the instances: a conflict, an evidence file, failed sign-ins, a second-factor code...")
        results.proofs, records = prove(hosts, plans.people, failure_limit=settings.AXES_FAILURE_LIMIT)
    finally:
        for server in servers:
            stop(server)
    return records


def main(argv: list[str] | None = None) -> int:
    args = parse(argv)
    redis_version = flush_redis(args.redis_url)
    with tempfile.TemporaryDirectory(prefix="cjhp-load-") as temporary:
        folder = Path(temporary)
        # The instances' own settings: production ones, a shared cache and a shared folder for the uploaded files.
        env = portal_environment(args.url, folder / "static")
        env.update({"REDIS_URL": args.redis_url, "MEDIA_ROOT": str(folder / "media")})
        for key in ("DATABASE_URL", "DEBUG", "SECRET_KEY", "STATIC_ROOT", "REDIS_URL", "MEDIA_ROOT"):
            os.environ[key] = env[key]
        os.environ.setdefault("DJANGO_SETTINGS_MODULE", "cjhp.settings")
        import django

        django.setup()
        from django.conf import settings
        from django.core.management import call_command
        from django.db import connection

        from bench.load_report import Results, section, write

        recreate_database(args.maintenance_url, args.name)
        logs = [folder / f"gunicorn{suffix}.log" for suffix in ("", "-a", "-b")]
        try:
            print(f"Load database: {args.name}")
            call_command("migrate", verbosity=0)
            plan = prepare()
            call_command("collectstatic", interactive=False, verbosity=0)
            sessions = open_sessions([account["username"] for account in plan["focal_points"] + plan["staff"]])
            connection.close()
            signed_in = {"sessions": sessions, "session_cookie": settings.SESSION_COOKIE_NAME}
            plans = Plans(
                people={**plan, **signed_in, "sign_in_every": SIGN_IN_EVERY, "staff": plan["staff"][:-ALONE_STAFF]},
                alone={**plan, "staff": plan["staff"][-ALONE_STAFF:]},
                signed_in={**plan, **signed_in},
            )
            printable = {key: value for key, value in vars(args).items() if key not in {"url", "maintenance_url"}}
            results = Results(
                plan=plan, args=printable, workers=WORKERS, redis=redis_version, sign_in_every=SIGN_IN_EVERY
            )
            one_instance(results, args, env, plans, folder, logs[0])
            proof_records = two_instances(results, args, env, plans, folder, logs[1:])
            results.checks["two instances"] = check_saves(results.all_records() + proof_records)
            results.errors = server_errors(logs)
            text = section(results)
            connection.close()
        finally:
            if args.keep:
                print(f"Kept the load database: {args.name}")
            else:
                recreate_database(args.maintenance_url, args.name, drop_only=True)
            flush_redis(args.redis_url)
    print()
    print(text)
    if not args.no_write:
        write(args.output, text)
        print(f"\nWritten to {args.output}.")
    return 0 if results.correct() else 1


if __name__ == "__main__":
    sys.exit(main())
