"""The load test's people, for locust (run by bench/load.py; see docs/performance.md).

Focal points browse their home, their country and their assessment, and save checklist sections as the page's
script does (multipart form with the CSRF token and the section's version, header X-Section-Save). Two focal
points of one country often save the same section: the portal answers 409 with the section as it is now, and
they save their input again on top of it, as its message invites them to. Programme staff browse the dashboard,
the rounds, the events and the participants.

Each save's outcome is recorded and written to the file named by LOAD_RECORD when the test stops, so that
bench/load.py can check that every answer saved with success is in the database. The plan (accounts, password,
assessments) comes from the JSON file named by LOAD_PLAN.
"""

import base64
import hashlib
import hmac
import itertools
import json
import os
import random
import re
import struct
import time

from locust import HttpUser, between, events, task

from bench.htmlforms import SECTION_ACTION, Form, forms_matching, parse_forms

PLAN = json.loads(open(os.environ["LOAD_PLAN"], encoding="utf-8").read())
RECORDS: list[dict] = []
# The first sections of the checklist, where the two focal points of a country meet half of the time.
HOT_SECTIONS = 3
QUESTION_FIELD = re.compile(r"-q(\d+)-(value|note)$")

SECOND_FACTOR_URL = "/accounts/2fa/authenticate/"

_focal_points = itertools.cycle(PLAN["focal_points"])
_staff = itertools.cycle(PLAN["staff"])
_save_numbers = itertools.count(1)


def authenticator_code(account: dict) -> str:
    """What an authenticator app shows now for the account's secret (RFC 6238: 30 s steps, 6 digits)."""
    key = base64.b32decode(account["totp_secret"], casefold=True)
    digest = hmac.new(key, struct.pack(">Q", int(time.time()) // 30), hashlib.sha1).digest()
    offset = digest[-1] & 0x0F
    return f"{(struct.unpack('>I', digest[offset : offset + 4])[0] & 0x7FFFFFFF) % 10**6:06d}"


@events.test_stop.add_listener
def write_records(**_kwargs):
    with open(os.environ["LOAD_RECORD"], "w", encoding="utf-8") as out:
        json.dump(RECORDS, out)


class PortalUser(HttpUser):
    abstract = True
    wait_time = between(0.5, 2)

    def on_start(self):
        self.log_in()

    def loopback_cookies(self):
        """Send the portal's Secure cookies back over plain HTTP to 127.0.0.1, as browsers do for a loopback
        address: the portal runs with its production settings (Secure session and CSRF cookies), and the load
        stays on 127.0.0.1."""
        for cookie in self.client.cookies:
            cookie.secure = False

    def log_in(self):
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
        with self.client.get(url, name=name, allow_redirects=False, catch_response=True) as response:
            if response.status_code != 200:
                response.failure(f"{url} answered {response.status_code}")
        self.loopback_cookies()
        return response


class FocalPointUser(PortalUser):
    weight = 9

    def on_start(self):
        self.account = next(_focal_points)
        super().on_start()

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
        outcome = self.post_section(form, data, "save section")
        if outcome == "conflict":
            # The section came back as it is now, with this person's input kept and the new version.
            data = self.fill_version(data, self.conflict_version)
            self.post_section(form, data, "save section again after a conflict")

    @property
    def assessment_url(self) -> str:
        return f"/checklists/assessments/{self.account['assessment']}/"

    def fill(self, form: Form) -> list[tuple[str, str]]:
        """The form as a person changes it: a choice for each question, a new note, new comments."""
        number = next(_save_numbers)
        data = []
        for name, value in form.fields:
            if name.endswith("-note"):
                value = f"Note {number} by {self.account['username']}"
            elif name.endswith("-comments"):
                value = f"Comments {number} by {self.account['username']}"
            data.append((name, value))
        for name, values in form.choices.items():
            data.append((name, random.choice(values)))
        return data

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


def answers_of(data: list[tuple[str, str]]) -> dict[str, list[str]]:
    """{item id: [value, note]} of the questions in a section's form data."""
    answers: dict[str, list[str]] = {}
    for name, value in data:
        if match := QUESTION_FIELD.search(name):
            item, part = match.groups()
            answers.setdefault(item, ["", ""])[0 if part == "value" else 1] = value
    return answers


class StaffUser(PortalUser):
    weight = 1

    def on_start(self):
        self.account = next(_staff)
        super().on_start()

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
