"""The API answers as its OpenAPI schema says: schemathesis generates requests from the schema (bounded, to stay
quick) and sends them to the portal's WSGI application with a staff token and with a focal point's token; no
answer is a server error, and every answer's status, headers and body conform to the schema."""

import json

import pytest
import schemathesis
from django.core import signals
from django.core.wsgi import get_wsgi_application
from django.db import close_old_connections
from drf_spectacular.generators import SchemaGenerator
from drf_spectacular.renderers import OpenApiJsonRenderer
from hypothesis import HealthCheck, settings

from cjhp.api.tokens import token_create

# Built without the database (the filters' fields are read from their forms' declarations): at collection time.
RAW = json.loads(OpenApiJsonRenderer().render(SchemaGenerator().get_schema(request=None, public=True)))
schema = schemathesis.openapi.from_dict(RAW)
schema.app = get_wsgi_application()
# The filters' values the schema cannot list (countries' codes, rounds' names) may be refused with a 400: valid
# for the schema's types, not in the data.
EXCLUDED = [schemathesis.checks.positive_data_acceptance]


def test_the_served_schema_is_the_one_tested(api, staff):
    served = api(staff).get("/api/v1/schema/", headers={"Accept": "application/vnd.oai.openapi+json"})
    assert served.status_code == 200
    assert set(json.loads(served.content)["paths"]) == set(RAW["paths"])


@pytest.fixture
def keeps_the_connection():
    """The WSGI application closes the database connection after each request, which would end the test's
    transaction (on PostgreSQL): as Django's test client does, the connection stays open meanwhile."""
    for signal in (signals.request_started, signals.request_finished):
        signal.disconnect(close_old_connections)
    yield
    for signal in (signals.request_started, signals.request_finished):
        signal.connect(close_old_connections)


@pytest.fixture
def tokens(programme, staff, fp_md, settings, keeps_the_connection):
    settings.API_THROTTLE_RATE = "100000/minute"
    users = {"staff": staff, "fp": fp_md}
    return {role: token_create(user=user, name="schemathesis").secret for role, user in users.items()}


@pytest.mark.parametrize("role", ["staff", "fp"])
@schema.parametrize()
@settings(max_examples=8, deadline=None, suppress_health_check=list(HealthCheck))
def test_every_answer_conforms_to_the_schema(case, tokens, role):
    case.call_and_validate(headers={"Authorization": f"Bearer {tokens[role]}"}, excluded_checks=EXCLUDED)


@pytest.mark.parametrize("role", ["staff", "fp"])
def test_the_objects_of_the_data_conform_too(tokens, role):
    """Beyond generated values, which mostly name nothing: the real objects, whose bodies hold every field."""
    real = [
        ("/api/v1/countries/{code}/", {"code": "MD"}),
        ("/api/v1/projects/{slug}/", {"slug": "project-md"}),
        ("/api/v1/events/{slug}/", {"slug": "training-md"}),
        ("/api/v1/events/{slug}/participants/", {"slug": "training-md"}),
        ("/api/v1/rounds/{slug}/heat-map/", {"slug": "baseline"}),
        ("/api/v1/assessments/", {}),
        ("/api/v1/templates/", {}),
    ]
    for path, parameters in real:
        case = schema[path]["GET"].Case(path_parameters=parameters)
        response = case.call_and_validate(headers={"Authorization": f"Bearer {tokens[role]}"}, excluded_checks=EXCLUDED)
        assert response.status_code == (403 if role == "fp" and path.endswith("participants/") else 200), path
