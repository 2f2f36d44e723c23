"""A day is written one way in each language on every page: 30 September 2026 in English, 30 septembre 2026 in
French (cjhp/formats), never Sept. 30, 30 Sept. 2026 or 2026-09-30 beside it. The emails write it the same way
(tests/cjhp/test_notifications.py, test_reminders.py)."""

from datetime import date

import pytest
from django.conf import settings
from django.urls import reverse

from checklists.models import ActionItem
from tests.checklists.factories import AssessmentFactory, RoundFactory, make_template
from tests.conftest import client_for

DEADLINE = date(2026, 9, 30)
DUE = date(2027, 1, 15)
WRITTEN = {
    "en": ("30 September 2026", "15 January 2027"),
    "fr": ("30 septembre 2026", "15 janvier 2027"),
}
# How the same days were written elsewhere before: Django's English default, its abbreviations, ISO.
OTHER_WAYS = [
    "September 30",
    "Sept. 30",
    "30 Sept.",
    "30 Sep ",
    "2026-09-30",
    "Jan. 15",
    "15 Jan.",
    "2027-01-15",
    "30 sept.",
    "15 janv.",
    "30/09/2026",
]


@pytest.fixture
def assessment(md):
    template = make_template(recommendations=1, questions=1)
    assessment_round = RoundFactory(template=template, name="Follow-up", slug="follow-up", deadline=DEADLINE)
    assessment = AssessmentFactory(round=assessment_round, country=md)
    ActionItem.objects.create(
        assessment=assessment,
        recommendation=template.recommendations.get(),
        description="Train the prison doctors",
        responsible="Ministry of Justice",
        due_date=DUE,
    )
    return assessment


@pytest.mark.parametrize("language", ["en", "fr"])
def test_a_day_is_written_one_way_on_the_pages(assessment, staff, fp_md, language):
    deadline, due = WRITTEN[language]
    pages = {
        staff: [
            reverse("checklists:rounds"),
            reverse("checklists:round", args=[assessment.round.slug]),
            reverse("checklists:assessments"),
            reverse("checklists:action_items"),
            assessment.get_absolute_url(),
        ],
        fp_md: ["/", assessment.get_absolute_url()],
    }
    for user, urls in pages.items():
        client = client_for(user)
        client.cookies[settings.LANGUAGE_COOKIE_NAME] = language
        for url in urls:
            content = client.get(url).content.decode()
            assert deadline in content or due in content, url
            assert [way for way in OTHER_WAYS if way in content] == [], url
