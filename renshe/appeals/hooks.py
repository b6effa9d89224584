"""What each workflow step writes on a request or a disclosure application — the ``on_<action>``
hooks the kernel's ``services.apply`` calls before it sets the state and runs the clocks
(:mod:`renshe.platform.workflow.services`). The clocks themselves are the kernel's; the days
they end on are copied onto the record afterwards (:func:`renshe.appeals.steps.apply`), so the
KPI page counts in one query.
"""

from __future__ import annotations

import datetime as dt
from typing import Any

from renshe.platform.workflow import clocks
from renshe.platform.workflow.machine import WorkflowError

from .core import annual_report
from .core.workflow import EXTENSIONS


class _Extends:
    def _extend_running(self, facts: dict[str, Any], actor: Any) -> str:
        clock = self.clock
        if clock is None or not clock.is_open:
            raise WorkflowError.of("extend", "没有正在计算的期限可以延长", "no running clock to extend")
        if self.extended:
            raise WorkflowError.of("extend", "期限只能依法延长一次", "the period may be extended once only")
        self.clock = clocks.extend(clock, param=EXTENSIONS[clock.param], actor=actor,
                                   note=f"{facts['approved_by']}批准：{facts['reason']}")
        self.extended = True
        return f"{facts['approved_by']}批准延长：{facts['reason']}"


class AppealSteps(_Extends):
    """Hooks of :class:`renshe.appeals.models.Appeal`."""

    def on_accept(self, facts, actor, on: dt.date) -> str:
        self.accepted_on, self.closing_started, self.extended = on, on, False
        return ""

    def on_decline(self, facts, actor, on: dt.date) -> str:
        self.accepted_on, self.reply, self.replied_on = on, facts["reason"], on
        return f"书面告知不予受理：{facts['reason']}"

    def on_extend(self, facts, actor, on: dt.date) -> str:
        return self._extend_running(facts, actor)

    def on_reply(self, facts, actor, on: dt.date) -> str:
        self.reply, self.replied_on = facts["reply"], on
        return ""

    on_answer_review = on_reply
    on_answer_rereview = on_reply

    def on_rate_satisfied(self, facts, actor, on: dt.date) -> str:
        self.satisfaction, self.closed_on = facts.get("satisfaction") or "satisfied", on
        return f"诉求人评价：{self.get_satisfaction_display()}"

    def on_rate_dissatisfied(self, facts, actor, on: dt.date) -> str:
        self.satisfaction, self.replied_on, self.closed_on = "dissatisfied", None, None
        self.closing_started, self.extended = on, False
        return "诉求人评价不满意，重新办理"

    def on_close(self, facts, actor, on: dt.date) -> str:
        self.closed_on = on
        return "未评价，办结"

    def _to_upper(self, facts) -> str:
        upper = self.organisation.parent
        if upper is not None:
            self.supervisors.add(upper)
        return f"由上一级机关{upper.name if upper else ''}办理：{facts['reason']}"

    def on_request_review(self, facts, actor, on: dt.date) -> str:
        return "复查请求；" + self._to_upper(facts)

    def on_request_rereview(self, facts, actor, on: dt.date) -> str:
        return "复核请求；" + self._to_upper(facts)


class DisclosureSteps(_Extends):
    """Hooks of :class:`renshe.appeals.models.DisclosureRequest` (《政府信息公开条例》第三十条至第三十九条)."""

    def on_request_completion(self, facts, actor, on: dt.date) -> str:
        late = self.completion_due and on > self.completion_due
        self.completion_requested_on, self.completion_items = on, facts["reason"]
        return f"需补正：{facts['reason']}" + ("；已超过7个工作日的告知期限" if late else "")

    def on_complete(self, facts, actor, on: dt.date) -> str:
        self.completed_on, self.extended = on, False
        return "收到补正后的申请，答复期限自该日重新计算（第三十条）"

    def on_consult(self, facts, actor, on: dt.date) -> str:
        self.clock = clocks.pause(self.clock, reason=f"征求第三方意见：{facts['reason']}（第三十三条第三款）",
                                  from_date=on, actor=actor)
        return f"征求意见：{facts['reason']}；所需时间不计入答复期限"

    def on_consulted(self, facts, actor, on: dt.date) -> str:
        self.clock = clocks.resume(self.clock, on=on, actor=actor)
        return f"答复期限顺延至 {self.clock.due.isoformat()}"

    def on_extend(self, facts, actor, on: dt.date) -> str:
        return self._extend_running(facts, actor)

    def on_reply(self, facts, actor, on: dt.date) -> str:
        if facts["outcome"] not in annual_report.OUTCOMES:
            raise WorkflowError.of("outcome", "答复类型：请选择", "outcome: choose a reply type")
        self.outcome, self.reply, self.replied_on = facts["outcome"], facts["reply"], on
        return f"答复类型：{self.get_outcome_display()}"

    def on_abandon(self, facts, actor, on: dt.date) -> str:
        self.outcome, self.replied_on = "other_no_completion", on
        self.reply = "申请人无正当理由逾期不补正，视为放弃申请，本机关不再处理该政府信息公开申请。"
        return self.reply
