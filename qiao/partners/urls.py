from django.urls import path

from . import views

app_name = "partners"
urlpatterns = [
    path("documents/<path:name>", views.private_document, name="private_document"),
    path("visits/<int:pk>/programme/", views.visit_sheet, name="visit_sheet"),
    path("visits/<int:pk>/programme.pdf", views.visit_sheet_pdf, name="visit_sheet_pdf"),
]
