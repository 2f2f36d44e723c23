import pytest

from checklists.models import Assessment
from tests.checklists.factories import AssessmentFactory, RoundFactory, make_template


@pytest.fixture(autouse=True)
def media_root(settings, tmp_path):
    settings.MEDIA_ROOT = tmp_path / "media"


@pytest.fixture
def template(db):
    return make_template()


@pytest.fixture
def assessment_round(template):
    return RoundFactory(template=template, name="Round 2026", slug="round-2026")


@pytest.fixture
def assessment(assessment_round, md) -> Assessment:
    """Moldova's assessment, in draft."""
    return AssessmentFactory(round=assessment_round, country=md)
