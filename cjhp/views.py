from django.contrib.auth.decorators import login_not_required
from django.db.models import Count, Q
from django.http import HttpRequest, HttpResponse
from django.shortcuts import render
from django.views.decorators.http import require_POST
from django.views.i18n import set_language as django_set_language

from cjhp.access import require_programme_staff
from cjhp.panels import HOME_PANELS, collect
from cjhp.roles import is_programme_staff
from cjhp.search import SearchForm
from cjhp.search import search as search_all
from countries.models import Country


def home(request: HttpRequest) -> HttpResponse:
    """Staff see the programme at a glance; a focal point sees their own country first."""
    countries = Country.objects.visible_to(request.user)
    context = {"is_staff_home": is_programme_staff(request.user)}
    if context["is_staff_home"]:
        # One query for both numbers.
        counts = countries.aggregate(members=Count("pk", filter=Q(is_member=True)), all=Count("pk"))
        context["member_count"], context["country_count"] = counts["members"], counts["all"]
    else:
        context["my_countries"] = list(countries)
    context["panels"] = collect(HOME_PANELS, request)
    return render(request, "home.html", context)


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
    return render(request, "404.html", status=404)


@login_not_required
def server_error(request: HttpRequest) -> HttpResponse:
    # Rendered without a request context: the template must not need the database or the user.
    return render(request, "500.html", status=500)


@login_not_required
def permission_denied(request: HttpRequest, exception=None) -> HttpResponse:
    return render(request, "403.html", status=403)


def search(request: HttpRequest) -> HttpResponse:
    """Staff only: the search crosses every country's participants, whose details focal points may not see."""
    require_programme_staff(request.user)
    form = SearchForm(data=request.GET)
    query = form.query()
    groups = search_all(query) if query else []
    context = {"form": form, "query": query, "groups": groups, "total": sum(group.count for group in groups)}
    return render(request, "search.html", context)
