"""The wage-arrears indicators, defined once as SQL that DuckDB and Spark SQL both run.

Each indicator is computed per project and month (two per contractor and month) from the
store's tables; its thresholds are dated parameters ``arrears.thresholds.<code>`` (policy
choices, marked unverified) and the article it watches is cited below and in the warning.

Portability: the SQL uses only what both engines share (CASE, COALESCE, GREATEST/LEAST,
year()/month(), window SUM/MAX). Dates arrive as day numbers (``<col>_d``, days since
1970-01-01) from the engine adapter (:mod:`renshe.arrears.core.engines`), which also supplies
``month_cal`` (ym, month, start_d, end_d, next_start_d, next_end_d) for the months computed,
and ``prior_pm``/``prior_gc``/``prior_att``/``prior_bal``, what a month-incremental run
carries from the previous run (:mod:`renshe.arrears.core.incremental`; empty for a full run). Values are rounded to 6 decimals before levels are set, so both engines agree.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass

from renshe.rules import parameters
from renshe.rules.parameters import ParamValue

REGION = "fujian"


@dataclass(frozen=True)
class Indicator:
    """One indicator: ``direction`` "high" fires when the value exceeds a threshold, "low" below it.
    ``scope`` "contractor" indicators add to the score but do not set a project's level."""

    code: str
    title: str
    direction: str
    article: str
    formula: str
    scope: str = "project"


INDICATORS: tuple[Indicator, ...] = (
    Indicator("payroll_days_late", "代发逾期天数", "high", "第十二条、第三十一条",
      "max(代发日) − 应付日（次月约定支付日）；至统计日未发则为 统计日 − 应付日"),
    Indicator("pay_coverage", "应发工资覆盖率", "low", "第十二条", "Σ应发 ÷ Σ(考勤天数 × 约定日工资)"),
    Indicator("paid_days_ratio", "计薪天数与考勤天数之比", "low", "第三十一条第二款", "Σ计薪天数 ÷ Σ考勤天数"),
    Indicator("unpaid_worker_share", "有考勤无代发人员占比", "high", "第三十一条", "有考勤无代发人数 ÷ 有考勤人数"),
    Indicator("months_since_payroll", "距最近代发月数", "high", "第十二条", "当月月序 − 最近一个有代发的月份月序"),
    Indicator("labour_cost_alloc_ratio", "人工费用拨付率", "low", "第二十四条第二款、第二十九条",
      "当月建设单位拨入专户的人工费用 ÷ 当月应拨人工费用"),
    Indicator("account_cover", "专户余额覆盖倍数", "low", "第二十六条、第二十九条", "月末专户余额 ÷ 当月按考勤应发工资"),
    Indicator("deposit_cover", "工资保证金到位率", "low", "第三十二条",
      "月末有效保证金 ÷ 应存额（合同额 × 比例，封顶；低于免存线为免存）"),
    Indicator("complaints", "投诉件数", "high", "第十条", "当月涉及该项目的投诉件数"),
    Indicator("complaint_workers_per_100", "每百人投诉人数", "high", "第十条", "投诉涉及人数 ÷ 有考勤人数 × 100"),
    Indicator("collective_complaint", "集体讨薪事件", "high", "第二十九条第三款", "当月集体讨薪投诉件数"),
    Indicator("unpaid_chain_depth", "欠发人员所在分包层级", "high", "第三十条", "有考勤无代发人员所在单位的最大分包层级"),
    Indicator("no_contract_share", "未签合同或未实名人员占比", "high", "第二十八条", "未订立劳动合同或未实名登记的有考勤人数 ÷ 有考勤人数"),
    Indicator("attendance_gap_days", "考勤中断天数", "high", "第二十八条第二款", "min(月末, 数据截止日) − 当月最后考勤日"),
    Indicator("contractor_flagged_projects", "总包当月逾期或欠发项目数", "high", "第三十条第二款",
      "总包当月代发逾期或有欠发人员的项目数", scope="contractor"),
    Indicator("contractor_repeat_months", "总包累计逾期或欠发月数", "high", "第四十七条",
      "截至当月总包有逾期或欠发项目的月数", scope="contractor"),
)
BY_CODE = {i.code: i for i in INDICATORS}
LAW = "《保障农民工工资支付条例》（国务院令第724号）"
LEVELS = ("none", "yellow", "orange", "red")


def thresholds(on: dt.date) -> dict[str, ParamValue]:
    """The threshold parameter of every indicator in force on ``on`` (Fujian)."""
    return {i.code: parameters.value_at(f"arrears.thresholds.{i.code}", on, REGION) for i in INDICATORS}


def deposit_params(on: dt.date) -> dict[str, ParamValue]:
    """Rate, cap and exemption line of the wage guarantee deposit (闽人社发〔2024〕4号)."""
    return {k: parameters.value_at(f"arrears.deposit_{k}", on, REGION) for k in ("rate", "cap", "exempt_below")}


def _level_case(th: dict[str, ParamValue]) -> str:
    whens = []
    for ind in INDICATORS:
        t = th[ind.code].value
        op = ">" if ind.direction == "high" else "<"
        parts = [f"WHEN value {op} {float(t[lvl])!r} THEN {n}" for n, lvl in ((3, "red"), (2, "orange"), (1, "yellow"))
                 if t.get(lvl) is not None]
        whens.append(f"WHEN code = '{ind.code}' THEN CASE WHEN value IS NULL THEN 0 {' '.join(parts)} ELSE 0 END")
    return "CASE " + " ".join(whens) + " ELSE 0 END"


def steps(as_of: dt.date) -> list[tuple[str, str]]:
    """The SQL, as (name, SELECT) pairs to be materialised in order; the last is ``indicator_value``."""
    a = (as_of - dt.date(1970, 1, 1)).days
    dep = {k: float(v.value) for k, v in deposit_params(as_of).items()}
    wm = "CAST(floor(w.ym / 100) AS INT) * 12 + CAST(w.ym % 100 AS INT)"
    s: list[tuple[str, str]] = [
        # a worker's days in a month: from the attendance read, and for a month-incremental run
        # from the previous run's state for the months whose attendance did not change
        # (with the worker's agreed wage, contract and subcontracting depth, which a correction of
        # project_worker or project_org changes only through a full run)
        ("att_w", """
SELECT a.project_id, a.worker_id, a.ym, a.att_days, a.last_d, w.daily_wage, w.has_contract,
       coalesce(o.depth, 1) AS depth
FROM (SELECT project_id, worker_id, year(work_date) * 100 + month(work_date) AS ym,
             count(*) AS att_days, max(work_date_d) AS last_d
      FROM x_attendance
      GROUP BY project_id, worker_id, year(work_date) * 100 + month(work_date)) a
JOIN x_project_worker w ON w.project_id = a.project_id AND w.worker_id = a.worker_id
LEFT JOIN x_project_org o ON o.project_id = w.project_id AND o.org_id = w.org_id
UNION ALL SELECT project_id, worker_id, ym, att_days, last_d, daily_wage, has_contract, depth FROM prior_att"""),
        # payroll's natural key is (project, worker, month): one row each, nothing to add up
        ("pay_w", f"""
SELECT project_id, worker_id, CAST(replace(month, '-', '') AS INT) AS ym,
       days AS paid_days, gross, paid_date_d AS paid_d
FROM x_payroll WHERE paid_date_d <= {a}"""),
        ("pm_work", """
SELECT a.project_id, a.ym, count(*) AS workers, sum(a.att_days) AS att_days,
       sum(a.att_days * a.daily_wage) AS expected,
       sum(CASE WHEN a.has_contract THEN 0 ELSE 1 END) AS no_contract,
       sum(CASE WHEN p.paid_days IS NULL THEN 1 ELSE 0 END) AS unpaid,
       max(CASE WHEN p.paid_days IS NULL THEN a.depth ELSE 0 END) AS unpaid_depth,
       sum(coalesce(p.paid_days, 0)) AS paid_days, sum(coalesce(p.gross, 0)) AS gross,
       max(a.last_d) AS last_att_d
FROM att_w a
LEFT JOIN pay_w p ON p.project_id = a.project_id AND p.worker_id = a.worker_id AND p.ym = a.ym
WHERE a.ym IN (SELECT ym FROM month_cal)
GROUP BY a.project_id, a.ym"""),
        ("pay_pm", """
SELECT project_id, ym, count(*) AS n_paid, max(paid_d) AS last_paid_d FROM pay_w GROUP BY project_id, ym"""),
        ("data_end", "SELECT max(last_att_d) AS data_end_d FROM pm_work"),
        ("pm", f"""
SELECT w.*, c.month, c.start_d, least(c.end_d, {a}) AS end_d, p.gc_id, p.region_code, p.contract_amount,
       least(c.next_start_d + p.pay_day - 1, c.next_end_d) AS due_d,
       CASE WHEN least(c.next_start_d + p.pay_day - 1, c.next_end_d) <= {a} THEN 1 ELSE 0 END AS due_passed,
       {wm} AS mk, y.n_paid, y.last_paid_d
FROM pm_work w JOIN month_cal c ON c.ym = w.ym JOIN x_project p ON p.project_id = w.project_id
LEFT JOIN pay_pm y ON y.project_id = w.project_id AND y.ym = w.ym"""),
        # months since the last payroll: over this run's months and, for a month-incremental run,
        # the earlier months' state the previous run published (``prior_pm``; empty for a full run)
        ("pm_pay_run", """
SELECT project_id, ym, since, span FROM (
  SELECT project_id, ym, cur,
         mk - max(CASE WHEN paid = 1 THEN mk END)
           OVER (PARTITION BY project_id ORDER BY mk ROWS BETWEEN UNBOUNDED PRECEDING AND CURRENT ROW) AS since,
         mk - min(mk) OVER (PARTITION BY project_id) + 1 AS span
  FROM (SELECT project_id, ym, mk, CASE WHEN n_paid > 0 THEN 1 ELSE 0 END AS paid, 1 AS cur FROM pm
        UNION ALL SELECT project_id, ym, mk, paid, 0 AS cur FROM prior_pm) u) q
WHERE cur = 1"""),
        ("alloc", f"""
SELECT d.project_id, CAST(replace(d.month, '-', '') AS INT) AS ym, d.due_amount,
       coalesce(sum(t.amount), 0) AS allocated
FROM x_labour_cost_due d
JOIN month_cal c ON c.ym = CAST(replace(d.month, '-', '') AS INT)
LEFT JOIN x_wage_account acc ON acc.project_id = d.project_id
LEFT JOIN x_account_txn t ON t.account_id = acc.account_id AND t.direction = 'in' AND t.counterparty = 'owner'
     AND t.txn_date_d BETWEEN c.start_d AND c.end_d AND t.txn_date_d <= {a}
WHERE d.due_date_d <= {a}
GROUP BY d.project_id, CAST(replace(d.month, '-', '') AS INT), d.due_amount"""),
        # the account's net flow per project and month (what a later incremental run carries)
        ("acct_m", """
SELECT acc.project_id, year(t.txn_date) * 100 + month(t.txn_date) AS ym,
       sum(CASE WHEN t.direction = 'in' THEN t.amount ELSE -t.amount END) AS net
FROM x_account_txn t JOIN x_wage_account acc ON acc.account_id = t.account_id
GROUP BY acc.project_id, year(t.txn_date) * 100 + month(t.txn_date)"""),
        # the balance at the month's end: the transactions read up to it, plus (incremental run)
        # the net flow of the months before the start; in cents, so the order of adding is moot
        ("bal", """
SELECT m.project_id, m.ym, round(sum(x.amount), 2) AS balance
FROM pm m JOIN (
  SELECT acc.project_id, t.txn_date_d AS d, CASE WHEN t.direction = 'in' THEN t.amount ELSE -t.amount END AS amount
  FROM x_account_txn t JOIN x_wage_account acc ON acc.account_id = t.account_id
  UNION ALL SELECT project_id, -2147483647 AS d, sum(net) AS amount FROM prior_bal GROUP BY project_id
) x ON x.project_id = m.project_id AND x.d <= m.end_d
GROUP BY m.project_id, m.ym"""),
        ("dep", f"""
SELECT m.project_id, m.ym,
       CASE WHEN m.contract_amount < {dep['exempt_below']!r} THEN 0.0
            ELSE least(round(m.contract_amount * {dep['rate']!r}, 2), {dep['cap']!r}) END AS required,
       coalesce(sum(CASE WHEN d.valid_from_d <= m.end_d AND (d.valid_to_d IS NULL OR d.valid_to_d >= m.end_d)
                         THEN d.amount END), 0) AS deposited
FROM pm m LEFT JOIN x_wage_deposit d ON d.project_id = m.project_id
GROUP BY m.project_id, m.ym, m.contract_amount"""),
        ("cmp", """
SELECT m.project_id, m.ym, count(*) AS n, sum(c.n_workers) AS n_workers,
       sum(CASE WHEN c.is_collective THEN 1 ELSE 0 END) AS collective
FROM pm m JOIN x_complaint c ON c.project_id = m.project_id AND c.received_date_d BETWEEN m.start_d AND m.end_d
GROUP BY m.project_id, m.ym"""),
        ("pv", """
SELECT m.project_id, m.ym, m.gc_id,
  CASE WHEN m.due_passed = 0 THEN NULL WHEN m.n_paid IS NULL THEN {a} - m.due_d
       ELSE greatest(m.last_paid_d - m.due_d, 0) END AS payroll_days_late,
  CASE WHEN m.due_passed = 1 AND m.expected > 0 THEN m.gross / m.expected END AS pay_coverage,
  CASE WHEN m.due_passed = 1 AND m.att_days > 0 THEN m.paid_days / m.att_days END AS paid_days_ratio,
  CASE WHEN m.due_passed = 1 THEN CAST(m.unpaid AS DOUBLE) / m.workers END AS unpaid_worker_share,
  CASE WHEN m.due_passed = 1 THEN coalesce(r.since, r.span) END AS months_since_payroll,
  CASE WHEN al.due_amount > 0 THEN al.allocated / al.due_amount END AS labour_cost_alloc_ratio,
  CASE WHEN m.expected > 0 THEN coalesce(b.balance, 0) / m.expected END AS account_cover,
  CASE WHEN d.required > 0 THEN d.deposited / d.required ELSE 1.0 END AS deposit_cover,
  coalesce(c.n, 0) AS complaints,
  100.0 * coalesce(c.n_workers, 0) / m.workers AS complaint_workers_per_100,
  coalesce(c.collective, 0) AS collective_complaint,
  CASE WHEN m.due_passed = 1 THEN m.unpaid_depth END AS unpaid_chain_depth,
  CAST(m.no_contract AS DOUBLE) / m.workers AS no_contract_share,
  least(m.end_d, e.data_end_d) - m.last_att_d AS attendance_gap_days
FROM pm m CROSS JOIN data_end e
LEFT JOIN pm_pay_run r ON r.project_id = m.project_id AND r.ym = m.ym
LEFT JOIN alloc al ON al.project_id = m.project_id AND al.ym = m.ym
LEFT JOIN bal b ON b.project_id = m.project_id AND b.ym = m.ym
LEFT JOIN dep d ON d.project_id = m.project_id AND d.ym = m.ym
LEFT JOIN cmp c ON c.project_id = m.project_id AND c.ym = m.ym""".replace("{a}", str(a))),
        ("gc_flag", """
SELECT gc_id, ym, sum(CASE WHEN payroll_days_late > 0 OR unpaid_worker_share > 0 THEN 1 ELSE 0 END) AS flagged
FROM pv GROUP BY gc_id, ym"""),
        ("cv", """
SELECT gc_id, ym, flagged AS contractor_flagged_projects, rep AS contractor_repeat_months FROM (
  SELECT gc_id, ym, flagged, cur, sum(CASE WHEN flagged > 0 THEN 1 ELSE 0 END)
           OVER (PARTITION BY gc_id ORDER BY ym ROWS BETWEEN UNBOUNDED PRECEDING AND CURRENT ROW) AS rep
  FROM (SELECT gc_id, ym, flagged, 1 AS cur FROM gc_flag
        UNION ALL SELECT gc_id, ym, flagged, 0 AS cur FROM prior_gc) g) q
WHERE cur = 1"""),
        # what a later month-incremental run continues from (published with the run)
        ("state_pm", """
SELECT project_id, ym, mk, gc_id, CASE WHEN n_paid > 0 THEN 1 ELSE 0 END AS paid,
       CASE WHEN due_passed = 1 AND n_paid IS NULL THEN 1 ELSE 0 END AS open_unpaid
FROM pm"""),
        ("state_gc", "SELECT gc_id, ym, flagged FROM gc_flag"),
        # the first wage month with payroll paid after the as-of date: it counts in a later run
        ("late_pay", f"""
SELECT min(CAST(replace(month, '-', '') AS INT)) AS ym FROM x_payroll WHERE paid_date_d > {a}"""),
    ]
    project_codes = [i.code for i in INDICATORS if i.scope == "project"]
    union = " UNION ALL ".join(
        f"SELECT project_id, ym, '{c}' AS code, CAST({c} AS DOUBLE) AS value FROM pv" for c in project_codes
    ) + " UNION ALL " + " UNION ALL ".join(
        f"SELECT p.project_id, p.ym, '{c}' AS code, CAST(v.{c} AS DOUBLE) AS value FROM pv p "
        "JOIN cv v ON v.gc_id = p.gc_id AND v.ym = p.ym"
        for c in (i.code for i in INDICATORS if i.scope == "contractor")
    )
    s.append(("iv_raw", f"SELECT project_id, ym, code, round(value, 6) AS value FROM ({union}) u"))
    s.append(("indicator_value", f"""
SELECT r.project_id, m.gc_id AS contractor_id, m.region_code, m.month, r.code, r.value,
       {_level_case(thresholds(as_of))} AS level
FROM iv_raw r JOIN pm m ON m.project_id = r.project_id AND m.ym = r.ym"""))
    return s
