from django.urls import path

from . import views

app_name = "advising"
urlpatterns = [
    path("requested/", views.requested, name="requested"),
    path("confirm/<str:token>/", views.confirm, name="confirm"),
    path("booking/<str:token>/", views.manage, name="manage"),
    path("booking/<str:token>/cancel/", views.cancel, name="cancel"),
    path("booking/<str:token>/rebook/", views.rebook, name="rebook"),
    path("booking/<str:token>/appointment.ics", views.calendar_file, name="calendar"),
    path("<slug:slug>/", views.book, name="book"),
]
