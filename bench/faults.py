"""python -m bench.faults: what `make faults` runs: three faults the portal must survive, each with its counts.

1. PostgreSQL stopped and started again while people save sections: the requests during the outage must get the
   portal's error page (503, never a traceback), every section in the database must be one of its successful
   saves (none half-saved, none lost), and the same gunicorn must serve again once the database is back
   (CONN_HEALTH_CHECKS reconnects).
2. The mail server refusing connections while assessments are submitted and returned: every request succeeds,
   every notification is kept unsent, and the next run of the daily command (`manage.py send_reminders`) sends
   them all once the server is back.
3. A gunicorn worker killed (SIGKILL) in the middle of a request, a few times: the master replaces it, and no
   successful save is lost.

It runs on a PostgreSQL cluster of its own (initdb in a temporary folder, its own port; bench.faults_services),
never the machine's, with the data of the load test (bench.load.prepare) and gunicorn with the production
settings on 127.0.0.1; the people are threads (bench.faults_client). The cluster, the mail server and gunicorn
are stopped and removed whatever happens. Then it prints the counts, writes them to docs/performance.md (its own
section, `## Faults survived`) and exits 1 if a check failed.
"""

import argparse
import os
import shutil
import signal
import subprocess
import sys
import tempfile
import threading
import time
from pathlib import Path

from bench.faults_checks import ERROR_PAGE, NO_ANSWER, OK, window
from bench.faults_client import Journal, Person, keep_saving, run_people
from bench.faults_portal import (
    WORKERS,
    Fault,
    answered,
    check_database,
    journal_failures,
    raw_failures,
    serve,
    server_exceptions,
    signed_in,
)
from bench.faults_report import section, write
from bench.faults_services import Cluster, MailServer, busy_worker, wait_for_workers, workers
from bench.load import free_port, portal_environment, prepare, recreate_database, stop

ROOT = Path(__file__).resolve().parent.parent
DEFAULT_OUTPUT = ROOT / "docs" / "performance.md"
DATABASE = "cjhp_faults"


# --- 1. PostgreSQL restarted --------------------------------------------------------------------------------------


def database_fault(*, env, folder, cluster: Cluster, plan, accounts, args) -> Fault:
    fault = Fault("PostgreSQL restarted while people save sections")
    server, host, _port = serve(env, folder, "database")
    try:
        journal = Journal()
        people = signed_in(host, accounts, plan["password"], journal)
        before = workers(server.pid)
        stopping = threading.Event()
        threads = run_people(people, keep_saving, stopping)
        time.sleep(args.before)
        down = journal.now()
        cluster.stop("fast")
        time.sleep(args.outage)
        cluster.start()
        back = journal.now()
        time.sleep(args.after)
        stopping.set()
        for thread in threads:
            thread.join(timeout=60)
        after, master_alive = workers(server.pid), server.poll() is None
    finally:
        stop(server)
    fault.exceptions = server_exceptions(folder / "gunicorn-database.log")
    outage = window(journal.answers, down, back)
    result = check_database(fault, journal)
    failed_during = [a for a in journal.answers if a.started <= back and a.ended >= down and a.outcome != OK]
    pages_503 = sum(a.status == 503 and a.outcome == ERROR_PAGE for a in failed_during)
    headings = ", ".join(f"“{text}” ×{count}" for text, count in outage.headings.items()) or "none"
    fault.counts += [
        f"database down {back - down:.1f} s (pg_ctl stop -m fast, then start); {outage.during} requests overlapped "
        f"the outage, {len(failed_during)} of them failed: "
        + (", ".join(f"{count} {label}" for label, count in answered(failed_during).items()) or "–"),
        f"the portal's error page with status 503: {pages_503}; headings of the failed pages: {headings}",
        f"serving again {outage.serving_again_after:.2f} s after the database was back, same gunicorn master "
        f"(workers {before} before, {after} after)"
        if outage.serving_again_after is not None
        else "never served again after the database was back",
        f"failures outside the outage: {len(outage.failed_outside)}",
    ]
    fault.check("the outage was felt: some requests failed while the database was down", bool(failed_during))
    fault.check(
        "every request that failed during the outage got the portal's error page with status 503",
        bool(failed_during) and pages_503 == len(failed_during),
    )
    fault.check(
        "no traceback, no bare server error, no request left without an answer", not raw_failures(journal.answers)
    )
    fault.check(
        "every section in the database is one of its successful saves (none half-saved, none lost)",
        not result.problems,
    )
    fault.check(
        "the same gunicorn serves again once the database is back, and nothing fails after",
        master_alive and outage.serving_again_after is not None and not outage.failed_outside,
    )
    return fault


# --- 2. The mail server refusing connections ----------------------------------------------------------------------


def submit_and_return(focal_point: Person, staff: Person, cycles: int, outcomes: list) -> None:
    """Answer every question, submit; staff return it; then change a section and submit again, `cycles` times."""
    pick = "all"
    for cycle in range(cycles):
        outcomes.append(("saves", focal_point.open_and_save(pick)))
        pick = "random"
        outcomes.append(("submit", focal_point.submit()))
        message = f"Fault run, cycle {cycle + 1}: please check the notes again."
        outcomes.append(("return", staff.return_assessment(focal_point.account["assessment"], message)))


def mail_fault(*, env, folder, plan, accounts, staff_accounts, args) -> Fault:
    from django.db import connection

    from cjhp.models import Notification

    fault = Fault("the mail server refusing connections while assessments are submitted and returned")
    mail = MailServer(free_port())
    mail.start()
    env = env | {"EMAIL_URL": mail.url, "EMAIL_TIMEOUT": "5"}
    try:
        server, host, _port = serve(env, folder, "mail")
        try:
            journal = Journal()
            people = signed_in(host, accounts, plan["password"], journal)
            staff = signed_in(host, staff_accounts[: len(people)], plan["password"], journal)
            # With the server up: one submission and its return, whose notifications go out at once.
            connection.close()
            last_before = Notification.objects.order_by("-pk").values_list("pk", flat=True).first() or 0
            first: list = []
            submit_and_return(people[0], staff[0], 1, first)
            connection.close()
            sent_at_once = Notification.objects.filter(pk__gt=last_before).exclude(sent_at=None).count()
            received_at_once = len(mail.inbox.messages)
            last_before = Notification.objects.order_by("-pk").values_list("pk", flat=True).first() or 0
            mail.stop()
            outcomes: list = []
            threads = [
                threading.Thread(target=submit_and_return, args=(fp, st, args.cycles, outcomes))
                for fp, st in zip(people, staff, strict=True)
            ]
            for thread in threads:
                thread.start()
            for thread in threads:
                thread.join(timeout=300)
        finally:
            stop(server)
        fault.exceptions = server_exceptions(folder / "gunicorn-mail.log")
        mail.start()
        connection.close()
        queued = Notification.objects.filter(pk__gt=last_before)
        during = queued.count()
        kept_unsent = queued.filter(sent_at=None, attempts=1).exclude(last_error="").count()
        refused = queued.filter(last_error__icontains="refused").count()
        connection.close()
        daily = subprocess.run(
            [sys.executable, "manage.py", "send_reminders"],
            cwd=ROOT,
            env=env,
            capture_output=True,
            text=True,
            timeout=300,
            check=False,
        )
        connection.close()
        sent_by_daily = queued.exclude(sent_at=None).count()
        addresses = list(queued.values_list("recipient__email", flat=True))
        received = mail.inbox.recipients()[received_at_once:]
    finally:
        mail.stop()
    result = check_database(fault, journal)
    transitions = [outcome for step, outcome in outcomes if step in {"submit", "return"}]
    fault.counts += [
        f"with the mail server up: 1 submission and 1 return, {sent_at_once} notifications sent at once, "
        f"{received_at_once} messages received",
        f"with it refusing connections: {len(outcomes) // 3} submissions, each returned by staff, in {len(people)} "
        "countries; "
        f"{sum(o == 302 for o in transitions)} of {len(transitions)} answered 302 (done); {result.saved} section "
        f"saves succeeded, {result.not_saved} failed",
        f"notifications queued meanwhile: {during}, kept unsent after their first try: {kept_unsent} (error "
        f"“connection refused”: {refused})",
        f"the next daily run (`manage.py send_reminders`, exit code {daily.returncode}) sent {sent_by_daily} of them; "
        f"the mail server received {len(received)} messages",
    ]
    fault.check("every submission and return succeeded", bool(transitions) and all(o == 302 for o in transitions))
    fault.check("every section save succeeded", result.not_saved == 0 and result.saved > 0)
    fault.check("no request failed", not journal_failures(journal))
    fault.check("the notifications went out at once while the mail server was up", sent_at_once > 0)
    fault.check(
        "every notification queued while the mail server refused was kept unsent", during > 0 and kept_unsent == during
    )
    fault.check(
        "the next daily run sent every one of them, each received by the mail server",
        daily.returncode == 0 and sent_by_daily == during and sorted(received) == sorted(addresses),
    )
    fault.check("every section in the database is one of its successful saves", not result.problems)
    if daily.returncode != 0:
        fault.counts.append(f"send_reminders: {(daily.stdout + daily.stderr).strip()[-500:]}")
    return fault


# --- 3. A worker killed mid-request -------------------------------------------------------------------------------


def worker_fault(*, env, folder, plan, accounts, args) -> Fault:
    fault = Fault("a gunicorn worker killed (SIGKILL) in the middle of a request")
    server, host, port = serve(env, folder, "workers")
    kills: list[tuple[int, float | None]] = []
    try:
        journal = Journal()
        people = signed_in(host, accounts, plan["password"], journal)
        stopping = threading.Event()
        threads = run_people(people, keep_saving, stopping, pause=(0.0, 0.1))
        for _kill in range(args.kills):
            time.sleep(args.between_kills)
            victim, deadline = None, time.monotonic() + 10
            while victim is None and time.monotonic() < deadline:
                victim = busy_worker(server.pid, port)
            if victim is None:
                kills.append((0, None))
                continue
            os.kill(victim, signal.SIGKILL)
            kills.append((victim, wait_for_workers(server.pid, WORKERS, without={victim})))
        last_kill = journal.now()
        time.sleep(args.after)
        stopping.set()
        for thread in threads:
            thread.join(timeout=60)
        master_alive, final = server.poll() is None, workers(server.pid)
    finally:
        stop(server)
    fault.exceptions = server_exceptions(folder / "gunicorn-workers.log")
    noticed = (folder / "gunicorn-workers.log").read_text(encoding="utf-8", errors="replace").count("was sent SIGKILL")
    result = check_database(fault, journal)
    replaced = [seconds for _pid, seconds in kills if seconds is not None]
    after_last = sum(a.outcome == OK for a in journal.answers if a.started > last_kill)
    cut = sum(a.outcome == NO_ANSWER for a in journal.answers)
    fault.counts += [
        f"{len(kills)} workers killed while holding a request ({sum(pid > 0 for pid, _s in kills)} found busy), "
        f"replaced by the master after " + ", ".join(f"{seconds:.2f} s" for seconds in replaced),
        f"requests cut off (no answer): {cut}; other failures: {len(journal_failures(journal)) - cut}; "
        f"{after_last} pages served after the last kill; workers at the end: {len(final)}; kills the master "
        f"logged (“was sent SIGKILL”): {noticed}",
        f"saves whose answer was cut off but which the database kept: "
        f"{len(result.unconfirmed) + result.unconfirmed_superseded}",
    ]
    fault.check("each kill hit a worker in the middle of a request", all(pid > 0 for pid, _s in kills))
    fault.check(
        "gunicorn replaced every killed worker and kept serving",
        master_alive and len(replaced) == len(kills) and len(final) == WORKERS and after_last > 0,
    )
    fault.check("no failure other than the requests cut off", len(journal_failures(journal)) == cut)
    fault.check(
        "no successful save lost, no section half-saved", not (result.lost or result.half_saved or result.unrecorded)
    )
    return fault


# --- The whole run ------------------------------------------------------------------------------------------------


def attempt(name: str, run, **given) -> Fault:
    """Run one fault; one that cannot run to its end (a sign-in refused, a server that never started) fails and
    the others still run."""
    try:
        return run(**given)
    except Exception as error:
        fault = Fault(name)
        fault.check(f"the fault ran to its end ({type(error).__name__}: {str(error)[:300]})", False)
        print(f"   {type(error).__name__}: {error}", file=sys.stderr)
        return fault


def _exit_on_term(signum, frame):
    raise SystemExit(128 + signum)  # so that the cluster, gunicorn and the mail server are stopped on the way out


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(prog="python -m bench.faults", description=__doc__.split("\n\n")[0])
    parser.add_argument("--users", type=int, default=4, help="focal points saving at once (default 4)")
    parser.add_argument("--outage", type=float, default=5, help="seconds the database stays down (default 5)")
    parser.add_argument("--before", type=float, default=4, help="seconds of saving before a fault (default 4)")
    parser.add_argument("--after", type=float, default=6, help="seconds of saving after a fault (default 6)")
    parser.add_argument("--cycles", type=int, default=2, help="submissions and returns per country (default 2)")
    parser.add_argument("--kills", type=int, default=3, help="workers killed (default 3)")
    parser.add_argument("--between-kills", type=float, default=3, help="seconds between kills (default 3)")
    parser.add_argument("--only", choices=["database", "mail", "workers"], action="append", help="run only these")
    parser.add_argument("--output", type=Path, default=DEFAULT_OUTPUT, help="default docs/performance.md")
    parser.add_argument("--no-write", action="store_true", help="print the counts only")
    parser.add_argument("--logs", type=Path, help="copy gunicorn's and PostgreSQL's logs to this folder")
    args = parser.parse_args(argv)
    if args.users < 1 or args.cycles < 1 or args.kills < 1:
        parser.error("--users, --cycles and --kills must be at least 1")
    signal.signal(signal.SIGTERM, _exit_on_term)
    only = set(args.only or ["database", "mail", "workers"])

    cluster = Cluster(free_port())
    faults: list[Fault] = []
    with tempfile.TemporaryDirectory(prefix="cjhp-faults-") as temporary:
        folder = Path(temporary)
        try:
            print(f"PostgreSQL cluster of the run: {cluster.data} on port {cluster.port}")
            cluster.create()
            cluster.start()
            recreate_database(f"{cluster.url}/postgres", DATABASE)
            env = portal_environment(f"{cluster.url}/{DATABASE}", folder / "static")
            os.environ.update({key: env[key] for key in ("DATABASE_URL", "DEBUG", "SECRET_KEY", "STATIC_ROOT")})
            os.environ["DJANGO_SETTINGS_MODULE"] = "cjhp.settings"
            import django

            django.setup()
            from django.core.management import call_command
            from django.db import connection

            from bench.database import database_version

            call_command("migrate", verbosity=0)
            plan = prepare()
            call_command("collectstatic", interactive=False, verbosity=0)
            versions = database_version()
            connection.close()
            # One focal point per country, each fault with countries of its own.
            accounts = list({account["assessment"]: account for account in reversed(plan["focal_points"])}.values())
            groups = iter([accounts[i : i + args.users] for i in range(0, 3 * args.users, args.users)])
            given = {"env": env, "folder": folder, "plan": plan}
            if "database" in only:
                print("1. PostgreSQL restarted while people save sections...")
                faults.append(
                    attempt(
                        "PostgreSQL restarted while people save sections",
                        database_fault,
                        cluster=cluster,
                        accounts=next(groups),
                        args=args,
                        **given,
                    )
                )
            else:
                next(groups)
            if "mail" in only:
                print("2. The mail server refusing connections while assessments are submitted and returned...")
                staff = plan["staff"]
                faults.append(
                    attempt(
                        "the mail server refusing connections while assessments are submitted and returned",
                        mail_fault,
                        accounts=next(groups)[: len(staff)],
                        staff_accounts=staff,
                        args=args,
                        **given,
                    )
                )
            else:
                next(groups)
            if "workers" in only:
                print("3. gunicorn workers killed in the middle of a request...")
                faults.append(
                    attempt(
                        "a gunicorn worker killed (SIGKILL) in the middle of a request",
                        worker_fault,
                        accounts=next(groups),
                        args=args,
                        **given,
                    )
                )
            connection.close()
        finally:
            if args.logs:
                args.logs.mkdir(parents=True, exist_ok=True)
                for log in [*folder.glob("*.log"), cluster.log]:
                    if log.exists():
                        shutil.copy(log, args.logs / log.name)
            cluster.remove()
            print(f"Removed the cluster ({'gone' if not cluster.folder.exists() else 'still there!'}).")
    text = section(faults, database=versions, workers=WORKERS, users=args.users)
    print()
    print(text)
    if not args.no_write:
        write(args.output, text)
        print(f"\nWritten to {args.output}.")
    return 0 if all(fault.passed for fault in faults) else 1


if __name__ == "__main__":
    sys.exit(main())
