"""/api/v1/: every app's endpoints on one router, the OpenAPI schema and its documentation page.

Each view answers for itself who may call it (a token or a session, cjhp/api/authentication.py), with 401 or 403
in JSON: none is sent to the sign-in page by LoginRequiredMiddleware.
"""

from django.contrib.auth.decorators import login_not_required
from django.urls import path
from drf_spectacular.views import SpectacularAPIView, SpectacularSwaggerSplitView
from rest_framework.routers import SimpleRouter

from checklists.api import ActionItemViewSet, AssessmentViewSet, RoundViewSet, TemplateViewSet
from countries.api import CountryViewSet, NetworkViewSet
from events.api import EventViewSet
from projects.api import ProjectViewSet

app_name = "api"

router = SimpleRouter()
router.register("countries", CountryViewSet, basename="country")
router.register("networks", NetworkViewSet, basename="network")
router.register("projects", ProjectViewSet, basename="project")
router.register("events", EventViewSet, basename="event")
router.register("templates", TemplateViewSet, basename="template")
router.register("rounds", RoundViewSet, basename="round")
router.register("assessments", AssessmentViewSet, basename="assessment")
router.register("action-items", ActionItemViewSet, basename="action-item")

urlpatterns = [
    *router.urls,
    path("schema/", SpectacularAPIView.as_view(), name="schema"),
    # Swagger UI from the portal's own static files (drf-spectacular-sidecar), its settings in a script file of
    # their own (the split view): the page runs under the portal's CSP, with no inline script or style.
    path(
        "docs/",
        SpectacularSwaggerSplitView.as_view(url_name="api:schema", template_name="api/docs.html"),
        name="docs",
    ),
]

for pattern in urlpatterns:
    login_not_required(pattern.callback)
