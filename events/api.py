"""The events of the data API (/api/v1/events/): kinds, dates, places and attendance counts by professional group
and gender; the participants of an event (names and emails) for programme staff only."""

from collections import Counter

from django.db.models import Prefetch
from drf_spectacular.utils import extend_schema
from rest_framework import serializers
from rest_framework.decorators import action
from rest_framework.response import Response

from cjhp.lib.access import require_programme_staff
from cjhp.lib.api import ReadOnlyViewSet
from events.forms import EventFilterForm
from events.models import Attendance, Event, Gender, ProfessionalGroup
from projects.api import PeriodFields
from projects.models import Project


class GroupGenderCount(serializers.Serializer):
    professional_group = serializers.ChoiceField(choices=ProfessionalGroup.choices)
    gender = serializers.ChoiceField(choices=Gender.choices)
    attendees = serializers.IntegerField()


class AttendanceCounts(serializers.Serializer):
    """The people who attended (the event has taken place), counted by professional group and gender: the
    counts of the event's page and report."""

    total = serializers.IntegerField()
    by_group_and_gender = GroupGenderCount(many=True, help_text="Only the groups and genders with attendees.")


class EventSerializer(PeriodFields, serializers.ModelSerializer):
    country = serializers.SlugRelatedField(slug_field="code", read_only=True, allow_null=True)
    place = serializers.CharField(read_only=True)
    projects = serializers.SerializerMethodField(help_text="The short names of its projects the reader may see.")
    target_groups = serializers.ListField(child=serializers.CharField(), read_only=True)
    recommendations = serializers.SerializerMethodField(help_text="The numbers of the recommendations addressed.")
    attendance = serializers.SerializerMethodField()

    class Meta:
        model = Event
        fields = [
            "slug",
            "title",
            "kind",
            *PeriodFields._declared_fields,
            "city",
            "country",
            "online",
            "venue",
            "place",
            "projects",
            "target_groups",
            "recommendations",
            "summary",
            "source",
            "attendance",
        ]

    def get_projects(self, event) -> list[str]:
        return [project.slug for project in event.project_list]

    def get_recommendations(self, event) -> list[int]:
        return sorted({recommendation.number for recommendation in event.recommendations.all()})

    @extend_schema(responses=AttendanceCounts)
    def get_attendance(self, event) -> dict:
        counts = Counter((a.participant.professional_group, a.participant.gender) for a in event.attended_list)
        rows = [
            {"professional_group": group, "gender": gender, "attendees": counts[(group, gender)]}
            for group in ProfessionalGroup.values
            for gender in Gender.values
            if counts[(group, gender)]
        ]
        return {"total": len(event.attended_list), "by_group_and_gender": rows}


class ParticipantSerializer(serializers.ModelSerializer):
    """One person at the event. An erased person keeps their counts; their name reads "Erased participant <id>"."""

    name = serializers.CharField(source="participant.display_name")
    organisation = serializers.CharField(source="participant.organisation")
    email = serializers.EmailField(source="participant.email")
    country = serializers.SlugRelatedField(
        source="participant.country", slug_field="code", read_only=True, allow_null=True
    )
    professional_group = serializers.ChoiceField(
        source="participant.professional_group", choices=ProfessionalGroup.choices
    )
    gender = serializers.ChoiceField(source="participant.gender", choices=Gender.choices)

    class Meta:
        model = Attendance
        fields = [
            "name",
            "organisation",
            "email",
            "country",
            "professional_group",
            "gender",
            "role",
            "attended",
            "certificate_issued_at",
        ]


class EventViewSet(ReadOnlyViewSet):
    """Staff see every event; a focal point those held in their countries or for their countries' projects."""

    serializer_class = EventSerializer
    filter_form_class = EventFilterForm
    lookup_field = "slug"
    filter_lookups = {"country": "code", "project": "slug"}

    def get_queryset(self):
        user = self.request.user
        attended = (
            Attendance.objects.attended()
            .select_related("participant")
            .only("event_id", "participant__professional_group", "participant__gender")
        )
        return (
            Event.objects.visible_to(user)
            .select_related("country")
            .prefetch_related(
                Prefetch("projects", queryset=Project.objects.visible_to(user).only("slug"), to_attr="project_list"),
                "recommendations",
                Prefetch("attendances", queryset=attended, to_attr="attended_list"),
            )
            .order_by("-starts_on", "title")
        )

    def filter_form_kwargs(self):
        return {"user": self.request.user}

    @extend_schema(responses=ParticipantSerializer(many=True), filters=False)
    @action(detail=True, filter_backends=[], pagination_class=None)
    def participants(self, request, slug):
        """The event's participants with their names and emails: personal data, for programme staff only (403)."""
        event = self.get_object()
        require_programme_staff(request.user)
        attendances = event.attendances.select_related("participant__country").order_by("participant__name", "pk")
        return Response(ParticipantSerializer(attendances, many=True).data)
