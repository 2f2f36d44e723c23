"""The results as a Markdown table, with the machine and versions, kept in docs/performance.md.

The file keeps one section per database (SQLite, PostgreSQL): a run replaces its own database's section and
leaves the other one as it was.
"""

import os
import platform
import re
from datetime import UTC, datetime
from pathlib import Path

import django

from bench.generate import Scale
from bench.measure import MAX_QUERIES, MAX_TIMES_BARE, Result
from bench.pages import MAX_TIMES_BARE_GATHERING

HEADER = f"""# Performance

Written by `make bench` (`bench/`): it creates a fresh database, fills it with generated data at the scale
given (`make bench BENCH_ARGS="--scale 10"`; scale 1 is the programme's real size, 10 the proof's target),
then requests each page in-process through Django's test client, as the logged-in user shown, with DEBUG off.
*queries* counts the database queries of one request; *median* is the median time of the repeated requests,
compared with a bare Django view that renders a trivial template behind the same middleware, in the same run.

Targets: at most {MAX_QUERIES} queries per page whatever the data size, and a median within {MAX_TIMES_BARE}×
the bare view ({MAX_TIMES_BARE_GATHERING}× for the staff dashboard and search, which gather the whole programme).
A page that misses one says so in the last column. PDF reports have their own targets: a time
(the assessment under 1 s, the round comparison and the country profile under 3 s), a query count that does not
grow with the data, and at most 1.3× the time WeasyPrint alone takes to turn the same HTML into a PDF. A whole
list exported as a spreadsheet (the action items, the events) is a file too: a page shows fifty rows, the file
holds every row of the list (5,000 action items, 2,000 events at scale 10), so its time grows with the list; it
has a time target of its own, under 1 s, and the same query target as a page. Importing an event's list of
10,000 participants (at scale 10) takes under 10 s for the preview and under 10 s for the import.

Each database has its own section below; a run on SQLite (the default) or on PostgreSQL (`DATABASE_URL` set)
rewrites only its own.
"""


def machine() -> str:
    cpu = platform.processor() or platform.machine()
    memory = ""
    try:
        cpuinfo = Path("/proc/cpuinfo").read_text()
        cpu = re.search(r"^model name\s*:\s*(.+)$", cpuinfo, re.M).group(1).strip()
        kib = int(re.search(r"^MemTotal:\s*(\d+) kB", Path("/proc/meminfo").read_text(), re.M).group(1))
        memory = f", {kib / 1024 / 1024:.1f} GiB memory"
    except (OSError, AttributeError):
        pass
    return f"{cpu}, {os.cpu_count()} cores{memory}"


def table(bare: Result, results: list[Result]) -> str:
    lines = [
        "| page | user | queries | median | vs bare | target |",
        "|---|---|---:|---:|---:|---|",
        f"| {bare.name} | {bare.user} | {bare.queries} | {bare.median_ms:.1f} ms | 1.0× | yardstick |",
    ]
    for result in results:
        missed = result.misses(bare)
        verdict = "**missed: " + "; ".join(missed) + "**" if missed else "met"
        lines.append(
            f"| {result.name} | {result.user.replace('_', ' ')} | {result.queries} | {result.median_ms:.1f} ms "
            f"| {result.median_ms / bare.median_ms:.1f}× | {verdict} |"
        )
    return "\n".join(lines)


def section(
    *, database: str, scale: Scale, created: dict[str, int], generation_s: float, repeat: int, body: str
) -> str:
    counts = ", ".join(f"{count:,} {what}" for what, count in created.items())
    lines = [
        f"## {database.split()[0]}",
        "",
        f"- Date: {datetime.now(UTC):%Y-%m-%d %H:%M} UTC",
        f"- Machine: {machine()}",
        f"- Python {platform.python_version()}, Django {django.get_version()}, {database}",
        f"- Data: scale {scale.factor:g}, generated in {generation_s:.1f} s: {counts}",
    ]
    if missing := not_generated(scale, created):
        lines.append(f"- Not generated yet (no model): {missing}")
    lines += [f"- Each page requested {repeat} times, in turn with the others, after a warm-up request", "", body]
    return "\n".join(lines)


def not_generated(scale: Scale, created: dict[str, int]) -> str:
    """What the scale asks for that no generator made yet, e.g. "2,000 events"."""
    wanted = {"events": scale.events, "participants": scale.participants, "attendances": scale.attendances}
    return ", ".join(f"{count:,} {what}" for what, count in wanted.items() if what not in created)


def write(path: Path, vendor: str, text: str) -> None:
    """Put `text` in the file's section for `vendor`, creating the file or the section when missing."""
    start, end = f"<!-- bench:{vendor}:start -->", f"<!-- bench:{vendor}:end -->"
    block = f"{start}\n{text}\n{end}"
    current = path.read_text(encoding="utf-8") if path.exists() else HEADER
    pattern = re.compile(re.escape(start) + r".*?" + re.escape(end), re.S)
    if pattern.search(current):
        updated = pattern.sub(lambda match: block, current)
    else:
        updated = current.rstrip("\n") + "\n\n" + block + "\n"
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text(updated, encoding="utf-8")


# The growth budget: a page's median at the larger scale at most this multiple of its median at the first.
MAX_GROWTH = 1.5


def growth_misses(result: Result, larger: Result) -> list[str]:
    """What a page misses of the growth budget, in words (empty when it meets it). A whole-list export holds every
    row of its list, so its time grows with the list: it has its time target instead (max_ms), not a growth one."""
    missed = []
    if larger.status != 200:
        missed.append(f"status {larger.status}")
    if larger.queries > result.queries:
        missed.append(f"{result.queries} → {larger.queries} queries")
    if result.max_ms is None and larger.median_ms > MAX_GROWTH * result.median_ms:
        missed.append(f"{larger.median_ms / result.median_ms:.2f}× its time > {MAX_GROWTH:g}×")
    return missed


def growth_table(
    scale: Scale, larger_scale: Scale, bare: Result, results: list[Result], larger_bare: Result, larger_results: list
) -> str:
    first, second = f"{scale.factor:g}", f"{larger_scale.factor:g}"
    lines = [
        f"| page | user | queries at {first} → {second} | median at {first} | median at {second} "
        f"| growth | vs bare at {first} | target |",
        "|---|---|---:|---:|---:|---:|---:|---|",
        f"| {bare.name} | {bare.user} | {bare.queries} → {larger_bare.queries} | {bare.median_ms:.1f} ms "
        f"| {larger_bare.median_ms:.1f} ms | {larger_bare.median_ms / bare.median_ms:.2f}× | 1.0× | yardstick |",
    ]
    for result, larger in zip(results, larger_results, strict=True):
        missed = growth_misses(result, larger) + result.misses(bare)
        verdict = "**missed: " + "; ".join(missed) + "**" if missed else "met"
        lines.append(
            f"| {result.name} | {result.user.replace('_', ' ')} | {result.queries} → {larger.queries} "
            f"| {result.median_ms:.1f} ms | {larger.median_ms:.1f} ms | {larger.median_ms / result.median_ms:.2f}× "
            f"| {result.median_ms / bare.median_ms:.1f}× | {verdict} |"
        )
    return "\n".join(lines)


def growth_section(
    *, database: str, scales: tuple[Scale, Scale], created: dict[str, int], generation_s: float, repeat: int, body: str
) -> str:
    scale, larger = scales
    counts = ", ".join(f"{count:,} {what}" for what, count in created.items())
    return "\n".join(
        [
            f"## {database.split()[0]}: growth from scale {scale.factor:g} to {larger.factor:g}",
            "",
            f"Every page on two databases generated in the same run, at scale {scale.factor:g} and at scale "
            f"{larger.factor:g}, each request followed by the same request on the other database. Targets: the "
            f"median at scale {larger.factor:g} at most {MAX_GROWTH:g}× the median at scale {scale.factor:g}, no "
            "more queries, and the page's own budget against the bare view (above).",
            "",
            f"- Date: {datetime.now(UTC):%Y-%m-%d %H:%M} UTC",
            f"- Machine: {machine()}",
            f"- Python {platform.python_version()}, Django {django.get_version()}, {database}",
            f"- Data at scale {larger.factor:g}, generated in {generation_s:.1f} s: {counts}",
            f"- Each page requested {repeat} times at each scale, after a warm-up request",
            "",
            body,
        ]
    )
