"""manage.py load_disputes_year [--cases N] [--year Y] [--seed S]: the demo year behind the dashboard."""

import time

from django.core.management.base import BaseCommand

from renshe.disputes import demo_year


class Command(BaseCommand):
    help = "写入一年的演示劳动争议案件（默认20万件，10个设区市），替换同一年已写入的演示案件"

    def add_arguments(self, parser):
        parser.add_argument("--cases", type=int, default=200_000)
        parser.add_argument("--year", type=int, default=2025)
        parser.add_argument("--seed", type=int, default=7)

    def handle(self, *args, cases, year, seed, **options):
        start = time.perf_counter()
        n = demo_year.load(cases, year, seed, stdout=self.stdout)
        self.stdout.write(f"演示年度 {year}：{n:,} 件，用时 {time.perf_counter() - start:.1f} 秒 / demo year written\n")
