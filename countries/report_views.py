"""The country profile as a PDF: for staff, and for the country's own focal points (404 for anyone else)."""

from django.http import HttpRequest, HttpResponse

from cjhp.pdf import pdf_response
from countries.access import get_country_for_user
from countries.reports import country_filename, country_report


def country_pdf(request: HttpRequest, code: str) -> HttpResponse:
    country = get_country_for_user(request.user, code)
    return pdf_response(
        request, "countries/reports/profile.html", country_report(country, request.user), country_filename(country)
    )
