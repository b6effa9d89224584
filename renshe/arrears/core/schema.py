"""The analytical store's tables: columns, types, natural keys, checks and references.

One definition serves the demo generator (column order of the files it writes), the
loader (validation of every row, the natural key that makes re-loading idempotent) and the
indicators. Names follow the national 建筑工人管理服务信息平台 objects (ProjectMaster,
SubContractor, ProjectWorker, WorkerAttendance, PayRoll); the duties behind them are those of
《保障农民工工资支付条例》: real-name registration and contracts (第二十八条), the wage-specific
account (第二十六条), the owner's labour-cost allocation (第二十四条、第二十九条), pay on the
contractor's behalf (第三十一条), the guarantee deposit (第三十二条) and complaints (第十条).
"""

from __future__ import annotations

from dataclasses import dataclass, field

#: column kinds and their DuckDB types
SQL_TYPES = {
    "int": "BIGINT",
    "float": "DOUBLE",
    "str": "VARCHAR",
    "date": "DATE",
    "bool": "BOOLEAN",
    "month": "VARCHAR",
}


@dataclass(frozen=True)
class Column:
    """One column: ``kind`` is a key of :data:`SQL_TYPES`; ``check`` names an extra rule."""

    name: str
    kind: str
    required: bool = True
    title: str = ""
    choices: tuple[str, ...] = ()
    min: float | None = None
    check: str | None = None  # "id_number" | "credit_code" | "region"
    #: a monitored fact's date or month: not before the regulation applies (``arrears.data_dates``)
    fact: bool = False


@dataclass(frozen=True)
class Table:
    """A table of the store with its natural key and the tables its rows must refer to."""

    name: str
    title: str
    columns: tuple[Column, ...]
    key: tuple[str, ...]
    refs: tuple[tuple[tuple[str, ...], str], ...] = field(default=())

    def column(self, name: str) -> Column:
        return next(c for c in self.columns if c.name == name)

    def ddl(self) -> str:
        cols = ", ".join(f"{c.name} {SQL_TYPES[c.kind]}" for c in self.columns)
        return f"CREATE TABLE IF NOT EXISTS {self.name} ({cols})"


C = Column
TABLES: tuple[Table, ...] = (
    Table("region", "行政区划", (
        C("region_code", "str", title="区县代码", check="region"), C("city", "str", title="设区市"),
        C("county", "str", title="区县"),
    ), key=("region_code",)),
    Table("org", "单位（建设单位、施工总承包、分包）", (
        C("org_id", "int", title="单位编号", min=1), C("credit_code", "str", title="统一社会信用代码", check="credit_code"),
        C("name", "str", title="名称"), C("org_type", "str", title="类型", choices=("owner", "gc", "sub")),
        C("region_code", "str", title="注册地区县代码"),
    ), key=("org_id",), refs=((("region_code",), "region"),)),
    Table("project", "工程建设项目", (
        C("project_id", "int", title="项目编号", min=1), C("name", "str", title="项目名称"),
        C("region_code", "str", title="所在区县代码"), C("owner_id", "int", title="建设单位"),
        C("gc_id", "int", title="施工总承包单位"), C("industry", "str", title="行业", choices=("房建", "市政", "交通", "水利")),
        C("is_gov_invested", "bool", title="政府投资"), C("contract_amount", "float", title="合同金额（元）", min=0),
        C("labour_cost_ratio", "float", title="人工费用比例", min=0), C("contract_sign_date", "date", title="合同签订日"),
        C("start_date", "date", title="开工日"), C("planned_end", "date", title="计划竣工日"),
        C("pay_day", "int", title="约定工资支付日（次月几号）", min=1),
    ), key=("project_id",), refs=((("region_code",), "region"), (("owner_id",), "org"), (("gc_id",), "org"))),
    Table("project_org", "项目参建单位（分包链）", (
        C("project_id", "int"), C("org_id", "int"), C("role", "str", choices=("gc", "sub")),
        C("parent_org_id", "int", required=False, title="上一级承包单位"), C("depth", "int", min=0, title="分包层级"),
    ), key=("project_id", "org_id"), refs=((("project_id",), "project"), (("org_id",), "org"))),
    Table("worker", "农民工（实名制）", (
        C("worker_id", "int", min=1), C("id_number", "str", title="公民身份号码", check="id_number"),
        C("name", "str", title="姓名"), C("gender", "str", choices=("男", "女")), C("birth_date", "date"),
        C("native_region", "str", title="户籍地区县代码"),
    ), key=("worker_id",)),
    Table("project_worker", "项目用工（劳动合同、实名登记）", (
        C("project_id", "int"), C("worker_id", "int"), C("org_id", "int", title="用工单位"),
        C("work_type", "str", title="工种"), C("daily_wage", "float", min=0, title="约定日工资（元）"),
        C("entry_date", "date"), C("has_contract", "bool", title="已订立劳动合同并实名登记"),
    ), key=("project_id", "worker_id"),
        refs=((("project_id",), "project"), (("worker_id",), "worker"), (("project_id", "org_id"), "project_org"))),
    Table("attendance", "实名制考勤（日）", (
        C("project_id", "int"), C("worker_id", "int"), C("work_date", "date", fact=True), C("hours", "float", min=0),
    ), key=("project_id", "worker_id", "work_date"), refs=((("project_id", "worker_id"), "project_worker"),)),
    Table("payroll", "总包代发工资（银行代发明细）", (
        C("project_id", "int"), C("worker_id", "int"), C("month", "month", title="工资所属月份", fact=True),
        C("days", "float", min=0, title="计薪天数"), C("gross", "float", min=0, title="应发（元）"),
        C("net", "float", min=0, title="实发（元）"), C("paid_date", "date", title="代发日", fact=True),
    ), key=("project_id", "worker_id", "month"), refs=((("project_id", "worker_id"), "project_worker"),)),
    Table("wage_account", "农民工工资专用账户", (
        C("account_id", "int"), C("project_id", "int"), C("gc_id", "int"), C("bank", "str"),
        C("opened_date", "date"),
    ), key=("account_id",), refs=((("project_id",), "project"), (("gc_id",), "org"))),
    Table("account_txn", "专户流水", (
        C("txn_id", "int"), C("account_id", "int"), C("txn_date", "date", fact=True),
        C("direction", "str", choices=("in", "out")), C("amount", "float", min=0),
        C("counterparty", "str", choices=("owner", "worker", "gc", "other")),
        C("purpose", "str", choices=("人工费", "代发", "回补", "其他")),
    ), key=("txn_id",), refs=((("account_id",), "wage_account"),)),
    Table("labour_cost_due", "合同约定人工费用拨付计划", (
        C("project_id", "int"), C("month", "month", fact=True), C("due_amount", "float", min=0),
        C("due_date", "date", fact=True),
    ), key=("project_id", "month"), refs=((("project_id",), "project"),)),
    Table("wage_deposit", "工资保证金", (
        C("deposit_id", "int"), C("project_id", "int"), C("gc_id", "int"),
        C("form", "str", choices=("现金", "保函", "保证保险")), C("amount", "float", min=0),
        C("valid_from", "date"), C("valid_to", "date", required=False),
    ), key=("deposit_id",), refs=((("project_id",), "project"),)),
    Table("complaint", "欠薪投诉（12345、96333、闽治欠、信访）", (
        C("complaint_id", "int"), C("channel", "str", choices=("12345", "96333", "闽治欠", "信访")),
        C("received_date", "date", fact=True), C("project_id", "int"), C("org_id", "int", required=False),
        C("n_workers", "int", min=1), C("claimed_amount", "float", min=0), C("is_collective", "bool"),
        C("status", "str", choices=("受理", "办理中", "办结")),
    ), key=("complaint_id",), refs=((("project_id",), "project"),)),
    Table("meta", "数据批次信息", (C("key", "str"), C("value", "str")), key=("key",)),
)

BY_NAME: dict[str, Table] = {t.name: t for t in TABLES}
