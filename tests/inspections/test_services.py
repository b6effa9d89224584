"""The draw on the register, the task's steps, scoping and the audit — on the real database."""

from __future__ import annotations

import datetime as dt

import pytest
from django.core.exceptions import PermissionDenied

from renshe.inspections import services
from renshe.inspections.core.draw_input import run
from renshe.inspections.models import ChecklistResult, Enterprise, InspectionItem, Inspector, Task
from renshe.platform.audit.service import history
from renshe.rules.errors import RulesError

pytestmark = pytest.mark.django_db


def _items(*codes):
    return list(InspectionItem.objects.filter(code__in=codes))


def _plan(user, sample, seed=42, year=2026, codes=("R06", "R02")):
    return services.draw_plan(user, title="工资支付和劳动合同专项抽查", year=year, items=_items(*codes),
                              sample=sample, per_task=2, seed=seed)


def test_a_plan_is_drawn_lawfully_and_anyone_can_redo_it(catalogue):
    staff = catalogue["staff"]  # the department: may draw for every city
    plan = _plan(staff, {"350200": 5, "350100": 6})
    tasks = list(plan.tasks.prefetch_related("inspectors", "items").select_related("enterprise"))
    assert len(tasks) == 11
    assert sum(t.organisation.code == "350200" for t in tasks) == 5
    for t in tasks:
        assert not t.enterprise.excluded and not t.enterprise.is_agency
        inspectors = list(t.inspectors.all())
        assert len(inspectors) == 2
        assert all(s.certified and s.organisation_id == t.enterprise.organisation_id for s in inspectors)
        assert {i.code for i in t.items.all()} == {"R06", "R02"}
    # the stored input with its seed gives the same draw and digest
    again = run(plan.draw_input)
    assert again["digest"] == plan.digest
    assert [x["enterprise"] for x in again["tasks"]] == [t.enterprise.credit_code for t in tasks]
    assert history(plan).filter(action="inspections.drawn").exists()


def test_the_yearly_cap_keeps_a_drawn_enterprise_out_of_the_next_plan(catalogue):
    staff = catalogue["staff"]
    xm = Enterprise.objects.filter(organisation__code="350200", excluded="", is_agency=False).count()
    first = _plan(staff, {"350200": xm - 3}, seed=1, codes=("R06",))
    second = _plan(staff, {"350200": 3}, seed=2, codes=("R06",))
    drawn_first = set(first.tasks.values_list("enterprise_id", flat=True))
    drawn_second = set(second.tasks.values_list("enterprise_id", flat=True))
    assert not drawn_first & drawn_second  # cap 1 a year: nobody twice for R06
    with pytest.raises(RulesError) as exc:
        _plan(staff, {"350200": 1}, seed=3, codes=("R06",))
    assert "符合条件" in exc.value.problems[0].zh
    # next year the counts start again
    assert _plan(staff, {"350200": 1}, seed=3, year=2027, codes=("R06",)).tasks.count() == 1




def test_a_city_cannot_draw_for_another(catalogue):
    with pytest.raises(PermissionDenied):
        _plan(catalogue["inspector.fz"], {"350200": 1})


def test_record_publish_rectify_recheck_with_deadlines_and_audit(catalogue):
    inspector = catalogue["inspector.xm"]
    plan = _plan(catalogue["staff"], {"350200": 10})
    task = Task.objects.filter(plan=plan, inspectors__user=inspector).first()
    assert task is not None  # 厦门's three certified inspectors cover ten tasks in turn
    on = dt.date(2026, 9, 30)  # a Wednesday
    results = {"R06": ("problem", "拖欠三名员工9月工资"), "R02": ("compliant", "")}
    task = services.record_inspection(task, inspector, on=on, results=results, summary="现场检查")
    assert task.state == "inspected" and task.problems_found
    # 20 working days from the day after (国办发明电〔2025〕7号: 国庆10月1日至7日放假，10月10日周六上班):
    # 10月8日、9日、10日 (1–3)，12–16日 (4–8)，19–23日 (9–13)，26–30日 (14–18)，11月2日 (19)，11月3日 (20).
    assert task.publish_due == dt.date(2026, 11, 3)
    task = services.publish(task, inspector, on=dt.date(2026, 10, 9))
    task = services.order_rectification(task, inspector, due=dt.date.today() + dt.timedelta(days=15))
    with pytest.raises(RulesError):
        services.recheck(task, inspector, note="  ", on=dt.date.today())
    task = services.recheck(task, inspector, note="已补发工资，复查合格", on=dt.date.today())
    assert task.state == "closed"
    actions = list(history(task).values_list("action", flat=True))
    assert actions[:4] == ["recheck", "order_rectification", "publish", "record"]
    # the publication clock ran from the inspection to the publication, on the kernel's clocks
    from renshe.platform.lawcalendar.models import TrackedDeadline

    clock = TrackedDeadline.objects.get(object_id=str(task.pk), param="inspections.result_publication_working_days")
    assert clock.due == dt.date(2026, 11, 3) and clock.on_time and not clock.is_open


def test_an_incomplete_checklist_saves_nothing(catalogue):
    inspector = catalogue["inspector.xm"]
    plan = _plan(catalogue["staff"], {"350200": 10})
    task = Task.objects.filter(plan=plan, inspectors__user=inspector).first()
    with pytest.raises(RulesError) as exc:
        services.record_inspection(task, inspector, on=dt.date(2026, 9, 1),
                                   results={"R06": ("compliant", "")}, summary="")
    assert exc.value.problems[0].field == "outcome_R02" and "请为检查事项 R02 选择检查结果" in exc.value.problems[0].zh
    task.refresh_from_db()
    assert task.state == "scheduled" and not ChecklistResult.objects.filter(task=task).exists()


def test_only_the_drawn_inspectors_record_the_result(catalogue):
    plan = _plan(catalogue["staff"], {"350200": 10})
    inspector = catalogue["inspector.xm"]
    task = Task.objects.filter(plan=plan).exclude(inspectors__user=inspector).first()
    with pytest.raises(RulesError) as exc:
        services.record_inspection(task, inspector, on=dt.date(2026, 9, 1),
                                   results={"R06": ("compliant", ""), "R02": ("compliant", "")})
    assert "执法人员之一" in exc.value.problems[0].zh
    assert not ChecklistResult.objects.filter(task=task).exists()


def test_the_enterprise_sees_its_count_against_each_cap(catalogue):
    plan = _plan(catalogue["staff"], {"350200": 2})
    ent = plan.tasks.first().enterprise
    caps = {line.item.code: (line.count, line.item.cap) for line in services.caps_for(ent, 2026)}
    assert caps["R06"] == (1, 1) and caps["R02"] == (1, 1) and caps["R03"] == (0, 1)


def test_a_conflicted_or_uncertified_inspector_is_never_drawn(catalogue):
    staff = catalogue["staff"]
    ents = Enterprise.objects.filter(organisation__code="350200", excluded="", is_agency=False)
    conflicted = Inspector.objects.get(badge="350200-002")
    conflicted.conflicts.add(*ents[:10])
    plan = _plan(staff, {"350200": ents.count()}, seed=5)
    uncertified = Inspector.objects.get(badge="350200-004")
    assert not uncertified.certified and not uncertified.tasks.exists()
    assert not conflicted.tasks.filter(enterprise__in=ents[:10]).exists()
    assert plan.tasks.count() == ents.count()
