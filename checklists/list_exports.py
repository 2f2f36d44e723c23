"""The assessment and action item lists as spreadsheets: the rows the page shows, in words and ISO dates."""

from django.utils import timezone
from django.utils.translation import gettext as _
from import_export import fields, resources


def _iso(value) -> str:
    if value is None:
        return ""
    if hasattr(value, "tzinfo"):
        value = timezone.localtime(value).date()
    return value.isoformat()


class AssessmentListResource(resources.Resource):
    """One row per assessment with its progress; `progress` maps assessment ids to their Progress."""

    country = fields.Field(attribute="country__name", column_name="country")
    country_code = fields.Field(attribute="country__code", column_name="country code")
    round = fields.Field(attribute="round__name", column_name="round")
    status = fields.Field(column_name="status")
    questions = fields.Field(column_name="questions")
    answered = fields.Field(column_name="answered")
    answered_percent = fields.Field(column_name="answered %")
    yes = fields.Field(column_name="yes")
    yes_percent = fields.Field(column_name="yes %")
    deadline = fields.Field(column_name="deadline")
    submitted_at = fields.Field(column_name="submitted on")
    approved_at = fields.Field(column_name="approved on")

    def __init__(self, progress: dict):
        super().__init__()
        self.progress = progress

    def dehydrate_status(self, assessment):
        return assessment.get_status_display()

    def dehydrate_questions(self, assessment):
        return self.progress[assessment.pk].total

    def dehydrate_answered(self, assessment):
        return self.progress[assessment.pk].answered

    def dehydrate_answered_percent(self, assessment):
        return self.progress[assessment.pk].answered_percent

    def dehydrate_yes(self, assessment):
        return self.progress[assessment.pk].yes

    def dehydrate_yes_percent(self, assessment):
        return self.progress[assessment.pk].yes_percent

    def dehydrate_deadline(self, assessment):
        return _iso(assessment.round.deadline)

    def dehydrate_submitted_at(self, assessment):
        return _iso(assessment.submitted_at)

    def dehydrate_approved_at(self, assessment):
        return _iso(assessment.approved_at)


class ActionItemListResource(resources.Resource):
    country = fields.Field(attribute="assessment__country__name", column_name="country")
    country_code = fields.Field(attribute="assessment__country__code", column_name="country code")
    round = fields.Field(attribute="assessment__round__name", column_name="round")
    recommendation = fields.Field(column_name="recommendation")
    question = fields.Field(column_name="question")
    description = fields.Field(attribute="description", column_name="what will be done")
    responsible = fields.Field(attribute="responsible", column_name="who is responsible")
    due_date = fields.Field(column_name="by when")
    status = fields.Field(column_name="status")
    overdue = fields.Field(column_name="overdue")

    def dehydrate_recommendation(self, action):
        return str(action.recommendation)

    def dehydrate_question(self, action):
        return action.item.key if action.item else ""

    def dehydrate_due_date(self, action):
        return _iso(action.due_date)

    def dehydrate_status(self, action):
        return action.get_status_display()

    def dehydrate_overdue(self, action):
        return _("yes") if action.is_overdue else _("no")
