"""Georgia's focal point forging requests for Moldova's assessment gets 404 and changes nothing."""

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse

from checklists.assessments.services import assessment_submit
from checklists.models import ActionItem, Answer, Assessment, QuestionComment, SectionResponse, Transition
from tests.checklists.factories import answer_all, section_data


def snapshot():
    return {
        "assessments": list(Assessment.objects.values_list("pk", "status").order_by("pk")),
        "answers": list(Answer.objects.values_list("pk", "value", "note", "evidence_file").order_by("pk")),
        "history": Answer.history.count(),
        "responses": list(SectionResponse.objects.values_list("pk", "version", "comments")),
        "transitions": Transition.objects.count(),
        "comments": QuestionComment.objects.count(),
        "actions": list(ActionItem.objects.values_list("pk", "description", "status")),
    }


@pytest.fixture
def moldova(assessment, fp_md):
    answer_all(assessment, "no")
    rec = assessment.round.template.recommendations.first()
    action = ActionItem.objects.create(
        assessment=assessment, recommendation=rec, description="Keep", responsible="MoJ", due_date="2027-01-01"
    )
    return assessment, rec, action


def forged_requests(assessment, rec, action):
    section = rec.sections.first()
    answer = assessment.answers.first()
    action_data = {"recommendation": rec.pk, "description": "Forged", "responsible": "x", "due_date": "2027-01-01"}
    return [
        ("assessment", {"pk": assessment.pk}, {}),
        (
            "assessment_section",
            {"pk": assessment.pk, "section_pk": section.pk},
            section_data(section, values={"1.1-q1": "yes"}, **{"1.1-q1-file": SimpleUploadedFile("x.pdf", b"%PDF")}),
        ),
        ("assessment_evidence", {"pk": assessment.pk, "answer_pk": answer.pk}, {}),
        ("assessment_submit", {"pk": assessment.pk}, {}),
        ("assessment_review", {"pk": assessment.pk}, {"message": "Forged"}),
        ("assessment_approve", {"pk": assessment.pk}, {}),
        ("assessment_reopen", {"pk": assessment.pk}, {"reason": "Forged"}),
        ("action_item_create", {"pk": assessment.pk}, action_data),
        ("action_item", {"pk": assessment.pk, "action_pk": action.pk}, {**action_data, "status": "done"}),
    ]


@pytest.mark.parametrize("status", [Assessment.Status.DRAFT, Assessment.Status.SUBMITTED])
def test_every_assessment_url_is_not_found_for_another_countrys_focal_point(moldova, fp_md, fp_ge, login, status):
    assessment, rec, action = moldova
    if status == Assessment.Status.SUBMITTED:
        assessment_submit(assessment=assessment, by=fp_md)
    before = snapshot()
    client = login(fp_ge)
    for name, kwargs, data in forged_requests(assessment, rec, action):
        url = reverse(f"checklists:{name}", kwargs=kwargs)
        assert client.get(url).status_code == 404, url
        assert client.post(url, data).status_code == 404, url
    assert snapshot() == before


def test_an_action_item_of_another_assessment_is_not_found_through_ones_own(moldova, ge, fp_ge, login):
    from tests.checklists.factories import AssessmentFactory

    assessment, rec, action = moldova
    georgia = AssessmentFactory(round=assessment.round, country=ge)
    url = reverse("checklists:action_item", kwargs={"pk": georgia.pk, "action_pk": action.pk})
    assert login(fp_ge).post(url, {"description": "Forged"}).status_code == 404
    assert ActionItem.objects.get(pk=action.pk).description == "Keep"
