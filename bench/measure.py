"""Measure pages in-process through Django's test Client: query count and median time over repeated requests.

The time is the server's work for one request (middleware, view, template), without a network or a web server;
the bare view, measured the same way in the same run, is the yardstick. The requests take turns (bare view,
page 1, page 2, ..., then again), so that a busy moment of the machine slows them all alike.
"""

import statistics
from dataclasses import dataclass, field
from time import perf_counter

from allauth.account.internal.flows.login import record_authentication
from allauth.mfa.models import Authenticator
from django.db import connection, connections, reset_queries
from django.db.backends.base.base import BaseDatabaseWrapper
from django.test import Client, RequestFactory, override_settings
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from bench.generate import World
from bench.pages import Page

MAX_QUERIES = 10
# The budget: a page within 15 times the bare view measured in the same run (the staff dashboard and search: see
# bench.pages.MAX_TIMES_BARE_GATHERING).
MAX_TIMES_BARE = 15
BARE_NAME = "Bare Django view (trivial template)"


@dataclass
class Result:
    name: str
    user: str
    url: str
    status: int
    queries: int
    median_ms: float
    max_ms: float | None = None
    max_queries: int = MAX_QUERIES
    max_times_bare: float = MAX_TIMES_BARE

    def misses(self, bare: "Result") -> list[str]:
        """The targets this page misses, in words (empty when it meets them all)."""
        missed = []
        if self.status != 200:
            missed.append(f"status {self.status}")
        if self.queries > self.max_queries:
            missed.append(f"{self.queries} queries > {self.max_queries}")
        if self.max_ms is not None:
            if self.median_ms > self.max_ms:
                missed.append(f"{self.median_ms:.0f} ms > {self.max_ms:.0f} ms")
        elif self.median_ms > self.max_times_bare * bare.median_ms:
            missed.append(f"{self.median_ms / bare.median_ms:.1f}× the bare view > {self.max_times_bare:g}×")
        return missed


def count_queries(client: Client, url: str) -> tuple[int, int]:
    """(status, queries) of one request, after a first one that warms the caches."""
    client.get(url)
    reset_queries()  # the log keeps the last 9,000 queries only: a full log would count nothing
    with CaptureQueriesContext(connection) as queries:
        status = client.get(url).status_code
    return status, len(queries)  # counted now: the next request empties the log


def signed_in(user) -> Client:
    """A client signed in as the sign-in form leaves a session: allauth's record of the password and of the second
    factor, which spares each request the look for one (cjhp.middleware)."""
    client = Client()
    client.force_login(user, backend="django.contrib.auth.backends.ModelBackend")
    request = RequestFactory().get("/")
    request.session, request.user = client.session, user
    record_authentication(request, user, method="password")
    for authenticator in Authenticator.objects.filter(user=user, type=Authenticator.Type.TOTP)[:1]:
        record_authentication(request, user, method="mfa", id=authenticator.pk, type=authenticator.type)
    request.session.save()
    return client


@dataclass
class _Run:
    """One database's side of a measurement: its clients signed in, its URLs, their query counts and times."""

    database: BaseDatabaseWrapper
    clients: dict[str, Client]
    targets: list[tuple[str, str, str]]
    limits: list[dict]
    counts: list[tuple[int, int]]
    times: list[list[float]] = field(default_factory=list)

    def results(self) -> tuple[Result, list[Result]]:
        results = [
            Result(name, user, url, status, queries, statistics.median(page_times) * 1000, **limit)
            for (name, user, url), (status, queries), page_times, limit in zip(
                self.targets, self.counts, self.times, self.limits, strict=True
            )
        ]
        return results[0], results[1:]


def _prepare(world: World, pages: list[Page]) -> _Run:
    """Sign the users in and count each page's queries, on the default connection's database."""
    clients = {}
    for role in {"staff", *(page.user for page in pages)}:
        clients[role] = signed_in(world.user(role))
    targets = [(BARE_NAME, "staff", reverse("bench-bare"))]
    targets += [(page.name, page.user, page.url(world)) for page in pages]
    limits = [{}] + [
        {
            "max_ms": page.max_ms,
            "max_queries": page.max_queries or MAX_QUERIES,
            "max_times_bare": page.max_times_bare or MAX_TIMES_BARE,
        }
        for page in pages
    ]
    counts = [count_queries(clients[user], url) for _, user, url in targets]
    return _Run(connections["default"], clients, targets, limits, counts, [[] for _ in targets])


def measure_in_turn(
    worlds: list[tuple[World, BaseDatabaseWrapper]], pages: list[Page], *, repeat: int
) -> list[tuple[Result, list[Result]]]:
    """The bare view's result and each page's for each database (a world generated on it), production-like (DEBUG
    off) through bench.urls. Each request is followed by the same one on the next database, so that a busy moment
    of the machine slows both alike."""
    first = connections["default"]
    runs = []
    try:
        with override_settings(ROOT_URLCONF="bench.urls", DEBUG=False, ALLOWED_HOSTS=["testserver"]):
            for world, database in worlds:
                connections["default"] = database
                runs.append(_prepare(world, pages))
            for _ in range(repeat):
                for index in range(len(runs[0].targets)):
                    for run in runs:
                        connections["default"] = run.database
                        _name, user, url = run.targets[index]
                        start = perf_counter()
                        run.clients[user].get(url)
                        run.times[index].append(perf_counter() - start)
    finally:
        connections["default"] = first
    return [run.results() for run in runs]


def measure_pages(world: World, pages: list[Page], *, repeat: int) -> tuple[Result, list[Result]]:
    """The bare view's result and each page's, on the default connection's database."""
    return measure_in_turn([(world, connections["default"])], pages, repeat=repeat)[0]
