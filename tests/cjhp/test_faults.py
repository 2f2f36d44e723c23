"""The fault run's judgements (bench/faults_checks.py, bench/faults_report.py) and its mail server that can be
switched off: what counts as the portal's error page, what happened during an outage, when a section counts as
half-saved or lost, and how its section of docs/performance.md replaces the old one. `make faults` runs the
faults themselves; no fault is caused here."""

import smtplib
import socket

import pytest
from django.template.loader import render_to_string
from gunicorn.util import write_error

from bench.faults_checks import (
    BARE_ERROR,
    CONFLICT,
    ERROR_PAGE,
    NO_ANSWER,
    OK,
    REFUSED,
    SAVED,
    TRACEBACK,
    Answer,
    check_sections,
    classify,
    heading,
    window,
)
from bench.faults_portal import answered, server_exceptions
from bench.faults_report import HEADING, replace_section
from bench.faults_services import MailServer
from bench.load import free_port


def gunicorns_error_page() -> str:
    """The page gunicorn sends when an exception escapes the portal, as it writes it to the socket."""
    ours, theirs = socket.socketpair()
    with ours, theirs:
        write_error(ours, 500, "Internal Server Error", "")
        raw = theirs.recv(65536).decode("latin1")
    return raw.split("\r\n\r\n", 1)[1]


# --- What a person saw ---------------------------------------------------------------------------------------


def test_the_portals_own_error_page_counts_as_its_error_page():
    page = render_to_string("500.html")

    assert classify(503, page) == ERROR_PAGE
    assert classify(500, page) == ERROR_PAGE
    assert heading(page) == "Something went wrong"


def test_gunicorns_page_when_the_error_handling_fails_is_a_bare_error():
    page = gunicorns_error_page()

    assert classify(500, page) == BARE_ERROR
    assert heading(page) == "Internal Server Error"


def test_a_debug_traceback_is_never_taken_for_the_error_page():
    page = render_to_string("500.html") + "<pre>Traceback (most recent call last):\n  File ...</pre>"

    assert classify(500, page) == TRACEBACK


@pytest.mark.parametrize(
    ("status", "expected"),
    [(None, NO_ANSWER), (200, OK), (302, OK), (409, CONFLICT), (403, REFUSED), (400, REFUSED)],
)
def test_each_status_is_what_a_person_would_have_seen(status, expected):
    assert classify(status, "<h1>whatever</h1>") == expected


def test_the_other_answers_are_counted_by_status_and_kind():
    answers = [
        Answer("fp", "page", 0, 1, 200, OK),
        Answer("fp", "page", 0, 1, 500, ERROR_PAGE),
        Answer("fp", "page", 0, 1, 500, ERROR_PAGE),
        Answer("fp", "save", 0, 1, 500, BARE_ERROR),
        Answer("fp", "save", 0, 1, None, NO_ANSWER),
    ]

    assert answered(answers) == {"500 bare error": 1, "500 error page": 2, "no answer": 1}


GUNICORN_LOG = """\
[2026-12-04 02:48:22 +0000] [23499] [INFO] Booting worker with pid: 23499
Internal Server Error: /checklists/assessments/46/
Traceback (most recent call last):
  File "django/contrib/sessions/backends/base.py", line 249, in _get_session
    return self._session_cache
AttributeError: 'SessionStore' object has no attribute '_session_cache'

During handling of the above exception, another exception occurred:

Traceback (most recent call last):
  File "psycopg/connection.py", line 126, in connect
psycopg.OperationalError: connection failed: Connection refused
\tIs the server running on that host and accepting TCP/IP connections?

The above exception was the direct cause of the following exception:

Traceback (most recent call last):
  File "django/db/backends/base/base.py", line 279, in ensure_connection
django.db.utils.OperationalError: connection failed: Connection refused
\tIs the server running on that host and accepting TCP/IP connections?
[2026-12-04 02:48:30 +0000] [23498] [ERROR] Worker (pid:23499) was sent SIGKILL! Perhaps out of memory?
Internal Server Error: /
Traceback (most recent call last):
django.db.utils.OperationalError: connection failed: Connection refused
"""


def test_each_traceback_in_gunicorns_log_counts_once_by_the_exception_raised(tmp_path):
    log = tmp_path / "gunicorn.log"
    log.write_text(GUNICORN_LOG, encoding="utf-8")

    assert server_exceptions(log) == {"django.db.utils.OperationalError: connection failed: Connection refused": 2}


# --- During the outage ---------------------------------------------------------------------------------------


def test_the_outage_window_holds_the_requests_that_overlapped_it():
    answers = [
        Answer("a", "page", 0.0, 0.5, 200, OK),  # before
        Answer("a", "save", 0.8, 1.2, 500, ERROR_PAGE, "Something went wrong"),  # in flight when it began
        Answer("b", "page", 2.0, 2.1, 503, ERROR_PAGE, "Down for a moment"),  # during
        Answer("b", "page", 2.9, 3.4, 200, OK),  # in flight when it ended, and served
        Answer("a", "page", 3.5, 4.25, 200, OK),  # after
        Answer("b", "page", 5.0, 5.1, None, NO_ANSWER),  # after, failed
    ]

    result = window(answers, 1.0, 3.0)

    assert result.during == 3
    assert result.outcomes == {ERROR_PAGE: 2, OK: 1}
    assert result.statuses == {500: 1, 503: 1, 200: 1}
    assert result.headings == {"Something went wrong": 1, "Down for a moment": 1}
    assert [answer.started for answer in result.failed_outside] == [5.0]
    # The request in flight at the end does not count: serving again is a request made after it.
    assert result.serving_again_after == pytest.approx(1.25)


def test_a_portal_that_never_serves_again_has_no_time_to_serving():
    answers = [Answer("a", "page", 2.0, 2.1, 503, ERROR_PAGE), Answer("a", "page", 4.0, 4.1, None, NO_ANSWER)]

    assert window(answers, 1.0, 3.0).serving_again_after is None


# --- The sections in the database ----------------------------------------------------------------------------


def save(version: int, note: str, outcome: str = SAVED, *, status: int | None = 200, section: int = 5) -> dict:
    return {
        "assessment": 7,
        "section": section,
        "version": version,
        "answers": {"11": ["yes", f"{note} 11"], "12": ["no", f"{note} 12"]},
        "comments": f"{note} comments",
        "outcome": outcome,
        "status": status,
    }


def stored(version: int, note: str, *, other_note: str | None = None) -> dict:
    return {
        "version": version,
        "answers": {"11": ["yes", f"{note} 11"], "12": ["no", f"{other_note or note} 12"]},
        "comments": f"{note} comments",
    }


def test_a_section_holding_its_last_successful_save_passes():
    saves = [save(0, "first"), save(1, "second"), save(2, "third", "not saved", status=409)]

    check = check_sections(saves, {(7, 5): stored(2, "second")})

    assert check.problems == []
    assert (check.sections, check.answers, check.saved, check.not_saved) == (1, 2, 2, 1)


def test_a_section_mixing_two_saves_is_half_saved():
    saves = [save(0, "first"), save(1, "second", "not saved", status=500)]

    check = check_sections(saves, {(7, 5): stored(2, "second", other_note="first")})

    assert check.half_saved == ["assessment 7 section 5: at version 2, equal to none of its saves"]
    assert check.lost == []


def test_a_section_older_than_its_last_successful_save_lost_it():
    saves = [save(0, "first"), save(1, "second")]

    check = check_sections(saves, {(7, 5): stored(1, "first")})

    assert check.lost == ["assessment 7 section 5: holds the save at version 0, not the one at 1"]


def test_a_section_at_an_older_version_than_its_last_successful_save_lost_it():
    saves = [save(0, "first"), save(1, "second"), save(2, "third")]

    check = check_sections(saves, {(7, 5): stored(2, "someone else")})

    assert check.lost == ["assessment 7 section 5: at version 2, older than its save at version 2"]


def test_two_successful_saves_at_one_version_lost_one():
    saves = [save(0, "first"), save(0, "rival")]

    check = check_sections(saves, {(7, 5): stored(1, "rival")})

    assert check.lost == ["assessment 7 section 5: 2 successful saves posted at version 0"]


def test_a_section_never_stored_after_a_successful_save_lost_it():
    check = check_sections([save(0, "first")], {})

    assert check.lost == ["assessment 7 section 5: not in the database after 1 successful saves"]


def test_a_save_told_it_failed_yet_kept_is_reported_as_unconfirmed():
    saves = [save(0, "first"), save(1, "cut off", "not saved", status=None)]

    check = check_sections(saves, {(7, 5): stored(2, "cut off")})

    assert check.unconfirmed == ["assessment 7 section 5: holds the save at version 1, whose answer was never given"]
    assert check.lost == check.half_saved == []


def test_a_kept_unconfirmed_save_saved_over_since_is_only_counted():
    # The second save was kept though its answer was a 500; the person's next save (after a 409) went on top.
    saves = [save(0, "first"), save(1, "kept", "not saved", status=500), save(2, "third")]

    check = check_sections(saves, {(7, 5): stored(3, "third")})

    assert check.problems == []
    assert check.unconfirmed_superseded == 1


def test_a_section_saved_by_nobody_who_posted_is_unrecorded():
    check = check_sections([save(0, "first")], {(7, 5): stored(1, "first"), (7, 6): stored(1, "ghost")})

    assert check.unrecorded == ["assessment 7 section 6: saved in the database, never posted"]


def test_a_section_whose_saves_all_failed_and_stayed_empty_is_not_checked():
    check = check_sections([save(0, "down", "not saved", status=503)], {})

    assert check.problems == []
    assert check.sections == 0


# --- The section of docs/performance.md ---------------------------------------------------------------------


BEFORE = "# Performance\n\nIntro.\n\n<!-- load:start -->\n## Load test\n\nTable.\n<!-- load:end -->\n"


def test_the_section_is_appended_when_the_file_has_none():
    updated = replace_section(BEFORE, f"{HEADING}\n\nCounts.")

    assert updated == BEFORE + f"\n{HEADING}\n\nCounts.\n"


def test_the_section_replaces_the_old_one_and_leaves_the_others_as_they_were():
    current = f"# Performance\n\nIntro.\n\n{HEADING}\n\nOld counts.\nMore.\n\n## SQLite\n\nTimes.\n"

    updated = replace_section(current, f"{HEADING}\n\nNew counts.")

    assert updated == f"# Performance\n\nIntro.\n\n{HEADING}\n\nNew counts.\n\n## SQLite\n\nTimes.\n"


def test_writing_the_section_twice_gives_the_same_file():
    once = replace_section(BEFORE, f"{HEADING}\n\nCounts.")

    assert replace_section(once, f"{HEADING}\n\nCounts.") == once
    assert once.startswith(BEFORE)


# --- The mail server that can be switched off ----------------------------------------------------------------


def test_the_mail_server_refuses_connections_when_stopped_and_accepts_again_on_the_same_port():
    server = MailServer(free_port())
    server.start()
    try:
        with smtplib.SMTP("127.0.0.1", server.port, timeout=5) as smtp:
            smtp.sendmail("portal@example.org", ["first@example.org"], "Subject: one\n\nBody")
        server.stop()
        with pytest.raises(ConnectionRefusedError):
            smtplib.SMTP("127.0.0.1", server.port, timeout=5)
        server.start()
        with smtplib.SMTP("127.0.0.1", server.port, timeout=5) as smtp:
            smtp.sendmail("portal@example.org", ["second@example.org"], "Subject: two\n\nBody")
    finally:
        server.stop()

    assert server.inbox.recipients() == ["first@example.org", "second@example.org"]
