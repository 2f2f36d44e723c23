"""The fault run's section of docs/performance.md, `## Faults survived`: written in place of the one there, or
at the end; every other section of the file is left as it is, byte for byte."""

import platform
from datetime import UTC, datetime
from pathlib import Path

HEADING = "## Faults survived"


def section(faults: list, *, database: str, workers: int, users: int) -> str:
    from importlib.metadata import version

    import django

    from bench.report import machine

    lines = [
        HEADING,
        "",
        "Written by `make faults` (`bench/faults.py`). gunicorn serves the portal with its production settings on",
        f"127.0.0.1 ({workers} sync workers), on a PostgreSQL cluster of the run's own (never the machine's), with",
        f"the load test's data; {users} focal points save sections without pause while each fault happens. Every",
        "answer is recorded, and afterwards the database is compared with every save posted. An *error page* is",
        "the portal's own (its header, its wording); a *bare error* is a page without it (gunicorn's \"Internal",
        "Server Error\", when the portal's error handling itself failed); *no answer*: the connection was cut.",
        "",
        f"- Date: {datetime.now(UTC):%Y-%m-%d %H:%M} UTC",
        f"- Machine: {machine()}",
        f"- Python {platform.python_version()}, Django {django.get_version()}, {database}, "
        f"gunicorn {version('gunicorn')}",
        "",
        "| fault | requests | answers other than the page asked for | sections checked | lost or half-saved | checks |",
        "|---|---:|---|---:|---:|---|",
    ]
    for fault in faults:
        seen = ", ".join(f"{count} {label}" for label, count in fault.outcomes.items()) or "none"
        check = fault.sections
        broken = len(check.lost) + len(check.half_saved) if check else 0
        passed = sum(passed for _description, passed in fault.checks)
        verdict = "passed" if fault.passed else "**failed**"
        lines.append(
            f"| {fault.name} | {fault.requests:,} | {seen} | {check.sections if check else 0} | {broken} "
            f"| {passed} of {len(fault.checks)} {verdict} |"
        )
    for number, fault in enumerate(faults, 1):
        lines += ["", f"{number}. {fault.name[0].upper()}{fault.name[1:]}:"]
        lines += [f"   - {count}" for count in fault.counts]
        if fault.sections:
            check = fault.sections
            lines.append(
                f"   - section saves: {check.saved} succeeded, {check.not_saved} did not; checked in the database: "
                f"{check.sections} sections and the {check.answers} answers of their last save; {len(check.lost)} "
                f"lost, {len(check.half_saved)} half-saved, {len(check.unconfirmed)} holding a save answered with "
                f"an error, {check.unconfirmed_superseded} such saves saved over since"
            )
        if fault.exceptions:
            logged = "; ".join(f"{count}× {text}" for text, count in list(fault.exceptions.items())[:4])
            lines.append(f"   - exceptions in gunicorn's log: {logged}")
        lines += [f"   - {'✓' if passed else '✗ failed:'} {description}" for description, passed in fault.checks]
        problems = fault.sections.problems if fault.sections else []
        lines += [f"   - {problem}" for problem in problems[:10]]
    return "\n".join(lines)


def replace_section(current: str, text: str) -> str:
    """`current` with its `## Faults survived` section (up to the next `## ` heading or `<!--` marker) replaced
    by `text`, or with `text` appended when it has none."""
    lines = current.splitlines(keepends=True)
    start = next((n for n, line in enumerate(lines) if line.rstrip("\r\n") == HEADING), None)
    if start is None:
        return current.rstrip("\n") + "\n\n" + text + "\n"
    end = next(
        (n for n in range(start + 1, len(lines)) if lines[n].startswith(("## ", "# ", "<!--"))),
        len(lines),
    )
    following = "".join(lines[end:])
    return "".join(lines[:start]) + text + "\n" + ("\n" + following if following else "")


def write(path: Path, text: str) -> None:
    current = path.read_text(encoding="utf-8") if path.exists() else "# Performance\n"
    path.write_text(replace_section(current, text), encoding="utf-8")
