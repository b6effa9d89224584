from django.apps import AppConfig


class CoreConfig(AppConfig):
    name = "renshe.platform.web"
    label = "core"  # its label from before it was named web: migrations and tables keep it
    verbose_name = "平台"
