from cjhp.lib.panels import Panel
from projects.models import Project, Result


def country_projects(country) -> Panel:
    """The country page's projects: those naming the country, and the results recorded for it.

    The country page already checked that the user may see the country (countries.page.country_for_page), and
    whoever sees a country sees every project naming it and every result recorded for it (the visible_to of
    Project and Result): no visibility subqueries."""
    projects = Project.objects.filter(
        pk__in=Project.countries.through.objects.filter(country=country).values("project")
    ).order_by("-starts_on", "title")
    results = Result.objects.filter(country=country)
    return Panel(
        "projects/panels/country_projects.html", {"country": country, "projects": projects, "results": results}
    )
