"""Issue 13, item 4: scoping at the root.

- ``/arrears/rating/`` rates only the contractors of warnings in the user's part of the
  province (it showed the whole province to a city inspector, a city leader and a housing
  bureau); read from a real store.
- The admin's audit records show only records about objects of the user's organisations
  (they showed other cities' alerts with their before/after).
"""

from __future__ import annotations

import pandas as pd
import pytest
from django.test import Client

from renshe.arrears.core import lake, published

FUZHOU, XIAMEN = "350102", "350206"


@pytest.fixture
def store(tmp_path, monkeypatch):
    """A store whose published run has one red warning in Fuzhou and one in Xiamen."""
    path = tmp_path / "store"
    rows, names = [], []
    for pid, cid, region, name in ((1, 11, FUZHOU, "福州甲建设"), (2, 22, XIAMEN, "厦门乙建设")):
        rows.append({"warning_id": f"{pid}-2025-09", "project_id": pid, "contractor_id": cid, "region_code": region,
                     "month": "2025-09", "level": "red", "score": 80.0, "indicators": []})
        names.append({"project_id": pid, "contractor_id": cid, "region_code": region, "project_name": f"项目{pid}",
                      "contractor_name": name, "city": None, "county": None})
    run = {"run_id": "r1", "engine": "duckdb", "as_of": "2025-10-31", "lake_version": 0}
    empty = pd.DataFrame({"project_id": pd.Series([], dtype="int64")})
    published.publish(lake.Lake(path), run, {
        "warnings": published.warnings_frame(rows, pd.DataFrame(names), run),
        "values": empty, "state_pm": empty, "state_gc": empty})
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
