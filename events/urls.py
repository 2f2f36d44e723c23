from django.urls import path

from events import certificate_views, material_views, participant_views, privacy_views, report_views, views

app_name = "events"

urlpatterns = [
    path("", views.event_list, name="list"),
    path("new/", views.event_edit, name="create"),
    path("calendar/", views.calendar_current, name="calendar_current"),
    path("calendar/<int:year>/<int:month>/", views.calendar_month, name="calendar"),
    # People across events (programme staff only).
    path("participants/", participant_views.participant_list, name="participants"),
    path("participants/<int:pk>/", participant_views.participant_detail, name="participant"),
    path("participants/<int:pk>/edit/", participant_views.participant_edit, name="participant_edit"),
    path("participants/<int:pk>/merge/", participant_views.participant_merge, name="participant_merge"),
    path("participants/<int:pk>/export/", privacy_views.participant_export, name="participant_export"),
    path("participants/<int:pk>/erase/", privacy_views.participant_erase, name="participant_erase"),
    # One event.
    path("<slug:slug>/", views.event_detail, name="detail"),
    path("<slug:slug>/edit/", views.event_edit, name="edit"),
    path("<slug:slug>/pdf/", report_views.event_pdf, name="report"),
    path("<slug:slug>/materials/new/", material_views.material_add, name="material_add"),
    path("<slug:slug>/materials/<int:pk>/", material_views.material_download, name="material"),
    path("<slug:slug>/materials/<int:pk>/delete/", material_views.material_delete, name="material_delete"),
    path("<slug:slug>/register/", participant_views.register, name="register"),
    path("<slug:slug>/registrations/<int:pk>/delete/", participant_views.unregister, name="unregister"),
    path("<slug:slug>/attendance/", participant_views.attendance, name="attendance"),
    path("<slug:slug>/import/", participant_views.import_participants, name="import"),
    path("<slug:slug>/import/participant-list.xlsx", participant_views.import_template, name="import_template"),
    path("<slug:slug>/certificates/", certificate_views.certificates, name="certificates"),
    path("<slug:slug>/certificates/<int:participant_pk>/", certificate_views.certificate, name="certificate"),
]
