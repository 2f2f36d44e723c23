"""Answers, section comments, their history and the review timeline are the record of who did what: programme
staff read them in the admin but cannot add, change or delete them there, and nobody rewrites the history or the
timeline, superusers included."""

import pytest
from django.urls import reverse

from checklists.models import Answer, Assessment, QuestionComment, SectionResponse, Transition
from cjhp.lib.roles import ensure_roles
from tests.checklists.factories import answer


@pytest.fixture
def admin_staff(staff):
    ensure_roles()
    staff.is_staff = True
    staff.save()
    return staff


@pytest.fixture
def record(assessment, fp_md):
    first = answer(assessment, "1.1-q1", Answer.Value.YES)
    first.value = Answer.Value.NO
    first.save()
    section = first.item.section
    comments = SectionResponse.objects.create(assessment=assessment, section=section, comments="Drafted together")
    transition = Transition.objects.create(
        assessment=assessment,
        action=Transition.Action.RETURN,
        from_status=Assessment.Status.SUBMITTED,
        to_status=Assessment.Status.RETURNED,
        by=fp_md,
        message="Please add the law's number.",
    )
    comment = QuestionComment.objects.create(transition=transition, item=first.item, message="Which law?")
    return {"answer": first, "sectionresponse": comments, "transition": transition, "questioncomment": comment}


def _admin_url(name, obj, *args):
    return reverse(f"admin:checklists_{obj._meta.model_name}_{name}", args=[obj.pk, *args])


@pytest.mark.parametrize("model", ["answer", "sectionresponse", "transition", "questioncomment"])
def test_staff_see_each_record_read_only_and_cannot_add_or_delete_it(login, admin_staff, record, model):
    obj = record[model]
    client = login(admin_staff)
    page = client.get(_admin_url("change", obj))
    assert page.status_code == 200
    html = page.content.decode()
    assert 'class="readonly"' in html
    assert 'name="_save"' not in html
    assert client.get(reverse(f"admin:checklists_{model}_add")).status_code == 403
    assert client.get(_admin_url("delete", obj)).status_code == 403
    assert client.post(_admin_url("delete", obj), {"post": "yes"}).status_code == 403
    assert type(obj).objects.filter(pk=obj.pk).exists()


def test_staff_cannot_change_an_answer_by_posting_its_form(login, admin_staff, record):
    obj = record["answer"]
    response = login(admin_staff).post(
        _admin_url("change", obj), {"assessment": obj.assessment_id, "item": obj.item_id, "value": "yes"}
    )
    assert response.status_code == 403
    obj.refresh_from_db()
    assert obj.value == Answer.Value.NO


@pytest.mark.parametrize("model", ["transition", "questioncomment"])
def test_not_even_a_superuser_changes_or_deletes_the_review_timeline(login, admin_user, record, model):
    obj = record[model]
    client = login(admin_user)
    assert 'name="_save"' not in client.get(_admin_url("change", obj)).content.decode()
    assert client.post(_admin_url("delete", obj), {"post": "yes"}).status_code == 403
    assert type(obj).objects.filter(pk=obj.pk).exists()


@pytest.mark.parametrize("user", ["admin_staff", "admin_user"])
def test_nobody_reverts_an_answer_to_an_earlier_version(login, request, record, user):
    obj = record["answer"]
    first_version = obj.history.earliest()
    client = login(request.getfixturevalue(user))
    assert client.get(_admin_url("history", obj)).status_code == 200
    page = client.get(_admin_url("simple_history", obj, first_version.history_id))
    assert page.status_code == 200
    assert "Revert" not in page.content.decode()
    response = client.post(
        _admin_url("simple_history", obj, first_version.history_id),
        {"assessment": obj.assessment_id, "item": obj.item_id, "value": "yes"},
    )
    assert response.status_code == 403
    obj.refresh_from_db()
    assert obj.value == Answer.Value.NO
    assert obj.history.count() == 2


def test_a_superuser_may_still_correct_an_answer(login, admin_user, record):
    obj = record["answer"]
    assert 'name="_save"' in login(admin_user).get(_admin_url("change", obj)).content.decode()
