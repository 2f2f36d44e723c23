"""The progress_bar tag: the two bars of a Progress with their texts, in English and French."""

from django.template import engines
from django.utils import translation

from checklists.progress import Progress


def _bar(progress) -> str:
    return (
        engines["django"]
        .from_string("{% load progress_bar %}{% progress_bar progress %}")
        .render({"progress": progress})
    )


def test_the_tag_writes_both_bars_with_their_texts():
    assert _bar(Progress(total=23, answered=11, yes=4)) == (
        '<div class="progress">\n'
        '  <p class="progress__line"><progress max="100" value="48" aria-label="Answered">48%</progress>\n'
        "    <span data-progress-answered>11 of 23 questions answered (48%)</span></p>\n"
        '  <p class="progress__line"><progress class="progress--yes" max="100" value="17" aria-label="Yes">17%'
        "</progress>\n"
        "    <span data-progress-yes>Yes: 4 (17% of the questions)</span></p>\n"
        "</div>\n"
    )


def test_an_empty_checklist_shows_zero_and_french_texts_are_translated():
    assert 'value="0"' in _bar(Progress()) and "0 of 0 questions answered (0%)" in _bar(Progress())
    with translation.override("fr"):
        html = _bar(Progress(total=23, answered=23, yes=23))
    assert "répondues" in html and 'value="100"' in html and "questions answered" not in html


def test_the_assessment_page_shows_the_bars_of_the_checklist_and_each_recommendation(assessment, fp_md, login):
    page = login(fp_md).get(assessment.get_absolute_url()).content.decode()
    recommendations = assessment.round.template.recommendations.count()
    assert page.count('<div class="progress">') == 1 + recommendations
    assert "0 of " in page and "questions answered (0%)" in page
