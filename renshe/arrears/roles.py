"""Permissions of the arrears app, by role (granted by renshe.platform.accounts.roles.sync_roles).

Alerts: who may take which step of the workflow is the table in :mod:`renshe.arrears.core.alerts`;
these model permissions only decide who may open the pages.

Pushed data (``POST /api/v1/arrears/push/{table}``, :data:`PUSH_TABLES`): the monitoring
platform shares the housing department's project and labour records and the payment
records (《保障农民工工资支付条例》第三十八条); each table needs the permission of the
party that holds the record:

- ``arrears.push_bank_data`` — the bank: the wage-specific account it opens (第二十六条),
  its transactions, and the payroll it pays on the contractor's behalf (第三十一条);
- ``arrears.push_housing_data`` — the housing and construction department: projects and
  the units on them, the owner's labour-cost allocation schedule (第二十四条、第二十九条)
  and the real-name registration and attendance it supervises (第二十八条、第三十九条).

They go to the machine roles ``bank_feed`` and ``housing_feed`` only, whose accounts hold
nothing else: an administrator issues such an account an API token (admin → 接口令牌) and
the bank's or department's system sends ``Authorization: Bearer <token>``. Staff roles do
not push; the region, deposit and complaint tables come in as files (``renshe arrears ingest``).
"""

BANK = "arrears.push_bank_data"
HOUSING = "arrears.push_housing_data"

#: table → the permission a push into it needs
PUSH_TABLES: dict[str, str] = {
    "wage_account": BANK,
    "account_txn": BANK,
    "payroll": BANK,
    "org": HOUSING,
    "project": HOUSING,
    "project_org": HOUSING,
    "worker": HOUSING,
    "project_worker": HOUSING,
    "attendance": HOUSING,
    "labour_cost_due": HOUSING,
}

PERMISSIONS = {
    "labour_inspector": ["arrears.view_alert", "arrears.change_alert", "arrears.view_evidence", "arrears.add_evidence"],
    "leader": ["arrears.view_alert", "arrears.change_alert", "arrears.view_evidence", "arrears.add_evidence",
               "arrears.view_pushrecord"],
    "administrator": ["arrears.view_alert", "arrears.view_evidence", "arrears.view_pushrecord"],
    "industry_department": ["arrears.view_alert", "arrears.view_evidence", "arrears.add_industry_feedback"],
    "bank_feed": [BANK],
    "housing_feed": [HOUSING],
}
