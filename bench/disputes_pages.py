"""Benchmark: the disputes dashboard and an arbitrator's case list on a year of cases, on PostgreSQL.

Run (after ``manage.py load_disputes_year``, about 200,000 cases):
``DATABASE_URL=postgres://…/renshe_disputes python -m bench.disputes_pages [--repeat 5] [--year 2025]``.

Each page is requested through Django's test client as the demo accounts see it — the dashboard
as ``leader`` (the whole province: committees, cities, months, the kernel's on-time share), the
list as ``arbitrator.xm`` (his committee's cases, newest first, 50 a page, and page 40) — and the
median of ``--repeat`` requests is printed beside the floor (a GET of /api/v1/health through the
same client), the target of 500 ms (issue 14) and the baseline: the same figures the old way, in
process — the dashboard's tables grouped directly from the cases and clocks
(:func:`measures.tables`, what the page ran before the rollup), the list's page by Django's
Paginator (count and OFFSET, what it ran before keyset pages). The deep page is asked for twice:
by number alone (``?page=40``, offset on the list's index) and as the "next" link of page 39
carries it (keyset). The load average is printed with the figures (the machine is shared).
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
    from django.core.paginator import Paginator
    from django.db import connection
    from django.test import Client

    from renshe.disputes import measures
    from renshe.disputes.models import Case
    from renshe.platform.accounts.models import User
    from renshe.platform.accounts.scoping import scope, visible_organisations

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
    def baseline(fn) -> float:
        times = []
        for _ in range(args.repeat + 1):
            start = time.perf_counter()
            fn()
            times.append((time.perf_counter() - start) * 1000)
        return statistics.median(times[1:])

    arb_user = User.objects.get(username="arbitrator.xm")
    listed = scope(Case.objects.exclude(state=Case.State.DRAFT).select_related("organisation", "assignee"), arb_user)

    def old_page(n: int):
        return lambda: list(Paginator(listed.order_by("-received_on", "-id"), 50).get_page(n))

    def old_dashboard() -> None:
        measures.tables(measures.cases(visible_organisations(User.objects.get(username="leader")), args.year))

    after_39 = listed.order_by("-received_on", "-id").values_list("pk", flat=True)[39 * 50 - 1]
    print(f"load average {' '.join(f'{x:.2f}' for x in os.getloadavg())} (2 cores, shared)")
    floor = timed(leader, "/api/v1/health")
    ok = True
    for who, client, url, base in (
        ("dashboard (province)", leader, f"/disputes/dashboard/?year={args.year}", old_dashboard),
        ("arbitrator's list p.1", arbitrator, "/disputes/", old_page(1)),
        ("arbitrator's list p.40", arbitrator, "/disputes/?page=40", old_page(40)),
        ("list p.40 by its link", arbitrator, f"/disputes/?page=40&after={after_39}", old_page(40)),
    ):
        ms = timed(client, url)
        was = baseline(base)
        passed = ms < TARGET_MS
        ok &= passed
        print(f"  {who:<24} {ms:8.1f} ms  (baseline, the old query alone {was:8.1f} ms; {ms / floor:6.1f}× the floor "
              f"{floor:.1f} ms)  target < {TARGET_MS:g} ms ... {'PASS' if passed else 'FAIL'}")
    print(f"load average {' '.join(f'{x:.2f}' for x in os.getloadavg())} after")
    print("ALL PASS" if ok else "SOME TARGETS FAILED")
    return 0 if ok else 1


if __name__ == "__main__":
    raise SystemExit(main())
