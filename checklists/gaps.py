"""Gaps and responses: the questions most countries answered No in a round, each with the events and projects
that address its recommendation, so staff see where capacity building is missing. Five queries in all."""

from dataclasses import dataclass

from checklists.comparison import QuestionTally, questions_answered_no
from checklists.models import AssessmentRound
from events.overview import responses_by_recommendation

MOST_ANSWERED_NO = 30


@dataclass
class Gap:
    tally: QuestionTally
    events: list
    projects: list

    @property
    def has_response(self) -> bool:
        return bool(self.events or self.projects)


def round_gaps(round: AssessmentRound, *, limit: int = MOST_ANSWERED_NO) -> list[Gap]:
    tallies = questions_answered_no(round, limit=limit)
    responses = responses_by_recommendation({tally.item.section.recommendation.number for tally in tallies})
    gaps = []
    for tally in tallies:
        found = responses[tally.item.section.recommendation.number]
        gaps.append(Gap(tally, found["events"], found["projects"]))
    return gaps
