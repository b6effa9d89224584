from django.apps import AppConfig


class InspectionsConfig(AppConfig):
    name = "renshe.inspections"
    label = "inspections"
    verbose_name = "执法监督"
