"""The gaps and responses page of a round: staff only (focal points get 403, a round belongs to no country)."""

from tests.checklists.factories import AssessmentFactory, RoundFactory, answer_all, make_template
from tests.matrix import Route, expect

STAFF_ONLY = expect(fp_same=403, fp_other=403)


def build(world):
    world.gaps_round = RoundFactory(template=make_template(), name="Gaps round", slug="gaps-round")
    answer_all(AssessmentFactory(round=world.gaps_round, country=world.md), "no")


ROUTES = {
    "checklists:round_gaps": Route(get=STAFF_ONLY, kwargs=lambda world: {"slug": world.gaps_round.slug}),
}
