"""Server-drawn SVG charts: valid SVG, exact numbers printed, and nothing that a strict CSP would block."""

import xml.etree.ElementTree as ET

from cjhp.lib.charts import BarChart, HeatMap, LineChart, share_colour

SVG = "{http://www.w3.org/2000/svg}"


def texts(svg: str) -> list[str]:
    return [element.text for element in ET.fromstring(svg).iter(f"{SVG}text")]


def test_the_heat_map_prints_every_share_and_marks_missing_data():
    chart = HeatMap(
        title="Yes share by recommendation and country",
        rows=["1. Training", "2. Licensing"],
        columns=["Moldova", "Georgia"],
        values={(0, 0): 0.5, (0, 1): 1.0, (1, 0): 0.0, (1, 1): None},
    ).svg()
    labels = texts(chart)
    assert ["50%", "100%", "0%", "—"] == [label for label in labels if label in {"50%", "100%", "0%", "—"}][:4]
    assert "Moldova" in labels and "2. Licensing" in labels
    assert 'role="img"' in chart and "style=" not in chart


def test_darker_means_more_yes():
    assert share_colour(0.0) != share_colour(1.0)
    assert share_colour(None) == "#ffffff"


def test_the_bar_chart_draws_one_bar_per_non_zero_value_and_prints_stacked_totals():
    chart = BarChart(
        title="Events per year by kind",
        categories=["2014", "2015"],
        series=[("Training", [1, 2]), ("Conference", [0, 3])],
        stacked=True,
    ).svg()
    root = ET.fromstring(chart)
    bars = [rect for rect in root.iter(f"{SVG}rect") if rect.find(f"{SVG}title") is not None]
    assert len(bars) == 3
    assert "5" in texts(chart) and "1" in texts(chart)


def test_the_line_chart_skips_rounds_without_data():
    chart = LineChart(title="Yes share over rounds", points=["2022", "2026"], series=[("Rec. 1", [0.4, None])]).svg()
    root = ET.fromstring(chart)
    assert root.find(f"{SVG}polyline") is None
    assert len(list(root.iter(f"{SVG}circle"))) == 1
