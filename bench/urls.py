"""The portal's URLs plus the bare view the pages are compared with; used only by the bench."""

from django.http import HttpRequest, HttpResponse
from django.template import engines
from django.urls import path

from cjhp.urls import handler403, handler404, handler500  # noqa: F401
from cjhp.urls import urlpatterns as portal_urlpatterns

BARE_TEMPLATE = engines["django"].from_string("<!doctype html><title>Bare</title><p>{{ greeting }}</p>")


def bare_view(request: HttpRequest) -> HttpResponse:
    """What any page costs at least: the middleware (session, user) and one trivial template."""
    return HttpResponse(BARE_TEMPLATE.render({"greeting": "Hello"}, request))


urlpatterns = [path("bench/bare/", bare_view, name="bench-bare"), *portal_urlpatterns]
