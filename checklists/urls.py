from checklists import assessment_urls, report_urls, template_urls

app_name = "checklists"

# Templates (their versions, recommendations, sections and items), assessments (rounds, each country's
# assessment, its review and action items) and their PDF reports are sub-resources with their own URL modules.
urlpatterns = [*template_urls.urlpatterns, *assessment_urls.urlpatterns, *report_urls.urlpatterns]
