"""The assessment and action item lists as spreadsheets: the rows the page shows, in words and ISO dates."""

from django.utils import timezone
from django.utils.translation import gettext as _

from checklists.languages import in_reader_language
from checklists.models import ActionItem, Assessment
from cjhp.lib.exports import ListExport, iso, labels


class AssessmentListResource(ListExport):
    """One row per assessment with its progress; `progress` maps assessment ids to their Progress. The views
    have loaded the assessments (with their country and round) to work out that progress: rows come from them."""

    headers = (
        "country",
        "country code",
        "round",
        "status",
        "questions",
        "answered",
        "answered %",
        "yes",
        "yes %",
        "deadline",
        "submitted on",
        "approved on",
    )

    def __init__(self, progress: dict):
        self.progress = progress

    def rows(self, assessments):
        statuses = labels(Assessment.Status)
        for assessment in assessments:
            progress = self.progress[assessment.pk]
            yield (
                assessment.country.name,
                assessment.country.code,
                assessment.round.name,
                statuses.get(assessment.status, assessment.status),
                progress.total,
                progress.answered,
                progress.answered_percent,
                progress.yes,
                progress.yes_percent,
                iso(assessment.round.deadline),
                iso(assessment.submitted_at),
                iso(assessment.approved_at),
            )


class ActionItemListResource(ListExport):
    """One row per action item, read as plain values: the list runs to thousands of rows."""

    headers = (
        "country",
        "country code",
        "round",
        "recommendation",
        "question",
        "what will be done",
        "who is responsible",
        "by when",
        "status",
        "overdue",
    )

    def rows(self, action_items):
        statuses = labels(ActionItem.Status)
        yes, no = _("yes"), _("no")
        today = timezone.localdate()
        values = action_items.values_list(
            "assessment__country__name",
            "assessment__country__code",
            "assessment__round__name",
            "recommendation__number",
            in_reader_language("recommendation__title"),
            "item__key",
            "description",
            "responsible",
            "due_date",
            "status",
        )
        for country, code, round_name, number, title, key, description, responsible, due, status in values:
            # As ActionItem.is_overdue: still open, and due before today.
            overdue = status in ActionItem.OPEN_STATUSES and due < today
            yield (
                country,
                code,
                round_name,
                f"{number}. {title}",  # as str(recommendation)
                key or "",
                description,
                responsible,
                iso(due),
                statuses.get(status, status),
                yes if overdue else no,
            )
