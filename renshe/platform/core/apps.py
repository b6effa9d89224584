from django.apps import AppConfig


class CoreConfig(AppConfig):
    name = "renshe.platform.core"
    label = "core"
    verbose_name = "平台"
