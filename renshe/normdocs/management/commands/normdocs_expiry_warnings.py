"""``manage.py normdocs_expiry_warnings [--days N] [--on DATE] [--json]``: list documents about to expire."""

from __future__ import annotations

import datetime as dt
import json

from django.core.management.base import BaseCommand, CommandError

from renshe.normdocs.warnings import expiry_warnings
from renshe.rules.errors import RulesError


class Command(BaseCommand):
    help = "列出有效期即将届满的行政规范性文件 / list normative documents about to expire"

    def add_arguments(self, parser) -> None:
        parser.add_argument(
            "--days", type=int, help="提示窗口天数（默认取参数 normdocs.expiry_warning_days）"
        )
        parser.add_argument("--on", type=dt.date.fromisoformat, help="以哪一天为准（YYYY-MM-DD，默认今天）")
        parser.add_argument("--json", dest="as_json", action="store_true", help="输出 JSON")

    def handle(self, *args, days=None, on=None, as_json=False, **options) -> None:
        if days is not None and days < 0:
            raise CommandError("--days 不能为负数 / --days must not be negative")
        try:
            rows = expiry_warnings(on, days)
        except RulesError as exc:
            raise CommandError(str(exc)) from None
        if as_json:
            self.stdout.write(json.dumps(rows, ensure_ascii=False, indent=2))
            return
        if not rows:
            self.stdout.write("没有即将到期的规范性文件 / nothing expires in the window")
            return
        for r in rows:
            self.stdout.write(
                f"{r['valid_until']}（剩余{r['days_left']}天） {r['number']} {r['title']}（{r['division']}）"
            )
