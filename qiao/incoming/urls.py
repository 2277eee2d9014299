from django.urls import path

from . import views

app_name = "incoming"

urlpatterns = [
    path("<str:token>/", views.portal, name="portal"),
    path("<str:token>/passport/", views.passport, name="passport"),
    path("<str:token>/letter/<str:kind>/<str:language>.pdf", views.letter, name="letter"),
    path("<str:token>/timetable.ics", views.timetable_ics, name="timetable_ics"),
]
