from django.utils.translation import gettext as _
from rest_framework import exceptions
from rest_framework.pagination import PageNumberPagination


class Pagination(PageNumberPagination):
    """`?page=2`, 50 rows a page by default, up to 500 with `?page_size=`; each page says the count and links the
    next and previous pages. A page or a page size that is not a number in range is a 400: DRF would quietly use
    its default, and a spreadsheet asking for 1,000 rows would get 50 without knowing."""

    page_size = 50
    page_size_query_param = "page_size"
    max_page_size = 500

    def get_page_size(self, request):
        asked = request.query_params.get(self.page_size_query_param)
        if asked is None:
            return self.page_size
        if not asked.isdigit() or not 1 <= int(asked) <= self.max_page_size:
            raise exceptions.ValidationError(
                {
                    self.page_size_query_param: [
                        _("Give a whole number from 1 to %(max)d.") % {"max": self.max_page_size}
                    ]
                }
            )
        return int(asked)

    def get_page_number(self, request, paginator):
        asked = request.query_params.get(self.page_query_param)
        if asked is not None and not asked.isdigit() and asked not in self.last_page_strings:
            raise exceptions.ValidationError({self.page_query_param: [_("Give a page number, from 1.")]})
        return super().get_page_number(request, paginator)

    def get_schema_operation_parameters(self, view):
        parameters = super().get_schema_operation_parameters(view)
        for parameter in parameters:
            if parameter["name"] == self.page_size_query_param:
                parameter["schema"].update(minimum=1, maximum=self.max_page_size)
            if parameter["name"] == self.page_query_param:
                parameter["schema"]["minimum"] = 1
        return parameters
