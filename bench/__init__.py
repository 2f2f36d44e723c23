"""`make bench`: the portal's pages measured on generated data at a chosen scale.

One run creates a fresh database of its own (a temporary SQLite file, or `<name>_bench` next to the PostgreSQL
database DATABASE_URL names), fills it through bench.generate, measures every page of bench.pages against a
bare Django view in the same process, prints the table and writes it to docs/performance.md.
"""
