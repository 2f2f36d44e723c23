"""Django templates to PDF with WeasyPrint: the one helper every report and certificate uses.

Stylesheets and images named with {% static %} are read from disk through the static files finders, never
over HTTP, so a report renders the same in development, in tests and behind gunicorn.

Every PDF is tagged (PDF/UA-1): a screen reader follows its headings, tables and lists in reading order, and a
viewer shows the document's title (from <title>) and reads it in its language (from <html lang>). PDF/UA rather
than PDF/A-3u with tags: the reports are read on screen by people, not archived; PDF/A's embedded colour profile
and identifier add nothing a reader needs.
"""

import mimetypes
from urllib.parse import urlsplit

from django.conf import settings
from django.contrib.staticfiles import finders
from django.http import HttpRequest, HttpResponse
from django.template.loader import render_to_string
from django.utils import timezone
from weasyprint import HTML
from weasyprint.urls import URLFetcher, URLFetcherResponse

BASE_URL = "https://cjhp.invalid/"


class StaticFilesFetcher(URLFetcher):
    """Serves {% static %} files from disk and refuses everything else: reports never reach the network."""

    def fetch(self, url, headers=None):
        parts = urlsplit(url)
        static_prefix = "/" + settings.STATIC_URL.lstrip("/")
        if parts.scheme == "data":
            return super().fetch(url, headers)
        if parts.netloc == urlsplit(BASE_URL).netloc and parts.path.startswith(static_prefix):
            path = finders.find(parts.path.removeprefix(static_prefix))
            if path:
                mime_type = mimetypes.guess_type(path)[0] or "application/octet-stream"
                with open(path, "rb") as handle:
                    return URLFetcherResponse(url, body=handle.read(), headers={"Content-Type": mime_type})
        raise ValueError(f"A report may not fetch {url}")


PDF_VARIANT = "pdf/ua-1"


def html_to_pdf(html: str) -> bytes:
    document = HTML(string=html, base_url=BASE_URL, url_fetcher=StaticFilesFetcher(fail_on_errors=True))
    return document.write_pdf(pdf_variant=PDF_VARIANT)


def render_pdf_bytes(template_name: str, context: dict, request: HttpRequest | None = None) -> bytes:
    context = {"exported_at": timezone.localtime(), "programme_name": settings.PROGRAMME_NAME, **context}
    return html_to_pdf(render_to_string(template_name, context, request=request))


def pdf_response(
    request: HttpRequest, template_name: str, context: dict, filename: str, *, inline: bool = False
) -> HttpResponse:
    """A PDF download named `filename` (it should say what it is: cjhp-assessment-MD-see-baseline-2022.pdf)."""
    response = HttpResponse(render_pdf_bytes(template_name, context, request), content_type="application/pdf")
    disposition = "inline" if inline else "attachment"
    response["Content-Disposition"] = f'{disposition}; filename="{filename}"'
    return response
