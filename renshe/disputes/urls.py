from django.urls import path

from . import views, views_public

app_name = "disputes"

urlpatterns = [
    path("disputes/apply/", views_public.apply, name="apply"),
    path("disputes/apply/<str:token>/", views_public.apply, name="resume"),
    path("disputes/my/<str:token>/", views_public.party, name="party"),
    path("disputes/my/<str:token>/<slug:kind>.<str:fmt>", views_public.party_document, name="party_document"),
    path("disputes/", views.case_list, name="list"),
    path("disputes/new/", views.window_intake, name="new"),
    path("disputes/dashboard/", views.dashboard, name="dashboard"),
    path("disputes/dashboard.xlsx", views.dashboard_xlsx, name="dashboard_xlsx"),
    path("disputes/<int:pk>/", views.case_detail, name="detail"),
    path("disputes/<int:pk>/elements/<slug:key>/", views.element_save, name="element"),
    path("disputes/<int:pk>/recompute/", views.recompute, name="recompute"),
    path("disputes/<int:pk>/override/", views.override, name="override"),
    path("disputes/<int:pk>/agreement/", views.agreement, name="agreement"),
    path("disputes/<int:pk>/step/<slug:action>/", views.step, name="step"),
    path("disputes/<int:pk>/clock/<slug:what>/", views.clock_action, name="clock"),
    path("disputes/<int:pk>/evidence/<int:ev>/", views.evidence, name="evidence"),
    path("disputes/<int:pk>/<slug:kind>.<str:fmt>", views.document, name="document"),
]
