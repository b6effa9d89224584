"""manage.py rebuild_disputes_rollup [--year Y]: recount the dashboard's rollup from the cases."""

from django.core.management.base import BaseCommand

from renshe.disputes import rollup


class Command(BaseCommand):
    help = "从案件重新汇总调解仲裁指标（仪表盘读取的汇总表）/ recount the disputes dashboard's rollup"

    def add_arguments(self, parser):
        parser.add_argument("--year", type=int, default=None)

    def handle(self, *args, year, **options):
        n = rollup.rebuild(year)
        self.stdout.write(f"汇总格 {n:,} 个 / {n:,} cells written\n")
