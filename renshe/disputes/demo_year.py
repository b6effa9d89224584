"""A reproducible demo year of labour-dispute cases (about 200,000 across the ten cities), written
in bulk, behind the dashboard and the arbitrators' lists. Loaded only on request
(``manage.py load_disputes_year``), never by ``scripts/dev serve``: it takes a minute or two.

Everything is drawn from one seed with numpy: the committee (weighted by the cities' size), the
day the application came in, the outcome (rejected 3 %, withdrawn 5 %, mediated about 55 %,
awarded the rest, some still open in December), the days each step took (a few acceptances and
awards late, some awards extended on approval). Each case's claims come from the array path of
``dispute-claims`` (:mod:`renshe.rules.labour.claims_array`) on synthetic elements. The
acceptance and award clocks are written as the kernel writes them — length and article from the
dated parameters, due dates by the rules layer's count (民法典第二百零一至二百零三条), extension
from the original due date — so :func:`renshe.platform.workflow.kpi.on_time` counts them as it
counts real cases. Applicants are named 演示申请人NNNNNN; re-running replaces the year.
"""

from __future__ import annotations

import datetime as dt
from typing import Any

import numpy as np
from django.contrib.contenttypes.models import ContentType
from django.core.management.color import no_style
from django.db import connection, transaction

from renshe.platform.accounts.models import Organisation
from renshe.platform.lawcalendar.models import TrackedDeadline
from renshe.rules.deadlines import period_end_array
from renshe.rules.labour.claims_array import claims_population
from renshe.rules.labour.claims_law import CLAIMS
from renshe.rules.parameters import value_at

from . import rollup
from .core import synthetic
from .models import Case

MARK = "演示数据（load_disputes_year）"
#: committee weights: roughly the cities' share of the province's workforce
WEIGHTS = {"350100": 0.2, "350200": 0.18, "350500": 0.2, "350600": 0.09, "350300": 0.07, "350800": 0.06,
           "350900": 0.06, "350400": 0.05, "350700": 0.05, "pingtan": 0.04}
REGION = {"350100": "fujian.fuzhou", "350200": "fujian.xiamen", "350300": "fujian.putian", "350400": "fujian.sanming",
          "350500": "fujian.quanzhou", "350600": "fujian.zhangzhou", "350700": "fujian.nanping",
          "350800": "fujian.longyan", "350900": "fujian.ningde", "pingtan": "fujian.pingtan"}
#: the 2025 tiers (wages.minimum_monthly from 2025-04-01) given explicitly, so that a case filed
#: earlier in the year, which no parameter covers yet, is still judged against a figure
MINIMUM = {"fujian.xiamen": 2265.0, "fujian.fuzhou": 2195.0, "fujian.quanzhou": 2195.0, "fujian.zhangzhou": 2195.0,
           "fujian.longyan": 2195.0, "fujian.putian": 2045.0, "fujian.sanming": 2045.0, "fujian.nanping": 2045.0,
           "fujian.ningde": 2045.0, "fujian.pingtan": 1895.0}
BATCH = 5000
_DAY = np.timedelta64(1, "D")


def _iso(a: np.ndarray) -> list[dt.date | None]:
    return [None if np.isnat(x) else x.item() for x in a]


def plan(n: int, year: int, seed: int) -> dict[str, Any]:
    """The year as columns: committee index, dates of each step, outcome, clocks' due dates, claims."""
    rng = np.random.default_rng(seed)
    codes = list(WEIGHTS)
    p = np.array(list(WEIGHTS.values()))
    org = rng.choice(len(codes), n, p=p / p.sum())
    first = np.datetime64(f"{year}-01-01")
    received = first + rng.integers(0, 365, n).astype("timedelta64[D]")
    u = rng.random(n)
    rejected = u < 0.03
    withdrawn = (u >= 0.03) & (u < 0.08)
    mediated = (u >= 0.08) & (u < 0.63)
    lag = np.where(rng.random(n) < 0.05, rng.integers(6, 9, n), rng.integers(0, 6, n))
    accepted = np.where(rejected, np.datetime64("NaT"), received + lag.astype("timedelta64[D]"))
    med_on = np.where(mediated, accepted + rng.integers(3, 41, n).astype("timedelta64[D]"), np.datetime64("NaT"))
    awarded_mask = ~(rejected | withdrawn | mediated)
    award_on = np.where(awarded_mask, accepted + rng.integers(20, 59, n).astype("timedelta64[D]"), np.datetime64("NaT"))
    wd_on = np.where(withdrawn, accepted + rng.integers(2, 30, n).astype("timedelta64[D]"), np.datetime64("NaT"))
    year_end = np.datetime64(f"{year}-12-31")
    # cases whose end falls after the year are still open on 31 December
    ended_on = np.where(mediated, med_on, np.where(awarded_mask, award_on, wd_on))
    open_ = ~rejected & (ended_on > year_end)
    acc_pv = value_at("deadlines.arbitration_acceptance", dt.date(year, 1, 1))
    awd_pv = value_at("deadlines.arbitration_award", dt.date(year, 1, 1))
    ext_pv = value_at("deadlines.arbitration_award_extension", dt.date(year, 1, 1))
    acc_due = period_end_array(received, int(acc_pv.value), acc_pv.unit)["due"]
    has_award = ~rejected
    awd_due = np.full(n, np.datetime64("NaT"), dtype="datetime64[D]")
    awd_due[has_award] = period_end_array(accepted[has_award].astype("datetime64[D]"), int(awd_pv.value), awd_pv.unit)["due"]
    # some awards past the 45 days were extended on approval (第四十三条): due 15 days after the original
    extended = awarded_mask & (award_on > awd_due) & (rng.random(n) < 0.6)
    ext_due = awd_due.copy()
    ext_due[extended] = period_end_array(awd_due[extended], int(ext_pv.value), ext_pv.unit)["due"]
    cols = synthetic.elements(n, seed=seed, first_filing=received.min(), days=1)
    cols["filed_on"] = received.astype("datetime64[D]")
    cols = _fit_elements(cols, received)
    cols["region"] = np.array([REGION[c] for c in codes], dtype=object)[org]
    cols["local_minimum_wage"] = np.array([MINIMUM[REGION[c]] for c in codes])[org]
    claims = claims_population(cols)
    return {
        "codes": codes, "org": org, "received": received, "accepted": accepted, "rejected": rejected,
        "withdrawn": withdrawn, "mediated": mediated, "awarded": awarded_mask, "med_on": med_on, "award_on": award_on,
        "wd_on": wd_on, "open": open_, "acc_due": acc_due, "awd_due": awd_due, "ext_due": ext_due, "extended": extended,
        "claims": claims, "cols": cols, "params": (acc_pv, awd_pv, ext_pv),
    }


def _fit_elements(cols: dict[str, np.ndarray], filed: np.ndarray) -> dict[str, np.ndarray]:
    """The synthetic elements moved so every date lies before the case's own filing day."""
    shift = filed - cols["filed_on"]
    for k in ("hire", "end", "signed", "medical_known_on"):
        cols[k] = cols[k] + shift
    cols["filed_on"] = filed
    return cols


def _state(i: int, pl: dict[str, Any]) -> str:
    if pl["rejected"][i]:
        return "rejected"
    if pl["open"][i]:
        return "hearing" if pl["awarded"][i] else "mediating" if pl["mediated"][i] else "served"
    if pl["withdrawn"][i]:
        return "withdrawn"
    return "closed"


def load(n: int = 200_000, year: int = 2025, seed: int = 7, stdout=None) -> int:
    """Replace the demo year ``year`` with ``n`` cases; returns the number written."""
    orgs = {o.code: o for o in Organisation.objects.filter(code__in=WEIGHTS)}
    missing = [c for c in WEIGHTS if c not in orgs]
    if missing:
        raise RuntimeError(f"organisations missing: {missing}; run manage.py sync_organisations first")
    pl = plan(n, year, seed)
    ct = ContentType.objects.get_for_model(Case)
    acc_pv, awd_pv, ext_pv = pl["params"]
    received, accepted = _iso(pl["received"]), _iso(pl["accepted"])
    med_on, award_on, wd_on = _iso(pl["med_on"]), _iso(pl["award_on"]), _iso(pl["wd_on"])
    acc_due, awd_due, ext_due = _iso(pl["acc_due"]), _iso(pl["awd_due"]), _iso(pl["ext_due"])
    amounts = {k: pl["claims"]["amount"][k].tolist() for k in CLAIMS}
    within = {k: pl["claims"]["within"][k].tolist() for k in CLAIMS}
    final = {k: pl["claims"]["final"][k].tolist() for k in CLAIMS}
    limit, totals = pl["claims"]["limit"].tolist(), pl["claims"]["total"].tolist()
    with transaction.atomic(), rollup.bulk(year):
        old = list(Case.objects.filter(facts=MARK, received_on__year=year).values_list("pk", flat=True))
        for i in range(0, len(old), BATCH):
            chunk = old[i:i + BATCH]
            Case.objects.filter(pk__in=chunk).update(award_clock=None)
            TrackedDeadline.objects.filter(content_type=ct, object_id__in=[str(x) for x in chunk]).delete()
            Case.objects.filter(pk__in=chunk).delete()
        case_id = (Case.objects.order_by("-pk").values_list("pk", flat=True).first() or 0) + 1
        clock_id = (TrackedDeadline.objects.order_by("-pk").values_list("pk", flat=True).first() or 0) + 1
        seq: dict[str, int] = {}
        for start in range(0, n, BATCH):
            cases, clocks = [], []
            for i in range(start, min(n, start + BATCH)):
                code = pl["codes"][pl["org"][i]]
                seq[code] = seq.get(code, 0) + 1
                pk = case_id + i
                ended = med_on[i] or award_on[i] or wd_on[i]
                is_open = bool(pl["open"][i])
                claims = [
                    {"kind": k, "label": CLAIMS[k].label, "amount": amounts[k][i], "within_limitation": within[k][i],
                     "final_award": final[k][i], "basis": list(CLAIMS[k].basis), "trace": []}
                    for k in CLAIMS if amounts[k][i] > 0
                ]
                award_clock_id = None
                if accepted[i]:
                    clocks.append(_clock(clock_id, ct, pk, acc_pv, received[i], acc_due[i], accepted[i]))
                    clock_id += 1
                    ext = bool(pl["extended"][i])
                    closed = None if is_open else ended
                    clocks.append(_clock(clock_id, ct, pk, awd_pv, accepted[i], ext_due[i], closed,
                                         original=awd_due[i] if ext else None, ext_pv=ext_pv if ext else None))
                    award_clock_id = clock_id
                    clock_id += 1
                rec, acc = received[i], accepted[i]
                cases.append(Case(
                    pk=pk, number=f"（{year}）{code}劳人仲申字第{seq[code]:06d}号", state=_state(i, pl),
                    source="online" if i % 3 else "window", dispute_type=("wages", "termination", "no_contract", "overtime",
                                                                          "annual_leave", "social_insurance", "work_injury")[i % 7],
                    organisation=orgs[code], applicant_name=f"演示申请人{i:06d}", applicant_id_number="11010519491231002X",
                    applicant_phone="13800000000", respondent_name=f"演示用人单位{i % 9973:04d}", facts=MARK,
                    requested=[c["kind"] for c in claims], received_on=rec, accepted_on=acc,
                    mediated_on=None if is_open else med_on[i], awarded_on=None if is_open else award_on[i],
                    closed_on=None if is_open else (ended if not pl["rejected"][i] else rec + dt.timedelta(days=4)),
                    days_to_acceptance=(acc - rec).days if acc else None,
                    days_to_mediation=(med_on[i] - rec).days if med_on[i] and not is_open else None,
                    days_to_award=(award_on[i] - rec).days if award_on[i] and not is_open else None,
                    claims={"claims": claims, "total": totals[i], "final_award_limit": limit[i]},
                    award_clock_id=award_clock_id,
                    rejection_reason="不属于劳动人事争议受理范围" if pl["rejected"][i] else "",
                ))
            TrackedDeadline.objects.bulk_create(clocks)
            Case.objects.bulk_create(cases)
            if stdout:
                stdout.write(f"  {min(n, start + BATCH):,} / {n:,}\n")
        with connection.cursor() as cur:
            for sql in connection.ops.sequence_reset_sql(no_style(), [Case, TrackedDeadline]):
                cur.execute(sql)
    return n


def _clock(pk, ct, case_pk, pv, start, due, closed, *, original=None, ext_pv=None) -> TrackedDeadline:
    return TrackedDeadline(
        pk=pk, content_type=ct, object_id=str(case_pk), kind=pv.description, start=start, length=int(pv.value),
        unit=pv.unit, due=due, param=pv.name, region="national", basis=pv.reference.cite(),
        original_due=original, extension_param=ext_pv.name if ext_pv else "",
        extension_length=int(ext_pv.value) if ext_pv else None, extension_unit=ext_pv.unit if ext_pv else "",
        is_open=closed is None, closed_on=closed,
    )
