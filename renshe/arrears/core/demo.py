"""``renshe demo-data``: a seeded synthetic Fujian province with planted wage-arrears cases.

Everything is drawn with numpy from one seed, a block of workers at a time, so 10^6 workers
× 90 days (≈ 85 million attendance rows) is written in minutes. The planted cases are the
patterns the indicators must find; each is listed in ``truth.csv`` as (project_id, month,
pattern). The background has the noise real data has (payroll a few days late, a partial
allocation, a single complaint, one worker without a contract) which should raise at
most a yellow warning.

Money is drawn to the fen; the deposit required uses the parameters of
《福建省工程建设领域农民工工资保证金管理实施办法》 (see ``arrears.deposit_*``).
"""

from __future__ import annotations

import calendar
import datetime as dt
import json
from dataclasses import dataclass
from pathlib import Path

import numpy as np
import pyarrow as pa
import pyarrow.csv as pacsv
import pyarrow.parquet as pq

from renshe.arrears.core import geo
from renshe.arrears.core.schema import BY_NAME, SQL_TYPES
from renshe.rules import ids, parameters
from renshe.rules.errors import RulesError

PATTERNS = (
    "late_payroll",
    "underpaid",
    "allocation_missing",
    "account_drained",
    "deposit_missing",
    "complaint_cluster",
    "subcontractor_chain",
)
#: share of projects given one planted pattern
PLANT_RATE = 0.2
ATTEND_P = 0.94
EPOCH = np.datetime64("1970-01-01", "D")
_WORDS = list("宏鑫闽海榕鹭恒泰华兴建安中盛达顺鸿源联誉福丰瑞祥嘉禾东南新茂")
_SURNAMES = list("王李张刘陈杨黄赵吴周徐孙马朱胡郭何林罗郑梁谢宋唐许韩冯邓曹彭曾肖田董潘袁蔡蒋余于杜叶程")
_GIVEN = list("伟强磊军勇杰涛明超辉华平刚建国志文斌海波林峰鹏宇俊飞凯浩亮东成春生福荣永金水根")
_WORK_TYPES = np.array(["钢筋工", "木工", "泥水工", "架子工", "电工", "普工"])
_WORK_WAGE = np.array([380.0, 360.0, 350.0, 370.0, 400.0, 260.0])
_PROJECT_KINDS = ["安置房", "学校", "大道改造", "医院", "花园", "产业园", "污水处理厂", "大桥", "水库除险加固", "保障性住房"]
_INDUSTRY_OF_KIND = ["房建", "房建", "市政", "房建", "房建", "房建", "市政", "交通", "水利", "房建"]


@dataclass(frozen=True)
class Window:
    """The days of attendance drawn and the date the extract is taken (``as_of``)."""

    start: dt.date
    days: int

    @property
    def dates(self) -> np.ndarray:
        return np.datetime64(self.start, "D") + np.arange(self.days)

    @property
    def months(self) -> list[tuple[int, int]]:
        out: list[tuple[int, int]] = []
        for d in (self.start + dt.timedelta(days=i) for i in range(self.days)):
            if (d.year, d.month) not in out:
                out.append((d.year, d.month))
        return out

    @property
    def as_of(self) -> dt.date:
        """Last day of the month after the last month: every payroll is due by then."""
        y, m = _next(*self.months[-1])
        return dt.date(y, m, calendar.monthrange(y, m)[1])


def _next(y: int, m: int) -> tuple[int, int]:
    return (y + 1, 1) if m == 12 else (y, m + 1)


def _day(y: int, m: int, d: int) -> int:
    """Days since 1970-01-01 of a date, the day clipped to the month's length."""
    return (dt.date(y, m, min(d, calendar.monthrange(y, m)[1])) - dt.date(1970, 1, 1)).days


def _dates(days: np.ndarray) -> pa.Array:
    return pa.array(days.astype("int32"), pa.int32()).cast(pa.date32())


def _month_str(y: int, m: int) -> str:
    return f"{y:04d}-{m:02d}"


class _Writer:
    """Writes each table as CSV, or as Parquet for the big ones when ``parquet`` is set."""

    BIG = {"attendance", "payroll"}

    def __init__(self, out: Path, parquet: bool) -> None:
        self.out, self.parquet = out, parquet
        self.open: dict[str, object] = {}

    def _schema(self, name: str) -> pa.Schema:
        types = {"BIGINT": pa.int64(), "DOUBLE": pa.float64(), "VARCHAR": pa.string(), "DATE": pa.date32(),
                 "BOOLEAN": pa.bool_()}
        return pa.schema([(c.name, types[SQL_TYPES[c.kind]]) for c in BY_NAME[name].columns])

    def write(self, name: str, cols: dict[str, object]) -> None:
        schema = self._schema(name)
        table = pa.table({f.name: pa.array(cols[f.name], f.type) if not isinstance(cols[f.name], pa.Array)
                          else cols[f.name] for f in schema}, schema=schema)
        if name not in self.open:
            if self.parquet and name in self.BIG:
                self.open[name] = pq.ParquetWriter(self.out / f"{name}.parquet", schema, compression="zstd")
            else:
                self.open[name] = pacsv.CSVWriter(self.out / f"{name}.csv", schema)
        self.open[name].write_table(table)

    def close(self) -> None:
        for w in self.open.values():
            w.close()


def generate(out: Path, workers: int, days: int, seed: int, start: dt.date = dt.date(2025, 9, 1),
             fmt: str = "auto") -> dict:
    """Write the province into ``out`` and return a summary (counts per table, planted cases)."""
    out.mkdir(parents=True, exist_ok=True)
    rng = np.random.default_rng(seed)
    win = Window(start, days)
    months = win.months
    n_m = len(months)
    writer = _Writer(out, parquet=(fmt == "parquet") or (fmt == "auto" and workers > 200_000))
    counts: dict[str, int] = {}

    def emit(name: str, cols: dict) -> None:
        writer.write(name, cols)
        counts[name] = counts.get(name, 0) + len(next(iter(cols.values())))

    # regions ------------------------------------------------------------------------
    county = geo.counties()
    emit("region", {"region_code": [c[0] for c in county], "city": [c[1] for c in county],
                    "county": [c[2] for c in county]})
    codes = np.array([c[0] for c in county])
    city_of = np.array([c[1] for c in county])
    cw = np.array([geo.CITY_WEIGHT[c] / len(geo.FUJIAN_COUNTIES[c]) for c in city_of])
    cw /= cw.sum()

    # projects and organisations ------------------------------------------------------
    sizes = np.clip(rng.lognormal(np.log(60), 0.6, size=workers // 25 + 1), 25, 400).astype(int)
    cum = np.cumsum(sizes)
    n_p = int(np.searchsorted(cum, workers) + 1)
    sizes = sizes[:n_p]
    sizes[-1] = workers - (cum[n_p - 2] if n_p > 1 else 0)
    pid = np.arange(1, n_p + 1)
    p_region = rng.choice(codes, size=n_p, p=cw)
    n_owner, n_gc = n_p // 2 + 1, max(2, n_p // 4)
    owner_of = rng.integers(0, n_owner, n_p) + 1
    gc_of = rng.integers(0, n_gc, n_p) + 1 + n_owner
    n_sub1 = rng.integers(1, 4, n_p)
    has2 = rng.random(n_p) < 0.35
    has3 = has2 & (rng.random(n_p) < 0.15)
    n_subs = n_sub1 + has2 + has3
    sub_start = np.concatenate([[0], np.cumsum(n_subs)[:-1]])
    total_subs = int(n_subs.sum())
    sub_org = np.arange(total_subs) + 1 + n_owner + n_gc  # one subcontractor org per slot
    sub_proj = np.repeat(pid, n_subs)
    slot = np.arange(total_subs) - np.repeat(sub_start, n_subs)
    n1_rep = np.repeat(n_sub1, n_subs)
    sub_depth = np.where(slot < n1_rep, 1, np.where(slot == n1_rep, 2, 3))
    sub_parent = np.where(sub_depth == 1, np.repeat(gc_of, n_subs), sub_org - 1)
    n_org = n_owner + n_gc + total_subs
    org_type = np.array(["owner"] * n_owner + ["gc"] * n_gc + ["sub"] * total_subs)
    org_region = rng.choice(codes, size=n_org, p=cw)
    w1, w2 = rng.choice(_WORDS, n_org), rng.choice(_WORDS, n_org)
    suffix = np.where(org_type == "owner", rng.choice(["置业有限公司", "城市建设投资集团有限公司", "开发建设有限公司"], n_org),
                      np.where(org_type == "gc", rng.choice(["建设工程有限公司", "建工集团有限公司"], n_org),
                               rng.choice(["劳务有限公司", "建筑劳务分包有限公司", "机电安装工程有限公司", "幕墙工程有限公司"], n_org)))
    city_by_code = dict(zip(codes, city_of, strict=True))
    city_short = np.array([city_by_code[c][:2] for c in org_region])
    org_names = np.char.add(np.char.add(np.char.add(np.char.add(city_short, w1), w2), rng.choice(_WORDS, n_org)), suffix)
    emit("org", {"org_id": np.arange(1, n_org + 1), "credit_code": ids.credit_codes(org_region, rng.integers(0, 10**8, n_org)),
                 "name": org_names, "org_type": org_type, "region_code": org_region})

    amount = np.round(np.clip(rng.lognormal(np.log(3e7), 1.0, n_p), 1.5e6, 8e8), -3)
    kind = rng.integers(0, len(_PROJECT_KINDS), n_p)
    county_name = dict(zip(codes, [c[2] for c in county], strict=True))
    p_names = [f"{county_name[r]}{rng.choice(_WORDS)}{rng.choice(_WORDS)}{_PROJECT_KINDS[k]}项目（{i}）"
               for i, r, k in zip(pid, p_region, kind, strict=True)]
    d0 = (start - dt.date(1970, 1, 1)).days
    sign = d0 - rng.integers(60, 400, n_p)
    p_start = sign + rng.integers(10, 40, n_p)
    p_end = d0 + days + 365 + rng.integers(0, 400, n_p)
    pay_day = rng.integers(5, 16, n_p)
    emit("project", {"project_id": pid, "name": p_names, "region_code": p_region, "owner_id": owner_of, "gc_id": gc_of,
                     "industry": np.array(_INDUSTRY_OF_KIND)[kind], "is_gov_invested": rng.random(n_p) < 0.3,
                     "contract_amount": amount, "labour_cost_ratio": np.round(rng.uniform(0.2, 0.3, n_p), 3),
                     "contract_sign_date": _dates(sign), "start_date": _dates(p_start), "planned_end": _dates(p_end),
                     "pay_day": pay_day})
    emit("project_org", {"project_id": np.concatenate([pid, sub_proj]), "org_id": np.concatenate([gc_of, sub_org]),
                         "role": ["gc"] * n_p + ["sub"] * total_subs,
                         "parent_org_id": pa.array(np.concatenate([np.full(n_p, -1), sub_parent]), pa.int64(),
                                                   mask=np.concatenate([np.ones(n_p, bool), np.zeros(total_subs, bool)])),
                         "depth": np.concatenate([np.zeros(n_p, int), sub_depth])})

    # planted patterns, one per chosen project ---------------------------------------
    plant = np.full(n_p, -1)
    chosen = rng.random(n_p) < PLANT_RATE
    plant[chosen] = rng.integers(0, len(PATTERNS), int(chosen.sum()))
    dep_req = _deposit_required(amount, win.as_of)
    plant[(plant == PATTERNS.index("deposit_missing")) & (dep_req == 0)] = PATTERNS.index("underpaid")
    plant[(plant == PATTERNS.index("subcontractor_chain")) & ~has2] = PATTERNS.index("late_payroll")
    plant_m = rng.integers(0, n_m, n_p)

    # workers ---------------------------------------------------------------------------
    w_proj = np.repeat(pid, sizes)
    u = rng.random(workers)
    w_slot = sub_start[w_proj - 1] + np.minimum((u * n_subs[w_proj - 1]).astype(int), n_subs[w_proj - 1] - 1)
    w_org, w_depth = sub_org[w_slot], sub_depth[w_slot]
    male = rng.random(workers) < 0.85
    birth = EPOCH + rng.integers((dt.date(1965, 1, 1) - dt.date(1970, 1, 1)).days,
                                 (dt.date(2004, 12, 31) - dt.date(1970, 1, 1)).days, workers)
    native = np.where(rng.random(workers) < 0.6, rng.choice(codes, workers), rng.choice(list(geo.OUTSIDE_FUJIAN), workers))
    seq = rng.integers(0, 500, workers) * 2 + male
    id_no = ids.id_numbers(native, np.char.replace(np.datetime_as_string(birth, "D"), "-", ""), seq)
    wnames = np.char.add(np.char.add(rng.choice(_SURNAMES, workers), rng.choice(_GIVEN, workers)),
                         np.where(rng.random(workers) < 0.6, rng.choice(_GIVEN, workers), ""))
    wid = np.arange(1, workers + 1)
    emit("worker", {"worker_id": wid, "id_number": id_no, "name": wnames, "gender": np.where(male, "男", "女"),
                    "birth_date": _dates((birth - EPOCH).astype(int)), "native_region": native})
    wt = rng.integers(0, len(_WORK_TYPES), workers)
    wage = np.round(_WORK_WAGE[wt] * rng.uniform(0.9, 1.1, workers), -1)
    no_contract = np.zeros(workers, bool)
    first_w = np.concatenate([[0], cum[: n_p - 1]])
    lucky = rng.random(n_p) < 0.15
    no_contract[first_w[lucky]] = True
    emit("project_worker", {"project_id": w_proj, "worker_id": wid, "org_id": w_org, "work_type": _WORK_TYPES[wt],
                            "daily_wage": wage, "entry_date": _dates(d0 - rng.integers(0, 60, workers)),
                            "has_contract": ~no_contract})

    # attendance, by blocks of workers; days attended per worker and month ---------------
    day_month = np.array([months.index((d.year, d.month)) for d in
                          (start + dt.timedelta(days=i) for i in range(days))])
    att = np.zeros((workers, n_m), np.int16)
    block = 100_000
    for lo in range(0, workers, block):
        hi = min(workers, lo + block)
        present = rng.random((hi - lo, days)) < ATTEND_P
        for k in range(n_m):
            att[lo:hi, k] = present[:, day_month == k].sum(axis=1)
        r, c = np.nonzero(present)
        emit("attendance", {"project_id": w_proj[lo + r], "worker_id": wid[lo + r], "work_date": _dates(d0 + c),
                            "hours": np.round(8 + rng.random(len(r)) * 2, 1)})
        del present, r, c

    # payroll for each worker-month with attendance, paid on the project's pay day -----
    wi, mi = np.nonzero(att > 0)
    p_of = w_proj[wi]
    due = np.array([[_day(*_next(*months[k]), int(pd)) for k in range(n_m)] for pd in pay_day])  # (n_p, n_m)
    paid = due[p_of - 1, mi] - rng.integers(0, 4, len(wi))
    late_bg = rng.random((n_p, n_m)) < 0.05
    paid = np.where(late_bg[p_of - 1, mi], due[p_of - 1, mi] + rng.integers(1, 6, len(wi)), paid)
    pdays = att[wi, mi].astype(float)
    hit = plant[p_of - 1] >= 0
    hit &= plant_m[p_of - 1] == mi
    pat = np.where(hit, plant[p_of - 1], -1)
    late = pat == PATTERNS.index("late_payroll")
    paid = np.where(late, due[p_of - 1, mi] + 20 + (p_of * 7919 % 31), paid)
    cut = rng.uniform(0.3, 0.6, n_p)
    under = pat == PATTERNS.index("underpaid")
    pdays = np.where(under, np.floor(pdays * cut[p_of - 1]), pdays)
    deepest = w_depth == np.maximum(1, (has2.astype(int) + has3 + 1))[w_proj - 1]
    chain_unpaid = (pat == PATTERNS.index("subcontractor_chain")) & deepest[wi] & (w_depth[wi] >= 2)
    as_of_d = (win.as_of - dt.date(1970, 1, 1)).days
    keep = ~chain_unpaid & (paid <= as_of_d)
    gross = np.round(pdays * wage[wi], 2)
    month_labels = np.array([_month_str(*m) for m in months])
    emit("payroll", {"project_id": p_of[keep], "worker_id": wid[wi][keep], "month": month_labels[mi][keep],
                     "days": pdays[keep], "gross": gross[keep], "net": gross[keep], "paid_date": _dates(paid[keep])})

    # wage-specific account flows ------------------------------------------------------
    expected = np.zeros((n_p, n_m))
    np.add.at(expected, (w_proj[wi] - 1, mi), att[wi, mi] * wage[wi])
    emit("wage_account", {"account_id": pid, "project_id": pid, "gc_id": gc_of,
                          "bank": rng.choice(["中国农业银行", "中国建设银行", "中国工商银行", "兴业银行", "中国银行", "福建海峡银行"], n_p),
                          "opened_date": _dates(sign + rng.integers(5, 25, n_p))})
    due_amt = np.round(expected * 1.05, 2)
    emit("labour_cost_due", {"project_id": np.repeat(pid, n_m), "month": np.tile(month_labels, n_p),
                             "due_amount": due_amt.ravel(),
                             "due_date": _dates(np.array([[_day(y, m, 10) for (y, m) in months]] * n_p).ravel())})
    txns = _account_txns(rng, pid, months, expected, due_amt, plant, plant_m, d0,
                         p_of[keep], mi[keep], paid[keep], gross[keep])
    emit("account_txn", txns)

    # deposits -------------------------------------------------------------------------
    has_dep = (dep_req > 0) & (plant != PATTERNS.index("deposit_missing"))
    form = rng.choice(["现金", "保函", "保证保险"], n_p)
    emit("wage_deposit", {"deposit_id": pid[has_dep], "project_id": pid[has_dep], "gc_id": gc_of[has_dep],
                          "form": form[has_dep], "amount": np.round(dep_req * rng.uniform(1.0, 1.1, n_p), 2)[has_dep],
                          "valid_from": _dates((sign + rng.integers(5, 30, n_p))[has_dep]),
                          "valid_to": pa.array(np.where(form == "现金", 0, p_end + 90)[has_dep].astype("int32"),
                                               pa.int32(), mask=(form == "现金")[has_dep]).cast(pa.date32())})

    # complaints: a cluster in planted months, single ones in the background ------------
    emit("complaint", _complaints(rng, n_p, months, plant, plant_m, gc_of))

    # truth and meta -----------------------------------------------------------------
    act_pm = np.zeros((n_p, n_m), bool)
    act_pm[w_proj[wi] - 1, mi] = True
    t_rows = []
    for p in np.nonzero(plant >= 0)[0]:
        name = PATTERNS[plant[p]]
        ms = [k for k in range(n_m) if act_pm[p, k]] if name == "deposit_missing" else [plant_m[p]]
        t_rows += [(int(p) + 1, month_labels[k], name) for k in ms if act_pm[p, k]]
    with (out / "truth.csv").open("w", encoding="utf-8") as f:
        f.write("project_id,month,pattern\n")
        f.writelines(f"{p},{m},{n}\n" for p, m, n in t_rows)
    meta = {"as_of": win.as_of.isoformat(), "start": start.isoformat(), "days": str(days), "seed": str(seed),
            "workers": str(workers)}
    emit("meta", {"key": list(meta), "value": list(meta.values())})
    writer.close()
    return {"out": str(out), "rows": counts, "projects": n_p, "planted": len(t_rows), "as_of": meta["as_of"]}


def _deposit_required(amount: np.ndarray, on: dt.date) -> np.ndarray:
    """Required deposit: rate × contract, capped; exempt below the threshold (闽人社发〔2024〕4号)."""
    rate = parameters.value("arrears.deposit_rate", on, "fujian")
    cap = parameters.value("arrears.deposit_cap", on, "fujian")
    exempt = parameters.value("arrears.deposit_exempt_below", on, "fujian")
    return np.where(amount < exempt, 0.0, np.minimum(np.round(amount * rate, 2), cap))


def _account_txns(rng, pid, months, expected, due_amt, plant, plant_m, d0, pay_p, pay_m, pay_d, pay_amt) -> dict:
    """Owner allocations (人工费), payroll batches (代发), and the planted drains and misses."""
    n_p, n_m = expected.shape
    alloc = due_amt.copy()
    alloc[rng.random((n_p, n_m)) < 0.03] *= 0.9
    miss = plant == PATTERNS.index("allocation_missing")
    for p in np.nonzero(miss)[0]:
        k = plant_m[p]
        if k + 1 < n_m:
            alloc[p, k + 1] += alloc[p, k]
        alloc[p, k] = 0.0
    alloc = np.round(alloc, 2)
    acc, day, dirn, amt, cp, purpose = [], [], [], [], [], []

    def add(a, d, di, x, c, pu):
        acc.append(a), day.append(d), dirn.append(di), amt.append(x), cp.append(c), purpose.append(pu)

    opening = np.round(expected[:, 0] * 0.3, 2)
    add(pid, np.full(n_p, d0 - 1), ["in"] * n_p, opening, ["owner"] * n_p, ["人工费"] * n_p)
    for k, (y, m) in enumerate(months):
        on = alloc[:, k] > 0
        add(pid[on], np.array([_day(y, m, int(x)) for x in rng.integers(3, 9, int(on.sum()))]), ["in"] * int(on.sum()),
            alloc[on, k], ["owner"] * int(on.sum()), ["人工费"] * int(on.sum()))
    # one 代发 batch per project, month and pay date
    key = (pay_p.astype(np.int64) * 64 + pay_m) * 100_000 + pay_d
    uk, inv = np.unique(key, return_inverse=True)
    sums = np.round(np.bincount(inv, weights=pay_amt), 2)
    bp, bd = uk // 100_000 // 64, uk % 100_000
    add(bp, bd, ["out"] * len(uk), sums, ["worker"] * len(uk), ["代发"] * len(uk))
    paid_pm = np.zeros((n_p, n_m))
    np.add.at(paid_pm, (pay_p - 1, pay_m), pay_amt)
    for p in np.nonzero(plant == PATTERNS.index("account_drained"))[0]:
        k = plant_m[p]
        y, m = months[k]
        balance = opening[p] + alloc[p, : k + 1].sum() - paid_pm[p, :k].sum()
        drain = round(float(balance) * float(rng.uniform(0.9, 0.98)), 2)
        add([pid[p]], [_day(y, m, 20)], ["out"], [drain], ["other"], ["其他"])
        ny, nm = _next(y, m)
        add([pid[p]], [_day(ny, nm, 2)], ["in"], [drain], ["gc"], ["回补"])
    acc_a = np.concatenate([np.asarray(a) for a in acc])
    return {"txn_id": np.arange(1, len(acc_a) + 1), "account_id": acc_a,
            "txn_date": _dates(np.concatenate([np.asarray(d) for d in day])),
            "direction": np.concatenate([np.asarray(d) for d in dirn]), "amount": np.concatenate([np.asarray(a) for a in amt]),
            "counterparty": np.concatenate([np.asarray(c) for c in cp]),
            "purpose": np.concatenate([np.asarray(c) for c in purpose])}


def _complaints(rng, n_p, months, plant, plant_m, gc_of) -> dict:
    rows: list[tuple] = []
    for p in range(n_p):
        for k, (y, m) in enumerate(months):
            if plant[p] == PATTERNS.index("complaint_cluster") and plant_m[p] == k:
                n = int(rng.integers(3, 7))
                collective = rng.random() < 0.5
                for j in range(n):
                    coll = collective and j == 0
                    rows.append((p + 1, _day(y, m, int(rng.integers(1, 28))), int(rng.integers(10, 30)) if coll
                                 else int(rng.integers(3, 9)), coll))
            elif rng.random() < 0.03:
                rows.append((p + 1, _day(y, m, int(rng.integers(1, 28))), int(rng.integers(1, 3)), False))
    n = len(rows)
    proj = np.array([r[0] for r in rows], dtype=np.int64)
    nw = np.array([r[2] for r in rows], dtype=np.int64)
    return {"complaint_id": np.arange(1, n + 1), "channel": rng.choice(["12345", "96333", "闽治欠", "信访"], n),
            "received_date": _dates(np.array([r[1] for r in rows], dtype=np.int64)), "project_id": proj,
            "org_id": gc_of[proj - 1] if n else np.array([], np.int64), "n_workers": nw,
            "claimed_amount": np.round(nw * rng.uniform(3000, 12000, n), 2),
            "is_collective": np.array([r[3] for r in rows], bool), "status": rng.choice(["受理", "办理中", "办结"], n)}


def main(args) -> int:
    if args.workers < 1 or not 1 <= args.days <= 366:
        raise RulesError.of("workers/days", "人数至少为1，天数应在1到366之间",
                            "workers must be at least 1 and days between 1 and 366")
    try:
        dt.date.fromisoformat(args.start)
    except ValueError:
        raise RulesError.of("start", "日期格式应为 YYYY-MM-DD", "start must be YYYY-MM-DD") from None
    summary = generate(Path(args.out), args.workers, args.days, args.seed,
                       dt.date.fromisoformat(args.start), args.format)
    print(json.dumps(summary, ensure_ascii=False))
    return 0
