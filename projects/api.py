"""The projects of the data API (/api/v1/projects/): their countries, periods, partners, results and the
recommendations they address."""

from django.db.models import Prefetch
from rest_framework import serializers

from cjhp.lib.api import ReadOnlyViewSet
from projects.forms import ProjectFilterForm
from projects.models import Partner, Project, Result


class PeriodFields(serializers.Serializer):
    """A start known to a year, month or day, and an optional end; `period` as the pages write it."""

    starts_on = serializers.DateField(read_only=True)
    start_precision = serializers.CharField(read_only=True, help_text="year, month or day")
    ends_on = serializers.DateField(read_only=True, allow_null=True)
    end_precision = serializers.CharField(read_only=True, help_text="year, month or day")
    period = serializers.CharField(source="period_label", read_only=True)


class PartnerSerializer(serializers.ModelSerializer):
    country = serializers.SlugRelatedField(slug_field="code", read_only=True, allow_null=True)

    class Meta:
        model = Partner
        fields = ["name", "kind", "country"]


class ResultSerializer(serializers.ModelSerializer):
    country = serializers.SlugRelatedField(slug_field="code", read_only=True, allow_null=True)

    class Meta:
        model = Result
        fields = ["id", "text", "country", "source"]


class ProjectSerializer(PeriodFields, serializers.ModelSerializer):
    countries = serializers.SlugRelatedField(slug_field="code", many=True, read_only=True)
    partners = PartnerSerializer(many=True, read_only=True)
    results = ResultSerializer(source="result_list", many=True, read_only=True)
    recommendations = serializers.SerializerMethodField(help_text="The numbers of the recommendations addressed.")

    class Meta:
        model = Project
        fields = [
            "slug",
            "title",
            "kind",
            "status",
            *PeriodFields._declared_fields,
            "countries",
            "framework",
            "summary",
            "objectives",
            "partners",
            "results",
            "recommendations",
            "source",
        ]

    def get_recommendations(self, project) -> list[int]:
        return sorted({recommendation.number for recommendation in project.recommendations.all()})


class ProjectViewSet(ReadOnlyViewSet):
    """Staff see every project; a focal point the projects of their countries (regional ones name every country)."""

    serializer_class = ProjectSerializer
    filter_form_class = ProjectFilterForm
    lookup_field = "slug"
    filter_lookups = {"country": "code"}

    def get_queryset(self):
        user = self.request.user
        results = Result.objects.visible_to(user).select_related("country").order_by("pk")
        return (
            Project.objects.visible_to(user)
            .prefetch_related(
                "countries",
                Prefetch("partners", queryset=Partner.objects.select_related("country")),
                Prefetch("results", queryset=results, to_attr="result_list"),
                "recommendations",
            )
            .order_by("-starts_on", "title")
        )

    def filter_form_kwargs(self):
        return {"user": self.request.user}
