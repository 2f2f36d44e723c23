"""The portal's URLs plus a stand-in for the assessment page, for as long as the checklists app has none.

The reminders link to `Assessment.get_absolute_url()`; the tests only need that URL to resolve.
"""

from django.http import HttpResponse
from django.urls import include, path

from checklists.urls import urlpatterns as checklists_urlpatterns
from cjhp.urls import handler403, handler404, handler500  # noqa: F401
from cjhp.urls import urlpatterns as portal_urlpatterns


def assessment_stand_in(request, pk):
    return HttpResponse(f"assessment {pk}")


stand_in = path("assessments/<int:pk>/", assessment_stand_in, name="assessment")
urlpatterns = [
    path("checklists/", include(([*checklists_urlpatterns, stand_in], "checklists"))),
    *(pattern for pattern in portal_urlpatterns if getattr(pattern, "namespace", None) != "checklists"),
]
