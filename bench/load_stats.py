"""The load test's arithmetic, without Django or locust: percentiles of the recorded requests, the verdict of each
request's p95 against its p95 with one user alone, the capacity search's next step, and how the users are spread
over the portal's instances and over client addresses.

A timing is what the locust users record for each request: [finished at (Unix time, s), name, milliseconds, ok,
error].
"""

import math
from collections import defaultdict
from dataclasses import dataclass

ALL = "all requests"
# With a user alone nobody else saves the section first: saving it again after a conflict is the same request as
# a first save, so it is compared with that.
BASELINE_OF = {"save section again after a conflict": "save section"}
# The requests of signing in: the people make them as they arrive, the others once they are all there.
SIGN_IN = "log in"
MAX_TIMES_ALONE = 3.0
CAPACITY_P95_MS = 1000.0


def percentile(values: list[float], fraction: float) -> float:
    """The nearest-rank percentile: the smallest value that `fraction` of the values do not exceed."""
    if not values:
        return math.nan
    ordered = sorted(values)
    return ordered[max(0, math.ceil(fraction * len(ordered)) - 1)]


@dataclass
class Summary:
    name: str
    count: int
    failures: int
    p50: float
    p95: float
    max: float
    per_second: float


def summarise(timings: list[list], *, start: float | None = None, end: float | None = None) -> dict[str, Summary]:
    """Each request name's summary (and ALL's) over the requests finished between `start` and `end`."""
    chosen = [t for t in timings if (start is None or t[0] >= start) and (end is None or t[0] <= end)]
    if not chosen:
        return {}
    if start is None or end is None:
        # The whole run: from the first request's start to the last one's end.
        start = min(t[0] - t[2] / 1000 for t in chosen) if start is None else start
        end = max(t[0] for t in chosen) if end is None else end
    seconds = max(end - start, 1e-9)
    by_name = defaultdict(list)
    for timing in chosen:
        by_name[timing[1]].append(timing)
    by_name[ALL] = chosen
    return {
        name: Summary(
            name=name,
            count=len(group),
            failures=sum(not t[3] for t in group),
            p50=percentile([t[2] for t in group], 0.50),
            p95=percentile([t[2] for t in group], 0.95),
            max=max(t[2] for t in group),
            per_second=len(group) / seconds,
        )
        for name, group in by_name.items()
    }


def people_summaries(timings: list[list], *, arrival_seconds: float) -> dict[str, Summary]:
    """The people step as judged: the sign-in requests over the whole step (they are made as the people arrive),
    every other request (and ALL) over the time after the arrival, with every user there."""
    start = min(t[0] - t[2] / 1000 for t in timings)
    signing_in = {name: s for name, s in summarise(timings).items() if name.startswith(SIGN_IN)}
    others = [t for t in timings if not t[1].startswith(SIGN_IN)]
    return {**signing_in, **summarise(others, start=start + arrival_seconds, end=max(t[0] for t in timings))}


@dataclass
class Ratio:
    name: str
    loaded: Summary
    alone: Summary | None

    @property
    def times(self) -> float | None:
        return self.loaded.p95 / self.alone.p95 if self.alone and self.alone.p95 else None

    @property
    def met(self) -> bool | None:
        """Within MAX_TIMES_ALONE× the p95 alone; None where the user alone never made this request."""
        return None if self.times is None else self.times <= MAX_TIMES_ALONE


def ratios(loaded: dict[str, Summary], alone: dict[str, Summary]) -> list[Ratio]:
    """Each request's p95 under load against its p95 with one user alone (ALL last)."""
    names = sorted(name for name in loaded if name != ALL) + ([ALL] if ALL in loaded else [])
    return [Ratio(name, loaded[name], alone.get(BASELINE_OF.get(name, name))) for name in names]


def next_users(users: int, p95_ms: float, *, limit_ms: float = CAPACITY_P95_MS, max_users: int = 1024) -> int | None:
    """The capacity search: twice as many users while the p95 stays within the limit; None once it passes it
    (or there is no p95: the step finished no request), or when the next step would exceed `max_users`."""
    if math.isnan(p95_ms) or p95_ms > limit_ms or users * 2 > max_users:
        return None
    return users * 2


@dataclass
class Step:
    users: int
    summary: Summary

    @property
    def within(self) -> bool:
        return self.summary.p95 <= CAPACITY_P95_MS


def capacity_point(steps: list[Step]) -> Step | None:
    """The last step whose p95 stayed within the limit: what the workers serve before people wait a second."""
    within = [step for step in steps if step.within]
    return within[-1] if within else None


def host_for(number: int, hosts: list[str]) -> str:
    """The instance a user works on: users in turn, so that two users created one after the other (the two focal
    points of a country) work on different instances."""
    return hosts[number % len(hosts)]


def client_address(number: int) -> str:
    """A loopback address of a user's own (127.1.0.1, 127.1.0.2, ...): people sign in from their own addresses,
    and the portal limits sign-ins per address."""
    return f"127.1.{number // 250}.{number % 250 + 1}"
