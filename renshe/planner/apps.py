from django.apps import AppConfig


class PlannerConfig(AppConfig):
    name = "renshe.planner"
    label = "planner"
    verbose_name = "社保规划师"
