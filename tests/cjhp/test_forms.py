"""Every form's fields are drawn by templates/includes/form_field.html ({{ field.as_field_group }}): each with its
label, help and errors, tick boxes after their label, and a group of tick boxes as a fieldset with its legend."""

from django.urls import reverse


def test_a_refused_form_shows_each_field_with_its_label_and_error(staff, login):
    response = login(staff).post(reverse("events:create"), {"title": ""})
    content = response.content.decode()
    assert (
        '<div class="field field--error">\n  <label for="id_title">Title:</label> <input type="text" name="title"'
        in content
    )
    assert 'aria-invalid="true"' in content
    assert '<p class="error" id="id_title_error">This field is required.</p>' in content


def test_a_group_of_tick_boxes_is_a_fieldset_with_its_legend(staff, login):
    content = login(staff).get(reverse("events:create")).content.decode()
    assert '<fieldset class="field field--choices">\n  <legend>Target groups</legend>' in content
    assert 'type="checkbox" name="target_groups"' in content


def test_a_tick_box_comes_before_its_label(staff, login):
    content = login(staff).get(reverse("checklists:action_items")).content.decode()
    assert (
        '<div class="field field--checkbox">\n  <input type="checkbox" name="overdue" id="id_overdue">'
        ' <label for="id_overdue">Overdue only</label>'
    ) in content
