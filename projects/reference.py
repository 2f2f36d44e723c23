"""The programme's known history (projects/data/programme.json): projects, their events and results.

Loading creates only what is missing, matching projects and events on their titles and results on their text,
so running it again changes nothing and never undoes an edit made in the portal. Each item keeps its source.

Each project and event names the SEE recommendations it addresses (`recommendations`, with the reason in `why`).
They are linked to the SEE template's recommendations when the item has none linked yet: a new install and an
existing one alike get them once, and links that staff chose in the portal stay theirs.
"""

import json
from functools import cache
from pathlib import Path

from django.db import transaction

from checklists.reference import see_template
from cjhp.lib.rewording import reword
from countries.models import Country, Network
from events.forms import RESERVED_SLUGS as EVENT_RESERVED_SLUGS
from events.models import Event
from projects.forms import RESERVED_SLUGS as PROJECT_RESERVED_SLUGS
from projects.models import Partner, Project, Result
from projects.periods import Period
from projects.slugs import unique_slug

DATA_FILE = Path(__file__).resolve().parent / "data" / "programme.json"

# How earlier releases of the data named their sources: by the file names of the programme's documents. Items
# loaded then get the current wording once; a source edited in the portal since stays.
FORMER_SOURCES = (
    "seed 001",
    "seed 001; countries from a 2012 mid-term report",
    "seed 001; year from the programme's archive page",
    "seed 002",
    "seed 002; start year inferred from Georgia's 2020 conference",
    "seed 003",
    "seed 004",
    "seed 004 (city inferred)",
    "seed 004 (year inferred from the page's other news)",
    "seed 004; opening date from a Pompidou Group announcement",
    "seeds 000, 002; start year from a Pompidou Group announcement (support since 2018)",
    "seeds 000, 004",
    "seeds 001, 004",
)

# What the data does not say about each partner: its kind and its country.
PARTNER_FACTS = {
    "Department of Penitentiary Institutions, Ministry of Justice of the Republic of Moldova": (
        Partner.Kind.PRISON_ADMINISTRATION,
        "MD",
    ),
    "Phoenix Haga (Norwegian NGO)": (Partner.Kind.NGO, "NO"),
    "Ministry of Justice of Georgia": (Partner.Kind.MINISTRY, "GE"),
    "Ministry of Corrections of Georgia": (Partner.Kind.MINISTRY, "GE"),
    "State Penitentiary Service of Ukraine": (Partner.Kind.PRISON_ADMINISTRATION, "UA"),
}


@cache
def programme_data() -> dict:
    return json.loads(DATA_FILE.read_text(encoding="utf-8"))


def _period(value: str | None) -> Period | None:
    return Period.parse(value) if value else None


def _countries(codes) -> list[Country]:
    return list(Country.objects.filter(code__in=codes))


def _partner(name: str) -> Partner:
    kind, code = PARTNER_FACTS.get(name, (Partner.Kind.OTHER, None))
    partner, _ = Partner.objects.get_or_create(
        name=name, defaults={"kind": kind, "country": Country.objects.filter(code=code).first()}
    )
    return partner


def _event_kind(label: str) -> str:
    value = label.replace(" ", "-")
    return value if value in Event.Kind.values else Event.Kind.OTHER


@transaction.atomic
def load_programme() -> dict[str, int]:
    data = programme_data()
    created = {"projects": 0, "events": 0, "results": 0}
    for row in data["projects"]:
        if Project.objects.filter(title=row["title"]).exists():
            continue
        end = _period(row.get("end"))
        project = Project(
            title=row["title"],
            slug=unique_slug(Project, row["title"], reserved=PROJECT_RESERVED_SLUGS),
            kind=row["kind"],
            status=Project.Status.COMPLETED if end else Project.Status.ONGOING,
            summary=row.get("summary", ""),
            framework=row.get("framework", ""),
            source=row.get("source", ""),
        )
        project.set_period(_period(row["start"]), end)
        project.full_clean()
        project.save()
        project.countries.set(_countries(row["countries"]))
        project.partners.set([_partner(name) for name in row.get("partners", [])])
        if row.get("parent"):
            # Parents come before their children in the data.
            project.parent = Project.objects.filter(title=row["parent"]).first()
            project.save(update_fields=["parent"])
        created["projects"] += 1
    for row in data["events"]:
        if Event.objects.filter(title=row["title"]).exists():
            continue
        start, end = _period(row["start"]), _period(row.get("end"))
        event = Event(
            title=row["title"],
            slug=unique_slug(Event, row["title"], reserved=EVENT_RESERVED_SLUGS),
            kind=_event_kind(row["kind"]),
            city=row.get("city", ""),
            country=Country.objects.filter(code=row.get("country")).first(),
            venue=row.get("venue", ""),
            summary=row.get("summary", ""),
            source=row.get("source", ""),
        )
        # A one-day event has no separate end.
        event.set_period(start, end if end and end != start else None)
        event.full_clean()
        event.save()
        if row.get("project"):
            event.projects.set(Project.objects.filter(title=row["project"]))
        created["events"] += 1
    for row in data["results"]:
        if Result.objects.filter(text=row["text"]).exists():
            continue
        result = Result(
            text=row["text"],
            country=Country.objects.filter(code=row.get("country")).first() if row.get("country") else None,
            network=Network.objects.filter(name=row.get("network")).first() if row.get("network") else None,
            source=row.get("source", ""),
        )
        result.full_clean()
        result.save()
        created["results"] += 1
    _reword_former_texts(data)
    _link_recommendations(data)
    return created


def _link_recommendations(data: dict) -> None:
    template = see_template()
    if template is None:
        return
    by_number = {rec.number: rec for rec in template.recommendations.all()}
    for model, rows in ((Project, data["projects"]), (Event, data["events"])):
        wanted = {row["title"]: row["recommendations"] for row in rows if row.get("recommendations")}
        unlinked = model.objects.filter(title__in=wanted, recommendations__isnull=True)
        for item in unlinked:
            item.recommendations.set([by_number[n] for n in wanted[item.title] if n in by_number])


def _reword_former_texts(data: dict) -> None:
    for model, rows, key in (
        (Project, data["projects"], "title"),
        (Event, data["events"], "title"),
        (Result, data["results"], "text"),
    ):
        current = {row[key]: row.get("source", "") for row in rows}
        reword(model.objects.all(), key=key, field="source", former=FORMER_SOURCES, current=current)
