"""Sign-in through django-allauth: nobody signs up, staff keep their second factor, and django-axes counts every
failed sign-in.

django-axes' documented allauth integration: the sign-in form's credentials carry the "login" field
(AXES_USERNAME_FORM_FIELD) and the sign-in view answers a locked-out client with the locked-out page. A wrong
second-factor code counts as a failed sign-in too, so one limit covers both steps.
"""

from allauth.account.adapter import DefaultAccountAdapter
from allauth.account.forms import LoginForm as AllauthLoginForm
from allauth.account.views import LoginView as AllauthLoginView
from allauth.core import context
from allauth.core.exceptions import ImmediateHttpResponse
from allauth.mfa.adapter import DefaultMFAAdapter
from allauth.mfa.base.forms import AuthenticateForm as AllauthAuthenticateForm
from allauth.mfa.models import Authenticator
from axes.decorators import axes_dispatch, axes_form_invalid
from axes.handlers.proxy import AxesProxyHandler
from axes.helpers import get_lockout_response
from django.conf import settings
from django.contrib.auth.signals import user_login_failed
from django.core.exceptions import ValidationError
from django.utils import translation
from django.utils.decorators import method_decorator
from django.utils.translation import gettext_lazy as _

from cjhp.lib.language import remember_language
from cjhp.lib.roles import is_programme_staff

# Recovery codes only stand in for one of these.
SECOND_FACTORS = [Authenticator.Type.TOTP, Authenticator.Type.WEBAUTHN]


def has_second_factor(user, *, besides=None) -> bool:
    """An authenticator app or a security key (other than `besides`)."""
    authenticators = Authenticator.objects.filter(user=user, type__in=SECOND_FACTORS)
    if besides is not None:
        authenticators = authenticators.exclude(pk=besides.pk)
    return authenticators.exists()


class AccountAdapter(DefaultAccountAdapter):
    def is_open_for_signup(self, request) -> bool:
        # People come by invitation only.
        return False

    def post_login(self, request, user, **kwargs):
        """Once signed in (after the second factor, if any), the pages speak the person's own language."""
        translation.activate(user.language)
        return remember_language(super().post_login(request, user, **kwargs), user.language)


class MFAAdapter(DefaultMFAAdapter):
    error_messages = {
        **DefaultMFAAdapter.error_messages,
        "cannot_delete_authenticator": _(
            "Programme staff and administrators keep at least one second factor: add a security key before "
            "you deactivate the authenticator app."
        ),
    }

    def can_delete_authenticator(self, authenticator: Authenticator) -> bool:
        user = authenticator.user
        if settings.TWO_FACTOR_REQUIRED and is_programme_staff(user):
            return has_second_factor(user, besides=authenticator)
        return super().can_delete_authenticator(authenticator)


class LoginForm(AllauthLoginForm):
    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["login"].label = _("Username or email address")
        # Labels say what to type; the page links to the password reset under the form, not in the field's help.
        for field in self.fields.values():
            field.widget.attrs.pop("placeholder", None)
        self.fields["password"].help_text = ""

    def user_credentials(self) -> dict:
        credentials = super().user_credentials()
        credentials[settings.AXES_USERNAME_FORM_FIELD] = credentials.get("username") or credentials.get("email")
        return credentials


@method_decorator(axes_dispatch, name="dispatch")
class LoginView(AllauthLoginView):
    form_invalid = axes_form_invalid(AllauthLoginView.form_invalid)


class AuthenticateForm(AllauthAuthenticateForm):
    """The second step of signing in: a locked-out user name gets the locked-out page, and a wrong code counts
    as a failed sign-in for that user name and address."""

    def clean_code(self) -> str:
        request = context.request
        credentials = {settings.AXES_USERNAME_FORM_FIELD: self.user.get_username()}
        if not AxesProxyHandler.is_allowed(request, credentials):
            raise ImmediateHttpResponse(get_lockout_response(request, credentials=credentials))
        try:
            return super().clean_code()
        except ValidationError:
            user_login_failed.send(sender=type(self), credentials=credentials, request=request)
            if getattr(request, "axes_locked_out", False):
                raise ImmediateHttpResponse(get_lockout_response(request, credentials=credentials)) from None
            raise
