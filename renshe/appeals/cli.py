"""``renshe appeals``: import a 12345 export, print the KPIs, escalate overdue requests.

Bad input prints the Chinese and English message and exits 2 (``renshe.cli``).
"""

from __future__ import annotations

import argparse
import datetime as dt
import json
import os
import sys
from pathlib import Path


def _django() -> None:
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "renshe.platform.settings.dev")
    import django

    django.setup()


def _import(args: argparse.Namespace) -> int:
    _django()
    from renshe.appeals import importer

    path = Path(args.file)
    if not path.is_file():
        from renshe.rules.errors import RulesError

        raise RulesError.of("file", f"文件不存在：{path}", f"no such file: {path}")
    result = importer.import_rows(importer.read(path.read_bytes()), source=path.name)
    if args.rejects and result.rejects:
        Path(args.rejects).write_bytes(importer.rejects_xlsx(result))
    print(json.dumps({**result.as_dict(), "rejects_report": args.rejects if result.rejects else None},
                     ensure_ascii=False, indent=1))
    return 0


def _kpi(args: argparse.Namespace) -> int:
    _django()
    from renshe.appeals import stats
    from renshe.appeals.models import Appeal

    today = dt.date.today()
    qs = stats.period(Appeal.objects.all(), dt.date.fromisoformat(args.start), dt.date.fromisoformat(args.end))
    rows = [stats.Line("total", "合计", stats.totals(qs, today)), *stats.breakdown(qs, args.by, today)]
    out = [{"group": ln.label, "received": ln.figures.received,
            **{c: getattr(ln.figures, c).rate for c in ("timely_acceptance", "on_time_completion", "satisfaction",
                                                        "answered")}} for ln in rows]
    json.dump(out, sys.stdout, ensure_ascii=False, indent=1)
    print()
    return 0


def _escalate(args: argparse.Namespace) -> int:
    _django()
    from renshe.appeals.steps import escalate_overdue

    moved = escalate_overdue()
    print(json.dumps({"escalated": [a.number for a in moved]}, ensure_ascii=False))
    return 0


def add_parser(sub: argparse._SubParsersAction) -> None:
    p = sub.add_parser("appeals", help="诉求、信访与依申请公开 / requests, petitions, disclosure")
    s = p.add_subparsers(dest="appeals_command", required=True)
    i = s.add_parser("import", help="导入12345工单 Excel / import a 12345 work-order export")
    i.add_argument("file")
    i.add_argument("--rejects", help="未导入行的报告（.xlsx）/ where to write the rejects report")
    i.set_defaults(func=_import)
    k = s.add_parser("kpi", help="诉求办理指标 / KPIs as JSON")
    k.add_argument("--from", dest="start", required=True)
    k.add_argument("--to", dest="end", required=True)
    k.add_argument("--by", default="channel", choices=["channel", "city", "organisation", "category", "month"])
    k.set_defaults(func=_kpi)
    e = s.add_parser("escalate", help="超期诉求逐级督办 / escalate overdue requests")
    e.set_defaults(func=_escalate)
