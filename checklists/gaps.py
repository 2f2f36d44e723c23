"""Gaps and responses: the questions most countries answered No in a round, each with the events and projects
that address its recommendation, so staff see where capacity building is missing. Six queries in all."""

from dataclasses import dataclass, field

from checklists.comparison import QuestionTally, questions_answered_no
from checklists.models import AssessmentRound, Recommendation
from cjhp.links import link_maker
from events.overview import responses_by_recommendation

MOST_ANSWERED_NO = 30


@dataclass
class Gap:
    tally: QuestionTally
    events: list  # the latest few (events.overview.SHOWN_RESPONSES)
    event_count: int
    projects: list
    project_count: int
    event_links: list[str] = field(default_factory=list)  # the events' addresses, in their order
    project_links: list[str] = field(default_factory=list)

    @property
    def listed_events(self) -> list[tuple]:
        """(event, its address) for the list."""
        return list(zip(self.events, self.event_links, strict=True))

    @property
    def listed_projects(self) -> list[tuple]:
        return list(zip(self.projects, self.project_links, strict=True))

    @property
    def recommendation(self) -> Recommendation:
        return self.tally.item.section.recommendation

    @property
    def number(self) -> int:
        """The recommendation's number: gaps with the same one list the same events and projects."""
        return self.tally.item.section.recommendation.number

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
    # Each list's addresses reversed once for the page, not once per event or project.
    event_link, project_link = link_maker("events:detail", slug=True), link_maker("projects:detail", slug=True)
    gaps = []
    for tally in tallies:
        found = responses[tally.item.section.recommendation.number]
        events, projects = found["events"], found["projects"]
        gap = Gap(tally, events.shown, events.count, projects.shown, projects.count)
        gap.event_links = [event_link(event.slug) for event in events.shown]
        gap.project_links = [project_link(project.slug) for project in projects.shown]
        gaps.append(gap)
    return gaps
