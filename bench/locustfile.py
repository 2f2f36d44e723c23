"""The load test's people, for locust (run by bench/load.py; see docs/performance.md).

Focal points browse their home, their country and their assessment, and save checklist sections as the page's
script does (multipart form with the CSRF token and the section's version, header X-Section-Save). Two focal
points of one country often save the same section: the portal answers 409 with the section as it is now, and
they save their input again on top of it, as its message invites them to. Programme staff browse the dashboard,
the rounds, the events and the participants.

Each save's outcome is recorded and written to the file named by LOAD_RECORD when the test stops, so that
bench/load.py can check that every answer saved with success is in the database; so is each request's time, to
the file named by LOAD_TIMINGS. The plan comes from the JSON file named by LOAD_PLAN: the accounts and their
password, the assessments, and optionally the portal's instances (`hosts`: the users take them in turn) and
sessions opened beforehand (`sessions`: user name -> session key, so that the users need not sign in; with
`sign_in_every`: N, one user in N signs in all the same).

LOAD_PAUSE is the pause between a user's requests, "5,15" seconds unless set ("0,0": none). LOAD_SIGN_IN_AGAIN,
in seconds, makes a user sign in again that often: a single user alone then measures the sign-in pages too. Each
user connects from a loopback address of its own, as people do from their own machines.
"""

import itertools
import json
import os
import random
import time

from locust import HttpUser, between, events, task

from bench.htmlforms import SECTION_ACTION, Form, answers_of, authenticator_code, forms_matching, parse_forms
from bench.load_instances import SECOND_FACTOR_URL, FromAddress
from bench.load_stats import client_address, host_for

PLAN = json.loads(open(os.environ["LOAD_PLAN"], encoding="utf-8").read())
PAUSE = [float(seconds) for seconds in os.environ.get("LOAD_PAUSE", "5,15").split(",")]
SIGN_IN_AGAIN = float(os.environ.get("LOAD_SIGN_IN_AGAIN") or 0)
RECORDS: list[dict] = []
# [finished at, name, milliseconds, ok, error] of every request: bench/load.py computes its percentiles over any
# window.
TIMINGS: list[list] = []
# The first sections of the checklist, where the two focal points of a country meet half of the time.
HOT_SECTIONS = 3

_save_numbers = itertools.count(1)
_user_numbers = itertools.count()


@events.request.add_listener
def record_timing(name, response_time, exception, **_kwargs):
    TIMINGS.append([time.time(), name, response_time, exception is None, str(exception)[:200] if exception else ""])


@events.test_stop.add_listener
def write_records(**_kwargs):
    with open(os.environ["LOAD_RECORD"], "w", encoding="utf-8") as out:
        json.dump(RECORDS, out)
    if path := os.environ.get("LOAD_TIMINGS"):
        with open(path, "w", encoding="utf-8") as out:
            json.dump(TIMINGS, out)


class PortalUser(HttpUser):
    abstract = True
    wait_time = between(*PAUSE)
    # Each kind of user takes its accounts and the instances in turn, from its own count.
    accounts: list[dict] = []
    numbers = itertools.count()

    def __init__(self, environment):
        super().__init__(environment)
        self.number = next(self.numbers)
        self.account = self.accounts[self.number % len(self.accounts)]
        if PLAN.get("hosts"):
            self.client.base_url = host_for(self.number, PLAN["hosts"])
        self.client.mount("http://", FromAddress(client_address(next(_user_numbers))))
        self.signed_in_at = 0.0
        self.conflict_version = None

    def on_start(self):
        # People coming back to the portal are signed in already (a session opened beforehand), except one in
        # `sign_in_every` (every one without it).
        session = PLAN.get("sessions", {}).get(self.account["username"])
        every = PLAN.get("sign_in_every", 0)
        if session and not (every and self.number % every == 0):
            self.client.cookies.set(PLAN["session_cookie"], session)
        else:
            self.log_in()

    def sign_in_again(self):
        """Sign in afresh, from a new session. A staff member's second-factor code is accepted only once, so the
        next staff account signs in (their pages are the same for all); a focal point signs in as themselves."""
        self.client.cookies.clear()
        if "totp_secret" in self.account:
            self.number += len(PLAN.get("hosts") or [None])  # the next account of this kind on the same instance
            self.account = self.accounts[self.number % len(self.accounts)]
        self.log_in()

    def loopback_cookies(self):
        """Send the portal's Secure cookies back over plain HTTP to 127.0.0.1, as browsers do for a loopback
        address: the portal runs with its production settings (Secure session and CSRF cookies), and the load
        stays on 127.0.0.1."""
        for cookie in self.client.cookies:
            cookie.secure = False

    def log_in(self):
        self.signed_in_at = time.monotonic()
        page = self.client.get("/accounts/login/", name="log in (form)")
        self.loopback_cookies()
        form = next(form for form in parse_forms(page.text) if form.value("csrfmiddlewaretoken") is not None)
        data = {
            "csrfmiddlewaretoken": form.value("csrfmiddlewaretoken"),
            "login": self.account["username"],
            "password": PLAN["password"],
        }
        with self.client.post(
            "/accounts/login/", data=data, name="log in", allow_redirects=False, catch_response=True
        ) as response:
            if response.status_code != 302 or "/accounts/login/" in response.headers.get("Location", ""):
                response.failure(f"login refused for {self.account['username']} ({response.status_code})")
            second_step = response.headers.get("Location", "") == SECOND_FACTOR_URL
        self.loopback_cookies()
        if second_step:
            self.enter_authenticator_code()

    def enter_authenticator_code(self):
        """Staff: the second step of signing in, with the code their authenticator app shows now."""
        page = self.client.get(SECOND_FACTOR_URL, name="log in: second factor (form)")
        self.loopback_cookies()
        form = next(form for form in parse_forms(page.text) if form.value("csrfmiddlewaretoken") is not None)
        data = {"csrfmiddlewaretoken": form.value("csrfmiddlewaretoken"), "code": authenticator_code(self.account)}
        with self.client.post(
            SECOND_FACTOR_URL, data=data, name="log in: second factor", allow_redirects=False, catch_response=True
        ) as response:
            if response.status_code != 302:
                response.failure(f"code refused for {self.account['username']} ({response.status_code})")
        self.loopback_cookies()

    def page(self, url: str, name: str):
        """A page that must render for this user: a redirect (to the login page) counts as a failure."""
        if SIGN_IN_AGAIN and time.monotonic() - self.signed_in_at > SIGN_IN_AGAIN:
            self.sign_in_again()
        with self.client.get(url, name=name, allow_redirects=False, catch_response=True) as response:
            if response.status_code != 200:
                response.failure(f"{url} answered {response.status_code}")
        self.loopback_cookies()
        return response


class FocalPointUser(PortalUser):
    weight = 9
    accounts = PLAN["focal_points"]
    numbers = itertools.count()

    @task(2)
    def home(self):
        self.page("/", "home (focal point)")

    @task(2)
    def country(self):
        self.page(f"/countries/{self.account['country']}/", "country page")

    @task(2)
    def assessment(self):
        self.page(self.assessment_url, "assessment page")

    @task(5)
    def save_section(self):
        page = self.page(self.assessment_url, "assessment page")
        # Sections with questions: a save changes their notes, so each successful save moves the version on.
        # Only the chosen form is parsed: the page is large, and the load test's own work must stay small.
        markups = [markup for _action, markup in forms_matching(page.text, SECTION_ACTION) if '-note"' in markup]
        if not markups:
            return
        markup = random.choice(markups[:HOT_SECTIONS] if random.random() < 0.5 else markups)
        form = parse_forms(markup)[0]
        data = self.fill(form)
        # People read the section and answer before they save: the pause between two requests (locust may stop
        # the user during it, never during a request).
        self.wait()
        outcome = self.post_section(form, data, "save section")
        if outcome == "conflict":
            # The section came back as it is now, with this person's input kept and the new version: they read
            # what the others saved, then save again.
            data = self.fill_version(data, self.conflict_version)
            self.wait()
            self.post_section(form, data, "save section again after a conflict")

    @property
    def assessment_url(self) -> str:
        return f"/checklists/assessments/{self.account['assessment']}/"

    def fill(self, form: Form) -> list[tuple[str, str]]:
        """The form as a person changes it: a choice for each question, a new note, new comments."""
        number = next(_save_numbers)
        username = self.account["username"]
        return form.filled(note=f"Note {number} by {username}", comments=f"Comments {number} by {username}")

    @staticmethod
    def fill_version(data, version: str) -> list[tuple[str, str]]:
        return [(name, version if name.endswith("-version") else value) for name, value in data]

    def post_section(self, form: Form, data: list[tuple[str, str]], name: str) -> str:
        assessment, section = SECTION_ACTION.search(form.action).groups()
        parts = [(field, (None, value)) for field, value in data]
        # An empty file field, as a browser's FormData sends it.
        parts += [(field, ("", b"", "application/octet-stream")) for field in form.files]
        record = {
            "user": self.account["username"],
            "assessment": int(assessment),
            "section": int(section),
            "version": int(next(value for field, value in data if field.endswith("-version"))),
            "answers": answers_of(data),
            "comments": next((value for field, value in data if field.endswith("-comments")), None),
            "host": self.client.base_url,
        }
        with self.client.post(
            form.action, files=parts, headers={"X-Section-Save": "1"}, name=name, catch_response=True
        ) as response:
            if response.status_code == 200:
                record["outcome"] = "saved"
            elif response.status_code == 409:
                record["outcome"] = "conflict"
                response.success()  # the portal's answer to two people saving one section
                markup = next(
                    (m for action, m in forms_matching(response.text, SECTION_ACTION) if action == form.action), ""
                )
                self.conflict_version = (
                    next((value for field, value in parse_forms(markup)[0].fields if field.endswith("-version")), None)
                    if markup
                    else None
                )
                if self.conflict_version is None:
                    record["outcome"] = "error"
                    response.failure("the conflict answer has no form to save again")
            else:
                record["outcome"] = "error"
                response.failure(f"saving a section answered {response.status_code}")
            record["status"] = response.status_code
        self.loopback_cookies()
        RECORDS.append(record)
        return record["outcome"]


class StaffUser(PortalUser):
    weight = 1
    accounts = PLAN["staff"]
    numbers = itertools.count()

    @task(3)
    def dashboard(self):
        self.page("/", "dashboard (staff)")

    @task(2)
    def rounds(self):
        self.page("/checklists/rounds/", "round list")

    @task(2)
    def round(self):
        self.page(f"/checklists/rounds/{PLAN['round']}/", "round page")

    @task(2)
    def events(self):
        self.page("/events/", "event list")

    @task(2)
    def participants(self):
        self.page("/events/participants/", "participant list")
