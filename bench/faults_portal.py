"""The portal under test for the fault run: gunicorn started and watched, people signed in, and what a fault
leaves behind (the answers people got, the sections in the database, the exceptions in gunicorn's log)."""

import re
import subprocess
from dataclasses import dataclass, field
from pathlib import Path

from bench.faults_checks import CONFLICT, ERROR_PAGE, OK, Answer, SectionCheck, check_sections
from bench.faults_client import Journal, Person
from bench.load import free_port, start_gunicorn, stop, wait_until_serving

WORKERS = 2


@dataclass
class Fault:
    name: str
    requests: int = 0
    outcomes: dict = field(default_factory=dict)  # "500 error page" → how many
    sections: SectionCheck | None = None
    counts: list[str] = field(default_factory=list)  # the fault's own counts, as sentences
    checks: list[tuple[str, bool]] = field(default_factory=list)
    exceptions: dict = field(default_factory=dict)  # in gunicorn's log: "OperationalError: ..." → how many

    @property
    def passed(self) -> bool:
        return all(passed for _check, passed in self.checks)

    def check(self, description: str, passed: bool) -> None:
        self.checks.append((description, passed))


def answered(answers: list[Answer]) -> dict[str, int]:
    """How many of each answer other than the page asked for: "500 error page", "no answer"..."""
    seen: dict[str, int] = {}
    for answer in answers:
        if answer.outcome != OK:
            label = answer.outcome if answer.status is None else f"{answer.status} {answer.outcome}"
            seen[label] = seen.get(label, 0) + 1
    return dict(sorted(seen.items()))


def stored_sections(assessments: set[int]) -> dict[tuple[int, int], dict]:
    """The sections saved at least once in these assessments, as the check compares them."""
    from django.db import connection

    from checklists.models import Answer, SectionResponse

    connection.close()  # the database may have restarted since the last query
    stored = {
        (response.assessment_id, response.section_id): {
            "version": response.version,
            "comments": response.comments,
            "answers": {},
        }
        for response in SectionResponse.objects.filter(assessment_id__in=assessments, version__gt=0)
    }
    answers = Answer.objects.filter(assessment_id__in=assessments).values_list(
        "assessment_id", "item__section_id", "item_id", "value", "note"
    )
    for assessment, section_id, item, value, note in answers:
        if (assessment, section_id) in stored:
            stored[assessment, section_id]["answers"][str(item)] = [value, note]
    return stored


def check_database(fault: Fault, journal: Journal) -> SectionCheck:
    assessments = {save["assessment"] for save in journal.saves}
    result = check_sections(journal.saves, stored_sections(assessments))
    fault.sections = result
    fault.requests = len(journal.answers)
    fault.outcomes = answered(journal.answers)
    return result


def signed_in(host: str, accounts: list[dict], password: str, journal: Journal) -> list[Person]:
    people = [Person(host, account, password, journal) for account in accounts]
    for person in people:
        person.log_in()
    return people


EXCEPTION_LINE = re.compile(r"^([\w.]+(?:Error|Exception|Interrupt)): (.{0,160})")


def server_exceptions(log: Path) -> dict[str, int]:
    """The exceptions in gunicorn's log (the portal logs each request error with its traceback there): the last
    one of each traceback, the one raised, not those it happened while handling."""
    seen: dict[str, int] = {}
    last = None
    lines = log.read_text(encoding="utf-8", errors="replace").splitlines() if log.exists() else []
    for line in [*lines, "[end]"]:
        if match := EXCEPTION_LINE.match(line):
            last = f"{match.group(1)}: {match.group(2).strip()}"
        elif (
            not line[:1].isspace()
            and not line.startswith(("Traceback", "The above exception", "During handling"))
            and line
        ):
            if last:
                seen[last] = seen.get(last, 0) + 1
            last = None
    return seen


def serve(env: dict, folder: Path, name: str) -> tuple[subprocess.Popen, str, int]:
    port = free_port()
    server = start_gunicorn(env, port, folder / f"gunicorn-{name}.log", workers=WORKERS)
    host = f"http://127.0.0.1:{port}"
    try:
        wait_until_serving(host, server)
    except Exception:
        stop(server)
        raise
    return server, host, port


def journal_failures(journal: Journal) -> list[Answer]:
    """Every answer other than the page asked for."""
    return [a for a in journal.answers if a.outcome != OK]


def raw_failures(answers: list[Answer]) -> list[Answer]:
    """The failures that are not the portal's error page: a traceback, a bare error, no answer, a refusal."""
    return [a for a in answers if a.outcome not in {OK, ERROR_PAGE, CONFLICT}]
