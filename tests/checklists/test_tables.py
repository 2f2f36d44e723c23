"""The assessment tables' links: reversed once per table, the same addresses as get_absolute_url()."""

from django.urls import reverse

from checklists.models import Assessment
from checklists.tables import with_links


def test_each_assessment_gets_the_address_of_its_page(assessment):
    rows = with_links(Assessment.objects.all())
    assert [row.link for row in rows] == [assessment.get_absolute_url()]


def test_the_assessment_list_and_round_page_link_each_row_to_its_assessment(assessment, staff, login):
    client = login(staff)
    for url in (reverse("checklists:assessments"), reverse("checklists:round", args=[assessment.round.slug])):
        html = client.get(url).content.decode()
        assert f'<a href="{assessment.get_absolute_url()}">{assessment.country.name}' in html


def test_the_action_item_list_reads_only_the_columns_it_shows(assessment, staff, login):
    from checklists.models import ActionItem

    item = ActionItem.objects.create(
        assessment=assessment,
        recommendation=assessment.round.template.recommendations.first(),
        description="Train the prison staff",
        responsible="Ministry of Justice",
        due_date="2030-01-31",
    )
    html = login(staff).get(reverse("checklists:action_items")).content.decode()
    assert f'href="{assessment.get_absolute_url()}#action-items">Train the prison staff</a>' in html
    assert "Ministry of Justice" in html and item.recommendation.title in html and assessment.country.name in html


def test_the_action_item_list_flags_only_open_items_past_their_date_and_labels_each_status(assessment, staff, login):
    from datetime import timedelta

    from django.utils import timezone

    from checklists.models import ActionItem

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
    html = login(staff).get(reverse("checklists:action_items")).content.decode()
    rows = {row.split("</a>")[0].rsplit(">", 1)[-1]: row for row in html.split("<tr>")[2:]}
    assert "tag--bad" in rows["Late and open"] and "In progress" in rows["Late and open"]
    assert "tag--bad" not in rows["Late but done"] and "Done" in rows["Late but done"]
