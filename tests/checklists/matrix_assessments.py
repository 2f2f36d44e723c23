"""Rounds, assessments, their review and action items. Moldova owns every assessment; Georgia's focal point
gets 404 on each of its URLs, GET and POST."""

from django.core.files.uploadedfile import SimpleUploadedFile

from checklists.assessments.services import assessment_approve, assessment_submit
from checklists.models import ActionItem, Answer, Section
from checklists.offline.workbook import build_workbook
from tests.checklists.factories import AssessmentFactory, RoundFactory, answer_all, make_template, questions
from tests.matrix import COUNTRY_PAGE, EVERYONE, STAFF_WRITE, Route, expect

STAFF_ONLY = expect(fp_same=403, fp_other=403)
# POST-only URLs answer a GET by sending those who may see the assessment to its page.
FORM_TARGET = expect(fp_same=302, staff=302, admin=302)
FOCAL_POINT_WRITE = expect(fp_same=302, staff=403, admin=403)
# Working offline is answering: the country's focal points only, like a section save.
FOCAL_POINT_PAGE = expect(fp_same=200, staff=403, admin=403)
STAFF_POST = expect(fp_same=403, staff=302, admin=302)
EVERYONE_WRITE = expect(fp_same=302, staff=302, admin=302)


def build(world):
    template = make_template()
    world.template = template
    world.round = RoundFactory(template=template, name="Matrix round", slug="matrix-round")
    world.assessment = AssessmentFactory(round=world.round, country=world.md)
    answer_all(world.assessment, Answer.Value.NO)
    world.answer = world.assessment.answers.first()
    world.answer.evidence_file = SimpleUploadedFile("protocol.pdf", b"%PDF-1.4 evidence")
    world.answer.save()
    world.section = Section.objects.filter(recommendation__template=template).order_by("recommendation__number").first()
    world.action_item = ActionItem.objects.create(
        assessment=world.assessment,
        recommendation=world.section.recommendation,
        description="Train the prison doctors",
        responsible="Ministry of Justice",
        due_date="2026-12-01",
    )
    world.submitted = AssessmentFactory(round=RoundFactory(template=template), country=world.md)
    answer_all(world.submitted)
    assessment_submit(assessment=world.submitted, by=None)
    world.approved = AssessmentFactory(round=RoundFactory(template=template), country=world.md)
    answer_all(world.approved)
    assessment_submit(assessment=world.approved, by=None)
    assessment_approve(assessment=world.approved, by=None)


def _section_data(world):
    prefix = f"s{world.section.pk}"
    data = {f"{prefix}-version": "0", f"{prefix}-comments": "Checked"}
    for item in questions(world.template):
        if item.section_id == world.section.pk:
            data[f"{prefix}-q{item.pk}-value"] = "yes"
    return data


def _workbook_data(world):
    content = build_workbook(world.assessment)
    return {"file": SimpleUploadedFile("filled.xlsx", content)}


def _action_data(world):
    return {
        "recommendation": world.section.recommendation.pk,
        "description": "Write the protocol",
        "responsible": "Prison health department",
        "due_date": "2026-12-31",
        "status": ActionItem.Status.OPEN,
    }


ROUTES = {
    "checklists:rounds": Route(get=STAFF_ONLY),
    "checklists:round_create": Route(
        get=STAFF_ONLY,
        post={**STAFF_ONLY, "staff": 302, "admin": 302},
        data=lambda world: {
            "name": "New round",
            "template": world.template.pk,
            "opens_on": "2026-01-01",
            "deadline": "2026-03-01",
            "countries": [world.md.pk],
        },
    ),
    "checklists:round": Route(get=STAFF_ONLY, kwargs=lambda world: {"slug": world.round.slug}),
    "checklists:assessments": Route(get=EVERYONE),
    "checklists:assessment": Route(get=COUNTRY_PAGE, kwargs=lambda world: {"pk": world.assessment.pk}),
    "checklists:assessment_section": Route(
        get=FORM_TARGET,
        post=FOCAL_POINT_WRITE,
        kwargs=lambda world: {"pk": world.assessment.pk, "section_pk": world.section.pk},
        data=_section_data,
    ),
    "checklists:assessment_evidence": Route(
        get=COUNTRY_PAGE, kwargs=lambda world: {"pk": world.assessment.pk, "answer_pk": world.answer.pk}
    ),
    "checklists:assessment_workbook": Route(get=FOCAL_POINT_PAGE, kwargs=lambda world: {"pk": world.assessment.pk}),
    "checklists:assessment_upload": Route(
        get=FOCAL_POINT_PAGE,
        post=FOCAL_POINT_PAGE,
        kwargs=lambda world: {"pk": world.assessment.pk},
        data=_workbook_data,
    ),
    "checklists:assessment_submit": Route(
        get=FORM_TARGET, post=FOCAL_POINT_WRITE, kwargs=lambda world: {"pk": world.assessment.pk}
    ),
    "checklists:assessment_review": Route(
        get=STAFF_WRITE,
        post=STAFF_POST,
        kwargs=lambda world: {"pk": world.submitted.pk},
        data=lambda world: {"message": "Please add evidence."},
    ),
    "checklists:assessment_approve": Route(
        get=FORM_TARGET, post=STAFF_POST, kwargs=lambda world: {"pk": world.submitted.pk}
    ),
    "checklists:assessment_reopen": Route(
        get=FORM_TARGET,
        post=STAFF_POST,
        kwargs=lambda world: {"pk": world.approved.pk},
        data=lambda world: {"reason": "The law changed."},
    ),
    "checklists:action_items": Route(get=EVERYONE),
    "checklists:action_item_create": Route(
        get=COUNTRY_PAGE, post=EVERYONE_WRITE, kwargs=lambda world: {"pk": world.assessment.pk}, data=_action_data
    ),
    "checklists:action_item": Route(
        get=COUNTRY_PAGE,
        post=EVERYONE_WRITE,
        kwargs=lambda world: {"pk": world.assessment.pk, "action_pk": world.action_item.pk},
        data=_action_data,
    ),
}
