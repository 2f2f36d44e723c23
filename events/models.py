"""Events: trainings, conferences, round tables... with their materials, participants and attendance.

A participant is one person across events: matched by email when they have one, merged by staff otherwise.
"""

from django.conf import settings
from django.core.exceptions import ValidationError
from django.db import models
from django.db.models import Q
from django.db.models.functions import Lower
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from cjhp.lib.roles import is_programme_staff
from countries.models import Country
from projects.models import PeriodMixin, Project, visible_country_ids


class TargetGroup(models.TextChoices):
    PRISON_HEALTHCARE = "prison-healthcare", _("Prison healthcare staff")
    PRISON_STAFF = "prison-staff", _("Other prison staff")
    JUSTICE = "justice", _("Prosecutors, judges and probation officers")
    POLICY_MAKERS = "policy-makers", _("Policy makers")
    CIVIL_SOCIETY = "civil-society", _("Civil society")


class ProfessionalGroup(models.TextChoices):
    """A participant's professional group: the events' target groups, and "other"."""

    PRISON_HEALTHCARE = TargetGroup.PRISON_HEALTHCARE.value, TargetGroup.PRISON_HEALTHCARE.label
    PRISON_STAFF = TargetGroup.PRISON_STAFF.value, TargetGroup.PRISON_STAFF.label
    JUSTICE = TargetGroup.JUSTICE.value, TargetGroup.JUSTICE.label
    POLICY_MAKERS = TargetGroup.POLICY_MAKERS.value, TargetGroup.POLICY_MAKERS.label
    CIVIL_SOCIETY = TargetGroup.CIVIL_SOCIETY.value, TargetGroup.CIVIL_SOCIETY.label
    OTHER = "other", _("Other")


class Gender(models.TextChoices):
    FEMALE = "female", _("Female")
    MALE = "male", _("Male")
    OTHER = "other", _("Other or not stated")


class EventQuerySet(models.QuerySet):
    def visible_to(self, user):
        """Staff see every event; a focal point the events held in their countries or for their projects."""
        if is_programme_staff(user):
            return self
        if not user.is_authenticated:
            return self.none()
        # The projects a focal point sees are those that include one of their countries (Project.visible_to):
        # joined here rather than nested as a subquery in a subquery, which costs the database and the query's
        # compilation (twice a page: the count and the rows) more than the join.
        countries = visible_country_ids(user)
        for_projects = Event.projects.through.objects.filter(project__countries__in=countries)
        return self.filter(Q(country__in=countries) | Q(pk__in=for_projects.values("event_id")))


class Event(PeriodMixin):
    class Kind(models.TextChoices):
        TRAINING = "training", _("Training")
        SEMINAR = "seminar", _("Seminar")
        CONFERENCE = "conference", _("Conference")
        ROUND_TABLE = "round-table", _("Round table")
        EXPERT_MEETING = "expert-meeting", _("Expert meeting")
        WORKING_GROUP = "working-group", _("Working-group meeting")
        STUDY_VISIT = "study-visit", _("Study visit")
        E_LEARNING = "e-learning", _("E-learning course")
        CEREMONY = "ceremony", _("Ceremony")
        PROJECT_LAUNCH = "project-launch", _("Project launch")
        OTHER = "other", _("Other")

    # What a list of events shows (period_label, link, kind, place), for only() with select_related("country").
    LIST_COLUMNS = (
        "starts_on",
        "start_precision",
        "ends_on",
        "end_precision",
        "title",
        "slug",
        "kind",
        "city",
        "online",
        "country__name",
        "country__code",
    )

    # Kinds whose attendees receive a certificate of attendance.
    CERTIFIED_KINDS = {Kind.TRAINING, Kind.E_LEARNING}

    title = models.CharField(_("title"), max_length=255)
    slug = models.SlugField(_("short name"), max_length=80, unique=True, help_text=_("Used in web addresses."))
    kind = models.CharField(_("kind"), max_length=20, choices=Kind.choices)
    city = models.CharField(_("city"), max_length=100, blank=True)
    country = models.ForeignKey(
        Country, on_delete=models.PROTECT, null=True, blank=True, related_name="events", verbose_name=_("country")
    )
    online = models.BooleanField(_("online"), default=False, help_text=_("Held online, or hybrid."))
    venue = models.CharField(_("venue"), max_length=255, blank=True)
    projects = models.ManyToManyField(Project, blank=True, related_name="events", verbose_name=_("projects"))
    target_groups = models.JSONField(_("target groups"), default=list, blank=True)
    recommendations = models.ManyToManyField(
        "checklists.Recommendation", blank=True, related_name="events", verbose_name=_("recommendations addressed")
    )
    summary = models.TextField(_("summary"), blank=True)
    source = models.CharField(_("source"), max_length=255, blank=True, help_text=_("Where these facts come from."))

    objects = EventQuerySet.as_manager()

    class Meta:
        verbose_name = _("event")
        verbose_name_plural = _("events")
        ordering = ["-starts_on", "title"]
        # The lists' order (the latest first), and the events of a month or still to come, read from the index.
        indexes = [models.Index(fields=["-starts_on", "title"], name="event_starts_on_idx")]

    def __str__(self):
        return self.title

    def get_absolute_url(self):
        return reverse("events:detail", kwargs={"slug": self.slug})

    def clean(self):
        super().clean()
        if not self.online and not self.country_id:
            raise ValidationError({"country": _("Choose the country where the event takes place, or tick online.")})
        unknown = set(self.target_groups or []) - set(TargetGroup.values)
        if unknown:
            raise ValidationError({"target_groups": _("Unknown target group: %s.") % ", ".join(sorted(unknown))})

    @property
    def target_group_labels(self) -> list[str]:
        return [TargetGroup(value).label for value in self.target_groups if value in TargetGroup.values]

    @property
    def gives_certificates(self) -> bool:
        return self.kind in self.CERTIFIED_KINDS

    @property
    def has_taken_place(self) -> bool:
        """Whether the event has begun: only then can anyone have attended it."""
        return self.starts_on <= timezone.localdate()

    @property
    def place(self) -> str:
        parts = [self.city, self.country.local_name if self.country else ""]
        place = ", ".join(part for part in parts if part)
        if self.online:
            return f"{place} ({_('and online')})" if place else str(_("Online"))
        return place


def material_path(material, filename: str) -> str:
    return f"events/{material.event.slug}/{filename}"


class EventMaterial(models.Model):
    """A presentation, photo or document of an event: an uploaded file (served only to who may see the event)
    or a link."""

    class Kind(models.TextChoices):
        PRESENTATION = "presentation", _("Presentation")
        PHOTO = "photo", _("Photo")
        DOCUMENT = "document", _("Document")
        OTHER = "other", _("Other")

    event = models.ForeignKey(Event, on_delete=models.CASCADE, related_name="materials", verbose_name=_("event"))
    title = models.CharField(_("title"), max_length=255)
    kind = models.CharField(_("kind"), max_length=20, choices=Kind.choices, default=Kind.DOCUMENT)
    file = models.FileField(_("file"), upload_to=material_path, blank=True, max_length=255)
    url = models.URLField(_("link"), blank=True, max_length=500)
    added_at = models.DateTimeField(_("added at"), auto_now_add=True)

    class Meta:
        verbose_name = _("event material")
        verbose_name_plural = _("event materials")
        ordering = ["kind", "title"]

    def __str__(self):
        return self.title

    def get_absolute_url(self):
        if self.url:
            return self.url
        return reverse("events:material", kwargs={"slug": self.event.slug, "pk": self.pk})

    def clean(self):
        if bool(self.file) == bool(self.url):
            raise ValidationError(_("Give either a file or a link."))


def erased_name(pk: int) -> str:
    """What stands for an erased participant's name, in the reader's language."""
    return _("Erased participant %(id)s") % {"id": pk}


class Participant(models.Model):
    """A person. Once erased (events.privacy) only what the counts need is left: the name, email and
    organisation are blank, and the pages show "Erased participant <id>" in the reader's language."""

    class ErasureReason(models.TextChoices):
        REQUEST = "request", _("Erased by programme staff")
        RETENTION = "retention", _("Retention period passed")

    name = models.CharField(_("name"), max_length=200)
    organisation = models.CharField(_("organisation"), max_length=255, blank=True)
    country = models.ForeignKey(
        Country, on_delete=models.PROTECT, null=True, blank=True, related_name="participants", verbose_name=_("country")
    )
    professional_group = models.CharField(
        _("professional group"), max_length=20, choices=ProfessionalGroup.choices, default=ProfessionalGroup.OTHER
    )
    gender = models.CharField(_("gender"), max_length=10, choices=Gender.choices, default=Gender.OTHER)
    email = models.EmailField(
        _("email"), blank=True, help_text=_("The same email at another event means the same person.")
    )
    # Records on file before this field existed count from the day it was added (migration 0005): the
    # retention period of a person with no event runs from here.
    created_at = models.DateTimeField(_("recorded on"), default=timezone.now, editable=False)
    # The record that an erasure happened: when, why and by which staff member; nothing of who the person was.
    erased_at = models.DateTimeField(_("erased at"), null=True, blank=True, editable=False)
    erasure_reason = models.CharField(
        _("erasure reason"), max_length=20, choices=ErasureReason.choices, blank=True, editable=False
    )
    erased_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        editable=False,
        related_name="+",
        verbose_name=_("erased by"),
    )

    class Meta:
        verbose_name = _("participant")
        verbose_name_plural = _("participants")
        ordering = ["name", "pk"]
        constraints = [
            models.UniqueConstraint(Lower("email"), condition=~Q(email=""), name="unique_participant_email"),
        ]
        indexes = [
            # Emails are kept in lower case: clean() and the imports look a person up by the exact email.
            models.Index(fields=["email"], name="participant_email_idx"),
            # The participants list pages through everyone by name: the index hands it a page without sorting all.
            models.Index(fields=["name", "id"], name="participant_name_idx"),
            # The dashboard counts people by group and gender: read from this index, not from the whole rows.
            models.Index(fields=["professional_group", "gender"], name="participant_group_gender_idx"),
        ]

    def __str__(self):
        return self.display_name

    def get_absolute_url(self):
        return reverse("events:participant", kwargs={"pk": self.pk})

    @property
    def is_erased(self) -> bool:
        return self.erased_at is not None

    @property
    def display_name(self) -> str:
        """The name, or for an erased person a placeholder in the reader's language (never stored)."""
        return erased_name(self.pk) if self.is_erased else self.name

    def clean(self):
        self.email = self.email.strip().lower()
        if self.email and Participant.objects.filter(email=self.email).exclude(pk=self.pk).exists():
            raise ValidationError({"email": _("Another participant already has this email.")})


class AttendanceQuerySet(models.QuerySet):
    def attended(self):
        """Attended an event that has taken place: a mark on one still to come counts for nothing."""
        return self.filter(attended=True, event__starts_on__lte=timezone.localdate())


ATTENDANCE_TOO_EARLY = _("“%(event)s” has not taken place yet (%(date)s): attendance can be marked once it has.")


class Attendance(models.Model):
    class Role(models.TextChoices):
        PARTICIPANT = "participant", _("Participant")
        TRAINER = "trainer", _("Trainer")
        SPEAKER = "speaker", _("Speaker")
        ORGANISER = "organiser", _("Organiser")

    event = models.ForeignKey(Event, on_delete=models.CASCADE, related_name="attendances", verbose_name=_("event"))
    participant = models.ForeignKey(
        Participant, on_delete=models.CASCADE, related_name="attendances", verbose_name=_("participant")
    )
    role = models.CharField(_("role"), max_length=20, choices=Role.choices, default=Role.PARTICIPANT)
    attended = models.BooleanField(_("attended"), default=False)
    certificate_issued_at = models.DateTimeField(_("certificate issued at"), null=True, blank=True)

    objects = AttendanceQuerySet.as_manager()

    class Meta:
        verbose_name = _("attendance")
        verbose_name_plural = _("attendances")
        ordering = ["event", "participant__name"]
        constraints = [models.UniqueConstraint(fields=["event", "participant"], name="one_attendance_per_event")]
        # "Did this person attend an event?" answered from the index alone (the dashboard's and a country's counts).
        indexes = [models.Index(fields=["participant", "attended"], name="attendance_participant_idx")]

    def __str__(self):
        return f"{self.participant} – {self.event}"

    def clean(self):
        """Nobody can have attended an event still to come (the admin's forms; the portal's own pages refuse it in
        events.services): the attendee counts rely on it."""
        if self.attended and self.event_id and not self.event.has_taken_place:
            message = ATTENDANCE_TOO_EARLY % {"event": self.event.title, "date": self.event.period_label}
            raise ValidationError({"attended": message})


class AttendeeCount(models.Model):
    """How many people of a country (or of none) attended at least one event that has taken place, by professional
    group and gender: the staff dashboard's table (the sum over the countries) and a country page's, read as a few
    rows rather than counted over every participant. Kept up to date in the transaction of each change to an
    attendance, a participant or an event's date (events.counts)."""

    country = models.ForeignKey(Country, on_delete=models.CASCADE, null=True, related_name="+")
    professional_group = models.CharField(max_length=20, choices=ProfessionalGroup.choices)
    gender = models.CharField(max_length=10, choices=Gender.choices)
    attendees = models.PositiveIntegerField(default=0)

    class Meta:
        # One row per bucket; the people of no country have theirs (NULL is never equal to NULL in a unique index).
        constraints = [
            models.UniqueConstraint(
                fields=["country", "professional_group", "gender"],
                condition=Q(country__isnull=False),
                name="unique_attendee_count",
            ),
            models.UniqueConstraint(
                fields=["professional_group", "gender"],
                condition=Q(country__isnull=True),
                name="unique_attendee_count_without_country",
            ),
        ]

    def __str__(self):
        return f"{self.country_id}, {self.professional_group}, {self.gender}: {self.attendees}"


class EventCount(models.Model):
    """How many events of a kind began in a year: the staff dashboard's events per year by kind, read as a row per
    year and kind rather than counted over every event. Kept up to date in the transaction of each event's
    creation, deletion or change of date or kind (events.counts)."""

    year = models.PositiveSmallIntegerField()
    kind = models.CharField(max_length=20, choices=Event.Kind.choices)
    events = models.PositiveIntegerField(default=0)

    class Meta:
        constraints = [models.UniqueConstraint(fields=["year", "kind"], name="unique_event_count")]

    def __str__(self):
        return f"{self.year}, {self.kind}: {self.events}"


class CountedAttendee(models.Model):
    """A person AttendeeCount counts, with the country, group and gender they are counted under: what a change
    moves from one count to another."""

    participant = models.OneToOneField(Participant, on_delete=models.CASCADE, primary_key=True, related_name="+")
    country = models.ForeignKey(Country, on_delete=models.CASCADE, null=True, related_name="+")
    professional_group = models.CharField(max_length=20, choices=ProfessionalGroup.choices)
    gender = models.CharField(max_length=10, choices=Gender.choices)

    def __str__(self):
        return f"{self.participant_id}: {self.country_id}, {self.professional_group}, {self.gender}"
