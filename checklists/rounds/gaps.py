"""Gaps and responses: the questions most countries answered No in a round, each with the events and projects
that address its recommendation, so staff see where capacity building is missing. Six queries in all."""

from dataclasses import dataclass

from checklists.models import AssessmentRound, Recommendation
from checklists.rounds.comparison import QuestionTally, questions_answered_no
from events.overview import responses_by_recommendation

MOST_ANSWERED_NO = 30


@dataclass
class Gap:
    tally: QuestionTally
    events: list  # the latest few (events.overview.SHOWN_RESPONSES)
    event_count: int
    projects: list
    project_count: int

    @property
    def recommendation(self) -> Recommendation:
        return self.tally.item.section.recommendation

    @property
    def has_response(self) -> bool:
        return bool(self.event_count or self.project_count)

    @property
    def more_events(self) -> int:
        return self.event_count - len(self.events)

    @property
    def more_projects(self) -> int:
        return self.project_count - len(self.projects)


def round_gaps(round: AssessmentRound, *, limit: int = MOST_ANSWERED_NO) -> list[Gap]:
    tallies = questions_answered_no(round, limit=limit)
    responses = responses_by_recommendation({tally.item.section.recommendation.number for tally in tallies})
    gaps = []
    for tally in tallies:
        found = responses[tally.item.section.recommendation.number]
        events, projects = found["events"], found["projects"]
        gaps.append(Gap(tally, events.shown, events.count, projects.shown, projects.count))
    return gaps
