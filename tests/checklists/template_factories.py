"""Checklist templates for tests: a small template with a heading and sub-questions, and rounds that freeze one."""

import datetime

import factory

from checklists.models import AssessmentRound, Item, Recommendation, Section, Template


class TemplateFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Template

    name = "Test checklist"
    version = factory.Sequence(lambda n: f"draft {n}")
    source = "Written for the tests."


class RecommendationFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Recommendation

    template = factory.SubFactory(TemplateFactory)
    number = factory.Sequence(lambda n: n + 1)
    title = factory.LazyAttribute(lambda rec: f"Recommendation {rec.number}")
    text = factory.LazyAttribute(lambda rec: f"The full text of recommendation {rec.number}.")


class SectionFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Section

    recommendation = factory.SubFactory(RecommendationFactory)
    number = factory.LazyAttribute(lambda section: f"{section.recommendation.number}.1")
    title = "Assessment"
    order = 1


class ItemFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Item

    section = factory.SubFactory(SectionFactory)
    key = factory.Sequence(lambda n: f"k{n}")
    text = factory.LazyAttribute(lambda item: f"Question {item.key}?")
    order = factory.Sequence(lambda n: n + 1)


def make_template(*, version="working draft", name="Test checklist", questions=2, recommendations=2) -> Template:
    """Recommendations 1..n, each with section n.1: `questions` questions, then a heading with two sub-questions."""
    template = TemplateFactory(name=name, version=version, note="A note.")
    for number in range(1, recommendations + 1):
        recommendation = RecommendationFactory(template=template, number=number)
        section = SectionFactory(
            recommendation=recommendation, number=f"{number}.1", drafted_from_recommendation=number > 1
        )
        add_questions(section, questions)
        heading = ItemFactory(
            section=section, key=f"{number}.1-h", text="Do trainings target:", is_heading=True, order=100
        )
        for letter in "ab":
            ItemFactory(
                section=section, parent=heading, key=f"{number}.1-h{letter}", text=f"staff {letter};", order=101
            )
    return template


def add_questions(section: Section, count: int, start: int = 1) -> None:
    for position in range(start, start + count):
        ItemFactory(
            section=section,
            key=f"{section.number}-q{position}",
            text=f"Question {position} of {section.number}?",
            help_text=f"Help for question {position}." if position % 2 else "",
            order=position,
        )


def make_round(template: Template, name="Baseline 2026") -> AssessmentRound:
    return AssessmentRound.objects.create(
        name=name,
        slug=name.lower().replace(" ", "-"),
        template=template,
        opens_on=datetime.date(2026, 1, 1),
        deadline=datetime.date(2026, 6, 30),
    )


def content_of(template: Template) -> list[tuple]:
    """Everything a template holds apart from database ids and its name/version: to compare copies."""
    return [
        (
            recommendation.number,
            recommendation.title,
            recommendation.text,
            section.number,
            section.title,
            section.order,
            section.drafted_from_recommendation,
            section.has_comments,
            item.key,
            item.parent.key if item.parent else None,
            item.is_heading,
            item.text,
            item.help_text,
            item.order,
        )
        for recommendation in template.recommendations.order_by("number")
        for section in recommendation.sections.order_by("order", "number")
        for item in section.items.order_by("order", "key").select_related("parent")
    ]
