"""URL map. Each domain app's own ``urls`` module is found by :mod:`renshe.platform.registry`."""

from django.contrib import admin
from django.contrib.auth import views as auth_views
from django.urls import include, path

from renshe.platform.api import api
from renshe.platform.registry import app_modules
from renshe.platform.web import views, workbench

urlpatterns = [
    path("", views.home, name="home"),
    path("health", views.health, name="health"),
    path("workbench/", workbench.workbench, name="workbench"),
    path("favicon.ico", views.favicon),
    path("calc/", views.calc_index, name="calc-index"),
    path("calc/<slug:name>/", views.calc_detail, name="calc-detail"),
    path("parameters/", views.parameter_index, name="parameter-index"),
    path("parameters/<str:name>/", views.parameter_detail, name="parameter-detail"),
    path("accounts/login/", auth_views.LoginView.as_view(), name="login"),
    path("accounts/logout/", auth_views.LogoutView.as_view(), name="logout"),
    path("admin/", admin.site.urls),
    path("api/v1/", api.urls),
    *[path("", include(mod)) for mod in app_modules("urls")],
]
