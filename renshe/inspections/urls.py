from django.urls import path

from . import public, views

app_name = "inspections"

urlpatterns = [
    path("inspections/", views.index, name="index"),
    path("inspections/results/", public.results, name="results"),
    path("inspections/plans/new/", views.plan_new, name="plan-new"),
    path("inspections/plans/<int:pk>/", views.plan_detail, name="plan"),
    path("inspections/plans/<int:pk>/input.json", views.plan_input, name="plan-input"),
    path("inspections/tasks/<int:pk>/", views.task_detail, name="task"),
    path("inspections/tasks/<int:pk>/<slug:action>/", views.task_action, name="task-action"),
    path("inspections/import/", views.import_page, name="import"),
    path("inspections/import/rejects.csv", views.import_rejects, name="import-rejects"),
]
