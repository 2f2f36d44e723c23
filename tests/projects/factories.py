from datetime import date

import factory

from checklists.models import Recommendation, Template
from projects.models import Activity, Area, Partner, Project, Result
from projects.periods import Precision
from tests.factories import CountryFactory


def make_template(name="SEE checklist", version="2021", numbers=range(1, 7)) -> Template:
    template = Template.objects.create(name=name, version=version)
    for number in numbers:
        Recommendation.objects.create(template=template, number=number, title=f"Recommendation {number}", text="…")
    return template


class PartnerFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Partner

    name = factory.Sequence(lambda n: f"Partner {n}")
    kind = Partner.Kind.NGO


class ProjectFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Project
        skip_postgeneration_save = True

    title = factory.Sequence(lambda n: f"Project {n}")
    slug = factory.Sequence(lambda n: f"project-{n}")
    kind = Project.Kind.COUNTRY
    starts_on = date(2015, 1, 1)
    start_precision = Precision.YEAR
    status = Project.Status.ONGOING

    @factory.post_generation
    def countries(project, create, extracted, **kwargs):
        if create:
            project.countries.set(extracted if extracted is not None else [CountryFactory()])


class ActivityFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Activity

    project = factory.SubFactory(ProjectFactory)
    title = factory.Sequence(lambda n: f"Activity {n}")
    area = Area.TRAINING
    starts_on = factory.LazyAttribute(lambda activity: activity.project.starts_on)


class ResultFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Result

    project = factory.SubFactory(ProjectFactory)
    text = factory.Sequence(lambda n: f"Outcome {n}")
