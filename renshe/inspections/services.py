"""Every write of the 双随机 module: the draw, the inspection's steps, the catalogue imports.

Each function runs in one transaction, checks the actor's role and organisation, and
writes the audit record beside the change (so both commit or neither does).
"""

from __future__ import annotations

import datetime as dt
import secrets
from collections.abc import Iterable, Mapping
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import yaml
from django.core.exceptions import PermissionDenied
from django.db import transaction
from django.db.models import Count, Q

from renshe.inspections.core.draw_input import normalise, run
from renshe.inspections.models import (
    ChecklistResult,
    Enterprise,
    Evidence,
    InspectionItem,
    Inspector,
    Plan,
    Task,
)
from renshe.platform.accounts.access import has_role
from renshe.platform.accounts.models import Organisation
from renshe.platform.accounts.scoping import visible_organisations
from renshe.platform.audit.service import record, snapshot
from renshe.platform.workflow import clocks
from renshe.platform.workflow import services as kernel
from renshe.rules import parameters
from renshe.rules.errors import FieldProblem, RulesError

ITEMS_FILES = (Path(__file__).with_name("data") / "items.yaml",
               Path(__file__).with_name("data") / "agency_checklist.yaml")
PLANNERS = ("labour_inspector", "division_staff", "leader")


def _refuse(field: str, zh: str, en: str) -> RulesError:
    return RulesError([FieldProblem(field, zh, en)])


def load_items(actor: Any = None) -> int:
    """The 14 enterprise items (``data/items.yaml``) and the agencies' 20-item checklist
    (``data/agency_checklist.yaml``, safety items marked), caps ``inspections.yearly_cap``; added once."""
    cap = int(parameters.value("inspections.yearly_cap", dt.date.today()))
    added = 0
    with transaction.atomic():
        for path in ITEMS_FILES:
            added += _load_item_file(path, cap, actor)
    return added


def _load_item_file(path: Path, cap: int, actor: Any) -> int:
    data = yaml.safe_load(path.read_text(encoding="utf-8"))
    agency = path.stem == "agency_checklist"
    note = f"未与福建省公布的清单核对，见 renshe/inspections/data/{path.name} 开头的说明"
    added = 0
    for row in data["items"]:
        item, created = InspectionItem.objects.get_or_create(
            code=row["code"],
            defaults={"name": row["name"], "basis": row["basis"], "cap": cap, "note": note,
                      "subject": "agency" if agency else row.get("subject", "enterprise"),
                      "safety": row.get("safety", False), "verified": data["source_verified"]},
        )
        if created:
            added += 1
            record(actor, item, "inspections.item_added", after=snapshot(item))
    return added


def yearly_counts(year: int, enterprises: Iterable[int] | None = None) -> dict[tuple[int, int], int]:
    """{(enterprise id, item id): tasks of ``year`` that carry the item}, drawn ones included.

    A drawn task counts at once, so two plans in one year cannot together pass the cap.
    """
    qs = Task.objects.filter(plan__year=year)
    if enterprises is not None:
        qs = qs.filter(enterprise_id__in=list(enterprises))
    rows = qs.values("enterprise_id", "items__id").annotate(n=Count("id"))
    return {(r["enterprise_id"], r["items__id"]): r["n"] for r in rows if r["items__id"] is not None}


@dataclass(frozen=True)
class CapLine:
    item: InspectionItem
    count: int

    @property
    def remaining(self) -> int:
        return max(self.item.cap - self.count, 0)


def caps_for(enterprise: Enterprise, year: int) -> list[CapLine]:
    """An enterprise's count against each item's yearly cap (what it may see of itself)."""
    counts = yearly_counts(year, [enterprise.pk])
    subject = InspectionItem.Subject.AGENCY if enterprise.is_agency else InspectionItem.Subject.ENTERPRISE
    return [CapLine(item, counts.get((enterprise.pk, item.pk), 0))
            for item in InspectionItem.objects.filter(active=True, subject=subject)]


def build_input(year: int, items: list[InspectionItem], sample: Mapping[str, int], per_task: int, seed: int) -> dict:
    """The CONTRACTS.md draw input from the register: the cities asked for, this year's counts."""
    cities = list(sample)
    agencies = items[0].subject == InspectionItem.Subject.AGENCY
    ents = list(Enterprise.objects.filter(organisation__code__in=cities, is_agency=agencies)
                .values_list("id", "credit_code", "organisation__code", "excluded"))
    counts = yearly_counts(year, [e[0] for e in ents])
    codes = {it.pk: it.code for it in items}
    enterprises = [
        {"id": code, "city": city, "excluded": bool(excl),
         "inspected": {codes[i]: counts[(pk, i)] for i in codes if (pk, i) in counts}}
        for pk, code, city, excl in ents
    ]
    inspectors = [
        {"id": s.badge, "city": s.organisation.code,
         "conflicts": [e.credit_code for e in s.conflicts.all()]}
        for s in Inspector.objects.filter(organisation__code__in=cities, active=True, certified=True)
        .select_related("organisation").prefetch_related("conflicts")
    ]
    return {"seed": seed, "items": [{"code": it.code, "cap": it.cap} for it in items],
            "enterprises": enterprises, "inspectors": inspectors, "sample": dict(sample), "per_task": per_task}


def draw_plan(
    actor: Any, *, title: str, year: int, items: list[InspectionItem], sample: Mapping[str, int],
    per_task: int, seed: int | None = None, joint_departments: str = "",
) -> Plan:
    """Draw a plan and create its tasks (《优化营商环境条例》第五十四条), all or nothing."""
    if not has_role(actor, *PLANNERS):
        raise PermissionDenied("没有制定抽查计划的权限")
    if not title.strip():
        raise _refuse("title", "请填写计划名称", "the plan needs a title")
    if not items:
        raise _refuse("items", "请至少选择一个抽查事项", "choose at least one item")
    if len({it.subject for it in items}) > 1:
        raise _refuse("items", "用人单位检查事项和人力资源服务机构检查事项请分别制定计划（抽取对象不同）",
                      "enterprise items and agency items need separate plans")
    sample = {c: n for c, n in sample.items() if n}
    if not sample:
        raise _refuse("sample", "请至少为一个设区市填写抽取户数", "ask for at least one enterprise in some city")
    visible = set(visible_organisations(actor).values_list("code", flat=True))
    foreign = sorted(set(sample) - visible)
    if foreign and not actor.is_superuser:
        raise PermissionDenied(f"不能为本机关管辖范围以外的地区抽取：{'、'.join(foreign)}")
    seed = secrets.randbelow(2**63) if seed is None else seed
    with transaction.atomic():
        data = build_input(year, items, sample, per_task, seed)
        result = run(data)
        plan = Plan.objects.create(
            title=title.strip(), year=year, organisation=actor.organisation, seed=seed, per_task=per_task,
            sample=dict(sorted(sample.items())), draw_input=normalise(data), digest=result["digest"],
            drawn_by=actor, joint_departments=joint_departments.strip(),
        )
        plan.items.set(items)
        ents = Enterprise.objects.in_bulk([t["enterprise"] for t in result["tasks"]], field_name="credit_code")
        staff = Inspector.objects.in_bulk(
            {s for t in result["tasks"] for s in t["inspectors"]}, field_name="badge")
        by_code = {it.code: it for it in items}
        for t in result["tasks"]:
            ent = ents[t["enterprise"]]
            task = Task.objects.create(plan=plan, enterprise=ent, organisation=ent.organisation)
            task.inspectors.set([staff[s] for s in t["inspectors"]])
            task.items.set([by_code[c] for c in t["items"]])
        record(actor, plan, "inspections.drawn", after={"seed": seed, "digest": plan.digest,
                                                        "sample": plan.sample, "tasks": len(result["tasks"])},
               note="《优化营商环境条例》第五十四条")
    return plan


def record_inspection(task: Task, actor: Any, *, on: dt.date, results: Mapping[str, tuple[str, str]],
                      summary: str = "") -> Task:
    """Save the checklist (every item of the task) and move the task to 已检查 (kernel ``apply``).

    The publication clock starts here: ``inspections.result_publication_working_days``
    working days after the day the result was produced; its due date is kept on the task.
    """
    outcomes = set(ChecklistResult.Outcome.values)
    problems = [
        FieldProblem(f"outcome_{code}", f"请为检查事项 {code} 选择检查结果", f"choose an outcome for item {code}")
        for code in task.items.values_list("code", flat=True)
        if results.get(code, ("", ""))[0] not in outcomes
    ]
    if on > dt.date.today():
        problems.append(FieldProblem("inspected_on", "检查日期不能晚于今天", "the inspection date is in the future"))
    if problems:
        raise RulesError(problems)
    with transaction.atomic():
        task = kernel.apply(task, "record", actor, facts={"results": dict(results), "summary": summary}, on=on)
        clock = clocks.open_clocks(task).first()
        task.publish_due = clock.due if clock else None
        task.save(update_fields=["publish_due"])
    return task


def add_evidence(task: Task, actor: Any, *, upload, description: str) -> Evidence:
    if not description.strip():
        raise _refuse("description", "请填写证据说明", "describe the evidence")
    with transaction.atomic():
        if not kernel.may_act(actor, task):
            raise PermissionDenied("该任务不属于本机关管辖范围")
        ev = Evidence.objects.create(task=task, file=upload, description=description.strip(), uploaded_by=actor)
        record(actor, task, "inspections.evidence", after={"evidence": ev.file.name, "description": ev.description})
    return ev


def publish(task: Task, actor: Any, *, on: dt.date) -> Task:
    return kernel.apply(task, "publish", actor, on=on)


def order_rectification(task: Task, actor: Any, *, due: dt.date) -> Task:
    return kernel.apply(task, "order_rectification", actor, facts={"rectify_due": due})


def recheck(task: Task, actor: Any, *, note: str, on: dt.date) -> Task:
    return kernel.apply(task, "recheck", actor, facts={"note": note}, on=on)


def close(task: Task, actor: Any, *, on: dt.date) -> Task:
    return kernel.apply(task, "close", actor, on=on)


def published_tasks():
    """What the public page shows: results published, newest first (一公开)."""
    return (Task.objects.filter(published_on__isnull=False)
            .select_related("enterprise", "organisation", "plan").prefetch_related("items")
            .order_by("-published_on", "-id"))


def overdue_publication(user: Any, today: dt.date):
    """Inspected results whose publication deadline has passed (the staff page's warning)."""
    return (Task.objects.filter(state="inspected", publish_due__lt=today,
                                organisation__in=visible_organisations(user))
            .select_related("enterprise"))


def city_choices(user: Any) -> list[Organisation]:
    """The cities (and 平潭) a user may draw for."""
    return list(visible_organisations(user).filter(kind=Organisation.Kind.CITY).order_by("code"))


def search_enterprises(q: str):
    q = q.strip()
    if not q:
        return Enterprise.objects.none()
    return Enterprise.objects.filter(Q(credit_code=q.upper()) | Q(name__contains=q))[:20]
