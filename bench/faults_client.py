"""The people of the fault run: a few focal points and programme staff, each a thread with a requests session,
doing what bench/locustfile.py's users do (sign in, open their assessment, save a section as the page's script
does) and submitting and returning assessments. Every request is recorded with what came back
(bench.faults_checks.classify), and every section save with its outcome, for the check of the database.
"""

import itertools
import random
import threading
import time

import requests

from bench.faults_checks import OK, SAVED, Answer, classify, heading
from bench.htmlforms import SECTION_ACTION, Form, answers_of, authenticator_code, forms_matching, parse_forms

TIMEOUT = 30
SECOND_FACTOR_URL = "/accounts/2fa/authenticate/"
_save_numbers = itertools.count(1)


class Journal:
    """Every answer and every save of one fault, shared by its people's threads."""

    def __init__(self):
        self.started = time.monotonic()
        self.lock = threading.Lock()
        self.answers: list[Answer] = []
        self.saves: list[dict] = []

    def now(self) -> float:
        return time.monotonic() - self.started

    def add(self, answer: Answer) -> None:
        with self.lock:
            self.answers.append(answer)

    def save(self, record: dict) -> None:
        with self.lock:
            self.saves.append(record)


class Person:
    def __init__(self, host: str, account: dict, password: str, journal: Journal):
        self.host, self.account, self.password, self.journal = host, account, password, journal
        self.session = requests.Session()
        self.rng = random.Random(account["username"])

    @property
    def assessment_url(self) -> str:
        return f"/checklists/assessments/{self.account['assessment']}/"

    def request(self, method: str, path: str, name: str, **kwargs) -> requests.Response | None:
        """One request, recorded; None when no answer came (connection refused or cut)."""
        started = self.journal.now()
        user = self.account["username"]
        try:
            response = self.session.request(method, self.host + path, allow_redirects=False, timeout=TIMEOUT, **kwargs)
        except requests.RequestException as error:
            ended = self.journal.now()
            self.journal.add(Answer(user, name, started, ended, None, classify(None), error=type(error).__name__))
            return None
        outcome = classify(response.status_code, response.text)
        text = heading(response.text) if outcome != OK else ""
        self.journal.add(Answer(user, name, started, self.journal.now(), response.status_code, outcome, text))
        # The portal's cookies are Secure (production settings); a browser sends them back to 127.0.0.1 anyway.
        for cookie in self.session.cookies:
            cookie.secure = False
        return response

    def csrf_token(self, page: str) -> str:
        form = next(form for form in parse_forms(page) if form.value("csrfmiddlewaretoken") is not None)
        return form.value("csrfmiddlewaretoken")

    def log_in(self) -> None:
        page = self.request("GET", "/accounts/login/", "log in (form)")
        data = {"csrfmiddlewaretoken": self.csrf_token(page.text), "login": self.account["username"]}
        response = self.request("POST", "/accounts/login/", "log in", data=data | {"password": self.password})
        if response is None or response.status_code != 302:
            raise RuntimeError(f"{self.account['username']} could not sign in ({response and response.status_code})")
        if response.headers.get("Location") == SECOND_FACTOR_URL:
            page = self.request("GET", SECOND_FACTOR_URL, "log in: second factor (form)")
            data = {"csrfmiddlewaretoken": self.csrf_token(page.text), "code": authenticator_code(self.account)}
            response = self.request("POST", SECOND_FACTOR_URL, "log in: second factor", data=data)
            if response is None or response.status_code != 302:
                raise RuntimeError(f"{self.account['username']}: second factor refused")

    # Focal points

    def section_forms(self, page: str) -> list[Form]:
        markups = [markup for _action, markup in forms_matching(page, SECTION_ACTION) if '-note"' in markup]
        return [parse_forms(markup)[0] for markup in markups]

    def open_and_save(self, pick: str = "random") -> str | None:
        """Open the assessment and save one of its sections (a random one, or each in turn with pick="all");
        returns the save's outcome, or None when the page did not open."""
        page = self.request("GET", self.assessment_url, "assessment page")
        if page is None or page.status_code != 200:
            return None
        forms = self.section_forms(page.text)
        if pick == "all":
            return min((self.save(form) for form in forms), default=None)  # "not saved" sorts before "saved"
        return self.save(self.rng.choice(forms)) if forms else None

    def save(self, form: Form) -> str:
        """Save the section as a person would: an answer to each question (never "not yet"), a new note and new
        comments, posted as the page's script does."""
        number = next(_save_numbers)
        data = form.filled(
            note=f"Fault run note {number} by {self.account['username']}",
            comments=f"Fault run comments {number}",
            choose=lambda values: self.rng.choice([value for value in values if value] or values),
        )
        assessment, section = SECTION_ACTION.search(form.action).groups()
        record = {
            "user": self.account["username"],
            "assessment": int(assessment),
            "section": int(section),
            "version": int(next(value for field, value in data if field.endswith("-version"))),
            "answers": answers_of(data),
            "comments": next((value for field, value in data if field.endswith("-comments")), None),
        }
        parts = [(field, (None, value)) for field, value in data]
        parts += [(field, ("", b"", "application/octet-stream")) for field in form.files]
        response = self.request("POST", form.action, "save section", files=parts, headers={"X-Section-Save": "1"})
        record["status"] = response.status_code if response is not None else None
        record["outcome"] = SAVED if record["status"] == 200 else "not saved"
        self.journal.save(record)
        return record["outcome"]

    def submit(self) -> int | None:
        page = self.request("GET", self.assessment_url, "assessment page")
        if page is None or page.status_code != 200:
            return None
        data = {"csrfmiddlewaretoken": self.csrf_token(page.text)}
        response = self.request("POST", f"{self.assessment_url}submit/", "submit", data=data)
        return response.status_code if response is not None else None

    # Programme staff

    def return_assessment(self, assessment: int, message: str) -> int | None:
        url = f"/checklists/assessments/{assessment}/review/"
        page = self.request("GET", url, "review page")
        if page is None or page.status_code != 200:
            return page.status_code if page is not None else None
        data = {"csrfmiddlewaretoken": self.csrf_token(page.text), "message": message}
        response = self.request("POST", url, "return", data=data)
        return response.status_code if response is not None else None


def keep_saving(person: Person, stop: threading.Event, *, pause: tuple[float, float] = (0.1, 0.4)) -> None:
    """Open the assessment and save a section, again and again until told to stop."""
    while not stop.is_set():
        person.open_and_save()
        stop.wait(person.rng.uniform(*pause))


def run_people(people: list[Person], target, stop: threading.Event, **kwargs) -> list[threading.Thread]:
    threads = [threading.Thread(target=target, args=(person, stop), kwargs=kwargs, daemon=True) for person in people]
    for thread in threads:
        thread.start()
    return threads
