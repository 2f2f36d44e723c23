from cjhp.panels import Panel
from projects.models import Project, Result


def country_projects(request, country) -> Panel:
    """The country page's projects: those naming the country, and the results recorded for it."""
    projects = (
        Project.objects.visible_to(request.user)
        .filter(pk__in=Project.countries.through.objects.filter(country=country).values("project"))
        .order_by("-starts_on", "title")
    )
    results = Result.objects.visible_to(request.user).filter(country=country)
    return Panel(
        "projects/panels/country_projects.html", {"country": country, "projects": projects, "results": results}
    )
