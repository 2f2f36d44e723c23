"""The load test's section of docs/performance.md: the steps' tables, each target met or missed, and why."""

import platform
from dataclasses import dataclass, field
from datetime import UTC, datetime
from importlib.metadata import version
from pathlib import Path

from bench.load_instances import Proof
from bench.load_locust import Run
from bench.load_stats import (
    ALL,
    CAPACITY_P95_MS,
    MAX_TIMES_ALONE,
    SIGN_IN,
    Ratio,
    Step,
    Summary,
    capacity_point,
    people_summaries,
    ratios,
    summarise,
)

START, END = "<!-- load:start -->", "<!-- load:end -->"


@dataclass
class Results:
    plan: dict
    args: dict
    workers: int
    redis: str = ""
    sign_in_every: int = 1
    alone: list[Run] = field(default_factory=list)  # the focal point's, then the staff member's
    people: Run | None = None
    warm_up: Run | None = None  # the two instances' first requests, before their people step
    capacity: Run | None = None
    bare: Run | None = None
    two: Run | None = None
    two_hosts: list[str] = field(default_factory=list)
    checks: dict = field(default_factory=dict)  # step -> bench.load.SaveCheck of every save until then
    proofs: list[Proof] = field(default_factory=list)
    errors: list[str] = field(default_factory=list)
    load_before: dict[str, str] = field(default_factory=dict)

    def runs(self) -> list:
        runs = [*self.alone, self.people, self.capacity, self.bare, self.warm_up, self.two]
        return [run for run in runs if run is not None]

    def all_records(self) -> list[dict]:
        return [record for run in self.runs() for record in run.records]

    def failures(self) -> list[str]:
        return [failure for run in self.runs() for failure in run.failures()] + self.errors

    def correct(self) -> bool:
        checks = self.checks.values()
        return (
            not self.failures()
            and not any(check.problems or check.errors for check in checks)
            and all(proof.met for proof in self.proofs)
        )


def ms(value: float) -> str:
    return f"{value:,.0f} ms"


def verdict(met: bool) -> str:
    return "met" if met else "**missed**"


def people_table(alone: dict[str, Summary], one: list[Ratio], two: list[Ratio]) -> str:
    one_by_name, two_by_name = {r.name: r for r in one}, {r.name: r for r in two}
    names = sorted((one_by_name.keys() | two_by_name.keys()) - {ALL})
    names += [ALL] if ALL in one_by_name.keys() | two_by_name.keys() else []
    lines = [
        "| request | alone: requests | p95 | one instance: requests | p50 | p95 | × alone "
        "| two instances: requests | p95 | × alone |",
        "|---|---:|---:|---:|---:|---:|---:|---:|---:|---:|",
    ]
    for name in names:
        single, ratio, other = alone.get(name), one_by_name.get(name), two_by_name.get(name)
        cells = [
            f"**{ALL}**" if name == ALL else name,
            f"{single.count:,}" if single else "–",
            ms(single.p95) if single else "–",
            f"{ratio.loaded.count:,}" if ratio else "–",
            ms(ratio.loaded.p50) if ratio else "–",
            ms(ratio.loaded.p95) if ratio else "–",
            times(ratio) if ratio else "–",
            f"{other.loaded.count:,}" if other else "–",
            ms(other.loaded.p95) if other else "–",
            times(other) if other else "–",
        ]
        lines.append("| " + " | ".join(cells) + " |")
    return "\n".join(lines)


def times(ratio: Ratio) -> str:
    if ratio.times is None:
        return "–"
    text = f"{ratio.times:.1f}×"
    return text if ratio.met or ratio.name == ALL else f"**{text}**"


def people_reading(label: str, ratios_: list[Ratio], alone: dict[str, Summary], results: Results) -> list[str]:
    """The verdict, and for a miss the reason in figures: how much of what the workers serve the people asked."""
    missed = [ratio for ratio in ratios_ if ratio.name != ALL and ratio.met is False]
    if not missed:
        return [f"- {label}: every request within {MAX_TIMES_ALONE:g}× its p95 alone: met."]
    parts = [f"{ratio.name} {ms(ratio.loaded.p95)} against {ms(ratio.alone.p95)} alone" for ratio in missed]
    asked = next((ratio.loaded.per_second for ratio in ratios_ if ratio.name == ALL), 0.0)
    text = (
        f"- {label}: **missed** for {len(missed)} of {len(ratios_) - 1} requests: " + "; ".join(parts) + ". "
        f"Once all there, the people asked for {asked:.1f} requests per second"
    )
    at = capacity_point(capacity_steps(results.capacity)) if results.capacity else None
    if at:
        share = asked / at.summary.per_second
        text += (
            f"; the capacity step found the same requests served at {at.summary.per_second:.1f} per second at "
            f"most with a p95 within 1 s on this machine (with {results.workers} workers on its 2 cores, shared with "
            f"other work), so the people kept the workers about {share:.0%} busy"
            + (
                ": at that share a request often finds every worker busy and queues, and a request of a hundred "
                "milliseconds that waits behind others takes several times its time alone"
                if share >= 0.5
                else ": the waiting came less from the people's own requests than from the machine's other work"
            )
        )
    if sign_in := alone.get(SIGN_IN):
        rate = results.args["spawn_rate"] / results.sign_in_every
        text += (
            f". While they arrived, each sign-in took {ms(sign_in.p50)} of a worker alone (the password's hashing), "
            f"{rate:g} a second: {rate * sign_in.p50 / 1000 / results.workers:.0%} of the workers' time"
        )
    return [text + "."]


def capacity_steps(run: Run) -> list[Step]:
    return [
        Step(step["users"], summary)
        for step in run.steps
        if (summary := summarise(run.timings, start=step["start"], end=step["end"]).get(ALL))
    ]


def capacity_table(portal: list[Step], bare: list[Step], workers: int) -> str:
    lines = [
        "| users | the portal's requests: per second | per worker | p50 | p95 "
        "| bare view: per second | per worker | p50 | p95 |",
        "|---:|---:|---:|---:|---:|---:|---:|---:|---:|",
    ]
    portal_by, bare_by = {s.users: s for s in portal}, {s.users: s for s in bare}
    for users in sorted(portal_by.keys() | bare_by.keys()):
        cells = [f"{users:,}"]
        for step in (portal_by.get(users), bare_by.get(users)):
            if step is None:
                cells += ["–"] * 4
                continue
            p95 = ms(step.summary.p95) if step.within else f"**{ms(step.summary.p95)}**"
            cells += [
                f"{step.summary.per_second:,.1f}",
                f"{step.summary.per_second / workers:,.1f}",
                ms(step.summary.p50),
                p95,
            ]
        lines.append("| " + " | ".join(cells) + " |")
    return "\n".join(lines)


def capacity_reading(results: Results, portal: list[Step], bare: list[Step]) -> list[str]:
    at_portal, at_bare = capacity_point(portal), capacity_point(bare)
    if not at_portal or not at_bare:
        return ["The capacity search found no step within 1 s: **missed** (the machine was too busy to measure)."]
    per_worker = at_portal.summary.per_second / results.workers
    bare_per_worker = at_bare.summary.per_second / results.workers
    passed = [step for step in portal if not step.within]
    bare_passed = [step for step in bare if not step.within]
    arrival = results.args["users"] / results.args["spawn_rate"]
    everyone = people_summaries(results.people.timings, arrival_seconds=arrival).get(ALL)
    asked = everyone.per_second if everyone else 0.0
    cpu = {
        label: run.locust_cpu_seconds / run.seconds
        for label, run in (("portal", results.capacity), ("bare", results.bare))
    }
    lines = [
        f"- **The portal's requests: {per_worker:,.1f} requests per second per worker** ({at_portal.users} users "
        f"without pauses, p95 {ms(at_portal.summary.p95)}; "
        + (f"the p95 passed 1 s at {passed[0].users} users" if passed else "the search stopped at its last step")
        + f"). **The bare view: {bare_per_worker:,.1f} per worker** ({at_bare.users} users, p95 "
        f"{ms(at_bare.summary.p95)}; "
        + (f"passed 1 s at {bare_passed[0].users} users" if bare_passed else "the search stopped at its last step")
        + f"): a request of the portal's mix costs a worker about {bare_per_worker / per_worker:.0f} times the bare "
        "view's.",
        f"- For comparison, the people step asked for {asked:.1f} requests per second once all there "
        f"({results.args['users']} users pausing 10 s on average): "
        f"{asked / (per_worker * results.workers):.0%} of what the {results.workers} workers serve within that p95.",
        f"- locust itself took {cpu['portal']:.0%} of one core during the portal's steps and {cpu['bare']:.0%} "
        f"during the bare view's, on the same 2 cores as the workers: "
        + (
            "the bare view's figure is as much what locust could ask for as what the workers could serve, a floor "
            "of the bare view's capacity."
            if cpu["bare"] > 0.5
            else "little enough to leave the workers their cores."
        ),
    ]
    return lines


def section(results: Results) -> str:
    import django

    from bench.database import database_version
    from bench.report import machine

    args, plan = results.args, results.plan
    alone = summarise([t for run in results.alone for t in run.timings])
    arrival = args["users"] / args["spawn_rate"]
    focal_seconds = args["alone_seconds"] * 3 // 4
    one = ratios(people_summaries(results.people.timings, arrival_seconds=arrival), alone)
    two = ratios(people_summaries(results.two.timings, arrival_seconds=arrival), alone) if results.two else []
    created = ", ".join(f"{count:,} {what}" for what, count in plan["created"].items())
    failures = results.failures()
    lines = [
        "## Load test",
        "",
        "Written by `make load` (`bench/load.py`, `bench/locustfile.py`, `bench/load_capacity.py`,",
        "`bench/load_instances.py`; PostgreSQL only, also run by `make bench` when `DATABASE_URL` names PostgreSQL).",
        "The portal runs under gunicorn with its production settings (DEBUG off, WhiteNoise serving the collected",
        "static files) on 127.0.0.1, with a Redis database of its own as the cache and a temporary folder for the",
        "uploaded files. locust's users sign in and then browse as focal points (home, country page, assessment",
        "page, saving a section as the page's script does: nine in ten users) or as programme staff (dashboard,",
        "rounds, events, participants); each user connects from a loopback address of its own, as people do from",
        "their own machines (the portal limits sign-ins per address). The two focal points of a country often save",
        "the same section: the portal answers 409 with the section as it is now and they save their input again.",
        "",
        f"- Date: {datetime.now(UTC):%Y-%m-%d %H:%M} UTC",
        f"- Machine: {machine()}, shared with other work: load average before the people step "
        f"{results.load_before.get('people', '–')}, the capacity step {results.load_before.get('capacity', '–')}, "
        f"the two instances {results.load_before.get('two instances', '–')} (1, 5, 15 min)",
        f"- Python {platform.python_version()}, Django {django.get_version()}, {database_version()}, "
        f"gunicorn {version('gunicorn')} ({results.workers} sync workers per instance), locust {version('locust')}, "
        f"Redis {results.redis}",
        f"- Data: {created}, one open round with every country invited",
        "",
        "### People",
        "",
        f"First one user alone without pauses, {focal_seconds} s as a focal point then "
        f"{args['alone_seconds'] - focal_seconds} s as staff, signing in again (as the next account) every 4 s: "
        f"each request's p95 when it never waits for a worker. Then the people step: {args['users']} users"
        + (" (twice the programme's whole user base)" if args["users"] == 120 else "")
        + ", each pausing 5–15 s between requests (a focal point reads a section, then saves it), arriving "
        f"{args['spawn_rate']:g} a second ({arrival:.0f} s), then {args['seconds']} s with all of them. They come "
        "back to the portal as people do within a session's life, signed in already (a session opened "
        f"beforehand), but one in {results.sign_in_every} signs in as they arrive (password, and staff their "
        "second factor). Then the same people step against two instances (below). Target: no error, no lost "
        "answer, and each "
        f"request's p95 within {MAX_TIMES_ALONE:g}× its p95 alone: the sign-in requests' p95 over the arrival, the "
        f"others' (and *{ALL}*) over the {args['seconds']} s with everyone there; saving a section again after a "
        "conflict is compared with saving it.",
        "",
        people_table(alone, one, two),
        "",
        *people_reading("One instance", one, alone, results),
    ]
    if results.two:
        lines += people_reading("Two instances (4 workers on the same 2 cores)", two, alone, results)
    lines += [
        f"- No error (no 5xx, no connection error, no refused sign-in) in any step: {verdict(not failures)}.",
        *(f"  - {failure}" for failure in failures[:20]),
        "",
        "Section saves, checked in the database after each step against every save recorded until then (each",
        "save posts every question of its section with a new note: the successful saves of a section must be at",
        "versions 0, 1, 2… each once, and its answers those of the last one):",
        "",
        "| after | saved | answered 409 | failed | sections | answers checked | lost or unexpected |",
        "|---|---:|---:|---:|---:|---:|---:|",
    ]
    for step, check in results.checks.items():
        lines.append(
            f"| {step} | {check.saved:,} | {check.conflicts:,} | {check.errors:,} | {check.sections:,} "
            f"| {check.answers:,} | {len(check.problems)} |"
        )
    lost = [problem for check in results.checks.values() for problem in check.problems]
    lines += [
        "",
        f"Target — no lost answer: {verdict(not lost and not any(c.errors for c in results.checks.values()))}.",
    ]
    lines += [f"- {problem}" for problem in dict.fromkeys(lost).keys()][:20]
    if results.capacity and results.bare:
        portal, bare = capacity_steps(results.capacity), capacity_steps(results.bare)
        lines += [
            "",
            "### Capacity",
            "",
            "Users without pauses, signed in beforehand (so that a step measures the pages, not the hashing of new "
            f"arrivals' passwords), twice as many at each step of {args['step_seconds']} s (its first "
            f"{min(3, args['step_seconds'] / 4):g} s, while the new users arrive, not measured) until the p95 passes "
            f"{CAPACITY_P95_MS / 1000:g} s: first with the people step's requests, then with the bench's bare Django "
            "view (`bench/urls.py`: the middleware, the session and the user, one trivial template) served by the "
            "same instance (`bench/load_settings.py`: the portal's settings with the bench's URLs).",
            "",
            capacity_table(portal, bare, results.workers),
            "",
            *capacity_reading(results, portal, bare),
        ]
    if results.two:
        conflicts = [r for r in results.two.records if r["outcome"] == "conflict"]
        through = [sum(r["host"] == host for r in results.two.records) for host in results.two_hosts]
        lines += [
            "",
            "### Two instances",
            "",
            "Two gunicorn instances on two ports (separate processes, as two machines would be), sharing only "
            "PostgreSQL, the uploaded files' folder and the Redis cache (and their settings: the same secret key); "
            "the users take them in turn, so the two focal points of a country work on different instances. After "
            "10 s of 4 users without pauses (the fresh workers' first requests load their code and templates), the "
            f"people step's figures are in the table above; its users saved sections {through[0]:,} times through "
            f"A and {through[1]:,} through B, and met {len(conflicts)} conflicts. Then, through the instances:",
            "",
            *(f"- {proof.name}: {verdict(proof.met)}. {proof.detail}." for proof in results.proofs),
        ]
    return "\n".join(lines)


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
