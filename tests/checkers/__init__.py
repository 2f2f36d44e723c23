"""The checkers nobody here wrote, from the npm registry (tests/checkers/package.json; `make test` installs them):
axe-core runs in the browser on each page, the Nu Html Checker (vnu-jar, on Java) reads the HTML the portal serves.

The pages are the permission matrix's (tests/test_permission_matrix.py): every URL a role may open.
"""

from pathlib import Path

from django.test import Client
from django.urls import reverse

from tests.conftest import client_for
from tests.matrix import expected

NODE_MODULES = Path(__file__).parent / "node_modules"
AXE = NODE_MODULES / "axe-core" / "axe.min.js"
VNU = NODE_MODULES / "vnu-jar" / "build" / "dist" / "vnu.jar"
# WCAG 2.1 levels A and AA, the level EN 301 549 holds public bodies to.
WCAG_21_AA = ["wcag2a", "wcag2aa", "wcag21a", "wcag21aa"]
LANGUAGES = ["en", "fr"]


def signed_in_client(user) -> Client:
    """Signed in with both factors a moment ago, so the pages that ask for the password again open at once."""
    return client_for(user, reauthenticated=True)


def pages_for(world, role) -> list[str]:
    """The URLs of the permission matrix that the role may open (status 200), the admin's aside."""
    from tests.test_permission_matrix import ROUTES

    return [
        reverse(name, kwargs=route.kwargs(world))
        for name, route in sorted(ROUTES.items())
        # The data API answers JSON; a browser gets DRF's browsable pages and Swagger UI, not the portal's pages:
        # tests/browser/test_api_docs.py checks that they keep to the portal's Content-Security-Policy.
        if route.get is not None and expected(route.get, role) == 200 and not name.startswith("api:")
    ]
