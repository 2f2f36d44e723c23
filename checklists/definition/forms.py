from django import forms
from django.utils.translation import gettext_lazy as _

from checklists.definition.services import key_taken, key_taken_message
from checklists.definition.spreadsheets import FORMATS, MAX_FILE_SIZE, SpreadsheetUnreadable, read_dataset, with_version
from checklists.languages import ReferenceTextForm
from checklists.models import Item, Recommendation, Section, Template


class TemplateForm(forms.ModelForm):
    class Meta:
        model = Template
        fields = ["name", "version", "source", "note"]
        widgets = {"source": forms.Textarea(attrs={"rows": 3}), "note": forms.Textarea(attrs={"rows": 4})}

    def validate_constraints(self):
        # The clean() below says it more clearly than the constraint's generic message.
        pass

    def clean(self):
        data = super().clean()
        name, version = data.get("name"), data.get("version")
        if name and version:
            others = Template.objects.filter(name=name, version=version).exclude(pk=self.instance.pk)
            if others.exists():
                self.add_error(
                    "version",
                    _("Version “%(version)s” of “%(name)s” already exists.") % {"version": version, "name": name},
                )
        return data


class NewVersionForm(forms.Form):
    version = forms.CharField(
        label=_("Name of the new version"), max_length=100, help_text=_("For example “2023 official checklist”.")
    )

    def __init__(self, *args, template: Template, **kwargs):
        super().__init__(*args, **kwargs)
        self.template = template

    def clean_version(self):
        version = self.cleaned_data["version"].strip()
        if Template.objects.filter(name=self.template.name, version=version).exists():
            raise forms.ValidationError(
                _("Version “%(version)s” of this template already exists.") % {"version": version}
            )
        return version


class RecommendationForm(ReferenceTextForm, forms.ModelForm):
    class Meta:
        model = Recommendation
        fields = ["number", "title", "text"]
        widgets = {"text": forms.Textarea(attrs={"rows": 4})}

    def __init__(self, *args, template: Template, **kwargs):
        super().__init__(*args, **kwargs)
        self.instance.template = template
        self.fields["number"].min_value = 1
        self.fields["number"].widget.attrs["min"] = 1

    def clean_number(self):
        number = self.cleaned_data["number"]
        others = self.instance.template.recommendations.filter(number=number).exclude(pk=self.instance.pk)
        if others.exists():
            raise forms.ValidationError(
                _("Recommendation %(number)s already exists in this template.") % {"number": number}
            )
        return number


class SectionForm(ReferenceTextForm, forms.ModelForm):
    class Meta:
        model = Section
        fields = ["recommendation", "number", "title", "drafted_from_recommendation", "has_comments"]

    def __init__(self, *args, template: Template, **kwargs):
        super().__init__(*args, **kwargs)
        self.template = template
        self.fields["recommendation"].queryset = template.recommendations.all()
        self.fields["recommendation"].empty_label = None

    def clean_number(self):
        number = self.cleaned_data["number"].strip()
        others = Section.objects.filter(recommendation__template=self.template, number=number)
        if others.exclude(pk=self.instance.pk).exists():
            raise forms.ValidationError(_("Section %(number)s already exists in this template.") % {"number": number})
        return number


class ItemForm(ReferenceTextForm, forms.ModelForm):
    class Meta:
        model = Item
        fields = ["key", "text", "help_text", "is_heading", "parent"]
        widgets = {"text": forms.Textarea(attrs={"rows": 3}), "help_text": forms.Textarea(attrs={"rows": 2})}
        labels = {"is_heading": _("Heading (its sub-questions are answered, not the heading itself)")}
        help_texts = {"parent": _("Sub-questions sit under a heading of the same section.")}

    def __init__(self, *args, section: Section, **kwargs):
        super().__init__(*args, **kwargs)
        self.instance.section = section
        headings = section.items.filter(is_heading=True, parent=None)
        if self.instance.pk:
            headings = headings.exclude(pk=self.instance.pk)
        self.fields["parent"].queryset = headings
        self.fields["parent"].label = _("Under the heading")
        self.fields["parent"].empty_label = _("(none: a question or heading of its own)")

    def validate_constraints(self):
        # Keys are checked against the whole template in clean_key(), more strictly than the constraint.
        pass

    def clean_key(self):
        key = self.cleaned_data["key"].strip()
        taken = key_taken(template=self.instance.section.recommendation.template, key=key, exclude_pk=self.instance.pk)
        if taken:
            raise forms.ValidationError(key_taken_message(taken))
        return key

    def clean(self):
        data = super().clean()
        has_subitems = self.instance.pk and self.instance.subitems.exists()
        if has_subitems and not data.get("is_heading"):
            self.add_error("is_heading", _("This item has sub-questions, so it must stay a heading."))
        if data.get("parent") and data.get("is_heading"):
            self.add_error("parent", _("A heading cannot sit under another heading."))
        return data


class SpreadsheetUploadForm(forms.Form):
    """An uploaded CSV or XLSX file, read: `dataset` its rows, `content` and `file_format` to sign it into the
    preview's token. Subclasses declare the `file` field with their own label and help."""

    def clean_file(self):
        upload = self.cleaned_data["file"]
        extension = upload.name.rsplit(".", 1)[-1].lower() if "." in upload.name else ""
        if extension not in FORMATS:
            raise forms.ValidationError(_("The file must end in .csv or .xlsx."))
        if upload.size > MAX_FILE_SIZE:
            raise forms.ValidationError(_("The file is larger than 2 MB."))
        content = upload.read()
        try:
            self.dataset = read_dataset(content, extension)
        except SpreadsheetUnreadable as error:
            raise forms.ValidationError(str(error)) from None
        self.content, self.file_format = content, extension
        return upload


class TemplateImportForm(SpreadsheetUploadForm):
    file = forms.FileField(
        label=_("Spreadsheet"),
        help_text=_("A CSV (UTF-8) or Excel (.xlsx) file with one row per item, as the export gives it."),
    )
    previous = forms.ModelChoiceField(
        label=_("Compare with, and record as the previous version"),
        queryset=Template.objects.all(),
        required=False,
        empty_label=_("(none: a new template)"),
    )
    version = forms.CharField(
        label=_("Version name"),
        max_length=100,
        required=False,
        help_text=_(
            "Leave empty to use the version column of the file; fill it to import the file under another name."
        ),
    )

    def clean(self):
        data = super().clean()
        if hasattr(self, "dataset") and data.get("version", "").strip():
            self.dataset = with_version(self.dataset, data["version"].strip())
        return data
