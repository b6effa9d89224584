"""Benchmark: the disputes dashboard and an arbitrator's case list on a year of cases, on PostgreSQL.

Run (after ``manage.py load_disputes_year``, about 200,000 cases):
``DATABASE_URL=postgres://…/renshe_disputes python -m bench.disputes_pages [--repeat 5] [--year 2025]``.

Each page is requested through Django's test client as the demo accounts see it — the dashboard
as ``leader`` (the whole province: committees, cities, months, the kernel's on-time share), the
list as ``arbitrator.xm`` (his committee's cases, newest first, 50 a page, and page 40) — and the
median of ``--repeat`` requests is printed beside the floor (a GET of /api/v1/health through the
same client) and the target of 500 ms (issue 14).
"""

from __future__ import annotations

import argparse
import os
import statistics
import time

TARGET_MS = 500.0


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--repeat", type=int, default=5)
    ap.add_argument("--year", type=int, default=2025)
    args = ap.parse_args(argv)
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "renshe.platform.settings.dev")
    import django

    django.setup()
    from django.db import connection
    from django.test import Client

    from renshe.disputes.models import Case
    from renshe.platform.accounts.models import User

    if connection.vendor != "postgresql":
        print("需要 PostgreSQL：请设置 DATABASE_URL / this benchmark needs DATABASE_URL pointing at PostgreSQL")
        return 2
    n = Case.objects.filter(received_on__year=args.year).count()
    print(f"disputes pages on PostgreSQL, {n:,} cases received in {args.year}")

    def timed(client: Client, url: str) -> float:
        times = []
        for _ in range(args.repeat + 1):  # the first request warms caches and is not counted
            start = time.perf_counter()
            r = client.get(url, HTTP_HOST="127.0.0.1")
            times.append((time.perf_counter() - start) * 1000)
            assert r.status_code == 200, (url, r.status_code)
        return statistics.median(times[1:])

    leader, arbitrator = Client(), Client()
    leader.force_login(User.objects.get(username="leader"))
    arbitrator.force_login(User.objects.get(username="arbitrator.xm"))
    floor = timed(leader, "/api/v1/health")
    ok = True
    for who, client, url in (
        ("dashboard (province)", leader, f"/disputes/dashboard/?year={args.year}"),
        ("arbitrator's list p.1", arbitrator, "/disputes/"),
        ("arbitrator's list p.40", arbitrator, "/disputes/?page=40"),
    ):
        ms = timed(client, url)
        passed = ms < TARGET_MS
        ok &= passed
        print(f"  {who:<24} {ms:8.1f} ms  ({ms / floor:6.1f}× the floor {floor:.1f} ms)  target < {TARGET_MS:g} ms ... "
              f"{'PASS' if passed else 'FAIL'}")
    print("ALL PASS" if ok else "SOME TARGETS FAILED")
    return 0 if ok else 1


if __name__ == "__main__":
    raise SystemExit(main())
