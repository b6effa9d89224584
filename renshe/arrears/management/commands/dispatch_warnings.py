"""``manage.py dispatch_warnings [--store PATH]``: the latest run's red and orange warnings → alerts."""

from __future__ import annotations

from django.core.management.base import BaseCommand

from renshe.arrears.core.ingest import DEFAULT_STORE
from renshe.arrears.workflow import dispatch_latest


class Command(BaseCommand):
    help = "把最近一次预警计算的红色、橙色预警交办为处置任务（可重复执行）/ dispatch red and orange warnings"

    def add_arguments(self, parser) -> None:
        parser.add_argument("--store", default=str(DEFAULT_STORE), help="分析库 / analytical store (folder or URI)")

    def handle(self, *args, **options) -> None:
        s = dispatch_latest(options["store"])
        self.stdout.write(f"新交办 {s.created} 件，已交办 {s.existing} 件 / created {s.created}, existing {s.existing}")
        for line in s.skipped:
            self.stderr.write(f"未交办 / skipped: {line}")
