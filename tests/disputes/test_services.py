"""Applications, elements, claims and agreements through the services: checks, audit, scope."""

from __future__ import annotations

from decimal import Decimal

import pytest
from django.core.exceptions import PermissionDenied
from django.core.files.uploadedfile import SimpleUploadedFile

from renshe.disputes import services
from renshe.disputes.models import Case, ClaimOverride, Element
from renshe.platform.audit.models import AuditRecord
from renshe.rules.errors import RulesError
from tests.disputes.conftest import application, pdf_file

pytestmark = pytest.mark.django_db


def test_filing_checks_and_numbers_the_application(filed_case, orgs):
    c = filed_case
    assert c.state == Case.State.APPLIED and c.received_on is not None
    assert c.number == f"（{c.received_on.year}）350200劳人仲申字第000001号"
    assert c.elements.get(key="hire").value == "2024-05-06"
    assert c.elements.get(key="unpaid_wages").value == [{"month": "2025-12", "amount": 6000.0}, {"month": "2026-01", "amount": 6000.0}]
    assert c.evidence.get().content_type == "application/pdf"
    assert AuditRecord.objects.filter(object_id=str(c.pk), action="submit").exists()


def test_bad_application_is_refused_whole_and_nothing_saved(orgs, settings, tmp_path):
    settings.MEDIA_ROOT = tmp_path
    bad = application(
        orgs, applicant_id_number="350203199003071235", respondent_credit_code="914403001922038217",
        applicant_phone="12345", requested=[], statements={"hire": "2026-02-01", "end": "2025-01-01"},
    )
    exe = SimpleUploadedFile("合同.pdf", b"MZ\x90\x00 not a pdf", content_type="application/pdf")
    with pytest.raises(RulesError) as err:
        services.save_application(bad, [exe], submit=True)
    fields = {p.field for p in err.value.problems}
    assert {"applicant_id_number", "respondent_credit_code", "applicant_phone", "requested", "end"} <= fields
    assert Case.objects.count() == 0 and AuditRecord.objects.count() == 0
    with pytest.raises(RulesError) as err:
        services.save_application(application(orgs), [exe], submit=True)
    assert err.value.problems[0].field == "evidence" and "不是允许的类型" in err.value.problems[0].zh
    assert Case.objects.count() == 0


def test_draft_saved_then_filed(orgs, settings, tmp_path):
    settings.MEDIA_ROOT = tmp_path
    draft = services.save_application(
        services.Application(applicant_name="陈小明", statements={"hire": "2024-05-06"}), [], submit=False
    )
    assert draft.state == Case.State.DRAFT and draft.number == "" and len(draft.token) >= 32
    filed = services.save_application(application(orgs), [pdf_file()], case=draft, submit=True)
    assert filed.pk == draft.pk and filed.state == Case.State.APPLIED
    with pytest.raises(RulesError):
        services.save_application(application(orgs), [], case=filed, submit=True)


def record_all(case, user):
    for key, value, status in (
        ("hire", "2024-05-06", "agreed"), ("end", "2026-01-31", "agreed"), ("monthly_wage", "6000", "proven"),
        ("termination", "unlawful", "disputed"), ("signed", "", "agreed"),
        ("unpaid_wages", "2025-12 6000\n2026-01 6000", "agreed"),
        ("local_avg_monthly_wage", "9000", "proven"),
    ):
        services.record_element(user, case, key, applicant_says="", respondent_says="", status=status, value_text=value,
                                finding="单位未提出解除理由，属违法解除" if status == "disputed" else "", evidence_ids=[])


def test_elements_drive_the_claims(filed_case, users):
    record_all(filed_case, users["mediator"])
    filed_case.refresh_from_db()
    claims = {c["kind"]: c["amount"] for c in filed_case.claims["claims"]}
    # as in tests/rules/test_dispute_claims.py: 12000 unpaid, 11 × 6000 double wage, 2 × 2 × 6000 damages
    assert claims == {"unpaid_wages": 12000.0, "double_wages": 66000.0, "damages": 24000.0}
    # Xiamen's minimum wage on the filing day (parameter, 2265 from 2025-04-01) × 12
    assert filed_case.claims["final_award_limit"] == 27180.0
    # the wage is corrected: claims follow (damages 2 months × 2 × 5500 = 22000)
    services.record_element(users["mediator"], filed_case, "monthly_wage", applicant_says="", respondent_says="5000",
                            status="disputed", value_text="5500", finding="工资流水显示月均5500元", evidence_ids=[])
    filed_case.refresh_from_db()
    assert {c["kind"]: c["amount"] for c in filed_case.claims["claims"]}["damages"] == 22000.0


def test_override_is_the_arbitrators_and_audited(filed_case, users):
    record_all(filed_case, users["mediator"])
    filed_case.refresh_from_db()
    with pytest.raises(PermissionDenied):
        services.override_claim(users["mediator"], filed_case, "damages", Decimal("20000"), "理由")
    with pytest.raises(PermissionDenied):
        services.override_claim(users["arbitrator_fz"], filed_case, "damages", Decimal("20000"), "理由")
    with pytest.raises(RulesError):
        services.override_claim(users["arbitrator"], filed_case, "damages", Decimal("20000"), " ")
    services.override_claim(users["arbitrator"], filed_case, "damages", Decimal("20000"), "双方确认工作年限按1年计")
    adopted = {c["kind"]: c for c in services.adopted_claims(filed_case)}
    assert adopted["damages"]["amount"] == 20000.0 and adopted["damages"]["computed_amount"] == 24000.0
    audit = AuditRecord.objects.get(action="override_claim")
    assert audit.before == {"damages": 24000.0} and audit.after == {"damages": "20000"} and audit.actor == users["arbitrator"]
    assert ClaimOverride.objects.count() == 1


def test_other_city_and_other_roles_cannot_touch_the_case(filed_case, users):
    for who in ("arbitrator_fz", "inspector"):
        with pytest.raises(PermissionDenied):
            services.record_element(users[who], filed_case, "hire", applicant_says="", respondent_says="", status="agreed",
                                    value_text="2024-05-06", finding="", evidence_ids=[])
    assert not Element.objects.filter(case=filed_case, status="agreed").exists()


def test_agreement_recorded(filed_case, users):
    with pytest.raises(RulesError):  # not before acceptance (nor referral)
        services.record_agreement(users["mediator"], filed_case, "被申请人支付申请人30000元。")
    services.step(users["arbitrator"], filed_case, "accept")
    services.record_agreement(users["mediator"], filed_case, "被申请人于2026年3月20日前支付申请人30000元。")
    filed_case.refresh_from_db()
    assert filed_case.state == Case.State.MEDIATED and filed_case.mediated_on is not None
    with pytest.raises(RulesError):
        services.record_agreement(users["mediator"], filed_case, "")
