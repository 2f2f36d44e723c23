"""Checklist templates belong to no country: programme staff only, 403 for every focal point."""

from django.core.files.uploadedfile import SimpleUploadedFile

from checklists.definition.resources import export_template
from checklists.definition.translations import translation_export
from tests.checklists.factories import make_template
from tests.matrix import Route, expect

STAFF_ONLY = expect(fp_same=403, fp_other=403)
STAFF_ONLY_POST = expect(fp_same=403, fp_other=403, staff=302, admin=302)
# require_POST answers before the view: everyone logged in gets 405 on a GET.
POST_ONLY = expect(fp_same=405, fp_other=405, staff=405, admin=405)


def build(world):
    world.tpl = make_template(version="matrix draft")
    world.tpl_recommendation = world.tpl.recommendations.get(number=1)
    world.tpl_section = world.tpl_recommendation.sections.get()
    world.tpl_item = world.tpl_section.items.get(key="1.1-q1")


def _tpl(world) -> dict:
    return {"pk": world.tpl.pk}


def _csv(world) -> SimpleUploadedFile:
    dataset = export_template(world.tpl)
    dataset.dict = [{**row, "version": "matrix import"} for row in dataset.dict]
    return SimpleUploadedFile("checklist.csv", dataset.csv.encode(), content_type="text/csv")


def _translation(world) -> SimpleUploadedFile:
    return SimpleUploadedFile("checklist-ro.xlsx", translation_export(world.tpl, "ro"))


ROUTES = {
    "checklists:template_list": Route(get=STAFF_ONLY),
    "checklists:template_import": Route(
        get=STAFF_ONLY,
        # A valid file leads staff to the preview (200), where they confirm.
        post=STAFF_ONLY,
        data=lambda world: {"file": _csv(world)},
    ),
    "checklists:template_detail": Route(get=STAFF_ONLY, kwargs=_tpl),
    "checklists:template_edit": Route(
        get=STAFF_ONLY,
        post=STAFF_ONLY_POST,
        kwargs=_tpl,
        data=lambda world: {"name": "Test checklist", "version": "renamed draft", "source": "", "note": ""},
    ),
    "checklists:template_new_version": Route(
        get=STAFF_ONLY, post=STAFF_ONLY_POST, kwargs=_tpl, data=lambda world: {"version": "matrix copy"}
    ),
    "checklists:template_export": Route(get=STAFF_ONLY, kwargs=lambda world: {**_tpl(world), "file_format": "xlsx"}),
    "checklists:template_translation_export": Route(
        get=STAFF_ONLY, kwargs=lambda world: {**_tpl(world), "language": "ro"}
    ),
    "checklists:template_translation_import": Route(
        get=STAFF_ONLY,
        # A valid file leads staff to the preview (200), where they confirm.
        post=STAFF_ONLY,
        kwargs=_tpl,
        data=lambda world: {"language": "ro", "file": _translation(world)},
    ),
    "checklists:template_translation_confirm": Route(
        get=POST_ONLY,
        # A token that is not the portal's sends staff back to the upload form.
        post=STAFF_ONLY_POST,
        kwargs=_tpl,
        data=lambda world: {"token": "forged", "provenance": "draft"},
    ),
    "checklists:template_recommendation_add": Route(
        get=STAFF_ONLY,
        post=STAFF_ONLY_POST,
        kwargs=_tpl,
        data=lambda world: {"number": 7, "title": "Seventh", "text": "The seventh recommendation."},
    ),
    "checklists:template_recommendation_edit": Route(
        get=STAFF_ONLY,
        post=STAFF_ONLY_POST,
        kwargs=lambda world: {**_tpl(world), "recommendation_pk": world.tpl_recommendation.pk},
        data=lambda world: {"number": 1, "title": "First, renamed", "text": "New text."},
    ),
    "checklists:template_recommendation_delete": Route(
        get=STAFF_ONLY,
        post=STAFF_ONLY_POST,
        kwargs=lambda world: {**_tpl(world), "recommendation_pk": world.tpl_recommendation.pk},
    ),
    "checklists:template_recommendation_move": Route(
        get=POST_ONLY,
        post=STAFF_ONLY_POST,
        kwargs=lambda world: {**_tpl(world), "recommendation_pk": world.tpl_recommendation.pk},
        data=lambda world: {"direction": "down"},
    ),
    "checklists:template_section_add": Route(
        get=STAFF_ONLY,
        post=STAFF_ONLY_POST,
        kwargs=lambda world: {**_tpl(world), "recommendation_pk": world.tpl_recommendation.pk},
        data=lambda world: {"recommendation": world.tpl_recommendation.pk, "number": "1.2", "title": "Plans"},
    ),
    "checklists:template_section_edit": Route(
        get=STAFF_ONLY,
        post=STAFF_ONLY_POST,
        kwargs=lambda world: {**_tpl(world), "section_pk": world.tpl_section.pk},
        data=lambda world: {"recommendation": world.tpl_recommendation.pk, "number": "1.1", "title": "Review"},
    ),
    "checklists:template_section_delete": Route(
        get=STAFF_ONLY, post=STAFF_ONLY_POST, kwargs=lambda world: {**_tpl(world), "section_pk": world.tpl_section.pk}
    ),
    "checklists:template_section_move": Route(
        get=POST_ONLY,
        post=STAFF_ONLY_POST,
        kwargs=lambda world: {**_tpl(world), "section_pk": world.tpl_section.pk},
        data=lambda world: {"direction": "up"},
    ),
    "checklists:template_item_add": Route(
        get=STAFF_ONLY,
        post=STAFF_ONLY_POST,
        kwargs=lambda world: {**_tpl(world), "section_pk": world.tpl_section.pk},
        data=lambda world: {"key": "1.1-new", "text": "A new question?"},
    ),
    "checklists:template_item_edit": Route(
        get=STAFF_ONLY,
        post=STAFF_ONLY_POST,
        kwargs=lambda world: {**_tpl(world), "item_pk": world.tpl_item.pk},
        data=lambda world: {"key": "1.1-q1", "text": "Reworded?"},
    ),
    "checklists:template_item_delete": Route(
        get=STAFF_ONLY, post=STAFF_ONLY_POST, kwargs=lambda world: {**_tpl(world), "item_pk": world.tpl_item.pk}
    ),
    "checklists:template_item_move": Route(
        get=POST_ONLY,
        post=STAFF_ONLY_POST,
        kwargs=lambda world: {**_tpl(world), "item_pk": world.tpl_item.pk},
        data=lambda world: {"direction": "down"},
    ),
}
