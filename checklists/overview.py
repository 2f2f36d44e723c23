"""What the staff dashboard shows of the checklists: open rounds, overdue action items, a round's heat map.

Each function runs a fixed number of queries, however many countries, rounds and assessments there are.
"""

from dataclasses import dataclass
from datetime import date

from django import forms
from django.db.models import Count, Exists, F, FilteredRelation, Min, OuterRef, Q, Subquery
from django.db.models.functions import Coalesce
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from checklists.assessments.progress import Progress, answer_counts, is_answered, is_question
from checklists.languages import in_reader_language
from checklists.models import ActionItem, Answer, Assessment, AssessmentRound, Item, Recommendation
from checklists.rounds.comparison import AnswerChange, RoundMatrix, answer_changes
from cjhp.lib.charts import HeatMap, LineChart
from countries.names import local_country_name

Status = Assessment.Status
# A country still has to answer: the round stays open while one of its assessments is in these statuses.
WITH_THE_COUNTRY = [Status.DRAFT, Status.RETURNED]
# The dashboard lists the assessments waiting longest for review; the assessment list shows them all.
SHOWN_WAITING = 10


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
        .annotate(count=Count("*"), oldest=Min("due_date"))
        .order_by("-count", "assessment__country__name")
    )
    return [
        OverdueActions(
            local_country_name(row["assessment__country__code"], row["assessment__country__name"]),
            row["assessment__country__code"],
            row["count"],
            row["oldest"],
        )
        for row in rows
    ]


def latest_round_with_answers(rounds) -> AssessmentRound | None:
    """The latest round in which a country handed its assessment in; else the latest with any answer.

    A round that has just opened holds a few drafts at most: its heat map would be nearly empty. `rounds`: as
    staff_dashboard reads them (with `handed_in` and `answered`).
    """
    newest_first = sorted(rounds, key=lambda r: (r.opens_on, r.pk), reverse=True)
    return next((r for r in newest_first if r.handed_in), None) or next((r for r in newest_first if r.answered), None)


class HeatMapForm(forms.Form):
    """Which round the dashboard's heat map shows (by default the latest one handed in, see above)."""

    round = forms.ChoiceField(label=_("Round"), required=False)

    def __init__(self, *args, rounds: list[AssessmentRound], **kwargs):
        """`rounds`: every round, newest first, as staff_dashboard reads them."""
        super().__init__(*args, **kwargs)
        self.rounds = {r.slug: r for r in rounds}
        self.fields["round"].choices = [(r.slug, str(r)) for r in rounds]

    def chosen_round(self) -> AssessmentRound | None:
        if self.is_valid() and self.cleaned_data["round"]:
            return self.rounds[self.cleaned_data["round"]]
        return latest_round_with_answers(self.rounds.values())


@dataclass
class RoundHeatMap:
    matrix: RoundMatrix

    def table_rows(self):
        """(country, [progress per recommendation]) for the table beside the chart."""
        for assessment in self.matrix.assessments:
            yield assessment, [self.matrix.cell(assessment, r) for r in self.matrix.recommendations]

    @staticmethod
    def yes_share(cell: Progress) -> float | None:
        """Yes answers as a share of the questions; None (a blank cell, not 0%) while nothing is answered."""
        return cell.yes / cell.total if cell.total and cell.answered else None

    def chart(self) -> HeatMap:
        """Countries down, recommendations across: the 46 countries read better as rows than as columns."""
        matrix = self.matrix
        values = {}
        for row, assessment in enumerate(matrix.assessments):
            for col, recommendation in enumerate(matrix.recommendations):
                values[(row, col)] = self.yes_share(matrix.cell(assessment, recommendation))
        return HeatMap(
            title=str(_("Yes answers by country and recommendation: %(round)s") % {"round": matrix.round.name}),
            rows=[a.country.local_name for a in matrix.assessments],
            columns=[f"{r.number}. {r.title}" for r in matrix.recommendations],
            values=values,
        )


@dataclass
class StaffDashboard:
    rounds: list[AssessmentRound]  # every round, newest first
    open_rounds: list[OpenRound]
    waiting_for_review: list[tuple[Assessment, Progress]]  # the SHOWN_WAITING submitted longest ago
    waiting_count: int  # every assessment waiting for review
    heat_map_form: HeatMapForm
    heat_map: RoundHeatMap | None  # the chosen round's; None when no round has answers


def staff_dashboard(data=None, today: date | None = None) -> StaffDashboard:
    """What the staff dashboard shows of the assessments, read together in three queries however many rounds,
    countries and answers there are: every round (with what the dashboard needs to know of it, and how many of
    its assessments wait for review); the recommendations of the rounds shown, with their question counts; the
    assessments shown (the open rounds', the SHOWN_WAITING waiting longest for review, the heat map round's), each
    with its answers counted by recommendation. The overall progress of an assessment is the sum over its
    recommendations.

    `data`: the page's query string, holding the heat map's round.
    """
    today = today or timezone.localdate()
    of_round = Assessment.objects.filter(round=OuterRef("pk"))
    waiting = of_round.filter(status=Status.SUBMITTED).order_by().values("round").annotate(n=Count("pk")).values("n")
    rounds = list(
        AssessmentRound.objects.annotate(
            is_open=Exists(of_round.filter(status__in=WITH_THE_COUNTRY)),
            waiting=Coalesce(Subquery(waiting), 0),
            handed_in=Exists(of_round.filter(status__in=[Status.SUBMITTED, Status.APPROVED])),
            # An assessment of the round with an answer: each round's assessments by the round index, then an
            # answer of each by the assessment index.
            answered=Exists(of_round.filter(Exists(Answer.objects.filter(is_answered(), assessment=OuterRef("pk"))))),
        ).order_by("-opens_on", "name")
    )
    form = HeatMapForm(data=data or {}, rounds=rounds)
    chosen = form.chosen_round()
    if chosen is not None and not (form.is_valid() and form.cleaned_data["round"]):
        form = HeatMapForm(initial={"round": chosen.slug}, rounds=rounds)
    shown = [r for r in rounds if r.is_open or r.waiting or r == chosen]
    recommendations = list(
        Recommendation.objects.filter(template__in={r.template_id for r in shown})
        .annotate(questions=Count("sections__items", filter=is_question("sections__items__")))
        .defer("text")
        .order_by("template", "number")
    )
    numbers = sorted({r.number for r in recommendations})
    # Longest waiting first; an unknown submission date (never set by the workflow) first.
    longest_waiting = Assessment.objects.filter(status=Status.SUBMITTED).order_by(
        F("submitted_at").asc(nulls_first=True), "pk"
    )[:SHOWN_WAITING]
    # One list of keys rather than an OR of the two: the planner knows how few they are.
    shown_assessments = (
        Assessment.objects.filter(round__in=[r.pk for r in rounds if r.is_open or r == chosen])
        .values("pk")
        # The slice inside a subquery of its own: SQLite takes no LIMIT in a part of a UNION.
        .union(Assessment.objects.filter(pk__in=longest_waiting.values("pk")).values("pk"))
    )
    assessments = _with_answers_by_recommendation(Assessment.objects.filter(pk__in=shown_assessments), numbers)
    rounds_by_pk = {r.pk: r for r in rounds}
    questions = {(r.template_id, r.number): r.questions for r in recommendations}
    cells: dict[tuple[int, int], Progress] = {}  # (assessment, recommendation number)
    progress: dict[int, Progress] = {}  # the overall progress: the sum of the recommendations'
    for assessment in assessments:
        assessment.round = rounds_by_pk[assessment.round_id]
        own = [
            Progress(
                total=questions.get((assessment.round.template_id, number), 0),
                answered=getattr(assessment, f"answered_{number}"),
                yes=getattr(assessment, f"yes_{number}"),
            )
            for number in numbers
        ]
        cells.update({(assessment.pk, number): cell for number, cell in zip(numbers, own, strict=True)})
        progress[assessment.pk] = sum(own, Progress())

    by_round: dict[int, list[CountryStatus]] = {r.pk: [] for r in rounds if r.is_open}
    for assessment in assessments:
        if assessment.round_id in by_round:
            days_left = (assessment.round.deadline - today).days
            by_round[assessment.round_id].append(CountryStatus(assessment, progress[assessment.pk], days_left))
    open = []
    for r in sorted((r for r in rounds if r.is_open), key=lambda r: (r.deadline, r.name)):
        rows = sorted(by_round[r.pk], key=lambda row: (not row.is_overdue, row.assessment.country.name))
        open.append(OpenRound(r, rows))

    submitted = sorted(
        (a for a in assessments if a.status == Status.SUBMITTED),
        key=lambda a: (a.submitted_at is not None, a.submitted_at or 0, a.pk),
    )
    waiting_for_review = [(a, progress[a.pk]) for a in submitted[:SHOWN_WAITING]]

    heat_map = None
    if chosen is not None:
        matrix = RoundMatrix(
            round=chosen,
            recommendations=[r for r in recommendations if r.template_id == chosen.template_id],
            assessments=[a for a in assessments if a.round_id == chosen.pk],
        )
        matrix.cells = {(a.pk, number): cells[(a.pk, number)] for a in matrix.assessments for number in numbers}
        heat_map = RoundHeatMap(matrix)
    return StaffDashboard(rounds, open, waiting_for_review, sum(r.waiting for r in rounds), form, heat_map)


def _with_answers_by_recommendation(assessments, numbers: list[int]) -> list[Assessment]:
    """The assessments with their countries, by country name, each with `answered_<n>` and `yes_<n>`: its
    answered and Yes questions in recommendation n, counted in the same query (one count per number)."""
    counts = {}
    for number in numbers:
        among = {"answers__item__section__recommendation__number": number}
        counts |= {f"{name}_{number}": count for name, count in answer_counts("answers__", **among).items()}
    return list(assessments.select_related("country").annotate(**counts).order_by("country__name", "pk"))


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

    def _count(self, key) -> dict:
        """Progress by key(assessment, question), over each assessment's questions."""
        counted = {}
        for assessment in self.assessments:
            for question in self.questions:
                if question.template_id == assessment.round.template_id:
                    value = self.values.get((assessment.pk, question.pk), "")
                    counted.setdefault(key(assessment, question), Progress()).count(value)
        return counted

    def progress(self) -> dict[int, Progress]:
        """Each assessment's overall progress, as checklists.assessments.progress.progress_by_assessment counts it."""
        counted = self._count(lambda assessment, _question: assessment.pk)
        return {assessment.pk: counted.get(assessment.pk, Progress()) for assessment in self.assessments}

    def over_time(self) -> CountryOverTime:
        """Each recommendation's progress round by round, as comparison.yes_share_over_rounds counts it."""
        shares = self._count(lambda assessment, question: (assessment.round_id, question.number))
        numbers = sorted({number for (_round, number) in shares})
        rounds = [assessment.round for assessment in self.assessments]
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
    (a row per answer, and one for a question without any). The templates' dates, which say which title is the
    newest, come from the assessments (`round__template` selected with them, or read here), not from every row."""
    created = {assessment.round.template_id: assessment.round.template.created_at for assessment in assessments}
    template_ids = set(created)
    rows = (
        Item.objects.filter(is_question(), section__recommendation__template__in=template_ids)
        .annotate(answer=FilteredRelation("answers", condition=Q(answers__assessment__in=[a.pk for a in assessments])))
        .order_by("section__recommendation__number", "section__order", "order", "pk")
        .values_list(
            "pk",
            "key",
            in_reader_language("text"),
            "section__recommendation__template",
            "section__recommendation__number",
            in_reader_language("section__recommendation__title"),
            "answer__assessment",
            "answer__value",
        )
    )
    questions: dict[int, Question] = {}
    values = {}
    newest: dict[int, tuple] = {}  # number -> (template created at, template id, title)
    for pk, key, text, template_id, number, title, assessment_id, value in rows:
        if pk not in questions:
            questions[pk] = Question(pk, key, text, template_id, number)
            created_at = created[template_id]
            if number not in newest or (created_at, template_id) >= newest[number][:2]:
                newest[number] = (created_at, template_id, title)
        if assessment_id is not None:
            values[(assessment_id, pk)] = value
    titles = {number: title for number, (_created, _template, title) in newest.items()}
    return CountryAnswers(list(assessments), list(questions.values()), values, titles)
