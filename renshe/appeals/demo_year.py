"""A reproducible demo year of requests (about 300,000) for the KPI page and the benchmark.

Drawn with numpy from a seed: channels in the proportions a provincial HRSS department sees
(12345 most, then the wage lines, online, letters, visits), categories, Fujian's counties, days
of the year; clocks from the cited parameters (vectorised through
:func:`renshe.rules.deadlines.period_end_array`; each request's closing clock is then the
kernel's, started in bulk by ``clocks.start_many`` and closed on the reply day, so the open ones
are in the 待办 and ``kpi.on_time`` counts the answered ones), nearly all met — the report's figures are 100 %
and 99.98 % — with a few late, a few repeats, a few still open near the year's end. Routed by
the routing rules and placed with the desks exactly as :func:`renshe.appeals.services.placement`
does — as if the routed office had signed for it (the demo has staff in few county bureaus, so the
receiving desk's person stays recorded as responsible) — then written with bulk inserts (one receive hand-over per request). Explicit command, not
part of ``load_demo``: it takes several minutes (462 s for 300,000 at load 3–5 on 2 cores, with the clocks).
"""

from __future__ import annotations

import datetime as dt
from typing import Any

import numpy as np
from django.core.management.color import no_style
from django.db import connection, transaction
from django.db.models import OuterRef, Subquery
from django.utils import timezone

from renshe.platform.accounts.models import Organisation
from renshe.platform.audit.service import record
from renshe.platform.lawcalendar.models import TrackedDeadline
from renshe.platform.workflow import clocks
from renshe.rules.deadlines import period_end_array
from renshe.rules.parameters import value_at

from .core.routing import CATEGORIES
from .core.workflow import closing_clock, start_clock
from .models import Appeal, Handover, ImportBatch
from .services import HOTLINE_REGION, desks, placement, rules_index

CHANNELS = {"12345": 0.80, "96333": 0.04, "mzq": 0.05, "online": 0.06, "letter": 0.04, "visit": 0.01}
CATEGORY_WEIGHTS = {"social_insurance": 0.34, "wage_arrears": 0.18, "employment": 0.14, "labour_contract": 0.12,
                    "work_injury": 0.07, "talent": 0.07, "dispute": 0.05, "other": 0.03}
SURNAMES = list("陈林黄张李王吴刘蔡杨郑许谢洪郭邱曾廖赖徐周叶苏庄")


def _due(param: str, starts: np.ndarray) -> np.ndarray:
    pv = value_at(param, dt.date.fromisoformat(str(starts.min())), HOTLINE_REGION)
    return period_end_array(starts, int(pv.value), pv.unit)["due"]


def _clock_params(channel: str) -> tuple[str, str]:
    return start_clock(channel), closing_clock(channel)


@transaction.atomic
def generate(year: int, count: int, seed: int = 2025, today: dt.date | None = None) -> int:
    """Add ``count`` requests received in ``year``; returns how many were written."""
    rng = np.random.default_rng(seed)
    today = today or dt.date(year + 1, 1, 15)
    channels = rng.choice(list(CHANNELS), size=count, p=list(CHANNELS.values()))
    cats = rng.choice(list(CATEGORY_WEIGHTS), size=count, p=list(CATEGORY_WEIGHTS.values()))
    counties = list(Organisation.objects.filter(kind=Organisation.Kind.COUNTY).values_list("code", flat=True))
    places = rng.choice(counties, size=count)
    start = np.datetime64(f"{year}-01-01")
    received = start + rng.integers(0, 365, size=count).astype("timedelta64[D]")
    order = np.argsort(received, kind="stable")
    channels, cats, places, received = channels[order], cats[order], places[order], received[order]
    acc_due = np.empty(count, dtype="datetime64[D]")
    accepted = received + rng.choice([0, 1], size=count, p=[0.7, 0.3]).astype("timedelta64[D]")
    late_acc = rng.random(count) < 0.0005
    close_due = np.empty(count, dtype="datetime64[D]")
    for ch in CHANNELS:
        sel = channels == ch
        acc_param, close_param = _clock_params(ch)
        acc_due[sel] = _due(acc_param, received[sel])
        accepted[sel] = np.minimum(accepted[sel], acc_due[sel])
        accepted[sel & late_acc] = acc_due[sel & late_acc] + np.timedelta64(2, "D")
        close_due[sel] = _due(close_param, accepted[sel])
    span = (close_due - accepted).astype(int)
    replied = accepted + (rng.random(count) * np.maximum(span, 1)).astype("timedelta64[D]")
    late = rng.random(count) < 0.002
    replied[late] = close_due[late] + np.timedelta64(3, "D")
    today64 = np.datetime64(today)
    open_ = replied >= today64
    rated = rng.random(count) < 0.8
    sat = np.where(rated, rng.choice(["satisfied", "basic", "dissatisfied"], size=count, p=[0.93, 0.0698, 0.0002]), "")
    sat[open_] = ""
    repeat = rng.random(count) < 0.03
    heads = np.where(channels == "visit", rng.integers(1, 8, size=count), 1)
    n = _write(year, channels, cats, places, received, acc_due, accepted, close_due, replied, open_, sat, repeat,
               heads, rng)
    _disclosure_year(year, rng)
    return n


#: the report's 2025 figures: 295 applications answered in time, 3,050 items published proactively
DISCLOSURES, CATALOGUE_ITEMS = 295, 3050
OUTCOME_WEIGHTS = {"disclose": 0.46, "partial": 0.08, "unable_none": 0.22, "refuse_third_party": 0.03,
                   "refuse_process": 0.03, "ignore_petition": 0.08, "ignore_repeat": 0.03, "other_no_completion": 0.04,
                   "unable_make": 0.03}
CATALOGUE_WEIGHTS = {"news": 0.55, "policy": 0.12, "service": 0.15, "normative": 0.03, "finance": 0.02,
                     "plan": 0.03, "other": 0.10}


def _disclosure_year(year: int, rng) -> None:
    """The year's disclosure applications (answered within their clock) and proactive catalogue."""
    from .core import clocks
    from .models import CatalogueItem, DisclosureRequest

    dept = Organisation.objects.get(code="350000")
    kinds = rng.choice(["natural", "commercial", "legal_service", "other_org"], size=DISCLOSURES, p=[0.86, 0.08, 0.04, 0.02])
    outcomes = rng.choice(list(OUTCOME_WEIGHTS), size=DISCLOSURES, p=list(OUTCOME_WEIGHTS.values()))
    reqs = []
    for i in range(DISCLOSURES):
        rec = dt.date(year, 1, 1) + dt.timedelta(days=int(rng.integers(0, 350)))
        due = clocks.due("deadlines.disclosure", rec).due
        replied = rec + dt.timedelta(days=int(rng.integers(1, max(2, (due - rec).days))))
        reqs.append(DisclosureRequest(
            number=f"GK{year}D{i:05d}", applicant_kind=str(kinds[i]), applicant=f"申请人{i}", id_document="（演示）",
            contact="（演示）", description="演示：申请公开某项统计数据", form="电子邮件", organisation=dept,
            state="replied", received_on=rec, completion_due=clocks.due("appeals.disclosure.completion_notice", rec).due,
            reply_due=due, replied_on=replied, outcome=str(outcomes[i]), reply="（演示答复）"))
    DisclosureRequest.objects.bulk_create(reqs)
    cats = rng.choice(list(CATALOGUE_WEIGHTS), size=CATALOGUE_ITEMS, p=list(CATALOGUE_WEIGHTS.values()))
    items = []
    for i in range(CATALOGUE_ITEMS):
        formed = dt.date(year, 1, 1) + dt.timedelta(days=int(rng.integers(0, 360)))
        due = clocks.due("appeals.disclosure.proactive", formed).due
        items.append(CatalogueItem(title=f"{year}年演示公开信息第{i + 1}条", category=str(cats[i]), organisation=dept,
                                   formed_on=formed, published_on=min(due, formed + dt.timedelta(days=int(rng.integers(0, 10)))),
                                   publish_due=due))
    CatalogueItem.objects.bulk_create(items, batch_size=2000)


def _clocks(year: int, rows: list[Appeal]) -> ImportBatch:
    """Each request's closing clock, as the kernel keeps it (so the open ones are in the 待办 and a
    later holiday notice moves them): started with the bulk ``clocks.start_many`` on the day it was
    accepted, one parameter per channel, audited once on the demo year's batch."""
    batch = ImportBatch.objects.create(source=f"演示数据：{year}年诉求（manage.py appeals_demo_year）",
                                       imported=len(rows))
    by_channel: dict[str, list[Appeal]] = {}
    for a in rows:
        by_channel.setdefault(a.channel, []).append(a)
    for channel, some in by_channel.items():
        started = clocks.start_many([(a, a.accepted_on) for a in some], closing_clock(channel), actor=None,
                                    batch=batch, region=HOTLINE_REGION)
        for a, c in zip(some, started, strict=True):
            a.clock_id, a.closing_due, a.import_batch = c.pk, c.due, batch
    return batch


def _close_answered(batch: ImportBatch) -> None:
    """Close the clock of every answered request on the day it was answered, so ``kpi.on_time``
    counts it (one UPDATE; the batch's record says so rather than one record per clock)."""
    answered = Appeal.objects.filter(import_batch=batch, replied_on__isnull=False)
    n = TrackedDeadline.objects.filter(pk__in=answered.values("clock_id")).update(
        is_open=False, closed_on=Subquery(Appeal.objects.filter(clock_id=OuterRef("pk")).values("replied_on")[:1]),
        closed_at=timezone.now())
    record(None, batch, "close", note=f"演示数据：{n}件已答复诉求的办理期限按答复日期办结")


def _write(year, channels, cats, places, received, acc_due, accepted, close_due, replied, open_, sat, repeat, heads,
           rng) -> int:
    index, known = rules_index(), desks()
    offices = {o.code: o for o in Organisation.objects.all()}
    placed: dict[tuple[str, str], tuple[Any, ...]] = {}
    base = (Appeal.objects.order_by("-pk").values_list("pk", flat=True).first() or 0) + 1
    names = rng.choice(SURNAMES, size=len(channels))
    phones = 13_000_000_000 + rng.integers(0, 999_999_999, size=len(channels))
    rows, hand, firsts = [], [], []
    for i in range(len(channels)):
        key, phone, rep = (str(cats[i]), str(places[i])), str(phones[i]), None
        if repeat[i] and firsts:  # the same person again about the same matter: linked to the first
            first = rows[firsts[int(rng.integers(0, len(firsts)))]]
            key, phone, rep = (first.category, first.place), first.phone, first.pk
        if key not in placed:
            r = index.route(*key)
            placed[key] = (r, *placement(offices[r.office], r.reason, known))
        r, org, owner, pending, how = placed[key]
        pk = base + i
        rec = received[i].item()
        done = not open_[i]
        if rep is None:
            firsts.append(i)
        rows.append(Appeal(
            pk=pk, number=f"SQ{year}{pk:07d}", channel=str(channels[i]), category=key[0], place=key[1],
            name=f"{names[i]}先生", phone=phone, content="演示数据：" + CATEGORIES[key[0]] + "相关诉求",
            head_count=int(heads[i]), repeat_of_id=rep, organisation=pending or org, owner=owner,
            state=("closed" if sat[i] else "replied") if done else "accepted", routed_by=how[:200],
            received_on=rec, acceptance_due=acc_due[i].item(), accepted_on=accepted[i].item(),
            closing_started=accepted[i].item(), closing_due=close_due[i].item(),
            replied_on=replied[i].item() if done else None, reply="已答复（演示数据）" if done else "",
            closed_on=replied[i].item() if done and sat[i] else None, satisfaction=str(sat[i]),
        ))
        hand.append(Handover(appeal_id=pk, kind=Handover.Kind.RECEIVE, to_user=owner, to_org=pending or org, note=how[:300]))
    batch = _clocks(year, rows)
    Appeal.objects.bulk_create(rows, batch_size=5000)
    Handover.objects.bulk_create(hand, batch_size=5000)
    _close_answered(batch)
    with connection.cursor() as cur:
        for sql in connection.ops.sequence_reset_sql(no_style(), [Appeal, Handover]):
            cur.execute(sql)
        if connection.vendor == "postgresql":  # fresh statistics, or the planner sorts 300,000 rows on disk
            cur.execute(f"ANALYZE {Appeal._meta.db_table}, {Handover._meta.db_table}")
    return len(rows)
