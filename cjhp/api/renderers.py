from rest_framework.renderers import BaseRenderer

from cjhp.lib.spreadsheets import csv_text


class HeatMapCSVRenderer(BaseRenderer):
    """A round's heat map (checklists/api.py) as CSV for a spreadsheet: a country a row, a recommendation a column,
    each cell the Yes share (0 to 1, empty while nothing is answered). An error comes as its one message."""

    media_type = "text/csv"
    format = "csv"
    charset = "utf-8"

    def render(self, data, accepted_media_type=None, renderer_context=None):
        if not isinstance(data, dict) or "countries" not in data:
            return csv_text(["detail"], [[str(data.get("detail", data)) if isinstance(data, dict) else str(data)]])
        headers = ["country", "country_name", "status"]
        headers += [
            f"{recommendation['number']}. {recommendation['title']}" for recommendation in data["recommendations"]
        ]
        rows = [
            [row["country"], row["country_name"], row["status"], *(cell["yes_share"] for cell in row["cells"])]
            for row in data["countries"]
        ]
        return csv_text(headers, rows)
