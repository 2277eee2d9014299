from django.urls import path

from . import views

app_name = "accounts"
urlpatterns = [
    path("", views.dashboard, name="dashboard"),
    path("export/", views.export, name="export"),
    path("delete/", views.delete, name="delete"),
    path("staff-login/", views.staff_login, name="staff_login"),
]
