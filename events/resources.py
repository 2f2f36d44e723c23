"""Spreadsheets of events and participants (CSV or XLSX), for the admin and for an event's participant list."""

from django.core.exceptions import ValidationError
from django.db.models.functions import Lower
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from import_export import fields, resources, widgets

from countries.models import Country
from events.models import Attendance, Event, Gender, Participant, ProfessionalGroup


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
        for choice_value, label in self.choices.choices:
            if text.lower() in (choice_value.lower(), str(label).lower()):
                return choice_value
        allowed = ", ".join(self.choices.values)
        raise ValueError(
            _("Unknown %(what)s “%(value)s”: use one of %(allowed)s.")
            % {"what": self.what, "value": text, "allowed": allowed}
        )

    def render(self, value, obj=None, **kwargs):
        return value or ""


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
        fields = ["name", "email", "organisation", "country", "professional_group", "gender"]
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

    def before_import_row(self, row, **kwargs):
        for column in ("name", "email", "organisation"):
            if column in row:
                row[column] = str(row[column] or "").strip()
        if "email" in row:
            row["email"] = row["email"].lower()

    def import_field(self, field, instance, row, is_m2m=False, **kwargs):
        # A blank cell never erases what is on file about a known participant.
        if instance.pk and str(row.get(field.column_name) or "").strip() == "":
            return
        super().import_field(field, instance, row, is_m2m, **kwargs)

    def get_instance(self, instance_loader, row):
        # Without an email a row is a new person: staff merge duplicates by hand.
        if not row.get("email"):
            return None
        return self.on_file.get(row["email"])

    def validate_instance(self, instance, import_validation_errors=None, validate_unique=True):
        """The model's own checks; Participant.clean() already refuses an email on file for someone else, so the
        unique constraint is not checked a second time, nor the country the widget found (a query per row each on
        a large list)."""
        errors = dict(import_validation_errors or {})
        try:
            exclude = {*errors, "country"}
            instance.full_clean(exclude=exclude, validate_unique=False, validate_constraints=False)
        except ValidationError as error:
            errors = error.update_error_dict(errors)
        if errors:
            raise ValidationError(errors)

    def after_save_instance(self, instance, row, **kwargs):
        super().after_save_instance(instance, row, **kwargs)
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
    """

    role = fields.Field(column_name="role", readonly=True)
    attended = fields.Field(column_name="attended", readonly=True)

    class Meta(ParticipantResource.Meta):
        fields = [*ParticipantResource.Meta.fields, "role", "attended"]

    def before_import_row(self, row, **kwargs):
        super().before_import_row(row, **kwargs)
        errors = {}
        role = str(row.get("role") or "").strip().lower() or Attendance.Role.PARTICIPANT
        if role not in {value for value in Attendance.Role.values} | {
            str(label).lower() for label in Attendance.Role.labels
        }:
            errors["role"] = _("Unknown role “%(value)s”: use one of %(allowed)s.") % {
                "value": role,
                "allowed": ", ".join(Attendance.Role.values),
            }
        attended = str(row.get("attended") or "").strip().lower()
        if attended not in YES | NO:
            errors["attended"] = _("Write yes or no, not “%(value)s”.") % {"value": attended}
        row["_role"] = next(
            (value for value, label in Attendance.Role.choices if role in (value, str(label).lower())), role
        )
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
        self.registrations: dict[int, Attendance] = {}

    def after_save_instance(self, instance, row, **kwargs):
        super().after_save_instance(instance, row, **kwargs)
        attendance = self.registered.get(instance.pk) or Attendance(event=kwargs["event"], participant=instance)
        attendance.role, attendance.attended = row["_role"], row["_attended"]
        self.registrations[instance.pk] = attendance  # a person twice in the file: the last row counts

    def after_import(self, dataset, result, **kwargs):
        """Registers everyone in two statements, inside the import's transaction (all rows or none)."""
        super().after_import(dataset, result, **kwargs)
        if result.has_errors() or result.has_validation_errors():
            return
        new = [attendance for attendance in self.registrations.values() if attendance.pk is None]
        known = [attendance for attendance in self.registrations.values() if attendance.pk is not None]
        Attendance.objects.bulk_create(new, batch_size=1000)
        Attendance.objects.bulk_update(known, ["role", "attended"], batch_size=1000)


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


def _iso(value) -> str:
    return value.isoformat() if value else ""


class EventListResource(resources.Resource):
    """The events list as it shows: kind by its label, the country by name and code, ISO dates."""

    title = fields.Field(attribute="title", column_name="title")
    slug = fields.Field(attribute="slug", column_name="short name")
    kind = fields.Field(column_name="kind")
    period = fields.Field(column_name="period")
    starts_on = fields.Field(column_name="start")
    ends_on = fields.Field(column_name="end")
    city = fields.Field(attribute="city", column_name="city")
    country = fields.Field(column_name="country")
    country_code = fields.Field(column_name="country code")
    online = fields.Field(column_name="online")

    def dehydrate_kind(self, event):
        return event.get_kind_display()

    def dehydrate_period(self, event):
        return event.period_label

    def dehydrate_starts_on(self, event):
        return _iso(event.starts_on)

    def dehydrate_ends_on(self, event):
        return _iso(event.ends_on)

    def dehydrate_country(self, event):
        return event.country.name if event.country else ""

    def dehydrate_country_code(self, event):
        return event.country.code if event.country else ""

    def dehydrate_online(self, event):
        return _("yes") if event.online else _("no")


class ParticipantListResource(resources.Resource):
    """The participants list (staff only): one row per person, with how many events they registered for."""

    name = fields.Field(attribute="name", column_name="name")
    email = fields.Field(attribute="email", column_name="email")
    organisation = fields.Field(attribute="organisation", column_name="organisation")
    country = fields.Field(column_name="country")
    country_code = fields.Field(column_name="country code")
    professional_group = fields.Field(column_name="professional group")
    gender = fields.Field(column_name="gender")
    events = fields.Field(attribute="events", column_name="events")
    attended = fields.Field(attribute="attended", column_name="attended")

    def dehydrate_country(self, participant):
        return participant.country.name if participant.country else ""

    def dehydrate_country_code(self, participant):
        return participant.country.code if participant.country else ""

    def dehydrate_professional_group(self, participant):
        return participant.get_professional_group_display()

    def dehydrate_gender(self, participant):
        return participant.get_gender_display()
