"""The admin's imports (django-import-export), bounded as the portal's are: CSV and XLSX only, each file checked by
cjhp.lib.uploads before tablib or openpyxl reads it, at the preview and again at the confirmation."""

from django.core.exceptions import ValidationError
from django.utils.translation import gettext as _
from import_export.formats.base_formats import CSV, XLSX

from cjhp.lib import uploads

ADMIN_LIMITS = uploads.Limits(rows=20_000, cells=600_000, inflated=32 * uploads.MB)
MAX_FILE_SIZE = 10 * uploads.MB  # django-import-export reads the whole file into memory, twice


def within_size(upload) -> None:
    if upload.size > MAX_FILE_SIZE:
        raise ValidationError(_("The file is larger than %(size)s MB.") % {"size": MAX_FILE_SIZE // uploads.MB})


class BoundedCSV(CSV):
    def create_dataset(self, in_stream, **kwargs):
        uploads.check(in_stream.encode() if isinstance(in_stream, str) else in_stream, "csv", ADMIN_LIMITS)
        return super().create_dataset(in_stream, **kwargs)


class BoundedXLSX(XLSX):
    def create_dataset(self, in_stream):
        uploads.check(in_stream, "xlsx", ADMIN_LIMITS)
        return super().create_dataset(in_stream)


class BoundedImportMixin:
    """Before ImportExportModelAdmin: a refused file gets its reason on the form, not the generic "could not
    read"."""

    import_formats = [BoundedCSV, BoundedXLSX]

    def create_import_form(self, request):
        form = super().create_import_form(request)
        form.fields["import_file"].validators.append(within_size)
        return form

    def add_data_read_fail_error_to_form(self, form, e):
        if isinstance(e, uploads.UploadRefused):
            form.add_error("import_file", str(e))
        else:
            super().add_data_read_fail_error_to_form(form, e)
