"""The forms of the translators' workflow: upload a language's spreadsheet, then confirm with its provenance."""

from django import forms
from django.utils.translation import gettext_lazy as _

from checklists.definition.forms import SpreadsheetUploadForm
from checklists.definition.translations import LANGUAGES, TranslationFileRefused, read_translation_plan
from checklists.languages import language_name
from checklists.models import Template, TemplateTranslation


class TranslationImportForm(SpreadsheetUploadForm):
    language = forms.ChoiceField(label=_("Language"))
    file = forms.FileField(
        label=_("Spreadsheet"),
        help_text=_("The export of that language (.xlsx), with the translation column filled in."),
    )

    def __init__(self, *args, template: Template, **kwargs):
        super().__init__(*args, **kwargs)
        self.template = template
        self.fields["language"].choices = [(code, language_name(code)) for code in LANGUAGES]

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
