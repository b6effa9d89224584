"""A platform worker's occupational-injury protection beside pension insurance (pure, no Django).

Since 2025-07-01 Fujian runs the 新就业形态人员职业伤害保障 pilot (人社部发〔2025〕24号; 福建省人社厅等
十一部门实施方案): pilot platforms pay per order for everyone taking their orders, the worker pays
nothing, and accidents while carrying out an order are covered. It is a work-injury protection paid
from the 工伤保险基金, not pension insurance, so a platform worker still plans pension contributions
(as a flexible worker) and carries both. The planner says so in its reasons.
"""

from __future__ import annotations

import datetime as dt

from renshe.rules import parameters
from renshe.rules.errors import ParameterNotFound

P_PILOT = "platform_injury.pilot"


def platform_worker_note(on: dt.date, region: str) -> str | None:
    """The sentence for the plan's reasons, or None where no pilot is in force on ``on``."""
    try:
        pilot = parameters.value_at(P_PILOT, on, region)
    except ParameterNotFound:
        return None
    start = pilot.effective_from
    return (
        f"您在平台接单：自{start.year}年{start.month}月{start.day}日起本省开展新就业形态人员职业伤害保障试点（人社部发〔2025〕24号），"
        "出行、即时配送、同城货运的试点平台按单为接单人员缴费，个人不缴费，保障接单期间受到的事故伤害。"
        "它属于工伤保障，不是养老保险，不产生养老保险缴费年限；上面的养老保险方案仍需自己缴纳，两者可以同时享有。"
        "职业伤害待遇可用“新就业形态人员职业伤害保障”计算器估算（/calc/platform-injury/）。"
    )
