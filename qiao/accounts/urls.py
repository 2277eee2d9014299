from django.urls import path, re_path

from . import views

app_name = "accounts"
urlpatterns = [
    path("", views.dashboard, name="dashboard"),
    path("export/", views.export, name="export"),
    path("delete/", views.delete, name="delete"),
    path("staff-login/", views.staff_login, name="staff_login"),
    re_path(r"^welcome/(?P<uidb36>[0-9A-Za-z]+)-(?P<key>.+)/$", views.welcome, name="welcome"),
]
