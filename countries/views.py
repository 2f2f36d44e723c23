import copy

from django.contrib import messages
from django.db.models import Prefetch
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _

from cjhp.lib.access import require_programme_staff
from cjhp.lib.exports import export_format, export_response
from countries.access import get_country_for_user
from countries.forms import CountryFilterForm, CountryForm
from countries.models import Country
from countries.names import name_sort_key
from countries.reference import member_states_source
from countries.resources import CountryResource


def country_list(request: HttpRequest) -> HttpResponse:
    visible = Country.objects.visible_to(request.user)
    form = CountryFilterForm(data=request.GET or None)
    countries = form.filter_qs(visible)
    if fmt := export_format(request):
        return export_response(CountryResource(), countries.prefetch_related("networks"), fmt, "cjhp-countries")
    # The networks as a plain list: the template reads them without making a related manager for each row.
    countries = list(countries.prefetch_related(Prefetch("networks", to_attr="network_list")))
    # In the reader's language, sorted as they read the names ("Allemagne" among the A on French pages).
    countries.sort(key=lambda country: name_sort_key(country.local_name))
    return render(
        request,
        "countries/country_list.html",
        {
            "form": form,
            "countries": countries,
            "member_count": visible.members().count(),
            "source": member_states_source(),
        },
    )


def country_edit(request: HttpRequest, code: str) -> HttpResponse:
    country = get_country_for_user(request.user, code)
    require_programme_staff(request.user)
    # The form edits a copy, so that the page keeps showing the saved name while the input is invalid.
    form = CountryForm(data=request.POST or None, instance=copy.copy(country))
    if request.method == "POST" and form.is_valid():
        country = form.save()
        messages.success(request, _("%(country)s was saved.") % {"country": country})
        return redirect(country)
    return render(request, "countries/country_form.html", {"country": country, "form": form})
