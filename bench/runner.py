"""One bench run: fresh database, generated data, measured pages, the table printed and written."""

from pathlib import Path
from time import perf_counter

from django.db import connection, connections
from django.test import override_settings

from bench import imports, pdfs, report
from bench.database import bench_database, database_version, second_connection
from bench.generate import Scale, World, generate
from bench.measure import measure_in_turn, measure_pages
from bench.pages import PAGES
from bench.pdfs import compare_pdfs


def run(
    *,
    scale: float,
    repeat: int,
    only: str = "",
    keep: bool = False,
    output: Path | None = None,
    growth: float | None = None,
) -> None:
    pages = [page for page in PAGES if only.lower() in page.name.lower()]
    server_name = connection.settings_dict["NAME"]
    # DEBUG off throughout, as in production: no query log growing while the data is generated.
    with override_settings(DEBUG=False), bench_database(keep=keep) as name:
        print(f"Bench database: {name}")
        world, generation_s = generate_timed(scale)
        if growth:
            growth_text = measure_growth(world, growth, pages, repeat=repeat, keep=keep, server_name=server_name)
        print(f"Measuring {len(pages)} pages, {repeat} requests each...")
        bare, results = measure_pages(world, pages, repeat=repeat)
        pdf_results = compare_pdfs(world, pages, repeat=repeat)
        import_result, reading_results = None, []
        if not only or only.lower() in "participant import":
            print("Importing an event's participant list...")
            import_result = imports.measure_import(world)
            reading_results = imports.measure_reading(world)
        body = report.table(bare, results)
        if pdf_results:
            body += "\n\nEach PDF report requested whole, against WeasyPrint alone rendering the same HTML:\n\n"
            body += pdfs.table(pdf_results)
        if import_result:
            body += (
                "\n\nAn event's participant list imported as staff do it (read, preview, import; all rows or none):\n\n"
            )
            body += imports.table(import_result)
        if reading_results:
            body += "\n\nThe largest participant list the portal accepts, read (before the preview):\n\n"
            body += imports.reading_table(reading_results)
        database = database_version()
        vendor = connection.vendor
    print()
    print(body)
    missed = [result for result in results if result.misses(bare)]
    print(f"\n{len(results) - len(missed)} of {len(results)} pages meet their targets.")
    if pdf_missed := [result for result in pdf_results if result.misses()]:
        print(f"{len(pdf_missed)} PDF reports take more than their share over WeasyPrint alone.")
    if import_result and import_result.misses():
        print("The participant import misses its target: " + "; ".join(import_result.misses()))
    if reading_missed := [miss for result in reading_results for miss in result.misses()]:
        print("Reading the largest participant list misses its target: " + "; ".join(reading_missed))
    if output:
        text = report.section(
            database=database,
            scale=world.scale,
            created=world.created,
            generation_s=generation_s,
            repeat=repeat,
            body=body,
        )
        report.write(output, vendor, text)
        if growth:
            report.write(output, f"{vendor}-growth", growth_text)
        print(f"Written to {output}.")


def generate_timed(scale: float) -> tuple[World, float]:
    """The data at `scale` in the default connection's database, and the seconds it took, said as it ends."""
    start = perf_counter()
    world = generate(Scale.at(scale))
    seconds = perf_counter() - start
    counts = ", ".join(f"{count:,} {what}" for what, count in world.created.items())
    print(f"Generated scale {scale:g} in {seconds:.1f} s: {counts}")
    return world, seconds


def measure_growth(world: World, growth: float, pages: list, *, repeat: int, keep: bool, server_name: str) -> str:
    """The same pages on a second database generated at scale `growth`, measured in turn with the first's: the
    growth table (each page's median at the larger scale over its median at the first), printed and returned."""
    first = connections["default"]
    with second_connection(server_name) as second, bench_database(keep=keep, label=f"{growth:g}") as name:
        print(f"Second bench database: {name}")
        larger, generation_s = generate_timed(growth)
        measured = [page for page in pages if not page.is_pdf]
        print(f"Measuring {len(measured)} pages at both scales in turn, {repeat} requests each...")
        (bare, results), (larger_bare, larger_results) = measure_in_turn(
            [(world, first), (larger, second)], measured, repeat=repeat
        )
        database = database_version()
    body = report.growth_table(world.scale, larger.scale, bare, results, larger_bare, larger_results)
    print()
    print(body)
    return report.growth_section(
        database=database,
        scales=(world.scale, larger.scale),
        created=larger.created,
        generation_s=generation_s,
        repeat=repeat,
        body=body,
    )
