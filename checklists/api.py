"""The checklists of the data API: template versions with their recommendations, sections and items (each text
in every language it is held in), rounds and the Yes shares of a round by country and recommendation (the heat
map), assessments with their progress and answers, and action items."""

from django.db.models import Prefetch
from django.utils import timezone
from drf_spectacular.utils import extend_schema, extend_schema_field
from rest_framework import serializers
from rest_framework.decorators import action
from rest_framework.renderers import BaseRenderer
from rest_framework.response import Response
from rest_framework.settings import api_settings

from checklists.assessments.forms import ActionItemFilterForm, AssessmentFilterForm
from checklists.assessments.progress import Progress, progress_by_recommendation
from checklists.languages import CODES
from checklists.models import ActionItem, Answer, Assessment, AssessmentRound, Item, Recommendation, Section, Template
from checklists.overview import RoundHeatMap
from checklists.rounds.comparison import round_matrix
from cjhp.lib.api import ReadOnlyViewSet
from cjhp.lib.spreadsheets import csv_text


@extend_schema_field({"type": "object", "additionalProperties": {"type": "string"}, "example": {"en": "…"}})
class Texts(serializers.Field):
    """A text in every language it is held in, by language code ({"en": ..., "fr": ...}); English is the reference
    and is always there; a language without a translation is left out."""

    def __init__(self, name: str, **kwargs):
        self.text_name = name
        super().__init__(source="*", read_only=True, **kwargs)

    def to_representation(self, obj):
        texts = {code: getattr(obj, f"{self.text_name}_{code}") for code in CODES}
        return {code: text for code, text in texts.items() if text}


class ItemSerializer(serializers.ModelSerializer):
    heading = serializers.SlugRelatedField(source="parent", slug_field="key", read_only=True, allow_null=True)
    text = Texts("text")
    help_text = Texts("help_text")

    class Meta:
        model = Item
        fields = ["key", "heading", "is_heading", "order", "text", "help_text"]


class SectionSerializer(serializers.ModelSerializer):
    title = Texts("title")
    items = ItemSerializer(many=True, read_only=True)

    class Meta:
        model = Section
        fields = ["number", "title", "order", "drafted_from_recommendation", "has_comments", "items"]


class RecommendationSerializer(serializers.ModelSerializer):
    title = Texts("title")
    text = Texts("text")
    sections = SectionSerializer(many=True, read_only=True)

    class Meta:
        model = Recommendation
        fields = ["number", "title", "text", "sections"]


class TemplateSerializer(serializers.ModelSerializer):
    languages = serializers.SlugRelatedField(source="translations", slug_field="language", many=True, read_only=True)
    recommendations = RecommendationSerializer(many=True, read_only=True)

    class Meta:
        model = Template
        fields = ["id", "name", "version", "previous", "source", "note", "created_at", "languages", "recommendations"]


class TemplateViewSet(ReadOnlyViewSet):
    """Staff see every version; a focal point the versions their countries' assessments use."""

    serializer_class = TemplateSerializer

    def get_queryset(self):
        items = Item.objects.select_related("parent").order_by("order", "pk")
        sections = Section.objects.prefetch_related(Prefetch("items", queryset=items)).order_by("order", "number")
        recommendations = Recommendation.objects.prefetch_related(Prefetch("sections", queryset=sections))
        return (
            Template.objects.visible_to(self.request.user)
            .prefetch_related("translations", Prefetch("recommendations", queryset=recommendations.order_by("number")))
            .order_by("name", "-created_at")
        )


class RoundSerializer(serializers.ModelSerializer):
    countries = serializers.SerializerMethodField(help_text="The countries assessed, of those the reader may see.")

    class Meta:
        model = AssessmentRound
        fields = ["slug", "name", "template", "opens_on", "deadline", "countries"]

    def get_countries(self, assessment_round) -> list[str]:
        return [assessment.country.code for assessment in assessment_round.assessment_list]


class HeatMapCell(serializers.Serializer):
    recommendation = serializers.IntegerField()
    questions = serializers.IntegerField()
    answered = serializers.IntegerField()
    yes = serializers.IntegerField()
    yes_share = serializers.FloatField(allow_null=True, help_text="Yes / questions; null while nothing is answered.")


class HeatMapRow(serializers.Serializer):
    country = serializers.CharField()
    country_name = serializers.CharField()
    status = serializers.ChoiceField(choices=Assessment.Status.choices)
    cells = HeatMapCell(many=True)


class HeatMapRecommendation(serializers.Serializer):
    number = serializers.IntegerField()
    title = serializers.CharField()


class HeatMapSerializer(serializers.Serializer):
    round = serializers.CharField()
    recommendations = HeatMapRecommendation(many=True)
    countries = HeatMapRow(many=True)


def heat_map_data(assessment_round: AssessmentRound, user) -> dict:
    """The round's Yes shares by country and recommendation as the dashboard's heat map counts them, for the
    countries the user may see."""
    heat_map = RoundHeatMap(round_matrix(assessment_round, assessments=Assessment.objects.visible_to(user)))
    recommendations = heat_map.matrix.recommendations
    return {
        "round": assessment_round.slug,
        "recommendations": [{"number": r.number, "title": r.title} for r in recommendations],
        "countries": [
            {
                "country": assessment.country.code,
                "country_name": assessment.country.local_name,
                "status": assessment.status,
                "cells": [
                    {
                        "recommendation": recommendation.number,
                        "questions": cell.total,
                        "answered": cell.answered,
                        "yes": cell.yes,
                        "yes_share": heat_map.yes_share(cell),
                    }
                    for recommendation, cell in zip(recommendations, cells, strict=True)
                ],
            }
            for assessment, cells in heat_map.table_rows()
        ],
    }


class HeatMapCSVRenderer(BaseRenderer):
    """A round's heat map (checklists/api.py) as CSV for a spreadsheet: a country a row, a recommendation a column,
    each cell the Yes share (0 to 1, empty while nothing is answered). An error comes as its one message."""

    media_type = "text/csv"
    format = "csv"
    charset = "utf-8"

    def render(self, data, accepted_media_type=None, renderer_context=None):
        if not isinstance(data, dict) or "countries" not in data:
            return csv_text(["detail"], [[str(data.get("detail", data)) if isinstance(data, dict) else str(data)]])
        headers = ["country", "country_name", "status"]
        headers += [
            f"{recommendation['number']}. {recommendation['title']}" for recommendation in data["recommendations"]
        ]
        rows = [
            [row["country"], row["country_name"], row["status"], *(cell["yes_share"] for cell in row["cells"])]
            for row in data["countries"]
        ]
        return csv_text(headers, rows)


class RoundViewSet(ReadOnlyViewSet):
    """Staff see every round; a focal point the rounds their countries take part in."""

    serializer_class = RoundSerializer
    lookup_field = "slug"

    def get_queryset(self):
        user = self.request.user
        assessments = Assessment.objects.visible_to(user).select_related("country").order_by("country__name")
        return (
            AssessmentRound.objects.visible_to(user)
            .prefetch_related(Prefetch("assessments", queryset=assessments, to_attr="assessment_list"))
            .order_by("-opens_on", "name")
        )

    @extend_schema(responses=HeatMapSerializer, filters=False)
    @action(
        detail=True,
        url_path="heat-map",
        filter_backends=[],
        renderer_classes=[*api_settings.DEFAULT_RENDERER_CLASSES, HeatMapCSVRenderer],
    )
    def heat_map(self, request, slug):
        """The Yes shares of the round by country and recommendation, as the dashboard's heat map shows them;
        `?format=csv` gives a spreadsheet's rows (a country a row, a recommendation a column)."""
        assessment_round = self.get_object()
        return Response(heat_map_data(assessment_round, request.user))


class ProgressSerializer(serializers.Serializer):
    questions = serializers.IntegerField(source="total")
    answered = serializers.IntegerField()
    yes = serializers.IntegerField()


class RecommendationProgressSerializer(ProgressSerializer):
    recommendation = serializers.IntegerField()


class AnswerSerializer(serializers.ModelSerializer):
    key = serializers.CharField(source="item.key")
    evidence_file = serializers.CharField(source="evidence_file_name", help_text="The file's name; empty without one.")

    class Meta:
        model = Answer
        fields = ["key", "value", "note", "note_language", "evidence_link", "evidence_file", "answered_at"]

    def to_representation(self, answer):
        # What DRF's fields would give, written out: a page of assessments holds thousands of answers, and DRF's
        # field by field reading costs several times this.
        return {
            "key": answer.item.key,
            "value": answer.value,
            "note": answer.note,
            "note_language": answer.note_language,
            "evidence_link": answer.evidence_link,
            "evidence_file": answer.evidence_file_name,
            "answered_at": self.fields["answered_at"].to_representation(answer.answered_at)
            if answer.answered_at
            else None,
        }


class AssessmentSerializer(serializers.ModelSerializer):
    round = serializers.SlugRelatedField(slug_field="slug", read_only=True)
    country = serializers.SlugRelatedField(slug_field="code", read_only=True)
    progress = serializers.SerializerMethodField()
    progress_by_recommendation = serializers.SerializerMethodField()
    answers = AnswerSerializer(many=True, read_only=True)

    class Meta:
        model = Assessment
        fields = [
            "id",
            "round",
            "country",
            "status",
            "submitted_at",
            "approved_at",
            "updated_at",
            "language",
            "progress",
            "progress_by_recommendation",
            "answers",
        ]

    @extend_schema_field(ProgressSerializer)
    def get_progress(self, assessment) -> dict:
        return _progress(sum(assessment.recommendation_progress.values(), Progress()))

    @extend_schema_field(RecommendationProgressSerializer(many=True))
    def get_progress_by_recommendation(self, assessment) -> list:
        return [
            {"recommendation": number, **_progress(progress)}
            for number, progress in sorted(assessment.recommendation_progress.items())
        ]


def _progress(progress: Progress) -> dict:
    """As ProgressSerializer writes it (which the schema names), without a serializer per assessment."""
    return {"questions": progress.total, "answered": progress.answered, "yes": progress.yes}


def with_recommendation_progress(assessments: list[Assessment]) -> list[Assessment]:
    """Each assessment with `recommendation_progress` ({number: Progress}): two queries for all of them."""
    by_assessment: dict[int, dict[int, Progress]] = {}
    for (pk, number), progress in progress_by_recommendation(assessments).items():
        by_assessment.setdefault(pk, {})[number] = progress
    for assessment in assessments:
        assessment.recommendation_progress = by_assessment.get(assessment.pk, {})
    return assessments


class AssessmentViewSet(ReadOnlyViewSet):
    """Staff see every assessment; a focal point their countries'. Each with its progress (questions answered and
    answered Yes, overall and per recommendation) and its answers, by item key."""

    serializer_class = AssessmentSerializer
    filter_form_class = AssessmentFilterForm
    filter_lookups = {"round": "slug", "country": "code"}

    def get_queryset(self):
        answers = Answer.objects.select_related("item").only(
            "assessment_id",
            "item__key",
            "value",
            "note",
            "note_language",
            "evidence_link",
            "evidence_file",
            "answered_at",
        )
        return (
            Assessment.objects.visible_to(self.request.user)
            .select_related("round", "country")
            .prefetch_related(Prefetch("answers", queryset=answers))
            .order_by("-round__opens_on", "round__name", "country__name", "pk")
        )

    def filter_form_kwargs(self):
        return {"visible": Assessment.objects.visible_to(self.request.user)}

    def paginate_queryset(self, queryset):
        page = super().paginate_queryset(queryset)
        return with_recommendation_progress(page) if page is not None else None

    def get_object(self):
        return with_recommendation_progress([super().get_object()])[0]


class ActionItemSerializer(serializers.ModelSerializer):
    country = serializers.CharField(source="assessment.country.code")
    round = serializers.CharField(source="assessment.round.slug")
    recommendation = serializers.IntegerField(source="recommendation.number")
    item = serializers.SlugRelatedField(slug_field="key", read_only=True, allow_null=True)
    assignee = serializers.StringRelatedField(allow_null=True, help_text="The person with an account taking it on.")
    is_overdue = serializers.BooleanField(read_only=True)

    class Meta:
        model = ActionItem
        fields = [
            "id",
            "assessment",
            "country",
            "round",
            "recommendation",
            "item",
            "description",
            "responsible",
            "assignee",
            "due_date",
            "status",
            "is_overdue",
        ]


class ActionItemViewSet(ReadOnlyViewSet):
    """The action items of the assessments the reader may see."""

    serializer_class = ActionItemSerializer
    filter_form_class = ActionItemFilterForm
    filter_lookups = {"country": "code", "round": "slug"}

    def get_queryset(self):
        return (
            ActionItem.objects.visible_to(self.request.user)
            .select_related("assessment__country", "assessment__round", "recommendation", "item", "assignee")
            .order_by("due_date", "assessment__country__name", "pk")
        )

    def filter_form_kwargs(self):
        return {"user": self.request.user}

    def filter_with(self, form, queryset):
        return form.filter_qs(queryset, today=timezone.localdate())
