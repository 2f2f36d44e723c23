from django.conf import settings

from cjhp.navigation import nav_for


def portal(request):
    user = getattr(request, "user", None)
    return {
        "programme_name": settings.PROGRAMME_NAME,
        "nav_items": nav_for(user, request.path) if user is not None and user.is_authenticated else [],
        "is_programme_staff": bool(user and user.is_authenticated and user.is_programme_staff),
    }
