"""Staff pages under /arrears/ (see :mod:`renshe.arrears.views`)."""

from django.urls import path

from . import views

urlpatterns = [
    path("arrears/", views.dashboard, name="arrears-dashboard"),
    path("arrears/city/<str:code>/", views.city, name="arrears-city"),
    path("arrears/project/<int:project_id>/", views.project, name="arrears-project"),
    path("arrears/alerts/", views.alert_list, name="arrears-alerts"),
    path("arrears/alerts/<int:pk>/", views.alert_detail, name="arrears-alert"),
    path("arrears/alerts/<int:pk>/step/", views.alert_step, name="arrears-alert-step"),
    path("arrears/alerts/<int:pk>/evidence/", views.evidence_upload, name="arrears-evidence-upload"),
    path("arrears/alerts/<int:pk>/feedback/", views.industry_feedback, name="arrears-industry-feedback"),
    path("arrears/evidence/<int:pk>/", views.evidence_file, name="arrears-evidence"),
    path("arrears/rating/", views.rating_list, name="arrears-rating"),
]
