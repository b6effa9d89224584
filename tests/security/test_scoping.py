"""Issue 13, item 4: scoping at the root.

- ``/arrears/rating/`` rates only the contractors of warnings in the user's part of the
  province (it showed the whole province to a city inspector, a city leader and a housing
  bureau); read from a real store.
- The admin's audit records show only records about objects of the user's organisations
  (they showed other cities' alerts with their before/after).
"""

from __future__ import annotations

import pytest
from django.test import Client

from tests.arrears.alerts.factories import store_with_warnings, warning

FUZHOU, XIAMEN = "350102", "350206"


@pytest.fixture
def store(tmp_path, monkeypatch):
    ws = [warning(1, region=FUZHOU, contractor_id=11, contractor_name="福州甲建设"),
          warning(2, region=XIAMEN, contractor_id=22, contractor_name="厦门乙建设")]
    path = store_with_warnings(tmp_path / "store.duckdb", ws)
    monkeypatch.setenv("RENSHE_ARREARS_STORE", str(path))
    return path


@pytest.mark.django_db
@pytest.mark.parametrize("user,sees,not_sees", [
    ("inspector.fz", "福州甲建设", "厦门乙建设"),
    ("leader.fz", "福州甲建设", "厦门乙建设"),
    ("inspector.xm", "厦门乙建设", "福州甲建设"),
    ("housing.xm", "厦门乙建设", "福州甲建设"),
])
def test_rating_is_scoped_to_the_users_organisation(demo, store, user, sees, not_sees):
    client = Client()
    client.force_login(demo[user])
    for url in ("/arrears/rating/", "/arrears/rating/?export=rating"):
        r = client.get(url)
        assert r.status_code == 200
    page = client.get("/arrears/rating/").content.decode()
    assert sees in page and not_sees not in page


@pytest.mark.django_db
def test_the_province_sees_every_contractor(demo, store):
    client = Client()
    client.force_login(demo["leader"])
    page = client.get("/arrears/rating/").content.decode()
    assert "福州甲建设" in page and "厦门乙建设" in page


@pytest.mark.django_db
def test_admin_audit_records_are_scoped_by_the_objects_organisation(demo, tmp_path):
    from renshe.arrears import workflow
    from renshe.arrears.models import Alert
    from renshe.platform.audit.models import AuditRecord
    from tests.arrears.alerts.factories import make_store

    store = make_store(tmp_path / "s.duckdb")
    workflow.dispatch_warnings([warning(project_id=1, region=FUZHOU), warning(project_id=2, region=XIAMEN)],
                               store=store)
    fz, xm = Alert.objects.get(project_id=1), Alert.objects.get(project_id=2)
    assert AuditRecord.objects.filter(object_id__in=[str(fz.pk), str(xm.pk)]).count() >= 2
    seen = {}
    for user in ("leader.fz", "leader"):
        client = Client()
        client.force_login(demo[user])
        r = client.get("/admin/audit/auditrecord/")
        assert r.status_code == 200
        seen[user] = r.content.decode()
        detail = client.get(f"/admin/audit/auditrecord/{AuditRecord.objects.filter(object_id=str(xm.pk)).first().pk}/change/")
        assert detail.status_code == (200 if user == "leader" else 302)  # the admin redirects a record it cannot find
    assert str(fz) in seen["leader.fz"] and str(xm) not in seen["leader.fz"]
    assert str(fz) in seen["leader"] and str(xm) in seen["leader"]
