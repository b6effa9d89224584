from django.apps import AppConfig


class AuditConfig(AppConfig):
    name = "renshe.platform.audit"
    label = "audit"
    verbose_name = "审计记录"
