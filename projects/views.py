from django.contrib import messages
from django.db.models import Exists, OuterRef
from django.http import HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse
from django.utils.http import url_has_allowed_host_and_scheme
from django.utils.translation import gettext as _

from cjhp.lib.access import require_programme_staff
from cjhp.lib.exports import export_format, export_response
from countries.models import Country
from events.models import Event
from projects.access import get_project_for_user
from projects.forms import ActivityForm, PartnerForm, ProjectFilterForm, ProjectForm, ResultForm
from projects.models import AREA_GROUPS, Activity, Project, Result
from projects.resources import ProjectListResource


def project_list(request: HttpRequest) -> HttpResponse:
    form = ProjectFilterForm(data=request.GET or None, user=request.user)
    projects = (
        form.filter_qs(Project.objects.visible_to(request.user))
        .select_related("parent")
        .prefetch_related("countries")
        .order_by("-starts_on", "title")
    )
    if fmt := export_format(request):
        return export_response(ProjectListResource(), projects, fmt, "cjhp-projects")
    return render(request, "projects/project_list.html", {"form": form, "projects": projects})


def project_detail(request: HttpRequest, slug: str) -> HttpResponse:
    project = get_project_for_user(request.user, slug)
    visible = Project.objects.visible_to(request.user)
    activities = list(project.activities.prefetch_related("recommendations"))
    areas = [
        {"label": label, "activities": [activity for activity in activities if activity.area in group]}
        for _key, label, group in AREA_GROUPS
    ]
    context = {
        "project": project,
        # A regional project names all its countries; a focal point is linked only to their own country's page.
        "countries": project.countries.annotate(
            linked=Exists(Country.objects.visible_to(request.user).filter(pk=OuterRef("pk")))
        ),
        "partners": project.partners.select_related("country"),
        "parent": visible.filter(pk=project.parent_id).first() if project.parent_id else None,
        "children": visible.filter(parent=project),
        "areas": areas,
        "activity_count": len(activities),
        "results": Result.objects.visible_to(request.user).filter(project=project),
        "events": Event.objects.visible_to(request.user).filter(projects=project).select_related("country"),
        "recommendations": project.recommendations.order_by("number"),
    }
    return render(request, "projects/project_detail.html", context)


def _get_project_to_edit(user, slug: str | None) -> Project:
    """A new project when there is no slug, else the project: 404 for one the user may not see, then 403 for anyone
    but programme staff."""
    if slug is None:
        require_programme_staff(user)
        return Project()
    project = get_project_for_user(user, slug)
    require_programme_staff(user)
    return project


def project_edit(request: HttpRequest, slug: str | None = None) -> HttpResponse:
    """Creates a project (projects/new/, no slug) or edits one."""
    project = _get_project_to_edit(request.user, slug)
    created = project.pk is None
    form = ProjectForm(data=request.POST or None, instance=project)
    if request.method == "POST" and form.is_valid():
        project = form.save()
        message = _("The project “%(title)s” was created.") if created else _("The project “%(title)s” was saved.")
        messages.success(request, message % {"title": project.title})
        return redirect(project)
    return render(request, "projects/project_form.html", {"form": form, "project": project})


def activity_edit(request: HttpRequest, slug: str, pk: int | None = None) -> HttpResponse:
    project = get_project_for_user(request.user, slug)
    require_programme_staff(request.user)
    activity = get_object_or_404(project.activities, pk=pk) if pk else Activity(project=project)
    form = ActivityForm(data=request.POST or None, instance=activity)
    if request.method == "POST" and form.is_valid():
        form.save()
        messages.success(request, _("The activity “%(title)s” was saved.") % {"title": activity.title})
        return redirect(f"{project.get_absolute_url()}#activities")
    heading = _("Edit the activity") if activity.pk else _("Add an activity")
    return render(
        request,
        "projects/simple_form.html",
        {"form": form, "project": project, "heading": heading, "cancel_url": project.get_absolute_url()},
    )


def result_edit(request: HttpRequest, slug: str, pk: int | None = None) -> HttpResponse:
    project = get_project_for_user(request.user, slug)
    require_programme_staff(request.user)
    result = get_object_or_404(project.results, pk=pk) if pk else Result(project=project)
    form = ResultForm(data=request.POST or None, instance=result)
    if request.method == "POST" and form.is_valid():
        form.save()
        messages.success(request, _("The result was saved."))
        return redirect(f"{project.get_absolute_url()}#results")
    heading = _("Edit the result") if result.pk else _("Add a result")
    return render(
        request,
        "projects/simple_form.html",
        {"form": form, "project": project, "heading": heading, "cancel_url": project.get_absolute_url()},
    )


def partner_create(request: HttpRequest) -> HttpResponse:
    require_programme_staff(request.user)
    form = PartnerForm(data=request.POST or None)
    if request.method == "POST" and form.is_valid():
        partner = form.save()
        messages.success(request, _("The partner “%(name)s” was added.") % {"name": partner.name})
        next_url = request.POST.get("next", "")
        if url_has_allowed_host_and_scheme(next_url, allowed_hosts={request.get_host()}):
            return redirect(next_url)
        return redirect("projects:list")
    next_url = request.GET.get("next", "")
    if not url_has_allowed_host_and_scheme(next_url, allowed_hosts={request.get_host()}):
        next_url = ""
    cancel_url = next_url or reverse("projects:list")
    context = {"form": form, "heading": _("Add a partner"), "next": next_url, "cancel_url": cancel_url}
    return render(request, "projects/simple_form.html", context)
