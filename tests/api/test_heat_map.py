"""The heat map's figures through the API are those the staff dashboard shows, for the countries the reader sees;
as CSV for a spreadsheet too."""

import csv
import io

from django.urls import reverse

from checklists.overview import RoundHeatMap, staff_dashboard


def test_the_heat_map_figures_equal_the_dashboards(api, programme, staff, login):
    data = api(staff).get("/api/v1/rounds/baseline/heat-map/").json()

    dashboard = staff_dashboard(data={"round": "baseline"}).heat_map
    shown = {
        assessment.country.code: [(c.total, c.answered, c.yes, RoundHeatMap.yes_share(c)) for c in cells]
        for assessment, cells in dashboard.table_rows()
    }
    served = {
        row["country"]: [(c["questions"], c["answered"], c["yes"], c["yes_share"]) for c in row["cells"]]
        for row in data["countries"]
    }
    assert served == shown
    assert served["MD"] == [(4, 2, 1, 0.25), (2, 0, 0, None)]
    assert served["GE"] == [(4, 4, 4, 1.0), (2, 2, 2, 1.0)]
    assert [r["number"] for r in data["recommendations"]] == [1, 2]
    # The dashboard page draws the same round.
    panels = login(staff).get(reverse("home"), {"round": "baseline"}).context["panels"]
    [panel] = [p for p in panels if p.template.endswith("home_heat_map.html")]
    assert panel.context["round"] == programme.round


def test_a_focal_point_sees_only_their_countrys_row(api, programme, fp_md):
    data = api(fp_md).get("/api/v1/rounds/baseline/heat-map/").json()
    assert [row["country"] for row in data["countries"]] == ["MD"]


def test_the_heat_map_as_csv_is_a_country_a_row(api, programme, staff):
    response = api(staff).get("/api/v1/rounds/baseline/heat-map/", {"format": "csv"})

    assert response["Content-Type"].startswith("text/csv")
    rows = list(csv.reader(io.StringIO(response.content.decode())))
    assert rows[0] == ["country", "country_name", "status", "1. Recommendation 1", "2. Recommendation 2"]
    assert rows[1:] == [
        ["GE", "Georgia", "submitted", "1.0", "1.0"],
        ["MD", "Republic of Moldova", "draft", "0.25", ""],
    ]
