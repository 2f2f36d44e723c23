from checklists.assessments import urls as assessments
from checklists.definition import urls as definition
from checklists.offline import urls as offline
from checklists.reports import urls as reports
from checklists.rounds import urls as rounds

app_name = "checklists"

# Each sub-resource has its own URL module: the checklist templates and their versions, the rounds, a country's
# assessment with its review and action items, the offline workbook, and the PDF reports.
urlpatterns = [
    *definition.urlpatterns,
    *rounds.urlpatterns,
    *assessments.urlpatterns,
    *offline.urlpatterns,
    *reports.urlpatterns,
]
