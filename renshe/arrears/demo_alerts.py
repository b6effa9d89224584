"""Demo loader (``manage.py load_demo``): a small synthetic province, its warnings as alerts,
and the daily escalation task in the queue. Idempotent.

If the store (``RENSHE_ARREARS_STORE``, default var/arrears-lake) has no warnings yet,
a 1,500-worker province is generated (``renshe demo-data``), ingested and run first.
"""

from __future__ import annotations

import datetime as dt
from pathlib import Path

from django.conf import settings

from .api import store_path
from .core import demo, engines, ingest
from .core.warnings import read
from .workflow import dispatch_latest

DEMO_WORKERS = 1500
DEMO_SEED = 3


def load(stdout) -> None:
    store = store_path()
    if not read(store, limit=1):
        src = Path(settings.VAR_DIR) / "arrears-demo"
        demo.generate(src, DEMO_WORKERS, 90, DEMO_SEED, dt.date(2025, 9, 1), "csv")
        ingest.ingest(src, store)
        engines.run(store)
    summary = dispatch_latest(store)
    stdout.write(f"欠薪预警：新交办 {summary.created} 件，已有 {summary.existing} 件\n")
