"""Each token has its rate (settings.API_THROTTLE_RATE): beyond it, 429 in JSON with Retry-After."""

from cjhp.api.tokens import token_create
from tests.api.conftest import token_client


def test_a_token_over_its_rate_gets_429_with_retry_after(settings, fp_md):
    settings.API_THROTTLE_RATE = "3/minute"
    client = token_client(fp_md)

    statuses = [client.get("/api/v1/countries/").status_code for _ in range(4)]

    assert statuses == [200, 200, 200, 429]
    response = client.get("/api/v1/countries/")
    assert response.status_code == 429
    assert 0 < int(response["Retry-After"]) <= 60
    assert "throttled" in response.json()["detail"]
    # Another token of the same person counts on its own.
    other = token_client(fp_md, secret=token_create(user=fp_md, name="Other").secret)
    assert other.get("/api/v1/countries/").status_code == 200
