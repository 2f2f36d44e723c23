"""The South-East Europe checklist template, loaded from checklists/data/see-checklist.json.

Section 1.1 is the programme's published example, verbatim; sections 2.1–6.1 were drafted from each
recommendation's wording and are marked so. Item keys are stable: "1.1-q3" is the third entry of section 1.1,
"1.1-q3a" its first sub-question. Loading creates the template only when that version is missing.

checklists/data/see-checklist.fr.json is the portal's own French translation of every text, keyed as the
translation spreadsheets are (checklists/definition/translations.py). It is applied when the template has no
French translation yet, on a new install and an existing one alike; once there, staff own it and loading again
leaves it alone.
"""

import json
from pathlib import Path

from django.db import transaction

from checklists.definition.translations import translation_save
from checklists.languages import reference
from checklists.models import Item, Recommendation, Section, Template, TemplateTranslation
from cjhp.lib.rewording import reword

DATA_FILE = Path(__file__).resolve().parent / "data" / "see-checklist.json"
FRENCH_FILE = Path(__file__).resolve().parent / "data" / "see-checklist.fr.json"
# How earlier releases described the template: by a document's file name and a field's name. Every version of
# the template still holding that wording (new versions copy it) gets the current one, once.
FORMER_SOURCES = (
    "seed 002_dad2807a4b8b8670.txt: the six pre-selected recommendations and the example checklist for "
    "recommendation 1, section 1.1; background document P-PG/SEE-Prison (2021) 2_REV is cited there",
)
FORMER_NOTES = (
    "Section 1.1 is the programme's published example, verbatim. Sections 2.1 to 6.1 are drafted from each "
    "recommendation's own wording (marked drafted_from_recommendation) so that every recommendation can be "
    "assessed until programme staff import the official sections.",
)
FRENCH_NOTE = (
    "The portal's own translation, not the programme's: written for the portal in the Council of Europe's French "
    "terminology, to be replaced by the programme's translation when it publishes one."
)


def see_template() -> Template | None:
    """The version of the SEE template that the reference data loads, if it is there."""
    data = json.loads(DATA_FILE.read_text(encoding="utf-8"))
    return Template.objects.filter(name=data["template"], version=data["version"]).first()


@transaction.atomic
def load_see_checklist() -> dict[str, int]:
    data = json.loads(DATA_FILE.read_text(encoding="utf-8"))
    template, created = Template.objects.get_or_create(
        name=data["template"],
        version=data["version"],
        defaults={"source": data["source"], "note": data["note"]},
    )
    if created:
        _create_content(template, data)
    _reword_former_texts(data)
    return {"checklist templates": int(created), "checklist translations": _load_french(template)}


def _reword_former_texts(data: dict) -> None:
    versions = Template.objects.filter(name=data["template"])
    reword(versions, key="name", field="source", former=FORMER_SOURCES, current={data["template"]: data["source"]})
    reword(versions, key="name", field="note", former=FORMER_NOTES, current={data["template"]: data["note"]})


def _load_french(template: Template) -> int:
    if TemplateTranslation.objects.filter(template=template, language="fr").exists():
        return 0
    translation_save(
        template=template,
        language="fr",
        texts=json.loads(FRENCH_FILE.read_text(encoding="utf-8")),
        provenance=TemplateTranslation.Provenance.PORTAL,
        note=FRENCH_NOTE,
        by=None,
    )
    return 1


def _create_content(template: Template, data: dict) -> None:
    for rec in data["recommendations"]:
        recommendation = Recommendation.objects.create(
            template=template, number=rec["number"], **reference(title=rec["title"], text=rec["text"])
        )
        for section_order, sec in enumerate(rec["sections"], start=1):
            section = Section.objects.create(
                recommendation=recommendation,
                number=sec["number"],
                **reference(title=sec["title"]),
                order=section_order,
                drafted_from_recommendation=sec.get("drafted_from_recommendation", False),
                has_comments=sec.get("comments", True),
            )
            order = 0
            for position, entry in enumerate(sec["items"], start=1):
                order += 1
                key = f"{sec['number']}-q{position}"
                subitems = entry.get("subitems", [])
                parent = Item.objects.create(
                    section=section,
                    key=key,
                    **reference(text=entry["text"], help_text=entry.get("help", "")),
                    is_heading=bool(subitems),
                    order=order,
                )
                for letter, sub in zip("abcdefghijklmnopqrstuvwxyz", subitems, strict=False):
                    order += 1
                    Item.objects.create(
                        section=section, parent=parent, key=f"{key}{letter}", order=order, **reference(text=sub["text"])
                    )
