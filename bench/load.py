"""python -m bench.load [--users 50] [--seconds 60]: the load test, what `make load` runs (PostgreSQL only).

It creates a fresh database (the one named in DATABASE_URL with `_load` appended), migrates it, loads the
reference data, focal points for every country (one or two each) and staff, an open round with every country
invited and the programme's events; collects the static files to a temporary folder; serves the portal with
gunicorn (2 workers) on 127.0.0.1 with its production settings; and runs locust headless (bench/locustfile.py)
for the time given. gunicorn and locust are stopped whatever happens. Then it checks the database against every
section save the users recorded, and writes the table to docs/performance.md (its own section).
"""

import argparse
import csv
import json
import os
import secrets
import signal
import socket
import subprocess
import sys
import tempfile
import time
import urllib.error
import urllib.request
from collections import defaultdict
from dataclasses import dataclass, field
from pathlib import Path
from urllib.parse import urlsplit, urlunsplit

ROOT = Path(__file__).resolve().parent.parent
LOCUSTFILE = Path(__file__).resolve().parent / "locustfile.py"
DEFAULT_OUTPUT = ROOT / "docs" / "performance.md"
PASSWORD = "load-test-password-46"
STAFF_COUNT = 5
WORKERS = 2
START, END = "<!-- load:start -->", "<!-- load:end -->"


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


# --- Serving the portal and running locust ----------------------------------------------------------------------


def free_port() -> int:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return probe.getsockname()[1]


def portal_environment(database_url: str, static_root: Path) -> dict[str, str]:
    """Production settings, but plain HTTP on 127.0.0.1 and a throw-away key."""
    return {
        **os.environ,
        "DATABASE_URL": database_url,
        "DEBUG": "false",
        "SECRET_KEY": "load-test-" + secrets.token_urlsafe(40),
        "SECURE_SSL_REDIRECT": "false",
        "ALLOWED_HOSTS": "127.0.0.1",
        "STATIC_ROOT": str(static_root),
        "EMAIL_URL": "consolemail://",
    }


def wait_until_serving(url: str, server: subprocess.Popen, timeout: float = 60) -> None:
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        if server.poll() is not None:
            raise RuntimeError(f"gunicorn stopped at start (exit code {server.returncode})")
        try:
            with urllib.request.urlopen(f"{url}/accounts/login/", timeout=5) as response:
                if response.status == 200:
                    return
        except (urllib.error.URLError, OSError):
            time.sleep(0.3)
    raise RuntimeError(f"gunicorn did not answer on {url} within {timeout:.0f} s")


def stop(process: subprocess.Popen | None) -> None:
    """Stop a process this module started (its own process group), waiting for it; kill it if it lingers."""
    if process is None or process.poll() is not None:
        return
    os.killpg(process.pid, signal.SIGTERM)
    try:
        process.wait(timeout=15)
    except subprocess.TimeoutExpired:
        os.killpg(process.pid, signal.SIGKILL)
        process.wait()


def start_gunicorn(env: dict[str, str], port: int, log: Path, *, workers: int = WORKERS) -> subprocess.Popen:
    command = [
        sys.executable,
        "-m",
        "gunicorn",
        "cjhp.wsgi",
        f"--workers={workers}",
        f"--bind=127.0.0.1:{port}",
        "--timeout=60",
        f"--error-logfile={log}",
    ]
    # The portal's own log lines (a warning for each 409) go to the same file, not to the report's output.
    with open(log, "a", encoding="utf-8") as output:
        return subprocess.Popen(command, cwd=ROOT, env=env, stdout=output, stderr=output, start_new_session=True)


def run_locust(*, host: str, plan: dict, users: int, seconds: int, folder: Path) -> tuple[list[dict], list[dict]]:
    """Run the locust users against `host`; returns their saves as recorded and locust's statistics rows."""
    folder.mkdir(parents=True, exist_ok=True)
    plan_path, record_path = folder / "plan.json", folder / "saves.json"
    plan_path.write_text(json.dumps(plan), encoding="utf-8")
    spawn_rate = max(1, min(users, 5))
    command = [
        *(sys.executable, "-m", "locust", "-f", str(LOCUSTFILE), "--headless", "--only-summary"),
        *(f"--users={users}", f"--spawn-rate={spawn_rate}", f"--run-time={seconds}s", f"--host={host}"),
        *(f"--csv={folder / 'locust'}", "--stop-timeout=10", "--exit-code-on-error=0", "--loglevel=WARNING"),
    ]
    env = {**os.environ, "LOAD_PLAN": str(plan_path), "LOAD_RECORD": str(record_path), "PYTHONPATH": str(ROOT)}
    with open(folder / "locust.log", "w", encoding="utf-8") as log:
        locust = subprocess.Popen(
            command, cwd=ROOT, env=env, stdout=log, stderr=subprocess.STDOUT, start_new_session=True
        )
        try:
            locust.wait(timeout=seconds + 90)
        finally:
            stop(locust)
    if locust.returncode != 0 or not record_path.exists():
        raise RuntimeError(f"locust failed (exit code {locust.returncode}): {(folder / 'locust.log').read_text()}")
    with open(folder / "locust_stats.csv", encoding="utf-8", newline="") as stats:
        rows = list(csv.DictReader(stats))
    return json.loads(record_path.read_text(encoding="utf-8")), rows


def failures(folder: Path) -> list[str]:
    path = folder / "locust_failures.csv"
    if not path.exists():
        return []
    with open(path, encoding="utf-8", newline="") as rows:
        return [f"{row['Occurrences']}× {row['Method']} {row['Name']}: {row['Error']}" for row in csv.DictReader(rows)]


# --- The report --------------------------------------------------------------------------------------------------


def table(rows: list[dict], alone: list[dict]) -> str:
    """locust's statistics, with the median of the same request made by a single user (`alone`) beside them."""
    alone_p50 = {row["Name"]: row["50%"] for row in alone if int(row["Request Count"])}
    lines = [
        "| request | requests | failures | p50 | p95 | p99 | max | per second | p50, one user alone |",
        "|---|---:|---:|---:|---:|---:|---:|---:|---:|",
    ]
    for row in rows:
        name = "**all requests**" if row["Name"] == "Aggregated" else f"{row['Type']} {row['Name']}"
        single = f"{alone_p50[row['Name']]} ms" if row["Name"] in alone_p50 else "–"
        lines.append(
            f"| {name} | {int(row['Request Count']):,} | {int(row['Failure Count']):,} | {row['50%']} ms "
            f"| {row['95%']} ms | {row['99%']} ms | {float(row['Max Response Time']):.0f} ms "
            f"| {float(row['Requests/s']):.1f} | {single} |"
        )
    return "\n".join(lines)


def section(
    *,
    users: int,
    seconds: int,
    alone_seconds: int,
    plan: dict,
    rows: list[dict],
    alone: list[dict],
    load_before: str,
    check: SaveCheck,
    errors: list[str],
) -> str:
    import platform
    from datetime import UTC, datetime
    from importlib.metadata import version

    import django

    from bench.database import database_version
    from bench.report import machine

    created = ", ".join(f"{count:,} {what}" for what, count in plan["created"].items())
    verdict = "met" if not errors and not check.problems and not check.errors else "**missed**"
    lines = [
        "## Load test",
        "",
        "Written by `make load` (`bench/load.py`, `bench/locustfile.py`; PostgreSQL only, also run by `make bench`",
        "when `DATABASE_URL` names PostgreSQL). The portal runs under gunicorn with its production settings (DEBUG",
        "off, WhiteNoise serving the collected static files) on 127.0.0.1, and locust's users log in and then, with",
        "0.5–2 s between requests, browse as focal points (home, country page, assessment page, saving a section",
        "as the page's script does: nine in ten users) or as programme staff (dashboard, rounds, events,",
        "participants). The two focal points of a country often save the same section: the portal answers 409",
        "with the section as it is now and they save their input again on top of it.",
        "",
        f"- Date: {datetime.now(UTC):%Y-%m-%d %H:%M} UTC",
        f"- Machine: {machine()}",
        f"- Python {platform.python_version()}, Django {django.get_version()}, {database_version()}, "
        f"gunicorn {version('gunicorn')} ({WORKERS} sync workers), locust {version('locust')}",
        f"- Data: {created}, one open round with every country invited",
        f"- {users} concurrent users for {seconds} s; the machine's load average before the run: {load_before}",
        "",
        f"Then a single user alone for {alone_seconds} s, for the time each request takes without waiting for a "
        "worker (last column).",
        "",
        table(rows, alone),
        "",
        f"Section saves, both runs: {check.saved:,} saved, {check.conflicts:,} answered 409 (someone saved the "
        f"section first: the portal's conflict answer, not an error), {check.errors:,} failed. Checked afterwards "
        "in the database: "
        f"{check.sections:,} sections and the {check.answers:,} answers of their last successful save; "
        f"{len(check.problems)} lost or unexpected.",
        "",
        f"Target — no error (no 5xx, no connection error) and no lost answer: {verdict}.",
    ]
    if capacity := workers_capacity(rows, alone, users=users):
        lines += ["", capacity]
    if errors or check.problems:
        lines += ["", *(f"- {problem}" for problem in (errors + check.problems)[:20])]
    return "\n".join(lines)


def workers_capacity(rows: list[dict], alone: list[dict], *, users: int) -> str:
    """What the workers can serve, from the single user's times, against what the users ask for."""
    alone_ms = {row["Name"]: float(row["Average Response Time"]) for row in alone if int(row["Request Count"])}
    mix = [
        (int(row["Request Count"]), alone_ms[row["Name"]])
        for row in rows
        if row["Name"] in alone_ms and row["Name"] != "Aggregated" and int(row["Request Count"])
    ]
    if not mix:
        return ""
    service_s = sum(count * ms for count, ms in mix) / sum(count for count, _ms in mix) / 1000
    think_s = 1.25  # the mean pause between a user's requests (0.5–2 s)
    capacity, demand = WORKERS / service_s, users / (think_s + service_s)
    verdict = (
        "more than they can serve: requests queue for a free worker, and the waiting is most of the loaded times"
        if demand > capacity
        else "less than they can serve"
    )
    return (
        f"Reading: this mix takes about {service_s * 1000:.0f} ms of a worker per request when nothing waits, so "
        f"{WORKERS} workers serve about {capacity:.0f} requests per second at most on this machine; {users} users "
        f"pausing {think_s} s on average ask for up to {demand:.0f} per second, {verdict}."
    )


def write(path: Path, text: str) -> None:
    """Put `text` in the file's load-test section, leaving the bench's sections as they are."""
    block = f"{START}\n{text}\n{END}"
    current = path.read_text(encoding="utf-8") if path.exists() else "# Performance\n"
    if START in current and END in current:
        before, rest = current.split(START, 1)
        updated = before + block + rest.split(END, 1)[1]
    else:
        updated = current.rstrip("\n") + "\n\n" + block + "\n"
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text(updated, encoding="utf-8")


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


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(prog="python -m bench.load", description=__doc__.split("\n\n")[0])
    parser.add_argument("--users", type=int, default=50, help="concurrent users (default 50)")
    parser.add_argument("--seconds", type=int, default=60, help="how long the load lasts (default 60)")
    parser.add_argument(
        "--alone-seconds", type=int, default=15, help="then one user alone, for comparison (default 15; 0: none)"
    )
    parser.add_argument("--database", help="the load database's name (default: DATABASE_URL's name + _load)")
    parser.add_argument("--keep", action="store_true", help="keep the load database afterwards, to look into it")
    parser.add_argument("--output", type=Path, default=DEFAULT_OUTPUT, help="default docs/performance.md")
    parser.add_argument("--no-write", action="store_true", help="print the table only")
    args = parser.parse_args(argv)
    if args.users < 1 or args.seconds < 1:
        parser.error("--users and --seconds must be at least 1")
    database_url = os.environ.get("DATABASE_URL", "")
    if urlsplit(database_url).scheme not in {"postgres", "postgresql", "pgsql"}:
        parser.error("the load test runs on PostgreSQL: set DATABASE_URL=postgres://user@127.0.0.1:5432/name")
    url, name, maintenance_url = load_database_url(database_url, args.database)
    if name in {urlsplit(database_url).path.lstrip("/"), "postgres", "template0", "template1"}:
        parser.error(f"the load test drops and recreates its database: give it one of its own, not {name!r}")

    with tempfile.TemporaryDirectory(prefix="cjhp-load-") as temporary:
        folder = Path(temporary)
        env = portal_environment(url, folder / "static")
        os.environ.update({key: env[key] for key in ("DATABASE_URL", "DEBUG", "SECRET_KEY", "STATIC_ROOT")})
        os.environ.setdefault("DJANGO_SETTINGS_MODULE", "cjhp.settings")
        import django

        django.setup()
        from django.core.management import call_command
        from django.db import connection

        recreate_database(maintenance_url, name)
        try:
            print(f"Load database: {name}")
            call_command("migrate", verbosity=0)
            plan = prepare()
            call_command("collectstatic", interactive=False, verbosity=0)
            connection.close()
            # Other work on the machine takes CPU from the portal: the report says how much there was.
            load_before = " / ".join(f"{value:.1f}" for value in os.getloadavg()) + " (1, 5, 15 min)"
            port = free_port()
            host = f"http://127.0.0.1:{port}"
            server = start_gunicorn(env, port, folder / "gunicorn.log")
            try:
                wait_until_serving(host, server)
                print(
                    f"Serving on {host} with gunicorn ({WORKERS} workers); {args.users} users for {args.seconds} s..."
                )
                records, rows = run_locust(
                    host=host, plan=plan, users=args.users, seconds=args.seconds, folder=folder / "load"
                )
                alone_records, alone = [], []
                if args.alone_seconds:
                    print(f"Then one user alone for {args.alone_seconds} s...")
                    alone_records, alone = run_locust(
                        host=host, plan=plan, users=1, seconds=args.alone_seconds, folder=folder / "alone"
                    )
            finally:
                stop(server)
            errors = failures(folder / "load") + failures(folder / "alone")
            server_errors = [
                line
                for line in (folder / "gunicorn.log").read_text().splitlines()
                if "Traceback" in line or "[ERROR]" in line or "Internal Server Error" in line
            ]
            errors += [f"gunicorn: {line}" for line in server_errors]
            # The single user's saves build on the load's: the database is checked against both.
            check = check_saves(records + alone_records)
            text = section(
                users=args.users,
                seconds=args.seconds,
                alone_seconds=args.alone_seconds,
                plan=plan,
                rows=rows,
                alone=alone,
                load_before=load_before,
                check=check,
                errors=errors,
            )
            connection.close()
        finally:
            if args.keep:
                print(f"Kept the load database: {name}")
            else:
                recreate_database(maintenance_url, name, drop_only=True)
    print()
    print(text)
    if not args.no_write:
        write(args.output, text)
        print(f"\nWritten to {args.output}.")
    return 1 if errors or check.problems or check.errors else 0


if __name__ == "__main__":
    sys.exit(main())
