"""A batch's life on the task queue, as a workflow-kernel machine (no Django).

Every step is the platform's own (the ``system`` role): the queue starts a batch, the
planner finishes or fails it, and a batch whose worker stopped (its heartbeat went quiet) is
interrupted. No law governs these steps; the basis each names is the rule that the upload,
personal data, is kept no longer than the planning needs (《个人信息保护法》第十九条).
"""

from __future__ import annotations

from renshe.platform.workflow.machine import SYSTEM, Machine, Transition

_PIPL_19 = "《个人信息保护法》第十九条（保存期限为实现处理目的所必要的最短时间）"

STATES: dict[str, str] = {"queued": "排队中", "running": "规划中", "done": "已完成", "failed": "未能完成"}

MACHINE = Machine(
    name="planner.batch",
    states=STATES,
    initial="queued",
    final=("done", "failed"),
    transitions=(
        Transition("start", "开始规划", ("queued",), "running", (SYSTEM,), "批量规划任务由后台队列执行（平台流程，非行政行为）"),
        Transition("planned", "规划完成", ("running",), "done", (SYSTEM,), _PIPL_19 + "：规划完即删除上传的文件"),
        Transition("failed", "未能完成", ("running",), "failed", (SYSTEM,), _PIPL_19 + "：未能规划的文件同样删除"),
        Transition("interrupted", "规划中断", ("running",), "failed", (SYSTEM,),
                   _PIPL_19 + "：后台任务意外停止的，立即删除上传的文件，请重新上传"),
    ),
)
