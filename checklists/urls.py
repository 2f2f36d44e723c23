from checklists import assessment_urls, template_urls

app_name = "checklists"

# Templates (their versions, recommendations, sections and items) and assessments (rounds, each country's
# assessment, its review and action items) are two sub-resources with their own URL modules.
urlpatterns = [*template_urls.urlpatterns, *assessment_urls.urlpatterns]
