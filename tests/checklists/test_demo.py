"""The demo rounds: a past baseline with reviewed assessments, an open follow-up with drafts. Idempotent."""

from datetime import date

import pytest
from django.core.management import call_command
from django.utils import timezone

from checklists.models import Answer, Assessment, AssessmentRound, Item


@pytest.fixture
def demo(db, settings):
    settings.DEBUG = True
    call_command("load_demo", verbosity=0)


def test_demo_creates_a_past_baseline_and_an_open_follow_up(demo):
    baseline = AssessmentRound.objects.get(slug="see-baseline-2022")
    follow_up = AssessmentRound.objects.get(slug="see-follow-up-2026")
    assert baseline.name == "SEE baseline 2022" and baseline.deadline < date(2023, 1, 1)
    assert follow_up.name == "SEE follow-up 2026" and follow_up.deadline > timezone.localdate()
    codes = {"BA", "HR", "CY", "GR", "HU", "ME", "MK", "RO", "RS", "SI", "TR", "MD", "GE", "UA"}
    assert set(baseline.assessments.values_list("country__code", flat=True)) == codes
    statuses = set(baseline.assessments.values_list("status", flat=True))
    assert {Assessment.Status.APPROVED, Assessment.Status.SUBMITTED} <= statuses
    approved = baseline.assessments.filter(status=Assessment.Status.APPROVED).first()
    questions = Item.objects.filter(section__recommendation__template=baseline.template, is_heading=False)
    assert approved.answers.exclude(value="").count() == questions.count() > 20
    assert approved.transitions.count() == 2
    drafts = follow_up.assessments.filter(country__code__in=["MD", "GE", "UA"])
    assert set(drafts.values_list("status", flat=True)) == {Assessment.Status.DRAFT}


def test_running_the_demo_twice_changes_nothing(demo):
    counts = (AssessmentRound.objects.count(), Assessment.objects.count(), Answer.objects.count())
    call_command("load_demo", verbosity=0)
    assert (AssessmentRound.objects.count(), Assessment.objects.count(), Answer.objects.count()) == counts
