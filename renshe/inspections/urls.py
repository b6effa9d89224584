from django.urls import path

from . import agency_views, case_views, public, views

app_name = "inspections"

urlpatterns = [
    path("inspections/", views.index, name="index"),
    path("inspections/results/", public.results, name="results"),
    path("inspections/plans/new/", views.plan_new, name="plan-new"),
    path("inspections/plans/<int:pk>/", views.plan_detail, name="plan"),
    path("inspections/plans/<int:pk>/input.json", views.plan_input, name="plan-input"),
    path("inspections/tasks/<int:pk>/", views.task_detail, name="task"),
    path("inspections/tasks/<int:pk>/case/", case_views.case_from_task, name="task-case"),
    path("inspections/tasks/<int:pk>/<slug:action>/", views.task_action, name="task-action"),
    path("inspections/import/", views.import_page, name="import"),
    path("inspections/import/rejects.csv", views.import_rejects, name="import-rejects"),
    path("inspections/cases/", case_views.case_list, name="cases"),
    path("inspections/cases/new/", case_views.case_new, name="case-new"),
    path("inspections/cases/<int:pk>/", case_views.case_detail, name="case"),
    path("inspections/cases/<int:pk>/step/<slug:action>/", case_views.case_step, name="case-step"),
    path("inspections/cases/<int:pk>/<slug:kind>.<str:fmt>", case_views.case_paper, name="case-paper"),
    path("inspections/agencies/", agency_views.agency_list, name="agencies"),
    path("inspections/agencies/report/", agency_views.report_submit, name="agency-report"),
    path("inspections/agencies/<int:pk>/", agency_views.agency_detail, name="agency"),
    path("inspections/agencies/<int:pk>/<slug:action>/", agency_views.agency_action, name="agency-action"),
]
