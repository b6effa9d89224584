"""Demo data for ``renshe serve``: a 3,000-worker synthetic province, ingested and evaluated,
then its warnings dispatched as alerts (:mod:`renshe.arrears.demo_alerts`).

Idempotent: skipped when the store already has a run, so restarting the platform is quick.
"""

from __future__ import annotations

from django.conf import settings

from renshe.arrears.api import store_path
from renshe.arrears.core import demo, engines, ingest, lake, published


def _has_run(store) -> bool:
    return published.current(lake.Lake(store)) is not None


def load(stdout) -> None:
    from renshe.arrears import demo_alerts

    _load_store(stdout)
    demo_alerts.load(stdout)


def _load_store(stdout) -> None:
    store = store_path()
    if _has_run(store):
        return
    src = settings.VAR_DIR / "arrears-demo"
    demo.generate(src, workers=3000, days=90, seed=1, fmt="csv")
    ingest.ingest(src, store, rejects=settings.VAR_DIR / "arrears-demo-rejects.csv")
    summary = engines.run(store, "duckdb")
    stdout.write(f"欠薪预警演示数据：{summary['warnings']} 条预警 / arrears demo: {summary['warnings']} warnings")
