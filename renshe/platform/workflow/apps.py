from django.apps import AppConfig


class WorkflowConfig(AppConfig):
    name = "renshe.platform.workflow"
    label = "workflow"
    verbose_name = "办理流程与待办"
    default_auto_field = "django.db.models.BigAutoField"
