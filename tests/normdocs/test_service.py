"""The service applies the workflow to stored documents: every action, its data, deadlines and audit."""

from __future__ import annotations

import datetime as dt
import io
import json

import pytest
from django.core.exceptions import PermissionDenied
from django.core.management import call_command

from renshe.normdocs import register, service
from renshe.normdocs.core import workflow
from renshe.normdocs.models import CleanupDecision, Filing, LegalityReview, NormativeDocument
from renshe.platform.audit.service import history
from renshe.platform.lawcalendar.models import TrackedDeadline
from renshe.rules.errors import RulesError

pytestmark = pytest.mark.django_db
D = dt.date


def test_full_lifecycle_records_every_step(make_doc, users):
    doc = make_doc("filed")
    assert doc.status == "filed"
    actions = [r.action for r in history(doc).order_by("at", "id")]
    assert actions == ["create", "submit", "review_pass", "approve", "publish", "file"]
    by_action = {r.action: r for r in history(doc)}
    assert by_action["submit"].before["status"] == "draft"
    assert by_action["submit"].after["status"] == "under_review"
    assert by_action["approve"].actor == users["leader"]
    assert by_action["publish"].after["number"] == "闽人社规〔2025〕1号"
    # review_pass leaves the status; the record still says what was decided.
    assert "审核结论：通过" in by_action["review_pass"].note


def test_review_due_is_15_working_days_on_the_calendar(make_doc):
    doc = make_doc("under_review")
    review = doc.current_review()
    # Submitted 2025-09-26 → 2025-10-23 (hand count in test_periods.test_review_due_across_national_day).
    assert (review.started_on, review.due_on) == (D(2025, 9, 26), D(2025, 10, 23))
    assert review.deadline.unit == "working_days" and review.deadline.length == 15
    assert "审核期限2025年10月23日" in history(doc).get(action="submit").note
    assert not review.overdue(D(2025, 10, 23)) and review.overdue(D(2025, 10, 24))


def test_concluding_a_review_closes_its_deadline_and_flags_a_short_review(make_doc, users):
    doc = make_doc("under_review")
    # 2025-09-26 → 09-30: 09-28 (补班), 09-29, 09-30 = 3 working days, fewer than 5.
    service.apply(doc, "review_revise", users["legal"], on=D(2025, 9, 30), opinion="第五条缺乏上位法依据")
    review = LegalityReview.objects.get(document=doc)
    assert (review.result, review.reviewer, review.finished_on) == ("revise", users["legal"], D(2025, 9, 30))
    assert review.too_short
    assert TrackedDeadline.objects.get(pk=review.deadline_id).is_open is False
    doc.refresh_from_db()
    assert doc.status == "draft"
    assert "审核时间少于5个工作日" in history(doc).get(action="review_revise").note


def test_reject_returns_to_draft_and_a_new_round_can_start(make_doc, users):
    doc = make_doc("under_review")
    service.apply(doc, "review_reject", users["legal"], on=D(2025, 10, 20), opinion="超越法定职权")
    doc = service.apply(doc, "submit", users["staff"], on=D(2025, 11, 3))
    assert doc.status == "under_review"
    assert [r.result for r in doc.reviews.order_by("started_on")] == ["reject", ""]


def test_leader_cannot_approve_before_the_review_passed(make_doc, users):
    doc = make_doc("under_review")
    with pytest.raises(workflow.TransitionError) as err:
        service.apply(doc, "approve", users["leader"])
    assert err.value.problems[0].field == "review_passed"
    doc.refresh_from_db()
    assert doc.status == "under_review"
    assert not history(doc).filter(action="approve").exists()


def test_forbidden_role_and_other_division_are_refused(make_doc, users, orgs):
    doc = make_doc("draft")
    # one answer to a wrong role: PermissionDenied (issue 12)
    with pytest.raises(PermissionDenied, match="处室工作人员"):
        service.apply(doc, "submit", users["legal"])
    with pytest.raises(workflow.TransitionError) as err:
        service.apply(doc, "submit", users["other_staff"])
    assert err.value.problems[0].field == "own_division"
    with pytest.raises(PermissionDenied):
        service.apply(doc, "submit", users["nobody"])
    with pytest.raises(workflow.TransitionError):
        service.create_draft(users["other_staff"], title="x", drafting_division=orgs["ldgxc"])


def test_an_opinion_is_required(make_doc, users):
    doc = make_doc("under_review")
    with pytest.raises(RulesError) as err:
        service.apply(doc, "review_pass", users["legal"], opinion="  ")
    assert err.value.problems[0].field == "opinion"
    assert LegalityReview.objects.get(document=doc).result == ""


def test_publish_checks_dates_validity_and_number(make_doc, users):
    make_doc("filed", title="已公布的另一文件", number="闽人社规〔2025〕9号")
    doc = make_doc("approved", title="福建省职业伤害保障试点经办规程（试行）")
    data = {
        "number": "闽人社规〔2025〕9号",
        "published_on": D(2025, 10, 20),
        "effective_from": D(2025, 10, 1),
        # 试行: effective 2025-10-01 + 2 years → last day 2027-09-30; one day more is refused.
        "valid_until": D(2027, 10, 1),
    }
    with pytest.raises(RulesError) as err:
        service.apply(doc, "publish", users["staff"], **data)
    fields = {p.field for p in err.value.problems}
    assert fields == {"effective_from", "valid_until", "number"}
    assert "不超过2年" in next(p.zh for p in err.value.problems if p.field == "valid_until")
    doc.refresh_from_db()
    assert (doc.status, doc.number) == ("approved", "")
    ok = {
        **data,
        "number": "闽人社规〔2025〕10号",
        "effective_from": D(2025, 11, 1),
        "valid_until": D(2027, 10, 31),
    }
    assert service.apply(doc, "publish", users["staff"], **ok).status == "published"


def test_filing_due_and_overdue_detection(make_doc, users):
    doc = make_doc("published")
    # Published 2025-10-20 → due 2025-11-19 (hand count in test_periods).
    assert doc.filing_deadline.due == D(2025, 11, 19)
    assert not doc.filing_overdue(D(2025, 11, 19))
    assert doc.filing_overdue(D(2025, 11, 20))
    assert list(register.overdue_filings(D(2025, 11, 20))) == [doc]
    assert list(register.overdue_filings(D(2025, 11, 19))) == []
    doc = service.apply(doc, "file", users["legal"], on=D(2025, 12, 2), filed_with="福建省人民政府")
    filing = Filing.objects.get(document=doc)
    assert (filing.due_on, filing.late) == (D(2025, 11, 19), True)
    assert doc.filing_overdue(D(2026, 1, 1))  # filed, but late
    assert "逾期" in history(doc).get(action="file").note
    assert list(register.overdue_filings(D(2025, 12, 3))) == []


def test_filing_on_time(make_doc):
    doc = make_doc("filed")  # filed 2025-11-10, due 2025-11-19
    assert not doc.filing_overdue(D(2026, 1, 1))
    assert doc.filings.get().late is False


@pytest.mark.parametrize(
    ("state", "decision"),
    [("retained", "retain"), ("amended", "amend"), ("repealed", "repeal"), ("expired", "declare_expired")],
)
def test_cleanup_decisions(make_doc, users, state, decision):
    doc = make_doc(state)
    assert doc.status == state
    c = CleanupDecision.objects.get(document=doc)
    assert (c.year, c.decision, c.decided_by) == (2025, decision, users["legal"])
    assert history(doc).get(action=decision).after["status"] == state


def test_retained_documents_can_be_cleaned_up_again_and_final_ones_cannot(make_doc, users):
    doc = make_doc("retained")
    doc = service.apply(doc, "retain", users["leader"], on=D(2026, 12, 1), reason="继续有效")
    doc = service.apply(doc, "repeal", users["leader"], on=D(2027, 3, 1), reason="被替代")
    assert [c.year for c in doc.cleanups.order_by("year", "id")] == [2025, 2026, 2027]
    with pytest.raises(workflow.TransitionError):
        service.apply(doc, "retain", users["leader"], reason="x")
    with pytest.raises(RulesError) as err:
        service.apply(make_doc("filed", number="闽人社规〔2025〕2号", title="另一"), "retain", users["legal"])
    assert err.value.problems[0].field == "reason"


def test_a_failed_step_leaves_no_trace(make_doc, users):
    doc = make_doc("published")
    before = history(doc).count()
    with pytest.raises(RulesError):
        service.apply(doc, "file", users["legal"], on=D(2025, 10, 1), filed_with="福建省人民政府")
    doc.refresh_from_db()
    assert doc.status == "published"
    assert history(doc).count() == before
    assert not Filing.objects.filter(document=doc).exists()


def _in_force(orgs, title, until, status="filed"):
    return NormativeDocument.objects.create(
        title=title, drafting_division=orgs["ldgxc"], status=status, valid_until=until
    )


def test_expiry_warning_list_and_command(orgs):
    today = D(2026, 11, 26)
    soon = _in_force(orgs, "三十天内到期", D(2026, 12, 26))
    _in_force(orgs, "三十一天后到期", D(2026, 12, 27))
    _in_force(orgs, "已废止", D(2026, 12, 1), status="repealed")
    _in_force(orgs, "已过期", D(2026, 11, 25))
    last_day = _in_force(orgs, "今天最后一天", today, status="retained")
    assert list(register.expiring(today, 30)) == [last_day, soon]
    out = io.StringIO()
    call_command("normdocs_expiry_warnings", "--days", "30", "--on", "2026-11-26", "--json", stdout=out)
    rows = json.loads(out.getvalue())
    assert [(r["title"], r["days_left"]) for r in rows] == [("今天最后一天", 0), ("三十天内到期", 30)]
    out = io.StringIO()
    # Default window: normdocs.expiry_warning_days = 180 → 2026-11-26 + 180 days = 2027-05-25.
    call_command("normdocs_expiry_warnings", "--on", "2026-11-26", stdout=out)
    assert "三十一天后到期" in out.getvalue()


def test_yearly_statistics(make_doc, users):
    # 2025: doc A filed (review passed 10-17, filed 11-10); doc B retained in 2025 (also reviewed
    # and filed in 2025); doc C reviewed twice (revise 09-30, pass 10-17) → counts once as a document.
    make_doc("filed", title="A", number="闽人社规〔2025〕1号")
    make_doc("retained", title="B", number="闽人社规〔2025〕2号")
    c = make_doc("under_review", title="C", number="")
    service.apply(c, "review_revise", users["legal"], on=D(2025, 9, 30), opinion="修改")
    service.apply(c, "submit", users["staff"], on=D(2025, 10, 9))
    service.apply(c, "review_pass", users["legal"], on=D(2025, 10, 17), opinion="同意")
    rows = {r.year: r for r in register.statistics()}
    assert set(rows) == {2025}
    r = rows[2025]
    assert (r.published, r.reviewed, r.filed, r.filed_late) == (2, 3, 2, 0)
    assert r.review_results == {"pass": 3, "revise": 1}
    assert (r.cleanup, r.cleaned, r.cleanup_text) == ({"retain": 1}, 1, "保留1件")


def test_demo_loader_is_idempotent():
    from renshe.normdocs import demo_load as demo

    out = io.StringIO()
    demo.load(out)
    demo.load(out)
    assert NormativeDocument.objects.filter(demo=True).count() == len(demo.DOCUMENTS) == 15
    assert {d.status for d in NormativeDocument.objects.all()} == set(workflow.STATE_LABELS)
    # 闽人社规〔2025〕4号: published 2025-10-20, due 2025-11-19, filed 2025-12-02 → late.
    assert Filing.objects.get(document__number="闽人社规〔2025〕4号").late


def test_expiry_warnings_land_in_the_todo_once(orgs, users):
    from renshe.normdocs.warnings import notify_expiring
    from renshe.platform.workflow import inbox

    today = D(2026, 11, 26)
    doc = _in_force(orgs, "三十天内到期", D(2026, 12, 26))
    _in_force(orgs, "已过期", D(2026, 11, 25))
    # default window 180 days (normdocs.expiry_warning_days): only the first is warned about
    assert notify_expiring(today) == 1
    assert notify_expiring(today) == 1  # the next day's run adds nothing new
    for who in ("staff", "legal"):  # the drafting division (劳动关系处) and the legal office's staff
        [item] = inbox.items_for(users[who], today)
        assert (item.kind, item.due, item.url) == ("notice", D(2026, 12, 26), f"/normdocs/{doc.pk}/")
        assert "三十天内到期" in item.title and "还有30天" in item.body
    assert inbox.items_for(users["other_staff"], today) == []  # another division


def test_the_expiry_schedule_notifies():
    from django_q.models import Schedule

    assert Schedule.objects.get(name="normdocs_expiry_warnings").func == "renshe.normdocs.warnings.notify_expiring"


def test_a_document_under_review_is_in_the_legal_offices_todo_with_its_clock(make_doc, users):
    from renshe.platform.workflow import inbox

    doc = make_doc("draft")
    service.apply(doc, "submit", users["staff"], on=D(2026, 2, 2))
    # normdocs.review_max_working_days from Mon 2026-02-02, counted on the Spring Festival calendar
    clock = doc.current_review().deadline
    [item] = inbox.items_for(users["legal"], D(2026, 2, 3))
    assert (item.title, item.due, item.steps) == (doc.title, clock.due, ["审核通过", "退回修改", "不予通过"])
    assert clock.param == "normdocs.review_max_working_days" and clock.basis
    assert inbox.items_for(users["staff"], D(2026, 2, 3)) == []  # nothing for the drafter to do now
