"""The portal's emails: written from templates/emails/<name>_subject.txt and <name>_body.txt in the recipient's
language, with links that start at settings.PORTAL_URL (emails are read outside any request)."""

from django.conf import settings
from django.core.mail import EmailMessage
from django.template.loader import render_to_string
from django.utils import translation


def portal_link(path: str) -> str:
    """The address of a page of the portal, as people reach it."""
    return settings.PORTAL_URL + path


def templated_email(name: str, context: dict, *, language: str, to: str) -> EmailMessage:
    """The email `name` in `language`: the subject on one line, the body without surrounding blank lines."""
    with translation.override(language):
        subject = render_to_string(f"emails/{name}_subject.txt", context)
        body = render_to_string(f"emails/{name}_body.txt", context)
    return EmailMessage(" ".join(subject.split()), body.strip() + "\n", to=[to])
