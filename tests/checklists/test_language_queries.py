"""The pages read every language's text from the rows they already load: holding a checklist in five languages
costs the assessment page, the round page and the dashboard no query more than holding it in English alone."""

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from checklists.models import Item, Recommendation, Section
from tests.checklists.factories import answer_all

LANGUAGES = ["fr", "ro", "ka", "uk", "tr"]


def translate(template, languages):
    """Every text of the template in each language: "[ro] Question 1.1-q1?"."""
    for language in languages:
        for model, fields, path in [
            (Recommendation, ["title", "text"], "template"),
            (Section, ["title"], "recommendation__template"),
            (Item, ["text", "help_text"], "section__recommendation__template"),
        ]:
            for obj in model.objects.filter(**{path: template}):
                for field in fields:
                    english = getattr(obj, f"{field}_en")
                    setattr(obj, f"{field}_{language}", f"[{language}] {english}" if english else "")
                obj.save()


def count(client, url, language) -> tuple[int, str]:
    with CaptureQueriesContext(connection) as captured:
        response = client.get(url, headers={"accept-language": language})
    assert response.status_code == 200
    return len(captured), response.content.decode()


@pytest.fixture
def pages(assessment, staff, fp_md, login):
    answer_all(assessment)
    return [
        (login(fp_md), assessment.get_absolute_url()),
        (login(staff), assessment.get_absolute_url()),
        (login(staff), reverse("checklists:round", args=[assessment.round.slug])),
        (login(staff), reverse("home")),
    ]


def test_five_languages_held_cost_no_query_more(assessment, pages):
    english_only = [count(client, url, "fr")[0] for client, url in pages]

    translate(assessment.round.template, LANGUAGES)

    held = []
    for client, url in pages:
        queries, page = count(client, url, "fr")
        held.append(queries)
        if url == assessment.get_absolute_url():
            # The French texts are those shown: the columns were read, not the English ones only.
            assert "[fr] Question 1.1-q1?" in page
    assert held == english_only
