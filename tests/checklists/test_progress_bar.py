"""The progress_bar tag writes what checklists/includes/progress.html writes, in English and French."""

import pytest
from django.template import engines
from django.template.loader import render_to_string
from django.utils import translation

from checklists.progress import Progress


@pytest.mark.parametrize("language", ["en", "fr"])
@pytest.mark.parametrize(
    "progress", [Progress(), Progress(total=23, answered=23, yes=23), Progress(total=23, answered=11, yes=4)]
)
def test_the_tag_writes_what_the_include_writes(language, progress):
    tag = engines["django"].from_string("{% load progress_bar %}{% progress_bar progress %}")
    with translation.override(language):
        expected = render_to_string("checklists/includes/progress.html", {"progress": progress})
        assert tag.render({"progress": progress}) == expected
    if language == "fr":
        assert "répondues" in expected


def test_the_assessment_page_shows_the_bars_of_the_checklist_and_each_recommendation(assessment, fp_md, login):
    page = login(fp_md).get(assessment.get_absolute_url()).content.decode()
    recommendations = assessment.round.template.recommendations.count()
    assert page.count('<div class="progress">') == 1 + recommendations
    assert "0 of " in page and "questions answered (0%)" in page
