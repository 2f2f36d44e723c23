"""The restore check (bench/restore_check.py): what it counts as a faithful copy, what it reports as a difference,
its section of docs/performance.md, and the backup and restore commands themselves on PostgreSQL."""

import hashlib
import shutil

import pytest
from django.core.files.base import ContentFile
from django.db import connection

from bench.load import recreate_database
from bench.restore_check import (
    END,
    MEDIA,
    RESTORED_MEDIA,
    START,
    Commands,
    FileSum,
    Snapshot,
    back_up,
    checksums,
    compare,
    file_references,
    missing_files,
    restore,
    row_counts,
    server_options,
    snapshot,
    write,
)
from tests.events.factories import EventFactory, MaterialFactory

needs_postgresql = pytest.mark.skipif(
    connection.vendor != "postgresql",
    reason="the restore check counts PostgreSQL's tables and runs its tools: run with DATABASE_URL=postgres://...",
)


@pytest.fixture
def media(tmp_path):
    folder = tmp_path / "media"
    (folder / "evidence" / "7").mkdir(parents=True)
    (folder / "evidence" / "7" / "Ordinul nr. 12.pdf").write_bytes(b"%PDF-1.7\n" + bytes(range(256)) * 8)
    (folder / "events" / "training").mkdir(parents=True)
    (folder / "events" / "training" / "Список.csv").write_text("name;country\nAna;MD\n", encoding="utf-8")
    return folder


def test_a_faithful_copy_has_no_mismatch_and_every_row_and_byte_is_counted(media, tmp_path):
    copy = tmp_path / "copy"
    shutil.copytree(media, copy)
    rows = {"countries_country": 46, "events_event": 10, "django_session": 0}

    comparison = compare(
        Snapshot(rows=rows, sequences={"events_event_id_seq": 12}, files=checksums(media)),
        Snapshot(rows=dict(rows), sequences={"events_event_id_seq": 12}, files=checksums(copy)),
    )

    assert comparison.mismatches == []
    assert (comparison.tables, comparison.rows, comparison.sequences) == (3, 56, 1)
    assert comparison.files == 2
    assert comparison.bytes == 9 + 256 * 8 + len(b"name;country\nAna;MD\n")


def test_a_changed_file_a_missing_one_and_an_extra_one_are_reported(media, tmp_path):
    copy = tmp_path / "copy"
    shutil.copytree(media, copy)
    (copy / "evidence" / "7" / "Ordinul nr. 12.pdf").write_bytes(b"%PDF-1.7\n" + bytes(range(256)) * 7)
    (copy / "events" / "training" / "Список.csv").unlink()
    (copy / "events" / "training" / "stray.txt").write_text("not in the backup")

    mismatches = compare(Snapshot(rows={}, files=checksums(media)), Snapshot(rows={}, files=checksums(copy))).mismatches

    assert len(mismatches) == 3
    assert mismatches[0] == "file events/training/stray.txt: in the restored folder only"
    assert mismatches[1] == "file events/training/Список.csv: missing from the restored folder"
    assert mismatches[2].startswith("file evidence/7/Ordinul nr. 12.pdf: changed (2,057 bytes, SHA-256 ")
    assert "restored 1,801 bytes" in mismatches[2]


def checksums_of(files: dict[str, bytes]) -> dict[str, FileSum]:
    return {path: FileSum(hashlib.sha256(content).hexdigest(), len(content)) for path, content in files.items()}


def test_a_file_changed_in_content_only_is_reported():
    original = Snapshot(rows={}, files=checksums_of({"a.pdf": b"yes"}))
    restored = Snapshot(rows={}, files=checksums_of({"a.pdf": b"no!"}))

    [mismatch] = compare(original, restored).mismatches

    assert mismatch.startswith("file a.pdf: changed (3 bytes")


def test_a_missing_row_a_missing_table_and_a_sequence_set_back_are_reported():
    original = Snapshot(
        rows={"checklists_answer": 872, "events_eventmaterial": 12, "countries_country": 46},
        sequences={"checklists_answer_id_seq": 900, "events_eventmaterial_id_seq": 12},
    )
    restored = Snapshot(
        rows={"checklists_answer": 871, "countries_country": 46, "leftover": 1},
        sequences={"checklists_answer_id_seq": 1, "events_eventmaterial_id_seq": 12},
    )

    comparison = compare(original, restored)

    assert comparison.mismatches == [
        "table checklists_answer: 872 rows, 871 restored",
        "table events_eventmaterial: missing from the restored database",
        "table leftover: in the restored database only",
        "sequence checklists_answer_id_seq: at 900, restored at 1",
    ]
    assert (comparison.tables, comparison.rows) == (3, 930)


@needs_postgresql
@pytest.mark.django_db
def test_every_table_is_counted_and_a_deleted_row_is_seen(md, ge):
    before = row_counts(connection)
    ge.delete()
    after = row_counts(connection)

    assert set(before) == set(connection.introspection.table_names())
    assert before["countries_country"] == 2
    assert compare(Snapshot(rows=before), Snapshot(rows=after)).mismatches == [
        "table countries_country: 2 rows, 1 restored"
    ]


@pytest.mark.django_db
def test_a_file_the_database_names_but_the_folder_lacks_is_reported(media, md):
    event = EventFactory(country=md, slug="training")
    MaterialFactory(event=event, url="", file="events/training/Список.csv")
    MaterialFactory(event=event, url="", file="events/training/lost.pdf")
    MaterialFactory(event=event)  # a link: no file

    references = file_references(connection)

    assert sorted(references) == ["events/training/lost.pdf", "events/training/Список.csv"]
    assert missing_files(references, checksums(media)) == [
        "file events/training/lost.pdf: named in the restored database, not in the restored folder"
    ]


def test_the_server_options_keep_the_password_off_the_command_line():
    options, env = server_options("postgres://backup:s%40cret@db.example.org:5433/cjhp")

    assert options == ["--host=db.example.org", "--port=5433", "--username=backup"]
    assert env["PGPASSWORD"] == "s@cret"


OTHERS = (
    "# Performance\n\nIntro.\n\n"
    "<!-- bench:postgresql:start -->\n## PostgreSQL\n\n| a |\n<!-- bench:postgresql:end -->\n"
    "\n<!-- load:start -->\n## Load test\n\ntext  \n<!-- load:end -->\n"
)


def test_the_section_is_appended_then_replaced_and_the_other_sections_are_left_as_they_were(tmp_path):
    path = tmp_path / "performance.md"
    path.write_text(OTHERS, encoding="utf-8")

    write(path, "## Backup and restore check\n\nfirst run")
    first = path.read_text(encoding="utf-8")
    write(path, "## Backup and restore check\n\nsecond run")
    second = path.read_text(encoding="utf-8")

    assert first == OTHERS + f"\n{START}\n## Backup and restore check\n\nfirst run\n{END}\n"
    assert second == OTHERS + f"\n{START}\n## Backup and restore check\n\nsecond run\n{END}\n"


def test_a_section_written_by_hand_without_markers_is_replaced_in_place(tmp_path):
    path = tmp_path / "performance.md"
    path.write_text("# Performance\n\n## Backup and restore check\n\nold\n\n## Later\n\nkept\n", encoding="utf-8")

    write(path, "## Backup and restore check\n\nnew")

    assert path.read_text(encoding="utf-8") == (
        f"# Performance\n\n{START}\n## Backup and restore check\n\nnew\n{END}\n\n## Later\n\nkept\n"
    )


def server_url(name: str) -> str:
    settings = connection.settings_dict
    password = f":{settings['PASSWORD']}" if settings["PASSWORD"] else ""
    server = f"{settings['HOST'] or '127.0.0.1'}:{settings['PORT'] or 5432}"
    return f"postgres://{settings['USER']}{password}@{server}/{name}"


@needs_postgresql
@pytest.mark.django_db(transaction=True)
def test_the_backup_restores_into_a_fresh_database_and_folder_identical_to_the_original(tmp_path, settings, md, ge):
    import psycopg

    settings.MEDIA_ROOT = tmp_path / MEDIA
    material = MaterialFactory(event=EventFactory(country=md), url="")
    material.file.save("Presentation ș.pdf", ContentFile(b"%PDF-1.7\n" + bytes(range(256)) * 40))
    source = connection.settings_dict["NAME"]
    restored = f"{source}_restored"
    options, env = server_options(server_url(source))
    commands = Commands(folder=tmp_path, env=env)
    recreate_database(server_url("postgres"), restored, drop_only=True)
    try:
        back_up(commands, options, source)
        restore(commands, options, restored)
        with psycopg.connect(server_url(restored)) as copy:
            comparison = compare(snapshot(connection, tmp_path / MEDIA), snapshot(copy, tmp_path / RESTORED_MEDIA))
            references = file_references(copy)
    finally:
        recreate_database(server_url("postgres"), restored, drop_only=True)

    assert comparison.mismatches == []
    assert comparison.files == 1 and comparison.rows >= 4
    assert references == [material.file.name]
    assert [command.split()[0] for command, _seconds in commands.ran] == [
        "pg_dump",
        "tar",
        "createdb",
        "pg_restore",
        "mkdir",
        "tar",
    ]
