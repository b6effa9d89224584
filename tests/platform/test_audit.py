"""The audit record: a change written with audit.service.record shows in the admin and on staff pages."""

from __future__ import annotations

from html import unescape

from django.db import transaction
from django.template import Context, Template

from renshe.platform.accounts.models import Organisation
from renshe.platform.audit.models import AuditRecord
from renshe.platform.audit.service import record, snapshot


def _rename(org: Organisation, actor, name: str) -> AuditRecord:
    with transaction.atomic():
        before = snapshot(org)
        org.name = name
        org.save()
        return record(actor, org, "rename", before=before, after=snapshot(org), note="机构更名")


def test_recorded_change_appears_in_admin_with_before_and_after(client, demo):
    org = Organisation.objects.get(code="350000-bgs")
    rec = _rename(org, demo["admin"], "办公室（信访处）")
    assert rec.before == {"name": "办公室"} and rec.after == {"name": "办公室（信访处）"}  # only what changed

    client.force_login(demo["admin"])
    listing = client.get("/admin/audit/auditrecord/").content.decode()
    assert "rename" in listing and "办公室（信访处）" in listing
    page = client.get(f"/admin/audit/auditrecord/{rec.pk}/change/")
    assert page.status_code == 200
    html = unescape(page.content.decode())
    assert "变更前" in html and "变更后" in html
    # issue 18 item 8: no JSON, the field by its label (Organisation.name's verbose name)
    assert '{"name"' not in html
    label = Organisation._meta.get_field("name").verbose_name
    assert f"<tr><td>{label}</td><td>办公室</td><td>办公室（信访处）</td></tr>" in html  # the changes table
    assert 'name="_save"' not in html  # read-only: evidence is not edited
    assert client.post(f"/admin/audit/auditrecord/{rec.pk}/delete/").status_code == 403


def test_legal_office_may_read_the_audit_but_a_mediator_may_not_use_the_admin(client, demo):
    rec = _rename(Organisation.objects.get(code="350000-bgs"), demo["admin"], "办公室2")
    client.force_login(demo["legal"])
    assert client.get(f"/admin/audit/auditrecord/{rec.pk}/change/").status_code == 200
    client.force_login(demo["mediator.xm"])
    assert client.get("/admin/").status_code == 302  # to the admin login, which refuses:
    assert client.get("/admin/login/?next=/admin/").status_code == 403


def test_history_snippet_lists_changes(demo):
    org = Organisation.objects.get(code="350200")
    _rename(org, demo["admin"], "厦门市人社局")
    _rename(org, None, "厦门市")
    html = Template("{% load audit %}{% audit_history org %}").render(Context({"org": org}))
    assert html.count("<li") == 2
    assert "系统" in html  # the second change had no actor
    assert "管理员" in html  # the admin's full name, surname first (管 + 理员)
    assert "厦门市人社局" in html and "rename" in html and "机构更名" in html
    empty = Template("{% load audit %}{% audit_history org %}").render(
        Context({"org": Organisation.objects.get(code="350100")})
    )
    assert "暂无记录" in empty
