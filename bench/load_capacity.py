"""The capacity search, for locust (run by bench/load.py): users without pauses, twice as many at each step, until
the p95 of a step passes 1 s.

The users are bench/locustfile.py's (signed in beforehand through sessions in the plan, so that a step measures
the pages rather than the password hashing of new arrivals), or BareUser, who asks only for the bench's bare
Django view (bench/urls.py: the middleware, the session and the user, one trivial template). Each step lasts
LOAD_STEP_SECONDS; its first seconds, while the new users arrive, are not measured. The steps are written to the
file named by LOAD_STEPS when the test stops.
"""

import json
import os
import time

from locust import LoadTestShape, events, task

from bench.load_stats import ALL, next_users, summarise
from bench.locustfile import PLAN, TIMINGS, FocalPointUser, PortalUser, StaffUser

__all__ = ["BareUser", "DoublingUntilSlow", "FocalPointUser", "StaffUser"]

STEP_SECONDS = float(os.environ.get("LOAD_STEP_SECONDS", "12"))
SETTLE_SECONDS = min(3.0, STEP_SECONDS / 4)
MAX_USERS = int(os.environ.get("LOAD_MAX_USERS", "1024"))
STEPS: list[dict] = []


class BareUser(PortalUser):
    accounts = PLAN["focal_points"]

    @task
    def bare(self):
        self.page("/bench/bare/", "bare Django view")


class DoublingUntilSlow(LoadTestShape):
    users = 1
    started = None

    def tick(self):
        now = time.time()
        if self.started is None:
            self.started = now
        elif now >= self.started + STEP_SECONDS:
            measured_from = self.started + SETTLE_SECONDS
            p95 = summarise(TIMINGS, start=measured_from, end=now).get(ALL)
            p95_ms = p95.p95 if p95 else float("nan")
            STEPS.append({"users": self.users, "start": measured_from, "end": now})
            following = next_users(self.users, p95_ms, max_users=MAX_USERS)
            if following is None:
                return None
            self.users, self.started = following, now
        return self.users, max(10, self.users)


@events.test_stop.add_listener
def write_steps(**_kwargs):
    with open(os.environ["LOAD_STEPS"], "w", encoding="utf-8") as out:
        json.dump(STEPS, out)
