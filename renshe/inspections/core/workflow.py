"""The inspection task's steps on the workflow kernel's machine (pure; imports no Django).

scheduled (已派发) → inspected (已检查: checklist and evidence recorded; the publication clock
``inspections.result_publication_working_days`` starts) → published (结果已公示,
《优化营商环境条例》第五十四条 “抽查事项及查处结果及时向社会公开”) → closed; where a problem was
found, published → rectifying (责令改正, 《劳动保障监察条例》第十八条第一款第二项) → closed after
the re-check (复查).
"""

from __future__ import annotations

from renshe.platform.workflow.machine import Machine, Transition, WorkflowError

STATES: dict[str, str] = {
    "scheduled": "已派发待检查",
    "inspected": "已检查待公示",
    "published": "结果已公示",
    "rectifying": "责令整改中",
    "closed": "已办结",
}
INSPECTORS = ("labour_inspector",)
OFFICE = ("labour_inspector", "division_staff", "leader")

MACHINE = Machine(
    name="inspections.task",
    states=STATES,
    initial="scheduled",
    final=("closed",),
    transitions=(
        Transition("record", "保存检查结果", ("scheduled",), "inspected", INSPECTORS,
                   "《劳动保障监察条例》第十五条、第十六条", ("on_team", "checklist_complete"),
                   clock="inspections.result_publication_working_days"),
        Transition("publish", "公示检查结果", ("inspected",), "published", OFFICE,
                   "《优化营商环境条例》第五十四条；《企业信息公示暂行条例》第七条"),
        Transition("order_rectification", "责令改正", ("published",), "rectifying", INSPECTORS,
                   "《劳动保障监察条例》第十八条第一款第二项", ("problems_found", "rectify_due")),
        Transition("recheck", "复查办结", ("rectifying",), "closed", INSPECTORS,
                   "《劳动保障监察条例》第十八条", ("recheck_recorded",)),
        Transition("close", "办结", ("published",), "closed", OFFICE,
                   "《劳动保障监察条例》第十八条", ("no_problems",)),
    ),
    facts={
        "checklist_complete": "每个检查事项都已填写检查结果",
        "on_team": "操作人是本次检查的执法人员之一",
        "problems_found": "检查发现问题",
        "no_problems": "检查未发现问题",
        "rectify_due": "整改期限须晚于今天",
        "recheck_recorded": "已填写复查情况",
    },
)

__all__ = ["MACHINE", "STATES", "WorkflowError"]
