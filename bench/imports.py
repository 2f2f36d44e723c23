"""Importing an event's participant list of 10,000 rows (at scale 10) the way the portal does it: reading the
file, the preview (a dry run that checks every row) and the import itself, all rows or none (events.services).

A fifth of the rows name people already on file by their email (they are updated and registered), the others
are new; the event is a fresh one, so every row registers someone. Reading the largest list the portal accepts
(events.services.PARTICIPANT_LIMITS), as CSV and as XLSX, is measured for its peak memory too.
"""

import csv
import io
import tracemalloc
from dataclasses import dataclass
from time import perf_counter

from django.core.files.uploadedfile import SimpleUploadedFile
from django.utils import timezone

from bench.generate import World
from cjhp.lib.spreadsheets import xlsx_bytes
from events import services
from events.models import Attendance, Event, Gender, ProfessionalGroup

ROWS = 10_000  # at scale 10; proportionally fewer below
MAX_SECONDS = 10.0
KNOWN_SHARE = 0.2
MAX_PEAK_MB = 256  # what reading the largest list accepted may take of a worker


@dataclass
class ImportResult:
    rows: int
    read_s: float
    preview_s: float
    import_s: float
    new: int
    updated: int
    registered: int
    problems: int

    def misses(self) -> list[str]:
        missed = []
        if self.problems:
            missed.append(f"{self.problems} rows refused")
        if self.registered != self.rows:
            missed.append(f"{self.registered:,} of {self.rows:,} registered")
        for what, seconds in (("preview", self.preview_s), ("import", self.import_s)):
            if seconds > MAX_SECONDS:
                missed.append(f"{what} {seconds:.1f} s > {MAX_SECONDS:.0f} s")
        return missed


def participants_csv(world: World, rows: int) -> bytes:
    rng = world.rng
    known = [p for p in world.participants if p.email][: round(rows * KNOWN_SHARE)]
    out = io.StringIO()
    writer = csv.writer(out)
    writer.writerow(["name", "email", "organisation", "country", "professional_group", "gender", "role", "attended"])
    for n in range(rows):
        if n < len(known):
            name, email = known[n].name, known[n].email.upper()  # matched whatever the case
        else:
            name, email = f"Imported participant {n + 1}", f"imported{n + 1}@bench.example.org"
        country = rng.choice(world.countries).code
        group = rng.choice(list(ProfessionalGroup)).label
        gender = rng.choice(list(Gender)).value
        attended = rng.choice(["yes", "no"])
        writer.writerow([name, email, "Prison health service", country, group, gender, "participant", attended])
    return out.getvalue().encode("utf-8")


def measure_import(world: World) -> ImportResult:
    rows = max(10, round(ROWS * min(world.scale.factor, 10) / 10))
    starts_on = timezone.localdate()
    event = Event.objects.create(
        title="Bench import", slug="bench-import", kind=Event.Kind.TRAINING, country=world.country, starts_on=starts_on
    )
    content = participants_csv(world, rows)
    start = perf_counter()
    dataset = services.participants_dataset(SimpleUploadedFile("participants.csv", content, "text/csv"))
    read_s = perf_counter() - start
    start = perf_counter()
    preview = services.participants_import(event=event, dataset=dataset, dry_run=True)
    preview_s = perf_counter() - start
    start = perf_counter()
    report = services.participants_import(event=event, dataset=dataset, dry_run=False)
    import_s = perf_counter() - start
    return ImportResult(
        rows=rows,
        read_s=read_s,
        preview_s=preview_s,
        import_s=import_s,
        new=report.new,
        updated=report.updated,
        registered=Attendance.objects.filter(event=event).count(),
        problems=len(preview.problems) + len(report.problems) + len(report.file_problems),
    )


def table(result: ImportResult) -> str:
    missed = result.misses()
    verdict = "**missed: " + "; ".join(missed) + "**" if missed else "met"
    return "\n".join(
        [
            "| participant import | rows | reading the file | preview (dry run) | import | new / on file | target |",
            "|---|---:|---:|---:|---:|---:|---|",
            f"| an event's list, CSV | {result.rows:,} | {result.read_s:.1f} s | {result.preview_s:.1f} s "
            f"| {result.import_s:.1f} s | {result.new:,} / {result.updated:,} | {verdict} |",
        ]
    )


@dataclass
class ReadingResult:
    file_format: str
    rows: int
    size_kb: float
    seconds: float
    peak_mb: float

    def misses(self) -> list[str]:
        return [f"peak {self.peak_mb:.0f} MB > {MAX_PEAK_MB} MB"] if self.peak_mb > MAX_PEAK_MB else []


def measure_reading(world: World) -> list[ReadingResult]:
    """The time to read the list, and the peak of what Python allocates meanwhile (tracemalloc), the file aside."""
    rows = services.PARTICIPANT_LIMITS.rows
    text = participants_csv(world, rows)
    lines = list(csv.reader(io.StringIO(text.decode())))
    results = []
    for file_format, content in (("csv", text), ("xlsx", xlsx_bytes(lines[0], lines[1:]))):
        start = perf_counter()
        assert len(services.participants_dataset(SimpleUploadedFile(f"list.{file_format}", content))) == rows
        seconds = perf_counter() - start
        # Again under tracemalloc, which slows the reading down several times.
        tracemalloc.start()
        services.participants_dataset(SimpleUploadedFile(f"list.{file_format}", content))
        peak = tracemalloc.get_traced_memory()[1]
        tracemalloc.stop()
        results.append(ReadingResult(file_format, rows, len(content) / 1024, seconds, peak / 1024 / 1024))
    return results


def reading_table(results: list[ReadingResult]) -> str:
    lines = [
        "| reading the largest list accepted | rows | file | time | peak memory | target |",
        "|---|---:|---:|---:|---:|---|",
    ]
    for result in results:
        missed = result.misses()
        verdict = "**missed: " + "; ".join(missed) + "**" if missed else "met"
        lines.append(
            f"| {result.file_format.upper()} | {result.rows:,} | {result.size_kb:,.0f} KB | {result.seconds:.1f} s "
            f"| {result.peak_mb:.0f} MB | {verdict} |"
        )
    return "\n".join(lines)
