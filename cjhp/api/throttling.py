"""Requests per token (or per signed-in person, or per address without either), at settings.API_THROTTLE_RATE.

Over the rate, DRF answers 429 with a JSON message and a Retry-After header. The counts live in the cache that
the portal's instances share (REDIS_URL), so the rate holds across them.
"""

from django.conf import settings
from rest_framework.throttling import SimpleRateThrottle

from cjhp.models import AccessToken


class TokenRateThrottle(SimpleRateThrottle):
    scope = "api"

    def get_rate(self):
        # Read on each request, not once at import as DRF's settings are: tests and deployments change it.
        return settings.API_THROTTLE_RATE

    def get_cache_key(self, request, view):
        if isinstance(request.auth, AccessToken):
            ident = f"token-{request.auth.pk}"
        elif request.user and request.user.is_authenticated:
            ident = f"user-{request.user.pk}"
        else:
            ident = f"address-{self.get_ident(request)}"
        return self.cache_format % {"scope": self.scope, "ident": ident}
