from django.urls import path

from . import views

app_name = "normdocs"

urlpatterns = [
    path("normdocs/", views.document_list, name="list"),
    path("normdocs/new/", views.document_new, name="new"),
    path("normdocs/expiring/", views.expiring_list, name="expiring"),
    path("normdocs/statistics/", views.statistics, name="statistics"),
    path("normdocs/export.xlsx", views.export_xlsx, name="export"),
    path("normdocs/<int:pk>/", views.document_detail, name="detail"),
    path("normdocs/<int:pk>/attachment/", views.attachment, name="attachment"),
    path("normdocs/<int:pk>/<slug:action>/", views.document_action, name="action"),
]
