"""Registration, routing, first-contact responsibility, workflow steps, escalation, the arrears link."""

import datetime as dt

import pytest
from django.core.exceptions import PermissionDenied
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from renshe.appeals import links, services, steps
from renshe.appeals.core.intake import validate
from renshe.appeals.models import Appeal, Handover
from renshe.platform.accounts.models import Organisation
from renshe.platform.audit.service import history
from renshe.rules.errors import RulesError

D = dt.date


MAR3 = D(2025, 3, 3)


def _register(data, channel="mzq", on=MAR3, actor=None):
    return services.register(validate(data).model_dump(), channel=channel, on=on, actor=actor)


@pytest.mark.django_db
def test_public_wage_complaint_is_received_by_the_city_desk_until_the_county_signs(setup, wage):
    a = _register(wage)
    # rule "wage_arrears anywhere → @county": 湖里区 (350206) has no desk, Xiamen's (inspector.xm) receives it
    assert a.organisation.code == "350200" and a.owner.username == "inspector.xm"
    assert a.pending_org.code == "350206"
    # acceptance clock: 12345-type 1 working day (unverified local parameter) from Mon 3/3 → Tue 3/4
    assert a.acceptance_due == D(2025, 3, 4)
    assert a.number == f"SQ2025{a.pk:07d}"
    assert [h.kind for h in a.handovers.all()] == ["receive"]
    assert history(a).filter(action="register").exists()


@pytest.mark.django_db
def test_letter_goes_to_the_division_and_gets_the_petition_clock(setup):
    a = _register({"name": "陈明", "phone": "13905001234", "category": "social_insurance", "place": "350102",
                   "content": "咨询灵活就业人员养老保险缴费档次。"}, channel="letter", on=D(2025, 9, 26))
    assert a.pending_org.code == "350000-ylbxc" and a.organisation.code == "350000"
    # 信访工作条例第二十三条第二款: 15 days from 9/26 → 10/11, a make-up Saturday (a working day) → 10/11
    assert a.acceptance_due == D(2025, 10, 11)


@pytest.mark.django_db
def test_repeat_is_linked_to_the_first(setup, wage):
    first = _register(wage, on=D(2025, 3, 3))
    again = _register(wage, on=D(2025, 3, 20))
    later = _register(wage, on=D(2025, 5, 20))  # outside the 30-day window: a new matter
    assert again.repeat_of == first and later.repeat_of is None


@pytest.mark.django_db
def test_steps_accept_extend_reply_rate_and_reopen(setup, wage):
    a = _register(wage, on=D(2025, 3, 3))
    xm = setup["inspector.xm"]
    a = steps.apply(a, "accept", xm, on=D(2025, 3, 4))
    # hotline closing: 5 working days from 3/4 → 3/11 (unverified local parameter)
    assert a.state == "accepted" and a.closing_due == D(2025, 3, 11)
    with pytest.raises(PermissionDenied):  # staff may not extend: the head approves (role leader)
        steps.apply(a, "extend", xm, facts={"reason": "需现场核查", "approved_by": "张局长"})
    a = steps.apply(a, "reply", xm, facts={"reply": "已责令支付"}, on=D(2025, 3, 10))
    token = steps.rating_token(a)
    assert a.number in steps.sms_text(a, "https://x")
    a = steps.rate(token, "dissatisfied", on=D(2025, 3, 12))
    assert a.state == "accepted" and a.satisfaction == "dissatisfied" and a.replied_on is None
    assert a.closing_due == D(2025, 3, 19)  # reopened: a fresh 5 working days from 3/12
    a = steps.apply(a, "reply", xm, facts={"reply": "工资已全部结清"}, on=D(2025, 3, 14))
    a = steps.rate(token, "satisfied", on=D(2025, 3, 15))
    assert a.state == "closed" and a.closed_on == D(2025, 3, 15)
    actions = list(history(a).values_list("action", flat=True))
    assert {"accept", "reply", "rate_dissatisfied", "rate_satisfied"} <= set(actions)


@pytest.mark.django_db
def test_leader_extends_once_from_the_original_due_date(setup):
    leader = setup["leader"]
    a = _register({"name": "黄秀英", "phone": "13600000002", "category": "labour_contract", "place": "350102",
                   "content": "公司不签劳动合同，请求处理。"}, channel="letter", on=D(2025, 12, 10))
    a = steps.apply(a, "accept", leader, on=D(2025, 12, 20))
    assert a.closing_due == D(2026, 2, 24)  # 60 days → 2/18 in the Spring Festival holiday → 2/24
    a = steps.apply(a, "extend", leader, facts={"reason": "情况复杂", "approved_by": "林厅长"})
    assert a.closing_due == D(2026, 3, 26) and a.extended
    with pytest.raises(RulesError):
        steps.apply(a, "extend", leader, facts={"reason": "再延", "approved_by": "林厅长"})


@pytest.mark.django_db
def test_other_city_cannot_act_and_escalation_adds_supervisors(setup, wage):
    a = _register(wage, on=D(2025, 3, 3))
    with pytest.raises(PermissionDenied):
        steps.apply(a, "accept", setup["inspector.fz"], on=D(2025, 3, 4))
    assert Appeal.objects.get(pk=a.pk).state == "registered"  # nothing changed
    moved = steps.escalate_overdue(D(2025, 3, 5))  # acceptance due 3/4, not accepted
    assert [m.pk for m in moved] == [a.pk]
    assert list(a.supervisors.values_list("code", flat=True)) == ["350000"]
    assert steps.escalate_overdue(D(2025, 3, 6)) == []  # already at the top
    # the department's staff may now act on it as supervisor
    steps.apply(a, "accept", setup["leader"], on=D(2025, 3, 6))


@pytest.mark.django_db
def test_transfer_sign_send_back_and_reassign(setup, wage):
    a = _register(wage, on=D(2025, 3, 3))
    xm, fz = setup["inspector.xm"], setup["inspector.fz"]
    fuzhou = Organisation.objects.get(code="350100")
    with pytest.raises(PermissionDenied):
        services.sign_for(a, fz)  # not passed to Fuzhou
    a = services.transfer(services.send_back(_pending_to(a, fuzhou, xm), fz, "发生地在厦门"), fuzhou, xm)
    assert a.owner == xm  # still responsible until Fuzhou signs
    a = services.sign_for(a, fz)
    assert a.owner == fz and a.organisation == fuzhou and a.pending_org is None
    kinds = list(a.handovers.values_list("kind", flat=True))
    assert kinds == ["receive", "transfer", "return", "transfer", "sign"]
    with pytest.raises(RulesError):
        services.reassign(a, xm, fz)  # not a colleague in Fuzhou


def _pending_to(a, org, actor):
    a = Appeal.objects.get(pk=a.pk)
    a.pending_org = None
    a.save()
    return services.transfer(a, org, actor)


OPS = st.lists(st.tuples(st.sampled_from(["transfer", "sign", "send_back", "reassign"]),
                         st.sampled_from(["350200", "350100", "350000"])), max_size=12)


@pytest.mark.django_db
@settings(max_examples=25, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(ops=OPS)
def test_exactly_one_responsible_person_at_every_moment(setup, wage, ops):
    """Random hand-overs: the owner is never empty, always the last hand-over's person, and the
    office only changes when someone there signs for it."""
    a = _register(wage, on=D(2025, 3, 3))
    people = {"350200": setup["inspector.xm"], "350100": setup["inspector.fz"], "350000": setup["leader"]}
    for op, code in ops:
        a = Appeal.objects.get(pk=a.pk)
        actor = people[code]
        org = Organisation.objects.get(code=code)
        try:
            if op == "transfer":
                services.transfer(a, org, people.get(a.organisation.code, actor))
            elif op == "sign":
                services.sign_for(a, actor)
            elif op == "send_back":
                services.send_back(a, actor, "不属本单位")
            else:
                services.reassign(a, actor, actor)
        except (RulesError, PermissionDenied):
            pass
        a = Appeal.objects.get(pk=a.pk)
        last = a.handovers.order_by("-id").first()
        assert a.owner_id is not None and a.owner_id == last.to_user_id
        assert a.organisation_id == last.to_org_id
        signs = [h for h in a.handovers.all() if h.kind == Handover.Kind.SIGN]
        if signs:
            assert a.owner_id == signs[-1].to_user_id or a.handovers.filter(kind="reassign").exists()
    Appeal.objects.filter(pk=a.pk).delete()


@pytest.mark.django_db
def test_wage_complaint_becomes_an_arrears_alert_linked_both_ways(setup, wage):
    a = _register(wage, on=D(2025, 3, 3))
    alert = links.to_arrears_alert(a, setup["inspector.xm"], on=D(2025, 3, 4))
    a.refresh_from_db()
    assert a.arrears_alert == alert and list(alert.appeals.all()) == [a]
    assert alert.county.code == "350206" and alert.amount_owed == a.amount and alert.deadline is not None
    with pytest.raises(RulesError):
        links.to_arrears_alert(a, setup["inspector.xm"])  # once only
    from django.test import Client

    c = Client()
    c.force_login(setup["inspector.xm"])
    html = c.get(f"/arrears/alerts/{alert.pk}/").content.decode()
    assert a.number in html and "投诉转办" in html
    assert f"/arrears/alerts/{alert.pk}/" in c.get(f"/appeals/{a.pk}/").content.decode()


@pytest.mark.django_db
def test_a_recomputed_clock_moves_the_days_the_kpis_read(setup, wage):
    """A later holiday notice recomputes the kernel's clock; the request's copy follows it."""
    from renshe.platform.lawcalendar import service as lawcal

    a = _register(wage, on=D(2025, 3, 3))
    a = steps.apply(a, "accept", setup["inspector.xm"], on=D(2025, 3, 4))
    clock = a.clock
    clock.due = D(2025, 3, 12)  # as recompute_year would after a notice moving a working day
    clock.save()
    assert Appeal.objects.get(pk=a.pk).closing_due == D(2025, 3, 12)
    assert lawcal.recompute_year(2025)  # back to the calendar's count
    assert Appeal.objects.get(pk=a.pk).closing_due == D(2025, 3, 11)


@pytest.mark.django_db
def test_wage_complaint_becomes_an_inspection_case_linked_both_ways(setup, wage):
    """诉求 → 劳动保障监察案件: registered by inspections' own service (its roles, numbering and
    clocks), once; the role and the organisation are checked; audited on the complaint."""
    from renshe.inspections import case_services
    from renshe.inspections.models.cases import INVESTIGATION
    from renshe.platform.workflow.clocks import open_clocks

    a = _register(wage, on=D(2025, 3, 3))
    with pytest.raises(PermissionDenied):  # another city's inspector does not handle the complaint
        links.to_inspection_case(a, setup["inspector.fz"])
    with pytest.raises(PermissionDenied):  # an arbitrator of the same city may not register inspection cases
        links.to_inspection_case(a, setup["arbitrator.xm"])
    a.refresh_from_db()
    assert a.inspection_case is None
    case = links.to_inspection_case(a, setup["inspector.xm"])
    a.refresh_from_db()
    assert a.inspection_case == case and list(case.appeals.all()) == [a]
    assert (case.organisation.code, case.source, case.state, case.employer, case.received_on, case.source_ref) == (
        "350200", "complaint", "received", "某建筑劳务有限公司", D(2025, 3, 3), a.number)
    assert a.number in case.allegation and "36800.00元" in case.allegation
    assert history(a).filter(action="to_inspection_case").get().note.startswith(f"转为劳动保障监察案件 {case.number}")
    assert history(case).filter(action="register").exists()
    with pytest.raises(RulesError):
        links.to_inspection_case(a, setup["inspector.xm"])  # once only
    # the case runs on its own clocks: filed on 3-05, the investigation's 60 working days from 3-06
    # (2025: 清明 4-4…4-6; 劳动节 5-1…5-5, Sunday 4-27 worked; 端午 5-31…6-2): 3-06…07 (1–2),
    # 3-10…4-03 four weeks less 4-04 (3–21), 4-07…25 (22–36), 4-27 (37), 4-28…30 (38–40),
    # 5-06…09 (41–44), 5-12…30 (45–59), 6-03 (60)
    case = case_services.step(case, "accept", setup["inspector.xm"], on=D(2025, 3, 4))
    case = case_services.step(case, "file", setup["inspector.xm"], on=D(2025, 3, 5))
    clock = open_clocks(case).get()
    assert case.investigation_due == clock.due == D(2025, 6, 3) and clock.param == INVESTIGATION
    from django.test import Client

    c = Client()
    c.force_login(setup["inspector.xm"])
    assert case.get_absolute_url() in c.get(f"/appeals/{a.pk}/").content.decode()


@pytest.mark.django_db
def test_the_staff_page_button_turns_a_complaint_into_a_case(setup, wage):
    from django.test import Client

    a = _register(wage, on=D(2025, 3, 3))
    c = Client()
    c.force_login(setup["inspector.xm"])
    assert "转为劳动保障监察案件" in c.get(f"/appeals/{a.pk}/").content.decode()
    r = c.post(f"/appeals/{a.pk}/handover/", {"op": "case"}, follow=True)
    a.refresh_from_db()
    assert a.inspection_case is not None and f"已转为劳动保障监察案件 {a.inspection_case.number}" in r.content.decode()
    c.force_login(setup["inspector.fz"])
    assert c.post(f"/appeals/{a.pk}/handover/", {"op": "case"}).status_code in (302, 403, 404)
