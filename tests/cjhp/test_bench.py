"""`make bench` works: its generator fills a database, its measurements count queries (no timing asserted)."""

import os
import subprocess
import sys

import pytest
from django.conf import settings
from django.db import connection

from bench import imports, pdfs, report
from bench.generate import REAL_SIZE, TARGET_SIZE, Scale, generate
from bench.measure import BARE_NAME, Result, measure_pages
from bench.pages import PAGES
from bench.pdfs import PdfResult
from checklists.models import ActionItem, Answer, Assessment
from countries.models import Country, FocalPoint


def test_scale_1_is_the_real_size_and_scale_10_the_target():
    assert Scale.at(1) == Scale(factor=1, **REAL_SIZE)
    assert Scale.at(10) == Scale(factor=10, **TARGET_SIZE)
    assert Scale.at(10).events == 2_000 and Scale.at(10).attendances == 100_000
    assert Scale.at(0.01).rounds == 1  # always at least one round


@pytest.mark.django_db
def test_the_generator_invites_every_country_to_every_round():
    world = generate(Scale.at(0.1))

    countries = Country.objects.count()
    assert countries == 46
    assert Assessment.objects.count() == countries == len(world.assessments)
    assert FocalPoint.objects.count() == countries
    assert ActionItem.objects.count() == world.created["action items"] == 10
    assert Answer.objects.count() == world.created["answers"] > 0
    # The measured users and objects belong together.
    assert world.country.code == "MD"
    assert FocalPoint.objects.filter(user=world.focal_point, country=world.country).exists()
    assert world.staff.is_programme_staff
    assert world.assessment.country == world.country


@pytest.mark.django_db
def test_a_measurement_counts_each_pages_queries_next_to_the_bare_view():
    world = generate(Scale.at(0.05))
    # The HTML pages and exports. The PDFs take seconds each to typeset: their own tests render them and pin their
    # queries (tests/*/test_reports.py); `make bench` times them.
    pages = [page for page in PAGES if not page.name.endswith("PDF")]

    bare, results = measure_pages(world, pages, repeat=1)

    assert bare.name == BARE_NAME and bare.status == 200 and bare.queries >= 1
    assert [(result.name, result.user, result.status) for result in results] == [
        (page.name, page.user, 200) for page in pages
    ]
    assert all(result.queries >= bare.queries for result in results)
    assert all(result.median_ms > 0 for result in results)
    assert "/countries/MD/" in {result.url for result in results}


def test_a_page_missing_a_target_is_marked_in_the_table():
    bare = Result(BARE_NAME, "staff", "/bench/bare/", 200, 3, 1.0)
    fine = Result("Home", "staff", "/", 200, 5, 2.0)
    chatty = Result("Countries", "staff", "/countries/", 200, 11, 2.0)
    slow = Result("Country page", "focal_point", "/countries/MD/", 200, 4, 16.0)
    dashboard = Result("Home", "staff", "/", 200, 10, 30.0, max_times_bare=40)
    slow_search = Result("Search", "staff", "/search/?q=prison", 200, 9, 41.0, max_times_bare=40)

    table = report.table(bare, [fine, chatty, slow, dashboard, slow_search])

    assert "| Home | staff | 5 | 2.0 ms | 2.0× | met |" in table
    assert "| Countries | staff | 11 | 2.0 ms | 2.0× | **missed: 11 queries > 10** |" in table
    assert "| Country page | focal point | 4 | 16.0 ms | 16.0× | **missed: 16.0× the bare view > 15×** |" in table
    assert "| Home | staff | 10 | 30.0 ms | 30.0× | met |" in table
    assert "| Search | staff | 9 | 41.0 ms | 41.0× | **missed: 41.0× the bare view > 40×** |" in table


def test_each_database_keeps_its_own_section_of_the_report(tmp_path):
    path = tmp_path / "performance.md"
    report.write(path, "sqlite", "## SQLite\nfirst")
    report.write(path, "postgresql", "## PostgreSQL\nsecond")
    report.write(path, "sqlite", "## SQLite\nthird")

    text = path.read_text()
    assert text.startswith("# Performance")
    assert "third" in text and "second" in text and "first" not in text
    assert text.index("third") < text.index("second")


def test_the_report_names_the_machine_and_what_was_not_generated():
    text = report.section(
        database="SQLite 3.40.1",
        scale=Scale.at(10),
        created={"rounds": 10},
        generation_s=1.5,
        repeat=20,
        body="| table |",
    )
    assert "cores" in report.machine()
    assert "- Python 3." in text and "Django 6." in text and "SQLite 3.40.1" in text
    assert "scale 10, generated in 1.5 s: 10 rounds" in text
    assert "Not generated yet (no model): 2,000 events, 50,000 participants, 100,000 attendances" in text


def test_make_bench_runs_end_to_end_in_a_database_of_its_own(tmp_path):
    """`python -m bench` as `make bench` runs it, at a tiny scale and on the country pages only (the other pages
    are measured in process above): it never touches the test database."""
    output = tmp_path / "performance.md"
    result = subprocess.run(
        [sys.executable, "-m", "bench", "--scale", "0.05", "--repeat", "1", "--only", "Country page"]
        + ["--output", str(output)],
        cwd=settings.BASE_DIR,
        env={**os.environ, "DEBUG": "true"},
        capture_output=True,
        text=True,
        timeout=300,
    )
    assert result.returncode == 0, result.stderr
    assert "Generated scale 0.05" in result.stdout
    assert "| Country page | focal point |" in result.stdout
    written = output.read_text()
    assert "| Bare Django view (trivial template) | staff |" in written
    assert f"<!-- bench:{connection.vendor}:start -->" in written


def test_a_pdf_report_has_its_own_time_and_query_targets():
    bare = Result(BARE_NAME, "staff", "/bench/bare/", 200, 3, 1.0)
    quick = Result("Assessment PDF", "focal_point", "/pdf/", 200, 14, 400.0, max_ms=1000, max_queries=14)
    slow = Result("Round comparison PDF", "staff", "/pdf/", 200, 10, 3200.0, max_ms=3000)

    table = report.table(bare, [quick, slow])

    assert "| Assessment PDF | focal point | 14 | 400.0 ms | 400.0× | met |" in table
    assert "**missed: 3200 ms > 3000 ms**" in table


def test_a_large_export_has_its_own_time_target_and_is_no_pdf():
    exports = {page.name: page for page in PAGES if "export" in page.name}
    assert exports["Action items, XLSX export"].max_ms == exports["Events, XLSX export"].max_ms == 1000
    assert not any(page.is_pdf for page in exports.values())
    assert {page.name for page in PAGES if page.is_pdf} == {
        "Assessment PDF",
        "Round comparison PDF",
        "Country profile PDF",
        "Event report PDF",
    }
    bare = Result(BARE_NAME, "staff", "/bench/bare/", 200, 3, 2.0)
    quick = Result("Action items, XLSX export", "staff", "/x/", 200, 4, 120.0, max_ms=500)
    slow = Result("Events, XLSX export", "staff", "/x/", 200, 5, 650.0, max_ms=500)
    table = report.table(bare, [quick, slow])
    assert "| Action items, XLSX export | staff | 4 | 120.0 ms | 60.0× | met |" in table
    assert "**missed: 650 ms > 500 ms**" in table


def test_a_pdf_report_is_compared_with_weasyprint_alone():
    within = PdfResult("Assessment PDF", "focal_point", view_ms=520, weasyprint_ms=500, pages=7, max_times=1.3)
    beyond = PdfResult("Country profile PDF", "staff", view_ms=700, weasyprint_ms=500, pages=2, max_times=1.3)

    table = pdfs.table([within, beyond])

    assert "| Assessment PDF | focal point | 7 | 520 ms | 500 ms | 1.04× | met |" in table
    assert "**missed: 1.40× WeasyPrint alone > 1.3×**" in table


@pytest.mark.django_db
def test_the_generator_makes_events_participants_and_distinct_attendances_at_scale():
    from events.models import Attendance, Event, Participant

    world = generate(Scale.at(0.4))

    # On top of the reference data's events.
    assert Event.objects.filter(pk__in=[e.pk for e in world.events]).count() == world.created["events"] == 4
    assert Participant.objects.filter(name__startswith="Participant ").count() == world.created["participants"] == 100
    assert Attendance.objects.filter(event__in=world.events).count() == world.created["attendances"] == 200
    assert Event.recommendations.through.objects.filter(event__in=world.events).count() >= 4


def test_only_the_staff_dashboard_and_search_have_the_gathering_pages_budget():
    gathering = {(page.name, page.user) for page in PAGES if page.max_times_bare == 40}
    assert gathering == {("Home", "staff"), ("Dashboard, another round's heat map", "staff"), ("Search", "staff")}
    assert all(page.max_times_bare is None for page in PAGES if (page.name, page.user) not in gathering)


def test_the_peak_memory_of_reading_the_largest_list_is_reported_against_its_target():
    within = imports.ReadingResult("xlsx", 20_000, 681, seconds=3.2, peak_mb=15)
    beyond = imports.ReadingResult("csv", 20_000, 2_456, seconds=0.2, peak_mb=300)

    table = imports.reading_table([within, beyond])

    assert "| XLSX | 20,000 | 681 KB | 3.2 s | 15 MB | met |" in table
    assert "| CSV | 20,000 | 2,456 KB | 0.2 s | 300 MB | **missed: peak 300 MB > 256 MB** |" in table
