"""Checklists: versioned templates, assessment rounds and each country's assessment.

A Template (one version) → Recommendation (1–6) → Section ("1.1 Assessment") → Item (a Yes/No question, or a
heading whose sub-items are the questions). Every item has a stable `key` that survives new template versions,
so answers stay comparable from round to round. A template used by a round is frozen: changing it means a new
version.
"""

import uuid
from pathlib import PurePath

from django.conf import settings
from django.core.validators import RegexValidator
from django.db import models
from django.db.models import Q
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext_lazy as _
from simple_history.models import HistoricalRecords

from checklists.languages import text_columns
from cjhp.lib.roles import is_programme_staff
from countries.models import Country, FocalPoint

item_key_validator = RegexValidator(
    r"^[a-z0-9][a-z0-9.\-]*$", _("Use lower-case letters, digits, dots and hyphens, for example 1.1-q3.")
)


class TemplateQuerySet(models.QuerySet):
    def visible_to(self, user):
        """Staff see every version; a focal point the versions their countries' assessments use."""
        if is_programme_staff(user):
            return self
        return self.filter(pk__in=AssessmentRound.objects.visible_to(user).values("template"))


class Template(models.Model):
    name = models.CharField(_("name"), max_length=255)
    version = models.CharField(_("version"), max_length=100, help_text=_("For example “2021 working draft”."))
    previous = models.ForeignKey(
        "self",
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="next_versions",
        verbose_name=_("previous version"),
    )
    source = models.TextField(_("source"), blank=True, help_text=_("Where the checklist's wording comes from."))
    note = models.TextField(_("note"), blank=True)
    created_at = models.DateTimeField(_("created at"), auto_now_add=True)

    objects = TemplateQuerySet.as_manager()

    class Meta:
        verbose_name = _("checklist template")
        verbose_name_plural = _("checklist templates")
        ordering = ["name", "-created_at"]
        constraints = [models.UniqueConstraint(fields=["name", "version"], name="unique_template_version")]

    def __str__(self):
        return f"{self.name} ({self.version})"

    @property
    def is_frozen(self) -> bool:
        """A template that a round uses can no longer change: edits go into a new version."""
        return self.rounds.exists()


class TemplateTranslation(models.Model):
    """One language of a template version's texts: where it comes from, and who last changed it (with history).

    The texts themselves are the language's columns of the recommendations, sections and items
    (checklists/translation.py). A translation can be added to a frozen version: it changes no question's meaning.
    """

    class Provenance(models.TextChoices):
        PROGRAMME = "programme", _("The programme's translation")
        PORTAL = "portal", _("The portal's own translation")
        DRAFT = "draft", _("Unofficial draft")

    template = models.ForeignKey(
        Template, on_delete=models.CASCADE, related_name="translations", verbose_name=_("template")
    )
    language = models.CharField(_("language"), max_length=8, choices=settings.CHECKLIST_LANGUAGES)
    provenance = models.CharField(_("provenance"), max_length=20, choices=Provenance.choices, default=Provenance.DRAFT)
    note = models.TextField(_("note"), blank=True, help_text=_("Who translated it, and what is still uncertain."))
    updated_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("updated by"),
    )
    updated_at = models.DateTimeField(_("updated at"), default=timezone.now)

    history = HistoricalRecords()

    class Meta:
        verbose_name = _("template translation")
        verbose_name_plural = _("template translations")
        ordering = ["template", "language"]
        constraints = [
            models.UniqueConstraint(fields=["template", "language"], name="one_translation_per_language"),
        ]

    def __str__(self):
        return f"{self.template} – {self.get_language_display()}"


class Recommendation(models.Model):
    template = models.ForeignKey(
        Template, on_delete=models.CASCADE, related_name="recommendations", verbose_name=_("template")
    )
    number = models.PositiveSmallIntegerField(_("number"))
    title = models.CharField(_("short title"), max_length=255)
    text = models.TextField(_("full text"))

    class Meta:
        verbose_name = _("recommendation")
        verbose_name_plural = _("recommendations")
        ordering = ["template", "number"]
        constraints = [
            models.UniqueConstraint(fields=["template", "number"], name="unique_recommendation_number"),
        ]

    def __str__(self):
        return f"{self.number}. {self.title}"


class Section(models.Model):
    recommendation = models.ForeignKey(
        Recommendation, on_delete=models.CASCADE, related_name="sections", verbose_name=_("recommendation")
    )
    number = models.CharField(_("number"), max_length=20, help_text=_("For example 1.1."))
    title = models.CharField(_("title"), max_length=255)
    order = models.PositiveSmallIntegerField(_("order"), default=0)
    drafted_from_recommendation = models.BooleanField(
        _("drafted from the recommendation"),
        default=False,
        help_text=_("The questions were drafted from the recommendation's wording, not published by the programme."),
    )
    has_comments = models.BooleanField(_("has a comments box"), default=True)

    class Meta:
        verbose_name = _("section")
        verbose_name_plural = _("sections")
        ordering = ["recommendation", "order", "number"]

    def __str__(self):
        return f"{self.number} {self.title}"


class Item(models.Model):
    """A Yes/No question, or a heading (no answer of its own) whose sub-items are the questions."""

    section = models.ForeignKey(Section, on_delete=models.CASCADE, related_name="items", verbose_name=_("section"))
    parent = models.ForeignKey(
        "self",
        on_delete=models.CASCADE,
        null=True,
        blank=True,
        related_name="subitems",
        verbose_name=_("heading"),
    )
    key = models.CharField(
        _("key"),
        max_length=50,
        validators=[item_key_validator],
        help_text=_("Stays the same in every version of the template, so answers can be compared across rounds."),
    )
    text = models.TextField(_("text"))
    help_text = models.TextField(_("help text"), blank=True)
    is_heading = models.BooleanField(_("heading"), default=False)
    order = models.PositiveSmallIntegerField(_("order"), default=0)

    class Meta:
        verbose_name = _("item")
        verbose_name_plural = _("items")
        ordering = ["section", "order"]
        constraints = [models.UniqueConstraint(fields=["section", "key"], name="unique_item_key_in_section")]

    def __str__(self):
        return f"{self.key}: {self.text[:60]}"

    @property
    def is_question(self) -> bool:
        return not self.is_heading


class AssessmentRoundQuerySet(models.QuerySet):
    def visible_to(self, user):
        """Staff see every round; a focal point the rounds their countries take part in."""
        if is_programme_staff(user):
            return self
        return self.filter(pk__in=Assessment.objects.visible_to(user).values("round"))


class AssessmentRound(models.Model):
    name = models.CharField(_("name"), max_length=200, unique=True, help_text=_("For example “SEE baseline 2022”."))
    slug = models.SlugField(_("short name"), max_length=100, unique=True, help_text=_("Used in file names."))
    template = models.ForeignKey(
        Template, on_delete=models.PROTECT, related_name="rounds", verbose_name=_("template version")
    )
    opens_on = models.DateField(_("opening date"))
    deadline = models.DateField(_("deadline"))
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, blank=True, related_name="+"
    )
    created_at = models.DateTimeField(_("created at"), auto_now_add=True)

    objects = AssessmentRoundQuerySet.as_manager()

    class Meta:
        verbose_name = _("assessment round")
        verbose_name_plural = _("assessment rounds")
        ordering = ["-opens_on", "name"]
        # The latest rounds first, from the index: the assessment list walks them in order and reads the first
        # page's assessments round by round instead of sorting every assessment.
        indexes = [models.Index(fields=["-opens_on", "name"], name="round_latest_first")]
        constraints = [
            models.CheckConstraint(condition=Q(deadline__gte=models.F("opens_on")), name="deadline_after_opening"),
        ]

    def __str__(self):
        return self.name


def _visible_assessments(queryset, user, prefix: str = ""):
    """The rule of who sees which assessments, applied to `queryset` (its assessment named by `prefix`): staff see
    every assessment; a focal point sees their own countries' assessments."""
    if is_programme_staff(user):
        return queryset
    if not user.is_authenticated:
        return queryset.none()
    countries = FocalPoint.objects.active().filter(user=user).values("country_id")
    return queryset.filter(**{f"{prefix}country__in": countries})


class AssessmentQuerySet(models.QuerySet):
    def visible_to(self, user):
        """Staff see every assessment; a focal point sees their own countries' assessments."""
        return _visible_assessments(self, user)


class Assessment(models.Model):
    """One country in one round."""

    class Status(models.TextChoices):
        DRAFT = "draft", _("Draft")
        SUBMITTED = "submitted", _("Submitted")
        RETURNED = "returned", _("Returned")
        APPROVED = "approved", _("Approved")

    round = models.ForeignKey(
        AssessmentRound, on_delete=models.CASCADE, related_name="assessments", verbose_name=_("round")
    )
    country = models.ForeignKey(
        Country, on_delete=models.PROTECT, related_name="assessments", verbose_name=_("country")
    )
    status = models.CharField(_("status"), max_length=20, choices=Status.choices, default=Status.DRAFT)
    submitted_at = models.DateTimeField(_("submitted at"), null=True, blank=True)
    approved_at = models.DateTimeField(_("approved at"), null=True, blank=True)
    updated_at = models.DateTimeField(_("updated at"), auto_now=True)
    language = models.CharField(
        _("language answered in"),
        max_length=8,
        choices=settings.CHECKLIST_LANGUAGES,
        blank=True,
        help_text=_("The working language of the focal point who last saved the answers."),
    )

    objects = AssessmentQuerySet.as_manager()

    class Meta:
        verbose_name = _("assessment")
        verbose_name_plural = _("assessments")
        ordering = ["round", "country__name"]
        constraints = [models.UniqueConstraint(fields=["round", "country"], name="one_assessment_per_round")]

    def __str__(self):
        return f"{self.country} – {self.round}"

    def get_absolute_url(self):
        return reverse("checklists:assessment", kwargs={"pk": self.pk})

    # What the assessment tables show (templates/checklists/includes/assessment_table.html), for only() with
    # select_related("round", "country").
    TABLE_COLUMNS = ("status", "round__name", "round__opens_on", "round__deadline", "country__name", "country__code")

    # The focal point works on the answers only in these states; submitted and approved are read-only.
    EDITABLE_STATUSES = (Status.DRAFT, Status.RETURNED)

    @property
    def is_editable(self) -> bool:
        return self.status in self.EDITABLE_STATUSES

    @property
    def is_open(self) -> bool:
        """Still waiting for the country or for the review."""
        return self.status != self.Status.APPROVED


def evidence_upload_to(answer, filename: str) -> str:
    # A random folder per upload: names never collide and cannot be guessed from the assessment.
    return f"evidence/{answer.assessment_id}/{uuid.uuid4().hex}/{PurePath(filename).name}"


class Answer(models.Model):
    class Value(models.TextChoices):
        YES = "yes", _("Yes")
        NO = "no", _("No")
        __empty__ = _("Not answered yet")

    assessment = models.ForeignKey(
        Assessment, on_delete=models.CASCADE, related_name="answers", verbose_name=_("assessment")
    )
    item = models.ForeignKey(Item, on_delete=models.PROTECT, related_name="answers", verbose_name=_("question"))
    value = models.CharField(_("answer"), max_length=3, choices=Value.choices, blank=True, default="")
    note = models.TextField(_("note"), blank=True)
    note_language = models.CharField(
        _("language of the note"), max_length=8, choices=settings.CHECKLIST_LANGUAGES, blank=True
    )
    evidence_link = models.URLField(_("evidence link"), max_length=500, blank=True)
    evidence_file = models.FileField(_("evidence file"), upload_to=evidence_upload_to, max_length=300, blank=True)
    # The section version this answer was last saved in: a refused save lists what changed after its version.
    section_version = models.PositiveIntegerField(_("saved in section version"), default=0)
    answered_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, blank=True, related_name="+"
    )
    answered_at = models.DateTimeField(_("answered at"), null=True, blank=True)

    history = HistoricalRecords(excluded_fields=["answered_at"])

    class Meta:
        verbose_name = _("answer")
        verbose_name_plural = _("answers")
        ordering = ["assessment", "item__section__recommendation__number", "item__section__order", "item__order"]
        constraints = [models.UniqueConstraint(fields=["assessment", "item"], name="one_answer_per_question")]

    def __str__(self):
        return f"{self.item.key}: {self.get_value_display()}"

    @property
    def evidence_file_name(self) -> str:
        return PurePath(self.evidence_file.name).name if self.evidence_file else ""


class SectionResponse(models.Model):
    """A section's comments, and the version number that guards its answers against concurrent saves."""

    assessment = models.ForeignKey(
        Assessment, on_delete=models.CASCADE, related_name="section_responses", verbose_name=_("assessment")
    )
    section = models.ForeignKey(Section, on_delete=models.PROTECT, related_name="responses", verbose_name=_("section"))
    comments = models.TextField(_("comments"), blank=True)
    version = models.PositiveIntegerField(_("version"), default=0)
    updated_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, blank=True, related_name="+"
    )
    updated_at = models.DateTimeField(_("updated at"), null=True, blank=True)

    history = HistoricalRecords()

    class Meta:
        verbose_name = _("section response")
        verbose_name_plural = _("section responses")
        constraints = [models.UniqueConstraint(fields=["assessment", "section"], name="one_response_per_section")]

    def __str__(self):
        return f"{self.assessment} – {self.section}"


class ActionItemQuerySet(models.QuerySet):
    def visible_to(self, user):
        """The action items of the assessments the user may see (Assessment.objects.visible_to), by the rule
        applied to their assessment directly: no list of the assessments to join again."""
        return _visible_assessments(self, user, prefix="assessment__")

    def overdue(self, today):
        return self.filter(due_date__lt=today, status__in=ActionItem.OPEN_STATUSES)


class ActionItem(models.Model):
    """What will be done about a gap: on a recommendation, or on one question answered No."""

    class Status(models.TextChoices):
        OPEN = "open", _("Open")
        IN_PROGRESS = "in_progress", _("In progress")
        DONE = "done", _("Done")
        DROPPED = "dropped", _("Dropped")

    assessment = models.ForeignKey(
        Assessment, on_delete=models.CASCADE, related_name="action_items", verbose_name=_("assessment")
    )
    recommendation = models.ForeignKey(
        Recommendation, on_delete=models.PROTECT, related_name="action_items", verbose_name=_("recommendation")
    )
    item = models.ForeignKey(
        Item, on_delete=models.PROTECT, null=True, blank=True, related_name="action_items", verbose_name=_("question")
    )
    description = models.TextField(_("what will be done"))
    responsible = models.CharField(_("who is responsible"), max_length=200)
    assignee = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="assigned_action_items",
        verbose_name=_("assigned to"),
        help_text=_(
            "Optional: the person with an account on the portal who takes it on; they are told by email. "
            "“Who is responsible” may name someone without an account."
        ),
    )
    due_date = models.DateField(_("by when"))
    status = models.CharField(_("status"), max_length=20, choices=Status.choices, default=Status.OPEN)
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, blank=True, related_name="+"
    )
    created_at = models.DateTimeField(_("created at"), auto_now_add=True)
    updated_at = models.DateTimeField(_("updated at"), auto_now=True)

    objects = ActionItemQuerySet.as_manager()

    OPEN_STATUSES = (Status.OPEN, Status.IN_PROGRESS)
    # What the list of action items shows (with select_related of the assessment, its country and round, the
    # recommendation and the question): only() these, the rest is not read.
    LIST_COLUMNS = (
        "assessment__country__name",
        "assessment__country__code",
        "assessment__round__name",
        "recommendation__number",
        *text_columns("recommendation__title"),
        "item__key",
        "description",
        "responsible",
        "assignee__username",
        "assignee__first_name",
        "assignee__last_name",
        "due_date",
        "status",
    )

    class Meta:
        verbose_name = _("action item")
        verbose_name_plural = _("action items")
        ordering = ["due_date", "pk"]
        # Lists are sorted by due date: the first page reads the index, not all the action items sorted.
        indexes = [
            models.Index(fields=["due_date"], name="actionitem_due_date"),
            # The open items past their date, by assessment (the dashboard's overdue items by country), read from
            # this index alone.
            models.Index(
                fields=["due_date", "assessment"],
                condition=Q(status__in=["open", "in_progress"]),
                name="actionitem_open_due_date",
            ),
        ]

    def __str__(self):
        return self.description[:80]

    def get_absolute_url(self):
        return reverse("checklists:action_item", kwargs={"pk": self.assessment_id, "action_pk": self.pk})

    @property
    def is_open(self) -> bool:
        return self.status in self.OPEN_STATUSES

    @property
    def is_overdue(self) -> bool:
        return self.is_open and self.due_date < timezone.localdate()


class Transition(models.Model):
    """One step of an assessment's review: who moved it from which status to which, when, and why."""

    class Action(models.TextChoices):
        SUBMIT = "submit", _("Submitted")
        RETURN = "return", _("Returned for changes")
        APPROVE = "approve", _("Approved")
        REOPEN = "reopen", _("Reopened")

    assessment = models.ForeignKey(
        Assessment, on_delete=models.CASCADE, related_name="transitions", verbose_name=_("assessment")
    )
    action = models.CharField(_("action"), max_length=20, choices=Action.choices)
    from_status = models.CharField(_("from"), max_length=20, choices=Assessment.Status.choices)
    to_status = models.CharField(_("to"), max_length=20, choices=Assessment.Status.choices)
    message = models.TextField(_("message"), blank=True)
    by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, related_name="+", verbose_name=_("by")
    )
    at = models.DateTimeField(_("at"), auto_now_add=True)

    class Meta:
        verbose_name = _("assessment transition")
        verbose_name_plural = _("assessment transitions")
        ordering = ["at", "pk"]

    def __str__(self):
        return f"{self.assessment}: {self.get_action_display()}"


class QuestionComment(models.Model):
    """What staff asked the focal point to fix on one question when they returned the assessment."""

    transition = models.ForeignKey(
        Transition, on_delete=models.CASCADE, related_name="question_comments", verbose_name=_("return")
    )
    item = models.ForeignKey(Item, on_delete=models.PROTECT, related_name="+", verbose_name=_("question"))
    message = models.TextField(_("message"))

    class Meta:
        verbose_name = _("comment on a question")
        verbose_name_plural = _("comments on questions")
        ordering = ["transition", "item__order"]
        constraints = [models.UniqueConstraint(fields=["transition", "item"], name="one_comment_per_question")]

    def __str__(self):
        return f"{self.item.key}: {self.message[:60]}"
