"""Changes to checklist templates: editing a version no round uses, new versions and spreadsheet imports.

A template that a round uses is frozen (`Template.is_frozen`): every function here that changes a template
refuses it with `TemplateFrozen`, and the way forward is `template_new_version`. Item keys must be unique
within a template (the database only enforces it per section), so writes that set a key lock the template
row first and check under that lock.
"""

from collections.abc import Iterable
from dataclasses import dataclass

from django.contrib.admin.models import ADDITION, LogEntry
from django.core.exceptions import ValidationError
from django.db import transaction
from django.db.models import Max, ProtectedError
from django.utils.translation import gettext as _

from checklists.languages import CODES, REFERENCE, every_language, reference, translated_fields
from checklists.models import Item, Recommendation, Section, Template


class TemplateFrozen(ValidationError):
    def __init__(self, template: Template):
        super().__init__(
            _(
                "“%(template)s” is used by an assessment round, so it can no longer change. "
                "Create a new version to make changes."
            )
            % {"template": template}
        )


def lock_template(template: Template) -> Template:
    """Serialises writes to one template (call inside a transaction), then refuses them if it is frozen."""
    Template.objects.select_for_update().filter(pk=template.pk).first()
    if template.is_frozen:
        raise TemplateFrozen(template)
    return template


def key_taken(*, template: Template, key: str, exclude_pk: int | None = None) -> Item | None:
    """The item of this template that already uses the key, if any."""
    items = Item.objects.filter(section__recommendation__template=template, key=key).select_related("section")
    if exclude_pk is not None:
        items = items.exclude(pk=exclude_pk)
    return items.first()


def key_taken_message(item: Item) -> str:
    return _("The key “%(key)s” is already used in this template (section %(section)s). Keys must be unique.") % {
        "key": item.key,
        "section": item.section.number,
    }


def _template_of(obj) -> Template:
    match obj:
        case Template():
            return obj
        case Recommendation():
            return obj.template
        case Section():
            return obj.recommendation.template
        case Item():
            return obj.section.recommendation.template
    raise TypeError(obj)


def _log_addition(*, by, template: Template, message: str) -> None:
    """Who created a version is kept in the admin's history of the template."""
    if by is None or not by.is_authenticated:
        return
    LogEntry.objects.log_actions(
        user_id=by.pk,
        queryset=[template],
        action_flag=ADDITION,
        change_message=message,
        single_object=True,
    )


# Saving and deleting the parts of an editable template.


def _drop_stale_translations(obj) -> list[str]:
    """A text whose English changes loses its translations, which said the old text; returns their languages."""
    if obj.pk is None or isinstance(obj, Template):
        return []
    fields = translated_fields(type(obj))
    before = type(obj).objects.filter(pk=obj.pk).values(*[f"{field}_{REFERENCE}" for field in fields]).first()
    dropped = set()
    for field in fields:
        if before and before[f"{field}_{REFERENCE}"] != getattr(obj, f"{field}_{REFERENCE}"):
            for code in CODES:
                if code != REFERENCE and getattr(obj, f"{field}_{code}"):
                    setattr(obj, f"{field}_{code}", "")
                    dropped.add(code)
    return [code for code in CODES if code in dropped]


@transaction.atomic
def template_part_save(*, obj):
    """Saves a template, recommendation, section or item that a form has validated. A text whose English changed
    loses its translations: `obj.translations_dropped` lists their languages."""
    template = _template_of(obj)
    if template.pk:
        lock_template(template)
    obj.translations_dropped = _drop_stale_translations(obj)
    if isinstance(obj, Item):
        taken = key_taken(template=template, key=obj.key, exclude_pk=obj.pk)
        if taken:
            raise ValidationError({"key": key_taken_message(taken)})
        if obj.pk is None:
            obj.order = (obj.section.items.aggregate(last=Max("order"))["last"] or 0) + 1
        obj.save()
        _renumber_items(obj.section)
        return obj
    if isinstance(obj, Section):
        before = Section.objects.filter(pk=obj.pk).values_list("recommendation_id", flat=True).first()
        if before != obj.recommendation_id:
            # New, or moved to another recommendation: it goes last there.
            obj.order = (obj.recommendation.sections.aggregate(last=Max("order"))["last"] or 0) + 1
    obj.save()
    return obj


@transaction.atomic
def template_part_delete(*, obj) -> None:
    template = _template_of(obj)
    lock_template(template)
    try:
        obj.delete()
    except ProtectedError:
        raise ValidationError(
            _("“%(object)s” cannot be deleted: countries’ assessments already refer to it.") % {"object": obj}
        ) from None
    if isinstance(obj, Item):
        _renumber_items(obj.section)


# Moving up and down.


@transaction.atomic
def template_part_move(*, obj, up: bool) -> bool:
    """Swaps a recommendation, section or item with its neighbour; False when it is already first or last."""
    lock_template(_template_of(obj))
    match obj:
        case Recommendation():
            return _move_recommendation(obj, up)
        case Section():
            siblings = list(obj.recommendation.sections.order_by("order", "pk"))
            if not _swap(siblings, obj, up):
                return False
            for position, section in enumerate(siblings, start=1):
                section.order = position
            Section.objects.bulk_update(siblings, ["order"])
            return True
        case Item():
            siblings = list(obj.section.items.filter(parent=obj.parent_id).order_by("order", "pk"))
            if not _swap(siblings, obj, up):
                return False
            for position, item in enumerate(siblings, start=1):
                item.order = position
            Item.objects.bulk_update(siblings, ["order"])
            _renumber_items(obj.section)
            return True
    raise TypeError(obj)


def _swap(siblings: list, obj, up: bool) -> bool:
    index = next(i for i, sibling in enumerate(siblings) if sibling.pk == obj.pk)
    other = index - 1 if up else index + 1
    if not 0 <= other < len(siblings):
        return False
    siblings[index], siblings[other] = siblings[other], siblings[index]
    return True


def _move_recommendation(recommendation: Recommendation, up: bool) -> bool:
    """Recommendations are ordered by their number, so moving one swaps its number with its neighbour's."""
    siblings = recommendation.template.recommendations.order_by("number")
    neighbour = (
        siblings.filter(number__lt=recommendation.number).last()
        if up
        else siblings.filter(number__gt=recommendation.number).first()
    )
    if neighbour is None:
        return False
    mine, theirs = recommendation.number, neighbour.number
    # The numbers are unique within a template: park one out of the way while they swap.
    parked = (siblings.aggregate(last=Max("number"))["last"] or 0) + 1
    Recommendation.objects.filter(pk=neighbour.pk).update(number=parked)
    Recommendation.objects.filter(pk=recommendation.pk).update(number=theirs)
    Recommendation.objects.filter(pk=neighbour.pk).update(number=mine)
    recommendation.number = theirs
    return True


def _renumber_items(section: Section) -> None:
    """Orders 1..n, each heading followed by its sub-questions, so the order column reads as the page does."""
    items = list(section.items.order_by("order", "pk"))
    children: dict[int, list[Item]] = {}
    for item in items:
        if item.parent_id:
            children.setdefault(item.parent_id, []).append(item)
    ordered = []
    for item in items:
        if item.parent_id is None:
            ordered.append(item)
            ordered.extend(children.pop(item.pk, []))
    # Sub-items whose heading sits in another section (not possible through the forms) keep their place last.
    ordered.extend(item for orphans in children.values() for item in orphans)
    changed = []
    for position, item in enumerate(ordered, start=1):
        if item.order != position:
            item.order = position
            changed.append(item)
    Item.objects.bulk_update(changed, ["order"])


# New versions.


@transaction.atomic
def template_new_version(*, template: Template, version: str, by) -> Template:
    """Copies a template's recommendations, sections and items (same keys) into an editable new version."""
    version = version.strip()
    if Template.objects.filter(name=template.name, version=version).exists():
        raise ValidationError(
            {"version": _("Version “%(version)s” of this template already exists.") % {"version": version}}
        )
    new = Template.objects.create(
        name=template.name, version=version, previous=template, source=template.source, note=template.note
    )
    recommendations = template.recommendations.prefetch_related("sections__items")
    for recommendation in recommendations:
        new_recommendation = Recommendation.objects.create(
            template=new, number=recommendation.number, **every_language(recommendation, "title", "text")
        )
        for section in recommendation.sections.all():
            new_section = Section.objects.create(
                recommendation=new_recommendation,
                number=section.number,
                **every_language(section, "title"),
                order=section.order,
                drafted_from_recommendation=section.drafted_from_recommendation,
                has_comments=section.has_comments,
            )
            _copy_items(section.items.all(), new_section)
    _log_addition(by=by, template=new, message=f"New version of {template}")
    return new


def _copy_items(items: Iterable[Item], section: Section) -> None:
    copies = {}
    items = sorted(items, key=lambda item: (item.parent_id is not None, item.order, item.pk))
    for item in items:
        copies[item.pk] = Item.objects.create(
            section=section,
            parent=copies.get(item.parent_id),
            key=item.key,
            **every_language(item, "text", "help_text"),
            is_heading=item.is_heading,
            order=item.order,
        )


# Spreadsheet imports (the rows are read and checked in checklists/definition/resources.py).


@dataclass
class KeyComparison:
    new: list[str]
    kept: list[str]
    gone: list[str]


def template_keys(template: Template | None) -> list[str]:
    if template is None:
        return []
    return list(
        Item.objects.filter(section__recommendation__template=template)
        .order_by("section__recommendation__number", "section__order", "order")
        .values_list("key", flat=True)
    )


def compare_keys(keys: list[str], previous: Template | None) -> KeyComparison:
    before = template_keys(previous)
    before_set, now_set = set(before), set(keys)
    return KeyComparison(
        new=[key for key in keys if key not in before_set],
        kept=[key for key in keys if key in before_set],
        gone=[key for key in before if key not in now_set],
    )


@transaction.atomic
def template_import(*, plan, previous: Template | None, by) -> Template:
    """Creates a new template version from a checked spreadsheet plan: everything, or nothing."""
    if plan.errors:
        raise ValidationError(_("The spreadsheet has errors: nothing was imported."))
    if Template.objects.filter(name=plan.name, version=plan.version).exists():
        raise ValidationError(
            _("A template “%(name)s” with version “%(version)s” already exists.")
            % {"name": plan.name, "version": plan.version}
        )
    template = Template.objects.create(
        name=plan.name, version=plan.version, previous=previous, source=plan.source, note=plan.note
    )
    plan.created_items = {}
    for rec_plan in plan.recommendations.values():
        recommendation = Recommendation.objects.create(
            template=template, number=rec_plan.number, **reference(title=rec_plan.title, text=rec_plan.text)
        )
        for section_plan in rec_plan.sections.values():
            section = Section.objects.create(
                recommendation=recommendation,
                number=section_plan.number,
                **reference(title=section_plan.title),
                order=section_plan.order,
                drafted_from_recommendation=section_plan.drafted,
                has_comments=section_plan.has_comments,
            )
            # Headings first, so that their sub-questions can point at them.
            for row in sorted(section_plan.items, key=lambda row: bool(row.parent_key)):
                plan.created_items[row.number] = Item.objects.create(
                    section=section,
                    parent=plan.created_items[plan.row_of_key[row.parent_key]] if row.parent_key else None,
                    key=row.key,
                    **reference(text=row.text, help_text=row.help_text),
                    is_heading=row.is_heading,
                    order=row.order,
                )
    _log_addition(by=by, template=template, message="Imported from a spreadsheet")
    return template
