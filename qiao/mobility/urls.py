from django.urls import path

from . import views

app_name = "mobility"
urlpatterns = [
    path("call/<int:call_id>/apply/", views.apply, name="apply"),
    path("<int:pk>/", views.detail, name="detail"),
    path("<int:pk>/edit/", views.edit, name="edit"),
    path("<int:pk>/upload/", views.upload, name="upload"),
    path("<int:pk>/documents/<int:document_id>/", views.document, name="document"),
    path(
        "<int:pk>/documents/<int:document_id>/delete/",
        views.document_delete,
        name="document_delete",
    ),
    path("<int:pk>/submit/", views.submit, name="submit"),
    path("<int:pk>/withdraw/", views.withdraw, name="withdraw"),
    path("<int:pk>/accept/", views.accept, name="accept"),
    path("<int:pk>/decline/", views.decline, name="decline"),
    path("<int:pk>/interview/", views.interview, name="interview"),
    path("<int:pk>/letters/<str:kind>.pdf", views.letter, name="letter"),
    path("<int:pk>/report/", views.report, name="report"),
    path("reports/<int:report_id>/photo/", views.report_photo, name="report_photo"),
    path("<int:pk>/interview.ics", views.interview_ics, name="interview_ics"),
    path("review/", views.review_calls, name="review_calls"),
    path("review/call/<int:call_id>/", views.review_call, name="review_call"),
    path("review/<int:pk>/", views.review, name="review"),
]
