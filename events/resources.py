"""Spreadsheets of events and participants (CSV or XLSX), for the admin and for an event's participant list."""

from functools import cache

from django.core.exceptions import ValidationError
from django.db import transaction
from django.db.models.functions import Lower
from django.utils.translation import get_language, gettext_lazy
from django.utils.translation import gettext as _
from import_export import fields, resources, widgets

from cjhp.lib.exports import ListExport, iso, labels
from countries.models import Country
from events import counts
from events.models import Attendance, Event, Gender, Participant, ProfessionalGroup, erased_name


class CountryCodeWidget(widgets.ForeignKeyWidget):
    """A country by its ISO code (MD, GE...), with a message that names the unknown code."""

    def __init__(self):
        super().__init__(Country, field="code")
        self.by_code: dict[str, Country] | None = None  # loaded once per import, not once per row

    def clean(self, value, row=None, **kwargs):
        code = str(value or "").strip().upper()
        if not code:
            return None
        if self.by_code is None:
            self.by_code = {country.code: country for country in Country.objects.all()}
        if code not in self.by_code:
            raise ValueError(_("Unknown country code “%(code)s”.") % {"code": code})
        return self.by_code[code]


def choice_lookup(choices) -> dict[str, str]:
    """Each choice's value by its value and by its label (in the active language), in lower case; the earlier
    choice wins where two spell the same. Made once per language, not once per row of a large list."""
    return _choice_lookup(choices, get_language())


@cache
def _choice_lookup(choices, language: str | None) -> dict[str, str]:
    lookup: dict[str, str] = {}
    for value, label in choices.choices:
        lookup.setdefault(value.lower(), value)
        lookup.setdefault(str(label).lower(), value)
    return lookup


class ChoiceWidget(widgets.Widget):
    """A choice given by its value ("female") or its English label ("Female"), in any case."""

    def __init__(self, choices, what: str, default: str = ""):
        self.choices = choices
        self.what = what
        self.default = default
        super().__init__()

    def clean(self, value, row=None, **kwargs):
        text = str(value or "").strip()
        if not text:
            return self.default
        if (found := choice_lookup(self.choices).get(text.lower())) is not None:
            return found
        allowed = ", ".join(self.choices.values)
        raise ValueError(
            _("Unknown %(what)s “%(value)s”: use one of %(allowed)s.")
            % {"what": self.what, "value": text, "allowed": allowed}
        )

    def render(self, value, obj=None, **kwargs):
        return value or ""


PARTICIPANT_FIELDS = ["name", "email", "organisation", "country", "professional_group", "gender"]


class ParticipantResource(resources.ModelResource):
    """Participants, one row each, matched on their email."""

    email = fields.Field(attribute="email", column_name="email", widget=widgets.CharWidget())
    country = fields.Field(attribute="country", column_name="country", widget=CountryCodeWidget())
    professional_group = fields.Field(
        attribute="professional_group",
        column_name="professional_group",
        widget=ChoiceWidget(ProfessionalGroup, gettext_lazy("professional group"), ProfessionalGroup.OTHER),
    )
    gender = fields.Field(
        attribute="gender", column_name="gender", widget=ChoiceWidget(Gender, gettext_lazy("gender"), Gender.OTHER)
    )

    class Meta:
        model = Participant
        import_id_fields = ["email"]
        fields = PARTICIPANT_FIELDS
        export_order = fields
        clean_model_instances = True
        use_transactions = True
        skip_diff = True

    def before_import(self, dataset, **kwargs):
        """Loads the participants on file whose email the file names: one query per 500 emails, not one per row."""
        super().before_import(dataset, **kwargs)
        emails = sorted({str(email or "").strip().lower() for email in dataset["email"]} - {""})
        self.on_file: dict[str, Participant] = {}
        for start in range(0, len(emails), 500):
            found = Participant.objects.annotate(lower_email=Lower("email")).filter(
                lower_email__in=emails[start : start + 500]
            )
            self.on_file |= {participant.lower_email: participant for participant in found}
        self.saved: set[int] = set()  # id() of each participant saved, or queued to be saved, by an earlier row

    def before_import_row(self, row, **kwargs):
        for column in ("name", "email", "organisation"):
            if column in row:
                row[column] = str(row[column] or "").strip()
        if "email" in row:
            row["email"] = row["email"].lower()

    def import_field(self, field, instance, row, is_m2m=False, **kwargs):
        # A blank cell never erases what is on file about a known participant, nor what an earlier row gave.
        if (instance.pk or id(instance) in self.saved) and str(row.get(field.column_name) or "").strip() == "":
            return
        super().import_field(field, instance, row, is_m2m, **kwargs)

    def get_instance(self, instance_loader, row):
        # Without an email a row is a new person: staff merge duplicates by hand.
        if not row.get("email"):
            return None
        return self.on_file.get(row["email"])

    def validate_instance(self, instance, import_validation_errors=None, validate_unique=True):
        """The model's field checks, and Participant.clean()'s rule that an email belongs to one person checked
        against the participants before_import() loaded (and the rows saved since) instead of by a query per
        row. The unique constraint is not checked a second time, nor the country the widget found."""
        errors = dict(import_validation_errors or {})
        try:
            instance.clean_fields(exclude={*errors, "country"})
        except ValidationError as error:
            errors = error.update_error_dict(errors)
        instance.email = instance.email.strip().lower()
        holder = self.on_file.get(instance.email) if instance.email else None
        if "email" not in errors and holder is not None and holder is not instance:
            errors["email"] = [_("Another participant already has this email.")]
        if errors:
            raise ValidationError(errors)

    def after_save_instance(self, instance, row, **kwargs):
        super().after_save_instance(instance, row, **kwargs)
        self.saved.add(id(instance))
        if instance.email:
            self.on_file[instance.email] = instance  # the same email further down the file is the same person

    def dehydrate_country(self, participant):
        return participant.country.code if participant.country else ""

    def get_export_queryset(self, request=None):
        return super().get_export_queryset(request).select_related("country")


YES = {"yes", "y", "true", "1", "x", "oui"}
NO = {"no", "n", "false", "0", "", "non"}


class EventParticipantResource(ParticipantResource):
    """An event's participant list: each row a participant, with their role and whether they attended.

    Pass `event=` to import_data(). A row whose email is already on file updates that participant and registers
    them: the same person is never recorded twice.

    Every row is read and checked in turn, but the participants and their registrations are written together
    once the last row is checked (`use_bulk`), in a few statements instead of a savepoint and a write per row.
    All of it runs in the import's transaction: a bad row, or a failed write, leaves the database as it was.
    """

    role = fields.Field(column_name="role", readonly=True)
    attended = fields.Field(column_name="attended", readonly=True)

    BATCH_SIZE = 1000  # rows per INSERT or UPDATE statement

    class Meta(ParticipantResource.Meta):
        fields = [*ParticipantResource.Meta.fields, "role", "attended"]
        use_bulk = True
        batch_size = None  # nothing is written before the last row is checked: see bulk_create()

    def before_import_row(self, row, **kwargs):
        super().before_import_row(row, **kwargs)
        errors = {}
        role = str(row.get("role") or "").strip().lower() or Attendance.Role.PARTICIPANT
        if role not in (roles := choice_lookup(Attendance.Role)):
            errors["role"] = _("Unknown role “%(value)s”: use one of %(allowed)s.") % {
                "value": role,
                "allowed": ", ".join(Attendance.Role.values),
            }
        attended = str(row.get("attended") or "").strip().lower()
        if attended not in YES | NO:
            errors["attended"] = _("Write yes or no, not “%(value)s”.") % {"value": attended}
        elif attended in YES and not kwargs["event"].has_taken_place:
            errors["attended"] = _("The event has not taken place yet: nobody can have attended it.")
        row["_role"] = roles.get(role, role)
        row["_attended"] = attended in YES
        row["_errors"] = errors

    def import_instance(self, instance, row, **kwargs):
        errors = dict(row.get("_errors") or {})
        try:
            super().import_instance(instance, row, **kwargs)
        except ValidationError as error:
            errors.update(error.message_dict)
        if errors:
            raise ValidationError(errors)

    def validate_instance(self, instance, import_validation_errors=None, validate_unique=True):
        errors = dict(import_validation_errors or {})
        # role and attended are not model fields: checked above, reported next to the model's own errors.
        extra = {key: errors.pop(key) for key in ("role", "attended") if key in errors}
        try:
            super().validate_instance(instance, errors, validate_unique)
        except ValidationError as error:
            raise ValidationError({**error.message_dict, **extra}) from None
        if extra:
            raise ValidationError(extra)

    def before_import(self, dataset, **kwargs):
        super().before_import(dataset, **kwargs)
        self.registered = {
            attendance.participant_id: attendance for attendance in Attendance.objects.filter(event=kwargs["event"])
        }
        # id() of each participant -> (participant, role, attended): a person twice in the file, the last row counts
        self.registrations: dict[int, tuple[Participant, str, bool]] = {}
        self.created: set[int] = set()  # id() of the participants bulk_create() wrote
        self.as_on_file = {participant.pk: self._values(participant) for participant in self.on_file.values()}

    def after_save_instance(self, instance, row, **kwargs):
        super().after_save_instance(instance, row, **kwargs)
        self.registrations[id(instance)] = (instance, row["_role"], row["_attended"])

    def get_bulk_update_fields(self):
        return PARTICIPANT_FIELDS

    def bulk_create(self, using_transactions, dry_run, raise_errors, batch_size=None, result=None):
        """The new participants, after the last row; the database gives each its id (RETURNING)."""
        self.created = {id(instance) for instance in self.create_instances}
        self._bulk_write(
            lambda: Participant.objects.bulk_create(self.create_instances, batch_size=self.BATCH_SIZE),
            self.create_instances,
            dry_run and not using_transactions,  # as django-import-export: no transaction, no write
            raise_errors,
            result,
        )

    def bulk_update(self, using_transactions, dry_run, raise_errors, batch_size=None, result=None):
        """The participants on file. Someone new in this file and named again further down is written once, by
        bulk_create(), with what the last row said."""
        fields = self.get_bulk_update_fields()
        # Only those the file changed: a list sent again, or people known from other events, change little.
        known = [
            participant
            for participant in {id(p): p for p in self.update_instances if id(p) not in self.created}.values()
            if self._values(participant) != self.as_on_file.get(participant.pk)
        ]
        self._bulk_write(
            lambda: Participant.objects.bulk_update(known, fields, batch_size=self.BATCH_SIZE),
            self.update_instances,
            dry_run and not using_transactions,  # as django-import-export: no transaction, no write
            raise_errors,
            result,
        )

    @staticmethod
    def _values(participant: Participant) -> tuple:
        return tuple(getattr(participant, Participant._meta.get_field(name).attname) for name in PARTICIPANT_FIELDS)

    def _bulk_write(self, write, instances: list, skip: bool, raise_errors, result):
        if instances and not skip:
            try:
                # A savepoint of its own: a failed statement is reported (result.base_errors), and the import's
                # transaction, rolled back because of it, stays usable.
                with transaction.atomic():
                    write()
            except Exception as error:
                self.handle_import_error(result, error, raise_errors)
        instances.clear()

    def after_import(self, dataset, result, **kwargs):
        """Registers everyone in two statements, inside the import's transaction (all rows or none)."""
        super().after_import(dataset, result, **kwargs)
        if result.has_errors() or result.has_validation_errors():
            return
        new, known = [], []
        for participant, role, attended in self.registrations.values():
            attendance = self.registered.get(participant.pk)
            if attendance is None:
                new.append(Attendance(event=kwargs["event"], participant=participant, role=role, attended=attended))
            else:
                attendance.role, attendance.attended = role, attended
                known.append(attendance)
        Attendance.objects.bulk_create(new, batch_size=self.BATCH_SIZE)
        Attendance.objects.bulk_update(known, ["role", "attended"], batch_size=self.BATCH_SIZE)
        # Written in bulk, without signals: the attendee counts learn of everyone the list named.
        counts.recount(participant.pk for participant, _role, _attended in self.registrations.values())


class EventResource(resources.ModelResource):
    country = fields.Field(attribute="country", column_name="country", widget=CountryCodeWidget())

    class Meta:
        model = Event
        import_id_fields = ["slug"]
        fields = [
            "slug",
            "title",
            "kind",
            "starts_on",
            "start_precision",
            "ends_on",
            "end_precision",
            "city",
            "country",
            "online",
            "venue",
            "summary",
            "source",
        ]
        export_order = fields
        clean_model_instances = True
        use_transactions = True
        skip_unchanged = True

    def dehydrate_country(self, event):
        return event.country.code if event.country else ""

    def get_export_queryset(self, request=None):
        return super().get_export_queryset(request).select_related("country")


class EventListResource(ListExport):
    """The events list as it shows: kind by its label, the country by name and code, ISO dates."""

    headers = ("title", "short name", "kind", "period", "start", "end", "city", "country", "country code", "online")

    def rows(self, events):
        kinds = labels(Event.Kind)
        yes, no = _("yes"), _("no")
        fields = ["title", "slug", "kind", "starts_on", "start_precision", "ends_on", "end_precision", "city"]
        for event in events.values_list(*fields, "country__name", "country__code", "online", named=True):
            period = Event(
                starts_on=event.starts_on,
                start_precision=event.start_precision,
                ends_on=event.ends_on,
                end_precision=event.end_precision,
            ).period_label
            yield (
                event.title,
                event.slug,
                kinds.get(event.kind, event.kind),
                period,
                iso(event.starts_on),
                iso(event.ends_on),
                event.city,
                event.country__name or "",
                event.country__code or "",
                yes if event.online else no,
            )


class ParticipantListResource(ListExport):
    """The participants list (staff only): one row per person, with how many events they registered for and
    attended (the `events` and `attended` the list view annotates)."""

    headers = (
        "name",
        "email",
        "organisation",
        "country",
        "country code",
        "professional group",
        "gender",
        "events",
        "attended",
    )

    def rows(self, participants):
        groups, genders = labels(ProfessionalGroup), labels(Gender)
        values = participants.values_list(
            "pk",
            "erased_at",
            "name",
            "email",
            "organisation",
            "country__name",
            "country__code",
            "professional_group",
            "gender",
            "events",
            "attended",
        )
        for pk, erased_at, name, email, organisation, country, code, group, gender, events, attended in values:
            yield (
                erased_name(pk) if erased_at else name,
                email,
                organisation,
                country or "",
                code or "",
                groups.get(group, group),
                genders.get(gender, gender),
                str(events),  # text, as the export has always given them
                str(attended),
            )
