import copy
from functools import cached_property
from pathlib import PurePath

from django import forms
from django.conf import settings
from django.contrib.auth import get_user_model
from django.core.exceptions import ValidationError
from django.db.models import Exists, OuterRef, Q
from django.template.defaultfilters import filesizeformat
from django.utils.translation import gettext_lazy as _

from checklists.assessments.services import AnswerInput, SectionInput
from checklists.models import ActionItem, Answer, Assessment, AssessmentRound, Item
from cjhp.lib.forms import DateInput
from cjhp.lib.roles import programme_staff_users
from countries.forms import CountryChoiceField
from countries.models import Country, FocalPoint

EVIDENCE_EXTENSIONS = ["pdf", "doc", "docx", "xls", "xlsx", "odt", "ods", "png", "jpg", "jpeg", "txt", "csv"]


def validate_evidence_file(upload) -> None:
    name = PurePath(upload.name).name
    extension = PurePath(name).suffix.lower().lstrip(".")
    if extension not in EVIDENCE_EXTENSIONS:
        raise ValidationError(
            _(
                "“%(name)s” cannot be uploaded: send a PDF, Word (doc, docx), Excel (xls, xlsx), "
                "OpenDocument (odt, ods), PNG, JPG, TXT or CSV file."
            ),
            params={"name": name},
        )
    if upload.size > settings.FILE_UPLOAD_MAX_SIZE:
        raise ValidationError(
            _("“%(name)s” is %(size)s: files may be up to %(limit)s."),
            params={
                "name": name,
                "size": filesizeformat(upload.size),
                "limit": filesizeformat(settings.FILE_UPLOAD_MAX_SIZE),
            },
        )


VALUE_CHOICES = [(Answer.Value.YES, _("Yes")), (Answer.Value.NO, _("No")), ("", _("Not yet"))]


class SectionForm(forms.Form):
    """One section's answers and comments, with the version of the section it was loaded at.

    Each question has the fields of `question_fields`, named "q<item pk>-<name>" (see question_key). The assessment
    page draws them with templates/checklists/includes/question_inputs.html, which takes each input's label, choices,
    size and limits from question_layout and its name, value and errors from question_inputs().
    """

    version = forms.IntegerField(widget=forms.HiddenInput, min_value=0)
    # A question's fields, copied for each question as Django copies declared fields; "remove_file" only where the
    # answer has a file. The value field's label is the question's text.
    question_fields = {
        "value": forms.ChoiceField(choices=VALUE_CHOICES, required=False, widget=forms.RadioSelect),
        "note": forms.CharField(label=_("Note"), required=False, widget=forms.Textarea(attrs={"rows": 2})),
        "link": forms.URLField(label=_("Evidence link"), required=False, max_length=500, assume_scheme="https"),
        "file": forms.FileField(label=_("Evidence file"), required=False, validators=[validate_evidence_file]),
        "remove_file": forms.BooleanField(label=_("Remove the file"), required=False),
    }

    def __init__(
        self, *args, section, questions: list[Item], answers: dict, comments: str = "", version: int = 0, **kwargs
    ):
        super().__init__(*args, prefix=f"s{section.pk}", initial={"version": version, "comments": comments}, **kwargs)
        self.section = section
        self.questions = questions
        for item in questions:
            answer = answers.get(item.pk)
            initial = self._answer_values(answer)
            for name in self._question_field_names(answer):
                field = copy.deepcopy(self.question_fields[name])
                field.initial = initial.get(name)
                self.fields[self.question_key(item, name)] = field
            self.fields[self.question_key(item, "value")].label = item.text
        if section.has_comments:
            self.fields["comments"] = forms.CharField(
                label=_("Comments"), required=False, widget=forms.Textarea(attrs={"rows": 3})
            )

    @classmethod
    def for_display(cls, *, section, comments: str, version: int) -> "SectionForm":
        """The section's form as the page first shows it: unbound, with its version and comments fields only. The
        page draws each question's inputs from its answer (question_inputs), without building fields and widgets
        for them; a form that takes the input is built with every question (see __init__)."""
        return cls(section=section, questions=[], answers={}, comments=comments, version=version)

    @cached_property
    def question_layout(self) -> dict:
        """What every question's inputs share, by field name, read from question_fields once per form: the label with
        the form's suffix (none after a checkbox), the input's type, the widget's attributes (sizes, limits) and the
        value's choices. A page draws hundreds of questions: plain strings, not the fields' lazy translations, looked
        up for each."""
        layout = {}
        for name, field in self.question_fields.items():
            input_type = getattr(field.widget, "input_type", "")
            # A checkbox's label follows it, with no colon (as Django's own forms write it).
            suffix = "" if input_type == "checkbox" else self.label_suffix
            layout[name] = {
                "label": f"{field.label}{suffix}" if field.label else "",
                "type": input_type,
                "attrs": [(attr, str(value)) for attr, value in field.widget.attrs.items()],
            }
        layout["value"]["choices"] = [
            (str(value), str(label)) for value, label in self.question_fields["value"].choices
        ]
        return layout

    @staticmethod
    def question_key(item: Item, name: str) -> str:
        return f"q{item.pk}-{name}"

    @staticmethod
    def _answer_values(answer: Answer | None) -> dict:
        if answer is None:
            return {}
        return {"value": answer.value, "note": answer.note, "link": answer.evidence_link}

    def _question_field_names(self, answer: Answer | None) -> list[str]:
        has_file = bool(answer and answer.evidence_file)
        return [name for name in self.question_fields if name != "remove_file" or has_file]

    def question_inputs(self, item: Item, answer: Answer | None) -> dict:
        """A question's inputs by field name, each with its `name`, `id`, `value` and `errors`: what was posted,
        with its errors, when this form took the question's input; otherwise the answer's, without building a
        bound field for each question of the page as loaded."""
        inputs = {}
        if self.is_bound and self.question_key(item, "value") in self.fields:
            for name in self.question_fields:
                if (key := self.question_key(item, name)) in self.fields:
                    field = self[key]
                    inputs[name] = {"name": field.html_name, "id": field.auto_id, "value": field.value()}
                    inputs[name]["errors"] = field.errors
        else:
            values = self._answer_values(answer)
            for name in self._question_field_names(answer):
                html_name = self.add_prefix(self.question_key(item, name))
                inputs[name] = {"name": html_name, "id": self.auto_id % html_name, "value": values.get(name)}
                inputs[name]["errors"] = ()
        # The radio button of no answer yet is the one whose value is "".
        inputs["value"]["value"] = str(inputs["value"]["value"] or "")
        return inputs

    def with_version(self, version: int) -> "SectionForm":
        """The same input, to be saved again on top of a newer version once the person has seen the changes."""
        data = self.data.copy()
        data[self.add_prefix("version")] = str(version)
        self.data = data
        return self

    def section_input(self) -> SectionInput:
        data = self.cleaned_data
        answers = {}
        for item in self.questions:
            given = {name: data.get(self.question_key(item, name)) for name in self.question_fields}
            answers[item.pk] = AnswerInput(
                value=given["value"],
                note=given["note"].strip(),
                evidence_link=given["link"],
                evidence_file=given["file"] or None,
                remove_file=bool(given["remove_file"]),
            )
        return SectionInput(version=data["version"], comments=data.get("comments", "").strip(), answers=answers)


class ReturnForm(forms.Form):
    message = forms.CharField(
        label=_("What should the country fix?"),
        widget=forms.Textarea(attrs={"rows": 4}),
        error_messages={"required": _("Write what the country should fix before returning the assessment.")},
    )

    def __init__(self, *args, questions: list[Item], **kwargs):
        super().__init__(*args, **kwargs)
        self.questions = questions
        for item in questions:
            self.fields[f"q{item.pk}"] = forms.CharField(
                label=_("Comment on %(key)s") % {"key": item.key},
                required=False,
                widget=forms.Textarea(attrs={"rows": 2}),
            )

    def question_messages(self) -> dict:
        return {item: self.cleaned_data[f"q{item.pk}"] for item in self.questions if self.cleaned_data[f"q{item.pk}"]}


class ApproveForm(forms.Form):
    message = forms.CharField(label=_("Message (optional)"), required=False, widget=forms.Textarea(attrs={"rows": 2}))


class ReopenForm(forms.Form):
    reason = forms.CharField(
        label=_("Why reopen it?"),
        widget=forms.Textarea(attrs={"rows": 2}),
        error_messages={"required": _("Give the reason for reopening the assessment.")},
    )


def assignable_users(assessment: Assessment, *, keep: int | None = None):
    """Who an action item of this assessment may be given to: the country's serving focal points and programme
    staff (active), and the one it is given to already, so that an unchanged save stays valid."""
    User = get_user_model()
    serving = FocalPoint.objects.active().filter(country=assessment.country_id).values("user_id")
    allowed = Q(is_active=True) & (Q(pk__in=serving) | Q(pk__in=programme_staff_users().order_by().values("pk")))
    if keep:
        allowed |= Q(pk=keep)
    return User.objects.filter(allowed).order_by("first_name", "last_name", "username")


class ActionItemForm(forms.ModelForm):
    class Meta:
        model = ActionItem
        fields = ["recommendation", "item", "description", "responsible", "assignee", "due_date", "status"]
        widgets = {"due_date": DateInput(), "description": forms.Textarea(attrs={"rows": 3})}
        help_texts = {"item": _("Optional: a question this assessment answered No.")}
        error_messages = {
            "assignee": {"invalid_choice": _("Choose one of the country’s focal points or a programme staff member.")}
        }

    def __init__(self, *args, assessment: Assessment, **kwargs):
        super().__init__(*args, **kwargs)
        template = assessment.round.template_id
        self.fields["recommendation"].queryset = self.fields["recommendation"].queryset.filter(template=template)
        self.fields["recommendation"].required = False
        answered_no = Answer.objects.filter(assessment=assessment, value=Answer.Value.NO).values("item_id")
        items = Item.objects.filter(section__recommendation__template=template, pk__in=answered_no)
        if self.instance.item_id:
            items = items | Item.objects.filter(pk=self.instance.item_id)
        self.fields["item"].queryset = items.order_by("section__recommendation__number", "section__order", "order")
        if self.initial.get("item") and not self.initial.get("recommendation"):
            # Started from a question: its recommendation is the one the action item is about.
            recommendation = items.filter(pk=self.initial["item"]).values_list("section__recommendation", flat=True)
            self.initial["recommendation"] = recommendation.first()
        self.fields["item"].label_from_instance = lambda item: f"{item.key} {item.text[:90]}"
        self.fields["assignee"].queryset = assignable_users(assessment, keep=self.instance.assignee_id)
        self.fields["assignee"].empty_label = _("Nobody")

    def clean(self):
        data = super().clean()
        recommendation, item = data.get("recommendation"), data.get("item")
        if item and not recommendation:
            data["recommendation"] = item.section.recommendation
        elif item and item.section.recommendation_id != recommendation.pk:
            self.add_error("item", _("This question belongs to another recommendation."))
        elif not recommendation and not self.has_error("item"):
            self.add_error("recommendation", _("Choose the recommendation, or a question answered No."))
        return data


def set_country_and_round_choices(form, visible) -> None:
    """The form's country and round choices: those of the `visible` assessments, each found by an index probe for
    one of them (not a join over every assessment made distinct). The choices show names only: only() them."""
    form.fields["country"].queryset = Country.objects.filter(Exists(visible.filter(country=OuterRef("pk")))).only(
        "name", "code"
    )
    form.fields["round"].queryset = AssessmentRound.objects.filter(Exists(visible.filter(round=OuterRef("pk")))).only(
        "name", "opens_on"
    )


class AssessmentFilterForm(forms.Form):
    country = CountryChoiceField(
        label=_("Country"), queryset=Country.objects.none(), required=False, empty_label=_("All")
    )
    round = forms.ModelChoiceField(
        label=_("Round"), queryset=AssessmentRound.objects.all(), required=False, empty_label=_("All")
    )
    status = forms.ChoiceField(label=_("Status"), choices=[("", _("All")), *Assessment.Status.choices], required=False)

    def __init__(self, *args, visible, **kwargs):
        """`visible`: the assessments this person may see; the choices are their countries and rounds."""
        super().__init__(*args, **kwargs)
        set_country_and_round_choices(self, visible)

    def filter_qs(self, qs):
        if not self.is_valid():
            return qs
        if self.cleaned_data["country"]:
            qs = qs.filter(country=self.cleaned_data["country"])
        if self.cleaned_data["round"]:
            qs = qs.filter(round=self.cleaned_data["round"])
        if self.cleaned_data["status"]:
            qs = qs.filter(status=self.cleaned_data["status"])
        return qs


class ActionItemFilterForm(forms.Form):
    country = CountryChoiceField(
        label=_("Country"), queryset=Country.objects.none(), required=False, empty_label=_("All")
    )
    round = forms.ModelChoiceField(
        label=_("Round"), queryset=AssessmentRound.objects.none(), required=False, empty_label=_("All")
    )
    status = forms.ChoiceField(label=_("Status"), choices=[("", _("All")), *ActionItem.Status.choices], required=False)
    overdue = forms.BooleanField(label=_("Overdue only"), required=False)
    responsible = forms.CharField(label=_("Who is responsible"), required=False)

    def __init__(self, *args, user, **kwargs):
        super().__init__(*args, **kwargs)
        # Only the countries and rounds of the assessments this person may see.
        set_country_and_round_choices(self, Assessment.objects.visible_to(user))

    def filter_qs(self, qs, *, today):
        if not self.is_valid():
            return qs
        data = self.cleaned_data
        if data["country"]:
            qs = qs.filter(assessment__country=data["country"])
        if data["round"]:
            qs = qs.filter(assessment__round=data["round"])
        if data["status"]:
            qs = qs.filter(status=data["status"])
        if data["overdue"]:
            qs = qs.overdue(today)
        if data["responsible"].strip():
            qs = qs.filter(responsible__icontains=data["responsible"].strip())
        return qs


class AlsoShownForm(forms.Form):
    """Staff's choice of a second language shown beside the questions (`?also=ro`): a checklist language."""

    also = forms.ChoiceField(choices=settings.CHECKLIST_LANGUAGES, required=False)

    def language(self) -> str:
        return self.cleaned_data["also"] if self.is_valid() else ""
