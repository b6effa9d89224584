"""``manage.py sync_organisations``: create or update Fujian's HRSS organisations from the data file."""

from __future__ import annotations

from django.core.management.base import BaseCommand
from django.db import transaction

from renshe.platform.accounts.organisations import DATA_FILE, sync_organisations


class Command(BaseCommand):
    help = "同步组织机构（厅、处室、设区市、县区）/ sync the organisations from the data file"

    def handle(self, *args, **options) -> None:
        with transaction.atomic():
            n = sync_organisations()
        self.stdout.write(self.style.SUCCESS(f"组织机构 {n} 个已同步 / {n} organisations synced from {DATA_FILE.name}"))
