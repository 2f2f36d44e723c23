"""The fault run's judgements, free of Django and of the network: what each answer was, what happened during an
outage, and whether the database holds every section as one of its saves.
"""

import re
from collections import Counter, defaultdict
from dataclasses import dataclass, field

# The portal's own pages, its error pages included, open with the site header and its brand.
PORTAL_PAGE = 'class="brand__name"'
HEADING = re.compile(r"<h1[^>]*>(.*?)</h1>", re.S)

OK, CONFLICT, ERROR_PAGE, BARE_ERROR, TRACEBACK, REFUSED, NO_ANSWER = (
    "ok",
    "conflict",
    "error page",
    "bare error",
    "traceback",
    "refused",
    "no answer",
)


def classify(status: int | None, body: str = "") -> str:
    """What a person would have seen: the page they asked for (ok, or the 409 of a section someone else saved
    first), the portal's error page, a bare server error or a traceback, a 4xx refusal, or nothing at all."""
    if status is None:
        return NO_ANSWER
    if status < 400:
        return OK
    if status == 409:
        return CONFLICT
    if status < 500:
        return REFUSED
    if "Traceback (most recent call last)" in body or "Exception Value:" in body:
        return TRACEBACK
    if PORTAL_PAGE in body:
        return ERROR_PAGE
    return BARE_ERROR


def heading(body: str) -> str:
    match = HEADING.search(body)
    return re.sub(r"\s+", " ", re.sub(r"<[^>]+>", "", match.group(1))).strip() if match else ""


@dataclass
class Answer:
    """One request and what came back; times in seconds from the start of the fault."""

    user: str
    name: str
    started: float
    ended: float
    status: int | None
    outcome: str
    heading: str = ""
    error: str = ""


@dataclass
class Window:
    """The answers to the requests that overlapped [start, end] (the time the fault lasted), and how long after
    its end the portal answered a request with the page asked for."""

    during: int = 0
    outcomes: Counter = field(default_factory=Counter)
    statuses: Counter = field(default_factory=Counter)
    headings: Counter = field(default_factory=Counter)
    failed_outside: list[Answer] = field(default_factory=list)
    serving_again_after: float | None = None


def window(answers: list[Answer], start: float, end: float) -> Window:
    result = Window()
    for answer in answers:
        overlaps = answer.started <= end and answer.ended >= start
        if overlaps:
            result.during += 1
            result.outcomes[answer.outcome] += 1
            result.statuses[answer.status] += 1
            if answer.outcome != OK and answer.heading:
                result.headings[answer.heading] += 1
        elif answer.outcome not in {OK, CONFLICT}:
            result.failed_outside.append(answer)
        if answer.started > end and answer.outcome == OK:
            after = answer.ended - end
            if result.serving_again_after is None or after < result.serving_again_after:
                result.serving_again_after = after
    return result


# --- The sections: every one in the database must be one of its saves -----------------------------------------

SAVED, NOT_SAVED = "saved", "not saved"  # a save's outcome: 200, or anything else (an error, no answer, a 409)


@dataclass
class SectionCheck:
    sections: int = 0
    answers: int = 0
    saved: int = 0
    not_saved: int = 0
    # Kept though its person was told it failed, and then saved over by their next save: harmless, counted.
    unconfirmed_superseded: int = 0
    lost: list[str] = field(default_factory=list)
    half_saved: list[str] = field(default_factory=list)
    # What the database holds now is a save whose person was told it failed.
    unconfirmed: list[str] = field(default_factory=list)
    unrecorded: list[str] = field(default_factory=list)

    @property
    def problems(self) -> list[str]:
        return self.lost + self.half_saved + self.unconfirmed + self.unrecorded


def _holds(stored: dict, save: dict) -> bool:
    """Whether the section as stored is exactly this save: its version after it, every question's answer and
    note, and the comments."""
    if stored["version"] != save["version"] + 1:
        return False
    if any(stored["answers"].get(item) != list(expected) for item, expected in save["answers"].items()):
        return False
    return save["comments"] is None or stored["comments"] == save["comments"]


def check_sections(saves: list[dict], stored: dict[tuple[int, int], dict]) -> SectionCheck:
    """Compare the database with every save posted, as bench.load.check_saves does, and also with the saves
    whose answer was an error or never came (the server may have committed them before it failed).

    `saves`: {assessment, section, version (the one posted), answers {item: [value, note]}, comments, outcome};
    `stored`: {(assessment, section): {version, answers, comments}} for every section saved at least once.

    Each save posts every question of its section with a new note, so each stored save moves the version on by
    one. For each section the successful saves must be at distinct versions (two at one version: one overwrote
    the other unseen), and the section as stored must be exactly one save, the last successful one, or a later
    one whose answer was an error (reported as `unconfirmed`); a stored section equal to no save at all is
    half-saved.
    """
    check = SectionCheck(
        saved=sum(save["outcome"] == SAVED for save in saves),
        not_saved=sum(save["outcome"] != SAVED for save in saves),
    )
    by_section = defaultdict(list)
    for save in saves:
        by_section[save["assessment"], save["section"]].append(save)
    for key in sorted(stored.keys() - by_section.keys()):
        check.unrecorded.append(f"assessment {key[0]} section {key[1]}: saved in the database, never posted")
    for key, posted in sorted(by_section.items()):
        where = f"assessment {key[0]} section {key[1]}"
        successful = sorted((save for save in posted if save["outcome"] == SAVED), key=lambda save: save["version"])
        versions = [save["version"] for save in successful]
        for version, count in sorted(Counter(versions).items()):
            if count > 1:
                check.lost.append(f"{where}: {count} successful saves posted at version {version}")
        if not successful and key not in stored:
            continue  # never saved: nothing to check
        check.sections += 1
        check.answers += sum(len(save["answers"]) for save in successful[-1:])
        section = stored.get(key)
        last = versions[-1] if versions else -1
        if section is None:
            check.lost.append(f"{where}: not in the database after {len(successful)} successful saves")
            continue
        holding = next((save for save in posted if _holds(section, save)), None)
        if holding is None:
            if section["version"] - 1 < last:
                check.lost.append(f"{where}: at version {section['version']}, older than its save at version {last}")
            else:
                check.half_saved.append(f"{where}: at version {section['version']}, equal to none of its saves")
        elif holding["version"] < last:
            check.lost.append(f"{where}: holds the save at version {holding['version']}, not the one at {last}")
        elif holding["outcome"] != SAVED:
            answer = holding.get("status") or "never given"
            check.unconfirmed.append(
                f"{where}: holds the save at version {holding['version']}, whose answer was {answer}"
            )
        # Versions stored in between that no successful save accounts for: a save told it failed, yet kept.
        gaps = set(range(section["version"])) - set(versions) - ({holding["version"]} if holding else set())
        for version in sorted(gaps):
            if any(save["version"] == version and save["outcome"] != SAVED for save in posted):
                check.unconfirmed_superseded += 1
            else:
                check.unrecorded.append(f"{where}: version {version + 1} written by no save posted")
    return check
