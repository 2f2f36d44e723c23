"""Checklist data for the reminder tests: one small template and rounds built on it."""

from datetime import date, timedelta

from checklists.models import Answer, Assessment, AssessmentRound, Item, Recommendation, Section, Template


def make_template(name: str = "Test checklist") -> Template:
    """Four questions: two plain ones, and a heading whose two sub-items are questions."""
    template = Template.objects.create(name=name, version="1")
    recommendation = Recommendation.objects.create(template=template, number=1, title="Treatment", text="Treat.")
    section = Section.objects.create(recommendation=recommendation, number="1.1", title="Assessment", order=1)
    Item.objects.create(section=section, key="1.1-q1", text="Is there a protocol?", order=1)
    heading = Item.objects.create(section=section, key="1.1-q2", text="Trainings target:", is_heading=True, order=2)
    Item.objects.create(section=section, parent=heading, key="1.1-q2a", text="healthcare staff", order=3)
    Item.objects.create(section=section, parent=heading, key="1.1-q2b", text="other staff", order=4)
    Item.objects.create(section=section, key="1.1-q3", text="Is OAT available?", order=5)
    return template


def make_round(template: Template, *, deadline: date, opens_on: date | None = None, name: str = "") -> AssessmentRound:
    """The round of that name (by default, named after its deadline), created when missing."""
    name = name or f"Round due {deadline.isoformat()}"
    return AssessmentRound.objects.get_or_create(
        name=name,
        defaults={
            "slug": name.lower().replace(" ", "-"),
            "template": template,
            "opens_on": opens_on or deadline - timedelta(days=60),
            "deadline": deadline,
        },
    )[0]


def make_assessment(round: AssessmentRound, country, **kwargs) -> Assessment:
    return Assessment.objects.create(round=round, country=country, **kwargs)


def answer(assessment: Assessment, key: str, value: str) -> Answer:
    item = Item.objects.get(section__recommendation__template=assessment.round.template_id, key=key)
    return Answer.objects.create(assessment=assessment, item=item, value=value)
