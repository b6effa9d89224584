"""Load the demo data every module contributes (idempotent: run it as often as you like).

Each installed app's ``demo_load`` module (found by :mod:`renshe.platform.registry`, in
``INSTALLED_APPS`` order) has ``load(stdout) -> None``; loaders run in order inside one
transaction, so a failure leaves the database as it was.
"""

from __future__ import annotations

from django.core.management.base import BaseCommand
from django.db import transaction

from renshe.platform.registry import app_modules


class Command(BaseCommand):
    help = "加载演示数据（可重复执行） / load demo data (idempotent)"

    def handle(self, *args, **options) -> None:
        with transaction.atomic():
            for module in app_modules("demo_load"):
                module.load(self.stdout)
        self.stdout.write(self.style.SUCCESS("演示数据已就绪 / demo data ready"))
