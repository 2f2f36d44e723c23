"""The OpenAPI schema (drf-spectacular) names the errors every endpoint may answer, so that a client, and the
suite's schemathesis run, know their shape: {"detail": "..."}, or a filter's messages by field."""

from django.utils.translation import gettext_lazy as _
from drf_spectacular import openapi
from rest_framework import serializers


class ErrorSerializer(serializers.Serializer):
    detail = serializers.CharField(help_text=_("What went wrong, in the reader's language."))


FILTER_ERRORS = {
    "type": "object",
    "description": "The filter form's messages, by field.",
    "additionalProperties": {"type": "array", "items": {"type": "string"}},
}
ERRORS = {
    "401": "No token, or a token that is not valid, revoked or expired.",
    "403": "The token's owner may not read this (participants' personal data is for programme staff).",
    "404": "No such object among those the token's owner may see, or no such page.",
    "429": "Too many requests for this token: try again after Retry-After seconds.",
}


class AutoSchema(openapi.AutoSchema):
    def _get_response_bodies(self, direction="response"):
        bodies = super()._get_response_bodies(direction)
        if direction != "response":
            return bodies
        errors = {code: (ErrorSerializer, description) for code, description in ERRORS.items()}
        if self._is_list_view():
            errors["400"] = (FILTER_ERRORS, "A filter's value was refused.")
        for code, (schema, description) in sorted(errors.items()):
            body = self._get_response_for_code(schema, code, direction=direction)
            body["description"] = description
            if code == "429":
                body["headers"] = {
                    "Retry-After": {
                        "schema": {"type": "integer"},
                        "description": "Seconds to wait before trying again.",
                    }
                }
            bodies.setdefault(code, body)
        return bodies
