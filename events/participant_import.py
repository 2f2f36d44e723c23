"""What a participant list to import holds: its columns, described for the import page, and an empty template."""

from dataclasses import dataclass

from django.utils.translation import gettext as _

from cjhp.lib.spreadsheets import xlsx_bytes
from events.models import Attendance, Gender, ProfessionalGroup
from events.services import KNOWN_COLUMNS, REQUIRED_COLUMNS

TEMPLATE_FILENAME = "participant-list.xlsx"


@dataclass(frozen=True)
class ImportColumn:
    name: str
    required: bool
    content: str


def _values(choices) -> str:
    return ", ".join(choices.values)


def participant_import_columns() -> list[ImportColumn]:
    """The columns in their order, in the reader's language."""
    content = {
        "name": _("The person's full name; every row needs one."),
        "email": _(
            "Finds a person already on file: the same email at another event is the same person. Leave the cell "
            "empty for someone without one."
        ),
        "organisation": _("Where the person works, for example the prison or the ministry."),
        "country": _("The ISO code of the country the person works in: MD, UA, GE…"),
        "professional_group": _("One of %(values)s.") % {"values": _values(ProfessionalGroup)},
        "gender": _("One of %(values)s.") % {"values": _values(Gender)},
        "role": _("One of %(values)s; participant when empty.") % {"values": _values(Attendance.Role)},
        "attended": _("yes or no; no when empty."),
    }
    return [ImportColumn(column, column in REQUIRED_COLUMNS, content[column]) for column in KNOWN_COLUMNS]


def participant_import_template() -> bytes:
    """An Excel workbook with the columns' names in its first row, ready to fill in."""
    return xlsx_bytes(KNOWN_COLUMNS, [], title=_("Participants"))
