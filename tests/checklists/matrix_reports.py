"""The checklists' PDF reports: a country's assessment (its focal points and staff), a round's comparison of every
country (staff only). Uses the assessment and round of tests/checklists/matrix_assessments.py."""

from tests.matrix import COUNTRY_PAGE, Route, expect

ROUTES = {
    "checklists:assessment_pdf": Route(get=COUNTRY_PAGE, kwargs=lambda world: {"pk": world.assessment.pk}),
    "checklists:round_pdf": Route(
        get=expect(fp_same=403, fp_other=403), kwargs=lambda world: {"slug": world.round.slug}
    ),
}
