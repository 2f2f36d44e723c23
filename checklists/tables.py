"""Helpers for the assessment tables (templates/checklists/includes/assessment_table.html)."""

from cjhp.links import link_maker


def with_links(assessments) -> list:
    """The assessments, each with `link` (its page), the address reversed once for the whole table rather than
    once per row; the table falls back on get_absolute_url() for rows without it (the country page's)."""
    assessments = list(assessments)
    link = link_maker("checklists:assessment")
    for assessment in assessments:
        assessment.link = link(assessment.pk)
    return assessments
