from django.apps import AppConfig


class NormDocsConfig(AppConfig):
    name = "renshe.normdocs"
    label = "normdocs"
    verbose_name = "行政规范性文件"
