"""The pages `make bench` measures: one line each, with the URL built from the generated world and the user.

Add a page with one line: `Page(name, lambda world: <its URL>, "staff" or "focal_point")`. World (in
bench.generate) holds the measured country, its latest assessment, the rounds, ...

A PDF report's time is dominated by WeasyPrint: it has its own time target (`max_ms`) instead of a multiple of
the bare view, and bench/pdfs.py compares it with WeasyPrint rendering the same HTML alone (`max_times_weasyprint`).
A whole-list export is a file too, whose time grows with every row of the list rather than a page's fifty: the
large ones have a time target of their own (`max_ms`, EXPORT_MS).
"""

from collections.abc import Callable
from dataclasses import dataclass

from django.urls import reverse

from bench.generate import World

# The staff dashboard and search gather the whole programme on one page: within 40 times the bare view.
MAX_TIMES_BARE_GATHERING = 40


@dataclass(frozen=True)
class Page:
    name: str
    url: Callable[[World], str]
    user: str = "staff"  # "staff" or "focal_point" (the focal point of World.country)
    max_ms: float | None = None  # an absolute target for the median, instead of a multiple of the bare view
    max_queries: int | None = None  # instead of bench.measure.MAX_QUERIES
    max_times_bare: float | None = None  # instead of bench.measure.MAX_TIMES_BARE
    max_times_weasyprint: float | None = None  # a PDF: at most this multiple of WeasyPrint alone on its HTML

    @property
    def is_pdf(self) -> bool:
        return self.max_times_weasyprint is not None


# A whole-list spreadsheet of thousands of rows (5,000 action items, 2,000 events at scale 10), read and written
# in one request by openpyxl (about 8 µs a cell, most of it openpyxl's XML writer): within a second.
EXPORT_MS = 1000

# A page of the API's assessments, each with all its answers (JSON of some 2,000 answers): within a quarter second.
API_PAGE_MS = 250


PAGES = [
    Page("Home", lambda world: reverse("home"), "staff", max_times_bare=MAX_TIMES_BARE_GATHERING),
    Page("Home", lambda world: reverse("home"), "focal_point"),
    Page("Countries", lambda world: reverse("countries:list"), "staff"),
    Page("Country page", lambda world: world.country.get_absolute_url(), "staff"),
    Page("Country page", lambda world: world.country.get_absolute_url(), "focal_point"),
    Page("Rounds", lambda world: reverse("checklists:rounds"), "staff"),
    Page("Round page", lambda world: reverse("checklists:round", kwargs={"slug": world.rounds[-1].slug}), "staff"),
    Page("Assessments", lambda world: reverse("checklists:assessments"), "staff"),
    Page("Assessments", lambda world: reverse("checklists:assessments"), "focal_point"),
    Page("Assessment page", lambda world: reverse("checklists:assessment", args=[world.assessment.pk]), "staff"),
    Page(
        "Assessment page",
        lambda world: reverse("checklists:assessment", args=[world.assessment.pk]),
        "focal_point",
    ),
    Page("Events", lambda world: reverse("events:list"), "staff"),
    Page("Events", lambda world: reverse("events:list"), "focal_point"),
    Page("Event page", lambda world: world.busiest_event.get_absolute_url(), "staff"),
    Page(
        "Calendar",
        lambda world: reverse(
            "events:calendar",
            kwargs={"year": world.busiest_event.starts_on.year, "month": world.busiest_event.starts_on.month},
        ),
        "staff",
    ),
    Page("Participants", lambda world: reverse("events:participants"), "staff"),
    Page("Participant page", lambda world: reverse("events:participant", args=[world.participants[0].pk]), "staff"),
    Page("Projects", lambda world: reverse("projects:list"), "staff"),
    Page("Action items", lambda world: reverse("checklists:action_items"), "staff"),
    Page("Action items", lambda world: reverse("checklists:action_items"), "focal_point"),
    Page(
        "Action items, XLSX export",
        lambda world: reverse("checklists:action_items") + "?export=xlsx",
        "staff",
        max_ms=EXPORT_MS,
    ),
    Page(
        "Round assessments, CSV export",
        lambda world: reverse("checklists:round", kwargs={"slug": world.rounds[-1].slug}) + "?export=csv",
        "staff",
    ),
    Page("Projects, CSV export", lambda world: reverse("projects:list") + "?export=csv", "staff"),
    Page("Events, XLSX export", lambda world: reverse("events:list") + "?export=xlsx", "staff", max_ms=EXPORT_MS),
    # PDF reports. The assessment report loads the checklist, its previous round and its review in 14 queries.
    Page(
        "Assessment PDF",
        lambda world: reverse("checklists:assessment_pdf", kwargs={"pk": world.assessment.pk}),
        "focal_point",
        max_ms=1000,
        max_queries=14,
        max_times_weasyprint=1.3,
    ),
    Page(
        "Round comparison PDF",
        lambda world: reverse("checklists:round_pdf", kwargs={"slug": world.rounds[-1].slug}),
        "staff",
        max_ms=3000,
        max_times_weasyprint=1.3,
    ),
    Page(
        "Country profile PDF",
        lambda world: reverse("countries:report", kwargs={"code": world.country.code}),
        "focal_point",
        max_ms=3000,
        max_queries=16,
        max_times_weasyprint=1.3,
    ),
    Page(
        "Event report PDF",
        lambda world: reverse("events:report", kwargs={"slug": world.busiest_event.slug}),
        "staff",
        max_ms=3000,
        max_times_weasyprint=1.3,
    ),
    Page(
        "Dashboard, another round's heat map",
        lambda world: f"{reverse('home')}?round={world.rounds[0].slug}",
        max_times_bare=MAX_TIMES_BARE_GATHERING,
    ),
    Page("Gaps and responses", lambda world: reverse("checklists:round_gaps", args=[world.rounds[-1].slug])),
    Page("Search", lambda world: f"{reverse('search')}?q=prison", max_times_bare=MAX_TIMES_BARE_GATHERING),
    # The data API's heaviest answers: a page of assessments with every answer and the progress per recommendation,
    # and a round's heat map. Fifty assessments of the whole checklist are a file of some 2,000 answers, whatever the
    # scale: like an export, they have a time target of their own.
    Page("API: assessments with answers", lambda world: reverse("api:assessment-list"), "staff", max_ms=API_PAGE_MS),
    Page(
        "API: assessments with answers",
        lambda world: reverse("api:assessment-list"),
        "focal_point",
        max_ms=API_PAGE_MS,
    ),
    Page("API: heat map", lambda world: reverse("api:round-heat-map", kwargs={"slug": world.rounds[-1].slug})),
]
