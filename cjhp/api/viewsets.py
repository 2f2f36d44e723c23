from rest_framework import viewsets

from cjhp.api.filters import FormFilterBackend


class ReadOnlyViewSet(viewsets.ReadOnlyModelViewSet):
    """The base of every endpoint: a list and a detail, read only, paginated, scoped in get_queryset by the model's
    visible_to(user) (a focal point asking for another country's object gets 404) and filtered by the page's form.
    """

    filter_backends = [FormFilterBackend]
    # The list page's filter form (a form with filter_qs), built with filter_form_kwargs().
    filter_form_class = None

    def filter_form_kwargs(self) -> dict:
        return {}

    def filter_with(self, form, queryset):
        return form.filter_qs(queryset)
