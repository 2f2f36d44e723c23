"""Charts drawn on the server as SVG, so the same chart shows in the browser and in the PDF reports.

Every chart is meant to stand next to a table holding the same numbers (readable without colour). Colours are
chosen for colour-blind readers: a single-hue sequential scale for shares (darker = more Yes), the Okabe–Ito
palette for categories, and every cell of a heat map prints its exact number. Only presentation attributes are
used (no style=""), so the Content-Security-Policy needs no exception.
"""

from dataclasses import dataclass
from functools import cache
from xml.sax.saxutils import escape

from django.utils.safestring import SafeString, mark_safe

# Okabe & Ito (2008): distinguishable with every common colour-vision deficiency.
CATEGORY_COLOURS = ["#0072B2", "#E69F00", "#009E73", "#CC79A7", "#56B4E9", "#D55E00", "#F0E442", "#000000"]
# A single-hue blue scale (ColorBrewer "Blues", 7 classes) for shares from 0 to 1.
SHARE_SCALE = ["#eff3ff", "#c6dbef", "#9ecae1", "#6baed6", "#4292c6", "#2171b5", "#084594"]
NO_DATA = "#ffffff"
INK = "#1d2530"
MUTED = "#5a6472"
FONT = 'font-family="DejaVu Sans, Arial, sans-serif"'
CHAR_WIDTH = 6.4  # Average width of a character at 11px, to size labels without a font engine.


def _text_width(text: str, size: float = 11) -> float:
    return len(text) * CHAR_WIDTH * size / 11


def _truncate(text: str, width: float) -> str:
    limit = max(3, int(width / CHAR_WIDTH))
    return text if len(text) <= limit else text[: limit - 1] + "…"


def share_colour(share: float | None) -> str:
    if share is None:
        return NO_DATA
    index = min(len(SHARE_SCALE) - 1, int(share * len(SHARE_SCALE)))
    return SHARE_SCALE[index]


@cache  # A handful of fills, hundreds of cells.
def _ink_on(fill: str) -> str:
    """Black or white text, whichever reads better on the fill."""
    red, green, blue = (int(fill[i : i + 2], 16) for i in (1, 3, 5))
    luminance = 0.2126 * red + 0.7152 * green + 0.0722 * blue
    return "#ffffff" if luminance < 140 else INK


def format_share(share: float | None) -> str:
    return "—" if share is None else f"{round(share * 100)}%"


def _svg(width: float, height: float, title: str, body: list[str]) -> SafeString:
    return mark_safe(
        f'<svg xmlns="http://www.w3.org/2000/svg" class="chart-svg" viewBox="0 0 {width:.0f} {height:.0f}" '
        f'width="{width:.0f}" height="{height:.0f}" role="img" aria-label="{escape(title, {chr(34): "&quot;"})}" '
        f"{FONT}><title>{escape(title)}</title>{''.join(body)}</svg>"
    )


def _legend(names: list[str], left: float, top: float) -> list[str]:
    """Colour keys for the series, three to a line."""
    items = []
    for index, name in enumerate(names):
        x = left + (index % 3) * 150
        y = top + (index // 3) * 20
        colour = CATEGORY_COLOURS[index % len(CATEGORY_COLOURS)]
        items.append(
            f'<rect x="{x}" y="{y}" width="12" height="12" fill="{colour}"/>'
            f'<text x="{x + 16}" y="{y + 10}" font-size="10" fill="{INK}">{escape(_truncate(name, 125))}</text>'
        )
    return items


@dataclass
class HeatMap:
    """Rows × columns of shares (0–1, or None for no data), each cell printing its exact percentage."""

    title: str
    rows: list[str]
    columns: list[str]
    values: dict[tuple[int, int], float | None]

    cell_width: float = 56
    cell_height: float = 30

    def svg(self) -> SafeString:
        label_width = min(260, max([_text_width(row) for row in self.rows] + [60]) + 12)
        # Column labels are written at 40°: their height is about 0.65 of their length.
        header_height = min(120, max([_text_width(column) for column in self.columns] + [40]) * 0.65 + 16)
        # The last column's label runs to the right of its column: about 0.77 of its length at 40°.
        last_label = _text_width(_truncate(self.columns[-1], 160)) * 0.77 if self.columns else 0
        width = label_width + self.cell_width * len(self.columns) + max(10, last_label - self.cell_width / 2 + 6)
        height = header_height + self.cell_height * len(self.rows) + 34
        body = []
        for col, column in enumerate(self.columns):
            x = label_width + col * self.cell_width + self.cell_width / 2
            body.append(
                f'<text x="{x:.1f}" y="{header_height - 8:.1f}" font-size="11" fill="{INK}" '
                f'transform="rotate(-40 {x:.1f} {header_height - 8:.1f})">{escape(_truncate(column, 160))}</text>'
            )
        for row_index, row in enumerate(self.rows):
            y = header_height + row_index * self.cell_height
            body.append(
                f'<text x="{label_width - 8}" y="{y + self.cell_height / 2 + 4:.1f}" font-size="11" '
                f'text-anchor="end" fill="{INK}">{escape(_truncate(row, label_width - 12))}</text>'
            )
            for col in range(len(self.columns)):
                share = self.values.get((row_index, col))
                fill = share_colour(share)
                x = label_width + col * self.cell_width
                body.append(
                    f'<rect x="{x:.1f}" y="{y:.1f}" width="{self.cell_width - 2}" height="{self.cell_height - 2}" '
                    f'fill="{fill}" stroke="#c4ccd6" stroke-width="0.5"/>'
                    f'<text x="{x + self.cell_width / 2 - 1:.1f}" y="{y + self.cell_height / 2 + 4:.1f}" '
                    f'font-size="11" text-anchor="middle" fill="{_ink_on(fill)}">{format_share(share)}</text>'
                )
        # Legend: the scale from 0% to 100%.
        legend_y = height - 22
        step = 26
        body.append(
            f'<text x="{label_width - 8}" y="{legend_y + 11}" font-size="10" text-anchor="end" fill="{MUTED}">0%</text>'
        )
        for index, colour in enumerate(SHARE_SCALE):
            body.append(
                f'<rect x="{label_width + index * step}" y="{legend_y}" width="{step}" height="14" fill="{colour}" '
                f'stroke="#c4ccd6" stroke-width="0.5"/>'
            )
        body.append(
            f'<text x="{label_width + len(SHARE_SCALE) * step + 6}" y="{legend_y + 11}" font-size="10" '
            f'fill="{MUTED}">100%</text>'
        )
        return _svg(width, height, self.title, body)


@dataclass
class BarChart:
    """Vertical bars per category, one colour per series; stacked or side by side. Values are counts."""

    title: str
    categories: list[str]
    series: list[tuple[str, list[int]]]
    stacked: bool = False

    height: float = 280

    def svg(self) -> SafeString:
        group_width = max(36.0, 18.0 * (1 if self.stacked else len(self.series)) + 16)
        # Category labels are written at 35° ending under their bar: the first one needs room on the left.
        first_label = _text_width(_truncate(self.categories[0], 120), 10) if self.categories else 0
        left, top, bottom = max(40, round(first_label * 0.82) - 10), 12, 96
        legend_height = 20 * ((len(self.series) + 2) // 3)
        # A few categories spread over the legend's width (bars of at most 48 px), not huddled at its left.
        legend_width = 150 * min(3, len(self.series))
        group_width = max(group_width, min(group_width + 32, (legend_width - 20) / max(1, len(self.categories))))
        plot_height = self.height - top - bottom
        width = left + group_width * max(1, len(self.categories)) + 20
        totals = (
            [sum(values[i] for _, values in self.series) for i in range(len(self.categories))]
            if self.stacked
            else [max((values[i] for _, values in self.series), default=0) for i in range(len(self.categories))]
        )
        peak = max(totals + [1])
        scale = plot_height / peak
        body = [
            f'<line x1="{left}" y1="{top + plot_height}" x2="{width - 10}" y2="{top + plot_height}" stroke="{MUTED}"/>'
        ]
        body.append(f'<text x="{left - 6}" y="{top + 8}" font-size="10" text-anchor="end" fill="{MUTED}">{peak}</text>')
        body.append(
            f'<text x="{left - 6}" y="{top + plot_height}" font-size="10" text-anchor="end" fill="{MUTED}">0</text>'
        )
        bar_width = group_width - 16 if self.stacked else (group_width - 16) / max(1, len(self.series))
        for index, category in enumerate(self.categories):
            x0 = left + index * group_width + 8
            stacked_y = top + plot_height
            for series_index, (name, values) in enumerate(self.series):
                value = values[index]
                if not value:
                    continue
                bar_height = value * scale
                colour = CATEGORY_COLOURS[series_index % len(CATEGORY_COLOURS)]
                if self.stacked:
                    stacked_y -= bar_height
                    x, y = x0, stacked_y
                else:
                    x, y = x0 + series_index * bar_width, top + plot_height - bar_height
                body.append(
                    f'<rect x="{x:.1f}" y="{y:.1f}" width="{bar_width - 1:.1f}" height="{bar_height:.1f}" '
                    f'fill="{colour}"><title>{escape(category)} · {escape(name)}: {value}</title></rect>'
                )
            total = totals[index]
            label_y = top + plot_height - total * scale - 3
            if self.stacked and total:
                body.append(
                    f'<text x="{x0 + bar_width / 2:.1f}" y="{label_y:.1f}" font-size="10" text-anchor="middle" '
                    f'fill="{INK}">{total}</text>'
                )
            cx = x0 + (group_width - 16) / 2
            body.append(
                f'<text x="{cx:.1f}" y="{top + plot_height + 14}" font-size="10" text-anchor="end" fill="{INK}" '
                f'transform="rotate(-35 {cx:.1f} {top + plot_height + 14})">{escape(_truncate(category, 120))}</text>'
            )
        body.extend(_legend([name for name, _ in self.series], left, self.height + 4))
        return _svg(max(width, left + 3 * 150), self.height + legend_height + 8, self.title, body)


@dataclass
class LineChart:
    """Shares (0–1) over ordered points (rounds), one line per series; points without data are skipped."""

    title: str
    points: list[str]
    series: list[tuple[str, list[float | None]]]

    height: float = 200

    def svg(self) -> SafeString:
        left, top, bottom, step = 60, 12, 50, 150
        plot_height = self.height - top - bottom
        width = left + step * max(1, len(self.points) - 1) + 80
        legend_height = 20 * ((len(self.series) + 2) // 3)
        body = []
        for share in (0, 0.5, 1):
            y = top + plot_height * (1 - share)
            body.append(
                f'<line x1="{left}" y1="{y:.1f}" x2="{width - 30}" y2="{y:.1f}" stroke="#d5dbe3"/>'
                f'<text x="{left - 6}" y="{y + 4:.1f}" font-size="10" text-anchor="end" fill="{MUTED}">'
                f"{format_share(share)}</text>"
            )
        for index, point in enumerate(self.points):
            x = left + index * step
            body.append(
                f'<text x="{x}" y="{top + plot_height + 16}" font-size="10" text-anchor="middle" fill="{INK}">'
                f"{escape(_truncate(point, step - 6))}</text>"
            )
        markers = ["circle", "square", "diamond"]
        for series_index, (name, values) in enumerate(self.series):
            colour = CATEGORY_COLOURS[series_index % len(CATEGORY_COLOURS)]
            coords = [
                (left + index * step, top + plot_height * (1 - value))
                for index, value in enumerate(values)
                if value is not None
            ]
            if len(coords) > 1:
                path = " ".join(f"{x:.1f},{y:.1f}" for x, y in coords)
                body.append(f'<polyline points="{path}" fill="none" stroke="{colour}" stroke-width="2"/>')
            marker = markers[series_index % len(markers)]
            for (x, y), value in zip(coords, [v for v in values if v is not None], strict=True):
                label = f"<title>{escape(name)}: {format_share(value)}</title>"
                if marker == "circle":
                    body.append(f'<circle cx="{x:.1f}" cy="{y:.1f}" r="4" fill="{colour}">{label}</circle>')
                elif marker == "square":
                    body.append(
                        f'<rect x="{x - 4:.1f}" y="{y - 4:.1f}" width="8" height="8" fill="{colour}">{label}</rect>'
                    )
                else:
                    diamond = f"{x:.1f},{y - 5:.1f} {x + 5:.1f},{y:.1f} {x:.1f},{y + 5:.1f} {x - 5:.1f},{y:.1f}"
                    body.append(f'<polygon points="{diamond}" fill="{colour}">{label}</polygon>')
        body.extend(_legend([name for name, _ in self.series], left, self.height))
        return _svg(max(width, left + 3 * 150), self.height + legend_height + 8, self.title, body)
