"""The programme's reference data for countries: member states, partner countries and networks.

Loading only creates what is missing, so running it again changes nothing and never undoes a correction
that programme staff made in the portal or by spreadsheet import.
"""

import json
from datetime import date
from functools import cache
from pathlib import Path

from django.db import transaction

from cjhp.lib.rewording import reword
from countries.models import Country, Network

DATA_FILE = Path(__file__).resolve().parent / "data" / "member-states.json"

# How earlier releases of the data named their sources: by the file names of the programme's documents. An
# install loaded then gets the current wording once.
FORMER_NOTES = (
    "partner country, not a member in our sources; South-East Europe network since 2020 (seed 002)",
    "partner country, not a member in our sources; country-specific projects since 2012 (seed 002)",
)
FORMER_NETWORK_SOURCES = ("seed 002: Regional cooperation since 2020",)


@cache
def member_states_data() -> dict:
    return json.loads(DATA_FILE.read_text(encoding="utf-8"))


def member_states_source() -> dict:
    """What the countries page says about where the list comes from."""
    data = member_states_data()
    return {"as_of": date.fromisoformat(data["as_of"]), "caveat": data["caveat"]}


def _year(value: str | None) -> int | None:
    return int(value[:4]) if value else None


@transaction.atomic
def load_countries() -> dict[str, int]:
    data = member_states_data()
    created = {"countries": 0, "networks": 0}
    for row in data["countries"]:
        _, was_created = Country.objects.get_or_create(
            code=row["code"],
            defaults={
                "name": row["name"],
                "is_member": row["member"],
                "member_since": _year(row["joined"]),
                "left_in": _year(row["left"]),
                "membership_note": row.get("note", "")[:255],
            },
        )
        created["countries"] += was_created
    for row in data["networks"]:
        network, was_created = Network.objects.get_or_create(
            name=row["name"], defaults={"since": row.get("since"), "source": row.get("source", "")}
        )
        if was_created:
            network.countries.set(Country.objects.filter(code__in=row["countries"]))
            created["networks"] += 1
    _reword_former_texts(data)
    return created


def _reword_former_texts(data: dict) -> None:
    reword(
        Country.objects.all(),
        key="code",
        field="membership_note",
        former=FORMER_NOTES,
        current={row["code"]: row.get("note", "")[:255] for row in data["countries"]},
    )
    reword(
        Network.objects.all(),
        key="name",
        field="source",
        former=FORMER_NETWORK_SOURCES,
        current={row["name"]: row.get("source", "") for row in data["networks"]},
    )
