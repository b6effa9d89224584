from django.urls import path

from . import views, views_disclosure, views_public, views_reports

app_name = "appeals"

urlpatterns = [
    path("appeals/new/", views_public.new, name="new"),
    path("appeals/track/", views_public.track, name="track"),
    path("appeals/rate/<str:token>/", views_public.rate, name="rate"),
    path("appeals/", views.appeal_list, name="list"),
    path("appeals/<int:pk>/", views.appeal_detail, name="detail"),
    path("appeals/<int:pk>/step/", views.appeal_step, name="step"),
    path("appeals/<int:pk>/handover/", views.appeal_handover, name="handover"),
    path("appeals/kpi/", views_reports.kpi, name="kpi"),
    path("appeals/import/", views_reports.import_orders, name="import"),
    path("appeals/disclosure/apply/", views_disclosure.apply, name="disclosure-new"),
    path("appeals/disclosure/", views_disclosure.disclosure_list, name="disclosure-list"),
    path("appeals/disclosure/<int:pk>/", views_disclosure.disclosure_detail, name="disclosure-detail"),
    path("appeals/disclosure/<int:pk>/step/", views_disclosure.disclosure_step, name="disclosure-step"),
    path("appeals/disclosure/<int:pk>/letter.<str:fmt>", views_disclosure.disclosure_letter, name="disclosure-letter"),
    path("appeals/catalogue/", views_disclosure.catalogue, name="catalogue"),
    path("appeals/annual-report/", views_disclosure.annual, name="annual-report"),
]
