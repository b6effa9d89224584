from django.urls import path

from renshe.planner.batchjobs import views

urlpatterns = [
    path("planner/batch/", views.batches, name="planner-batch"),
    path("planner/batch/template.xlsx", views.template, name="planner-batch-template"),
    path("planner/batch/<uuid:pk>/result.xlsx", views.download, name="planner-batch-download"),
    path("planner/batch/<uuid:pk>/delete", views.delete, name="planner-batch-delete"),
]
