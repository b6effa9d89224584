from django.urls import path

from renshe.planner import views

urlpatterns = [
    path("planner/", views.planner, name="planner"),
    path("planner/report.pdf", views.report, name="planner-report"),
]
