from django import forms
from django.utils.translation import gettext_lazy as _


class WorkbookUploadForm(forms.Form):
    file = forms.FileField(
        label=_("Filled workbook"),
        help_text=_("The .xlsx file downloaded from this page, up to 5 MB."),
    )

    def clean_file(self):
        upload = self.cleaned_data["file"]
        if not upload.name.lower().endswith(".xlsx"):
            raise forms.ValidationError(
                _(
                    "“%(name)s” is not an Excel workbook (.xlsx): open it in your spreadsheet program, save it as "
                    "Excel .xlsx and upload that file."
                )
                % {"name": upload.name}
            )
        if upload.size > 5 * 1024 * 1024:
            raise forms.ValidationError(_("The file is larger than 5 MB."))
        return upload
