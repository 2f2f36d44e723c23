"""Checklist test data: a small template (with a heading and its sub-questions), rounds and assessments."""

from datetime import date

import factory
from django.utils import timezone

from checklists.models import Answer, Assessment, AssessmentRound, Item, Recommendation, Section, Template
from tests.factories import CountryFactory


class TemplateFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Template

    name = factory.Sequence(lambda n: f"Checklist {n}")
    version = "v1"


class RoundFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = AssessmentRound

    name = factory.Sequence(lambda n: f"Round {n}")
    slug = factory.Sequence(lambda n: f"round-{n}")
    template = factory.SubFactory(TemplateFactory)
    opens_on = date(2026, 1, 1)
    deadline = date(2026, 12, 31)


class AssessmentFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Assessment

    round = factory.SubFactory(RoundFactory)
    country = factory.SubFactory(CountryFactory)


def make_template(*, recommendations: int = 2, questions: int = 2, drafted: bool = True) -> Template:
    """Each recommendation has one section; the first section also has a heading with two sub-questions."""
    template = TemplateFactory()
    for number in range(1, recommendations + 1):
        rec = Recommendation.objects.create(
            template=template,
            number=number,
            title=f"Recommendation {number}",
            text=f"Full text of recommendation {number}.",
        )
        section = Section.objects.create(
            recommendation=rec,
            number=f"{number}.1",
            title=f"Section {number}.1",
            order=1,
            drafted_from_recommendation=drafted and number > 1,
        )
        order = 0
        for q in range(1, questions + 1):
            order += 1
            Item.objects.create(section=section, key=f"{number}.1-q{q}", text=f"Question {number}.1-q{q}?", order=order)
        if number == 1:
            order += 1
            heading = Item.objects.create(
                section=section, key="1.1-qh", text="Do trainings target:", is_heading=True, order=order
            )
            for letter in "ab":
                order += 1
                Item.objects.create(
                    section=section, parent=heading, key=f"1.1-qh{letter}", text=f"Group {letter}?", order=order
                )
    return template


def questions(template: Template) -> list[Item]:
    return list(
        Item.objects.filter(section__recommendation__template=template, is_heading=False).order_by(
            "section__recommendation__number", "order"
        )
    )


def answer_all(assessment: Assessment, value: str = Answer.Value.YES, by=None) -> None:
    for item in questions(assessment.round.template):
        Answer.objects.update_or_create(
            assessment=assessment,
            item=item,
            defaults={"value": value, "answered_by": by, "answered_at": timezone.now()},
        )


def section_data(section, *, version: int = 0, values: dict | None = None, comments: str = "", **extra) -> dict:
    """The POST body of a section form: values by item key ("yes", "no" or ""), notes etc. by "<key>-note"."""
    prefix = f"s{section.pk}"
    data = {f"{prefix}-version": str(version), f"{prefix}-comments": comments}
    for item in section.items.filter(is_heading=False):
        data[f"{prefix}-q{item.pk}-value"] = (values or {}).get(item.key, "")
        for name in ("note", "link"):
            data[f"{prefix}-q{item.pk}-{name}"] = extra.get(f"{item.key}-{name}", "")
        if f"{item.key}-file" in extra:
            data[f"{prefix}-q{item.pk}-file"] = extra[f"{item.key}-file"]
    return data
