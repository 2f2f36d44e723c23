import sys

from django.contrib.auth.decorators import login_not_required
from django.db import InterfaceError, OperationalError
from django.db.models import Count, Q
from django.http import HttpRequest, HttpResponse, JsonResponse
from django.shortcuts import render
from django.template.loader import render_to_string
from django.utils import timezone
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST
from django.views.i18n import set_language as django_set_language

from checklists import panels as checklists_panels
from checklists.overview import staff_dashboard
from cjhp.country_report import country_filename, country_report
from cjhp.lib.access import require_programme_staff
from cjhp.lib.pdf import pdf_response
from cjhp.lib.roles import is_programme_staff
from cjhp.search import SearchForm
from cjhp.search import search as search_all
from countries.access import get_country_for_user
from countries.models import Country, FocalPoint
from countries.page import country_for_page
from events import panels as events_panels
from projects import panels as projects_panels


def home(request: HttpRequest) -> HttpResponse:
    """Staff see the programme at a glance; a focal point sees their own country first."""
    countries = Country.objects.visible_to(request.user)
    context = {"is_staff_home": is_programme_staff(request.user)}
    if context["is_staff_home"]:
        # One query for both numbers.
        counts = countries.aggregate(members=Count("pk", filter=Q(is_member=True)), all=Count("pk"))
        context["member_count"], context["country_count"] = counts["members"], counts["all"]
        # The open rounds, the reviews and the heat map are read together, once for their three panels.
        dashboard = staff_dashboard(request.GET)
        # What waits for staff comes first, before the countries' progress (on a phone, a long column of cards).
        panels = [
            checklists_panels.home_review(dashboard),
            checklists_panels.home_overdue_actions(),
            checklists_panels.home_open_rounds(dashboard),
            events_panels.home_upcoming_events(request),
            checklists_panels.home_heat_map(dashboard),
            events_panels.home_event_charts(),
        ]
    else:
        context["my_countries"] = list(countries)
        if not context["my_countries"]:
            # Someone whose service ended is told so, rather than asked to wait for access.
            context["served_before"] = FocalPoint.objects.filter(user=request.user).exists()
        panels = [
            checklists_panels.home_due(request),
            checklists_panels.home_action_items(request),
            events_panels.home_upcoming_events(request),
        ]
    context["panels"] = [panel for panel in panels if panel is not None]
    return render(request, "home.html", context)


def country_detail(request: HttpRequest, code: str) -> HttpResponse:
    """A country's page: what each app holds of the country, for staff and the country's own focal points."""
    country = country_for_page(request.user, code)
    # The assessments and their answers are read once for the two panels that show them.
    checklists = checklists_panels.country_checklists(country)
    panels = [
        checklists_panels.country_assessments(country, checklists),
        projects_panels.country_projects(country),
        events_panels.country_events(country),
        events_panels.country_participants(country),
        checklists_panels.country_over_time(request, country, checklists),
    ]
    context = {"country": country, "panels": [panel for panel in panels if panel is not None]}
    if is_programme_staff(request.user):
        # Staff also see who served before and whose invitation is pending, and invite from here.
        context["today"] = timezone.localdate()
    return render(request, "countries/country_detail.html", context)


def country_pdf(request: HttpRequest, code: str) -> HttpResponse:
    """The country profile as a PDF: for staff, and for the country's own focal points (404 for anyone else)."""
    country = get_country_for_user(request.user, code)
    context = country_report(country, request.user)
    return pdf_response(request, "countries/reports/profile.html", context, country_filename(country))


@login_not_required
@require_POST
def set_language(request: HttpRequest) -> HttpResponse:
    """Django's language switch, open to the login page too; remembers the choice for the user's emails."""
    response = django_set_language(request)
    language = request.POST.get("language")
    if request.user.is_authenticated and language in dict(request.user._meta.get_field("language").choices):
        request.user.language = language
        request.user.save(update_fields=["language"])
    return response


@login_not_required
def page_not_found(request: HttpRequest, exception=None) -> HttpResponse:
    if request.path.startswith("/api/"):
        # An address of the data API that names nothing: JSON, as every other answer of the API.
        return JsonResponse({"detail": _("Not found.")}, status=404)
    return render(request, "404.html", status=404)


@login_not_required
def server_error(request: HttpRequest) -> HttpResponse:
    """The error page, drawn without the request's context: the error may be the database's, which the session, the
    user and the context processors would read again. A database out of reach answers 503 with Retry-After: the
    same request may well work in a moment (the connection is checked again on the next one)."""
    if isinstance(sys.exception(), OperationalError | InterfaceError):
        response = HttpResponse(render_to_string("503.html"), status=503)
        response["Retry-After"] = "30"
        return response
    return HttpResponse(render_to_string("500.html"), status=500)


@login_not_required
def permission_denied(request: HttpRequest, exception=None) -> HttpResponse:
    return render(request, "403.html", status=403)


def search(request: HttpRequest) -> HttpResponse:
    """Staff only: the search crosses every country's participants, whose details focal points may not see."""
    require_programme_staff(request.user)
    form = SearchForm(data=request.GET)
    query = form.query()
    groups = search_all(query) if query else []
    context = {
        "form": form,
        "query": query,
        "groups": groups,
        "total": sum(group.count for group in groups),
        "more": any(group.more for group in groups),
    }
    return render(request, "search.html", context)
