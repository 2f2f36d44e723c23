"""Action items turn a No into work: what, who, by when, status."""

import re
from datetime import date

from django.core import mail
from django.urls import reverse

from checklists.models import ActionItem, Answer, Assessment
from tests.checklists.factories import questions


def data(**changes) -> dict:
    return {
        "description": "Train prison doctors on OAT",
        "responsible": "Prison health department",
        "due_date": "2027-03-31",
        "status": ActionItem.Status.OPEN,
        **changes,
    }


def test_focal_point_records_an_action_on_a_no_answer(assessment, fp_md, login):
    item = questions(assessment.round.template)[0]
    Answer.objects.create(assessment=assessment, item=item, value=Answer.Value.NO)
    client = login(fp_md)
    page = client.get(assessment.get_absolute_url()).content.decode()
    create_url = reverse("checklists:action_item_create", args=[assessment.pk])
    assert f"{create_url}?item={item.pk}" in page
    form = client.get(f"{create_url}?item={item.pk}").content.decode()
    assert f'value="{item.pk}" selected' in form
    # The question's recommendation is filled in.
    recommendations = re.search(r'<select name="recommendation".*?</select>', form, re.S).group()
    assert f'value="{item.section.recommendation.pk}" selected' in recommendations
    response = client.post(create_url, data(item=item.pk))
    assert response.status_code == 302
    action = ActionItem.objects.get()
    assert (action.item, action.recommendation, action.created_by) == (item, item.section.recommendation, fp_md)
    page = client.get(assessment.get_absolute_url()).content.decode()
    assert "Train prison doctors on OAT" in page


def test_without_javascript_only_a_saved_no_shows_its_action_item_link(assessment, fp_md, login):
    no, yes, unanswered = questions(assessment.round.template)[:3]
    Answer.objects.create(assessment=assessment, item=no, value=Answer.Value.NO)
    Answer.objects.create(assessment=assessment, item=yes, value=Answer.Value.YES)
    page = login(fp_md).get(assessment.get_absolute_url()).content.decode()
    create_url = reverse("checklists:action_item_create", args=[assessment.pk])

    def action_link(item):
        found = re.search(rf'<p class="question__action"[^>]*><a href="{create_url}\?item={item.pk}"[^>]*>', page)
        return found.group()

    assert "hidden" not in action_link(no) and "data-saved-no" in action_link(no)
    # The others are there for the section script to show when No is ticked.
    for item in (yes, unanswered):
        assert "data-action-for-no hidden" in action_link(item) and "data-saved-no" not in action_link(item)


def test_only_questions_answered_no_can_carry_an_action(assessment, fp_md, login):
    item = questions(assessment.round.template)[0]
    Answer.objects.create(assessment=assessment, item=item, value=Answer.Value.YES)
    response = login(fp_md).post(reverse("checklists:action_item_create", args=[assessment.pk]), data(item=item.pk))
    assert response.status_code == 400
    assert "Select a valid choice" in response.content.decode()
    assert not ActionItem.objects.exists()


def test_an_action_needs_a_recommendation_or_a_question(assessment, staff, login):
    response = login(staff).post(reverse("checklists:action_item_create", args=[assessment.pk]), data())
    assert response.status_code == 400
    assert "Choose the recommendation, or a question answered No." in response.content.decode()


def test_staff_close_an_action_item_even_on_an_approved_assessment(assessment, staff, login):
    rec = assessment.round.template.recommendations.first()
    Assessment.objects.filter(pk=assessment.pk).update(status=Assessment.Status.APPROVED)
    action = ActionItem.objects.create(assessment=assessment, recommendation=rec, **data(due_date="2027-01-01"))
    url = reverse("checklists:action_item", args=[assessment.pk, action.pk])
    response = login(staff).post(url, data(recommendation=rec.pk, status=ActionItem.Status.DONE))
    assert response.status_code == 302
    action.refresh_from_db()
    assert action.status == ActionItem.Status.DONE
    page = login(staff).get(assessment.get_absolute_url()).content.decode()
    assert "No open action item." in page
    assert "1 closed action item" in page


def test_the_assessment_page_lists_each_action_item_with_its_date_status_and_address(assessment, fp_md, login):
    item = questions(assessment.round.template)[0]
    open_item = ActionItem.objects.create(
        assessment=assessment,
        item=item,
        recommendation=item.section.recommendation,
        description="Train prison doctors",
        due_date="2027-03-31",
        status=ActionItem.Status.IN_PROGRESS,
        created_by=fp_md,
    )
    done = ActionItem.objects.create(
        assessment=assessment,
        recommendation=item.section.recommendation,
        description="Write the plan",
        due_date="2026-01-15",
        status=ActionItem.Status.DONE,
        created_by=fp_md,
    )
    client = login(fp_md)
    page = client.get(assessment.get_absolute_url()).content.decode()
    for action in (open_item, done):
        assert f'href="{reverse("checklists:action_item", args=[assessment.pk, action.pk])}"' in page
    assert "<td>31 March 2027</td>" in page and "<td>In progress</td>" in page
    assert "<td>15 January 2026</td>" in page and "<td>Done</td>" in page
    fp_md.language = "fr"
    fp_md.save()
    client.cookies["django_language"] = "fr"
    page = client.get(assessment.get_absolute_url(), HTTP_ACCEPT_LANGUAGE="fr").content.decode()
    assert "<td>En cours</td>" in page and "<td>31 mars 2027</td>" in page


def test_the_action_item_list_links_each_item_to_its_assessment(assessment, staff, login):
    item = ActionItem.objects.create(
        assessment=assessment,
        recommendation=assessment.round.template.recommendations.first(),
        description="Train the prison staff",
        responsible="Ministry of Justice",
        due_date="2030-01-31",
    )
    html = login(staff).get(reverse("checklists:action_items")).content.decode()
    assert f'href="{assessment.get_absolute_url()}#action-items">Train the prison staff</a>' in html
    assert "Ministry of Justice" in html and str(item.recommendation) in html and assessment.country.name in html
    assert "31 January 2030" in html


def test_the_action_item_list_flags_only_open_items_past_their_date_and_labels_each_status(assessment, staff, login):
    from datetime import timedelta

    from django.utils import timezone

    recommendation = assessment.round.template.recommendations.first()
    yesterday = timezone.localdate() - timedelta(days=1)
    for description, status in (("Late and open", "in_progress"), ("Late but done", "done")):
        ActionItem.objects.create(
            assessment=assessment,
            recommendation=recommendation,
            description=description,
            responsible="Ministry",
            due_date=yesterday,
            status=status,
        )
    client = login(staff)
    html = client.get(reverse("checklists:action_items")).content.decode()
    rows = {row.split("</a>")[0].rsplit(">", 1)[-1]: row for row in html.split("<tr>")[2:]}
    assert "tag--bad" in rows["Late and open"] and "In progress" in rows["Late and open"]
    assert "tag--bad" not in rows["Late but done"] and "Done" in rows["Late but done"]
    html = client.get(reverse("checklists:action_items"), HTTP_ACCEPT_LANGUAGE="fr").content.decode()
    rows = {row.split("</a>")[0].rsplit(">", 1)[-1]: row for row in html.split("<tr>")[2:]}
    assert "En cours" in rows["Late and open"] and "Terminée" in rows["Late but done"]


def test_focal_point_updates_an_action_item_of_an_approved_assessment_and_is_told_why(assessment, fp_md, login):
    rec = assessment.round.template.recommendations.first()
    action = ActionItem.objects.create(assessment=assessment, recommendation=rec, **data(due_date="2027-01-01"))
    url = reverse("checklists:action_item", args=[assessment.pk, action.pk])
    client = login(fp_md)
    note = "This assessment is approved: action items are the work that continues after approval"
    assert note not in client.get(url).content.decode()
    Assessment.objects.filter(pk=assessment.pk).update(status=Assessment.Status.APPROVED)
    assert note in client.get(url).content.decode()
    assert note in client.get(reverse("checklists:action_item_create", args=[assessment.pk])).content.decode()
    french = client.get(url, headers={"accept-language": "fr"}).content.decode()
    assert "Cette évaluation est approuvée\u00a0: les actions sont le travail qui se poursuit" in french
    response = client.post(url, data(recommendation=rec.pk, status=ActionItem.Status.IN_PROGRESS))
    assert response.status_code == 302
    action.refresh_from_db()
    assert action.status == ActionItem.Status.IN_PROGRESS


# Assigned to a person with an account


def test_an_action_item_may_be_assigned_to_the_countrys_focal_points_or_programme_staff(
    assessment, fp_md, fp_ge, staff, outsider, login
):
    page = login(fp_md).get(reverse("checklists:action_item_create", args=[assessment.pk])).content.decode()
    choices = page[page.index('<select name="assignee"') :]
    choices = choices[: choices.index("</select>")]
    assert '<option value="" selected>Nobody</option>' in choices
    assert set(re.findall(r'<option value="(\d+)"', choices)) == {str(fp_md.pk), str(staff.pk)}
    for user in (fp_ge, outsider):
        assert f'value="{user.pk}"' not in choices


def test_assigning_someone_outside_the_list_is_refused(assessment, fp_md, fp_ge, login):
    rec = assessment.round.template.recommendations.first()
    url = reverse("checklists:action_item_create", args=[assessment.pk])
    response = login(fp_md).post(url, data(recommendation=rec.pk, assignee=fp_ge.pk))
    assert response.status_code == 400
    assert "Choose one of the country’s focal points or a programme staff member." in response.content.decode()
    assert not ActionItem.objects.exists()


def test_the_assignee_hears_of_it_and_is_shown_on_the_assessment_and_the_list(
    assessment, fp_md, staff, login, django_capture_on_commit_callbacks
):
    rec = assessment.round.template.recommendations.first()
    url = reverse("checklists:action_item_create", args=[assessment.pk])
    with django_capture_on_commit_callbacks(execute=True):
        response = login(staff).post(url, data(recommendation=rec.pk, assignee=fp_md.pk))
    assert response.status_code == 302
    action = ActionItem.objects.get()
    assert action.assignee == fp_md
    assert [message.to for message in mail.outbox] == [[fp_md.email]]
    for page in (assessment.get_absolute_url(), reverse("checklists:action_items")):
        assert f"Assigned to {fp_md}" in login(staff).get(page).content.decode()

    # Saving it again unchanged tells nobody; the one assigned keeps their place even after they stop serving.
    fp_md.focal_points.update(until=date(2025, 1, 1))
    edit = reverse("checklists:action_item", args=[assessment.pk, action.pk])
    with django_capture_on_commit_callbacks(execute=True):
        response = login(staff).post(edit, data(recommendation=rec.pk, assignee=fp_md.pk, status="in_progress"))
    assert response.status_code == 302
    assert len(mail.outbox) == 1
