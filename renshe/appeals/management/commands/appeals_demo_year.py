"""``manage.py appeals_demo_year``: a reproducible year of demo requests (see renshe.appeals.demo_year)."""

from __future__ import annotations

import time

from django.core.management.base import BaseCommand

from renshe.appeals.demo_year import generate


class Command(BaseCommand):
    help = "生成一年的演示诉求（默认30万件，可重复：同一种子得到同样的数据）/ a demo year of requests"

    def add_arguments(self, parser) -> None:
        parser.add_argument("--year", type=int, default=2025)
        parser.add_argument("--count", type=int, default=300_000)
        parser.add_argument("--seed", type=int, default=2025)

    def handle(self, *args, year: int, count: int, seed: int, **options) -> None:
        t = time.perf_counter()
        n = generate(year, count, seed)
        self.stdout.write(f"已生成 {n} 件演示诉求（{year}年），用时 {time.perf_counter() - t:.1f} 秒 / "
                          f"{n} demo requests in {time.perf_counter() - t:.1f} s")
