from django.urls import path

from checklists.definition import translation_views, views

# Checklist templates (staff only): versions, one template, spreadsheets, then the parts of an editable one.
urlpatterns = [
    path("templates/", views.template_list, name="template_list"),
    path("templates/import/", views.template_import, name="template_import"),
    path("templates/<int:pk>/", views.template_detail, name="template_detail"),
    path("templates/<int:pk>/edit/", views.template_edit, name="template_edit"),
    path("templates/<int:pk>/new-version/", views.template_new_version, name="template_new_version"),
    path("templates/<int:pk>/export/<str:file_format>/", views.template_export, name="template_export"),
    # Translations of a version's texts: a language's spreadsheet out, then back in after a preview.
    path(
        "templates/<int:pk>/translations/import/",
        translation_views.template_translation_import,
        name="template_translation_import",
    ),
    path(
        "templates/<int:pk>/translations/confirm/",
        translation_views.template_translation_confirm,
        name="template_translation_confirm",
    ),
    path(
        "templates/<int:pk>/translations/<str:language>/export/",
        translation_views.template_translation_export,
        name="template_translation_export",
    ),
    # Recommendations
    path(
        "templates/<int:pk>/recommendations/add/",
        views.template_recommendation_add,
        name="template_recommendation_add",
    ),
    path(
        "templates/<int:pk>/recommendations/<int:recommendation_pk>/edit/",
        views.template_recommendation_edit,
        name="template_recommendation_edit",
    ),
    path(
        "templates/<int:pk>/recommendations/<int:recommendation_pk>/delete/",
        views.template_recommendation_delete,
        name="template_recommendation_delete",
    ),
    path(
        "templates/<int:pk>/recommendations/<int:recommendation_pk>/move/",
        views.template_recommendation_move,
        name="template_recommendation_move",
    ),
    # Sections
    path(
        "templates/<int:pk>/recommendations/<int:recommendation_pk>/sections/add/",
        views.template_section_add,
        name="template_section_add",
    ),
    path(
        "templates/<int:pk>/sections/<int:section_pk>/edit/", views.template_section_edit, name="template_section_edit"
    ),
    path(
        "templates/<int:pk>/sections/<int:section_pk>/delete/",
        views.template_section_delete,
        name="template_section_delete",
    ),
    path(
        "templates/<int:pk>/sections/<int:section_pk>/move/", views.template_section_move, name="template_section_move"
    ),
    # Items
    path("templates/<int:pk>/sections/<int:section_pk>/items/add/", views.template_item_add, name="template_item_add"),
    path("templates/<int:pk>/items/<int:item_pk>/edit/", views.template_item_edit, name="template_item_edit"),
    path("templates/<int:pk>/items/<int:item_pk>/delete/", views.template_item_delete, name="template_item_delete"),
    path("templates/<int:pk>/items/<int:item_pk>/move/", views.template_item_move, name="template_item_move"),
]
