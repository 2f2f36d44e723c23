"""Checklist test data: templates (a small one with a heading and its sub-questions), rounds, assessments, answers."""

from datetime import date, timedelta

import factory
from django.utils import timezone
from django.utils.text import slugify

from checklists.models import Answer, Assessment, AssessmentRound, Item, Recommendation, Section, Template
from tests.factories import CountryFactory


class TemplateFactory(factory.django.DjangoModelFactory):
    """Versions of one checklist: the same name, each with its own version."""

    class Meta:
        model = Template

    name = "Test checklist"
    version = factory.Sequence(lambda n: f"draft {n}")
    source = "Written for the tests."
    note = "A note."


class RecommendationFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Recommendation

    template = factory.SubFactory(TemplateFactory)
    number = factory.Sequence(lambda n: n + 1)
    title = factory.LazyAttribute(lambda rec: f"Recommendation {rec.number}")
    text = factory.LazyAttribute(lambda rec: f"Full text of recommendation {rec.number}.")


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


def make_template(*, recommendations: int = 2, questions: int = 2, drafted: bool = True, **fields) -> Template:
    """Recommendations 1..n, each with section n.1 of `questions` questions (n.1-q1, n.1-q2, ...); section 1.1 ends
    with the heading 1.1-qh and its two sub-questions 1.1-qha and 1.1-qhb. Sections after 1.1 are drafted from their
    recommendation unless `drafted` is false. `fields` (name, version...) go to the template; without a version,
    each call makes another version of "Test checklist"."""
    template = TemplateFactory(**fields)
    for number in range(1, recommendations + 1):
        section = SectionFactory(
            recommendation=RecommendationFactory(template=template, number=number),
            drafted_from_recommendation=drafted and number > 1,
        )
        add_questions(section, questions)
        if number == 1:
            heading = ItemFactory(
                section=section, key="1.1-qh", text="Do trainings target:", is_heading=True, order=questions + 1
            )
            for order, letter in enumerate("ab", start=questions + 2):
                ItemFactory(
                    section=section, parent=heading, key=f"1.1-qh{letter}", text=f"Group {letter}?", order=order
                )
    return template


def add_questions(section: Section, count: int, start: int = 1) -> None:
    """Questions <section>-q<start>, ... in that order; the odd ones have a help text."""
    for position in range(start, start + count):
        ItemFactory(
            section=section,
            key=f"{section.number}-q{position}",
            help_text=f"Help for question {position}." if position % 2 else "",
            order=position,
        )


def make_round(
    template: Template, *, name: str = "", deadline: date = date(2026, 6, 30), opens_on: date | None = None
) -> AssessmentRound:
    """The template's round of that name (by default, named after its deadline), created when missing; it opens
    60 days before its deadline unless told otherwise."""
    name = name or f"Round due {deadline.isoformat()}"
    return AssessmentRound.objects.get_or_create(
        template=template,
        name=name,
        defaults={"slug": slugify(name), "opens_on": opens_on or deadline - timedelta(days=60), "deadline": deadline},
    )[0]


def questions(template: Template) -> list[Item]:
    return list(
        Item.objects.filter(section__recommendation__template=template, is_heading=False).order_by(
            "section__recommendation__number", "order"
        )
    )


def answer(assessment: Assessment, key: str, value: str) -> Answer:
    item = Item.objects.get(section__recommendation__template=assessment.round.template_id, key=key)
    return Answer.objects.create(assessment=assessment, item=item, value=value)


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
