from django.shortcuts import get_object_or_404

from projects.models import Project


def get_project_for_user(user, slug: str) -> Project:
    """The project, or 404 when it is not one the user may see (we do not confirm that it exists)."""
    return get_object_or_404(Project.objects.visible_to(user), slug=slug)
