"""The programme's reference data for countries: member states, partner countries and networks.

Loading only creates what is missing, so running it again changes nothing and never undoes a correction
that programme staff made in the portal or by spreadsheet import.
"""

import json
from datetime import date
from functools import cache
from pathlib import Path

from django.db import transaction

from countries.models import Country, Network

DATA_FILE = Path(__file__).resolve().parent / "data" / "member-states.json"


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
    return created
