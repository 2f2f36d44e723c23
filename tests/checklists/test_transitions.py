"""Submit, return, approve and reopen: every allowed step records who, when and why; every other is refused."""

import pytest
from django.urls import reverse

from checklists.assessments.services import (
    TransitionRefused,
    UnansweredQuestions,
    assessment_approve,
    assessment_reopen,
    assessment_return,
    assessment_submit,
)
from checklists.models import Answer, Assessment, QuestionComment, Transition
from tests.checklists.factories import answer_all, questions

Status = Assessment.Status


def submitted(assessment, by=None):
    answer_all(assessment)
    assessment_submit(assessment=assessment, by=by)
    assessment.refresh_from_db()
    return assessment


def test_focal_point_submits_a_fully_answered_draft(assessment, fp_md):
    answer_all(assessment)
    transition = assessment_submit(assessment=assessment, by=fp_md)
    assessment.refresh_from_db()
    assert assessment.status == Status.SUBMITTED
    assert assessment.submitted_at == transition.at
    assert (transition.action, transition.from_status, transition.to_status, transition.by) == (
        "submit",
        Status.DRAFT,
        Status.SUBMITTED,
        fp_md,
    )


def test_submission_is_refused_while_questions_are_unanswered(assessment, fp_md):
    items = questions(assessment.round.template)
    Answer.objects.create(assessment=assessment, item=items[0], value="yes")
    Answer.objects.create(assessment=assessment, item=items[1], value="")  # a note without an answer
    with pytest.raises(UnansweredQuestions) as refused:
        assessment_submit(assessment=assessment, by=fp_md)
    assert [item.key for item in refused.value.items] == [item.key for item in items[1:]]
    assert Assessment.objects.get(pk=assessment.pk).status == Status.DRAFT
    assert not Transition.objects.exists()


def test_refused_submission_lists_each_unanswered_question_with_a_link(assessment, fp_md, login):
    items = questions(assessment.round.template)
    Answer.objects.create(assessment=assessment, item=items[0], value="no")
    response = login(fp_md).post(reverse("checklists:assessment_submit", args=[assessment.pk]))
    content = response.content.decode()
    assert response.status_code == 400
    assert "questions are still unanswered" in content
    for item in items[1:]:
        assert f'<a href="#question-{item.key}">{item.key}</a>' in content
        assert f'id="question-{item.key}"' in content
    assert f'<a href="#question-{items[0].key}">' not in content
    assert Assessment.objects.get(pk=assessment.pk).status == Status.DRAFT


def test_a_submitted_or_approved_assessment_cannot_be_submitted_again(assessment, fp_md, staff):
    submitted(assessment, fp_md)
    with pytest.raises(TransitionRefused, match="Only a draft or returned"):
        assessment_submit(assessment=assessment, by=fp_md)
    assessment_approve(assessment=assessment, by=staff)
    with pytest.raises(TransitionRefused, match="Only a draft or returned"):
        assessment_submit(assessment=assessment, by=fp_md)


def test_staff_return_with_a_message_and_comments_on_single_questions(assessment, fp_md, staff):
    submitted(assessment, fp_md)
    item = questions(assessment.round.template)[1]
    transition = assessment_return(
        assessment=assessment, by=staff, message="Please add evidence.", question_messages={item: "Which law?"}
    )
    assessment.refresh_from_db()
    assert assessment.status == Status.RETURNED
    assert (transition.by, transition.message) == (staff, "Please add evidence.")
    assert list(QuestionComment.objects.values_list("item__key", "message")) == [(item.key, "Which law?")]


@pytest.mark.parametrize("status", [Status.DRAFT, Status.RETURNED, Status.APPROVED])
def test_only_a_submitted_assessment_can_be_returned_or_approved(assessment, staff, status):
    Assessment.objects.filter(pk=assessment.pk).update(status=status)
    with pytest.raises(TransitionRefused, match="Only a submitted assessment can be returned"):
        assessment_return(assessment=assessment, by=staff, message="Fix it")
    with pytest.raises(TransitionRefused, match="Only a submitted assessment can be approved"):
        assessment_approve(assessment=assessment, by=staff)
    assert Assessment.objects.get(pk=assessment.pk).status == status
    assert not Transition.objects.exists()


def test_returning_needs_a_message(assessment, fp_md, staff):
    submitted(assessment, fp_md)
    with pytest.raises(TransitionRefused, match="Write what the country should fix"):
        assessment_return(assessment=assessment, by=staff, message="  ")
    assert Assessment.objects.get(pk=assessment.pk).status == Status.SUBMITTED


def test_focal_point_fixes_a_returned_assessment_and_resubmits(assessment, fp_md, staff):
    submitted(assessment, fp_md)
    assessment_return(assessment=assessment, by=staff, message="Question 1 is wrong")
    assessment_submit(assessment=assessment, by=fp_md)
    assessment_approve(assessment=assessment, by=staff, message="Thanks")
    assessment.refresh_from_db()
    assert assessment.status == Status.APPROVED
    assert assessment.approved_at is not None
    steps = list(assessment.transitions.values_list("action", "by__username", "message"))
    assert steps == [
        ("submit", "fp-md", ""),
        ("return", "staff", "Question 1 is wrong"),
        ("submit", "fp-md", ""),
        ("approve", "staff", "Thanks"),
    ]


def test_staff_reopen_an_approved_assessment_with_a_reason(assessment, fp_md, staff):
    submitted(assessment, fp_md)
    assessment_approve(assessment=assessment, by=staff)
    with pytest.raises(TransitionRefused, match="reason"):
        assessment_reopen(assessment=assessment, by=staff, reason="")
    assessment_reopen(assessment=assessment, by=staff, reason="The law changed in 2026.")
    assessment.refresh_from_db()
    assert assessment.status == Status.DRAFT
    assert assessment.approved_at is None
    assert assessment.transitions.last().message == "The law changed in 2026."


def test_the_focal_point_sees_why_an_assessment_was_reopened(assessment, fp_md, staff, login):
    submitted(assessment, fp_md)
    assessment_approve(assessment=assessment, by=staff)
    assessment_reopen(assessment=assessment, by=staff, reason="The law changed in 2026.")
    content = login(fp_md).get(assessment.get_absolute_url()).content.decode()
    assert "Reopened by the programme staff" in content
    assert "The law changed in 2026." in content
    assert "Save section 1.1" in content
    home = login(fp_md).get(reverse("home")).content.decode()
    assert "Reopened by" in home and "The law changed in 2026." in home


@pytest.mark.parametrize("status", [Status.DRAFT, Status.SUBMITTED, Status.RETURNED])
def test_only_an_approved_assessment_can_be_reopened(assessment, staff, status):
    Assessment.objects.filter(pk=assessment.pk).update(status=status)
    with pytest.raises(TransitionRefused, match="Only an approved assessment"):
        assessment_reopen(assessment=assessment, by=staff, reason="Why not")


def test_the_assessment_page_shows_its_timeline(assessment, fp_md, staff, login):
    submitted(assessment, fp_md)
    assessment_return(assessment=assessment, by=staff, message="Add the prison law.")
    content = login(fp_md).get(assessment.get_absolute_url()).content.decode()
    assert "Timeline" in content
    assert "Returned for changes" in content
    assert "Add the prison law." in content


def test_focal_point_sees_the_return_message_and_the_flagged_question(assessment, fp_md, staff, login):
    submitted(assessment, fp_md)
    item = questions(assessment.round.template)[2]
    assessment_return(assessment=assessment, by=staff, message="Check one answer.", question_messages={item: "Is it?"})
    content = login(fp_md).get(assessment.get_absolute_url()).content.decode()
    assert "Returned by the programme staff" in content
    assert f'class="question question--sub question--flagged" id="question-{item.key}"' in content
    assert "Is it?" in content
    # The returned assessment is editable again: it has section forms.
    assert "Save section 1.1" in content


def test_review_views_return_and_approve(assessment, fp_md, staff, login):
    submitted(assessment, fp_md)
    item = questions(assessment.round.template)[0]
    client = login(staff)
    response = client.post(
        reverse("checklists:assessment_review", args=[assessment.pk]), {"message": "", f"q{item.pk}": "Why?"}
    )
    assert response.status_code == 400
    assert "Write what the country should fix" in response.content.decode()
    response = client.post(
        reverse("checklists:assessment_review", args=[assessment.pk]), {"message": "Fix it", f"q{item.pk}": "Why?"}
    )
    assert response.status_code == 302
    assert Assessment.objects.get(pk=assessment.pk).status == Status.RETURNED
    # Approving a returned assessment is refused with a message, not applied.
    response = client.post(reverse("checklists:assessment_approve", args=[assessment.pk]), follow=True)
    assert "Only a submitted assessment can be approved" in response.content.decode()
    assert Assessment.objects.get(pk=assessment.pk).status == Status.RETURNED


def test_reopening_without_a_reason_says_so(assessment, fp_md, staff, login):
    submitted(assessment, fp_md)
    assessment_approve(assessment=assessment, by=staff)
    response = login(staff).post(reverse("checklists:assessment_reopen", args=[assessment.pk]), {"reason": ""})
    assert response.status_code == 400
    assert "Give the reason for reopening" in response.content.decode()
    assert Assessment.objects.get(pk=assessment.pk).status == Status.APPROVED


def test_focal_points_cannot_review_and_staff_cannot_submit(assessment, fp_md, staff, login):
    submitted(assessment, fp_md)
    assert login(fp_md).post(reverse("checklists:assessment_approve", args=[assessment.pk])).status_code == 403
    assert Assessment.objects.get(pk=assessment.pk).status == Status.SUBMITTED
    Assessment.objects.filter(pk=assessment.pk).update(status=Status.DRAFT)
    assert login(staff).post(reverse("checklists:assessment_submit", args=[assessment.pk])).status_code == 403
    assert Assessment.objects.get(pk=assessment.pk).status == Status.DRAFT


def test_the_return_form_is_only_offered_for_a_submitted_assessment(assessment, staff, login):
    client = login(staff)
    response = client.get(reverse("checklists:assessment_review", args=[assessment.pk]), follow=True)
    assert "Only a submitted assessment can be returned; this one is “Draft”." in response.content.decode()
    assert Assessment.objects.get(pk=assessment.pk).status == Status.DRAFT
