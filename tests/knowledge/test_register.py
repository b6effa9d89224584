"""Normative-document register: statutory steps, separation of duties, audit, warnings, statistics."""

import datetime as dt
import io

import pytest
from django.contrib.auth.models import Permission

from renshe.knowledge import demo, register
from renshe.knowledge.models import NormativeDocument
from renshe.platform.audit.models import AuditRecord
from renshe.rules.errors import RulesError

pytestmark = pytest.mark.django_db
S = NormativeDocument.State


def user(django_user_model, name, *perms):
    u = django_user_model.objects.create_user(name, password="x" * 12)
    u.user_permissions.add(
        *Permission.objects.filter(content_type__app_label="knowledge", codename__in=perms)
    )
    return django_user_model.objects.get(pk=u.pk)  # fresh permission cache


@pytest.fixture
def people(django_user_model):
    return {
        "drafter": user(django_user_model, "drafter", "view_normativedocument"),
        "legal": user(django_user_model, "legal", "view_normativedocument", "review_legality"),
        "office": user(
            django_user_model,
            "office",
            "view_normativedocument",
            "change_normativedocument",
            "file_record",
            "clean_up",
        ),
    }


@pytest.fixture
def draft(people):
    return NormativeDocument.objects.create(
        title="福建省工伤保险待遇调整办法", drafting_unit="工伤保险处", drafter=people["drafter"]
    )


def published(doc, people, **extra):
    register.act(doc, people["drafter"], "submit", {"on": "2026-03-02"})
    register.act(doc, people["legal"], "review", {"result": "pass", "opinion": "符合上位法"})
    register.act(doc, people["office"], "approve", {"opinion": "厅长办公会审议通过"})
    data = {
        "number": "闽人社规〔2026〕1号",
        "published_on": "2026-03-20",
        "effective_from": "2026-04-01",
        **extra,
    }
    return register.act(doc, people["office"], "publish", data)


def test_full_path_is_audited_step_by_step(draft, people):
    doc = published(draft, people)
    # review period: 15 working days after 2026-03-02 (no holidays in March 2026) → 2026-03-23
    assert doc.review_due == dt.date(2026, 3, 23)
    # five-year validity from 2026-04-01 → last day 2031-03-31; filing within 30 days of 2026-03-20 → 2026-04-19
    assert doc.valid_until == dt.date(2031, 3, 31) and doc.filing_due == dt.date(2026, 4, 19)
    doc = register.act(
        doc, people["office"], "file", {"filing_authority": "福建省司法厅", "filed_on": "2026-04-10"}
    )
    assert doc.state == S.FILED
    actions = list(
        AuditRecord.objects.filter(object_id=str(doc.pk)).order_by("id").values_list("action", flat=True)
    )
    assert actions == ["submit", "review", "approve", "publish", "file"]
    assert AuditRecord.objects.filter(object_id=str(doc.pk), action="review").get().actor == people["legal"]


def test_returned_draft_goes_back_to_review(draft, people):
    register.act(draft, people["drafter"], "submit")
    doc = register.act(draft, people["legal"], "review", {"result": "amend", "opinion": "第五条超出上位法"})
    assert doc.state == S.RETURNED
    assert register.act(doc, people["drafter"], "submit").state == S.REVIEWING


def test_drafter_cannot_review_own_draft(draft, people, django_user_model):
    both = user(
        django_user_model, "both", "view_normativedocument", "review_legality", "change_normativedocument"
    )
    draft.drafter = both
    draft.save()
    register.act(draft, both, "submit")
    with pytest.raises(RulesError) as err:
        register.act(draft, both, "review", {"result": "pass", "opinion": "ok"})
    assert err.value.problems[0].field == "reviewer"


@pytest.mark.parametrize(
    ("action", "who", "field"),
    [
        ("review", "legal", "action"),
        ("approve", "drafter", "action"),
        ("publish", "office", "action"),
        ("fly", "office", "action"),
    ],
)
def test_wrong_step_or_person_is_refused_and_nothing_changes(draft, people, action, who, field):
    with pytest.raises(RulesError) as err:
        register.act(draft, people[who], action, {})
    assert err.value.problems[0].field == field
    draft.refresh_from_db()
    assert draft.state == S.DRAFTING and not AuditRecord.objects.exists()


def test_publish_checks_dates_and_trial_validity(draft, people):
    draft.trial = True
    draft.save()
    with pytest.raises(RulesError) as err:
        published(draft, people, effective_from="2026-03-01")
    assert err.value.problems[0].field == "effective_from"
    doc = NormativeDocument.objects.get(pk=draft.pk)
    assert doc.state == S.APPROVED  # the failed step rolled back, the earlier ones stand
    doc = register.act(
        doc,
        people["office"],
        "publish",
        {"number": "闽人社规〔2026〕2号", "published_on": "2026-03-20", "effective_from": "2026-04-01"},
    )
    assert doc.valid_until == dt.date(2028, 3, 31)  # 暂行/试行: two years


def test_expiry_warning_overdue_filing_and_expiry(draft, people):
    doc = published(draft, people, valid_until="2026-06-30")
    assert list(register.overdue_filing(dt.date(2026, 4, 20))) == [doc]
    assert list(register.expiring(dt.date(2026, 4, 1))) == [doc]  # 90 days ahead reaches 2026-06-30
    assert not register.expiring(dt.date(2026, 3, 1))
    assert register.expire(dt.date(2026, 7, 1)) == 1
    doc.refresh_from_db()
    assert doc.state == S.EXPIRED
    assert AuditRecord.objects.filter(object_id=str(doc.pk), action="expire", actor=None).exists()


def test_cleanup_and_yearly_statistics(draft, people):
    doc = published(draft, people)
    register.act(
        doc, people["office"], "file", {"filing_authority": "福建省司法厅", "filed_on": "2026-04-25"}
    )
    other = NormativeDocument.objects.create(
        title="旧办法", drafting_unit="法规处", drafter=people["drafter"]
    )
    register.act(other, people["drafter"], "submit")
    register.act(other, people["legal"], "review", {"result": "amend", "opinion": "需修改"})
    register.act(
        doc, people["office"], "cleanup", {"decision": "repeal", "reason": "上位法已修改", "year": 2026}
    )
    doc.refresh_from_db()
    assert doc.state == S.REPEALED
    year = dt.date.today().year
    stats = register.yearly_statistics(year)
    assert stats["reviewed"] == 2 and stats["returned"] == 1  # both opinions are dated today
    s2026 = register.yearly_statistics(2026)
    assert s2026["published"] == 1 and s2026["filed"] == 1 and s2026["filed_late"] == 1
    assert s2026["cleanup"] == {"retain": 0, "amend": 0, "repeal": 1} and s2026["cleaned_up"] == 1


def test_pages_need_login_and_steps_work_from_the_page(client, draft, people):
    r = client.get("/knowledge/register/")
    assert r.status_code == 302 and r["Location"].startswith("/accounts/login/")
    client.force_login(people["drafter"])
    assert client.get("/knowledge/register/").status_code == 200
    page = client.get(f"/knowledge/register/{draft.pk}/").content.decode()
    assert "送合法性审核" in page and "公布施行</button>" not in page
    client.post(f"/knowledge/register/{draft.pk}/act/", {"action": "submit"})
    draft.refresh_from_db()
    assert draft.state == S.REVIEWING
    r = client.post(
        f"/knowledge/register/{draft.pk}/act/", {"action": "review", "result": "pass"}, follow=True
    )
    assert "没有合法性审核的权限" in r.content.decode()


def test_demo_register_shows_an_expiring_document():
    demo.load(io.StringIO())
    demo.load(io.StringIO())
    assert NormativeDocument.objects.count() == 3
    assert register.expiring().count() == 1
