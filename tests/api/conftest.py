import pytest
from django.test import Client

from cjhp.api.tokens import token_create


def token_client(user, *, secret: str | None = None) -> Client:
    """A client sending a personal access token of the user's (a new one unless `secret` is given)."""
    secret = secret or token_create(user=user, name="Test").secret
    return Client(headers={"Authorization": f"Bearer {secret}"})


@pytest.fixture
def api():
    return token_client


@pytest.fixture
def programme(md, ge):
    """Moldova and Georgia, each with a project, an event attended by two people, and an assessment in one round
    (with an action item); Georgia's assessment is submitted, all Yes."""
    from types import SimpleNamespace

    from checklists.assessments.services import assessment_submit
    from checklists.models import ActionItem, Answer
    from tests.checklists.factories import AssessmentFactory, RoundFactory, answer, answer_all, make_template
    from tests.events.factories import AttendanceFactory, EventFactory, ParticipantFactory
    from tests.projects.factories import ProjectFactory

    world = SimpleNamespace(md=md, ge=ge)
    world.template = make_template()
    world.round = RoundFactory(template=world.template, name="Baseline", slug="baseline")
    world.assessments = {}
    for country in (md, ge):
        code = country.code
        assessment = AssessmentFactory(round=world.round, country=country)
        world.assessments[code] = assessment
        ActionItem.objects.create(
            assessment=assessment,
            recommendation=world.template.recommendations.get(number=1),
            description=f"Train the doctors in {code}",
            responsible="Ministry of Justice",
            due_date="2026-01-31",
        )
        ProjectFactory(title=f"Project in {code}", slug=f"project-{code.lower()}", countries=[country])
        event = EventFactory(title=f"Training in {code}", slug=f"training-{code.lower()}", country=country)
        for name, gender in [(f"Ana of {code}", "female"), (f"Ion of {code}", "male")]:
            AttendanceFactory(event=event, participant=ParticipantFactory(name=name, gender=gender))
    answer(world.assessments["MD"], "1.1-q1", Answer.Value.YES)
    answer(world.assessments["MD"], "1.1-q2", Answer.Value.NO)
    answer_all(world.assessments["GE"])
    assessment_submit(assessment=world.assessments["GE"], by=None)
    return world
