"""Benchmark: routing an imported 12345 export, and the KPI page for the province-year.

Run (needs a database with the demo organisations, rules and desks, and for the KPI part the
demo year: ``manage.py load_demo``, ``manage.py appeals_demo_year``; targets are for PostgreSQL)::

    DATABASE_URL=postgres://postgres@127.0.0.1:5432/renshe_appeals python -m bench.appeals

1. Import: ``--rows`` (10,000) work orders as an .xlsx, read, validated, routed and written by
   :func:`renshe.appeals.importer.import_rows` — clocks by the kernel's bulk
   ``clocks.start_many``, one audit record for the batch (target: under 10 s). Baseline: the same rows one
   at a time through :func:`renshe.appeals.services.register` (a sample of ``--sample``,
   extrapolated) — what a form or an API call does per request. The imported rows are deleted
   afterwards, so the run can be repeated.
2. KPI page: ``GET /appeals/kpi/`` for a whole year, province-wide (the department's leader),
   median of ``--repeat`` requests in-process (target: under 500 ms). Baseline: the same page
   for an empty year — the page's fixed cost — so the ratio shows what the year's figures add.
"""

from __future__ import annotations

import argparse
import io
import os
import statistics
import time

os.environ.setdefault("DJANGO_SETTINGS_MODULE", "renshe.platform.settings.dev")

import django  # noqa: E402

django.setup()

from django.contrib.contenttypes.models import ContentType  # noqa: E402
from django.db import transaction  # noqa: E402
from django.test import Client  # noqa: E402
from openpyxl import Workbook  # noqa: E402

from renshe.appeals import importer, services  # noqa: E402
from renshe.appeals.core.intake import validate  # noqa: E402
from renshe.appeals.core.routing import CATEGORIES  # noqa: E402
from renshe.appeals.models import Appeal, ImportBatch  # noqa: E402
from renshe.platform.accounts.models import Organisation, User  # noqa: E402
from renshe.platform.lawcalendar.models import TrackedDeadline  # noqa: E402

IMPORT_TARGET_S, KPI_TARGET_MS = 10.0, 500.0


def _export(n: int) -> bytes:
    counties = list(Organisation.objects.filter(kind="county").values_list("code", flat=True))
    cats = [v for k, v in CATEGORIES.items() if k != "wage_arrears"]
    wb = Workbook(write_only=True)
    ws = wb.create_sheet()
    ws.append(list(importer.COLUMNS))
    for i in range(n):
        wage = i % 5 == 0
        ws.append([f"BENCH{i:07d}", f"2026-03-{1 + i % 28:02d}", "王某", f"139{i:08d}",
                   "拖欠工资" if wage else cats[i % len(cats)], counties[i % len(counties)],
                   "在某工地务工两个月未发工资，请求处理" if wage else "咨询相关政策的办理流程和条件",
                   "某项目" if wage else "", "某公司" if wage else "", 5000 if wage else "", 2 if wage else "", ""])
    buf = io.BytesIO()
    wb.save(buf)
    return buf.getvalue()


def bench_import(rows: int, sample: int) -> None:
    data = _export(rows)
    start = time.perf_counter()
    rows_read = importer.read(data)
    read_s = time.perf_counter() - start
    result = importer.import_rows(rows_read)
    import_s = time.perf_counter() - start
    parsed = importer.read(_export(sample))
    payloads = []
    for _, values in parsed:
        raw = importer._row(values)
        raw.pop("received_on"), raw.pop("external_id"), raw.pop("repeat_of")
        payloads.append(validate(raw).model_dump())
    start = time.perf_counter()
    with transaction.atomic():
        for p in payloads:
            services.register(p, channel="12345")
        transaction.set_rollback(True)
    one_s = (time.perf_counter() - start) / sample
    _forget(result.batch_id)
    print(f"import of {rows:,} work orders: {import_s:6.2f} s ({result.imported:,} routed, "
          f"{len(result.rejects)} rejected) — target < {IMPORT_TARGET_S:.0f} s: "
          f"{'met' if import_s < IMPORT_TARGET_S else 'MISSED'} (reading the .xlsx {read_s:.2f} s; validating, "
          f"routing and writing {import_s - read_s:.2f} s)")
    print(f"  machine load average while measuring: {os.getloadavg()[0]:.1f} on {os.cpu_count()} cores")
    print(f"  baseline, one at a time: {one_s * 1000:6.1f} ms a request = {one_s * rows:6.1f} s for {rows:,} "
          f"(extrapolated from {sample}); bulk import is {one_s * rows / import_s:4.1f}× faster")


def _forget(batch_id: int | None) -> None:
    """Delete the benchmark's requests, their clocks and batch, so the run can be repeated."""
    ids = [str(pk) for pk in Appeal.objects.filter(external_id__startswith="BENCH").values_list("pk", flat=True)]
    Appeal.objects.filter(external_id__startswith="BENCH").delete()
    TrackedDeadline.objects.filter(content_type=ContentType.objects.get_for_model(Appeal), object_id__in=ids).delete()
    ImportBatch.objects.filter(pk=batch_id).delete()


def _median_ms(c: Client, url: str, repeat: int) -> float:
    c.get(url)  # warm
    times = []
    for _ in range(repeat):
        start = time.perf_counter()
        assert c.get(url).status_code == 200
        times.append((time.perf_counter() - start) * 1000)
    return statistics.median(times)


def bench_kpi(year: int, repeat: int) -> None:
    c = Client(HTTP_HOST="127.0.0.1")
    c.force_login(User.objects.get(username="leader"))
    n = Appeal.objects.filter(received_on__year=year).count()
    full = _median_ms(c, f"/appeals/kpi/?from={year}-01-01&to={year}-12-31&by=month", repeat)
    empty = _median_ms(c, "/appeals/kpi/?from=2099-01-01&to=2099-12-31&by=month", repeat)
    print(f"KPI page, province, {year} ({n:,} requests): median {full:6.1f} ms of {repeat} — target < "
          f"{KPI_TARGET_MS:.0f} ms: {'met' if full < KPI_TARGET_MS else 'MISSED'}")
    print(f"  baseline, same page for an empty year: {empty:6.1f} ms; the year's figures cost {full / empty:4.1f}× that")


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--rows", type=int, default=10_000)
    ap.add_argument("--sample", type=int, default=200)
    ap.add_argument("--year", type=int, default=2025)
    ap.add_argument("--repeat", type=int, default=9)
    args = ap.parse_args(argv)
    bench_import(args.rows, args.sample)
    bench_kpi(args.year, args.repeat)
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
