"""Staff edit a template no round uses: its name and note, recommendations, sections and items, and their order."""

import pytest
from django.core.exceptions import ValidationError
from django.urls import reverse

from checklists.definition import services
from checklists.models import Answer, Assessment, Item, Recommendation, Section
from tests.checklists.factories import make_round, make_template


def url(name, template, **kwargs):
    return reverse(f"checklists:{name}", kwargs={"pk": template.pk, **kwargs})


def keys(section) -> list[str]:
    return list(section.items.order_by("order").values_list("key", flat=True))


@pytest.fixture
def template(db):
    return make_template(version="working draft")


@pytest.fixture
def section(template):
    return Section.objects.get(recommendation__template=template, number="1.1")


def test_staff_rename_a_template_and_change_its_note(login, staff, template):
    response = login(staff).post(
        url("template_edit", template), {"name": "Test checklist", "version": "2024 draft", "note": "Reworded."}
    )
    assert response.status_code == 302
    template.refresh_from_db()
    assert (template.version, template.note) == ("2024 draft", "Reworded.")


def test_a_name_and_version_pair_that_exists_is_refused(login, staff, template):
    make_template(version="taken")
    response = login(staff).post(url("template_edit", template), {"name": "Test checklist", "version": "taken"})
    assert "Version “taken” of “Test checklist” already exists." in response.content.decode()
    template.refresh_from_db()
    assert template.version == "working draft"


def test_staff_add_edit_and_delete_a_recommendation(login, staff, template):
    client = login(staff)
    client.post(url("template_recommendation_add", template), {"number": 3, "title": "Third", "text": "Do it."})
    third = template.recommendations.get(number=3)
    assert (third.title, third.text) == ("Third", "Do it.")

    response = client.post(
        url("template_recommendation_edit", template, recommendation_pk=third.pk),
        {"number": 1, "title": "Third", "text": "Do it."},
    )
    assert "Recommendation 1 already exists in this template." in response.content.decode()

    client.post(url("template_recommendation_delete", template, recommendation_pk=third.pk))
    assert not template.recommendations.filter(number=3).exists()


def test_moving_a_recommendation_swaps_its_number(login, staff, template):
    first = template.recommendations.get(number=1)
    login(staff).post(url("template_recommendation_move", template, recommendation_pk=first.pk), {"direction": "down"})
    first.refresh_from_db()
    assert first.number == 2
    assert template.recommendations.get(number=1).title == "Recommendation 2"


def test_staff_add_move_and_edit_sections(login, staff, template, section):
    client = login(staff)
    recommendation = section.recommendation
    client.post(
        url("template_section_add", template, recommendation_pk=recommendation.pk),
        {"recommendation": recommendation.pk, "number": "1.2", "title": "Plans", "drafted_from_recommendation": "on"},
    )
    added = recommendation.sections.get(number="1.2")
    assert added.drafted_from_recommendation and added.order == 2

    client.post(url("template_section_move", template, section_pk=added.pk), {"direction": "up"})
    assert list(recommendation.sections.order_by("order").values_list("number", flat=True)) == ["1.2", "1.1"]

    response = client.post(
        url("template_section_edit", template, section_pk=added.pk),
        {"recommendation": recommendation.pk, "number": "1.1", "title": "Plans"},
    )
    assert "Section 1.1 already exists in this template." in response.content.decode()


def test_staff_add_a_sub_question_under_a_heading(login, staff, template, section):
    heading = section.items.get(key="1.1-qh")
    response = login(staff).post(
        url("template_item_add", template, section_pk=section.pk),
        {"key": "1.1-qhc", "text": "judges;", "help_text": "Including lay judges.", "parent": heading.pk},
    )
    assert response.status_code == 302
    assert keys(section) == ["1.1-q1", "1.1-q2", "1.1-qh", "1.1-qha", "1.1-qhb", "1.1-qhc"]
    added = Item.objects.get(key="1.1-qhc")
    assert (added.parent, added.help_text, added.is_heading) == (heading, "Including lay judges.", False)


def test_a_key_used_elsewhere_in_the_template_is_refused_with_a_clear_message(login, staff, template, section):
    response = login(staff).post(
        url("template_item_add", template, section_pk=section.pk), {"key": "2.1-q1", "text": "Again?"}
    )
    assert (
        "The key “2.1-q1” is already used in this template (section 2.1). Keys must be unique."
        in response.content.decode()
    )
    assert not section.items.filter(text="Again?").exists()


def test_the_same_key_in_another_template_is_fine(login, staff, template, section):
    make_template(version="other")
    login(staff).post(url("template_item_add", template, section_pk=section.pk), {"key": "1.1-q9", "text": "New?"})
    assert section.items.filter(key="1.1-q9").exists()


def test_the_service_refuses_a_duplicate_key_too(template, section):
    with pytest.raises(ValidationError, match="already used in this template"):
        services.template_part_save(obj=Item(section=section, key="2.1-q2", text="Duplicate?"))


def test_a_key_must_have_the_documented_shape(login, staff, template, section):
    response = login(staff).post(
        url("template_item_add", template, section_pk=section.pk), {"key": "Bad Key", "text": "?"}
    )
    assert "Use lower-case letters, digits, dots and hyphens" in response.content.decode()


def test_a_heading_with_sub_questions_must_stay_a_heading(login, staff, template, section):
    heading = section.items.get(key="1.1-qh")
    response = login(staff).post(
        url("template_item_edit", template, item_pk=heading.pk), {"key": "1.1-qh", "text": "Do trainings target:"}
    )
    assert "This item has sub-questions, so it must stay a heading." in response.content.decode()


def test_moving_a_heading_moves_its_sub_questions_with_it(login, staff, template, section):
    heading = section.items.get(key="1.1-qh")
    client = login(staff)
    client.post(url("template_item_move", template, item_pk=heading.pk), {"direction": "up"})
    assert keys(section) == ["1.1-q1", "1.1-qh", "1.1-qha", "1.1-qhb", "1.1-q2"]
    sub = section.items.get(key="1.1-qhb")
    client.post(url("template_item_move", template, item_pk=sub.pk), {"direction": "up"})
    assert keys(section) == ["1.1-q1", "1.1-qh", "1.1-qhb", "1.1-qha", "1.1-q2"]
    # The last one cannot go further down: nothing changes.
    last = section.items.get(key="1.1-q2")
    client.post(url("template_item_move", template, item_pk=last.pk), {"direction": "down"})
    assert keys(section) == ["1.1-q1", "1.1-qh", "1.1-qhb", "1.1-qha", "1.1-q2"]


def test_deleting_a_heading_deletes_its_sub_questions(login, staff, template, section):
    heading = section.items.get(key="1.1-qh")
    login(staff).post(url("template_item_delete", template, item_pk=heading.pk))
    assert keys(section) == ["1.1-q1", "1.1-q2"]


def test_an_item_with_answers_cannot_be_deleted(login, staff, template, section, md):
    # Answers normally come with a round that freezes the template; this guard holds even without one.
    other_round = make_round(make_template(version="used"))
    assessment = Assessment.objects.create(round=other_round, country=md)
    item = section.items.get(key="1.1-q1")
    Answer.objects.create(assessment=assessment, item=item, value="yes")

    response = login(staff).post(url("template_item_delete", template, item_pk=item.pk), follow=True)

    assert "cannot be deleted: countries’ assessments already refer to it." in response.content.decode()
    assert Item.objects.filter(pk=item.pk).exists()


def test_items_of_another_template_are_not_found_through_this_one(login, staff, template):
    other = make_template(version="other")
    item = Item.objects.filter(section__recommendation__template=other).first()
    response = login(staff).get(url("template_item_edit", template, item_pk=item.pk))
    assert response.status_code == 404


# A template used by a round is frozen.


@pytest.fixture
def frozen(template):
    make_round(template)
    return template


def test_a_frozen_template_refuses_every_change_in_the_portal(login, staff, frozen, section):
    client = login(staff)
    recommendation = section.recommendation
    item = section.items.get(key="1.1-q1")
    before = [
        (r.number, r.title, s.number, s.title, i.key, i.text, i.order)
        for r in Recommendation.objects.filter(template=frozen)
        for s in r.sections.all()
        for i in s.items.all()
    ]
    attempts = [
        (url("template_edit", frozen), {"name": "X", "version": "Y"}),
        (url("template_recommendation_add", frozen), {"number": 9, "title": "T", "text": "T"}),
        (url("template_recommendation_edit", frozen, recommendation_pk=recommendation.pk), {"number": 1, "title": "T"}),
        (url("template_recommendation_delete", frozen, recommendation_pk=recommendation.pk), {}),
        (url("template_recommendation_move", frozen, recommendation_pk=recommendation.pk), {"direction": "down"}),
        (url("template_section_add", frozen, recommendation_pk=recommendation.pk), {"number": "1.9", "title": "T"}),
        (url("template_section_edit", frozen, section_pk=section.pk), {"number": "1.9", "title": "T"}),
        (url("template_section_delete", frozen, section_pk=section.pk), {}),
        (url("template_section_move", frozen, section_pk=section.pk), {"direction": "down"}),
        (url("template_item_add", frozen, section_pk=section.pk), {"key": "1.1-q9", "text": "T"}),
        (url("template_item_edit", frozen, item_pk=item.pk), {"key": "1.1-q1", "text": "Changed"}),
        (url("template_item_delete", frozen, item_pk=item.pk), {}),
        (url("template_item_move", frozen, item_pk=item.pk), {"direction": "down"}),
    ]
    for address, data in attempts:
        response = client.post(address, data, follow=True)
        assert response.redirect_chain[-1][0] == url("template_detail", frozen), address
        assert "so it can no longer change. Create a new version to make changes." in response.content.decode()
    # The edit pages themselves send staff back to the template with the same message.
    response = client.get(url("template_item_edit", frozen, item_pk=item.pk), follow=True)
    assert "Create a new version to make changes." in response.content.decode()

    frozen.refresh_from_db()
    after = [
        (r.number, r.title, s.number, s.title, i.key, i.text, i.order)
        for r in Recommendation.objects.filter(template=frozen)
        for s in r.sections.all()
        for i in s.items.all()
    ]
    assert after == before and frozen.version == "working draft"


def test_a_frozen_template_refuses_changes_through_the_services(frozen, section):
    item = section.items.get(key="1.1-q1")
    item.text = "Changed"
    with pytest.raises(services.TemplateFrozen):
        services.template_part_save(obj=item)
    with pytest.raises(services.TemplateFrozen):
        services.template_part_save(obj=Item(section=section, key="1.1-q9", text="New?"))
    with pytest.raises(services.TemplateFrozen):
        services.template_part_delete(obj=section)
    with pytest.raises(services.TemplateFrozen):
        services.template_part_move(obj=item, up=False)
    frozen.version = "renamed"
    with pytest.raises(services.TemplateFrozen):
        services.template_part_save(obj=frozen)
    assert Item.objects.get(pk=item.pk).text != "Changed"
    assert section.items.count() == 5


def test_the_delete_page_says_what_goes_with_the_item(login, staff, template, section):
    heading = section.items.get(key="1.1-qh")
    response = login(staff).get(url("template_item_delete", template, item_pk=heading.pk))
    assert "Its 2 sub-questions are deleted with it." in response.content.decode()
    assert section.items.filter(pk=heading.pk).exists()


def test_a_section_moved_to_another_recommendation_goes_last_there(login, staff, template, section):
    second = template.recommendations.get(number=2)
    login(staff).post(
        url("template_section_edit", template, section_pk=section.pk),
        {"recommendation": second.pk, "number": "2.0", "title": "Moved"},
    )
    assert list(second.sections.values_list("number", flat=True)) == ["2.1", "2.0"]
