"""Load the demo data every module contributes (idempotent: run it as often as you like).

Each entry of ``DEMO_LOADERS`` names a module with ``load(stdout) -> None``; loaders
run in order inside one transaction, so a failure leaves the database as it was.
"""

from __future__ import annotations

import importlib

from django.core.management.base import BaseCommand
from django.db import transaction

DEMO_LOADERS: list[str] = [
    "renshe.platform.accounts.demo",
    "renshe.knowledge.demo",
    "renshe.normdocs.demo",
    "renshe.arrears.demo_load",
    "renshe.arrears.demo_alerts",
    "renshe.inspections.demo",
]


class Command(BaseCommand):
    help = "加载演示数据（可重复执行） / load demo data (idempotent)"

    def handle(self, *args, **options) -> None:
        with transaction.atomic():
            for name in DEMO_LOADERS:
                importlib.import_module(name).load(self.stdout)
        self.stdout.write(self.style.SUCCESS("演示数据已就绪 / demo data ready"))
