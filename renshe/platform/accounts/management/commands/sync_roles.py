"""``manage.py sync_roles``: make every role group hold exactly the declared permissions."""

from __future__ import annotations

from django.apps import apps
from django.core.management.base import BaseCommand

from renshe.platform.accounts.roles import sync_roles


class Command(BaseCommand):
    help = "同步角色权限 / sync role groups with the declared permissions"

    def handle(self, *args, **options) -> None:
        missing = sync_roles(apps, exact=True)
        for m in missing:
            self.stderr.write(f"权限不存在 / no such permission: {m}")
        self.stdout.write(self.style.SUCCESS("角色权限已同步 / roles synced"))
