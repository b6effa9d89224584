"""The mediation network on the kernel: a case received from a mediation organisation or entrusted
by a court (诉调对接, 特邀调解规定), its result returned, and an organisation's agreement sent to
review (仲裁审查确认, or 司法确认 within thirty days, 人民调解法第三十三条) — each step allowed and
forbidden, with its role, city, facts, clock and record; the pages offer them and the party sees the
result."""

from __future__ import annotations

import datetime as dt

import pytest
from django.core.exceptions import PermissionDenied
from django.test import Client

from renshe.disputes import services
from renshe.disputes.core.machine import CASE_MACHINE
from renshe.disputes.models import Case, MediationOrganisation
from renshe.platform.audit.models import AuditRecord
from renshe.platform.workflow.clocks import open_clocks
from renshe.platform.workflow.machine import WorkflowError
from tests.disputes.conftest import application

D = dt.date


@pytest.fixture
def bodies(orgs):
    mk = MediationOrganisation.objects.create
    return {
        "court": mk(name="厦门市思明区人民法院", kind="court", organisation=orgs["xm"], area="思明区"),
        "township": mk(name="湖里区殿前街道劳动争议调解委员会", kind="township", organisation=orgs["xm"], area="湖里区"),
        "fz_court": mk(name="福州市鼓楼区人民法院", kind="court", organisation=orgs["fz"]),
    }


@pytest.fixture
def draft(orgs, settings, tmp_path):
    settings.MEDIA_ROOT = tmp_path
    return services.save_application(application(orgs), [], submit=False)


def test_roles_and_facts_of_the_network_steps():
    every = set(CASE_MACHINE.facts)
    for action, state in (("court_entrust", "draft"), ("court_return", "entrusted"), ("receive_referral", "draft"),
                          ("confirmation_result", "confirming")):
        with pytest.raises(WorkflowError) as err:
            CASE_MACHINE.check(state, action, {"mediator"}, every)
        assert err.value.problems[0].field == "role"
        with pytest.raises(WorkflowError) as err:  # the public never takes them
            CASE_MACHINE.check(state, action, {"system"}, every)
        assert err.value.problems[0].field == "role"
    assert CASE_MACHINE.check("mediated", "seek_confirmation", {"mediator"}, every).target == "confirming"
    for action, state, fact in (("court_entrust", "draft", "court"), ("court_entrust", "draft", "procedure"),
                                ("court_return", "entrusted", "outcome"), ("court_return", "entrusted", "result"),
                                ("seek_confirmation", "mediated", "confirm_by"),
                                ("confirmation_result", "confirming", "result"), ("receive_referral", "draft", "sender")):
        with pytest.raises(WorkflowError) as err:
            CASE_MACHINE.check(state, action, {"arbitrator"}, every - {fact})
        assert err.value.problems[0].field == fact and err.value.problems[0].zh
    for t in CASE_MACHINE.transitions:
        if t.action in {"court_entrust", "court_return"}:
            assert "特邀调解的规定" in t.basis
        if t.action in {"seek_confirmation", "confirmation_result"}:
            assert "人民调解法》第三十三条" in t.basis


def test_court_entrusts_and_gets_the_agreement_back(draft, users, bodies):
    arb = users["arbitrator"]
    with pytest.raises(WorkflowError) as err:  # a court of another city is not this committee's partner
        services.step(arb, draft, "court_entrust", facts={"court": bodies["fz_court"], "procedure": "ordinary"})
    assert err.value.problems[0].field == "court"
    with pytest.raises(WorkflowError) as err:  # a township committee is no court
        services.step(arb, draft, "court_entrust", facts={"court": bodies["township"], "procedure": "ordinary"})
    assert err.value.problems[0].field == "court"
    with pytest.raises(WorkflowError) as err:
        services.step(arb, draft, "court_entrust", facts={"court": bodies["court"], "procedure": "fast"})
    assert err.value.problems[0].field == "procedure"
    with pytest.raises(PermissionDenied):
        services.step(users["arbitrator_fz"], draft, "court_entrust", facts={"court": bodies["court"], "procedure": "summary"})
    draft.refresh_from_db()
    assert draft.state == "draft" and draft.number == "" and not open_clocks(draft).exists()  # nothing half-saved
    # 特邀调解规定第二十七条第二款: 简易程序 7 days; handed over Monday 2 Feb 2026 → 9 Feb (a Monday)
    case = services.step(arb, draft, "court_entrust", facts={"court": bodies["court"], "procedure": "summary"},
                         on=D(2026, 2, 2))
    assert case.state == "entrusted" and case.source == "court" and case.received_from == bodies["court"]
    assert case.number == "（2026）350200劳人仲委调字第000001号"
    c = open_clocks(case).get()
    assert c.param == "deadlines.court_entrusted_mediation_summary" and c.due == D(2026, 2, 9)
    with pytest.raises(WorkflowError) as err:
        services.step(arb, case, "court_return", facts={"outcome": "maybe", "result": "x"})
    assert err.value.problems[0].field == "outcome"
    with pytest.raises(WorkflowError) as err:  # no agreeing, accepting or withdrawing an entrusted case here
        services.step(arb, case, "accept")
    assert err.value.problems[0].field == "state"
    case = services.step(arb, case, "court_return", facts={"outcome": "agreed", "result": "被申请人支付20000元"},
                         on=D(2026, 2, 6))
    assert case.state == "closed" and case.court_outcome == "agreed" and case.agreement_terms == "被申请人支付20000元"
    assert case.mediated_on == D(2026, 2, 6) and not open_clocks(case).exists()
    rec = AuditRecord.objects.filter(action="court_return").latest("id")
    assert "特邀调解的规定" in rec.note and "退回厦门市思明区人民法院" in rec.note


def test_an_ordinary_procedure_runs_fifteen_days_across_spring_festival(draft, users, bodies):
    # 6 Feb 2026 + 15 = 21 Feb, inside the festival (15–23 Feb) → 24 Feb
    case = services.step(users["arbitrator"], draft, "court_entrust",
                         facts={"court": bodies["court"], "procedure": "ordinary"}, on=D(2026, 2, 6))
    assert open_clocks(case).get().due == D(2026, 2, 24)


def test_referral_received_from_a_mediation_organisation(draft, users, bodies):
    arb = users["arbitrator"]
    with pytest.raises(WorkflowError) as err:  # a court does not pass on arbitration applications
        services.step(arb, draft, "receive_referral", facts={"sender": bodies["court"]})
    assert err.value.problems[0].field == "sender"
    case = services.step(arb, draft, "receive_referral", facts={"sender": bodies["township"]}, on=D(2025, 12, 30))
    assert case.state == "applied" and case.source == "referral" and case.received_from == bodies["township"]
    assert case.number.startswith("（2025）350200劳人仲申字第")
    # the five-day acceptance clock as for any application (第二十九条): 30 Dec + 5 = 4 Jan, a working Sunday
    assert open_clocks(case).get().due == D(2026, 1, 4)


def _organisation_agreement(draft, users, bodies, on):
    arb = users["arbitrator"]
    case = services.step(None, draft, "submit", on=on)
    case = services.step(arb, case, "refer", facts={"organisation": bodies["township"]}, on=on)
    return services.step(users["mediator"], case, "agree", facts={"terms": "被申请人支付10000元"}, on=on)


def test_judicial_confirmation_within_thirty_days(draft, users, bodies):
    # agreement 2 Sep 2025: 30 days → 2 Oct, inside National Day (1–8 Oct) → the last day is 9 Oct
    case = _organisation_agreement(draft, users, bodies, D(2025, 9, 2))
    with pytest.raises(WorkflowError) as err:
        services.step(users["mediator"], case, "seek_confirmation", facts={"confirm_by": "court"}, on=D(2025, 10, 10))
    assert err.value.problems[0].field == "confirm_by" and "2025年10月9日" in err.value.problems[0].zh
    case.refresh_from_db()
    assert case.state == "mediated" and case.confirmation_by == ""
    case = services.step(users["mediator"], case, "seek_confirmation", facts={"confirm_by": "court"}, on=D(2025, 10, 9))
    assert case.state == "confirming" and case.confirmation_sought_on == D(2025, 10, 9)
    with pytest.raises(PermissionDenied):
        services.step(users["arbitrator_fz"], case, "confirmation_result", facts={"outcome": "confirmed", "result": "x"})
    case = services.step(users["arbitrator"], case, "confirmation_result",
                         facts={"outcome": "confirmed", "result": "思明区人民法院裁定确认调解协议有效"}, on=D(2025, 10, 20))
    assert case.state == "closed" and case.confirmation_outcome == "confirmed" and case.closed_on == D(2025, 10, 20)


def test_arbitration_review_has_no_thirty_days_but_a_tribunal_statement_needs_none(orgs, draft, users, bodies):
    case = _organisation_agreement(draft, users, bodies, D(2025, 9, 2))
    case = services.step(users["mediator"], case, "seek_confirmation", facts={"confirm_by": "arbitration"},
                         on=D(2025, 12, 1))
    assert case.state == "confirming" and case.confirmation_by == "arbitration"
    tribunal = services.save_application(application(orgs), [], submit=True)
    tribunal = services.step(users["arbitrator"], tribunal, "accept")
    tribunal = services.record_agreement(users["mediator"], tribunal, "被申请人支付5000元")
    with pytest.raises(WorkflowError) as err:  # 调解书 binding once served (第四十二条第三款)
        services.step(users["mediator"], tribunal, "seek_confirmation", facts={"confirm_by": "arbitration"})
    assert err.value.problems[0].field == "state"


def test_pages_offer_the_steps_and_the_party_sees_the_result(draft, users, bodies):
    case = _organisation_agreement(draft, users, bodies, dt.date.today())
    staff = Client()
    staff.force_login(users["mediator"])
    page = staff.get(f"/disputes/{case.pk}/").content.decode()
    assert "调解协议申请审查确认" in page and 'name="confirm_by"' in page
    r = staff.post(f"/disputes/{case.pk}/step/seek_confirmation/", {"confirm_by": "arbitration"})
    assert r.status_code == 302
    arb = Client()
    arb.force_login(users["arbitrator"])
    page = arb.get(f"/disputes/{case.pk}/").content.decode()
    assert "记录审查确认结果" in page and "确认有效" in page and "不予确认" in page
    r = arb.post(f"/disputes/{case.pk}/step/confirmation_result/", {"outcome": "refused"})
    assert r.status_code == 422 and "填写结果说明" in r.content.decode()  # the missing result named
    assert Case.objects.get(pk=case.pk).state == "confirming"
    arb.post(f"/disputes/{case.pk}/step/confirmation_result/", {"outcome": "refused", "result": "协议内容违反法律规定"})
    party = Client().get(f"/disputes/my/{case.token}/").content.decode()
    assert "调解协议的审查确认" in party and "不予确认" in party and "协议内容违反法律规定" in party


def test_window_intake_records_a_court_entrusted_case(orgs, users, bodies, settings, tmp_path):
    settings.MEDIA_ROOT = tmp_path
    arb = Client()
    arb.force_login(users["arbitrator"])
    form = {
        "organisation": orgs["xm"].pk, "dispute_type": "wages", "applicant_name": "陈小明",
        "applicant_id_number": "350203199003071236", "applicant_phone": "13800138000", "respondent_name": "厦门某公司",
        "requested": ["unpaid_wages"], "el_hire": "2024-05-06", "el_unpaid_wages": "2025-12 6000",
        "action": "submit", "received_from": bodies["court"].pk,
    }
    r = arb.post("/disputes/new/", form)
    assert r.status_code == 422 and "选择法院适用的程序" in r.content.decode()
    assert not Case.objects.exists()  # nothing half-saved
    r = arb.post("/disputes/new/", {**form, "procedure": "ordinary"})
    case = Case.objects.get()
    assert r.status_code == 302 and case.state == "entrusted" and case.court_procedure == "ordinary"
    page = arb.get(f"/disputes/{case.pk}/").content.decode()
    assert "委托调解结束，将调解结果退回人民法院" in page and "达成调解协议" in page
    arb.post(f"/disputes/{case.pk}/step/court_return/", {"outcome": "failed", "result": "双方对金额分歧较大"})
    party = Client().get(f"/disputes/my/{case.token}/").content.decode()
    assert "人民法院委托调解的结果" in party and "未达成调解协议" in party and "双方对金额分歧较大" in party


def test_the_case_page_takes_a_court_entrustment_of_a_draft(draft, users, bodies):
    arb = Client()
    arb.force_login(users["arbitrator"])
    page = arb.get(f"/disputes/{draft.pk}/").content.decode()
    assert "接受人民法院委托调解（诉调对接）" in page and 'name="court"' in page and 'name="procedure"' in page
    other = arb.post(f"/disputes/{draft.pk}/step/court_entrust/", {"court": bodies["fz_court"].pk, "procedure": "ordinary"})
    assert other.status_code == 404  # another city's court is not offered, nor taken
    r = arb.post(f"/disputes/{draft.pk}/step/court_entrust/", {"court": bodies["court"].pk, "procedure": "ordinary"})
    assert r.status_code == 302 and Case.objects.get(pk=draft.pk).state == "entrusted"
