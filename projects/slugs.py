from django.utils.text import slugify


def unique_slug(model, title: str, *, instance=None, reserved=(), max_length: int = 80) -> str:
    """A slug for the title that no other row of `model` uses, and that no page of the app's URLs uses."""
    base = slugify(title)
    if len(base) > max_length - 4:
        # Cut at a word boundary, leaving room for a "-2" suffix.
        base = base[: max_length - 4].rsplit("-", 1)[0]
    base = base.strip("-") or "item"
    others = model.objects.exclude(pk=instance.pk) if instance and instance.pk else model.objects.all()
    taken = set(others.filter(slug__startswith=base).values_list("slug", flat=True)) | set(reserved)
    slug, number = base, 2
    while slug in taken:
        slug, number = f"{base}-{number}", number + 1
    return slug
