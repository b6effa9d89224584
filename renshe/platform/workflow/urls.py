"""/todo/ (see :mod:`renshe.platform.workflow.views`)."""

from django.urls import path

from . import views

urlpatterns = [
    path("todo/", views.todo, name="workflow-todo"),
    path("todo/notifications/<int:pk>/done/", views.notification_done, name="workflow-notification-done"),
]
