"""Importing an event's participant list of 10,000 rows (at scale 10) the way the portal does it: reading the
file, the preview (a dry run that checks every row) and the import itself, all rows or none (events.services).

A fifth of the rows name people already on file by their email (they are updated and registered), the others
are new; the event is a fresh one, so every row registers someone.
"""

import csv
import io
from dataclasses import dataclass
from time import perf_counter

from django.core.files.uploadedfile import SimpleUploadedFile
from django.utils import timezone

from bench.generate import World
from events import services
from events.models import Attendance, Event, Gender, ProfessionalGroup

ROWS = 10_000  # at scale 10; proportionally fewer below
MAX_SECONDS = 10.0
KNOWN_SHARE = 0.2


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
