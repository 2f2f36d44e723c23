"""What the staff dashboard shows of the checklists: open rounds, overdue action items, a round's heat map.

Each function runs a fixed number of queries, however many countries, rounds and assessments there are.
"""

from dataclasses import dataclass
from datetime import date

from django import forms
from django.db.models import Count, Exists, FilteredRelation, Min, OuterRef, Q
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from checklists.comparison import AnswerChange, RoundMatrix, answer_changes, round_matrix, yes_share_over_rounds
from checklists.models import ActionItem, Answer, Assessment, AssessmentRound, Item, Recommendation
from checklists.progress import Progress, progress_by_assessment
from cjhp.charts import HeatMap, LineChart

Status = Assessment.Status
# A country still has to answer: the round stays open while one of its assessments is in these statuses.
WITH_THE_COUNTRY = [Status.DRAFT, Status.RETURNED]


@dataclass
class CountryStatus:
    assessment: Assessment
    progress: Progress
    days_left: int  # negative: days past the deadline

    @property
    def is_overdue(self) -> bool:
        return self.days_left < 0 and self.assessment.status in WITH_THE_COUNTRY

    @property
    def days_overdue(self) -> int:
        return -self.days_left


@dataclass
class OpenRound:
    round: AssessmentRound
    rows: list[CountryStatus]

    @property
    def status_counts(self) -> list[tuple[str, str, int]]:
        """(status, label, count) for every status, in the workflow's order."""
        counts = {status: 0 for status in Status.values}
        for row in self.rows:
            counts[row.assessment.status] += 1
        return [(status, Status(status).label, counts[status]) for status in Status.values]

    @property
    def overdue_count(self) -> int:
        return sum(row.is_overdue for row in self.rows)


def open_rounds(today: date | None = None) -> list[OpenRound]:
    """Rounds in which a country still has to answer, nearest deadline first; in each, the invited countries
    with the overdue ones first. Four queries: rounds, assessments, questions per template, answer counts."""
    today = today or timezone.localdate()
    waiting = Assessment.objects.filter(round=OuterRef("pk"), status__in=WITH_THE_COUNTRY)
    rounds = list(
        AssessmentRound.objects.filter(Exists(waiting)).select_related("template").order_by("deadline", "name")
    )
    assessments = list(
        Assessment.objects.filter(round__in=rounds).select_related("round", "country").order_by("country__name")
    )
    progress = progress_by_assessment(assessments)
    by_round: dict[int, list[CountryStatus]] = {r.pk: [] for r in rounds}
    for assessment in assessments:
        days_left = (assessment.round.deadline - today).days
        by_round[assessment.round_id].append(CountryStatus(assessment, progress[assessment.pk], days_left))
    result = []
    for r in rounds:
        rows = sorted(by_round[r.pk], key=lambda row: (not row.is_overdue, row.assessment.country.name))
        result.append(OpenRound(r, rows))
    return result


@dataclass
class OverdueActions:
    country_name: str
    country_code: str
    count: int
    oldest_due: date


def overdue_action_items(today: date | None = None) -> list[OverdueActions]:
    """Open action items past their date, counted by country, most first; one query."""
    today = today or timezone.localdate()
    rows = (
        ActionItem.objects.filter(
            status__in=[ActionItem.Status.OPEN, ActionItem.Status.IN_PROGRESS], due_date__lt=today
        )
        .values("assessment__country__name", "assessment__country__code")
        .annotate(count=Count("pk"), oldest=Min("due_date"))
        .order_by("-count", "assessment__country__name")
    )
    return [
        OverdueActions(row["assessment__country__name"], row["assessment__country__code"], row["count"], row["oldest"])
        for row in rows
    ]


def latest_round_with_answers() -> AssessmentRound | None:
    """The latest round in which a country handed its assessment in; else the latest with any answer.

    A round that has just opened holds a few drafts at most: its heat map would be nearly empty.
    """
    rounds = AssessmentRound.objects.order_by("-opens_on", "-pk")
    handed_in = Assessment.objects.filter(
        round=OuterRef("pk"), status__in=[Assessment.Status.SUBMITTED, Assessment.Status.APPROVED]
    )
    answered = Answer.objects.filter(assessment__round=OuterRef("pk")).exclude(value="")
    return rounds.filter(Exists(handed_in)).first() or rounds.filter(Exists(answered)).first()


class HeatMapForm(forms.Form):
    """Which round the dashboard's heat map shows (by default the latest one handed in, see above)."""

    round = forms.ModelChoiceField(
        label=_("Round"),
        queryset=AssessmentRound.objects.order_by("-opens_on", "name"),
        to_field_name="slug",
        required=False,
        empty_label=None,
    )

    def chosen_round(self) -> AssessmentRound | None:
        if self.is_valid() and self.cleaned_data["round"]:
            return self.cleaned_data["round"]
        return latest_round_with_answers()


@dataclass
class RoundHeatMap:
    matrix: RoundMatrix

    def table_rows(self):
        """(country, [progress per recommendation]) for the table beside the chart."""
        for assessment in self.matrix.assessments:
            yield assessment, [self.matrix.cell(assessment, r) for r in self.matrix.recommendations]

    def chart(self) -> HeatMap:
        """Countries down, recommendations across: the 46 countries read better as rows than as columns."""
        matrix = self.matrix
        values = {}
        for row, assessment in enumerate(matrix.assessments):
            for col, recommendation in enumerate(matrix.recommendations):
                cell = matrix.cell(assessment, recommendation)
                values[(row, col)] = cell.yes / cell.total if cell.total and cell.answered else None
        return HeatMap(
            title=str(_("Yes answers by country and recommendation: %(round)s") % {"round": matrix.round.name}),
            rows=[a.country.name for a in matrix.assessments],
            columns=[f"{r.number}. {r.title}" for r in matrix.recommendations],
            values=values,
        )


def round_heat_map(round: AssessmentRound) -> RoundHeatMap:
    return RoundHeatMap(round_matrix(round))


class RoundPairForm(forms.Form):
    """Two of a country's rounds to compare question by question (by default the last two)."""

    before = forms.ChoiceField(label=_("From round"), required=False)
    after = forms.ChoiceField(label=_("To round"), required=False)

    def __init__(self, *args, assessments: list[Assessment], **kwargs):
        """`assessments`: the country's, oldest round first."""
        super().__init__(*args, **kwargs)
        self.assessments = {a.round.slug: a for a in assessments}
        choices = [(a.round.slug, a.round.name) for a in reversed(assessments)]
        self.fields["before"].choices = self.fields["after"].choices = choices
        if len(assessments) >= 2:
            self.initial = {"before": assessments[-2].round.slug, "after": assessments[-1].round.slug}

    def clean(self):
        data = super().clean()
        if data.get("before") and data.get("before") == data.get("after"):
            raise forms.ValidationError(_("Choose two different rounds."))
        return data

    def pair(self) -> tuple[Assessment, Assessment] | None:
        """The chosen assessments, earlier first; the last two when nothing (valid) was chosen."""
        ordered = list(self.assessments.values())
        if len(ordered) < 2:
            return None
        if self.is_valid() and self.cleaned_data["before"] and self.cleaned_data["after"]:
            first, second = self.assessments[self.cleaned_data["before"]], self.assessments[self.cleaned_data["after"]]
            return (first, second) if ordered.index(first) < ordered.index(second) else (second, first)
        return ordered[-2], ordered[-1]


CHANGE_GROUPS = [
    ("yes_to_no", _("Yes → No")),
    ("no_to_yes", _("No → Yes")),
    ("new", _("New questions")),
    ("removed", _("Questions no longer asked")),
    ("answered", _("Answered only in the later round")),
    ("unanswered", _("Answered only in the earlier round")),
]


def grouped_changes(before: Assessment, after: Assessment, answers: "CountryAnswers | None" = None) -> dict:
    """answer_changes sorted into groups: the turns (Yes → No, No → Yes) first, then new and removed questions.

    With the country's `answers` already loaded (CountryAnswers), no query."""
    groups = {kind: [] for kind, _label in CHANGE_GROUPS}
    same = 0
    for change in answers.changes(before, after) if answers else answer_changes(before, after):
        if change.kind == "same":
            same += 1
        else:
            groups[change.kind].append(change)
    return {
        "groups": [(kind, label, groups[kind]) for kind, label in CHANGE_GROUPS],
        "same": same,
    }


@dataclass
class CountryOverTime:
    rounds: list[AssessmentRound]
    numbers: list[int]  # recommendation numbers, across the rounds' templates
    shares: dict[tuple[int, int], Progress]
    titles: dict[int, str]

    def table_rows(self):
        for number in self.numbers:
            yield number, self.titles.get(number, ""), [self.shares.get((r.pk, number)) for r in self.rounds]

    def chart(self, country_name: str) -> LineChart:
        series = []
        for number in self.numbers:
            values = []
            for r in self.rounds:
                cell = self.shares.get((r.pk, number))
                values.append(cell.yes / cell.total if cell and cell.total and cell.answered else None)
            series.append((f"{number}. {self.titles.get(number, '')}", values))
        return LineChart(
            title=str(_("Yes answers by recommendation, round by round: %(country)s") % {"country": country_name}),
            points=[r.name for r in self.rounds],
            series=series,
        )


def country_over_time(
    country, assessments: list[Assessment] | None = None, answers: "CountryAnswers | None" = None
) -> CountryOverTime:
    """Four queries: the country's assessments and rounds (none when given, oldest round first), questions per
    template, answer counts, titles; none with the country's `answers` already loaded (CountryAnswers)."""
    if answers is not None:
        return answers.over_time()
    rounds, shares = yes_share_over_rounds(country, assessments)
    numbers = sorted({number for (_round, number) in shares})
    # The titles of the newest template that has the number: what people know the recommendation as.
    titles = {}
    for number, title in (
        Recommendation.objects.filter(template__in={r.template_id for r in rounds})
        .order_by("template__created_at", "template_id")
        .values_list("number", "title")
    ):
        titles[number] = title
    return CountryOverTime(rounds=rounds, numbers=numbers, shares=shares, titles=titles)


@dataclass
class Question:
    pk: int
    key: str
    text: str
    template_id: int
    number: int  # the recommendation's


@dataclass
class CountryAnswers:
    """A country's assessments (oldest round first), their templates' questions and the answers: what the country
    page's assessments and over-time panels show, loaded in one query (load_country_answers)."""

    assessments: list[Assessment]
    questions: list[Question]  # by recommendation number, section and order
    values: dict[tuple[int, int], str]  # (assessment id, item id) -> value
    titles: dict[int, str]  # recommendation number -> title in the newest template that has it

    def progress(self) -> dict[int, Progress]:
        """Each assessment's overall progress, as checklists.progress.progress_by_assessment counts it."""
        totals: dict[int, int] = {}
        for question in self.questions:
            totals[question.template_id] = totals.get(question.template_id, 0) + 1
        result = {a.pk: Progress(total=totals.get(a.round.template_id, 0)) for a in self.assessments}
        for (assessment_id, _item_id), value in self.values.items():
            progress = result[assessment_id]
            progress.answered += value != ""
            progress.yes += value == Answer.Value.YES
        return result

    def over_time(self) -> CountryOverTime:
        """As comparison.yes_share_over_rounds and country_over_time count them."""
        rounds = [assessment.round for assessment in self.assessments]
        totals: dict[tuple[int, int], int] = {}
        number_of = {}
        for question in self.questions:
            totals[(question.template_id, question.number)] = totals.get((question.template_id, question.number), 0) + 1
            number_of[question.pk] = question.number
        shares = {}
        for r in rounds:
            for (template_id, number), total in totals.items():
                if template_id == r.template_id:
                    shares[(r.pk, number)] = Progress(total=total)
        round_of = {assessment.pk: assessment.round_id for assessment in self.assessments}
        for (assessment_id, item_id), value in self.values.items():
            cell = shares.setdefault((round_of[assessment_id], number_of[item_id]), Progress())
            cell.answered += value != ""
            cell.yes += value == Answer.Value.YES
        numbers = sorted({number for (_round, number) in shares})
        return CountryOverTime(rounds=rounds, numbers=numbers, shares=shares, titles=self.titles)

    def _by_key(self, assessment: Assessment) -> dict[str, tuple[Question, str]]:
        return {
            question.key: (question, self.values.get((assessment.pk, question.pk), ""))
            for question in self.questions
            if question.template_id == assessment.round.template_id
        }

    def changes(self, before: Assessment | None, after: Assessment) -> list[AnswerChange]:
        """As comparison.answer_changes: question by question, matched by key."""
        old = self._by_key(before) if before else {}
        new = self._by_key(after)
        changes = []
        for key, (question, value) in new.items():
            previous = old.get(key)
            changes.append(AnswerChange(key, question.text, question.number, previous[1] if previous else None, value))
        for key, (question, value) in old.items():
            if key not in new:
                changes.append(AnswerChange(key, question.text, question.number, value, None))
        return changes


def load_country_answers(assessments: list[Assessment]) -> CountryAnswers:
    """The questions of the assessments' templates, each joined to its answers in these assessments: one query
    (a row per answer, and one for a question without any)."""
    template_ids = {assessment.round.template_id for assessment in assessments}
    rows = (
        Item.objects.filter(section__recommendation__template__in=template_ids, is_heading=False)
        .annotate(answer=FilteredRelation("answers", condition=Q(answers__assessment__in=[a.pk for a in assessments])))
        .order_by("section__recommendation__number", "section__order", "order", "pk")
        .values_list(
            "pk",
            "key",
            "text",
            "section__recommendation__template",
            "section__recommendation__number",
            "section__recommendation__title",
            "section__recommendation__template__created_at",
            "answer__assessment",
            "answer__value",
        )
    )
    questions: dict[int, Question] = {}
    values = {}
    newest: dict[int, tuple] = {}  # number -> (template created at, template id, title)
    for pk, key, text, template_id, number, title, created_at, assessment_id, value in rows:
        if pk not in questions:
            questions[pk] = Question(pk, key, text, template_id, number)
            if number not in newest or (created_at, template_id) >= newest[number][:2]:
                newest[number] = (created_at, template_id, title)
        if assessment_id is not None:
            values[(assessment_id, pk)] = value
    titles = {number: title for number, (_created, _template, title) in newest.items()}
    return CountryAnswers(list(assessments), list(questions.values()), values, titles)
