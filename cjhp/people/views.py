"""The People pages (programme staff only), the invitation link (signed out) and a person's own settings."""

from django.contrib import messages
from django.contrib.auth import login
from django.contrib.auth.decorators import login_not_required
from django.contrib.auth.forms import SetPasswordForm
from django.core.exceptions import ValidationError
from django.core.paginator import Paginator
from django.http import HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse
from django.utils import formats, timezone, translation
from django.utils.encoding import force_str
from django.utils.http import urlsafe_base64_decode
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from cjhp.api import tokens as access_tokens
from cjhp.lib.access import require_programme_staff
from cjhp.lib.exports import export_format, export_response
from cjhp.lib.language import remember_language
from cjhp.models import AccessToken, Invitation, User
from cjhp.people import listing, services
from cjhp.people.forms import (
    AccessTokenForm,
    EndServiceForm,
    InviteFocalPointForm,
    InviteStaffForm,
    PeopleFilterForm,
    SettingsForm,
)
from cjhp.people.tokens import INVITATION_VALID_DAYS, TokenState, invitation_token
from countries.access import get_country_for_user
from countries.models import FocalPoint

PAGE_SIZE = 50
# Django's own backend: the invitation proves who the person is, so no throttling backend need see it.
SIGN_IN_BACKEND = "django.contrib.auth.backends.ModelBackend"


def people_list(request: HttpRequest) -> HttpResponse:
    require_programme_staff(request.user)
    form = PeopleFilterForm(data=request.GET or None)
    people = form.filter_qs(listing.people())
    if fmt := export_format(request):
        return export_response(listing.PeopleExport(), people, fmt, "cjhp-people")
    page = Paginator(people, PAGE_SIZE).get_page(request.GET.get("page"))
    query = request.GET.copy()
    query.pop("page", None)
    return render(request, "people/people_list.html", {"form": form, "page": page, "query": query.urlencode()})


def person_detail(request: HttpRequest, pk: int) -> HttpResponse:
    require_programme_staff(request.user)
    person = get_object_or_404(listing.people(), pk=pk)
    context = {
        "person": person,
        "focal_points": person.focal_points.select_related("country").order_by("country__name"),
        "invitations": person.invitations.select_related("country", "invited_by"),
        "records": person.access_records.select_related("country", "by"),
        "tokens": person.access_tokens.select_related("revoked_by"),
        "today": timezone.localdate(),
    }
    return render(request, "people/person_detail.html", context)


@require_POST
def person_token_revoke(request: HttpRequest, pk: int) -> HttpResponse:
    """Staff revoke anyone's API access token (a lost laptop, a person who left)."""
    require_programme_staff(request.user)
    token = get_object_or_404(AccessToken.objects.select_related("user"), pk=pk)
    _revoke(request, token)
    return redirect(f"{reverse('people:detail', kwargs={'pk': token.user_id})}#tokens")


def _revoke(request: HttpRequest, token: AccessToken) -> None:
    if access_tokens.token_revoke(token=token, by=request.user):
        messages.success(request, _("The token “%(name)s” was revoked: it no longer works.") % {"name": token.name})
    else:
        messages.info(request, _("The token “%(name)s” was already revoked.") % {"name": token.name})


def invite_staff(request: HttpRequest) -> HttpResponse:
    require_programme_staff(request.user)
    form = InviteStaffForm(data=request.POST or None)
    if request.method == "POST" and form.is_valid():
        try:
            outcome = services.invite_staff(**form.cleaned_data, by=request.user)
        except services.AlreadyStaff as error:
            form.add_error("email", _("%(name)s is already programme staff.") % {"name": error.args[0]})
        else:
            _say_what_happened(request, outcome, where=_("the portal as programme staff"))
            return redirect("people:detail", pk=outcome.user.pk)
    return render(request, "people/invite_form.html", {"form": form, "country": None})


def invite_focal_point(request: HttpRequest, code: str) -> HttpResponse:
    country = get_country_for_user(request.user, code)
    require_programme_staff(request.user)
    form = InviteFocalPointForm(data=request.POST or None)
    if request.method == "POST" and form.is_valid():
        try:
            outcome = services.invite_focal_point(country=country, **form.cleaned_data, by=request.user)
        except services.AlreadyServing as error:
            form.add_error(
                "email",
                _("%(name)s is already a focal point of %(country)s.") % {"name": error.args[0], "country": country},
            )
        else:
            _say_what_happened(request, outcome, where=_("%(country)s as focal point") % {"country": country})
            if outcome.email_sent is False:
                return redirect("people:detail", pk=outcome.user.pk)
            return redirect(f"{country.get_absolute_url()}#focal-points")
    return render(request, "people/invite_form.html", {"form": form, "country": country})


def _say_what_happened(request: HttpRequest, outcome: services.InviteOutcome, *, where: str) -> None:
    names = {"name": outcome.user, "where": where, "email": outcome.user.email}
    if outcome.email_sent is False:
        messages.warning(
            request,
            _("%(name)s has access to %(where)s, but the email to %(email)s could not be sent. Resend it below.")
            % names
            if outcome.invitation
            else _("%(name)s now has access to %(where)s, but the email to %(email)s could not be sent.") % names,
        )
    elif outcome.linked:
        messages.success(
            request, _("%(name)s already had an account: it now has access to %(where)s, and they were told.") % names
        )
    else:
        messages.success(request, _("%(name)s was invited to %(where)s: the invitation went to %(email)s.") % names)


@require_POST
def resend_invitation(request: HttpRequest, pk: int) -> HttpResponse:
    require_programme_staff(request.user)
    invitation = get_object_or_404(Invitation.objects.select_related("user", "country"), pk=pk)
    try:
        services.resend_invitation(invitation=invitation, by=request.user)
    except services.NotPending:
        messages.error(request, _("This invitation was already accepted: there is nothing to resend."))
    else:
        if invitation.email_failed:
            messages.warning(request, _("The email could not be sent: the mail server refused it. Try again later."))
        else:
            messages.success(
                request,
                _("A new invitation went to %(email)s; the earlier link no longer works.")
                % {"email": invitation.email},
            )
    return redirect("people:detail", pk=invitation.user_id)


def end_service(request: HttpRequest, pk: int) -> HttpResponse:
    require_programme_staff(request.user)
    focal_point = get_object_or_404(FocalPoint.objects.select_related("user", "country"), pk=pk)
    if not services.is_serving(focal_point):
        messages.error(request, _("This service has already ended."))
        return redirect("people:detail", pk=focal_point.user_id)
    form = EndServiceForm(data=request.POST or None)
    if request.method == "POST" and form.is_valid():
        try:
            services.end_service(focal_point=focal_point, until=form.cleaned_data["until"], by=request.user)
        except ValidationError as error:
            form.add_error("until", error.message_dict["until"])
        else:
            messages.success(
                request,
                _("The service of %(name)s in %(country)s ends on %(until)s.")
                % {
                    "name": focal_point.user,
                    "country": focal_point.country,
                    "until": formats.date_format(focal_point.until, "DATE_FORMAT"),
                },
            )
            return redirect("people:detail", pk=focal_point.user_id)
    return render(request, "people/end_service.html", {"form": form, "focal_point": focal_point})


@login_not_required
def invitation_accept(request: HttpRequest, uidb64: str, token: str) -> HttpResponse:
    """Reached from the invitation email, signed out: the person chooses a password and is signed in."""
    user = _user_from_uid(uidb64)
    state = invitation_token.state(user, token)
    if state is not TokenState.VALID:
        # "Already used" only for someone who accepted an invitation: other accounts learn nothing from a probe.
        accepted = user is not None and user.invitations.filter(accepted_at__isnull=False).exists()
        context = {"state": state, "accepted": accepted, "valid_days": INVITATION_VALID_DAYS}
        return render(request, "people/invitation_invalid.html", context)
    form = SetPasswordForm(user, data=request.POST or None)
    if request.method == "POST" and form.is_valid():
        services.accept_invitation(form=form)
        login(request, user, backend=SIGN_IN_BACKEND)
        translation.activate(user.language)
        messages.success(request, _("Welcome to the CJHP Portal: your password is saved and you are signed in."))
        # A focal point's home lists their country's open assessments first; staff start from their home too.
        return remember_language(redirect("home"), user.language)
    return render(request, "people/invitation_accept.html", {"form": form, "person": user})


def _user_from_uid(uidb64: str) -> User | None:
    try:
        return User.objects.get(pk=force_str(urlsafe_base64_decode(uidb64)), is_active=True)
    except (TypeError, ValueError, OverflowError, User.DoesNotExist, ValidationError):
        return None


def account_settings(request: HttpRequest) -> HttpResponse:
    form = SettingsForm(data=request.POST or None, instance=request.user)
    if request.method == "POST" and form.is_valid():
        user = form.save()
        translation.activate(user.language)
        messages.success(request, _("Your settings were saved."))
        return remember_language(redirect("account_settings"), user.language)
    return _settings_page(request, form=form)


def _settings_page(request, *, form=None, token_form=None, new_token=None, status=200) -> HttpResponse:
    context = {
        "form": form or SettingsForm(instance=request.user),
        "token_form": token_form or AccessTokenForm(),
        "tokens": request.user.access_tokens.all(),
        "new_token": new_token,
        "today": timezone.localdate(),
    }
    return render(request, "people/settings.html", context, status=status)


@require_POST
def account_token_create(request: HttpRequest) -> HttpResponse:
    """Makes a personal access token and shows its secret in this one answer: it is stored only as a hash."""
    token_form = AccessTokenForm(data=request.POST)
    if not token_form.is_valid():
        return _settings_page(request, token_form=token_form, status=400)
    new_token = access_tokens.token_create(user=request.user, **token_form.cleaned_data)
    return _settings_page(request, new_token=new_token)


@require_POST
def account_token_revoke(request: HttpRequest, pk: int) -> HttpResponse:
    token = get_object_or_404(request.user.access_tokens, pk=pk)
    _revoke(request, token)
    return redirect(f"{reverse('account_settings')}#tokens")
