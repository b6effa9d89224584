from django.apps import AppConfig
from django.db.models.signals import post_migrate


def _grant_role_permissions(sender, app_config=None, apps=None, **kwargs) -> None:
    """After ``migrate`` created an app's permissions, grant the roles theirs (see roles.py)."""
    from django.apps import apps as live_apps

    from .roles import sync_roles

    if app_config is not None and live_apps.is_installed("django.contrib.auth"):
        sync_roles(live_apps, app_label=app_config.label)


class AccountsConfig(AppConfig):
    name = "renshe.platform.accounts"
    label = "accounts"
    verbose_name = "账号与组织"

    def ready(self) -> None:
        post_migrate.connect(_grant_role_permissions, dispatch_uid="renshe.accounts.roles")
