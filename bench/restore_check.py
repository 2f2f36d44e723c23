"""python -m bench.restore_check [--scale 1] [--files 36]: what `make restore-check` runs (PostgreSQL only).

It proves the backup README documents. It creates a database of its own on the server DATABASE_URL names (that
database's name with `_backup` appended), migrates it and fills it with the bench's generated data, then uploads
evidence files to answers and materials to events through the models' file fields, into a media folder of its
own, as the portal stores them. It backs both up as README says (`pg_dump --format=custom`, a tar archive of the
media folder), restores them into a fresh database (`createdb`, `pg_restore --no-owner`) and a fresh folder, and
compares every table's row count, every sequence's value and every file's SHA-256; it also checks that every file
the restored database names is in the restored folder. It prints the counts, exits 1 on any mismatch, drops its
databases and removes its folders whatever happens, and writes its section of docs/performance.md.
"""

import argparse
import hashlib
import os
import random
import re
import shlex
import shutil
import subprocess
import sys
import tempfile
import time
import warnings
from dataclasses import dataclass, field
from pathlib import Path
from urllib.parse import unquote, urlsplit

from bench.load import load_database_url, recreate_database

ROOT = Path(__file__).resolve().parent.parent
DEFAULT_OUTPUT = ROOT / "docs" / "performance.md"
DEFAULT_DATABASE_URL = "postgres://postgres@127.0.0.1:5432/cjhp"
HEADING = "## Backup and restore check"
START, END = "<!-- restore-check:start -->", "<!-- restore-check:end -->"
# Inside the run's temporary folder: the commands run there, so the report shows them as they ran.
MEDIA, BACKUP, RESTORED_MEDIA = "media", "backup", "restored-media"
DUMP, ARCHIVE = f"{BACKUP}/cjhp.dump", f"{BACKUP}/media.tar.gz"


# --- What is compared ---------------------------------------------------------------------------------------------


@dataclass(frozen=True)
class FileSum:
    sha256: str
    size: int


@dataclass(frozen=True)
class Snapshot:
    """A database's row count per table and value per sequence, and a folder's files, by path inside it."""

    rows: dict[str, int]
    sequences: dict[str, int | None] = field(default_factory=dict)
    files: dict[str, FileSum] = field(default_factory=dict)


@dataclass
class Comparison:
    tables: int
    rows: int
    sequences: int
    files: int
    bytes: int
    mismatches: list[str]


def quoted(name: str) -> str:
    return '"' + name.replace('"', '""') + '"'


def row_counts(connection) -> dict[str, int]:
    """The exact row count of every table of the public schema (any DB-API connection to PostgreSQL)."""
    with connection.cursor() as cursor:
        cursor.execute("SELECT tablename FROM pg_tables WHERE schemaname = 'public' ORDER BY tablename")
        tables = [name for (name,) in cursor.fetchall()]
        counts = {}
        for table in tables:
            cursor.execute(f"SELECT count(*) FROM {quoted(table)}")
            counts[table] = cursor.fetchone()[0]
    return counts


def sequence_values(connection) -> dict[str, int | None]:
    """Where each sequence of the public schema stands: a restore that lost them would reuse primary keys."""
    with connection.cursor() as cursor:
        cursor.execute(
            "SELECT sequencename, last_value FROM pg_sequences WHERE schemaname = 'public' ORDER BY sequencename"
        )
        return dict(cursor.fetchall())


def checksums(folder: Path) -> dict[str, FileSum]:
    """Every file under `folder`, by its path relative to it."""
    sums = {}
    for path in sorted(folder.rglob("*")):
        if path.is_file():
            digest = hashlib.sha256()
            with open(path, "rb") as content:
                for block in iter(lambda: content.read(1 << 20), b""):
                    digest.update(block)
            sums[path.relative_to(folder).as_posix()] = FileSum(digest.hexdigest(), path.stat().st_size)
    return sums


def snapshot(connection, folder: Path) -> Snapshot:
    return Snapshot(rows=row_counts(connection), sequences=sequence_values(connection), files=checksums(folder))


def compare(original: Snapshot, restored: Snapshot) -> Comparison:
    """Every difference between the original and its restored copy, one sentence each."""
    mismatches = []
    for table in sorted(original.rows.keys() | restored.rows.keys()):
        if table not in restored.rows:
            mismatches.append(f"table {table}: missing from the restored database")
        elif table not in original.rows:
            mismatches.append(f"table {table}: in the restored database only")
        elif original.rows[table] != restored.rows[table]:
            mismatches.append(f"table {table}: {original.rows[table]:,} rows, {restored.rows[table]:,} restored")
    for sequence in sorted(original.sequences.keys() | restored.sequences.keys()):
        before, after = original.sequences.get(sequence, "missing"), restored.sequences.get(sequence, "missing")
        if before != after:
            mismatches.append(f"sequence {sequence}: at {before}, restored at {after}")
    for path in sorted(original.files.keys() | restored.files.keys()):
        before, after = original.files.get(path), restored.files.get(path)
        if after is None:
            mismatches.append(f"file {path}: missing from the restored folder")
        elif before is None:
            mismatches.append(f"file {path}: in the restored folder only")
        elif before != after:
            mismatches.append(
                f"file {path}: changed ({before.size:,} bytes, SHA-256 {before.sha256[:12]}…; "
                f"restored {after.size:,} bytes, {after.sha256[:12]}…)"
            )
    return Comparison(
        tables=len(original.rows),
        rows=sum(original.rows.values()),
        sequences=len(original.sequences),
        files=len(original.files),
        bytes=sum(file.size for file in original.files.values()),
        mismatches=mismatches,
    )


def file_references(connection) -> list[str]:
    """The name of every file the database's file fields hold (the portal's models, through `connection`)."""
    from django.apps import apps
    from django.db import models

    names = []
    with connection.cursor() as cursor:
        for model in apps.get_models():
            for model_field in model._meta.concrete_fields:
                if isinstance(model_field, models.FileField):
                    column, table = quoted(model_field.column), quoted(model._meta.db_table)
                    cursor.execute(f"SELECT {column} FROM {table} WHERE {column} <> '' ORDER BY {column}")
                    names += [name for (name,) in cursor.fetchall()]
    return names


def missing_files(references: list[str], files: dict[str, FileSum]) -> list[str]:
    missing = [name for name in references if name not in files]
    return [f"file {name}: named in the restored database, not in the restored folder" for name in missing]


# --- The data and the uploaded files ------------------------------------------------------------------------------

# Names as focal points and staff give them (Romanian, Cyrillic), with the first bytes of their kind of file.
EVIDENCE = [
    ("Ordinul ministerului nr. 12 (2021).pdf", b"%PDF-1.7\n"),
    ("Protocol tratament substituție.docx", b"PK\x03\x04"),
    ("Приказ о здравоохранении в тюрьмах.pdf", b"%PDF-1.7\n"),
    ("Statistica 2025.xlsx", b"PK\x03\x04"),
    ("screening tuberculosis.png", b"\x89PNG\r\n\x1a\n"),
    ("note.txt", b""),
]
MATERIALS = [
    ("Presentation day 1.pdf", "presentation", b"%PDF-1.7\n"),
    ("Group photo.jpg", "photo", b"\xff\xd8\xff\xe0"),
    ("Agenda.odt", "document", b"PK\x03\x04"),
    ("Список участников.csv", "other", b"name;country\n"),
]


def fill(*, scale: float, files: int, seed: int = 1) -> dict[str, int]:
    """The bench's data at `scale` in the migrated database, and `files` uploads; returns what was created."""
    from django.core.files.base import ContentFile
    from django.test import override_settings

    from bench.generate import Scale, generate
    from checklists.models import Answer
    from events.models import EventMaterial

    # DEBUG off while generating, as the bench does: no query log growing with the data.
    with override_settings(DEBUG=False):
        world = generate(Scale.at(scale), seed=seed)
        rng = random.Random(seed)
        evidence_count = files - files // 3
        answers = list(Answer.objects.filter(assessment__in=world.assessments).order_by("pk"))
        for n, answer in enumerate(rng.sample(answers, k=min(evidence_count, len(answers)))):
            name, head = EVIDENCE[n % len(EVIDENCE)]
            answer.evidence_file.save(name, ContentFile(head + rng.randbytes(rng.randint(1_000, 400_000))))
        materials = files - min(evidence_count, len(answers))
        for n in range(materials):
            name, kind, head = MATERIALS[n % len(MATERIALS)]
            material = EventMaterial(event=rng.choice(world.events), title=name.rsplit(".", 1)[0], kind=kind)
            material.file.save(name, ContentFile(head + rng.randbytes(rng.randint(1_000, 400_000))))
    return world.created | {"evidence files": files - materials, "event materials": materials}


# --- The backup and the restore, as README documents them ------------------------------------------------------


def server_options(database_url: str) -> tuple[list[str], dict[str, str]]:
    """The PostgreSQL client tools' options for the server in `database_url`, and the password in the
    environment (never on the command line, where the report would show it)."""
    parts = urlsplit(database_url)
    options = [f"--host={parts.hostname or '127.0.0.1'}", f"--port={parts.port or 5432}"]
    if parts.username:
        options.append(f"--username={unquote(parts.username)}")
    env = {**os.environ}
    if parts.password:
        env["PGPASSWORD"] = unquote(parts.password)
    return options, env


@dataclass
class Commands:
    """The commands run, each with the seconds it took, in the run's folder."""

    folder: Path
    env: dict[str, str]
    ran: list[tuple[str, float]] = field(default_factory=list)

    def run(self, *command: str) -> None:
        start = time.perf_counter()
        result = subprocess.run(command, cwd=self.folder, env=self.env, capture_output=True, text=True)
        self.ran.append((shlex.join(command), time.perf_counter() - start))
        if result.returncode != 0:
            raise RuntimeError(f"{shlex.join(command)} failed ({result.returncode}): {result.stderr.strip()}")


def client_version() -> str:
    """pg_dump's version, e.g. "pg_dump 15.20": it must be at least the server's to dump it."""
    words = subprocess.run(["pg_dump", "--version"], capture_output=True, text=True, check=True).stdout.split()
    return f"pg_dump {words[2]}" if len(words) > 2 else " ".join(words)


def back_up(commands: Commands, options: list[str], source: str) -> None:
    (commands.folder / BACKUP).mkdir()
    commands.run("pg_dump", *options, "--format=custom", f"--file={DUMP}", source)
    commands.run("tar", "--create", "--gzip", f"--file={ARCHIVE}", f"--directory={MEDIA}", ".")


def restore(commands: Commands, options: list[str], restored: str) -> None:
    commands.run("createdb", *options, restored)
    commands.run("pg_restore", *options, "--no-owner", "--exit-on-error", f"--dbname={restored}", DUMP)
    commands.run("mkdir", RESTORED_MEDIA)
    commands.run("tar", "--extract", f"--file={ARCHIVE}", f"--directory={RESTORED_MEDIA}")


# --- The report --------------------------------------------------------------------------------------------------


def summary(comparison: Comparison, references: int) -> str:
    return (
        f"{comparison.tables} tables ({comparison.rows:,} rows), {comparison.sequences} sequences, "
        f"{comparison.files} files ({comparison.bytes:,} bytes, {references} named in the database) compared: "
        f"{len(comparison.mismatches)} mismatches"
    )


def section(
    *,
    database: str,
    tools: str,
    scale: float,
    created: dict[str, int],
    commands: Commands,
    sizes: dict[str, int],
    comparison: Comparison,
    references: int,
    seconds: float,
) -> str:
    from datetime import UTC, datetime

    verdict = "identical" if not comparison.mismatches else "**different**"
    data = ", ".join(f"{count:,} {what}" for what, count in created.items())
    lines = [
        HEADING,
        "",
        "Written by `make restore-check` (`bench/restore_check.py`, PostgreSQL only). It fills a database of its own",
        "with the bench's generated data and uploads files through the portal's file fields into a media folder of",
        "its own, backs both up as README's *Backups* says, restores them into a fresh database and a fresh folder,",
        "and compares every table's row count, every sequence's value and every file's SHA-256; it also checks that",
        "every file the restored database names is in the restored folder.",
        "",
        f"- Date: {datetime.now(UTC):%Y-%m-%d %H:%M} UTC",
        f"- {database} (the server), {tools} (the client tools)",
        f"- Data: scale {scale:g}: {data}",
        f"- Backup: the dump {sizes['dump']:,} bytes, the media archive {sizes['archive']:,} bytes",
        "",
        "The commands, run in a temporary folder holding the media folder `media/` (seconds each):",
        "",
        "```sh",
        *(f"{command}  # {took:.2f} s" for command, took in commands.ran),
        "```",
        "",
        f"Result: {summary(comparison, references)}. The restored copy is {verdict}; the whole check took "
        f"{seconds:.0f} s.",
    ]
    if comparison.mismatches:
        lines += ["", *(f"- {mismatch}" for mismatch in comparison.mismatches[:20])]
    return "\n".join(lines)


def write(path: Path, text: str) -> None:
    """Put `text` in the file's own section, leaving every other section as it is."""
    block = f"{START}\n{text}\n{END}"
    current = path.read_text(encoding="utf-8") if path.exists() else "# Performance\n"
    marked = re.compile(re.escape(START) + r".*?" + re.escape(END), re.S)
    # Without its markers, the section runs from its heading to the next heading or section marker.
    headed = re.compile(r"^" + re.escape(HEADING) + r"[ \t]*\n.*?(?=^## |^<!-- |\Z)", re.S | re.M)
    if marked.search(current):
        updated = marked.sub(lambda match: block, current, count=1)
    elif match := headed.search(current):
        rest = current[match.end() :]
        updated = current[: match.start()] + block + ("\n\n" if rest else "\n") + rest
    else:
        updated = current.rstrip("\n") + "\n\n" + block + "\n"
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text(updated, encoding="utf-8")


# --- The whole run -----------------------------------------------------------------------------------------------


def clean_up(folder: Path, maintenance_url: str, databases: list[str], *, keep: bool) -> None:
    """Drop the run's databases and remove its folder, each even when another could not be."""
    from django.db import connections

    connections.close_all()
    if keep:
        print(f"Kept the databases {', '.join(databases)} and the folder {folder}")
        return
    shutil.rmtree(folder, ignore_errors=True)
    for name in databases:
        try:
            recreate_database(maintenance_url, name, drop_only=True)
        except Exception as error:  # the server gone: say what is left behind, and let the first error show
            print(f"Could not drop the database {name}: {error}", file=sys.stderr)


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(prog="python -m bench.restore_check", description=__doc__.split("\n\n")[0])
    parser.add_argument("--scale", type=float, default=1.0, help="the bench's data scale (default 1)")
    parser.add_argument("--files", type=int, default=36, help="uploaded files, two in three evidence (default 36)")
    parser.add_argument("--database", help="the original database's name (default: DATABASE_URL's name + _backup)")
    parser.add_argument("--keep", action="store_true", help="keep both databases and the folder, to look into them")
    parser.add_argument("--output", type=Path, default=DEFAULT_OUTPUT, help="default docs/performance.md")
    parser.add_argument("--no-write", action="store_true", help="print the result only")
    args = parser.parse_args(argv)
    if args.scale <= 0 or args.files < 0:
        parser.error("--scale must be more than 0 and --files at least 0")
    database_url = os.environ.get("DATABASE_URL") or DEFAULT_DATABASE_URL
    if urlsplit(database_url).scheme not in {"postgres", "postgresql", "pgsql"}:
        parser.error("the restore check runs on PostgreSQL: set DATABASE_URL=postgres://user@127.0.0.1:5432/name")
    own_name = urlsplit(database_url).path.lstrip("/")
    url, source, maintenance_url = load_database_url(database_url, args.database or f"{own_name}_backup")
    restored = f"{source}_restored"
    if {source, restored} & {own_name, "postgres", "template0", "template1"}:
        parser.error(f"the restore check drops and recreates its databases: give it one of its own, not {source!r}")

    started = time.perf_counter()
    folder = Path(tempfile.mkdtemp(prefix="cjhp-restore-check-"))
    os.environ.update({"DATABASE_URL": url, "MEDIA_ROOT": str(folder / MEDIA)})
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "cjhp.settings")
    os.environ.setdefault("DEBUG", "true")
    warnings.filterwarnings("ignore", message="No directory at")
    options, env = server_options(database_url)
    commands = Commands(folder=folder, env=env)
    try:
        import django

        django.setup()
        import psycopg
        from django.core.management import call_command
        from django.db import connection

        from bench.database import database_version

        (folder / MEDIA).mkdir()
        recreate_database(maintenance_url, source)
        print(f"Original database: {source}, media folder: {folder / MEDIA}")
        call_command("migrate", verbosity=0)
        created = fill(scale=args.scale, files=args.files)
        database, tools = database_version(), client_version()
        connection.close()
        print("Generated: " + ", ".join(f"{count:,} {what}" for what, count in created.items()))
        back_up(commands, options, source)
        recreate_database(maintenance_url, restored, drop_only=True)
        restore(commands, options, restored)
        for command, took in commands.ran:
            print(f"  {command}  ({took:.2f} s)")
        restored_url = load_database_url(database_url, restored)[0]
        with psycopg.connect(url) as original_db, psycopg.connect(restored_url) as copy_db:
            comparison = compare(snapshot(original_db, folder / MEDIA), snapshot(copy_db, folder / RESTORED_MEDIA))
            references = file_references(copy_db)
        comparison.mismatches += missing_files(references, checksums(folder / RESTORED_MEDIA))
        sizes = {"dump": (folder / DUMP).stat().st_size, "archive": (folder / ARCHIVE).stat().st_size}
    finally:
        clean_up(folder, maintenance_url, [restored, source], keep=args.keep)
    seconds = time.perf_counter() - started
    text = section(
        database=database,
        tools=tools,
        scale=args.scale,
        created=created,
        commands=commands,
        sizes=sizes,
        comparison=comparison,
        references=len(references),
        seconds=seconds,
    )
    print()
    print(f"{summary(comparison, len(references))}; {seconds:.1f} s in all.")
    for mismatch in comparison.mismatches[:50]:
        print(f"- {mismatch}")
    if not args.no_write:
        write(args.output, text)
        print(f"Written to {args.output}.")
    return 1 if comparison.mismatches else 0


if __name__ == "__main__":
    sys.exit(main())
