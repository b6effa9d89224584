from django.urls import path

from . import views

urlpatterns = [
    path("knowledge/", views.index, name="knowledge-index"),
    path("knowledge/cite/", views.cite, name="knowledge-cite"),
    path("knowledge/policy-list/", views.policy_list, name="knowledge-policy-list"),
    path("knowledge/interpretations/<int:pk>/", views.interpretation, name="knowledge-interpretation"),
    path("knowledge/doc/<slug:slug>/", views.document, name="knowledge-document"),
    path("knowledge/doc/<slug:slug>/<int:number>/", views.article, name="knowledge-article"),
]
