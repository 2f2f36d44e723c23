"""Projects: the programme's work in one country (country projects) or several (regional projects).

A project has partners, activities tagged with one of the programme's nine areas of work, and results. Projects
and activities name the checklists' recommendations they address; pages filter on the recommendation's number,
so the links keep their meaning when a new template version is published.
"""

from django.core.exceptions import ValidationError
from django.db import models
from django.db.models import Q
from django.urls import reverse
from django.utils.translation import gettext_lazy as _

from cjhp.lib.roles import is_programme_staff
from countries.models import Country, FocalPoint, Network
from projects.periods import Period, Precision, period_or_none


class Area(models.TextChoices):
    """The nine cells of the programme's tools table (seed 003, "Our tools"), three per group."""

    KNOWLEDGE_GENERATION = "knowledge-generation", _("Knowledge generation")
    RECOMMENDATIONS = "recommendations", _("Recommendations")
    DISSEMINATION = "dissemination", _("Dissemination")
    CO_OPERATION = "co-operation", _("Co-operation")
    POLICY_FORMULATION = "policy-formulation", _("Policy formulation")
    IMPLEMENTATION = "implementation", _("Implementation")
    PILOTING = "piloting", _("Piloting")
    TRAINING = "training", _("Training of specialists")
    SUPERVISION = "supervision", _("Supervision")


AREA_GROUPS = [
    ("research", _("Research"), [Area.KNOWLEDGE_GENERATION, Area.RECOMMENDATIONS, Area.DISSEMINATION]),
    ("policy", _("Policy"), [Area.CO_OPERATION, Area.POLICY_FORMULATION, Area.IMPLEMENTATION]),
    ("practice", _("Practice"), [Area.PILOTING, Area.TRAINING, Area.SUPERVISION]),
]
# Grouped choices: forms show the three groups as option groups.
AREA_CHOICES = [(label, [(area.value, area.label) for area in areas]) for _key, label, areas in AREA_GROUPS]


def area_group_label(area: str) -> str:
    for _key, label, areas in AREA_GROUPS:
        if area in areas:
            return label
    return ""


def visible_country_ids(user):
    return FocalPoint.objects.active().filter(user=user).values("country_id")


class PeriodMixin(models.Model):
    """A start known to a year, month or day, and an optional end (unknown while the work goes on)."""

    starts_on = models.DateField(_("start"))
    start_precision = models.CharField(
        _("start known to the"), max_length=5, choices=Precision.choices, default=Precision.DAY
    )
    ends_on = models.DateField(_("end"), null=True, blank=True)
    end_precision = models.CharField(
        _("end known to the"), max_length=5, choices=Precision.choices, default=Precision.DAY
    )

    # Whether a missing end means "still going on" (a project) rather than "the same day" (an event).
    open_ended = False

    class Meta:
        abstract = True

    @property
    def start(self) -> Period | None:
        return period_or_none(self.starts_on, self.start_precision)

    @property
    def end(self) -> Period | None:
        return period_or_none(self.ends_on, self.end_precision)

    def set_period(self, start: Period | None, end: Period | None) -> None:
        self.starts_on, self.start_precision = (start.start, start.precision) if start else (None, Precision.DAY)
        self.ends_on, self.end_precision = (end.start, end.precision) if end else (None, Precision.DAY)

    @property
    def period_label(self) -> str:
        start, end = self.start, self.end
        if not start:
            return ""
        first = str(start)  # each date formatted once: an export labels thousands of periods
        if not end:
            return f"{first} –" if self.open_ended else first
        last = str(end)
        if first == last:
            return first
        return f"{first} – {last}"

    def clean(self):
        super().clean()
        start, end = self.start, self.end
        if start and end and end.last_day < start.start:
            raise ValidationError({"ends_on": _("The end cannot come before the start.")})


class Partner(models.Model):
    class Kind(models.TextChoices):
        PRISON_ADMINISTRATION = "prison-administration", _("Prison administration")
        MINISTRY = "ministry", _("Ministry")
        NGO = "ngo", _("NGO")
        INTERNATIONAL = "international", _("International organisation")
        OTHER = "other", _("Other")

    name = models.CharField(_("name"), max_length=255, unique=True)
    kind = models.CharField(_("kind"), max_length=30, choices=Kind.choices, default=Kind.OTHER)
    country = models.ForeignKey(
        Country,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="partners",
        verbose_name=_("country"),
        help_text=_("Leave empty for an international organisation."),
    )

    class Meta:
        verbose_name = _("partner")
        verbose_name_plural = _("partners")
        ordering = ["name"]

    def __str__(self):
        return self.name


class ProjectQuerySet(models.QuerySet):
    def visible_to(self, user):
        """Staff see every project; a focal point sees the projects that include one of their countries."""
        if is_programme_staff(user):
            return self
        if not user.is_authenticated:
            return self.none()
        links = Project.countries.through.objects.filter(country__in=visible_country_ids(user))
        return self.filter(pk__in=links.values("project_id"))


class Project(PeriodMixin):
    class Kind(models.TextChoices):
        COUNTRY = "country", _("Country project")
        REGIONAL = "regional", _("Regional project")

    class Status(models.TextChoices):
        PLANNED = "planned", _("Planned")
        ONGOING = "ongoing", _("Ongoing")
        COMPLETED = "completed", _("Completed")

    title = models.CharField(_("title"), max_length=255, unique=True)
    slug = models.SlugField(_("short name"), max_length=80, unique=True, help_text=_("Used in web addresses."))
    kind = models.CharField(_("kind"), max_length=10, choices=Kind.choices, default=Kind.COUNTRY)
    countries = models.ManyToManyField(Country, blank=True, related_name="projects", verbose_name=_("countries"))
    status = models.CharField(_("status"), max_length=10, choices=Status.choices, default=Status.ONGOING)
    summary = models.TextField(_("summary"), blank=True)
    objectives = models.TextField(_("objectives"), blank=True)
    framework = models.CharField(
        _("funding framework"),
        max_length=255,
        blank=True,
        help_text=_("For example the CoE/EU Eastern Partnership Programmatic Co-operation Framework (PCF)."),
    )
    partners = models.ManyToManyField(Partner, blank=True, related_name="projects", verbose_name=_("partners"))
    parent = models.ForeignKey(
        "self",
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="children",
        verbose_name=_("part of"),
        help_text=_("The larger project this one belongs to, if any."),
    )
    recommendations = models.ManyToManyField(
        "checklists.Recommendation", blank=True, related_name="projects", verbose_name=_("recommendations addressed")
    )
    source = models.CharField(_("source"), max_length=255, blank=True, help_text=_("Where these facts come from."))

    objects = ProjectQuerySet.as_manager()
    open_ended = True

    class Meta:
        verbose_name = _("project")
        verbose_name_plural = _("projects")
        ordering = ["-starts_on", "title"]

    def __str__(self):
        return self.title

    def get_absolute_url(self):
        return reverse("projects:detail", kwargs={"slug": self.slug})

    def clean(self):
        super().clean()
        if self.parent_id and self.pk and self.parent_id == self.pk:
            raise ValidationError({"parent": _("A project cannot be part of itself.")})


class Activity(PeriodMixin):
    """A dated piece of a project's work, in one of the nine areas of work."""

    project = models.ForeignKey(Project, on_delete=models.CASCADE, related_name="activities", verbose_name=_("project"))
    title = models.CharField(_("title"), max_length=255)
    area = models.CharField(_("area of work"), max_length=30, choices=AREA_CHOICES)
    description = models.TextField(_("description"), blank=True)
    recommendations = models.ManyToManyField(
        "checklists.Recommendation",
        blank=True,
        related_name="activities",
        verbose_name=_("recommendations addressed"),
    )

    class Meta:
        verbose_name = _("activity")
        verbose_name_plural = _("activities")
        ordering = ["starts_on", "title"]

    def __str__(self):
        return self.title

    @property
    def area_group(self) -> str:
        return area_group_label(self.area)


class ResultQuerySet(models.QuerySet):
    def visible_to(self, user):
        """Staff see every result; a focal point those of their countries and of the projects they see."""
        if is_programme_staff(user):
            return self
        if not user.is_authenticated:
            return self.none()
        return self.filter(Q(country__in=visible_country_ids(user)) | Q(project__in=Project.objects.visible_to(user)))


class Result(models.Model):
    """An outcome statement, such as "first prison-based therapeutic community", for a project, country or network."""

    text = models.TextField(_("outcome"))
    project = models.ForeignKey(
        Project, on_delete=models.CASCADE, null=True, blank=True, related_name="results", verbose_name=_("project")
    )
    country = models.ForeignKey(
        Country, on_delete=models.CASCADE, null=True, blank=True, related_name="results", verbose_name=_("country")
    )
    network = models.ForeignKey(
        Network, on_delete=models.CASCADE, null=True, blank=True, related_name="results", verbose_name=_("network")
    )
    source = models.CharField(_("source"), max_length=255, blank=True)

    objects = ResultQuerySet.as_manager()

    class Meta:
        verbose_name = _("result")
        verbose_name_plural = _("results")
        ordering = ["pk"]

    def __str__(self):
        return self.text[:80]

    def clean(self):
        if not (self.project_id or self.country_id or self.network_id):
            raise ValidationError(_("Say what the result belongs to: a project, a country or a network."))
