from django.apps import AppConfig


class PlanBatchConfig(AppConfig):
    name = "renshe.planner.batchjobs"
    label = "planner_batch"
    verbose_name = "批量社保规划"
    default_auto_field = "django.db.models.BigAutoField"
