"""Staff reviewing an assessment submitted again see what the country changed since they returned it."""

import pytest
from django.conf import settings
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.utils import formats

from checklists.assessments.services import assessment_approve, assessment_reopen, assessment_return, assessment_submit
from checklists.models import Answer, Item
from tests.checklists.factories import answer_all
from tests.checklists.test_queries import grow


def change(assessment, key, **fields):
    """The focal point saves an answer anew (with its history, as the section form does)."""
    answer = Answer.objects.get(assessment=assessment, item__key=key)
    for name, value in fields.items():
        setattr(answer, name, value)
    answer.save()


def item(assessment, key) -> Item:
    return Item.objects.get(section__recommendation__template=assessment.round.template_id, key=key)


@pytest.fixture
def returned(assessment, fp_md, staff):
    """Submitted with every answer Yes, then returned with comments on 1.1-q1 and 1.1-q2."""
    answer_all(assessment)
    change(assessment, "1.1-q2", note="Law 12 of 2019")  # before the return: not a change since
    assessment_submit(assessment=assessment, by=fp_md)
    comments = {item(assessment, "1.1-q1"): "Is that so?", item(assessment, "1.1-q2"): "Which law?"}
    transition = assessment_return(assessment=assessment, by=staff, message="Please check", question_messages=comments)
    assessment.returned_at = transition.at
    return assessment


def since_panel(content: str) -> str:
    start = content.index('id="since-return"')
    return content[start : content.index("</section>", start)]


def test_staff_see_each_changed_question_old_and_new_and_which_comments_were_answered(returned, fp_md, staff, login):
    change(returned, "1.1-q1", value="no", note="Not yet")
    change(returned, "2.1-q2", note="See the decree")
    change(returned, "2.1-q1", value="no")
    change(returned, "2.1-q1", value="yes")  # changed back: nothing to review
    assessment_submit(assessment=returned, by=fp_md)
    panel = since_panel(login(staff).get(returned.get_absolute_url()).content.decode())
    date = formats.date_format(returned.returned_at, "j F Y")
    assert f"Changed since you returned it on {date}" in panel
    assert 'href="#question-1.1-q1"' in panel and 'href="#question-2.1-q2"' in panel
    assert "answer: “Yes” → “No”; note: “—” → “Not yet”" in panel
    assert "note: “—” → “See the decree”" in panel
    assert panel.index("1.1-q1") < panel.index("2.1-q2")
    assert "2.1-q1" not in panel and "Law 12 of 2019" not in panel
    assert "Is that so? — <strong>answered: the question changed</strong>" in panel
    assert "Which law? — <strong>not answered: the question did not change</strong>" in panel


def test_the_question_text_is_in_the_pages_language(returned, fp_md, staff, login):
    Item.objects.filter(key="1.1-q1").update(text_fr="La loi est-elle adoptée ?")
    change(returned, "1.1-q1", value="no")
    assessment_submit(assessment=returned, by=fp_md)
    client = login(staff)
    client.cookies[settings.LANGUAGE_COOKIE_NAME] = "fr"
    panel = since_panel(client.get(returned.get_absolute_url()).content.decode())
    assert '<span lang="fr">La loi est-elle adoptée ?</span>' in panel


def test_nothing_changed_says_so(returned, fp_md, staff, login):
    assessment_submit(assessment=returned, by=fp_md)
    panel = since_panel(login(staff).get(returned.get_absolute_url()).content.decode())
    assert "No answer or note changed since the return." in panel
    assert "Is that so? — <strong>not answered" in panel


def test_the_panel_shows_only_for_staff_on_an_assessment_submitted_again(returned, fp_md, staff, login):
    change(returned, "1.1-q1", value="no")
    url = returned.get_absolute_url()
    assert 'id="since-return"' not in login(staff).get(url).content.decode()  # still returned
    assessment_submit(assessment=returned, by=fp_md)
    assert 'id="since-return"' not in login(fp_md).get(url).content.decode()
    assessment_approve(assessment=returned, by=staff)
    assert 'id="since-return"' not in login(staff).get(url).content.decode()
    # Reopened after the approval and submitted again: the old return is closed.
    assessment_reopen(assessment=returned, by=staff, reason="The law changed.")
    assessment_submit(assessment=returned, by=fp_md)
    assert 'id="since-return"' not in login(staff).get(url).content.decode()


def test_the_page_query_count_does_not_grow_with_the_changes(returned, fp_md, staff, login):
    change(returned, "1.1-q1", value="no")
    assessment_submit(assessment=returned, by=fp_md)
    client = login(staff)
    url = returned.get_absolute_url()
    with CaptureQueriesContext(connection) as small:
        assert "Changed since you returned it" in client.get(url).content.decode()
    for answer in Answer.objects.filter(assessment=returned):
        answer.note = "Changed again"
        answer.save()
    grow(returned, countries=3, questions=5)
    with CaptureQueriesContext(connection) as large:
        content = client.get(url).content.decode()
    assert content.count("“—” → “Changed again”") >= 5
    assert len(large) == len(small)
