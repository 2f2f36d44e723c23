from django.shortcuts import get_object_or_404

from countries.models import Country


def get_country_for_user(user, code: str) -> Country:
    """The country with this code, or 404 when the user may not see it (we do not confirm that it exists)."""
    return get_object_or_404(Country.objects.visible_to(user), code=code.upper())
