"""The forms of the translators' workflow: upload a language's spreadsheet, then confirm with its provenance."""

from django import forms
from django.utils.translation import gettext_lazy as _

from checklists.definition.spreadsheets import FORMATS, MAX_FILE_SIZE, SpreadsheetUnreadable, read_dataset
from checklists.definition.translations import LANGUAGES, TranslationFileRefused, read_translation_plan
from checklists.languages import language_name
from checklists.models import Template, TemplateTranslation


class TranslationImportForm(forms.Form):
    language = forms.ChoiceField(label=_("Language"))
    file = forms.FileField(
        label=_("Spreadsheet"),
        help_text=_("The export of that language (.xlsx), with the translation column filled in."),
    )

    def __init__(self, *args, template: Template, **kwargs):
        super().__init__(*args, **kwargs)
        self.template = template
        self.fields["language"].choices = [(code, language_name(code)) for code in LANGUAGES]

    def clean_file(self):
        upload = self.cleaned_data["file"]
        extension = upload.name.rsplit(".", 1)[-1].lower() if "." in upload.name else ""
        if extension not in FORMATS:
            raise forms.ValidationError(_("The file must end in .xlsx (or .csv)."))
        if upload.size > MAX_FILE_SIZE:
            raise forms.ValidationError(_("The file is larger than 2 MB."))
        content = upload.read()
        try:
            self.dataset = read_dataset(content, extension)
        except SpreadsheetUnreadable as error:
            raise forms.ValidationError(str(error)) from None
        self.content, self.file_format = content, extension
        return upload

    def clean(self):
        data = super().clean()
        if hasattr(self, "dataset") and data.get("language"):
            try:
                self.plan = read_translation_plan(self.template, data["language"], self.dataset)
            except TranslationFileRefused as error:
                self.add_error("file", str(error))
        return data


class TranslationConfirmForm(forms.Form):
    provenance = forms.ChoiceField(
        label=_("Whose translation is it?"),
        choices=TemplateTranslation.Provenance.choices,
        widget=forms.RadioSelect,
    )
    note = forms.CharField(
        label=_("Note"),
        required=False,
        widget=forms.Textarea(attrs={"rows": 3}),
        help_text=_("Who translated it, and what is still uncertain."),
    )
