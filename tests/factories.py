"""Factories for test data: one per model, with the least a valid row needs."""

import time

import factory
from allauth.mfa import app_settings as mfa_settings
from allauth.mfa.adapter import get_adapter
from allauth.mfa.models import Authenticator
from allauth.mfa.totp.internal.auth import TOTP, format_hotp_value, generate_totp_secret, hotp_value
from django.contrib.auth.models import Group

from cjhp.lib.roles import FOCAL_POINT_GROUP, STAFF_GROUP
from cjhp.models import User
from countries.models import Country, FocalPoint, Network

PASSWORD = "a-test-password-1"


class UserFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = User
        django_get_or_create = ["username"]
        skip_postgeneration_save = True

    username = factory.Sequence(lambda n: f"user{n}")
    email = factory.LazyAttribute(lambda user: f"{user.username}@example.org")
    first_name = factory.Faker("first_name")
    password = factory.PostGenerationMethodCall("set_password", PASSWORD)

    @factory.post_generation
    def save_password(user, create, extracted, **kwargs):
        if create:
            user.save()

    @factory.post_generation
    def second_factor(user, create, extracted, **kwargs):
        # Administrators must sign in with a second factor: theirs is an authenticator app unless told otherwise.
        if create and user.is_superuser and extracted is not False:
            add_totp(user)


def add_totp(user) -> str:
    """Activates an authenticator app for the user, through allauth, and returns its secret."""
    secret = generate_totp_secret()
    TOTP.activate(user, secret)
    return secret


def totp_secret_of(username: str) -> str:
    """The secret of the user's authenticator app, as allauth keeps it."""
    authenticator = Authenticator.objects.get(user__username=username, type=Authenticator.Type.TOTP)
    return get_adapter().decrypt(authenticator.data["secret"])


def totp_code(secret: str) -> str:
    """The code an authenticator app shows now for the secret."""
    return format_hotp_value(hotp_value(secret, int(time.time()) // mfa_settings.TOTP_PERIOD))


def _free_code(n: int) -> str:
    """The n-th two-letter code not yet taken: a made-up country is never a fixture's (get_or_create on the code
    would hand back Moldova when the sequence reaches MD)."""
    while True:
        code = f"{chr(65 + n // 26 % 26)}{chr(65 + n % 26)}"
        if not Country.objects.filter(code=code).exists():
            return code
        n += 1


class CountryFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Country
        django_get_or_create = ["code"]

    code = factory.Sequence(lambda n: _free_code(n))
    name = factory.LazyAttribute(lambda country: f"Country {country.code}")
    is_member = True


class NetworkFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Network

    name = factory.Sequence(lambda n: f"Network {n}")
    since = 2020


class FocalPointFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = FocalPoint

    user = factory.SubFactory(UserFactory)
    country = factory.SubFactory(CountryFactory)


def make_staff(username="staff", *, second_factor=True, **kwargs) -> User:
    """Programme staff, with an authenticator app unless second_factor=False (the portal then asks for one)."""
    user = UserFactory(username=username, **kwargs)
    user.groups.add(Group.objects.get_or_create(name=STAFF_GROUP)[0])
    if second_factor:
        add_totp(user)
    return user


def make_focal_point(username: str, country: Country, **kwargs) -> User:
    user = UserFactory(username=username, **kwargs)
    user.groups.add(Group.objects.get_or_create(name=FOCAL_POINT_GROUP)[0])
    FocalPoint.objects.create(user=user, country=country)
    return user
