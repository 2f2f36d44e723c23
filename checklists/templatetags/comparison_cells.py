"""`{{ row.cells|yes_percent_cells }}`: the cells of one country's row in the round comparison table.

The table is countries × recommendations (276 cells at ten times the programme's size); each cell is a whole
number and a per cent sign, so the row's cells are joined here instead of a template loop per cell. The HTML is
the same as `{% for cell in row.cells %}<td class="num">{{ cell.yes_percent }}%</td>{% endfor %}`."""

from django import template
from django.utils.safestring import mark_safe

register = template.Library()


@register.filter
def yes_percent_cells(cells) -> str:
    # yes_percent is an int (Progress.yes_percent): nothing to escape, and shown without the locale as before.
    return mark_safe("".join(f'<td class="num">{int(cell.yes_percent)}%</td>' for cell in cells))
