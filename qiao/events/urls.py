from django.urls import path

from . import views

app_name = "events"
urlpatterns = [
    path("<int:event_id>/register/", views.register, name="register"),
    path("<int:event_id>/registered/", views.registered, name="registered"),
    path("<int:event_id>/event.ics", views.event_ics, name="event_ics"),
    path("calendar.ics", views.calendar_feed, name="calendar_feed"),
    path("confirm/<str:token>/", views.confirm, name="confirm"),
    path("cancel/<str:token>/", views.cancel, name="cancel"),
    path("manage/<str:token>/", views.manage, name="manage"),
    path("manage/<str:token>/certificate.pdf", views.certificate, name="certificate"),
    path("survey/<str:token>/", views.survey, name="survey"),
    path("invitation/<str:token>/", views.invitation, name="invitation"),
]
