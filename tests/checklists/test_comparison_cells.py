"""The round comparison's row of cells, joined by a filter: the same HTML as the template loop it replaces."""

from django.template import Context, Template

from checklists.progress import Progress
from checklists.templatetags.comparison_cells import yes_percent_cells


def test_the_cells_are_those_the_template_loop_wrote():
    cells = [Progress(total=3, answered=3, yes=2), Progress(), Progress(total=7, answered=1, yes=1)]
    loop = Template('{% for cell in cells %}<td class="num">{{ cell.yes_percent }}%</td>{% endfor %}')
    assert yes_percent_cells(cells) == loop.render(Context({"cells": cells}))
    assert yes_percent_cells(cells) == '<td class="num">67%</td><td class="num">0%</td><td class="num">14%</td>'


def test_the_round_page_shows_each_recommendations_yes_share(assessment, staff, login):
    from django.urls import reverse

    html = login(staff).get(reverse("checklists:round", args=[assessment.round.slug])).content.decode()
    recommendations = assessment.round.template.recommendations.count()
    assert html.count('<td class="num">0%</td>') >= recommendations
